// AIP-RES-001: a production database without deletion protection.
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace res_database_deletion_protection {

void check(Context& ctx) {
  for (const char* type : {"AWS::RDS::DBCluster", "AWS::RDS::DBInstance"}) {
    for (const ResourceRef& db : ctx.resources(type)) {
      if (std::string(type) == "AWS::RDS::DBInstance" && member(db.properties(), "DBClusterIdentifier") != nullptr) {
        continue;  // the cluster's setting applies
      }
      if (!is_production(db)) continue;
      const Json* dp = member(db.properties(), "DeletionProtection");
      if (dp != nullptr && is_true(*dp)) continue;
      ctx.report(db, dp != nullptr ? Path{"Properties", "DeletionProtection"} : Path{},
                 fmt::format("production database {} has no deletion protection (DeletionProtection is not true)",
                             db.display()));
    }
  }
}

}  // namespace res_database_deletion_protection

const Rule& rule_res_database_deletion_protection() {
  static const Rule rule{
      {"AIP-RES-001", "Production database without deletion protection", Severity::warning,
       {"resilience", "soc2", "iso27001"},
       "A production database (tagged Environment: prod / production) can be deleted by one mistaken stack update, "
       "stack deletion or API call unless DeletionProtection is on. Deletion protection makes the delete fail "
       "until someone turns it off on purpose.",
       "Set DeletionProtection: true (`deletion_protection: true` in an aip spec) and keep DeletionPolicy: Snapshot "
       "or Retain on the resource."},
      &res_database_deletion_protection::check};
  return rule;
}

}  // namespace aip::lint
