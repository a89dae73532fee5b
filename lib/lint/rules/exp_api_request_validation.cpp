// AIP-EXP-046: a REST API without request validation (cdk-nag AwsSolutions-APIG2).
#include <map>
#include <optional>
#include <utility>

#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace exp_api_request_validation {

using ApiKey = std::pair<const Template*, std::string>;

std::optional<ApiKey> api_of(const Context& ctx, const ResourceRef& r) {
  const Json* id = member(r.properties(), "RestApiId");
  if (id == nullptr) return std::nullopt;
  auto api = ctx.resolve(*r.tmpl, *id);
  if (!api) return std::nullopt;
  return ApiKey{api->tmpl, api->logical_id};
}

// An API imported from an OpenAPI body declares its validators there.
bool body_declares_validators(const Json& value) {
  if (value.is_object()) {
    if (value.contains("x-amazon-apigateway-request-validators")) return true;
    for (const auto& [k, v] : value.items()) {
      if (body_declares_validators(v)) return true;
    }
  } else if (value.is_array()) {
    for (const Json& v : value) {
      if (body_declares_validators(v)) return true;
    }
  }
  return false;
}

void check(Context& ctx) {
  std::map<ApiKey, int> validators;
  for (const ResourceRef& v : ctx.resources("AWS::ApiGateway::RequestValidator")) {
    if (auto api = api_of(ctx, v)) ++validators[*api];
  }
  for (const ResourceRef& api : ctx.resources("AWS::ApiGateway::RestApi")) {
    if (validators.count({api.tmpl, api.logical_id}) != 0) continue;
    const Json* body = member(api.properties(), "Body");
    if (body != nullptr && body_declares_validators(*body)) continue;
    ctx.report(api, {},
               fmt::format("REST API {} has no request validator (AWS::ApiGateway::RequestValidator): API Gateway "
                           "passes every request to the integration unchecked, whatever its parameters and body",
                           api.display()));
  }
  // An API with a validator still validates only the methods that name one.
  for (const ResourceRef& m : ctx.resources("AWS::ApiGateway::Method")) {
    const Json* verb = member(m.properties(), "HttpMethod");
    if (verb != nullptr && *verb == "OPTIONS") continue;  // CORS preflight: no input to validate
    if (member(m.properties(), "RequestValidatorId") != nullptr) continue;
    auto api = api_of(ctx, m);
    if (!api || validators.count(*api) == 0) continue;  // the API's own finding covers it
    ctx.report(m, {},
               fmt::format("API method {} ({}) names no RequestValidatorId: the API's request validator does not "
                           "check its requests",
                           m.display(), verb != nullptr && verb->is_string() ? verb->get<std::string>() : "?"));
  }
}

}  // namespace exp_api_request_validation

const Rule& rule_exp_api_request_validation() {
  static const Rule rule{
      {"AIP-EXP-046", "REST API without request validation", Severity::warning,
       {"exposure", "nist-800-53", "pci-dss", "soc2", "iso27001"},
       "Without a request validator API Gateway hands every request to the integration as it came: missing "
       "parameters, malformed or oversized bodies and unexpected fields all reach the Lambda function (and are "
       "billed), and each function has to reject them itself. A validator checks the required parameters and the "
       "body against the method's model before the integration runs, and answers 400 at the edge (cdk-nag "
       "AwsSolutions-APIG2, which asks for a validator per API; aip also flags methods of such an API that name "
       "none; NIST SI-10, PCI DSS 6.2.4). OPTIONS methods (CORS preflight) are exempt.",
       "Add an AWS::ApiGateway::RequestValidator (ValidateRequestParameters and ValidateRequestBody true) to the "
       "API and set each method's RequestValidatorId to it; declare required parameters in RequestParameters and "
       "the body in RequestModels. aip's `api:` area renders one validator per API and points every route's "
       "method at it; a route's `validate:` names its required parameters and body schema."},
      &exp_api_request_validation::check};
  return rule;
}

}  // namespace aip::lint
