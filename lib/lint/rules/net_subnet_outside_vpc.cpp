// AIP-NET-002: a subnet's range is not inside its VPC's ranges.
#include <map>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace net_subnet_outside_vpc {

// Secondary blocks (AWS::EC2::VPCCidrBlock) by the VPC they name, collected
// once: looking them up per subnet would make the rule quadratic.
using VpcKey = std::pair<const Template*, std::string>;
std::map<VpcKey, std::vector<const Json*>> secondary_blocks(const Context& ctx) {
  std::map<VpcKey, std::vector<const Json*>> out;
  for (const ResourceRef& block : ctx.resources("AWS::EC2::VPCCidrBlock")) {
    const Json* of = member(block.properties(), "VpcId");
    if (of == nullptr) continue;
    out[{block.tmpl, Context::referenced_id(*of)}].push_back(&block.properties());
  }
  return out;
}

void check(Context& ctx) {
  const auto blocks_of = secondary_blocks(ctx);
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
    auto blocks = blocks_of.find({owner->tmpl, owner->logical_id});
    for (const Json* block : blocks != blocks_of.end() ? blocks->second : std::vector<const Json*>{}) {
      const Json* c = member(*block, "CidrBlock");
      if (auto p = c != nullptr ? literal_cidr(*c) : std::nullopt) {
        ranges.push_back(*p);
      } else if (member(*block, "AmazonProvidedIpv6CidrBlock") == nullptr &&
                 member(*block, "Ipv6CidrBlock") == nullptr) {
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

}  // namespace net_subnet_outside_vpc

const Rule& rule_net_subnet_outside_vpc() {
  static const Rule rule{
      {"AIP-NET-002", "Subnet outside its VPC's CIDR blocks", Severity::error, {"network"},
       "A subnet's range must lie inside one of its VPC's CIDR blocks. EC2 rejects it otherwise "
       "(InvalidSubnet.Range) and the stack rolls back.",
       "Pick a subnet range inside the VPC's CIDR, or add a secondary block (AWS::EC2::VPCCidrBlock) that holds it "
       "and make the subnet depend on it."},
      &net_subnet_outside_vpc::check};
  return rule;
}

}  // namespace aip::lint
