// AIP-LOG-035: an AppSync GraphQL API without request and resolver logging
// (cdk-nag AwsSolutions-ASC3; checkov CKV_AWS_193, CKV_AWS_194).
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace log_appsync_logging {

void check(Context& ctx) {
  for (const ResourceRef& api : ctx.resources("AWS::AppSync::GraphQLApi")) {
    const Json* config = member(api.properties(), "LogConfig");
    if (config == nullptr || member(*config, "CloudWatchLogsRoleArn") == nullptr) {
      ctx.report(api, config != nullptr ? Path{"Properties", "LogConfig"} : Path{},
                 fmt::format("GraphQL API {} writes no logs: set LogConfig with CloudWatchLogsRoleArn and "
                             "FieldLogLevel ERROR or ALL",
                             api.display()));
      continue;
    }
    const Json* level = member(*config, "FieldLogLevel");
    if (level != nullptr && !level->is_string()) continue;
    const std::string l = level != nullptr ? level->get<std::string>() : "NONE";
    if (l == "ERROR" || l == "ALL" || l == "INFO" || l == "DEBUG") continue;
    const Path at =
        level != nullptr ? Path{"Properties", "LogConfig", "FieldLogLevel"} : Path{"Properties", "LogConfig"};
    ctx.report(api, at,
               fmt::format("GraphQL API {} logs no resolver errors (FieldLogLevel {}): set it to ERROR or ALL",
                           api.display(), l));
  }
}

}  // namespace log_appsync_logging

const Rule& rule_log_appsync_logging() {
  static const Rule rule{
      {"AIP-LOG-035", "AppSync GraphQL API without logging", Severity::warning,
       {"logging", "nist-800-53", "pci-dss", "hipaa", "soc2", "iso27001"},
       "An AppSync API without LogConfig leaves no record of its requests, and with FieldLogLevel NONE none of "
       "its resolvers' errors: a failing resolver (a Bedrock or Lambda data source timing out, an authorization "
       "rule rejecting a caller) is visible only to the client that got the error (cdk-nag AwsSolutions-ASC3; "
       "checkov CKV_AWS_193, CKV_AWS_194).",
       "Set LogConfig {CloudWatchLogsRoleArn: a role AppSync may assume with logs:CreateLogStream and "
       "logs:PutLogEvents on /aws/appsync/apis/API-ID, FieldLogLevel: ERROR}. ExcludeVerboseContent: true keeps "
       "headers and resolver payloads (prompts, personal data) out of the logs and is not reported."},
      &log_appsync_logging::check};
  return rule;
}

}  // namespace aip::lint
