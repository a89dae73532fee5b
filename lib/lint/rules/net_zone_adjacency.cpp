// AIP-NET-007: a security group rule connects zones that are not adjacent
// (dmz straight to data, anything into management, inward flows reversed).
// Groups carry their zone in the tag aip:zone (aip writes it for `zones:` and
// `zone:`; hand-written templates can set it too).
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"
#include "spec/zones.hpp"

namespace aip::lint {

namespace net_zone_adjacency {

// The group a rule belongs to: the group itself (inline rules) or its GroupId.
std::optional<ResourceRef> group_of(const Context& ctx, const SgRule& r) {
  if (r.owner.type() == "AWS::EC2::SecurityGroup") return r.owner;
  const Json* id = member(r.owner.properties(), "GroupId");
  if (id == nullptr) return std::nullopt;
  return ctx.resolve(*r.owner.tmpl, *id);
}

std::string zone_of(const std::optional<ResourceRef>& r) {
  if (!r || r->type() != "AWS::EC2::SecurityGroup") return "";
  std::string z = tag_value(*r, "aip:zone");
  return spec::is_zone(z) ? z : "";
}

void check_rules(Context& ctx, const std::vector<SgRule>& rules, bool ingress) {
  for (const SgRule& r : rules) {
    const Json* peer = member(*r.rule, ingress ? "SourceSecurityGroupId" : "DestinationSecurityGroupId");
    if (peer == nullptr) continue;
    std::optional<ResourceRef> group = group_of(ctx, r);
    std::optional<ResourceRef> other = ctx.resolve(*r.owner.tmpl, *peer);
    std::string here = zone_of(group), there = zone_of(other);
    if (here.empty() || there.empty()) continue;
    const std::string& from = ingress ? there : here;
    const std::string& to = ingress ? here : there;
    if (spec::zone_flow_allowed(from, to)) continue;
    ctx.report(r.owner, r.path,
               fmt::format("{} rule of {} (zone {}) lets traffic flow {} -> {}, which {}; zones connect only dmz -> "
                           "application -> data, and management -> any",
                           ingress ? "ingress" : "egress", group->display(), here, from, to,
                           spec::zone_flow_problem(from, to)));
  }
}

void check(Context& ctx) {
  check_rules(ctx, ingress_rules(ctx), true);
  check_rules(ctx, egress_rules(ctx), false);
}

}  // namespace net_zone_adjacency

const Rule& rule_net_zone_adjacency() {
  static const Rule rule{
      {"AIP-NET-007", "Security group rule between non-adjacent zones", Severity::error,
       {"network", "exposure", "pci-dss", "hipaa", "nist-800-53", "iso27001"},
       "Zero-trust segmentation (seed 003) splits a VPC into the zones dmz, application, data and management. "
       "Traffic enters a zone only from the zone before it (dmz -> application -> data), from management, and from "
       "itself: a breach of the internet-facing dmz then cannot reach the data zone directly. A rule between groups "
       "of non-adjacent zones (tag aip:zone), or against the direction, bypasses that.",
       "Route the flow through the zone in between (dmz -> application -> data), or move the group into the right "
       "zone. In a spec: `zone:` on the security group, and `from:` a zone in a zone's ingress."},
      &net_zone_adjacency::check};
  return rule;
}

}  // namespace aip::lint
