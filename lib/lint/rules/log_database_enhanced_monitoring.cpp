// AIP-LOG-044: an RDS DB instance without Enhanced Monitoring (checkov CKV_AWS_118).
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace log_database_enhanced_monitoring {

void check(Context& ctx) {
  for (const ResourceRef& db : ctx.resources("AWS::RDS::DBInstance")) {
    const Json* interval = member(db.properties(), "MonitoringInterval");
    if (interval != nullptr && interval->is_object()) continue;  // an intrinsic
    const bool off = interval == nullptr || (interval->is_number_integer() && interval->get<long long>() == 0) ||
                     (interval->is_string() && interval->get<std::string>() == "0");
    if (!off) continue;
    ctx.report(db, interval != nullptr ? Path{"Properties", "MonitoringInterval"} : Path{},
               fmt::format("database instance {} has no Enhanced Monitoring (MonitoringInterval {}): its OS "
                           "metrics (processes, memory, swap, I/O per device) are not collected",
                           db.display(), interval != nullptr ? "0" : "absent"));
  }
}

}  // namespace log_database_enhanced_monitoring

const Rule& rule_log_database_enhanced_monitoring() {
  static const Rule rule{
      {"AIP-LOG-044", "RDS instance without Enhanced Monitoring", Severity::warning,
       {"logging", "nist-800-53", "soc2", "iso27001"},
       "CloudWatch's RDS metrics come from the hypervisor once a minute. Enhanced Monitoring runs an agent on the "
       "instance and publishes the operating system's view, down to one-second samples: which process uses the "
       "CPU, memory and swap, I/O per device. Without it a slow query cannot be told from a starved instance, and "
       "an incident leaves no OS record (checkov CKV_AWS_118; NIST 800-53 SI-4).",
       "Set MonitoringInterval (1, 5, 10, 15, 30 or 60 seconds) and MonitoringRoleArn, a role that "
       "monitoring.rds.amazonaws.com assumes and that may write the RDSOSMetrics log group (what the "
       "AmazonRDSEnhancedMonitoringRole managed policy grants). aip's "
       "`databases:` area does this for every instance (`enhanced_monitoring`, default 60; 0 turns it off)."},
      &log_database_enhanced_monitoring::check};
  return rule;
}

}  // namespace aip::lint
