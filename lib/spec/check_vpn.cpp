// Checks of `network.vpns` across elements: the VPC each VPN attaches to, routes
// and the ranges they reach.
#include <algorithm>

#include <fmt/format.h>

#include "base/did_you_mean.hpp"
#include "base/pattern.hpp"
#include "spec/load.hpp"
#include "spec/placement.hpp"

namespace aip::spec {
namespace {

void check_vpn(const Spec& spec, const VpnConnection& v, Diagnostics& diags) {
  const Vpc* vpc = spec.find_vpc(v.vpc.value);
  if (vpc == nullptr) {
    if (!v.vpc.value.empty()) {
      diags.error(v.vpc.location, fmt::format("VPN '{}' refers to vpc '{}', which is not defined{}", v.name,
                                              v.vpc.value, did_you_mean(v.vpc.value, names_of(spec.network.vpcs))));
    }
    return;
  }
  if (vpc->existing()) {
    diags.error(v.vpc.location, fmt::format("VPN '{}' attaches to vpc '{}', which is existing: aip attaches VPN "
                                            "gateways and propagates routes only in VPCs it creates",
                                            v.name, vpc->name));
    return;
  }
  if (v.routing.value == "static") {
    if (spec.network.on_prem.empty()) {
      diags.error(v.location, fmt::format("VPN '{}' routes the on-premises ranges, but network.on_prem lists none; "
                                          "add them there (aip checks them against every VPC)",
                                          v.name));
    }
    for (const auto& r : v.routes) {
      bool inside = std::any_of(spec.network.on_prem.begin(), spec.network.on_prem.end(),
                                [&](const Located<net::Prefix>& o) { return o.value.contains(r.value); });
      if (!inside) {
        diags.error(r.location, fmt::format("route {} of VPN '{}' is not inside any range of network.on_prem; add "
                                            "it there first",
                                            r.value.str(), v.name));
      }
    }
  } else if (!v.routes.empty()) {
    diags.error(v.routes.front().location, fmt::format("VPN '{}' learns its routes over BGP; 'routes' applies to "
                                                       "routing: static only",
                                                       v.name));
  }
  for (const auto& t : v.propagate_to) {
    auto tier = std::find_if(vpc->tiers.begin(), vpc->tiers.end(), [&](const Tier& x) { return x.name == t.value; });
    if (tier == vpc->tiers.end()) {
      diags.error(t.location, fmt::format("VPN '{}' refers to tier '{}', which vpc '{}' does not have{}", v.name,
                                          t.value, vpc->name, did_you_mean(t.value, names_of(vpc->tiers))));
    } else if (tier->kind == TierKind::public_) {
      diags.error(t.location, fmt::format("VPN '{}' would route on-premises traffic from public tier '{}'; propagate "
                                          "to private or isolated tiers only",
                                          v.name, t.value));
    }
  }
  if (v.propagate_to.empty() &&
      std::none_of(vpc->tiers.begin(), vpc->tiers.end(), [](const Tier& t) { return t.kind == TierKind::private_; })) {
    diags.error(v.location, fmt::format("VPN '{}' propagates routes to the private tiers of vpc '{}', which has none; "
                                        "name tiers in 'propagate_to'",
                                        v.name, vpc->name));
  }
}

}  // namespace

void check_vpns(const Spec& spec, Diagnostics& diags) {
  for (const VpnConnection& v : spec.network.vpns) check_vpn(spec, v, diags);
}

}  // namespace aip::spec
