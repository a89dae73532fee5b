// AIP-RES-014: a stand-alone EC2 instance without termination protection
// (cdk-nag AwsSolutions-EC29). Instances of an Auto Scaling group are not
// AWS::EC2::Instance resources and are not reported.
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace res_instance_termination_protection {

void check(Context& ctx) {
  for (const ResourceRef& i : ctx.resources("AWS::EC2::Instance")) {
    const Json* on = member(i.properties(), "DisableApiTermination");
    if (on != nullptr && (is_true(*on) || (!on->is_boolean() && !on->is_string()))) continue;
    ctx.report(i, on != nullptr ? Path{"Properties", "DisableApiTermination"} : Path{},
               fmt::format("instance {} is not in an Auto Scaling group and has no termination protection "
                           "(DisableApiTermination is not true): one API call or console click destroys it and its "
                           "instance store",
                           i.display()));
  }
}

}  // namespace res_instance_termination_protection

const Rule& rule_res_instance_termination_protection() {
  static const Rule rule{
      {"AIP-RES-014", "EC2 instance without termination protection", Severity::warning,
       {"resilience", "soc2", "iso27001"},
       "A stand-alone instance is not replaced when it is terminated: a mistaken TerminateInstances, a script "
       "with the wrong filter or a console click ends it and deletes its instance store and every EBS volume "
       "marked DeleteOnTermination. DisableApiTermination makes termination a two-step action (cdk-nag "
       "AwsSolutions-EC29). Instances managed by an Auto Scaling group are replaced automatically and are not "
       "AWS::EC2::Instance resources.",
       "Set DisableApiTermination: true, or run the workload in an Auto Scaling group (which replaces failed "
       "instances); an instance that is meant to be disposable takes a suppression saying so."},
      &res_instance_termination_protection::check};
  return rule;
}

}  // namespace aip::lint
