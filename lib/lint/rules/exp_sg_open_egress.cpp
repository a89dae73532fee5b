// AIP-EXP-003: unrestricted egress (all traffic to 0.0.0.0/0).
#include <set>

#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace exp_sg_open_egress {

void check(Context& ctx) {
  std::set<std::pair<const Template*, std::string>> with_standalone_egress;
  for (const ResourceRef& e : ctx.resources("AWS::EC2::SecurityGroupEgress")) {
    if (const Json* g = member(e.properties(), "GroupId")) {
      if (auto group = ctx.resolve(*e.tmpl, *g)) with_standalone_egress.insert({group->tmpl, group->logical_id});
    }
  }
  for (const SgRule& r : egress_rules(ctx)) {
    if (!r.open_to_world()) continue;
    auto range = port_range(*r.rule);
    if (!range || !range->all_traffic) continue;
    ctx.report(r.owner, r.path,
               fmt::format("security group {} allows all traffic to {}; a compromised workload can reach any "
                           "address on any port (data exfiltration, command and control)",
                           r.owner.display(), r.source()));
  }
  // A group without egress rules gets CloudFormation's default: all traffic to 0.0.0.0/0.
  for (const ResourceRef& g : ctx.resources("AWS::EC2::SecurityGroup")) {
    if (member(g.properties(), "SecurityGroupEgress") != nullptr) continue;
    if (member(g.properties(), "VpcId") == nullptr) continue;  // EC2-Classic / default VPC groups
    if (with_standalone_egress.count({g.tmpl, g.logical_id}) != 0) continue;
    ctx.report(g, {},
               fmt::format("security group {} has no egress rules, so EC2 gives it the default: all traffic to "
                           "0.0.0.0/0",
                           g.display()));
  }
}

}  // namespace exp_sg_open_egress

const Rule& rule_exp_sg_open_egress() {
  static const Rule rule{
      {"AIP-EXP-003", "Unrestricted egress: all traffic to 0.0.0.0/0", Severity::warning,
       {"exposure", "network", "nist-800-53", "pci-dss"},
       "Allowing all outbound traffic to anywhere lets a compromised workload exfiltrate data and talk to command "
       "and control servers on any port. PCI DSS 1.3.4 asks for outbound traffic to be restricted to what is "
       "needed. A security group written without egress rules gets this default silently.",
       "List the egress the workload needs: HTTPS (443) to 0.0.0.0/0 or to VPC endpoints, database ports to the "
       "database's security group. In an aip spec, egress defaults to the VPC's own range."},
      &exp_sg_open_egress::check};
  return rule;
}

}  // namespace aip::lint
