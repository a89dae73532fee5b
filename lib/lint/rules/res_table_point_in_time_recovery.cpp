// AIP-RES-003: a DynamoDB table without point-in-time recovery (cdk-nag DDB3,
// checkov CKV_AWS_28), and a global table replica without it (checkov CKV_AWS_165).
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
  // Global tables set it per replica (checkov CKV_AWS_165 looks at the first; every replica is checked here).
  for (const ResourceRef& t : ctx.resources("AWS::DynamoDB::GlobalTable")) {
    const Json* replicas = member(t.properties(), "Replicas");
    if (replicas == nullptr || !replicas->is_array()) continue;
    for (std::size_t i = 0; i < replicas->size(); ++i) {
      const Json& r = (*replicas)[i];
      const Json* on = member_path(r, {"PointInTimeRecoverySpecification", "PointInTimeRecoveryEnabled"});
      if (on != nullptr && is_true(*on)) continue;
      const Json* region = member(r, "Region");
      ctx.report(t, {"Properties", "Replicas", std::to_string(i)},
                 fmt::format("DynamoDB global table {} has no point-in-time recovery in its replica in {}: a bad "
                             "write or delete cannot be undone there",
                             t.display(), region != nullptr && region->is_string() ? region->get<std::string>()
                                                                                    : std::to_string(i)));
    }
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
       "CKV_AWS_28, CKV_AWS_165 for each replica of a global table; NIST 800-53 CP-9, ISO 27001 A.8.13).",
       "Set PointInTimeRecoverySpecification: {PointInTimeRecoveryEnabled: true} (on each replica of a global "
       "table). In a spec: tables have it unless "
       "`point_in_time_recovery: false`."},
      &res_table_point_in_time_recovery::check};
  return rule;
}

}  // namespace aip::lint
