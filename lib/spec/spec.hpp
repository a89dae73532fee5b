// The typed platform spec. Every element keeps the Location it was written at,
// so later stages (checks, plan, lint) can point back at the line a person wrote.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "net/cidr.hpp"
#include "spec/source.hpp"

namespace aip::spec {

template <class T>
struct Located {
  T value{};
  Location location;
};

using Tags = std::map<std::string, Located<std::string>>;

struct Account {
  std::string name;
  Location location;
  Located<std::string> id;      // 12 digits
  Located<std::string> region;  // e.g. us-east-1
  Located<std::string> organizational_unit;  // optional, "ou-xxxx-yyyyyyyy" or a name
};

enum class TierKind { public_, private_, isolated };
const char* to_string(TierKind kind);

// One row of subnets, one subnet per AZ, e.g. `private: 24`.
struct Tier {
  std::string name;  // public, private, isolated or a custom name with an explicit kind
  Location location;
  TierKind kind = TierKind::private_;
  std::optional<Located<int>> prefix_length;  // carved automatically
  std::vector<Located<net::Prefix>> cidrs;    // or given explicitly, one per AZ
};

enum class NatMode { none, single, per_az };
const char* to_string(NatMode mode);

struct FlowLogs {
  bool enabled = true;
  Location location;
  Located<int> retention_days{365, {}};
  Located<std::string> traffic{"ALL", {}};  // ALL | ACCEPT | REJECT
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
  FlowLogs flow_logs;
  Tags tags;
};

// Where a security group rule's traffic comes from (ingress) or goes to (egress).
struct Peer {
  enum class Kind { cidr, prefix_list, security_group, vpc_cidr };
  Kind kind = Kind::cidr;
  net::Prefix cidr;                // kind == cidr
  std::string name;                // security group name or prefix-list id
  Location location;
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
  Tags tags;
};

struct Network {
  std::vector<Located<net::Prefix>> on_prem;
  std::vector<Vpc> vpcs;
  std::vector<SecurityGroup> security_groups;
};

struct Spec {
  const SourceFile* file = nullptr;
  Located<int> version;
  Located<std::string> name;
  Located<std::string> description;
  Tags tags;
  std::vector<Account> accounts;
  Network network;

  const Account* find_account(std::string_view name) const;
  const Vpc* find_vpc(std::string_view name) const;
  const SecurityGroup* find_security_group(std::string_view name) const;
};

}  // namespace aip::spec
