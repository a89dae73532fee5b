// AIP-LOG-008: a Step Functions state machine without X-Ray tracing (cdk-nag
// SF2, checkov CKV_AWS_284).
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace log_state_machine_tracing {

void check(Context& ctx) {
  for (const ResourceRef& m : ctx.resources("AWS::StepFunctions::StateMachine")) {
    const Json* on = member_path(m.properties(), {"TracingConfiguration", "Enabled"});
    if (on != nullptr && is_true(*on)) continue;
    ctx.report(m, on != nullptr ? Path{"Properties", "TracingConfiguration", "Enabled"} : Path{},
               fmt::format("state machine {} has no X-Ray tracing (TracingConfiguration.Enabled is not true)",
                           m.display()));
  }
}

}  // namespace log_state_machine_tracing

const Rule& rule_log_state_machine_tracing() {
  static const Rule rule{
      {"AIP-LOG-008", "Step Functions state machine without X-Ray tracing", Severity::warning,
       {"logging", "nist-800-53", "soc2"},
       "X-Ray traces follow an execution through every Lambda function, DynamoDB call and child workflow it "
       "touches, with their latencies and errors; without them a slow or failing pipeline is debugged from logs "
       "alone (cdk-nag SF2, checkov CKV_AWS_284).",
       "Set TracingConfiguration: {Enabled: true}. In a spec: workflows are traced unless `tracing: false`."},
      &log_state_machine_tracing::check};
  return rule;
}

}  // namespace aip::lint
