// Checks of the `api:` area across elements and areas: functions that routes
// and authorizers integrate, placement, usage plans.
#include <algorithm>
#include <cctype>
#include <charconv>
#include <map>
#include <set>

#include <fmt/format.h>

#include "base/did_you_mean.hpp"
#include "base/pattern.hpp"
#include "spec/load.hpp"
#include "spec/tables.hpp"
#include "spec/placement.hpp"
#include "spec/regions.hpp"

namespace aip::spec {
namespace {

void check_function(const Spec& spec, const RestApi& api, const Placement& here, const std::string& what,
                    const Located<std::string>& ref, Diagnostics& diags) {
  const Function* fn = spec.functions.find(ref.value);
  if (fn == nullptr) {
    diags.error(ref.location, fmt::format("{} of API '{}' refers to function '{}', which is not defined{}", what,
                                          api.name, ref.value, did_you_mean(ref.value, names_of(spec.functions.items))));
    return;
  }
  Placement there = function_placement(spec, *fn);
  if (here.known() && there.known() && here != there) {
    Diagnostic& d = diags.error(ref.location, fmt::format("API '{}' ({}) cannot integrate function '{}' ({}); give "
                                                          "them one account and region",
                                                          api.name, here.str(), fn->name, there.str()));
    d.notes.push_back({Severity::note, fn->location, "function declared here", {}});
  }
}

Placement check_placement(const Spec& spec, const RestApi& api, Diagnostics& diags) {
  const std::string what = fmt::format("API '{}'", api.name);
  if (!api.is_private()) {
    if (!api.vpc.value.empty()) {
      diags.error(api.vpc.location, fmt::format("API '{}' is regional; 'vpc' applies to private APIs only "
                                                "(endpoint: private)",
                                                api.name));
    }
    return place(spec, api.account, api.region, what, api.location, diags);
  }
  for (const Located<std::string>* k : {&api.account, &api.region}) {
    if (k->value.empty()) continue;
    diags.error(k->location, fmt::format("private API '{}' lives where its vpc lives; remove '{}'", api.name,
                                         k == &api.account ? "account" : "region"));
  }
  if (api.vpc.value.empty()) {
    diags.error(api.endpoint.location, fmt::format("private API '{}' needs 'vpc': the VPC whose execute-api endpoint "
                                                   "may call it",
                                                   api.name));
    return {};
  }
  const Vpc* vpc = spec.find_vpc(api.vpc.value);
  if (vpc == nullptr) {
    diags.error(api.vpc.location, fmt::format("API '{}' refers to vpc '{}', which is not defined{}", api.name,
                                              api.vpc.value, did_you_mean(api.vpc.value, names_of(spec.network.vpcs))));
    return {};
  }
  bool has_endpoint = std::any_of(vpc->interface_endpoints.begin(), vpc->interface_endpoints.end(),
                                  [](const Located<std::string>& e) { return e.value == "execute-api"; });
  if (!has_endpoint) {
    Diagnostic& d = diags.error(api.vpc.location, fmt::format("private API '{}' is reached through the execute-api "
                                                              "interface endpoint of vpc '{}'; add execute-api to its "
                                                              "endpoints.interface",
                                                              api.name, vpc->name));
    d.notes.push_back({Severity::note, vpc->location, "vpc declared here", {}});
  }
  return place(spec, vpc->account, vpc->region);
}

void check_routes(const Spec& spec, const RestApi& api, const Placement& here, Diagnostics& diags) {
  std::vector<std::string> auth_names = names_of(api.authorizers);
  auth_names.push_back("iam");
  auth_names.push_back("none");
  std::map<std::string, const ApiRoute*> seen;
  // The parameter name of each parameter segment, by its parent path: API
  // Gateway allows one name per position.
  std::map<std::string, std::pair<std::string, const ApiRoute*>> params;
  for (const ApiRoute& r : api.routes) {
    auto [it, inserted] = seen.emplace(r.method + " " + r.path, &r);
    if (!inserted) {
      Diagnostic& d = diags.error(r.location, fmt::format("API '{}' has route {} {} twice", api.name, r.method, r.path));
      d.notes.push_back({Severity::note, it->second->location, "first written here", {}});
    }
    std::string parent;
    for (const std::string& segment : api_path_segments(r.path)) {
      if (segment.front() == '{') {
        auto [p, fresh] = params.emplace(parent, std::make_pair(segment, &r));
        if (!fresh && p->second.first != segment) {
          Diagnostic& d = diags.error(r.location, fmt::format("route '{}' names parameter {} where route '{}' names "
                                                              "{}; API Gateway allows one parameter name per path "
                                                              "position",
                                                              r.key, segment, p->second.second->key, p->second.first));
          d.notes.push_back({Severity::note, p->second.second->location, "other route written here", {}});
        }
      }
      parent += "/" + segment;
    }
    check_function(spec, api, here, fmt::format("route '{}'", r.key), r.function, diags);
    if (r.auth.value.empty()) {
      if (api.authorizers.size() != 1) {
        diags.error(r.location, fmt::format("route '{}' of API '{}' needs 'auth': the API has {} authorizers; write "
                                            "an authorizer's name, iam or none",
                                            r.key, api.name, api.authorizers.size()));
      }
    } else if (std::find(auth_names.begin(), auth_names.end(), r.auth.value) == auth_names.end()) {
      diags.error(r.auth.location, fmt::format("route '{}' refers to authorizer '{}', which API '{}' does not have "
                                               "(or write iam or none){}",
                                               r.key, r.auth.value, api.name, did_you_mean(r.auth.value, auth_names)));
    }
  }
}

void check_usage_plans(const RestApi& api, Diagnostics& diags) {
  if (api.usage_plans.empty()) return;
  if (std::none_of(api.routes.begin(), api.routes.end(),
                   [&](const ApiRoute& r) { return route_needs_api_key(api, r); })) {
    diags.error(api.usage_plans.front().location,
                fmt::format("usage plans of API '{}' throttle requests by API key, but no route requires one; remove "
                            "'api_key: false' from the routes the plans should cover",
                            api.name));
  }
  // All plans cover the same stage, and API Gateway lets a key belong to one
  // plan per stage.
  std::map<std::string, const UsagePlan*> owner;
  for (const UsagePlan& p : api.usage_plans) {
    for (const auto& k : p.api_keys) {
      auto [it, inserted] = owner.emplace(k.value, &p);
      if (!inserted && it->second != &p) {
        Diagnostic& d = diags.error(k.location, fmt::format("API key '{}' is already in usage plan '{}'; a key "
                                                            "belongs to one plan of a stage",
                                                            k.value, it->second->name));
        d.notes.push_back({Severity::note, it->second->location, "usage plan declared here", {}});
      } else if (!inserted) {
        diags.error(k.location, fmt::format("usage plan '{}' lists API key '{}' twice", p.name, k.value));
      }
    }
  }
}

void check_rest_api(const Spec& spec, const RestApi& api, Diagnostics& diags) {
  Placement here = check_placement(spec, api, diags);
  for (const ApiAuthorizer& a : api.authorizers) {
    check_function(spec, api, here, fmt::format("authorizer '{}'", a.name), a.function, diags);
    if (a.type.value == "token" && a.headers.size() != 1) {
      diags.error(a.location, fmt::format("token authorizer '{}' reads exactly one header, got {}; use type: request "
                                          "for several",
                                          a.name, a.headers.size()));
    }
  }
  if (api.api_key_source.value == "authorizer" && api.authorizers.empty()) {
    diags.error(api.api_key_source.location, fmt::format("API '{}' takes API keys from its authorizer but has none",
                                                         api.name));
  }
  check_routes(spec, api, here, diags);
  check_usage_plans(api, diags);
  std::set<std::string> fields = {"requestId", "ip", "caller", "user", "requestTime", "httpMethod", "resourcePath",
                                  "status", "protocol", "responseLength", "apiKeyId", "principalId",
                                  "integrationLatency", "errorMessage"};
  for (const auto& [k, v] : api.stage.access_log_fields) {
    if (fields.count(k.value) != 0) {
      diags.error(k.location, fmt::format("access log field '{}' is already logged by aip", k.value));
    }
  }
  const std::string name = spec.name.value + "-" + api.name;
  if (name.size() > 128) {
    diags.error(api.location, fmt::format("API '{}' would be named {} ({} characters); shorten it", api.name, name,
                                          name.size()));
  }
}

}  // namespace

void check_api(const Spec& spec, Diagnostics& diags) {
  for (const RestApi& api : spec.api.rest_apis) check_rest_api(spec, api, diags);
}

}  // namespace aip::spec
