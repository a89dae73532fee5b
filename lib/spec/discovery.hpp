// The `discovery:` area of the spec: Cloud Map private DNS namespaces in a VPC
// of the spec (seed 004's `app-dw.internal`). ECS services register in one by
// name (`discovery: NAMESPACE` on the service: `<service>.<domain>`), and a
// service that `calls:` another gets the security group rules to reach it and
// its DNS name in an environment variable (SERVICE_<NAME>_HOST).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "spec/located.hpp"

namespace aip::spec {

struct Namespace {
  std::string name;
  Location location;
  Located<std::string> vpc;
  Located<std::string> domain;  // the DNS name, e.g. app-dw.internal
  Located<std::string> description;
  Located<int> ttl{10, {}};     // seconds, of the services' A records
  Tags tags;
};

struct Discovery {
  Location location;  // where `discovery:` was written; invalid when absent
  std::vector<Namespace> namespaces;

  const Namespace* find(std::string_view name) const {
    for (const Namespace& n : namespaces) {
      if (n.name == name) return &n;
    }
    return nullptr;
  }
};

}  // namespace aip::spec
