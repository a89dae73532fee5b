// Network ACLs derived from a VPC's zones (`network_acls: derived`, seeds 003
// and 004). Each zone's subnets get a network ACL that, in this order:
//   1. lets through what a forbidden direction still needs: the return traffic
//      (tcp 1024-65535) of connections the other direction may open, and HTTPS
//      to the tier that holds the VPC's interface endpoints;
//   2. denies everything else from (inbound) and to (outbound) each zone that
//      zone adjacency (spec/zones.hpp) forbids;
//   3. allows the rest of the VPC (allowed zones, tiers that are not zones);
//   4. allows what the zone's security groups exchange outside the VPC: their
//      ingress ports from, and egress ports to, each CIDR, with the return
//      traffic (tcp 1024-65535) the other way; a prefix list (not a CIDR) is
//      allowed from and to anywhere on its ports.
// The NAT gateways' tier does not deny the private tiers it serves (their
// internet traffic passes through it). Security groups stay the port-level
// control; the ACLs keep a mistaken group rule from opening a forbidden path.
// Tiers that are not zones keep the VPC's default network ACL.
#include <algorithm>
#include <set>
#include <tuple>

#include <fmt/format.h>

#include "cfn/intrinsics.hpp"
#include "cfn/logical_id.hpp"
#include "plan/names.hpp"
#include "plan/plan.hpp"
#include "plan/resource_helpers.hpp"
#include "spec/subnet_layout.hpp"
#include "spec/zones.hpp"

namespace aip::plan {
namespace network_acls {

using cfn::Json;
namespace fn = cfn::intrinsic;

// NetworkAclEntry's quota per direction (AWS's default, adjustable to 40).
constexpr int kEntriesPerDirection = 20;
constexpr int kEphemeralFrom = 1024;

struct Entry {
  bool allow = true;
  int protocol = -1;  // -1 all, 1 icmp, 6 tcp, 17 udp
  int from = 0, to = 0;
  std::string cidr;
  bool operator<(const Entry& o) const {
    return std::tie(allow, protocol, from, to, cidr) < std::tie(o.allow, o.protocol, o.from, o.to, o.cidr);
  }
};

struct Direction {
  std::vector<Entry> entries;
  std::set<Entry> seen;
  void add(Entry e) {
    if (seen.insert(e).second) entries.push_back(std::move(e));
  }
};

int protocol_number(const std::string& p) {
  if (p == "tcp") return 6;
  if (p == "udp") return 17;
  if (p == "icmp") return 1;
  return -1;
}

struct VpcAcls {
  const spec::Spec& spec;
  const spec::Vpc& vpc;
  std::vector<spec::PlannedSubnet> subnets;
  const spec::Tier* endpoint_tier = nullptr;  // the VPC's interface endpoints
  const spec::Tier* nat_tier = nullptr;

