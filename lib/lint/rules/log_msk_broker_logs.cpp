// AIP-LOG-037: an MSK cluster that delivers no broker logs (cdk-nag
// AwsSolutions-MSK6, checkov CKV_AWS_80).
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace log_msk_broker_logs {

void check(Context& ctx) {
  for (const ResourceRef& c : ctx.resources("AWS::MSK::Cluster")) {
    const Json* logs = member_path(c.properties(), {"LoggingInfo", "BrokerLogs"});
    bool on = false;
    for (const char* destination : {"CloudWatchLogs", "Firehose", "S3"}) {
      const Json* d = logs != nullptr && logs->is_object() ? member(*logs, destination) : nullptr;
      const Json* enabled = d != nullptr && d->is_object() ? member(*d, "Enabled") : nullptr;
      on = on || (enabled != nullptr && (is_true(*enabled) || enabled->is_object()));
    }
    if (on) continue;
    ctx.report(c, logs != nullptr ? Path{"Properties", "LoggingInfo", "BrokerLogs"} : Path{},
               fmt::format("MSK cluster {} delivers no broker logs to CloudWatch Logs, Firehose or S3: failed "
                           "authentications and broker errors are not kept",
                           c.display()));
  }
}

}  // namespace log_msk_broker_logs

const Rule& rule_log_msk_broker_logs() {
  static const Rule rule{
      {"AIP-LOG-037", "MSK cluster without broker logs", Severity::warning,
       {"logging", "nist-800-53", "pci-dss", "hipaa", "soc2", "iso27001"},
       "MSK brokers log connections, authentication and authorization failures and errors only where "
       "LoggingInfo.BrokerLogs sends them (CloudWatch Logs, Firehose or S3); without a destination that is "
       "enabled, a client that was refused, a broker that fell out of sync or a topic deleted by mistake leaves "
       "no record (cdk-nag AwsSolutions-MSK6, checkov CKV_AWS_80).",
       "Set LoggingInfo.BrokerLogs.CloudWatchLogs {Enabled: true, LogGroup: ...} (or Firehose or S3), with a "
       "retention on the log group."},
      &log_msk_broker_logs::check};
  return rule;
}

}  // namespace aip::lint
