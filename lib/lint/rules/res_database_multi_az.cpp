// AIP-RES-005: a non-Aurora RDS instance that is not Multi-AZ (cdk-nag
// AwsSolutions-RDS3, checkov CKV_AWS_157), or a Neptune cluster confined to
// one zone (cdk-nag AwsSolutions-N1).
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace res_database_multi_az {

void check(Context& ctx) {
  for (const ResourceRef& db : ctx.resources("AWS::RDS::DBInstance")) {
    const Json& p = db.properties();
    // Aurora replicates storage across three zones; its instances take no MultiAZ.
    if (member(p, "DBClusterIdentifier") != nullptr) continue;
    const Json* engine = member(p, "Engine");
    if (engine != nullptr && !engine->is_string()) continue;  // an intrinsic: unknown
    const std::string name = engine != nullptr ? lower(engine->get<std::string>()) : "";
    if (name.find("aurora") != std::string::npos) continue;
    if (name == "sqlserver-ex") continue;  // SQL Server Express has no Multi-AZ deployment
    const Json* multi = member(p, "MultiAZ");
    if (multi != nullptr && (is_true(*multi) || (!multi->is_boolean() && !multi->is_string()))) continue;
    ctx.report(db, multi != nullptr ? Path{"Properties", "MultiAZ"} : Path{},
               fmt::format("database instance {} runs in one Availability Zone: a zone outage or a host failure "
                           "stops it until it is restored; set MultiAZ: true",
                           db.display()));
  }
  // Neptune: without a subnet group the cluster lands in the default VPC's subnets as Neptune picks them, and
  // AvailabilityZones with one zone keeps every instance there (cdk-nag N1 asks for both).
  for (const ResourceRef& c : ctx.resources("AWS::Neptune::DBCluster")) {
    const Json* zones = member(c.properties(), "AvailabilityZones");
    if (zones != nullptr && zones->is_array() && zones->size() < 2) {
      ctx.report(c, {"Properties", "AvailabilityZones"},
                 fmt::format("Neptune cluster {} is confined to one Availability Zone: a zone outage stops the "
                             "graph; list two or more zones or leave AvailabilityZones out",
                             c.display()));
    } else if (member(c.properties(), "DBSubnetGroupName") == nullptr) {
      ctx.report(c, {},
                 fmt::format("Neptune cluster {} names no DBSubnetGroupName: its instances are placed in the "
                             "default VPC, not in subnets of two zones chosen for it",
                             c.display()));
    }
  }
}

}  // namespace res_database_multi_az

const Rule& rule_res_database_multi_az() {
  static const Rule rule{
      {"AIP-RES-005", "RDS instance or Neptune cluster not Multi-AZ", Severity::warning,
       {"resilience", "nist-800-53", "hipaa", "soc2", "iso27001"},
       "A single-AZ RDS instance has one copy of its storage on one host in one zone. A host failure, a zone outage "
       "or maintenance that needs a reboot takes the database down, and the recovery is a restore from the last "
       "backup with its data loss. Multi-AZ keeps a synchronous standby in a second zone and fails over in a minute "
       "or two without losing committed transactions (cdk-nag AwsSolutions-RDS3, also in its HIPAA and NIST "
       "800-53 packs; checkov CKV_AWS_157). Aurora instances are not checked: Aurora storage spans three zones. "
       "A Neptune cluster is reported "
       "when it names no DB subnet group or lists a single Availability Zone (cdk-nag AwsSolutions-N1).",
       "Set MultiAZ: true (Neptune: a DBSubnetGroupName with subnets in two zones, and read replicas in the "
       "second) (or use an Aurora cluster, which aip's `databases:` area renders). A development "
       "database that may be down for a restore takes a suppression saying so."},
      &res_database_multi_az::check};
  return rule;
}

}  // namespace aip::lint
