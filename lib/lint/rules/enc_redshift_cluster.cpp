// AIP-ENC-026: a Redshift cluster not encrypted at rest (cdk-nag RS6, checkov CKV_AWS_64).
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace enc_redshift_cluster {

void check(Context& ctx) {
  for (const ResourceRef& c : ctx.resources("AWS::Redshift::Cluster")) {
    const Json* on = member(c.properties(), "Encrypted");
    if (on != nullptr && is_true(*on)) continue;
    ctx.report(c, on != nullptr ? Path{"Properties", "Encrypted"} : Path{},
               fmt::format("Redshift cluster {} is not encrypted at rest (Encrypted is not true)", c.display()));
  }
}

}  // namespace enc_redshift_cluster

const Rule& rule_enc_redshift_cluster() {
  static const Rule rule{
      {"AIP-ENC-026", "Redshift cluster not encrypted at rest", Severity::warning,
       {"encryption", "hipaa", "pci-dss", "gdpr", "nist-800-53", "soc2", "iso27001", "sox"},
       "A provisioned Redshift cluster stores its tables, and the snapshots taken of them, unencrypted unless "
       "Encrypted is true; a data warehouse holds the reporting data auditors and attackers are most interested "
       "in (cdk-nag RS6, checkov CKV_AWS_64; NIST 800-53 SC-28, PCI DSS 3.5).",
       "Set Encrypted: true and KmsKeyId to a customer-managed key."},
      &enc_redshift_cluster::check};
  return rule;
}

}  // namespace aip::lint
