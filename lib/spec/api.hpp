// The `api:` area of the spec: API Gateway REST APIs (seed 000's GenAI
// gateway). Routes integrate with functions of the spec (Lambda proxy), a
// Lambda authorizer checks callers, one stage logs every request to an
// encrypted, retained log group, and usage plans give each team its own
// throttle and quota through API keys.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/yaml_tree.hpp"
#include "spec/located.hpp"

namespace aip::spec {

struct Throttle {
  Location location;
  Located<double> rate;  // steady requests per second
  Located<int> burst;    // bucket size
};

struct ApiAuthorizer {
  std::string name;
  Location location;
  Located<std::string> function;               // a function of the spec
  Located<std::string> type{"token", {}};      // token | request
  // Where the caller's identity is: header names (token: exactly one).
  std::vector<Located<std::string>> headers;   // default [Authorization]
  Located<int> cache_seconds{300, {}};         // 0-3600; 0 turns caching off
};

// What API Gateway checks before the integration runs (the API's request
// validator always checks; these say what a request must carry).
struct RouteValidation {
  Location location;
  // Required request parameters: "querystring.NAME" or "header.NAME".
  std::vector<Located<std::string>> parameters;
  // JSON schema (draft 4) of an application/json body, as written.
  std::optional<YamlNode> body;
};

struct ApiRoute {
  std::string key;       // "POST /v1/invoke", as written
  Location location;
  std::string method;    // GET, POST, ..., ANY
  std::string path;      // "/v1/invoke"
  Located<std::string> function;  // a function of the spec
  // An authorizer of this API, `iam` (SigV4) or `none`; empty: the API's only authorizer.
  Located<std::string> auth;
  std::optional<Located<bool>> api_key;  // default: true when the API has usage plans
  std::optional<Throttle> throttle;      // overrides the stage's for this route
  std::optional<RouteValidation> validate;
};

struct UsagePlanQuota {
  Location location;
  Located<int> limit;
  Located<std::string> period{"MONTH", {}};  // DAY | WEEK | MONTH
};

struct UsagePlan {
  std::string name;
  Location location;
  Located<std::string> description;
  std::optional<Throttle> throttle;
  std::optional<UsagePlanQuota> quota;
  std::vector<Located<std::string>> api_keys;  // default: one key named after the plan
};

struct ApiStage {
  Location location;
  Located<std::string> name{"v1", {}};
  Throttle throttle{{}, {1000, {}}, {2000, {}}};       // every method, unless a route says otherwise
  Located<std::string> logging_level{"INFO", {}};     // execution logs: INFO | ERROR | OFF
  Located<bool> data_trace{false, {}};                // full requests in execution logs (may hold secrets)
  Located<int> log_retention_days{365, {}};           // access and execution logs
  Located<bool> tracing{true, {}};                    // X-Ray
  // Extra fields of the JSON access log, e.g. {team: $context.authorizer.team}.
  std::vector<std::pair<Located<std::string>, Located<std::string>>> access_log_fields;
};

struct RestApi {
  std::string name;
  Location location;
  Located<std::string> account;
  Located<std::string> region;
  Located<std::string> description;
  Located<std::string> endpoint{"regional", {}};  // regional | private
  Located<std::string> vpc;                       // private: the VPC whose execute-api endpoint may call it
  Located<std::string> api_key_source{"header", {}};  // header (x-api-key) | authorizer
  std::vector<ApiAuthorizer> authorizers;
  std::vector<ApiRoute> routes;
  ApiStage stage;
  std::vector<UsagePlan> usage_plans;
  Located<std::string> domain;       // a custom domain (regional), with `certificate` (check_dns.cpp)
  Located<std::string> certificate;  // a certificate of dns.certificates, or an ACM ARN of the API's region
  Tags tags;

  bool is_private() const { return endpoint.value == "private"; }
  const ApiAuthorizer* find_authorizer(std::string_view n) const {
    for (const ApiAuthorizer& a : authorizers) {
      if (a.name == n) return &a;
    }
    return nullptr;
  }
};

struct Api {
  Location location;  // where `api:` was written; invalid when absent
  // The account-level role API Gateway logs to CloudWatch with
  // (AWS::ApiGateway::Account, one per account and region). Turn it off when
  // another stack already manages it.
  Located<bool> cloudwatch_role{true, {}};
  std::vector<RestApi> rest_apis;

  const RestApi* find(std::string_view n) const {
    for (const RestApi& a : rest_apis) {
      if (a.name == n) return &a;
    }
    return nullptr;
  }
};

struct Spec;
struct Placement;
// Where an API lives: its account (or the only one) and region; a private API
// lives where its VPC lives.
Placement api_placement(const Spec& spec, const RestApi& api);
// The API's resolved authorization of a route: an authorizer name, "iam" or "none".
std::string route_auth(const RestApi& api, const ApiRoute& route);
// "/v1/{id}" -> {"v1", "{id}"}; "/" -> {}.
std::vector<std::string> api_path_segments(const std::string& path);
// Whether a route requires an API key.
bool route_needs_api_key(const RestApi& api, const ApiRoute& route);

}  // namespace aip::spec
