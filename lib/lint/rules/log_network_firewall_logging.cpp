// AIP-LOG-014: a Network Firewall whose alerts are not logged.
#include <set>

#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace log_network_firewall_logging {

// Does the logging configuration send this type of log anywhere?
bool logs(const Json& configuration, std::string_view type) {
  const Json* inner = member(configuration, "LoggingConfiguration");
  const Json* list = inner != nullptr ? member(*inner, "LogDestinationConfigs") : nullptr;
  if (list == nullptr || !list->is_array()) return false;
  for (const Json& c : *list) {
    const Json* t = member(c, "LogType");
    if (t != nullptr && *t == type) return true;
  }
  return false;
}

void check(Context& ctx) {
  std::set<std::pair<const Template*, std::string>> alerting;
  for (const ResourceRef& l : ctx.resources("AWS::NetworkFirewall::LoggingConfiguration")) {
    if (!logs(l.properties(), "ALERT")) continue;
    const Json* arn = member(l.properties(), "FirewallArn");
    if (arn == nullptr) continue;
    if (auto firewall = ctx.resolve(*l.tmpl, *arn)) alerting.insert({firewall->tmpl, firewall->logical_id});
  }
  for (const ResourceRef& f : ctx.resources("AWS::NetworkFirewall::Firewall")) {
    if (alerting.count({f.tmpl, f.logical_id}) != 0) continue;
    ctx.report(f, {},
               fmt::format("firewall {} has no logging configuration with ALERT logs: what it drops leaves no "
                           "record",
                           f.display()));
  }
}

}  // namespace log_network_firewall_logging

const Rule& rule_log_network_firewall_logging() {
  static const Rule rule{
      {"AIP-LOG-014", "Network Firewall without alert logs", Severity::warning,
       {"logging", "network", "pci-dss", "hipaa", "nist-800-53", "soc2", "iso27001"},
       "A firewall's ALERT log is the record of the connections its rules dropped or flagged: the first evidence "
       "of a compromised workload calling out, and of a legitimate dependency the allow-list forgot. Network "
       "Firewall keeps no log unless an AWS::NetworkFirewall::LoggingConfiguration sends one (checkov "
       "CKV2_AWS_63; PCI DSS 10.2, NIST 800-53 AU-12 and SI-4). A configuration counts when its FirewallArn is a "
       "Ref to the firewall (or an import of another stack's export of it).",
       "Add an AWS::NetworkFirewall::LoggingConfiguration with FirewallArn: !Ref TheFirewall and a "
       "LogDestinationConfigs entry of LogType ALERT (and FLOW) to a log group, bucket or Firehose stream. aip's "
       "`firewall:` logs both to KMS-encrypted log groups."},
      &log_network_firewall_logging::check};
  return rule;
}

}  // namespace aip::lint
