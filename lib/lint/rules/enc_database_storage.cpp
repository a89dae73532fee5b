// AIP-ENC-003: database storage not encrypted (Aurora / RDS / Redshift /
// DocumentDB / Neptune / DAX).
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace enc_database_storage {

void check(Context& ctx) {
  for (const ResourceRef& c : ctx.resources("AWS::RDS::DBCluster")) {
    const Json* mode = member(c.properties(), "EngineMode");
    if (mode != nullptr && *mode == "serverless") continue;  // Aurora Serverless v1 is always encrypted
    const Json* enc = member(c.properties(), "StorageEncrypted");
    if (enc != nullptr && is_true(*enc)) continue;
    ctx.report(c, enc != nullptr ? Path{"Properties", "StorageEncrypted"} : Path{},
               fmt::format("database cluster {} does not encrypt its storage (StorageEncrypted is not true); this "
                           "cannot be changed after creation",
                           c.display()));
  }
  for (const ResourceRef& i : ctx.resources("AWS::RDS::DBInstance")) {
    if (member(i.properties(), "DBClusterIdentifier") != nullptr) continue;  // the cluster decides
    if (member(i.properties(), "SourceDBInstanceIdentifier") != nullptr) continue;  // replicas inherit
    const Json* enc = member(i.properties(), "StorageEncrypted");
    if (enc != nullptr && is_true(*enc)) continue;
    ctx.report(i, enc != nullptr ? Path{"Properties", "StorageEncrypted"} : Path{},
               fmt::format("database instance {} does not encrypt its storage (StorageEncrypted is not true)",
                           i.display()));
  }
  for (const ResourceRef& r : ctx.resources("AWS::Redshift::Cluster")) {
    const Json* enc = member(r.properties(), "Encrypted");
    if (enc != nullptr && is_true(*enc)) continue;
    ctx.report(r, enc != nullptr ? Path{"Properties", "Encrypted"} : Path{},
               fmt::format("Redshift cluster {} is not encrypted", r.display()));
  }
  // DocumentDB and Neptune clusters (cdk-nag DOC1, N4; checkov CKV_AWS_74, CKV_AWS_44).
  for (const char* type : {"AWS::DocDB::DBCluster", "AWS::Neptune::DBCluster"}) {
    for (const ResourceRef& c : ctx.resources(type)) {
      const Json* enc = member(c.properties(), "StorageEncrypted");
      if (enc != nullptr && (is_true(*enc) || (!enc->is_boolean() && !enc->is_string()))) continue;
      ctx.report(c, enc != nullptr ? Path{"Properties", "StorageEncrypted"} : Path{},
                 fmt::format("{} cluster {} does not encrypt its storage (StorageEncrypted is not true); this cannot "
                             "be changed after creation",
                             std::string(type) == "AWS::DocDB::DBCluster" ? "DocumentDB" : "Neptune", c.display()));
    }
  }
  // DAX clusters (cdk-nag DDB4, checkov CKV_AWS_47).
  for (const ResourceRef& c : ctx.resources("AWS::DAX::Cluster")) {
    const Json* on = member_path(c.properties(), {"SSESpecification", "SSEEnabled"});
    if (on != nullptr && (is_true(*on) || (!on->is_boolean() && !on->is_string()))) continue;
    ctx.report(c, on != nullptr ? Path{"Properties", "SSESpecification", "SSEEnabled"} : Path{},
               fmt::format("DAX cluster {} does not encrypt its cache at rest (SSESpecification.SSEEnabled is not "
                           "true); this cannot be changed after creation",
                           c.display()));
  }
}

}  // namespace enc_database_storage

const Rule& rule_enc_database_storage() {
  static const Rule rule{
      {"AIP-ENC-003", "Database storage not encrypted", Severity::error,
       {"encryption", "hipaa", "pci-dss", "gdpr", "nist-800-53", "soc2", "iso27001"},
       "Aurora and RDS encrypt storage, automated backups, snapshots and replicas only when StorageEncrypted is "
       "set at creation; it cannot be turned on later without a snapshot-restore migration. Unencrypted databases "
       "fail HIPAA, PCI DSS 3.5 and NIST SC-28 requirements for data at rest. DocumentDB and Neptune clusters "
       "(StorageEncrypted) and DAX clusters (SSESpecification) are checked the same way (cdk-nag DOC1, N4, DDB4; "
       "checkov CKV_AWS_74, CKV_AWS_44, CKV_AWS_47).",
       "Set StorageEncrypted: true (and KmsKeyId for a customer managed key). For an existing database, restore "
       "an encrypted copy of a snapshot and switch over."},
      &enc_database_storage::check};
  return rule;
}

}  // namespace aip::lint
