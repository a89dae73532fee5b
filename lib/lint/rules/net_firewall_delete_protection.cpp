// AIP-NET-009: a Network Firewall that one stack update or deletion can remove.
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace net_firewall_delete_protection {

void check(Context& ctx) {
  for (const ResourceRef& f : ctx.resources("AWS::NetworkFirewall::Firewall")) {
    const Json* protection = member(f.properties(), "DeleteProtection");
    if (protection != nullptr && is_true(*protection)) continue;
    ctx.report(f, protection != nullptr ? Path{"Properties", "DeleteProtection"} : Path{},
               fmt::format("firewall {} has no delete protection: deleting its stack, or an update that replaces "
                           "it, removes the egress filter (DeleteProtection)",
                           f.display()));
  }
}

}  // namespace net_firewall_delete_protection

const Rule& rule_net_firewall_delete_protection() {
  static const Rule rule{
      {"AIP-NET-009", "Network Firewall without delete protection", Severity::warning,
       {"network", "resilience", "nist-800-53"},
       "The routes of the protected subnets point at the firewall's endpoints. Deleting the firewall removes the "
       "filter and leaves those routes black-holed until someone repairs them: an outage, or an open egress if the "
       "repair points the routes at the NAT gateway directly (checkov CKV_AWS_344; NIST 800-53 SC-7, CM-3).",
       "Set DeleteProtection: true (the default of aip's `firewall:`; turn it off with `deletion_protection: "
       "false` before deleting the platform)."},
      &net_firewall_delete_protection::check};
  return rule;
}

}  // namespace aip::lint
