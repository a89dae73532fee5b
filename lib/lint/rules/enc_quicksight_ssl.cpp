// AIP-ENC-042: a QuickSight data source that connects without SSL (cdk-nag
// AwsSolutions-QS1).
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace enc_quicksight_ssl {

void check(Context& ctx) {
  for (const ResourceRef& s : ctx.resources("AWS::QuickSight::DataSource")) {
    const Json* off = member_path(s.properties(), {"SslProperties", "DisableSsl"});
    if (off == nullptr || !is_true(*off)) continue;
    ctx.report(s, {"Properties", "SslProperties", "DisableSsl"},
               fmt::format("QuickSight data source {} connects to its database without SSL (DisableSsl true): "
                           "credentials and query results cross the network in clear text",
                           s.display()));
  }
}

}  // namespace enc_quicksight_ssl

const Rule& rule_enc_quicksight_ssl() {
  static const Rule rule{
      {"AIP-ENC-042", "QuickSight data source without SSL", Severity::warning,
       {"encryption", "nist-800-53", "pci-dss", "hipaa", "gdpr", "soc2", "iso27001"},
       "QuickSight connects to databases (Aurora, RDS, Redshift, Athena, on-premises engines) over SSL unless "
       "the data source sets SslProperties.DisableSsl; then the database user's password and every row the "
       "dashboards read travel unencrypted (cdk-nag AwsSolutions-QS1).",
       "Remove DisableSsl (it defaults to false) and have the database accept TLS; for a database that cannot, "
       "connect through a VPC connection and suppress with that reason."},
      &enc_quicksight_ssl::check};
  return rule;
}

}  // namespace aip::lint
