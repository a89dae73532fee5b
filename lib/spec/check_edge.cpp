// Checks of the `edge:` area across elements and areas: the load balancers and
// APIs each web ACL protects, one web ACL each.
#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "base/did_you_mean.hpp"
#include "base/pattern.hpp"
#include "spec/load.hpp"
#include "spec/tables.hpp"
#include "spec/placement.hpp"
#include "spec/regions.hpp"

namespace aip::spec {
namespace {

// Where an element ends up: account name and region.
std::pair<std::string, std::string> placement(const Spec& spec, const Located<std::string>& account,
                                              const std::string& region) {
  const Account* a = account.value.empty() ? (spec.accounts.size() == 1 ? &spec.accounts.front() : nullptr)
                                           : spec.find_account(account.value);
  if (a == nullptr) return {"", ""};
  return {a->name, region.empty() ? a->region.value : region};
}

// A REST API's stage takes one regional web ACL of its own account and region.
void check_api_refs(const Spec& spec, const WebAcl& acl, std::map<std::string, const WebAcl*>& protected_by,
                    Diagnostics& diags) {
  auto acl_place = placement(spec, acl.account, acl.region.value);
  for (const auto& name : acl.apis) {
    if (acl.cloudfront()) {
      diags.error(name.location, fmt::format("web ACL '{}' has scope cloudfront and cannot protect API '{}'; use "
                                             "scope: regional",
                                             acl.name, name.value));
      continue;
    }
    const RestApi* api = spec.api.find(name.value);
    if (api == nullptr) {
      diags.error(name.location, fmt::format("web ACL '{}' refers to API '{}', which is not defined{}", acl.name,
                                             name.value, did_you_mean(name.value, names_of(spec.api.rest_apis))));
      continue;
    }
    auto [first, inserted] = protected_by.emplace("api:" + name.value, &acl);
    if (!inserted) {
      Diagnostic& d = diags.error(name.location, fmt::format("API '{}' is already protected by web ACL '{}'; a stage "
                                                             "takes one web ACL",
                                                             name.value, first->second->name));
      d.notes.push_back({Severity::note, first->second->location, "web ACL declared here", {}});
      continue;
    }
    Placement there = api_placement(spec, *api);
    if (!there.known() || acl_place.first.empty()) continue;
    if (there.account->name != acl_place.first || there.region != acl_place.second) {
      Diagnostic& d = diags.error(name.location, fmt::format("web ACL '{}' ({} in {}) cannot protect API '{}' ({} in "
                                                             "{}); a web ACL and its API must share account and region",
                                                             acl.name, acl_place.first, acl_place.second, name.value,
                                                             there.account->name, there.region));
      d.notes.push_back({Severity::note, api->location, "API declared here", {}});
    }
  }
}

void check_web_acl(const Spec& spec, const WebAcl& acl, std::map<std::string, const WebAcl*>& protected_by,
                   Diagnostics& diags) {
  check_api_refs(spec, acl, protected_by, diags);
  if (!acl.account.value.empty() && spec.find_account(acl.account.value) == nullptr) {
    diags.error(acl.account.location,
                fmt::format("web ACL '{}' refers to account '{}', which is not defined{}", acl.name, acl.account.value,
                            did_you_mean(acl.account.value, names_of(spec.accounts))));
  } else if (acl.account.value.empty() && spec.accounts.size() > 1) {
    diags.error(acl.location, fmt::format("web ACL '{}' needs 'account': the spec has {} accounts", acl.name,
                                          spec.accounts.size()));
  }
  auto acl_place = placement(spec, acl.account, acl.region.value);
  for (const auto& lb_name : acl.load_balancers) {
    if (acl.cloudfront()) {
      diags.error(lb_name.location, fmt::format("web ACL '{}' has scope cloudfront and cannot protect load balancer "
                                                "'{}'; use scope: regional",
                                                acl.name, lb_name.value));
      continue;
    }
    auto it = std::find_if(spec.compute.load_balancers.begin(), spec.compute.load_balancers.end(),
                           [&](const LoadBalancer& lb) { return lb.name == lb_name.value; });
    if (it == spec.compute.load_balancers.end()) {
      diags.error(lb_name.location, fmt::format("web ACL '{}' refers to load balancer '{}', which is not defined{}",
                                                acl.name, lb_name.value,
                                                did_you_mean(lb_name.value, names_of(spec.compute.load_balancers))));
      continue;
    }
    auto [first, inserted] = protected_by.emplace(lb_name.value, &acl);
    if (!inserted) {
      Diagnostic& d = diags.error(lb_name.location, fmt::format("load balancer '{}' is already protected by web ACL "
                                                                "'{}'; a load balancer takes one web ACL",
                                                                lb_name.value, first->second->name));
      d.notes.push_back({Severity::note, first->second->location, "web ACL declared here", {}});
      continue;
    }
    const Vpc* vpc = spec.find_vpc(it->vpc.value);
    if (vpc == nullptr) continue;  // reported by the compute area
    auto lb_place = placement(spec, vpc->account, vpc->region.value);
    if (!acl_place.first.empty() && !lb_place.first.empty() && acl_place != lb_place) {
      Diagnostic& d = diags.error(
          lb_name.location,
          fmt::format("web ACL '{}' ({} in {}) cannot protect load balancer '{}' ({} in {}); a web ACL and its "
                      "load balancer must share account and region",
                      acl.name, acl_place.first, acl_place.second, lb_name.value, lb_place.first, lb_place.second));
      d.notes.push_back({Severity::note, it->location, "load balancer declared here", {}});
    }
  }
}

}  // namespace

void check_edge(const Spec& spec, Diagnostics& diags) {
  std::map<std::string, const WebAcl*> protected_by;
  for (const WebAcl& acl : spec.edge.web_acls) check_web_acl(spec, acl, protected_by, diags);
}

}  // namespace aip::spec
