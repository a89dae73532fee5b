// AIP-RES-010: automated backups turned off: an RDS DB instance with
// BackupRetentionPeriod 0 (cdk-nag RDS13) or a Redshift cluster with
// AutomatedSnapshotRetentionPeriod 0 (cdk-nag RS10); a DocumentDB or Neptune
// cluster keeping backups under 7 days (cdk-nag DOC4, N3; checkov CKV_AWS_360, CKV_AWS_361).
#include <cstdlib>

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
  // DocumentDB and Neptune keep one day when BackupRetentionPeriod is absent.
  for (const char* type : {"AWS::DocDB::DBCluster", "AWS::Neptune::DBCluster"}) {
    for (const ResourceRef& c : ctx.resources(type)) {
      const Json* days = member(c.properties(), "BackupRetentionPeriod");
      long long n = 1;
      if (days != nullptr && days->is_number_integer()) n = days->get<long long>();
      else if (days != nullptr && days->is_string()) n = std::atoll(days->get<std::string>().c_str());
      else if (days != nullptr) continue;  // an intrinsic
      if (n >= 7) continue;
      ctx.report(c, days != nullptr ? Path{"Properties", "BackupRetentionPeriod"} : Path{},
                 fmt::format("{} cluster {} keeps automated backups {} day{}{}: a mistake found a week later cannot "
                             "be restored; keep them 7 days or more",
                             std::string(type) == "AWS::DocDB::DBCluster" ? "DocumentDB" : "Neptune", c.display(), n,
                             n == 1 ? "" : "s", days == nullptr ? " (the default)" : ""));
    }
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
      {"AIP-RES-010", "Database with automated backups turned off or kept under 7 days", Severity::warning,
       {"resilience", "hipaa", "pci-dss", "sox", "nist-800-53", "soc2", "iso27001"},
       "A retention period of 0 turns automated backups off: an RDS instance then has no point-in-time restore and "
       "no automated snapshots, and a Redshift cluster takes no automated snapshots, so a dropped table or a "
       "corrupting deployment can only be undone from a manual snapshot, if there is one (cdk-nag RDS13 and RS10; "
       "NIST 800-53 CP-9, HIPAA 164.308(a)(7)). Instances of an Aurora cluster and read replicas are not "
       "reported: the cluster or the source keeps the backups. DocumentDB and Neptune clusters are reported when "
       "they keep backups under 7 days, the default being 1 (cdk-nag DOC4 and N3, checkov CKV_AWS_360 and "
       "CKV_AWS_361).",
       "Set BackupRetentionPeriod (RDS; DocumentDB and Neptune, 7 or more) or AutomatedSnapshotRetentionPeriod "
       "(Redshift) to 7 days or more (aip "
       "specs: `backup_retention_days`)."},
      &res_database_backups::check};
  return rule;
}

}  // namespace aip::lint
