// AIP-NET-004: a VPC overlaps an on-premises range (network.on_prem).
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"
#include "spec/spec.hpp"

namespace aip::lint {

namespace net_on_prem_overlap {

void check(Context& ctx) {
  const spec::Spec* spec = ctx.spec();
  if (spec == nullptr || spec->network.on_prem.empty()) return;
  struct Entry {
    const spec::Vpc* vpc;  // nullptr: on-premises
    const spec::Located<net::Prefix>* cidr;
  };
  std::vector<Entry> entries;
  for (const auto& range : spec->network.on_prem) entries.push_back({nullptr, &range});
  for (const spec::Vpc& vpc : spec->network.vpcs) entries.push_back({&vpc, &vpc.cidr});
  // Pairwise (VPCs x on-premises ranges, both short lists): net::find_overlaps
  // names only the innermost container of each prefix, and a VPC may meet
  // several on-premises ranges.
  for (const Entry& v : entries) {
    if (v.vpc == nullptr) continue;
    for (const Entry& o : entries) {
      if (o.vpc != nullptr || !v.cidr->value.overlaps(o.cidr->value)) continue;
      Finding& f = ctx.report_at(v.cidr->location,
                                 fmt::format("vpc '{}' ({}) overlaps the on-premises range {}; traffic to the "
                                             "overlapping addresses cannot be routed over the VPN / Direct Connect",
                                             v.vpc->name, v.cidr->value.str(), o.cidr->value.str()));
      f.note(o.cidr->location, fmt::format("on-premises range {} declared here", o.cidr->value.str()));
    }
  }
}

}  // namespace net_on_prem_overlap

const Rule& rule_net_on_prem_overlap() {
  static const Rule rule{
      {"AIP-NET-004", "VPC overlaps an on-premises range", Severity::error, {"network"},
       "Ranges reached over VPN or Direct Connect (network.on_prem) share one routing domain with the VPCs. "
       "When a VPC overlaps an on-premises range, the overlapping addresses are reachable on one side only: "
       "the VPC's local route always wins, so on-premises hosts in that range are unreachable from the VPC.",
       "Choose a VPC range outside every on_prem range (check the corporate IP address plan), or list the "
       "on-premises ranges precisely if a broad one was written by mistake."},
      &net_on_prem_overlap::check};
  return rule;
}

}  // namespace aip::lint
