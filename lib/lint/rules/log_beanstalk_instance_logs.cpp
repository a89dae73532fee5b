// AIP-LOG-039: an Elastic Beanstalk environment that does not publish its
// instances' logs to S3 (cdk-nag AwsSolutions-EB4).
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace log_beanstalk_instance_logs {

void check(Context& ctx) {
  for (const ResourceRef& env : ctx.resources("AWS::ElasticBeanstalk::Environment")) {
    const Json* on = beanstalk_option(ctx, env, "aws:elasticbeanstalk:hostmanager", "LogPublicationControl");
    if (on != nullptr && (is_true(*on) || on->is_object())) continue;
    ctx.report(env, {},
               fmt::format("Elastic Beanstalk environment {} does not publish instance logs to S3 "
                           "(aws:elasticbeanstalk:hostmanager LogPublicationControl is not true): the logs of an "
                           "instance are lost when it is replaced",
                           env.display()));
  }
}

}  // namespace log_beanstalk_instance_logs

const Rule& rule_log_beanstalk_instance_logs() {
  static const Rule rule{
      {"AIP-LOG-039", "Elastic Beanstalk environment without instance logs in S3", Severity::warning,
       {"logging", "nist-800-53", "pci-dss", "soc2", "iso27001"},
       "Elastic Beanstalk copies rotated application and web server logs from its instances to S3 only when the "
       "aws:elasticbeanstalk:hostmanager LogPublicationControl option is true. Without it the logs live on the "
       "instance and disappear when Auto Scaling replaces it, which is exactly when an incident needs them "
       "(cdk-nag AwsSolutions-EB4).",
       "Set OptionSettings aws:elasticbeanstalk:hostmanager LogPublicationControl: 'true' (or stream to "
       "CloudWatch Logs with aws:elasticbeanstalk:cloudwatch:logs StreamLogs as well)."},
      &log_beanstalk_instance_logs::check};
  return rule;
}

}  // namespace aip::lint
