// Checks of the `network:` area across elements: the CIDR arithmetic of every
// VPC, what NAT and endpoints need, security group references and duplicate rules.
#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include <fmt/format.h>

#include "base/did_you_mean.hpp"
#include "spec/load.hpp"
#include "spec/placement.hpp"
#include "spec/subnet_layout.hpp"

namespace aip::spec {
namespace {

void check_vpc(const Spec& spec, const Vpc& vpc, Diagnostics& diags) {
  if (!vpc.account.value.empty() && spec.find_account(vpc.account.value) == nullptr) {
    diags.error(vpc.account.location, fmt::format("vpc '{}' refers to account '{}', which is not defined{}", vpc.name,
                                                  vpc.account.value,
                                                  did_you_mean(vpc.account.value, names_of(spec.accounts))));
  } else if (vpc.account.value.empty() && spec.accounts.size() > 1) {
    diags.error(vpc.location, fmt::format("vpc '{}' needs 'account': the spec has {} accounts", vpc.name,
                                          spec.accounts.size()));
  }

  std::vector<LayoutError> errors;
  layout_subnets(vpc, &errors);
  for (const LayoutError& e : errors) diags.error(e.location, e.message);

  auto has_tier = [&](TierKind kind) {
    return std::any_of(vpc.tiers.begin(), vpc.tiers.end(), [&](const Tier& t) { return t.kind == kind; });
  };
  if (vpc.nat.value != NatMode::none && !has_tier(TierKind::public_)) {
    diags.error(vpc.nat.location, fmt::format("nat: {} needs a public tier in vpc '{}' to place the NAT gateway in",
                                              to_string(vpc.nat.value), vpc.name));
  }
  if (!vpc.interface_endpoints.empty() && !has_tier(TierKind::private_) && !has_tier(TierKind::isolated)) {
    diags.error(vpc.interface_endpoints.front().location,
                fmt::format("interface endpoints need a private or isolated tier in vpc '{}'", vpc.name));
  }
  if (!vpc.endpoint_tier.value.empty()) {
    std::vector<std::string> fits;
    for (const Tier& t : vpc.tiers) {
      if (t.kind != TierKind::public_) fits.push_back(t.name);
    }
    if (std::find(fits.begin(), fits.end(), vpc.endpoint_tier.value) == fits.end()) {
      diags.error(vpc.endpoint_tier.location,
                  fmt::format("endpoints.tier '{}' is no private or isolated tier of vpc '{}'{}", vpc.endpoint_tier.value,
                              vpc.name, did_you_mean(vpc.endpoint_tier.value, fits)));
    } else if (vpc.interface_endpoints.empty()) {
      diags.error(vpc.endpoint_tier.location,
                  fmt::format("endpoints.tier of vpc '{}' places interface endpoints, and it has none", vpc.name));
    }
  }
  if (!vpc.gateway_endpoints.empty() && !has_tier(TierKind::private_) && !has_tier(TierKind::isolated)) {
    diags.error(vpc.gateway_endpoints.front().location,
                fmt::format("gateway endpoints need a private or isolated tier in vpc '{}' to route from", vpc.name));
  }
  if (vpc.existing() && !vpc.gateway_endpoints.empty() && vpc.existing_route_tables.empty()) {
    diags.error(vpc.gateway_endpoints.front().location,
                fmt::format("gateway endpoints in existing vpc '{}' need its route tables: list them in "
                            "existing.route_tables",
                            vpc.name));
  }
  if (vpc.firewall && vpc.nat.value == NatMode::none) {
    diags.error(vpc.firewall->location,
                fmt::format("the firewall of vpc '{}' filters egress to the internet, which needs a NAT gateway: "
                            "set 'nat: single' or 'nat: per-az'",
                            vpc.name));
  } else if (vpc.firewall && !has_tier(TierKind::private_)) {
    diags.error(vpc.firewall->location,
                fmt::format("the firewall of vpc '{}' filters the egress of private tiers, and the vpc has none",
                            vpc.name));
  }
  if (vpc.firewall) {
    // The firewall's subnets and route tables take the ids a tier named
    // "firewall" would have.
    for (const Tier& tier : vpc.tiers) {
      if (tier.name != "firewall") continue;
      diags.error(tier.location, fmt::format("vpc '{}' has a firewall, whose subnets are named 'firewall': "
                                             "rename this tier (e.g. 'inspection')",
                                             vpc.name));
    }
  }
  std::map<std::string, Location> seen;
  auto check_unique = [&](const std::vector<Located<std::string>>& list, std::string_view kind) {
    for (const auto& e : list) {
      auto [it, inserted] = seen.emplace(fmt::format("{}:{}", kind, e.value), e.location);
      if (!inserted) {
        Diagnostic& d = diags.error(e.location, fmt::format("{} endpoint '{}' is listed twice", kind, e.value));
        d.notes.push_back({Severity::note, it->second, "first listed here", {}});
      }
    }
  };
  check_unique(vpc.interface_endpoints, "interface");
  check_unique(vpc.gateway_endpoints, "gateway");
}

void check_rule_peers(const Spec& spec, const SecurityGroup& sg, const std::vector<SecurityGroupRule>& rules,
                      Diagnostics& diags) {
  std::set<std::tuple<std::string, int, int, int, std::string>> seen;
  for (const SecurityGroupRule& rule : rules) {
    const Peer& peer = rule.peer;
    if (peer.kind == Peer::Kind::security_group) {
      const SecurityGroup* other = spec.find_security_group(peer.name);
      if (other == nullptr) {
        diags.error(peer.location,
                    fmt::format("security group '{}' refers to security group '{}', which is not defined{}", sg.name,
                                peer.name, did_you_mean(peer.name, names_of(spec.network.security_groups))));
      } else if (other->vpc.value != sg.vpc.value) {
        Diagnostic& d = diags.error(peer.location, fmt::format("security group '{}' (vpc '{}') cannot refer to '{}' "
                                                               "in another vpc ('{}')",
                                                               sg.name, sg.vpc.value, other->name, other->vpc.value));
        d.notes.push_back({Severity::note, other->location, "security group declared here", {}});
      }
    }
    std::string peer_key = peer.kind == Peer::Kind::cidr ? peer.cidr.str() : peer.name;
    auto key = std::make_tuple(rule.protocol.value, static_cast<int>(peer.kind), rule.from_port, rule.to_port,
                               peer_key);
    if (!seen.insert(key).second) {
      diags.error(rule.location, fmt::format("security group '{}' has this rule twice (CloudFormation rejects "
                                             "duplicate rules)",
                                             sg.name));
    }
  }
}

void check_security_group(const Spec& spec, const SecurityGroup& sg, Diagnostics& diags) {
  if (spec.find_vpc(sg.vpc.value) == nullptr && !sg.vpc.value.empty()) {
    diags.error(sg.vpc.location, fmt::format("security group '{}' refers to vpc '{}', which is not defined{}",
                                             sg.name, sg.vpc.value, did_you_mean(sg.vpc.value, names_of(spec.network.vpcs))));
  }
  check_rule_peers(spec, sg, sg.ingress, diags);
  if (sg.egress) check_rule_peers(spec, sg, *sg.egress, diags);
  const Vpc* vpc = spec.find_vpc(sg.vpc.value);
  if (!sg.zone_group && !sg.zone.value.empty() && vpc != nullptr && !vpc->has_zone(sg.zone.value)) {
    diags.error(sg.zone.location, fmt::format("security group '{}' is in zone '{}', which vpc '{}' does not declare "
                                              "under 'zones'",
                                              sg.name, sg.zone.value, vpc->name));
  }
}

}  // namespace

void check_network(const Spec& spec, Diagnostics& diags) {
  for (const Vpc& vpc : spec.network.vpcs) check_vpc(spec, vpc, diags);
  for (const SecurityGroup& sg : spec.network.security_groups) check_security_group(spec, sg, diags);
}

}  // namespace aip::spec
