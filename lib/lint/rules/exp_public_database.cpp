// AIP-EXP-004: a database is publicly accessible.
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace exp_public_database {

void check(Context& ctx) {
  for (const char* type : {"AWS::RDS::DBInstance", "AWS::RDS::DBCluster", "AWS::Redshift::Cluster",
                           "AWS::DMS::ReplicationInstance"}) {
    for (const ResourceRef& db : ctx.resources(type)) {
      const Json* pub = member(db.properties(), "PubliclyAccessible");
      // DMS replication instances default to public; the others to private.
      bool open = pub != nullptr ? is_true(*pub) : std::string(type) == "AWS::DMS::ReplicationInstance";
      if (!open) continue;
      ctx.report(db, pub != nullptr ? Path{"Properties", "PubliclyAccessible"} : Path{},
                 fmt::format("{} {} is publicly accessible: it gets a public DNS name and address reachable from the "
                             "internet",
                             type, db.display()));
    }
  }
}

}  // namespace exp_public_database

const Rule& rule_exp_public_database() {
  static const Rule rule{
      {"AIP-EXP-004", "Database publicly accessible", Severity::error,
       {"exposure", "pci-dss", "hipaa", "gdpr", "nist-800-53", "soc2", "iso27001"},
       "A publicly accessible database (PubliclyAccessible: true) resolves to a public address; only its security "
       "group stands between the data and the internet, and one broad rule later exposes it. Databases holding "
       "personal, health or card data must not be reachable from the internet (PCI DSS 1.3, HIPAA 164.312(e)).",
       "Set PubliclyAccessible to false and place the database in isolated subnets; reach it from the application "
       "tier or through a bastion / Session Manager port forwarding."},
      &exp_public_database::check};
  return rule;
}

}  // namespace aip::lint
