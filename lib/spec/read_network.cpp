// The `network:` area: on-premises ranges, VPCs with tiers, NAT, endpoints and
// flow logs, and security groups with their rules.
#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "base/did_you_mean.hpp"
#include "base/pattern.hpp"
#include "spec/field_reader.hpp"
#include "spec/load.hpp"
#include "spec/placement.hpp"
#include "spec/regions.hpp"
#include "spec/tables.hpp"
#include "spec/zones.hpp"

namespace aip::spec {
namespace {

// Interface endpoint services that platforms commonly use; a name close to one
// of these is taken as a typo.
const std::vector<std::string> kKnownInterfaceServices = {
    "aoss",        "athena",         "bedrock",       "bedrock-agent", "bedrock-agent-runtime",
    "bedrock-runtime", "codeartifact.api", "codeartifact.repositories", "dynamodb", "ec2",
    "ec2messages", "ecr.api",        "ecr.dkr",       "ecs",           "ecs-agent",      "git-codecommit",
    "ecs-telemetry", "elasticfilesystem", "elasticloadbalancing", "events", "execute-api",
    "glue",        "kinesis-streams", "kms",          "lambda",        "logs",
    "monitoring",  "rds",            "rds-data",      "s3",            "sagemaker.api",
    "sagemaker.runtime", "secretsmanager", "sns",      "sqs",           "ssm",
    "ssmmessages", "states",         "sts",           "textract",      "xray"};
const std::vector<std::string> kGatewayServices = {"s3", "dynamodb"};

std::optional<TierKind> kind_from_name(std::string_view name) {
  if (name == "public") return TierKind::public_;
  if (name == "private") return TierKind::private_;
  if (name == "isolated") return TierKind::isolated;
  return std::nullopt;
}

void read_tier_cidrs(const YamlNode& n, Tier& tier, Diagnostics& diags) {
  for (const YamlNode* item : read_list(n, "cidrs", diags)) {
    if (auto p = read_prefix(*item, "cidrs", diags)) tier.cidrs.push_back(located(*p, *item));
  }
}

// The subnets of a tier or zone written as a map: `size` (a prefix length) or
// `cidrs`, exactly one of them. `what` names it ("tier 'app'").
void read_tier_size(Fields& f, const std::string& what, Location where, Tier& tier, Diagnostics& diags) {
  const YamlNode* size = f.optional("size");
  const YamlNode* cidrs = f.optional("cidrs");
  if (size != nullptr && cidrs != nullptr) {
    diags.error(cidrs->location, fmt::format("{} gives both 'size' and 'cidrs'; use one", what));
  } else if (size == nullptr && cidrs == nullptr) {
    diags.error(where, fmt::format("{} needs 'size' (a prefix length) or 'cidrs'", what));
  }
  if (size != nullptr) {
    if (auto len = read_int(*size, "size", 16, 28, diags)) tier.prefix_length = located(*len, *size);
  } else if (cidrs != nullptr) {
    read_tier_cidrs(*cidrs, tier, diags);
  }
}

// A tier is `NAME: 24`, `NAME: [cidr, ...]` or `NAME: {kind: K, size: 24 | cidrs: [...]}`.
void read_tier(const YamlNode& key, const YamlNode& value, Vpc& vpc, Diagnostics& diags) {
  if (!check_name(key, "tier", diags)) return;
  Tier tier;
  tier.name = key.scalar;
  tier.location = key.location;
  auto implied = kind_from_name(tier.name);
  if (value.is_map()) {
    Fields f(value, fmt::format("tier '{}'", tier.name), diags, key.location);
    Located<std::string> kind;
    if (f.choice("kind", tier_kind_choices(), kind, implied ? Presence::optional : Presence::required)) {
      implied = kind_from_name(kind.value);
    }
    read_tier_size(f, fmt::format("tier '{}'", tier.name), key.location, tier, diags);
  } else if (value.is_sequence()) {
    read_tier_cidrs(value, tier, diags);
  } else if (auto len = read_int(value, tier.name, 16, 28, diags)) {
    tier.prefix_length = located(*len, value);
  }
  if (!implied) {
    if (!value.is_map()) {
      diags.error(key.location, fmt::format("tier '{}' is not public, private or isolated; write it as "
                                            "{{kind: private, size: 24}}",
                                            tier.name));
    }
    return;
  }
  tier.kind = *implied;
  vpc.tiers.push_back(std::move(tier));
}

void read_endpoints(const YamlNode& n, Vpc& vpc, Diagnostics& diags) {
  Fields f(n, fmt::format("endpoints of vpc '{}'", vpc.name), diags);
  static const Pattern service_shape("[a-z0-9][a-z0-9.-]{0,63}");
  // Explicit: a name close to a known service is a typo, one far from all of
  // them may be a service newer than the list.
  if (const YamlNode* list = f.optional("interface")) {
    for (const YamlNode* item : read_list(*list, "interface", diags)) {
      auto s = read_string(*item, "interface", diags);
      if (!s) continue;
      bool known = std::find(kKnownInterfaceServices.begin(), kKnownInterfaceServices.end(), *s) !=
                   kKnownInterfaceServices.end();
      if (!service_shape.matches(*s)) {
        diags.error(item->location, fmt::format("'{}' is not an endpoint service name such as 'bedrock-runtime'", *s));
      } else if (!known && !closest_match(*s, kKnownInterfaceServices).empty()) {
        diags.error(item->location, fmt::format("unknown interface endpoint service '{}'{}", *s,
                                                did_you_mean(*s, kKnownInterfaceServices)));
      } else {
        vpc.interface_endpoints.push_back(located(*s, *item));
      }
    }
  }
  f.choices("gateway", kGatewayServices, vpc.gateway_endpoints);
  f.text("tier", vpc.endpoint_tier);  // checked against the tiers in check_network
}

void read_flow_logs(const YamlNode& n, Vpc& vpc, Diagnostics& diags) {
  vpc.flow_logs.location = n.location;
  if (n.is_scalar()) {
    if (auto on = read_bool(n, "flow_logs", diags)) vpc.flow_logs.enabled = *on;
    return;
  }
  Fields f(n, fmt::format("flow_logs of vpc '{}'", vpc.name), diags);
  f.log_retention("retention_days", vpc.flow_logs.retention_days);
  f.choice("traffic", {"ALL", "ACCEPT", "REJECT"}, vpc.flow_logs.traffic);
}

// `firewall: {subnets: [cidr per AZ], allow_domains: [...], log_retention_days: N}`.
void read_firewall(const YamlNode& n, Vpc& vpc, Diagnostics& diags) {
  Fields f(n, fmt::format("firewall of vpc '{}'", vpc.name), diags, n.location);
  if (!f.ok()) return;
  Firewall fw;
  fw.location = n.location;
  fw.subnets.name = "firewall";
  fw.subnets.location = n.location;
  fw.subnets.kind = TierKind::private_;
  if (const YamlNode* s = f.required("subnets")) {
    fw.subnets.location = s->location;
    read_tier_cidrs(*s, fw.subnets, diags);
  }
  // A domain as Network Firewall's domain lists take it: a leading dot
  // stands for the domain and all its subdomains.
  static const Pattern domain_shape("\\.?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
  if (const YamlNode* list = f.required("allow_domains")) {
    std::vector<const YamlNode*> items = read_list(*list, "allow_domains", diags);
    if (items.empty() && list->is_sequence()) {
      diags.error(list->location, fmt::format("firewall of vpc '{}' allows no domain: list at least one in "
                                              "'allow_domains', e.g. \".amazonaws.com\"",
                                              vpc.name));
    }
    for (const YamlNode* item : items) {
      auto d = read_string(*item, "allow_domains", diags);
      if (!d) continue;
      if (!domain_shape.matches(*d)) {
        diags.error(item->location, fmt::format("'{}' is not a domain such as 'api.github.com' or '.amazonaws.com' "
                                                "(lower case, a leading dot for all subdomains)",
                                                *d));
        continue;
      }
      bool twice = std::any_of(fw.allow_domains.begin(), fw.allow_domains.end(),
                               [&](const Located<std::string>& e) { return e.value == *d; });
      if (twice) {
        diags.error(item->location, fmt::format("domain '{}' is listed twice", *d));
        continue;
      }
      fw.allow_domains.push_back(located(*d, *item));
    }
  }
  f.log_retention("log_retention_days", fw.log_retention_days);
  f.flag("deletion_protection", fw.deletion_protection);
  vpc.firewall = std::move(fw);
}

enum class ZonePeers;
// EC2 accepts only these characters in a security group's description and in a
// rule's, up to 255 of them (the GroupDescription pattern of the resource schema).
const Pattern& ec2_description_shape() {
  static const Pattern shape(R"([a-zA-Z0-9. _:/()#,@\[\]+=&;{}!$*-]{0,255})");
  return shape;
}

// A security group's description, read with EC2's character set: a quote or an
// apostrophe is an error here, at the spec line, not a schema failure at synth.
bool read_group_description(Fields& f, Located<std::string>& out) {
  return f.text("description", ec2_description_shape(),
                "a security group description may use only letters, digits, spaces and ._-:/()#,@[]+=&;{{}}!$* (at "
                "most 255 characters), got '{}'",
                out);
}

std::vector<SecurityGroupRule> read_rules(const YamlNode& n, std::string_view direction, std::string_view peer_key,
                                          const std::string& group, Diagnostics& diags, ZonePeers zones,
                                          std::string_view vpc);
void read_zones(const YamlNode& n, Vpc& vpc, Spec& spec, Diagnostics& diags);

// `existing: {id, subnets: {TIER: [subnet-...] | {kind, ids}}, route_tables}`:
// the tiers of a VPC deployed elsewhere, one subnet id per AZ.
void read_existing_vpc(const YamlNode& n, Vpc& vpc, Diagnostics& diags) {
  static const Pattern vpc_id("vpc-[0-9a-f]{8}([0-9a-f]{9})?");
  static const Pattern subnet_id("subnet-[0-9a-f]{8}([0-9a-f]{9})?");
  static const Pattern route_table_id("rtb-[0-9a-f]{8}([0-9a-f]{9})?");
  Fields f(n, fmt::format("existing vpc '{}'", vpc.name), diags, n.location);
  if (!f.ok()) return;
  f.without_lint();  // the VPC's own `lint:` and `overrides:` cover what is placed in it
  f.without_overrides();
  if (const YamlNode* id = f.required("id")) {
    if (auto v = read_existing_id(*id, "id", vpc_id, "'id' must be a VPC id such as vpc-0123456789abcdef0, got '{}'",
                                  diags)) {
      vpc.existing_id = located(*v, *id);
    }
  }
  f.strings("route_tables", route_table_id, "'route_tables' lists route table ids such as rtb-0123456789abcdef0, got '{}'",
            vpc.existing_route_tables);
  const YamlNode* subnets = f.required("subnets");
  if (subnets == nullptr) return;
  if (!subnets->is_map() || subnets->entries.empty()) {
    diags.error(subnets->location, "'subnets' must map tier names to their subnet ids, one per AZ, e.g. "
                                   "{private: [subnet-0123456789abcdef0, subnet-0fedcba9876543210]}");
    return;
  }
  const std::string ids_message = "'{}' is not a subnet id such as subnet-0123456789abcdef0";
  for (const auto& [key, value] : subnets->entries) {
    if (!check_name(key, "tier", diags)) continue;
    Tier tier;
    tier.name = key.scalar;
    tier.location = key.location;
    auto implied = kind_from_name(tier.name);
    if (value.is_map()) {
      Fields t(value, fmt::format("existing tier '{}'", tier.name), diags, key.location);
      t.without_lint();
      t.without_overrides();
      Located<std::string> kind;
      if (t.choice("kind", tier_kind_choices(), kind, implied ? Presence::optional : Presence::required)) {
        implied = kind_from_name(kind.value);
      }
      if (const YamlNode* ids = t.required("ids")) {
        for (const YamlNode* item : read_list(*ids, "ids", diags)) {
          if (auto id = read_existing_id(*item, "ids", subnet_id, ids_message, diags)) {
            tier.existing_subnets.push_back(located(*id, *item));
          }
        }
      }
    } else {
      for (const YamlNode* item : read_list(value, tier.name, diags)) {
        if (auto id = read_existing_id(*item, tier.name, subnet_id, ids_message, diags)) {
          tier.existing_subnets.push_back(located(*id, *item));
        }
      }
      if (!implied) {
        diags.error(key.location, fmt::format("tier '{}' is not public, private or isolated; write it as "
                                              "{{kind: private, ids: [...]}}",
                                              tier.name));
      }
    }
    if (!implied || tier.existing_subnets.empty()) continue;
    tier.kind = *implied;
    vpc.tiers.push_back(std::move(tier));
  }
  // One subnet per AZ in every tier: the AZ count is the length of the lists.
  for (const Tier& t : vpc.tiers) {
    if (t.existing_subnets.size() != vpc.tiers.front().existing_subnets.size()) {
      diags.error(t.location, fmt::format("tier '{}' lists {} subnets but tier '{}' lists {}; give one subnet per AZ "
                                          "in every tier",
                                          t.name, t.existing_subnets.size(), vpc.tiers.front().name,
                                          vpc.tiers.front().existing_subnets.size()));
    }
  }
  if (!vpc.tiers.empty()) {
    vpc.azs = {static_cast<int>(std::min<std::size_t>(vpc.tiers.front().existing_subnets.size(), 6)), subnets->location};
  }
}

void read_vpc(const YamlNode& key, const YamlNode& value, Spec& spec, Diagnostics& diags) {
  if (!check_name(key, "vpc", diags)) return;
  Vpc vpc;
  vpc.name = key.scalar;
  vpc.location = key.location;
  Fields f(value, fmt::format("vpc '{}'", vpc.name), diags, key.location);
  if (!f.ok()) return;
  f.text("account", vpc.account);
  f.region("region", vpc.region);
  Located<net::Prefix> cidr;
  if (f.prefix("cidr", cidr, Presence::required)) {
    if (cidr.value.family() != net::Family::v4) {
      diags.error(cidr.location, "a VPC's primary 'cidr' must be IPv4");
    } else if (cidr.value.length() < 16 || cidr.value.length() > 28) {
      diags.error(cidr.location, fmt::format("a VPC's 'cidr' must be between /16 and /28 (AWS's limits), got /{}",
                                             cidr.value.length()));
    } else {
      vpc.cidr = cidr;
    }
  }
  // An existing VPC: its tiers and AZs are its subnets; aip adds no subnets,
  // gateways, zones or flow logs to it.
  if (const YamlNode* existing = f.optional("existing")) {
    read_existing_vpc(*existing, vpc, diags);
    for (const char* created : {"azs", "tiers", "zones", "nat", "flow_logs", "network_acls", "firewall"}) {
      if (const YamlNode* given = f.optional(created)) {
        diags.error(given->location, fmt::format("vpc '{}' is existing: '{}' describes what aip creates; an existing "
                                                 "VPC's tiers and AZs come from existing.subnets",
                                                 vpc.name, created));
      }
    }
    if (const YamlNode* e = f.optional("endpoints")) read_endpoints(*e, vpc, diags);
    f.tags(vpc.tags);
    vpc.flow_logs.enabled = false;
    spec.network.vpcs.push_back(std::move(vpc));
    return;
  }
  f.integer("azs", {1, 6}, vpc.azs);
  // Explicit: `tiers` is required only without `zones`.
  const YamlNode* zones = f.optional("zones");
  if (const YamlNode* t = zones != nullptr ? f.optional("tiers") : f.required("tiers")) {
    if (!t->is_map() || t->entries.empty()) {
      diags.error(t->location, "'tiers' must map tier names to a prefix length or CIDRs, e.g. {public: 24, private: 24}");
    } else {
      for (const auto& [tk, tv] : t->entries) read_tier(tk, tv, vpc, diags);
    }
  }
  if (zones != nullptr) read_zones(*zones, vpc, spec, diags);
  Located<std::string> nat;
  if (f.choice("nat", {"none", "single", "per-az"}, nat)) {
    NatMode mode = nat.value == "single" ? NatMode::single : nat.value == "per-az" ? NatMode::per_az : NatMode::none;
    vpc.nat = {mode, nat.location};
  }
  if (const YamlNode* e = f.optional("endpoints")) read_endpoints(*e, vpc, diags);
  if (const YamlNode* l = f.optional("flow_logs")) read_flow_logs(*l, vpc, diags);
  if (const YamlNode* fw = f.optional("firewall")) read_firewall(*fw, vpc, diags);
  if (f.choice("network_acls", {"none", "derived"}, vpc.network_acls) && vpc.network_acls.value == "derived" &&
      zones == nullptr) {
    diags.error(vpc.network_acls.location, fmt::format("`network_acls: derived` derives each zone's network ACL from "
                                                       "'zones', which vpc '{}' does not have",
                                                       vpc.name));
  }
  f.tags(vpc.tags);
  spec.network.vpcs.push_back(std::move(vpc));
}

// `8000`, or a range `8000-8010` in `ports`.
void read_ports(const YamlNode* port, const YamlNode* ports, SecurityGroupRule& rule, Diagnostics& diags) {
  if (port != nullptr && ports != nullptr) {
    diags.error(ports->location, "give either 'port' or 'ports', not both");
    return;
  }
  if (port != nullptr) {
    if (auto p = read_int(*port, "port", 0, 65535, diags)) rule.from_port = rule.to_port = *p;
    rule.ports_location = port->location;
    return;
  }
  if (ports == nullptr) return;
  rule.ports_location = ports->location;
  static const Pattern range("([0-9]{1,5})-([0-9]{1,5})");
  if (!ports->is_scalar() || !range.matches(ports->scalar)) {
    diags.error(ports->location, fmt::format("'ports' must be a range such as 8000-8010, got {}", ports->describe()));
    return;
  }
  const std::size_t dash = ports->scalar.find('-');
  int from = std::stoi(ports->scalar.substr(0, dash)), to = std::stoi(ports->scalar.substr(dash + 1));
  if (from > to || to > 65535) {
    diags.error(ports->location, fmt::format("port range {}-{} must go from low to high within 0-65535", from, to));
    return;
  }
  rule.from_port = from;
  rule.to_port = to;
}

// In rules of a zone (`zones:`): whether a peer may name a zone.
enum class ZonePeers { none, allowed, refused };

// `sg:NAME`, `pl-...` (managed prefix list), `vpc` (the VPC's own CIDR) or a CIDR;
// in a zone's ingress also a zone of the same VPC (`from: application`).
std::optional<Peer> read_peer(const YamlNode& n, std::string_view key, Diagnostics& diags,
                              ZonePeers zones = ZonePeers::none, std::string_view vpc = {}) {
  auto s = read_string(n, key, diags);
  if (!s) return std::nullopt;
  Peer peer;
  peer.location = n.location;
  static const Pattern prefix_list("pl-[0-9a-f]{8,17}");
  if (zones == ZonePeers::allowed && is_zone(*s)) {
    peer.kind = Peer::Kind::security_group;
    peer.zone = *s;
    peer.name = zone_group_name(vpc, *s);
  } else if (zones == ZonePeers::refused && is_zone(*s)) {
    diags.error(n.location, fmt::format("egress to zone '{}' follows from that zone's ingress (aip writes it); remove "
                                        "this rule",
                                        *s));
    return std::nullopt;
  } else if (s->rfind("sg:", 0) == 0) {
    peer.kind = Peer::Kind::security_group;
    peer.name = s->substr(3);
  } else if (prefix_list.matches(*s)) {
    peer.kind = Peer::Kind::prefix_list;
    peer.name = *s;
  } else if (*s == "vpc") {
    peer.kind = Peer::Kind::vpc_cidr;
  } else {
    std::string error;
    auto p = net::Prefix::parse(*s, &error);
    bool looks_like_cidr = s->find_first_of("/:") != std::string::npos || (!s->empty() && std::isdigit(
                                                                                             static_cast<unsigned char>((*s)[0])));
    if (!p && looks_like_cidr) {
      diags.error(n.location, fmt::format("invalid CIDR in '{}': {}", key, error));
      return std::nullopt;
    }
    if (!p) {
      diags.error(n.location, fmt::format("'{}' must be a CIDR, 'vpc', a prefix list id (pl-...) or 'sg:NAME', got "
                                          "'{}'",
                                          key, *s));
      return std::nullopt;
    }
    peer.kind = Peer::Kind::cidr;
    peer.cidr = *p;
  }
  return peer;
}

std::vector<SecurityGroupRule> read_rules(const YamlNode& n, std::string_view direction, std::string_view peer_key,
                                          const std::string& group, Diagnostics& diags,
                                          ZonePeers zones = ZonePeers::none, std::string_view vpc = {}) {
  std::vector<SecurityGroupRule> rules;
  if (!n.is_sequence()) {
    diags.error(n.location, fmt::format("'{}' must be a list of rules, got {}", direction, n.describe()));
    return rules;
  }
  for (const YamlNode& item : n.items) {
    SecurityGroupRule rule;
    rule.location = item.location;
    Fields f(item, fmt::format("{} rule of security group '{}'", direction, group), diags);
    if (!f.ok()) continue;
    f.choice("protocol", {"tcp", "udp", "icmp", "all"}, rule.protocol);
    // Explicit: `port` or `ports`, and whether the protocol takes ports at all.
    const YamlNode* port = f.optional("port");
    const YamlNode* ports = f.optional("ports");
    read_ports(port, ports, rule, diags);
    bool needs_ports = rule.protocol.value == "tcp" || rule.protocol.value == "udp";
    if (needs_ports && port == nullptr && ports == nullptr) {
      diags.error(item.location, fmt::format("{} rule of security group '{}' needs 'port' or 'ports' for {}",
                                             direction, group, rule.protocol.value));
    } else if (!needs_ports && (port != nullptr || ports != nullptr)) {
      diags.error(rule.ports_location, fmt::format("protocol '{}' takes no ports", rule.protocol.value));
    }
    if (const YamlNode* peer = f.required(peer_key)) {
      if (auto p = read_peer(*peer, peer_key, diags, zones, vpc)) rule.peer = *p;
    }
    f.text("description", ec2_description_shape(),
           "a rule description may use only letters, digits, spaces and ._-:/()#,@[]+=&;{{}}!$* (at most 255 "
           "characters)",
           rule.description);
    rules.push_back(std::move(rule));
  }
  return rules;
}

void read_security_group(const YamlNode& key, const YamlNode& value, Spec& spec, Diagnostics& diags) {
  if (!check_name(key, "security group", diags)) return;
  SecurityGroup sg;
  sg.name = key.scalar;
  sg.location = key.location;
  Fields f(value, fmt::format("security group '{}'", sg.name), diags, key.location);
  if (!f.ok()) return;
  f.text("vpc", sg.vpc, Presence::required);
  if (const YamlNode* existing = f.optional("existing")) {
    static const Pattern group_id("sg-[0-9a-f]{8}([0-9a-f]{9})?");
    Fields e(*existing, fmt::format("existing security group '{}'", sg.name), diags, existing->location);
    e.without_lint();
    if (const YamlNode* id = e.required("id")) {
      if (auto v = read_existing_id(*id, "id", group_id,
                                    "'id' must be a security group id such as sg-0123456789abcdef0, got '{}'", diags)) {
        sg.existing_id = located(*v, *id);
      }
    }
    if (const YamlNode* d = f.optional("description")) {
      diags.error(d->location, fmt::format("security group '{}' is existing: its description is set where it was "
                                           "created (CloudFormation cannot change it)",
                                           sg.name));
    }
  } else {
    read_group_description(f, sg.description);
  }
  if (const YamlNode* i = f.optional("ingress")) sg.ingress = read_rules(*i, "ingress", "from", sg.name, diags);
  if (const YamlNode* e = f.optional("egress")) sg.egress = read_rules(*e, "egress", "to", sg.name, diags);
  f.choice("zone", zone_names(), sg.zone);
  f.tags(sg.tags);
  spec.network.security_groups.push_back(std::move(sg));
}

TierKind default_zone_kind(std::string_view zone) {
  if (zone == "dmz") return TierKind::public_;
  if (zone == "data") return TierKind::isolated;
  return TierKind::private_;
}

// One zone: its tier (subnets per AZ) and its security group.
void read_zone(const YamlNode& key, const YamlNode& value, Vpc& vpc, Spec& spec, Diagnostics& diags) {
  if (!check_name(key, "zone", diags)) return;
  const std::string& zone = key.scalar;
  if (!is_zone(zone)) {
    diags.error(key.location, fmt::format("unknown zone '{}' in vpc '{}'; zones are dmz, application, data and "
                                          "management{}",
                                          zone, vpc.name, did_you_mean(zone, zone_names())));
    return;
  }
  for (const Tier& t : vpc.tiers) {
    if (t.name == zone) {
      Diagnostic& d = diags.error(key.location, fmt::format("zone '{}' and tier '{}' of vpc '{}' would share their "
                                                            "subnets' names; rename the tier",
                                                            zone, t.name, vpc.name));
      d.notes.push_back({Severity::note, t.location, "tier declared here", {}});
      return;
    }
  }
  Tier tier;
  tier.name = zone;
  tier.location = key.location;
  tier.kind = default_zone_kind(zone);
  tier.zone = true;
  SecurityGroup sg;
  sg.name = zone_group_name(vpc.name, zone);
  sg.location = key.location;
  sg.vpc = {vpc.name, key.location};
  sg.zone = {zone, key.location};
  sg.zone_group = true;
  sg.egress.emplace();
  Fields f(value, fmt::format("zone '{}' of vpc '{}'", zone, vpc.name), diags, key.location);
  if (!f.ok()) return;
  Located<std::string> kind;
  if (f.choice("kind", tier_kind_choices(), kind)) tier.kind = *kind_from_name(kind.value);
  read_tier_size(f, fmt::format("zone '{}'", zone), key.location, tier, diags);
  if (!read_group_description(f, sg.description)) {
    sg.description = {fmt::format("Zone {} of vpc {}", zone, vpc.name), key.location};
  }
  if (const YamlNode* i = f.optional("ingress")) {
    sg.ingress = read_rules(*i, "ingress", "from", sg.name, diags, ZonePeers::allowed, vpc.name);
  }
  if (const YamlNode* e = f.optional("egress")) {
    sg.egress = read_rules(*e, "egress", "to", sg.name, diags, ZonePeers::refused, vpc.name);
  }
  f.tags(sg.tags);
  vpc.tiers.push_back(std::move(tier));
  vpc.zones.push_back({zone, key.location});
  spec.network.security_groups.push_back(std::move(sg));
}

// `zones:` of a VPC. Checks every flow between zones and writes each zone's
// egress to the zones that accept its traffic (security groups check both ends).
void read_zones(const YamlNode& n, Vpc& vpc, Spec& spec, Diagnostics& diags) {
  if (!n.is_map() || n.entries.empty()) {
    diags.error(n.location, "'zones' must map zone names (dmz, application, data, management) to their subnets and "
                            "rules, e.g. {dmz: {size: 24}}");
    return;
  }
  const std::size_t first = spec.network.security_groups.size();
  for (const auto& [k, v] : n.entries) read_zone(k, v, vpc, spec, diags);
  auto& groups = spec.network.security_groups;
  auto group_of = [&](std::string_view zone) -> SecurityGroup* {
    for (std::size_t i = first; i < groups.size(); ++i) {
      if (groups[i].zone.value == zone) return &groups[i];
    }
    return nullptr;
  };
  std::vector<std::pair<std::string, SecurityGroupRule>> mirrored;  // (source zone, egress rule)
  for (std::size_t i = first; i < groups.size(); ++i) {
    const SecurityGroup& to = groups[i];
    const std::string& zone = to.zone.value;
    for (const SecurityGroupRule& rule : to.ingress) {
      const Peer& peer = rule.peer;
      if (peer.zone.empty()) {
        if (zone == "application" || zone == "data") {
          diags.error(peer.location, fmt::format("zone '{}' accepts traffic only from zones ({}); traffic from outside "
                                                 "enters through dmz or management",
                                                 zone, zone == "data" ? "application, management, data"
                                                                      : "dmz, management, application"));
        }
        continue;
      }
      if (!vpc.has_zone(peer.zone)) {
        diags.error(peer.location, fmt::format("zone '{}' takes traffic from zone '{}', which vpc '{}' does not "
                                               "declare",
                                               zone, peer.zone, vpc.name));
        continue;
      }
      if (!zone_flow_allowed(peer.zone, zone)) {
        diags.error(peer.location, fmt::format("zone flow {} -> {} {}; traffic enters zone '{}' only from the zone "
                                               "before it, from management and from itself",
                                               peer.zone, zone, zone_flow_problem(peer.zone, zone), zone));
        continue;
      }
      SecurityGroupRule out = rule;
      out.peer.kind = Peer::Kind::security_group;
      out.peer.name = to.name;
      out.peer.zone = zone;
      out.description = {};
      mirrored.emplace_back(peer.zone, std::move(out));
    }
  }
  for (auto& [zone, rule] : mirrored) {
    if (SecurityGroup* from = group_of(zone)) from->egress->push_back(std::move(rule));
  }
}

// A zone's group starts connections only where aip lets it: towards zones that
// accept it (read_zones) and towards other groups whose ingress names it, when
// the flow between their zones is allowed (AIP-NET-007 reports the others).
void mirror_zone_egress(Spec& spec) {
  auto& groups = spec.network.security_groups;
  std::vector<std::pair<std::size_t, SecurityGroupRule>> extra;
  for (const SecurityGroup& g : groups) {
    if (g.zone_group) continue;
    for (const SecurityGroupRule& rule : g.ingress) {
      if (rule.peer.kind != Peer::Kind::security_group) continue;
      for (std::size_t i = 0; i < groups.size(); ++i) {
        const SecurityGroup& zone = groups[i];
        if (!zone.zone_group || zone.name != rule.peer.name || zone.vpc.value != g.vpc.value) continue;
        if (!g.zone.value.empty() && !zone_flow_allowed(zone.zone.value, g.zone.value)) continue;
        SecurityGroupRule out = rule;
        out.peer.name = g.name;
        out.peer.zone = g.zone.value;
        out.description = {};
        extra.emplace_back(i, std::move(out));
      }
    }
  }
  for (auto& [i, rule] : extra) groups[i].egress->push_back(std::move(rule));
}

}  // namespace

void read_network(const YamlNode& node, Spec& spec, Diagnostics& diags) {
  Fields f(node, "'network'", diags);
  if (!f.ok()) return;
  f.prefixes("on_prem", spec.network.on_prem);
  read_named(f, "vpcs", "VPC", diags, [&](const YamlNode& k, const YamlNode& v) { read_vpc(k, v, spec, diags); });
  read_named(f, "security_groups", "group", diags,
             [&](const YamlNode& k, const YamlNode& v) { read_security_group(k, v, spec, diags); });
  if (const YamlNode* vpns = f.optional("vpns")) read_vpns(*vpns, spec, diags);
  mirror_zone_egress(spec);
}

}  // namespace aip::spec
