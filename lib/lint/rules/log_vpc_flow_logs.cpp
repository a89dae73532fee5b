// AIP-LOG-023: a VPC without a flow log (cdk-nag VPC7).
#include <set>

#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace log_vpc_flow_logs {

void check(Context& ctx) {
  std::set<std::pair<const Template*, std::string>> logged;
  for (const ResourceRef& f : ctx.resources("AWS::EC2::FlowLog")) {
    const Json* type = member(f.properties(), "ResourceType");
    if (type == nullptr || !type->is_string() || type->get<std::string>() != "VPC") continue;
    const Json* id = member(f.properties(), "ResourceId");
    if (id == nullptr) continue;
    // Ref of the VPC, or Fn::ImportValue of another stack's export of it.
    if (auto vpc = ctx.resolve(*f.tmpl, *id)) logged.insert({vpc->tmpl, vpc->logical_id});
  }
  for (const ResourceRef& v : ctx.resources("AWS::EC2::VPC")) {
    if (logged.count({v.tmpl, v.logical_id}) != 0) continue;
    ctx.report(v, {},
               fmt::format("VPC {} has no flow log: its accepted and rejected connections are not recorded",
                           v.display()));
  }
}

}  // namespace log_vpc_flow_logs

const Rule& rule_log_vpc_flow_logs() {
  static const Rule rule{
      {"AIP-LOG-023", "VPC without a flow log", Severity::warning,
       {"logging", "network", "pci-dss", "hipaa", "nist-800-53", "soc2", "iso27001"},
       "Flow logs are the only record of which addresses talked to which inside a VPC and across its edge: "
       "without one, a connection from a compromised task to a database, or data leaving through a NAT gateway, "
       "leaves no trace to investigate (cdk-nag VPC7, AWS Foundational Security Best Practices EC2.6; PCI DSS "
       "10.2, NIST 800-53 AU-12 and SI-4). A flow log of the VPC counts when its ResourceId is a Ref to the VPC "
       "(or an import of another stack's export of it).",
       "Add an AWS::EC2::FlowLog with ResourceType: VPC, ResourceId: !Ref TheVpc, TrafficType: ALL and a log "
       "group or bucket destination. aip's VPCs have one unless `flow_logs: false`."},
      &log_vpc_flow_logs::check};
  return rule;
}

}  // namespace aip::lint
