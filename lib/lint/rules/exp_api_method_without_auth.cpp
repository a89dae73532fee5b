// AIP-EXP-008: an API Gateway method or route that anyone may call.
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace exp_api_method_without_auth {

bool open(const Json* type) { return type == nullptr || (type->is_string() && lower(type->get<std::string>()) == "none"); }

// A route of a WebSocket API other than $connect: API Gateway authorizes a
// WebSocket connection once, on $connect, and its other routes take no
// AuthorizationType at all.
bool websocket_message_route(const Context& ctx, const ResourceRef& route, const std::string& key) {
  if (key == "$connect") return false;
  const Json* api_id = member(route.properties(), "ApiId");
  if (api_id == nullptr) return false;
  auto api = ctx.resolve(*route.tmpl, *api_id);
  if (!api || api->type() != "AWS::ApiGatewayV2::Api") return false;
  const Json* protocol = member(api->properties(), "ProtocolType");
  return protocol != nullptr && *protocol == "WEBSOCKET";
}

void check(Context& ctx) {
  for (const ResourceRef& m : ctx.resources("AWS::ApiGateway::Method")) {
    const Json* verb = member(m.properties(), "HttpMethod");
    // CORS preflight requests carry no credentials: OPTIONS must stay open.
    if (verb != nullptr && *verb == "OPTIONS") continue;
    const Json* type = member(m.properties(), "AuthorizationType");
    if (!open(type)) continue;
    const Json* key = member(m.properties(), "ApiKeyRequired");
    ctx.report(m, type != nullptr ? Path{"Properties", "AuthorizationType"} : Path{},
               fmt::format("API method {} ({}) has AuthorizationType NONE{}: anyone who can reach the API can call "
                           "its integration",
                           m.display(), verb != nullptr && verb->is_string() ? verb->get<std::string>() : "?",
                           key != nullptr && is_true(*key) ? " (an API key identifies callers but does not "
                                                             "authorize them)"
                                                           : ""));
  }
  for (const ResourceRef& r : ctx.resources("AWS::ApiGatewayV2::Route")) {
    const Json* route = member(r.properties(), "RouteKey");
    std::string key = route != nullptr && route->is_string() ? route->get<std::string>() : "";
    if (key.rfind("OPTIONS ", 0) == 0) continue;
    const Json* type = member(r.properties(), "AuthorizationType");
    if (!open(type) || websocket_message_route(ctx, r, key)) continue;
    ctx.report(r, type != nullptr ? Path{"Properties", "AuthorizationType"} : Path{},
               fmt::format("API route {} ({}) has AuthorizationType NONE: anyone who can reach the API can call its "
                           "integration",
                           r.display(), key.empty() ? "?" : key));
  }
}

}  // namespace exp_api_method_without_auth

const Rule& rule_exp_api_method_without_auth() {
  static const Rule rule{
      {"AIP-EXP-008", "API method without authorization", Severity::warning,
       {"exposure", "iam", "pci-dss", "hipaa", "nist-800-53", "soc2", "iso27001"},
       "A method with AuthorizationType NONE runs its integration (a Lambda function that calls a model, a database) "
       "for any caller that can reach the endpoint. API keys do not change that: AWS documents them as a way to "
       "identify callers for usage plans, not to authorize them, and they travel in plain headers. A private API's "
       "resource policy limits the network a request comes from, not who sends it. cdk-nag APIG4 and checkov "
       "CKV_AWS_59 flag the same; OPTIONS methods (CORS preflight) are exempt, and so are a WebSocket API's routes "
       "other than $connect (API Gateway authorizes the connection once, on $connect).",
       "Set AuthorizationType to CUSTOM with a Lambda authorizer, COGNITO_USER_POOLS or AWS_IAM. In an aip spec, give "
       "the route `auth: NAME` of an authorizer (or `iam`) instead of `none`."},
      &exp_api_method_without_auth::check};
  return rule;
}

}  // namespace aip::lint
