// AIP-LOG-005 (packs pci-dss, sox): a log group kept for less than a year.
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace log_retention_one_year {

void check(Context& ctx) {
  for (const ResourceRef& g : ctx.resources("AWS::Logs::LogGroup")) {
    const Json* days = member(g.properties(), "RetentionInDays");
    if (days == nullptr) continue;  // kept forever: AIP-LOG-001's business
    int value = 0;
    if (days->is_number_integer()) {
      value = days->get<int>();
    } else if (days->is_string()) {
      try {
        value = std::stoi(days->get<std::string>());
      } catch (const std::exception&) {
        continue;
      }
    } else {
      continue;  // an intrinsic: unknown here
    }
    if (value >= 365) continue;
    ctx.report(g, {"Properties", "RetentionInDays"},
               fmt::format("log group {} keeps events for {} days; the enabled compliance packs (PCI DSS 10.5.1, SOX) "
                           "ask for at least 365",
                           g.display(), value));
  }
}

}  // namespace log_retention_one_year

const Rule& rule_log_retention_one_year() {
  static const Rule rule{
      {"AIP-LOG-005", "Log group kept for less than a year (pack: pci-dss, sox)", Severity::warning,
       {"logging", "pci-dss", "sox"},
       "PCI DSS 10.5.1 requires audit log history for at least twelve months (three immediately available); SOX "
       "audits of IT general controls expect the logs of the audited year to exist. A log group that deletes events "
       "after days or weeks cannot provide that evidence. This rule runs only when the pci-dss or sox pack is on "
       "(a spec's `compliance:`, or `aip lint --pack`): debug logs of other platforms may rightly be short-lived.",
       "Set RetentionInDays to 365 or more (400, 545, 731, ... for longer), or export the logs to an archive bucket "
       "with object lock. In a spec: `retention_days: 365` on the log group, or "
       "`observability: {log_retention_days: 365}` for every group.",
       {"pci-dss", "sox"}},  // pack-only
      &log_retention_one_year::check};
  return rule;
}

}  // namespace aip::lint
