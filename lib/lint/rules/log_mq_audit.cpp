// AIP-LOG-038: an Amazon MQ for ActiveMQ broker without audit logs (checkov
// CKV_AWS_197). RabbitMQ brokers have no audit log.
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace log_mq_audit {

void check(Context& ctx) {
  for (const ResourceRef& b : ctx.resources("AWS::AmazonMQ::Broker")) {
    const Json* engine = member(b.properties(), "EngineType");
    if (engine == nullptr || !engine->is_string() || lower(engine->get<std::string>()) != "activemq") continue;
    const Json* audit = member_path(b.properties(), {"Logs", "Audit"});
    if (audit != nullptr && (is_true(*audit) || (!audit->is_boolean() && !audit->is_string()))) continue;
    ctx.report(b, audit != nullptr ? Path{"Properties", "Logs", "Audit"} : Path{},
               fmt::format("ActiveMQ broker {} does not publish audit logs (Logs.Audit is not true): management "
                           "actions through JMX and the web console are not recorded",
                           b.display()));
  }
}

}  // namespace log_mq_audit

const Rule& rule_log_mq_audit() {
  static const Rule rule{
      {"AIP-LOG-038", "Amazon MQ broker without audit logs", Severity::warning,
       {"logging", "nist-800-53", "pci-dss", "soc2", "iso27001"},
       "An ActiveMQ broker records who created, changed or purged destinations through JMX or the web console "
       "only when Logs.Audit is true; the default is false, so an emptied queue or a changed user leaves no trace "
       "in CloudWatch Logs (checkov CKV_AWS_197). RabbitMQ brokers have no audit log and are not reported.",
       "Set Logs: {Audit: true, General: true} and give the broker's log groups a retention."},
      &log_mq_audit::check};
  return rule;
}

}  // namespace aip::lint
