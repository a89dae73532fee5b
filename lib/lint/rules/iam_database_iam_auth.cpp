// AIP-IAM-014: an RDS database whose engine supports IAM database
// authentication without it enabled (cdk-nag AwsSolutions-RDS6, checkov
// CKV_AWS_161, CKV_AWS_162).
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace iam_database_iam_auth {

// Engines that accept IAM database authentication: Aurora MySQL and PostgreSQL,
// RDS for MySQL, MariaDB and PostgreSQL. "" for an engine given by an intrinsic.
bool supports_iam_auth(const std::string& engine) {
  return engine == "aurora" || engine == "aurora-mysql" || engine == "aurora-postgresql" || engine == "mysql" ||
         engine == "mariadb" || engine == "postgres";
}

void check_one(Context& ctx, const ResourceRef& db, const char* what) {
  const Json* engine = member(db.properties(), "Engine");
  if (engine == nullptr || !engine->is_string()) return;  // required; an intrinsic: unknown
  const std::string name = lower(engine->get<std::string>());
  if (!supports_iam_auth(name)) return;
  const Json* on = member(db.properties(), "EnableIAMDatabaseAuthentication");
  if (on != nullptr && !on->is_string() && !on->is_boolean()) return;  // an intrinsic: unknown
  if (on != nullptr && is_true(*on)) return;
  ctx.report(db, on != nullptr ? Path{"Properties", "EnableIAMDatabaseAuthentication"} : Path{},
             fmt::format("{} {} ({}) does not enable IAM database authentication: every client logs in with a "
                         "long-lived database password; set EnableIAMDatabaseAuthentication: true",
                         what, db.display(), name));
}

void check(Context& ctx) {
  for (const ResourceRef& db : ctx.resources("AWS::RDS::DBCluster")) check_one(ctx, db, "database cluster");
  for (const ResourceRef& db : ctx.resources("AWS::RDS::DBInstance")) {
    if (member(db.properties(), "DBClusterIdentifier") != nullptr) continue;  // the cluster's setting applies
    check_one(ctx, db, "database instance");
  }
  // Neptune clusters (cdk-nag AwsSolutions-N5) authenticate with IAM or not at all beyond the network.
  for (const ResourceRef& db : ctx.resources("AWS::Neptune::DBCluster")) {
    const Json* on = member(db.properties(), "IamAuthEnabled");
    if (on != nullptr && (is_true(*on) || (!on->is_boolean() && !on->is_string()))) continue;
    ctx.report(db, on != nullptr ? Path{"Properties", "IamAuthEnabled"} : Path{},
               fmt::format("Neptune cluster {} does not enable IAM authentication: every client that reaches its "
                           "endpoint may query and change the graph; set IamAuthEnabled: true",
                           db.display()));
  }
}

}  // namespace iam_database_iam_auth

const Rule& rule_iam_database_iam_auth() {
  static const Rule rule{
      {"AIP-IAM-014", "Database without IAM database authentication", Severity::warning,
       {"iam", "nist-800-53", "pci-dss", "hipaa", "soc2"},
       "Without IAM database authentication every application and person logs in with a database user's password: a "
       "long-lived secret that has to be distributed, rotated and revoked by hand, and that IAM policies, "
       "CloudTrail and session tags know nothing about. With it, a role obtains a 15-minute token with "
       "rds-db:connect on one database user, so access is granted, audited and withdrawn in IAM like every other "
       "permission (cdk-nag AwsSolutions-RDS6 for Aurora clusters; checkov CKV_AWS_161 for MySQL and PostgreSQL "
       "instances, CKV_AWS_162 for clusters; cdk-nag AwsSolutions-N5 for Neptune clusters, IamAuthEnabled, "
       "without which Neptune checks no credentials at all).",
       "Set EnableIAMDatabaseAuthentication: true on the cluster (or the stand-alone instance) and grant "
       "rds-db:connect on arn:aws:rds-db:REGION:ACCOUNT:dbuser:RESOURCE-ID/USER to the roles that connect. aip's "
       "`databases:` area does this for every cluster. Engines without IAM authentication (Oracle, SQL Server, "
       "Db2) are not checked."},
      &iam_database_iam_auth::check};
  return rule;
}

}  // namespace aip::lint
