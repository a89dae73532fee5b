// AIP-LOG-032: an API Gateway REST API stage without execution logging for
// all methods (cdk-nag AwsSolutions-APIG6).
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace log_api_execution_logs {

// MethodSettings with HttpMethod "*", ResourcePath "/*" and LoggingLevel ERROR or INFO (cdk-nag's condition).
bool logs_all_methods(const Json* settings) {
  if (settings == nullptr) return false;
  if (!settings->is_array()) return true;  // an intrinsic: unknown
  for (const Json& s : *settings) {
    const Json* method = member(s, "HttpMethod");
    const Json* path = member(s, "ResourcePath");
    const Json* level = member(s, "LoggingLevel");
    if (method == nullptr || path == nullptr || level == nullptr) continue;
    if (!method->is_string() || method->get<std::string>() != "*") continue;
    if (!path->is_string() || path->get<std::string>() != "/*") continue;
    if (!level->is_string()) return true;
    const std::string l = level->get<std::string>();
    if (l == "ERROR" || l == "INFO") return true;
  }
  return false;
}

void check(Context& ctx) {
  for (const ResourceRef& s : ctx.resources("AWS::ApiGateway::Stage")) {
    const Json* settings = member(s.properties(), "MethodSettings");
    if (logs_all_methods(settings)) continue;
    ctx.report(s, settings != nullptr ? Path{"Properties", "MethodSettings"} : Path{},
               fmt::format("API stage {} does not write execution logs for all methods: add MethodSettings "
                           "{{HttpMethod: \"*\", ResourcePath: \"/*\", LoggingLevel: ERROR or INFO}}",
                           s.display()));
  }
  for (const ResourceRef& d : ctx.resources("AWS::ApiGateway::Deployment")) {
    if (member(d.properties(), "StageName") == nullptr) continue;
    const Json* description = member(d.properties(), "StageDescription");
    if (description != nullptr) {
      const Json* level = member(*description, "LoggingLevel");
      if (level != nullptr && (!level->is_string() || level->get<std::string>() == "ERROR" ||
                               level->get<std::string>() == "INFO")) {
        continue;
      }
      if (logs_all_methods(member(*description, "MethodSettings"))) continue;
    }
    ctx.report(d, {"Properties", "StageName"},
               fmt::format("deployment {} creates a stage without execution logs (StageDescription.LoggingLevel "
                           "ERROR or INFO)",
                           d.display()));
  }
}

}  // namespace log_api_execution_logs

const Rule& rule_log_api_execution_logs() {
  static const Rule rule{
      {"AIP-LOG-032", "API Gateway stage without execution logging", Severity::warning,
       {"logging", "nist-800-53", "pci-dss", "hipaa", "soc2", "iso27001"},
       "Access logs record one line per request; execution logs record what API Gateway did with it: the "
       "authorizer's decision, request validation, the integration's status and errors. Without them a rejected "
       "or failing call (a 401 from an authorizer, a 502 from a model backend) cannot be explained after the fact "
       "(cdk-nag AwsSolutions-APIG6, also in its HIPAA, NIST 800-53 and PCI packs; AWS Config "
       "API_GW_EXECUTION_LOGGING_ENABLED).",
       "Add MethodSettings [{HttpMethod: \"*\", ResourcePath: \"/*\", LoggingLevel: ERROR}] (INFO while "
       "debugging) to the stage; the account needs an AWS::ApiGateway::Account with a CloudWatch role. aip's "
       "`api:` area renders both. Keep DataTraceEnabled false: it logs request and response bodies."},
      &log_api_execution_logs::check};
  return rule;
}

}  // namespace aip::lint
