// The element of the spec an alarm or a dashboard widget reads a metric of:
// where it lives and the CloudWatch dimensions that name it, imported from
// the stack that holds it (plan/observability.cpp, plan/dashboards.cpp).
#pragma once

#include <string>

#include "cfn/model.hpp"
#include "plan/resource_helpers.hpp"
#include "spec/spec.hpp"

namespace aip::plan {

// What is read: `key` is the spec key naming it (load_balancer, service,
// database, web_acl, api, function, distribution, bucket), `name` its value.
// A service is named by its load balancer and target group (ALB metrics), or
// with `ecs` by its cluster and service names (ECS and Container Insights).
struct WatchTarget {
  std::string key;
  std::string name;
  bool ecs = false;
};

struct Watched {
  Env env;
  cfn::Json dimensions = cfn::Json::array();
  std::string what;  // for descriptions and titles
};

// Where the target lives (checked: the spec passed check_spec).
Env watched_env(const spec::Spec& spec, const WatchTarget& t);
// Its environment and dimensions; references are imported into `into`.
Watched watched(const spec::Spec& spec, cfn::Assembly& assembly, cfn::Stack& into, const WatchTarget& t);

}  // namespace aip::plan
