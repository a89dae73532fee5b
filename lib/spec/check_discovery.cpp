// Checks of the `discovery:` area: each namespace's VPC and domain, and the
// services' `discovery:` (where they register) and `calls:` (whom they call).
#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "base/did_you_mean.hpp"
#include "spec/load.hpp"
#include "spec/placement.hpp"

namespace aip::spec {
namespace check_discovery_cpp {

const Service* find_service(const Spec& spec, std::string_view name) {
  for (const Service& s : spec.compute.services) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

std::string vpc_of(const Spec& spec, const Service& s) {
  const EcsCluster* cl = spec.compute.find_cluster(s.cluster.value);
  return cl != nullptr ? cl->vpc.value : "";
}

void check_service(const Spec& spec, const Service& s, Diagnostics& diags) {
  const std::string what = fmt::format("service '{}'", s.name);
  if (!s.discovery.value.empty()) {
    const Namespace* ns = spec.discovery.find(s.discovery.value);
    if (ns == nullptr) {
      diags.error(s.discovery.location,
                  fmt::format("{} registers in namespace '{}', which is not defined{}", what, s.discovery.value,
                              did_you_mean(s.discovery.value, names_of(spec.discovery.namespaces))));
    } else if (const std::string vpc = vpc_of(spec, s); !vpc.empty() && vpc != ns->vpc.value) {
      Diagnostic& d = diags.error(s.discovery.location, fmt::format("{} runs in vpc '{}'; namespace '{}' answers in "
                                                                    "vpc '{}'",
                                                                    what, vpc, ns->name, ns->vpc.value));
      d.notes.push_back({Severity::note, ns->location, "namespace declared here", {}});
    }
  }
  std::vector<std::string> seen;
  for (const Located<std::string>& call : s.calls) {
    if (std::find(seen.begin(), seen.end(), call.value) != seen.end()) {
      diags.error(call.location, fmt::format("{} lists '{}' twice in 'calls'", what, call.value));
      continue;
    }
    seen.push_back(call.value);
    const Service* target = find_service(spec, call.value);
    if (target == nullptr) {
      diags.error(call.location, fmt::format("{} calls service '{}', which is not defined{}", what, call.value,
                                             did_you_mean(call.value, names_of(spec.compute.services))));
      continue;
    }
    if (target == &s) {
      diags.error(call.location, fmt::format("{} calls itself; list the services it calls", what));
      continue;
    }
    if (target->discovery.value.empty()) {
      Diagnostic& d = diags.error(call.location, fmt::format("{} calls service '{}', which registers in no "
                                                             "namespace; give it 'discovery: NAMESPACE'",
                                                             what, target->name));
      d.notes.push_back({Severity::note, target->location, "service declared here", {}});
    } else if (!target->app.port) {
      diags.error(call.location, fmt::format("{} calls service '{}', which has no 'port' to call", what, target->name));
    } else if (vpc_of(spec, s) != vpc_of(spec, *target)) {
      diags.error(call.location, fmt::format("{} (vpc '{}') cannot call service '{}' in vpc '{}' by name", what,
                                             vpc_of(spec, s), target->name, vpc_of(spec, *target)));
    }
  }
}

}  // namespace check_discovery_cpp

void check_discovery(const Spec& spec, Diagnostics& diags) {
  using namespace check_discovery_cpp;
  std::map<std::pair<std::string, std::string>, const Namespace*> domains;
  for (const Namespace& ns : spec.discovery.namespaces) {
    if (spec.find_vpc(ns.vpc.value) == nullptr) {
      diags.error(ns.vpc.location, fmt::format("namespace '{}' refers to vpc '{}', which is not defined{}", ns.name,
                                               ns.vpc.value, did_you_mean(ns.vpc.value, names_of(spec.network.vpcs))));
    }
    auto [it, inserted] = domains.emplace(std::make_pair(ns.vpc.value, ns.domain.value), &ns);
    if (!inserted) {
      Diagnostic& d = diags.error(ns.domain.location, fmt::format("namespaces '{}' and '{}' both answer for '{}' in "
                                                                  "vpc '{}'",
                                                                  it->second->name, ns.name, ns.domain.value,
                                                                  ns.vpc.value));
      d.notes.push_back({Severity::note, it->second->location, "first namespace declared here", {}});
    }
  }
  for (const Service& s : spec.compute.services) check_service(spec, s, diags);
}

}  // namespace aip::spec
