// AIP-NET-001: two subnets of one VPC overlap.
#include <map>

#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"
#include "net/overlap.hpp"

namespace aip::lint {
namespace net_subnet_overlap {

void check(Context& ctx) {
  struct Entry {
    ResourceRef subnet;
    net::Prefix cidr;
  };
  std::map<std::pair<const Template*, std::string>, std::vector<Entry>> by_vpc;
  for (const ResourceRef& s : ctx.resources("AWS::EC2::Subnet")) {
    const Json* vpc = member(s.properties(), "VpcId");
    const Json* cidr = member(s.properties(), "CidrBlock");
    if (vpc == nullptr || cidr == nullptr) continue;
    auto prefix = literal_cidr(*cidr);
    auto owner = ctx.resolve(*s.tmpl, *vpc);
    if (!prefix || !owner) continue;
    by_vpc[{owner->tmpl, owner->logical_id}].push_back({s, *prefix});
  }
  for (const auto& [vpc, entries] : by_vpc) {
    std::vector<net::Prefix> prefixes;
    for (const Entry& e : entries) prefixes.push_back(e.cidr);
    for (const net::Overlap& o : net::find_overlaps(prefixes)) {
      // Equal ranges come back both ways round: report the later one only.
      if (prefixes[o.inner] == prefixes[o.outer] && o.inner < o.outer) continue;
      const Entry& inner = entries[o.inner];
      const Entry& outer = entries[o.outer];
      ctx.report(inner.subnet, {"Properties", "CidrBlock"},
                 fmt::format("subnet {} ({}) overlaps subnet {} ({}) in VPC {}; CloudFormation will fail to create it",
                             inner.subnet.logical_id, inner.cidr.str(), outer.subnet.logical_id, outer.cidr.str(),
                             vpc.second))
          .note(ctx.locate(outer.subnet, {"Properties", "CidrBlock"}),
                fmt::format("subnet {} ({}) declared here", outer.subnet.logical_id, outer.cidr.str()));
    }
  }
}

}  // namespace net_subnet_overlap

const Rule& rule_net_subnet_overlap() {
  static const Rule rule{
      {"AIP-NET-001", "Subnets of one VPC overlap", Severity::error, {"network"},
       "Every subnet of a VPC needs its own address range. EC2 rejects a subnet whose CIDR overlaps another "
       "subnet of the same VPC (InvalidSubnet.Conflict), so the stack fails half-way through deployment.",
       "Give each subnet a distinct range inside the VPC, e.g. carve /24s in order (10.0.0.0/24, 10.0.1.0/24, ...). "
       "In an aip spec, prefer tier sizes (`private: 24`) over explicit CIDRs and let aip carve them."},
      &net_subnet_overlap::check};
  return rule;
}

}  // namespace aip::lint
