// AIP-LOG-042: an EC2 instance or launch configuration without detailed
// (one-minute) CloudWatch monitoring (cdk-nag AwsSolutions-EC28).
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace log_instance_detailed_monitoring {

void check(Context& ctx) {
  // An instance monitors every five minutes unless Monitoring is true.
  for (const ResourceRef& i : ctx.resources("AWS::EC2::Instance")) {
    const Json* on = member(i.properties(), "Monitoring");
    if (on != nullptr && (is_true(*on) || (!on->is_boolean() && !on->is_string()))) continue;
    ctx.report(i, on != nullptr ? Path{"Properties", "Monitoring"} : Path{},
               fmt::format("instance {} has no detailed monitoring (Monitoring is not true): its metrics come every "
                           "five minutes",
                           i.display()));
  }
  // A launch configuration monitors every minute unless InstanceMonitoring is false.
  for (const ResourceRef& lc : ctx.resources("AWS::AutoScaling::LaunchConfiguration")) {
    const Json* on = member(lc.properties(), "InstanceMonitoring");
    if (on == nullptr || !is_false(*on)) continue;
    ctx.report(lc, {"Properties", "InstanceMonitoring"},
               fmt::format("launch configuration {} turns detailed monitoring off (InstanceMonitoring false)",
                           lc.display()));
  }
}

}  // namespace log_instance_detailed_monitoring

const Rule& rule_log_instance_detailed_monitoring() {
  static const Rule rule{
      {"AIP-LOG-042", "EC2 instance without detailed monitoring", Severity::warning,
       {"logging", "nist-800-53", "soc2"},
       "Basic monitoring reports an instance's CPU, network and disk metrics every five minutes: an alarm needs "
       "ten or fifteen minutes to see a problem, and scaling reacts as late. Detailed monitoring reports every "
       "minute (cdk-nag AwsSolutions-EC28, for instances, which default to basic, and for launch configurations, "
       "which default to detailed).",
       "Set Monitoring: true on the instance (InstanceMonitoring: true, the default, on a launch configuration; "
       "Monitoring.Enabled in a launch template)."},
      &log_instance_detailed_monitoring::check};
  return rule;
}

}  // namespace aip::lint
