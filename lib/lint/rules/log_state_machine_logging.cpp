// AIP-LOG-007: a Step Functions state machine that logs nothing, or only
// FATAL events (cdk-nag SF1, checkov CKV_AWS_285).
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace log_state_machine_logging {

void check(Context& ctx) {
  for (const ResourceRef& m : ctx.resources("AWS::StepFunctions::StateMachine")) {
    const Json* level = member_path(m.properties(), {"LoggingConfiguration", "Level"});
    const Json* destinations = member_path(m.properties(), {"LoggingConfiguration", "Destinations"});
    const bool logs = level != nullptr && level->is_string() && (*level == "ALL" || *level == "ERROR");
    const bool somewhere = destinations != nullptr && destinations->is_array() && !destinations->empty();
    if (logs && somewhere) continue;
    ctx.report(m, level != nullptr ? Path{"Properties", "LoggingConfiguration", "Level"} : Path{},
               fmt::format("state machine {} does not log its executions at level ALL or ERROR to a log group",
                           m.display()));
  }
}

}  // namespace log_state_machine_logging

const Rule& rule_log_state_machine_logging() {
  static const Rule rule{
      {"AIP-LOG-007", "Step Functions state machine without execution logging", Severity::warning,
       {"logging", "nist-800-53", "soc2", "pci-dss", "iso27001"},
       "Without execution logs, a failed or misbehaving pipeline leaves no record of which state failed, with "
       "what error, or who started it; express workflows keep no history at all without them. cdk-nag SF1 and "
       "checkov CKV_AWS_285 ask for logging to CloudWatch Logs (NIST 800-53 AU-2, AU-12; PCI DSS 10.2).",
       "Set LoggingConfiguration with Level ALL (or at least ERROR) and a CloudWatch Logs log group in "
       "Destinations. In a spec: workflows log at level ALL unless `logging: {level: ...}` says otherwise."},
      &log_state_machine_logging::check};
  return rule;
}

}  // namespace aip::lint
