// The `compute:` area of the spec: ECS clusters and Fargate services, load balancers.
#pragma once

#include <string>
#include <vector>

#include "spec/located.hpp"

namespace aip::spec {

// Other areas refer to these by name (edge: WAF association; observability:
// alarms), so `name`, `location`, `vpc` and `account` keep these names. The
// compute area adds everything else.
struct LoadBalancer {
  std::string name;
  Location location;
  Located<std::string> vpc;
};

struct Service {
  std::string name;
  Location location;
  Located<std::string> cluster;
};

struct EcsCluster {
  std::string name;
  Location location;
  Located<std::string> vpc;
};

struct Compute {
  Location location;  // where `compute:` was written; invalid when absent
  std::vector<EcsCluster> clusters;
  std::vector<Service> services;
  std::vector<LoadBalancer> load_balancers;
};

}  // namespace aip::spec
