// AIP-RES-011: an Auto Scaling group with no cooldown (cdk-nag
// AwsSolutions-AS1) or with ELB health checks and no grace period (AS2).
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace res_autoscaling_group {

bool is_zero(const Json& v) {
  if (v.is_number_integer()) return v.get<long long>() == 0;
  return v.is_string() && v.get<std::string>() == "0";
}

void check(Context& ctx) {
  for (const ResourceRef& g : ctx.resources("AWS::AutoScaling::AutoScalingGroup")) {
    const Json& p = g.properties();
    if (const Json* cooldown = member(p, "Cooldown"); cooldown != nullptr && is_zero(*cooldown)) {
      ctx.report(g, {"Properties", "Cooldown"},
                 fmt::format("Auto Scaling group {} has no cooldown (Cooldown 0): a simple scaling policy launches "
                             "or terminates again before the last change has taken effect",
                             g.display()));
    }
    const Json* type = member(p, "HealthCheckType");
    if (type != nullptr && *type == "ELB" && member(p, "HealthCheckGracePeriod") == nullptr) {
      ctx.report(g, {"Properties", "HealthCheckType"},
                 fmt::format("Auto Scaling group {} replaces instances the load balancer finds unhealthy but gives "
                             "them no HealthCheckGracePeriod to boot: set one as long as the instance needs to start",
                             g.display()));
    }
  }
}

}  // namespace res_autoscaling_group

const Rule& rule_res_autoscaling_group() {
  static const Rule rule{
      {"AIP-RES-011", "Auto Scaling group without a cooldown or a health check grace period", Severity::warning,
       {"resilience", "soc2", "iso27001"},
       "A cooldown of 0 lets simple scaling policies fire again while the instances they launched are still "
       "booting, so the group overshoots and then flaps. A group that takes its health from the load balancer "
       "(HealthCheckType ELB) without a HealthCheckGracePeriod may mark a booting instance unhealthy and replace it "
       "before it serves, in a loop that never brings capacity up (cdk-nag AwsSolutions-AS1 and AS2).",
       "Leave Cooldown at its default (300 seconds) or set the time an instance needs to start serving; with "
       "HealthCheckType: ELB set HealthCheckGracePeriod to that time too."},
      &res_autoscaling_group::check};
  return rule;
}

}  // namespace aip::lint