  std::vector<std::string> cidrs_of(const spec::Tier* t) const {
    std::vector<std::string> out;
    for (const auto& s : subnets) {
      if (s.tier == t) out.push_back(s.cidr.str());
    }
    return out;
  }
  const spec::Tier* zone_tier(std::string_view zone) const {
    for (const spec::Tier& t : vpc.tiers) {
      if (t.zone && t.name == zone) return &t;
    }
    return nullptr;
  }
  // Interface endpoints only: a collection's endpoint is reached by the roles its
  // access names, whose zones adjacency already lets in.
  bool hosts_endpoints(const spec::Tier* t) const { return t != nullptr && t == endpoint_tier; }
  // Traffic through the NAT gateway's tier to the internet.
  bool nat_serves(const spec::Tier* nat, const spec::Tier* t) const {
    return nat == nat_tier && nat != nullptr && t->kind == spec::TierKind::private_;
  }
};

const spec::Tier* first_tier(const spec::Vpc& vpc, std::initializer_list<spec::TierKind> kinds) {
  for (spec::TierKind kind : kinds) {
    for (const spec::Tier& t : vpc.tiers) {
      if (t.kind == kind) return &t;
    }
  }
  return nullptr;
}

void add_cidrs(Direction& d, const std::vector<std::string>& cidrs, bool allow, int protocol, int from, int to) {
  for (const std::string& c : cidrs) d.add({allow, protocol, from, to, c});
}

bool inside_vpc(const spec::Vpc& vpc, const net::Prefix& p) {
  return p.family() == vpc.cidr.value.family() && vpc.cidr.value.contains(p);
}

// Entries of one zone's ACL, inbound and outbound.
void derive(const VpcAcls& v, const spec::Tier& tier, Direction& in, Direction& out) {
  const std::string& zone = tier.name;
  for (const auto& other_zone : v.vpc.zones) {
    const std::string& other = other_zone.value;
    if (other == zone) continue;
    const spec::Tier* ot = v.zone_tier(other);
    if (ot == nullptr) continue;
    const auto cidrs = v.cidrs_of(ot);
    bool in_ok = spec::zone_flow_allowed(other, zone) || v.nat_serves(&tier, ot);
    bool out_ok = spec::zone_flow_allowed(zone, other) || v.nat_serves(ot, &tier) || v.nat_serves(&tier, ot);
    if (!in_ok) {
      // Replies to connections this zone opens, and HTTPS to the endpoints here.
      if (spec::zone_flow_allowed(zone, other) || v.hosts_endpoints(ot)) {
        add_cidrs(in, cidrs, true, 6, kEphemeralFrom, 65535);
      }
      if (v.hosts_endpoints(&tier)) add_cidrs(in, cidrs, true, 6, 443, 443);
      add_cidrs(in, cidrs, false, -1, 0, 0);
    }
    if (!out_ok) {
      if (spec::zone_flow_allowed(other, zone) || v.hosts_endpoints(&tier)) {
        add_cidrs(out, cidrs, true, 6, kEphemeralFrom, 65535);
      }
      if (v.hosts_endpoints(ot)) add_cidrs(out, cidrs, true, 6, 443, 443);
      add_cidrs(out, cidrs, false, -1, 0, 0);
    }
  }
  const std::string vpc_cidr = v.vpc.cidr.value.str();
  in.add({true, -1, 0, 0, vpc_cidr});
  out.add({true, -1, 0, 0, vpc_cidr});
  // What the zone's security groups exchange outside the VPC; in the NAT
  // gateways' zone also what the private zones it serves send out through it
  // (their egress, and its replies).
  for (const spec::SecurityGroup& g : v.spec.network.security_groups) {
    if (g.vpc.value != v.vpc.name) continue;
    const bool own = g.zone.value == zone;
    const spec::Tier* gt = own || g.zone.value.empty() ? nullptr : v.zone_tier(g.zone.value);
    const bool through_nat = gt != nullptr && v.nat_serves(&tier, gt);
    if (!own && !through_nat) continue;
    auto outside = [&](const spec::SecurityGroupRule& r, bool ingress) {
      std::string cidr;
      if (r.peer.kind == spec::Peer::Kind::cidr) {
        if (inside_vpc(v.vpc, r.peer.cidr) || r.peer.cidr.family() != net::Family::v4) return;
        cidr = r.peer.cidr.str();
      } else if (r.peer.kind == spec::Peer::Kind::prefix_list) {
        cidr = "0.0.0.0/0";
      } else {
        return;
      }
      int protocol = protocol_number(r.protocol.value);
      bool ports = protocol == 6 || protocol == 17;
      Entry e{true, protocol, ports ? r.from_port : 0, ports ? r.to_port : 0, cidr};
      (ingress ? in : out).add(e);
      if (protocol == 6 || protocol == 17 || protocol == -1) {
        (ingress ? out : in).add({true, protocol == -1 ? 6 : protocol, kEphemeralFrom, 65535, cidr});
      }
    };
    if (own) {
      for (const auto& r : g.ingress) outside(r, true);
    }
    if (g.egress) {
      for (const auto& r : *g.egress) outside(r, false);
    }
  }
}

void add_entries(cfn::Stack& stack, const std::string& acl, const Direction& d, bool egress, Location where) {
  int number = 100;
  for (const Entry& e : d.entries) {
    Json props = {{"NetworkAclId", fn::ref(acl)},
                  {"RuleNumber", number},
                  {"Protocol", e.protocol},
                  {"RuleAction", e.allow ? "allow" : "deny"},
                  {"Egress", egress},
                  {"CidrBlock", e.cidr}};
    if (e.protocol == 6 || e.protocol == 17) props["PortRange"] = {{"From", e.from}, {"To", e.to}};
    if (e.protocol == 1) props["Icmp"] = {{"Code", -1}, {"Type", -1}};
    add_resource(stack, fmt::format("{}{}{}", acl, egress ? "Egress" : "Ingress", number), "AWS::EC2::NetworkAclEntry",
                 std::move(props), where);
    number += 10;
  }
}

void plan_vpc(const spec::Spec& spec, cfn::Assembly& assembly, const spec::Vpc& vpc) {
  VpcAcls v{spec, vpc, spec::layout_subnets(vpc, nullptr), nullptr, nullptr};
  v.endpoint_tier = vpc.interface_endpoints.empty() ? nullptr : vpc.interface_endpoint_tier();
  if (vpc.nat.value != spec::NatMode::none) v.nat_tier = first_tier(vpc, {spec::TierKind::public_});
  cfn::Stack& stack = vpc_stack(spec, assembly, vpc);
  const std::string vpc_id = vpc_logical_id(vpc);
  for (const spec::Tier& tier : vpc.tiers) {
    if (!tier.zone) continue;
    Direction in, out;
    derive(v, tier, in, out);
    if (static_cast<int>(std::max(in.entries.size(), out.entries.size())) > kEntriesPerDirection) {
      throw SpecLimit(vpc.network_acls.location,
                      fmt::format("the network ACL of zone '{}' of vpc '{}' would need {} entries in a direction; AWS "
                                  "allows {} by default (use fewer AZs or security group rules to outside CIDRs)",
                                  tier.name, vpc.name, std::max(in.entries.size(), out.entries.size()),
                                  kEntriesPerDirection));
    }
    const std::string acl = vpc_id + cfn::pascal_case(tier.name) + "NetworkAcl";
    cfn::Resource& r = add_resource(stack, acl, "AWS::EC2::NetworkAcl", {{"VpcId", fn::ref(vpc_id)}},
                                    vpc.network_acls.location, vpc.tags);
    r.tags["Name"] = fmt::format("{}-{}-{}", spec.name.value, vpc.name, tier.name);
    r.tags["aip:zone"] = tier.name;
    add_entries(stack, acl, in, false, vpc.network_acls.location);
    add_entries(stack, acl, out, true, vpc.network_acls.location);
    for (const auto& s : v.subnets) {
      if (s.tier != &tier) continue;
      const std::string subnet = subnet_id(vpc.name, tier.name, s.az + 1);
      add_resource(stack, subnet + "NetworkAclAssociation", "AWS::EC2::SubnetNetworkAclAssociation",
                   {{"SubnetId", fn::ref(subnet)}, {"NetworkAclId", fn::ref(acl)}}, vpc.network_acls.location);
    }
  }
}

}  // namespace network_acls

void plan_network_acls(const spec::Spec& spec, cfn::Assembly& assembly) {
  for (const spec::Vpc& vpc : spec.network.vpcs) {
    if (vpc.network_acls.value == "derived") network_acls::plan_vpc(spec, assembly, vpc);
  }
}

}  // namespace aip::plan
