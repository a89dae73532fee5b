// Subnet CIDRs against their VPC, read with lib/net: an AWS::EC2::Subnet whose
// literal IPv4 CidrBlock and VpcId ({Ref: Vpc} to a VPC of this template with
// a literal CidrBlock) is inside one of the VPC's IPv4 blocks (its CidrBlock
// and the literal AWS::EC2::VPCCidrBlock associations), and subnets of one
// VPC do not overlap. A VPC with a block allocated at deploy time (IPAM, an
// intrinsic) is not judged. A subnet under a Condition is compared with the
// unconditional subnets and those under the same condition, not with those
// under another one (opposite conditions may share a range).
#include "cfn/schema/checks.hpp"
#include "net/cidr.hpp"
#include "net/overlap.hpp"

#include <algorithm>

namespace aip::cfn::detail {

namespace validate_cidrs {

struct VpcBlocks {
  std::vector<net::Prefix> blocks;
  bool complete = true;  // false: a block is computed at deploy time
};

std::optional<net::Prefix> literal_prefix(const nlohmann::json& props, const char* key) {
  auto it = props.find(key);
  if (it == props.end() || !it->is_string()) return std::nullopt;
  return net::Prefix::parse(it->get_ref<const std::string&>(), nullptr);
}

// The logical id a VpcId value refers to ({Ref: X} or {Fn::GetAtt: [X, VpcId]}), or "".
std::string vpc_ref(const nlohmann::json& props) {
  auto it = props.find("VpcId");
  if (it == props.end() || !it->is_object() || it->size() != 1) return {};
  if (auto r = it->find("Ref"); r != it->end() && r->is_string()) return r->get<std::string>();
  if (auto g = it->find("Fn::GetAtt"); g != it->end() && g->is_array() && g->size() == 2 && g->at(0).is_string() &&
                                        g->at(1) == "VpcId") {
    return g->at(0).get<std::string>();
  }
  return {};
}

const nlohmann::json* properties_of(const nlohmann::json& res) {
  auto p = res.find("Properties");
  return p != res.end() && p->is_object() ? &*p : nullptr;
}

}  // namespace validate_cidrs

void check_cidrs(const Context& ctx) {
  using namespace validate_cidrs;
  const auto* resources = ctx.section("Resources");
  if (!resources) return;
  std::map<std::string, VpcBlocks, std::less<>> vpcs;
  bool any_subnet = false;
  for (const auto& [id, type] : ctx.resource_types) {
    if (type == "AWS::EC2::Subnet") any_subnet = true;
    if (type != "AWS::EC2::VPC") continue;
    VpcBlocks v;
    const auto* props = properties_of(resources->at(id));
    if (auto p = props ? literal_prefix(*props, "CidrBlock") : std::nullopt; p && p->family() == net::Family::v4) {
      v.blocks.push_back(*p);
    } else {
      v.complete = false;
    }
    vpcs.emplace(id, std::move(v));
  }
  if (!any_subnet || vpcs.empty()) return;
  for (const auto& [id, type] : ctx.resource_types) {
    if (type != "AWS::EC2::VPCCidrBlock") continue;
    const auto* props = properties_of(resources->at(id));
    if (!props) continue;
    auto vpc = vpcs.find(vpc_ref(*props));
    if (vpc == vpcs.end()) continue;
    if (props->contains("Ipv6CidrBlock") || props->contains("AmazonProvidedIpv6CidrBlock") || props->contains("Ipv6IpamPoolId") ||
        props->contains("Ipv6Pool")) {
      continue;  // an IPv6 association adds no IPv4 range
    }
    if (auto p = literal_prefix(*props, "CidrBlock"); p && p->family() == net::Family::v4) {
      vpc->second.blocks.push_back(*p);
    } else {
      vpc->second.complete = false;
    }
  }
  // Per VPC and condition ("" for none): the subnets with a literal block.
  struct Subnet {
    std::string id;
    net::Prefix prefix;
  };
  std::map<std::string, std::map<std::string, std::vector<Subnet>, std::less<>>, std::less<>> subnets;
  for (const auto& [id, type] : ctx.resource_types) {
    if (type != "AWS::EC2::Subnet") continue;
    const auto& res = resources->at(id);
    const auto* props = properties_of(res);
    if (!props) continue;
    auto vpc = vpcs.find(vpc_ref(*props));
    auto prefix = literal_prefix(*props, "CidrBlock");
    if (vpc == vpcs.end() || !prefix || prefix->family() != net::Family::v4) continue;
    const VpcBlocks& v = vpc->second;
    bool inside = false;
    for (const auto& b : v.blocks) inside = inside || b.contains(*prefix);
    if (v.complete && !inside) {
      std::string blocks;
      for (const auto& b : v.blocks) blocks += (blocks.empty() ? "" : ", ") + b.str();
      ctx.add({"Resources", id, "Properties", "CidrBlock"}, "subnet-outside-vpc",
              "subnet " + prefix->str() + " is not inside the CIDR blocks of VPC \"" + vpc->first + "\" (" + blocks + ")");
    }
    const auto condition = res.find("Condition");
    if (condition != res.end() && !condition->is_string()) continue;  // reported by check_template_shape
    subnets[vpc->first][condition == res.end() ? std::string() : condition->get<std::string>()].push_back({id, *prefix});
  }
  for (const auto& [vpc, by_condition] : subnets) {
    const auto unconditional = by_condition.find("");
    for (const auto& [condition, own] : by_condition) {
      // The subnets deployed together with these: the unconditional ones too.
      std::vector<Subnet> list = own;
      if (!condition.empty() && unconditional != by_condition.end()) {
        list.insert(list.end(), unconditional->second.begin(), unconditional->second.end());
      }
      std::sort(list.begin(), list.end(), [](const Subnet& x, const Subnet& y) { return x.id < y.id; });
      std::vector<net::Prefix> prefixes;
      prefixes.reserve(list.size());
      for (const auto& sn : list) prefixes.push_back(sn.prefix);
      for (const net::Overlap& o : net::find_overlaps(prefixes)) {
        // Report on the subnet later in logical-id order, naming the other one;
        // two unconditional subnets only in the unconditional group.
        const std::size_t a = std::min(o.outer, o.inner), b = std::max(o.outer, o.inner);
        const bool both_unconditional = !resources->at(list[a].id).contains("Condition") &&
                                        !resources->at(list[b].id).contains("Condition");
        if (!condition.empty() && both_unconditional) continue;
        ctx.add({"Resources", list[b].id, "Properties", "CidrBlock"}, "subnet-overlap",
                "subnet " + list[b].prefix.str() + " overlaps subnet \"" + list[a].id + "\" (" + list[a].prefix.str() +
                    ") in VPC \"" + vpc + "\"");
      }
    }
  }
}

}  // namespace aip::cfn::detail
