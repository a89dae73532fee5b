// AIP-LOG-031: an API Gateway REST API stage without X-Ray tracing (checkov
// CKV_AWS_73, cdk-nag APIGWXrayEnabled).
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace log_api_tracing {

bool traced_or_unknown(const Json* v) { return v != nullptr && (is_true(*v) || (!v->is_boolean() && !v->is_string())); }

void check(Context& ctx) {
  for (const ResourceRef& s : ctx.resources("AWS::ApiGateway::Stage")) {
    const Json* tracing = member(s.properties(), "TracingEnabled");
    if (traced_or_unknown(tracing)) continue;
    ctx.report(s, tracing != nullptr ? Path{"Properties", "TracingEnabled"} : Path{},
               fmt::format("API stage {} does not trace requests with X-Ray: set TracingEnabled: true", s.display()));
  }
  // A deployment with StageName creates a stage of its own, configured by StageDescription.
  for (const ResourceRef& d : ctx.resources("AWS::ApiGateway::Deployment")) {
    if (member(d.properties(), "StageName") == nullptr) continue;
    if (traced_or_unknown(member_path(d.properties(), {"StageDescription", "TracingEnabled"}))) continue;
    ctx.report(d, {"Properties", "StageName"},
               fmt::format("deployment {} creates a stage without X-Ray tracing (StageDescription.TracingEnabled)",
                           d.display()));
  }
}

}  // namespace log_api_tracing

const Rule& rule_log_api_tracing() {
  static const Rule rule{
      {"AIP-LOG-031", "API Gateway stage without X-Ray tracing", Severity::warning,
       {"logging", "hipaa", "soc2"},
       "Without tracing a slow or failing request through API Gateway, its authorizer, the Lambda function or "
       "service behind it and the model call it makes cannot be followed end to end: access logs show that it "
       "happened, not where the time or the error came from (checkov CKV_AWS_73; cdk-nag APIGWXrayEnabled in its "
       "HIPAA and Serverless packs).",
       "Set TracingEnabled: true on the stage (aip's `api:` area does). HTTP APIs (ApiGatewayV2) have no X-Ray "
       "tracing and are not checked."},
      &log_api_tracing::check};
  return rule;
}

}  // namespace aip::lint
