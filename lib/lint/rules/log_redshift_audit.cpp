// AIP-LOG-022: a Redshift cluster without audit logging (cdk-nag RS5, checkov CKV_AWS_71).
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace log_redshift_audit {

void check(Context& ctx) {
  for (const ResourceRef& c : ctx.resources("AWS::Redshift::Cluster")) {
    const Json* logging = member(c.properties(), "LoggingProperties");
    if (logging != nullptr && logging->is_object() && !logging->empty()) continue;
    ctx.report(c, logging != nullptr ? Path{"Properties", "LoggingProperties"} : Path{},
               fmt::format("Redshift cluster {} has no audit logging (LoggingProperties): connections and user "
                           "changes are not recorded",
                           c.display()));
  }
}

}  // namespace log_redshift_audit

const Rule& rule_log_redshift_audit() {
  static const Rule rule{
      {"AIP-LOG-022", "Redshift cluster without audit logging", Severity::warning,
       {"logging", "pci-dss", "hipaa", "sox", "nist-800-53", "soc2", "iso27001"},
       "Redshift records connection attempts and user and permission changes only when audit logging is on "
       "(LoggingProperties with an S3 bucket or CloudWatch Logs); without it nobody can say who logged in to the "
       "warehouse or granted what (cdk-nag RS5, checkov CKV_AWS_71; PCI DSS 10.2, NIST 800-53 AU-2, SOX ITGC "
       "access logging).",
       "Set LoggingProperties: {LogDestinationType: cloudwatch, LogExports: [connectionlog, userlog, "
       "useractivitylog]} or {BucketName: ..., S3KeyPrefix: ...}."},
      &log_redshift_audit::check};
  return rule;
}

}  // namespace aip::lint
