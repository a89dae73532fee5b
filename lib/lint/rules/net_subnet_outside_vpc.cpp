// AIP-NET-002: a subnet's range is not inside its VPC's ranges.
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace {

void check(Context& ctx) {
  for (const ResourceRef& s : ctx.resources("AWS::EC2::Subnet")) {
    const Json* vpc = member(s.properties(), "VpcId");
    const Json* cidr = member(s.properties(), "CidrBlock");
    if (vpc == nullptr || cidr == nullptr) continue;
    auto prefix = literal_cidr(*cidr);
    auto owner = ctx.resolve(*s.tmpl, *vpc);
    if (!prefix || !owner || owner->type() != "AWS::EC2::VPC") continue;
    const Json* vpc_cidr = member(owner->properties(), "CidrBlock");
    auto primary = vpc_cidr != nullptr ? literal_cidr(*vpc_cidr) : std::nullopt;
    if (!primary) continue;  // IPAM pools, parameters: unknown until deployment
    std::vector<net::Prefix> ranges{*primary};
    bool unknown_secondary = false;
    // Secondary blocks (AWS::EC2::VPCCidrBlock) of the same VPC count too.
    for (const ResourceRef& block : ctx.resources("AWS::EC2::VPCCidrBlock")) {
      const Json* of = member(block.properties(), "VpcId");
      if (of == nullptr || block.tmpl != owner->tmpl || Context::referenced_id(*of) != owner->logical_id) continue;
      const Json* c = member(block.properties(), "CidrBlock");
      if (auto p = c != nullptr ? literal_cidr(*c) : std::nullopt) {
        ranges.push_back(*p);
      } else if (member(block.properties(), "AmazonProvidedIpv6CidrBlock") == nullptr &&
                 member(block.properties(), "Ipv6CidrBlock") == nullptr) {
        unknown_secondary = true;
      }
    }
    if (unknown_secondary) continue;
    bool inside = false;
    for (const net::Prefix& r : ranges) inside = inside || r.contains(*prefix);
    if (inside) continue;
    ctx.report(s, {"Properties", "CidrBlock"},
               fmt::format("subnet {} ({}) is outside VPC {} ({}){}", s.logical_id, prefix->str(), owner->logical_id,
                           primary->str(), ranges.size() > 1 ? " and its secondary CIDR blocks" : ""));
  }
}

}  // namespace

const Rule& rule_net_subnet_outside_vpc() {
  static const Rule rule{
      {"AIP-NET-002", "Subnet outside its VPC's CIDR blocks", Severity::error, {"network"},
       "A subnet's range must lie inside one of its VPC's CIDR blocks. EC2 rejects it otherwise "
       "(InvalidSubnet.Range) and the stack rolls back.",
       "Pick a subnet range inside the VPC's CIDR, or add a secondary block (AWS::EC2::VPCCidrBlock) that holds it "
       "and make the subnet depend on it."},
      &check};
  return rule;
}

}  // namespace aip::lint
