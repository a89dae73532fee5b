// AIP-EXP-041: an OpenSearch (or Elasticsearch) domain whose access policy
// admits callers without an aws:SourceIp allowlist (cdk-nag AwsSolutions-OS3).
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace exp_search_domain_ip_allowlist {

// Whether a statement's Condition has an IpAddress test of aws:SourceIp (keys case-insensitive).
bool ip_allowlisted(const Json& statement) {
  const Json* condition = member(statement, "Condition");
  if (condition == nullptr || !condition->is_object()) return false;
  for (const auto& [op, tests] : condition->items()) {
    if (lower(op) != "ipaddress" || !tests.is_object()) continue;
    for (const auto& [key, value] : tests.items()) {
      if (lower(key) == "aws:sourceip" && !(value.is_array() && value.empty())) return true;
    }
  }
  return false;
}

void check(Context& ctx) {
  for (const char* type : {"AWS::OpenSearchService::Domain", "AWS::Elasticsearch::Domain"}) {
    for (const ResourceRef& d : ctx.resources(type)) {
      const Json* policy = member(d.properties(), "AccessPolicies");
      if (policy != nullptr && !policy->is_object()) continue;  // an intrinsic
      const Json* statements = policy != nullptr ? member(*policy, "Statement") : nullptr;
      if (statements == nullptr || (statements->is_array() && statements->empty())) {
        ctx.report(d, policy != nullptr ? Path{"Properties", "AccessPolicies"} : Path{},
                   fmt::format("search domain {} has no access policy that limits callers to allowlisted IP addresses",
                               d.display()));
        continue;
      }
      const bool list = statements->is_array();
      for (std::size_t i = 0; i < (list ? statements->size() : 1); ++i) {
        const Json& s = list ? (*statements)[i] : *statements;
        const Json* effect = member(s, "Effect");
        if (effect == nullptr || *effect != "Allow" || ip_allowlisted(s)) continue;
        Path p = {"Properties", "AccessPolicies", "Statement"};
        if (list) p.push_back(std::to_string(i));
        ctx.report(d, p,
                   fmt::format("search domain {} allows access without an aws:SourceIp allowlist "
                               "(Condition IpAddress)",
                               d.display()));
      }
    }
  }
}

}  // namespace exp_search_domain_ip_allowlist

const Rule& rule_exp_search_domain_ip_allowlist() {
  static const Rule rule{
      {"AIP-EXP-041", "OpenSearch domain access not limited to allowlisted IP addresses", Severity::warning,
       {"exposure", "nist-800-53", "pci-dss", "soc2", "iso27001"},
       "A domain's access policy is evaluated for every request to its endpoint. Allow statements without an "
       "IpAddress condition on aws:SourceIp admit their principals from any network, so credentials that leak "
       "work from anywhere; a domain without an access policy relies on its network placement alone (cdk-nag "
       "AwsSolutions-OS3, which asks every Allow statement for an allowlist).",
       "Add Condition: {IpAddress: {aws:SourceIp: [the client ranges]}} to each Allow statement of "
       "AccessPolicies, or, for a domain in a VPC that relies on its security groups, suppress with that reason."},
      &exp_search_domain_ip_allowlist::check};
  return rule;
}

}  // namespace aip::lint
