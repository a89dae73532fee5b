// The `network:` area of the spec: VPCs, tiers, endpoints, security groups.
#pragma once

#include <optional>
#include <string_view>
#include <string>
#include <vector>

#include "net/cidr.hpp"
#include "spec/located.hpp"
#include "spec/vpn.hpp"

namespace aip::spec {

enum class TierKind { public_, private_, isolated };
const char* to_string(TierKind kind);

// One row of subnets, one subnet per AZ, e.g. `private: 24`.
struct Tier {
  std::string name;  // public, private, isolated or a custom name with an explicit kind
  Location location;
  TierKind kind = TierKind::private_;
  std::optional<Located<int>> prefix_length;  // carved automatically
  std::vector<Located<net::Prefix>> cidrs;    // or given explicitly, one per AZ
  bool zone = false;                          // the subnets of a zone (`zones:`), named after it
  std::vector<Located<std::string>> existing_subnets;  // an existing VPC's subnets, one per AZ ("subnet-...")
};

enum class NatMode { none, single, per_az };
const char* to_string(NatMode mode);

struct FlowLogs {
  bool enabled = true;
  Location location;
  Located<int> retention_days{365, {}};
  Located<std::string> traffic{"ALL", {}};  // ALL | ACCEPT | REJECT
};

// `firewall:` of a VPC: AWS Network Firewall filtering the private tiers'
// egress by domain (TLS SNI and HTTP Host), in dedicated subnets, one per AZ.
struct Firewall {
  Location location;
  Tier subnets;  // name "firewall": the explicit CIDRs, one per AZ (not one of the VPC's tiers)
  std::vector<Located<std::string>> allow_domains;  // ".amazonaws.com" (and subdomains) or "api.github.com"
  Located<int> log_retention_days{365, {}};
  // On by default like a database's: deleting the firewall opens the egress.
  Located<bool> deletion_protection{true, {}};
};

struct Vpc {
  std::string name;
  Location location;
  Located<std::string> account;  // name of an Account
  Located<std::string> region;   // defaults to the account's region
  Located<net::Prefix> cidr;
  Located<int> azs{2, {}};
  std::vector<Tier> tiers;  // in the order written; carving follows this order
  Located<NatMode> nat{NatMode::none, {}};
  std::vector<Located<std::string>> interface_endpoints;  // e.g. bedrock-runtime
  std::vector<Located<std::string>> gateway_endpoints;    // s3, dynamodb
  // `endpoints: {tier: NAME}`: the private or isolated tier holding the interface
  // endpoints (seed 003's management zone); empty: the first private tier, else
  // the first isolated one.
  Located<std::string> endpoint_tier;
  FlowLogs flow_logs;
  // Zones declared under `zones:` (dmz, application, data, management), in the
  // order written; each is also a tier (its subnets) and a security group
  // named "<vpc>-<zone>" in network.security_groups.
  std::vector<Located<std::string>> zones;
  // `network_acls: derived`: a network ACL per zone, derived from the zones'
  // adjacency and the security groups (plan/network_acls.cpp); none: the
  // VPC's default network ACL everywhere.
  Located<std::string> network_acls{"none", {}};
  std::optional<Firewall> firewall;
  Tags tags;
  // `existing: {id, subnets, route_tables}`: a VPC deployed elsewhere. aip
  // creates nothing of it (no subnets, routes, gateways or flow logs) but
  // places endpoints and workloads in it; its tiers come from `subnets`.
  Located<std::string> existing_id;                      // "vpc-..."; empty: aip creates the VPC
  std::vector<Located<std::string>> existing_route_tables;  // for gateway endpoints
  bool existing() const { return !existing_id.value.empty(); }

  // The tier the interface endpoints live in (nullptr: none fits, or it names no tier).
  const Tier* interface_endpoint_tier() const {
    for (const Tier& t : tiers) {
      if (!endpoint_tier.value.empty() && t.name == endpoint_tier.value) return &t;
    }
    if (!endpoint_tier.value.empty()) return nullptr;
    for (TierKind kind : {TierKind::private_, TierKind::isolated}) {
      for (const Tier& t : tiers) {
        if (t.kind == kind) return &t;
      }
    }
    return nullptr;
  }

  bool has_zone(std::string_view zone) const {
    for (const auto& z : zones) {
      if (z.value == zone) return true;
    }
    return false;
  }
};

// Where a security group rule's traffic comes from (ingress) or goes to (egress).
struct Peer {
  enum class Kind { cidr, prefix_list, security_group, vpc_cidr };
  Kind kind = Kind::cidr;
  net::Prefix cidr;                // kind == cidr
  std::string name;                // security group name or prefix-list id
  Location location;
  std::string zone;                // a zone rule's `from: application`: the zone (name is its group)
};

struct SecurityGroupRule {
  Location location;
  Located<std::string> protocol{"tcp", {}};  // tcp | udp | icmp | all
  int from_port = 0;
  int to_port = 0;
  Location ports_location;
  Peer peer;
  Located<std::string> description;
};

struct SecurityGroup {
  std::string name;
  Location location;
  Located<std::string> vpc;
  Located<std::string> description;
  std::vector<SecurityGroupRule> ingress;
  std::optional<std::vector<SecurityGroupRule>> egress;  // absent: within the VPC only
  Located<std::string> zone;  // the zone it belongs to (tag aip:zone); a zone's own group or `zone:`
  bool zone_group = false;    // created by aip for a zone of its VPC
  Tags tags;
  // `existing: {id: sg-...}`: a group deployed elsewhere. aip adds its rules
  // as separate ingress/egress resources and leaves the rest of it alone.
  Located<std::string> existing_id;
  bool existing() const { return !existing_id.value.empty(); }
};

struct Network {
  std::vector<Located<net::Prefix>> on_prem;
  std::vector<Vpc> vpcs;
  std::vector<SecurityGroup> security_groups;
  std::vector<VpnConnection> vpns;  // read_vpn.cpp
};

}  // namespace aip::spec
