// AIP-BAK-002: a backup plan rule whose recovery points never expire.
#include <string>

#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace bak_plan_retention {

void check(Context& ctx) {
  for (const ResourceRef& p : ctx.resources("AWS::Backup::BackupPlan")) {
    const Json* rules = member_path(p.properties(), {"BackupPlan", "BackupPlanRule"});
    if (rules == nullptr || !rules->is_array()) continue;
    for (std::size_t i = 0; i < rules->size(); ++i) {
      const Json& rule = (*rules)[i];
      if (member_path(rule, {"Lifecycle", "DeleteAfterDays"}) != nullptr) continue;
      const Json* name = member(rule, "RuleName");
      ctx.report(p, Path{"Properties", "BackupPlan", "BackupPlanRule", std::to_string(i)},
                 fmt::format("rule {} of backup plan {} sets no Lifecycle.DeleteAfterDays: its recovery points are "
                             "kept, and paid for, forever",
                             name != nullptr && name->is_string() ? name->get<std::string>() : std::to_string(i),
                             p.display()));
    }
  }
}

}  // namespace bak_plan_retention

const Rule& rule_bak_plan_retention() {
  static const Rule rule{
      {"AIP-BAK-002", "Backup plan rule without retention", Severity::warning,
       {"resilience", "gdpr", "soc2", "iso27001"},
       "A backup rule without Lifecycle.DeleteAfterDays keeps every recovery point forever. Storage grows without "
       "bound, and personal data in old backups outlives every deletion request and retention period (GDPR "
       "Art. 5(1)(e), storage limitation); a retention period is also what auditors ask a backup policy to state.",
       "Set Lifecycle.DeleteAfterDays on every rule (and on its CopyActions). In a spec: `retention_days` is "
       "required on each rule of a backup plan."},
      &bak_plan_retention::check};
  return rule;
}

}  // namespace aip::lint
