// AIP-LOG-040: an Auto Scaling group that does not notify an SNS topic of its
// launches, terminations and their failures (cdk-nag AwsSolutions-AS3).
#include <set>
#include <string>

#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace log_autoscaling_notifications {

const Json& none() {
  static const Json empty = Json::array();
  return empty;
}

void check(Context& ctx) {
  static const char* kEvents[] = {"autoscaling:EC2_INSTANCE_LAUNCH", "autoscaling:EC2_INSTANCE_LAUNCH_ERROR",
                                  "autoscaling:EC2_INSTANCE_TERMINATE", "autoscaling:EC2_INSTANCE_TERMINATE_ERROR"};
  for (const ResourceRef& g : ctx.resources("AWS::AutoScaling::AutoScalingGroup")) {
    const Json* configs = member(g.properties(), "NotificationConfigurations");
    if (configs != nullptr && !configs->is_array()) continue;  // an intrinsic
    std::set<std::string> notified;
    bool unknown = false;
    for (const Json& c : configs != nullptr ? *configs : none()) {
      const Json* types = member(c, "NotificationTypes");
      if (types != nullptr && !types->is_array()) unknown = true;
      for (const Json& t : types != nullptr && types->is_array() ? *types : none()) {
        if (t.is_string()) notified.insert(t.get<std::string>());
      }
    }
    if (unknown) continue;
    std::string missing;
    for (const char* e : kEvents) {
      if (notified.count(e) == 0) missing += (missing.empty() ? "" : ", ") + std::string(e);
    }
    if (missing.empty()) continue;
    ctx.report(g, configs != nullptr ? Path{"Properties", "NotificationConfigurations"} : Path{},
               fmt::format("Auto Scaling group {} sends no notification of {}: failed launches and terminations go "
                           "unnoticed",
                           g.display(), missing));
  }
}

}  // namespace log_autoscaling_notifications

const Rule& rule_log_autoscaling_notifications() {
  static const Rule rule{
      {"AIP-LOG-040", "Auto Scaling group without scaling notifications", Severity::warning,
       {"logging", "soc2", "iso27001"},
       "An Auto Scaling group that cannot launch (a missing AMI, an exhausted subnet, a quota) retries silently "
       "while capacity stays short; one that terminates instances does so without telling anyone. "
       "NotificationConfigurations that send launch, terminate and both error events to an SNS topic put these "
       "in front of whoever operates the service (cdk-nag AwsSolutions-AS3).",
       "Add NotificationConfigurations: [{TopicARN: !Ref Topic, NotificationTypes: [autoscaling:EC2_INSTANCE_LAUNCH, "
       "autoscaling:EC2_INSTANCE_LAUNCH_ERROR, autoscaling:EC2_INSTANCE_TERMINATE, "
       "autoscaling:EC2_INSTANCE_TERMINATE_ERROR]}]."},
      &log_autoscaling_notifications::check};
  return rule;
}

}  // namespace aip::lint
