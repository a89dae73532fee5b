// AIP-SEC-003: a CloudTrail trail without log file validation.
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace sec_trail_log_validation {

void check(Context& ctx) {
  for (const ResourceRef& t : ctx.resources("AWS::CloudTrail::Trail")) {
    const Json* v = member(t.properties(), "EnableLogFileValidation");
    if (v != nullptr && is_true(*v)) continue;
    ctx.report(t, v != nullptr ? Path{"Properties", "EnableLogFileValidation"} : Path{},
               fmt::format("trail {} does not validate its log files: an altered or deleted log file goes unnoticed",
                           t.display()));
  }
}

}  // namespace sec_trail_log_validation

const Rule& rule_sec_trail_log_validation() {
  static const Rule rule{
      {"AIP-SEC-003", "CloudTrail trail without log file validation", Severity::warning,
       {"security", "logging", "sox", "pci-dss", "hipaa", "gdpr", "nist-800-53", "soc2", "iso27001"},
       "With log file validation, CloudTrail delivers an hourly digest file signed with SHA-256 and RSA that chains "
       "every log file; `aws cloudtrail validate-logs` then proves that no file was changed or removed. Without it an "
       "audit trail is only as trustworthy as everyone who can write to its bucket, which auditors (SOX, PCI DSS "
       "10.5, HIPAA 164.312(b), CIS 3.2) do not accept. AWS Config: CLOUD_TRAIL_LOG_FILE_VALIDATION_ENABLED.",
       "Set EnableLogFileValidation: true. aip's trails (`observability: trails:`) always validate."},
      &sec_trail_log_validation::check};
  return rule;
}

}  // namespace aip::lint
