// AIP-LOG-004: an API Gateway stage without access logging.
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace log_api_access_logs {

// cdk-nag APIG1 counts a stage as logged when it names a destination and a format.
bool logged(const Json* setting) {
  return setting != nullptr && member(*setting, "DestinationArn") != nullptr && member(*setting, "Format") != nullptr;
}

void check(Context& ctx) {
  for (const ResourceRef& s : ctx.resources("AWS::ApiGateway::Stage")) {
    if (logged(member(s.properties(), "AccessLogSetting"))) continue;
    ctx.report(s, {}, fmt::format("API stage {} has no access logging (AccessLogSetting with DestinationArn and "
                                  "Format)",
                                  s.display()));
  }
  for (const ResourceRef& s : ctx.resources("AWS::ApiGatewayV2::Stage")) {
    if (logged(member(s.properties(), "AccessLogSettings"))) continue;
    ctx.report(s, {}, fmt::format("API stage {} has no access logging (AccessLogSettings with DestinationArn and "
                                  "Format)",
                                  s.display()));
  }
  // A deployment with StageName creates a stage of its own, configured by StageDescription.
  for (const ResourceRef& d : ctx.resources("AWS::ApiGateway::Deployment")) {
    if (member(d.properties(), "StageName") == nullptr) continue;
    if (logged(member_path(d.properties(), {"StageDescription", "AccessLogSetting"}))) continue;
    ctx.report(d, {"Properties", "StageName"},
               fmt::format("deployment {} creates a stage without access logging (StageDescription.AccessLogSetting)",
                           d.display()));
  }
}

}  // namespace log_api_access_logs

const Rule& rule_log_api_access_logs() {
  static const Rule rule{
      {"AIP-LOG-004", "API Gateway stage without access logging", Severity::warning,
       {"logging", "pci-dss", "hipaa", "nist-800-53", "soc2", "iso27001"},
       "Access logs are the record of who called an API, when, from where and with what result. Without them an "
       "incident cannot be reconstructed and usage cannot be attributed to a caller (for a GenAI gateway: which team "
       "spent which tokens). PCI DSS 10.2, HIPAA 164.312(b) and NIST AU-2 ask for such audit records; cdk-nag APIG1 "
       "and AWS Security Hub APIGateway.1 check the same.",
       "Set AccessLogSetting (v1) or AccessLogSettings (v2) on the stage: DestinationArn of a CloudWatch log group "
       "with a retention and a structured Format such as JSON with $context.requestId, $context.identity.sourceIp and "
       "$context.status. aip's `api:` area does this for every stage."},
      &log_api_access_logs::check};
  return rule;
}

}  // namespace aip::lint
