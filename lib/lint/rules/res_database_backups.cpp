// AIP-RES-010: automated backups turned off: an RDS DB instance with
// BackupRetentionPeriod 0 (cdk-nag RDS13) or a Redshift cluster with
// AutomatedSnapshotRetentionPeriod 0 (cdk-nag RS10).
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace res_database_backups {

bool is_zero(const Json& v) {
  if (v.is_number_integer()) return v.get<long long>() == 0;
  return v.is_string() && v.get<std::string>() == "0";
}

void check(Context& ctx) {
  for (const ResourceRef& db : ctx.resources("AWS::RDS::DBInstance")) {
    if (member(db.properties(), "DBClusterIdentifier") != nullptr) continue;  // the cluster keeps the backups
    if (member(db.properties(), "SourceDBInstanceIdentifier") != nullptr) continue;  // read replicas have none
    const Json* days = member(db.properties(), "BackupRetentionPeriod");
    if (days == nullptr || !is_zero(*days)) continue;
    ctx.report(db, {"Properties", "BackupRetentionPeriod"},
               fmt::format("database {} has automated backups turned off (BackupRetentionPeriod: 0): no "
                           "point-in-time restore",
                           db.display()));
  }
  for (const ResourceRef& c : ctx.resources("AWS::Redshift::Cluster")) {
    const Json* days = member(c.properties(), "AutomatedSnapshotRetentionPeriod");
    if (days == nullptr || !is_zero(*days)) continue;
    ctx.report(c, {"Properties", "AutomatedSnapshotRetentionPeriod"},
               fmt::format("Redshift cluster {} has automated snapshots turned off (AutomatedSnapshotRetentionPeriod: "
                           "0)",
                           c.display()));
  }
}

}  // namespace res_database_backups

const Rule& rule_res_database_backups() {
  static const Rule rule{
      {"AIP-RES-010", "Database with automated backups turned off", Severity::warning,
       {"resilience", "hipaa", "pci-dss", "sox", "nist-800-53", "soc2", "iso27001"},
       "A retention period of 0 turns automated backups off: an RDS instance then has no point-in-time restore and "
       "no automated snapshots, and a Redshift cluster takes no automated snapshots, so a dropped table or a "
       "corrupting deployment can only be undone from a manual snapshot, if there is one (cdk-nag RDS13 and RS10; "
       "NIST 800-53 CP-9, HIPAA 164.308(a)(7)). Instances of an Aurora cluster and read replicas are not "
       "reported: the cluster or the source keeps the backups.",
       "Set BackupRetentionPeriod (RDS) or AutomatedSnapshotRetentionPeriod (Redshift) to 7 days or more (aip "
       "specs: `backup_retention_days`)."},
      &res_database_backups::check};
  return rule;
}

}  // namespace aip::lint
