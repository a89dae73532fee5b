// AIP-RES-003: a DynamoDB table without point-in-time recovery (cdk-nag DDB3,
// checkov CKV_AWS_28).
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace res_table_point_in_time_recovery {

void check(Context& ctx) {
  for (const ResourceRef& t : ctx.resources("AWS::DynamoDB::Table")) {
    const Json* on = member_path(t.properties(), {"PointInTimeRecoverySpecification", "PointInTimeRecoveryEnabled"});
    if (on != nullptr && is_true(*on)) continue;
    ctx.report(t, on != nullptr ? Path{"Properties", "PointInTimeRecoverySpecification", "PointInTimeRecoveryEnabled"}
                                : Path{},
               fmt::format("DynamoDB table {} has no point-in-time recovery: a bad write or delete cannot be undone",
                           t.display()));
  }
}

}  // namespace res_table_point_in_time_recovery

const Rule& rule_res_table_point_in_time_recovery() {
  static const Rule rule{
      {"AIP-RES-003", "DynamoDB table without point-in-time recovery", Severity::warning,
       {"resilience", "nist-800-53", "soc2", "iso27001", "hipaa"},
       "Point-in-time recovery keeps continuous backups of a DynamoDB table for 35 days, so a faulty job, a bug "
       "or a compromised role that overwrites or deletes items can be rolled back to any second before it. "
       "Without it the only copies are on-demand backups someone remembered to take (cdk-nag DDB3, checkov "
       "CKV_AWS_28; NIST 800-53 CP-9, ISO 27001 A.8.13).",
       "Set PointInTimeRecoverySpecification: {PointInTimeRecoveryEnabled: true}. In a spec: tables have it unless "
       "`point_in_time_recovery: false`."},
      &res_table_point_in_time_recovery::check};
  return rule;
}

}  // namespace aip::lint
