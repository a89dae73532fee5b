// AIP-EXP-010: an OpenSearch Serverless network policy allows access from public networks.
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/aoss_policy.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace exp_aoss_public_network {

void check(Context& ctx) {
  for (const ResourceRef& r : ctx.resources("AWS::OpenSearchServerless::SecurityPolicy")) {
    if (aoss_policy_type(r) != "network") continue;
    const Json* text = member(r.properties(), "Policy");
    if (text == nullptr) continue;
    auto policy = aoss_policy(*text);
    if (!policy) continue;
    for (const Json* entry : aoss_entries(*policy)) {
      const Json* open = member(*entry, "AllowFromPublic");
      if (open == nullptr || !is_true(*open)) continue;
      ctx.report(r, {"Properties", "Policy"},
                 fmt::format("OpenSearch Serverless network policy {} allows access from public networks "
                             "(AllowFromPublic: true)",
                             r.display()));
      break;
    }
  }
}

}  // namespace exp_aoss_public_network

const Rule& rule_exp_aoss_public_network() {
  static const Rule rule{
      {"AIP-EXP-010", "OpenSearch Serverless collection reachable from the internet", Severity::error,
       {"exposure", "network", "pci-dss", "hipaa", "gdpr", "nist-800-53", "soc2", "iso27001"},
       "A network policy with AllowFromPublic: true lets anyone on the internet reach the collection's endpoint "
       "(and its dashboards, when the rule covers them). The data access policy still applies, but a vector store "
       "of internal documents should be reachable only from the VPCs that use it: zero trust starts with not being "
       "addressable.",
       "Set AllowFromPublic to false and list the OpenSearch Serverless VPC endpoints in SourceVPCEs. In a spec: give "
       "the collection a `vpc` instead of `public: true`."},
      &exp_aoss_public_network::check};
  return rule;
}

}  // namespace aip::lint
