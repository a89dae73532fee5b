// AIP-NET-008: a Network Firewall policy that lets through what its rules do not match.
#include <string>

#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace net_firewall_passes_unmatched {

bool lists(const Json* actions, std::string_view action) {
  if (actions == nullptr || !actions->is_array()) return false;
  for (const Json& a : *actions) {
    if (a.is_string() && a.get<std::string>() == action) return true;
  }
  return false;
}

void check(Context& ctx) {
  for (const ResourceRef& p : ctx.resources("AWS::NetworkFirewall::FirewallPolicy")) {
    const Json* policy = member(p.properties(), "FirewallPolicy");
    if (policy == nullptr || !policy->is_object()) continue;
    const Json* stateless = member(*policy, "StatelessDefaultActions");
    if (lists(stateless, "aws:pass")) {
      ctx.report(p, {"Properties", "FirewallPolicy", "StatelessDefaultActions"},
                 fmt::format("firewall policy {} passes every packet no stateless rule matches "
                             "(aws:pass), so the stateful rules never see it",
                             p.display()));
      continue;
    }
    const Json* engine = member(*policy, "StatefulEngineOptions");
    const Json* order = engine != nullptr ? member(*engine, "RuleOrder") : nullptr;
    const bool strict = order != nullptr && *order == "STRICT_ORDER";
    const Json* defaults = member(*policy, "StatefulDefaultActions");
    if (strict && !lists(defaults, "aws:drop_strict") && !lists(defaults, "aws:drop_established")) {
      ctx.report(p,
                 defaults != nullptr ? Path{"Properties", "FirewallPolicy", "StatefulDefaultActions"}
                                     : Path{"Properties", "FirewallPolicy", "StatefulEngineOptions"},
                 fmt::format("firewall policy {} evaluates its stateful rules in strict order and passes what none "
                             "of them matches: no aws:drop_strict or aws:drop_established default action",
                             p.display()));
      continue;
    }
    const Json* groups = member(*policy, "StatefulRuleGroupReferences");
    const bool no_rules = groups == nullptr || !groups->is_array() || groups->empty();
    if (!strict && no_rules) {
      ctx.report(p, {"Properties", "FirewallPolicy"},
                 fmt::format("firewall policy {} has no stateful rule group and the default action order, so "
                             "every packet the stateless rules forward is passed",
                             p.display()));
    }
  }
}

}  // namespace net_firewall_passes_unmatched

const Rule& rule_net_firewall_passes_unmatched() {
  static const Rule rule{
      {"AIP-NET-008", "Network Firewall policy passes unmatched traffic", Severity::warning,
       {"network", "pci-dss", "nist-800-53", "soc2", "iso27001"},
       "An egress firewall filters only when what no rule allows is dropped. Network Firewall passes a packet by "
       "default in three ways: a stateless default action of aws:pass skips the stateful engine; a strict-order "
       "stateful engine without aws:drop_strict or aws:drop_established passes what no rule matches; and the "
       "default action order with no stateful rule group has nothing to match. Any of them turns a domain "
       "allow-list into an alert list, and exfiltration to an unlisted host goes through (PCI DSS 1.3.4, NIST "
       "800-53 SC-7(5): deny by default, allow by exception).",
       "Forward stateless traffic to the stateful engine (aws:forward_to_sfe), use STRICT_ORDER with "
       "StatefulDefaultActions [aws:drop_established, aws:alert_established] (the TCP handshake passes so the TLS "
       "SNI can be matched), and reference the rule groups that pass what is allowed. aip's `firewall:` renders "
       "exactly that."},
      &net_firewall_passes_unmatched::check};
  return rule;
}

}  // namespace aip::lint
