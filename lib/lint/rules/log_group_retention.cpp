// AIP-LOG-001: a log group without a retention period.
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace log_group_retention {

void check(Context& ctx) {
  for (const ResourceRef& g : ctx.resources("AWS::Logs::LogGroup")) {
    if (member(g.properties(), "RetentionInDays") != nullptr) continue;
    ctx.report(g, {},
               fmt::format("log group {} has no RetentionInDays: logs are kept (and billed) forever", g.display()));
  }
}

}  // namespace log_group_retention

const Rule& rule_log_group_retention() {
  static const Rule rule{
      {"AIP-LOG-001", "Log group without retention", Severity::warning,
       {"logging", "gdpr", "soc2", "iso27001", "pci-dss", "sox"},
       "A CloudWatch log group without RetentionInDays keeps every event forever. Storage cost grows without bound, "
       "and personal data in logs is kept longer than any purpose justifies (GDPR storage limitation). Compliance "
       "frameworks ask for a defined retention instead: PCI DSS 10.5.1 one year, HIPAA six years for audit records.",
       "Set RetentionInDays to one of the values CloudWatch accepts (e.g. 30 for debug logs, 365 or more for audit "
       "logs such as flow logs)."},
      &log_group_retention::check};
  return rule;
}

}  // namespace aip::lint
