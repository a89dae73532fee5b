// AIP-EXP-020: a Redshift cluster reachable from the internet (cdk-nag RS8, checkov CKV_AWS_87).
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace exp_redshift_public {

void check(Context& ctx) {
  for (const ResourceRef& c : ctx.resources("AWS::Redshift::Cluster")) {
    const Json* pub = member(c.properties(), "PubliclyAccessible");
    if (pub == nullptr || !is_true(*pub)) continue;
    ctx.report(c, {"Properties", "PubliclyAccessible"},
               fmt::format("Redshift cluster {} is publicly accessible: its endpoint gets a public IP address",
                           c.display()));
  }
}

}  // namespace exp_redshift_public

const Rule& rule_exp_redshift_public() {
  static const Rule rule{
      {"AIP-EXP-020", "Redshift cluster publicly accessible", Severity::error,
       {"exposure", "pci-dss", "hipaa", "gdpr", "nist-800-53", "soc2", "iso27001"},
       "PubliclyAccessible: true gives a Redshift cluster's endpoint a public IP address, so the only things "
       "between the internet and the warehouse's login are its security group and the master password (cdk-nag "
       "RS8, checkov CKV_AWS_87; NIST 800-53 AC-3 and SC-7, PCI DSS 1.3).",
       "Leave PubliclyAccessible unset or false; reach the cluster from inside the VPC, through a VPN or a "
       "Redshift-managed VPC endpoint."},
      &exp_redshift_public::check};
  return rule;
}

}  // namespace aip::lint
