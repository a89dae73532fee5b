#include "spec/subnet_layout.hpp"

#include <fmt/format.h>

#include "net/carve.hpp"
#include "net/overlap.hpp"

namespace aip::spec {

std::vector<PlannedSubnet> layout_subnets(const Vpc& vpc, std::vector<LayoutError>* errors) {
  const net::Prefix& range = vpc.cidr.value;
  const int azs = vpc.azs.value;
  std::vector<PlannedSubnet> out;
  std::vector<net::Prefix> taken;
  std::vector<Location> where;  // location of each subnet in `out`, for overlap errors

  // The firewall's subnets are explicit and checked like a tier's, but they
  // are not one of the VPC's tiers: nothing else is placed in them.
  std::vector<const Tier*> explicit_tiers;
  for (const Tier& tier : vpc.tiers) explicit_tiers.push_back(&tier);
  if (vpc.firewall) explicit_tiers.push_back(&vpc.firewall->subnets);
  for (const Tier* tier_ptr : explicit_tiers) {
    const Tier& tier = *tier_ptr;
    if (tier.cidrs.empty()) continue;
    if (static_cast<int>(tier.cidrs.size()) != azs) {
      errors->push_back({tier.location, fmt::format("tier '{}' lists {} CIDRs but vpc '{}' spans {} AZs; give one "
                                                    "per AZ",
                                                    tier.name, tier.cidrs.size(), vpc.name, azs)});
    }
    for (const auto& c : tier.cidrs) {
      if (!range.contains(c.value)) {
        errors->push_back({c.location, fmt::format("subnet {} is outside vpc '{}' ({})", c.value.str(), vpc.name,
                                                   range.str())});
      } else if (c.value.length() > 28) {
        errors->push_back({c.location, fmt::format("subnet {} is smaller than /28, the smallest subnet AWS allows",
                                                   c.value.str())});
      }
      taken.push_back(c.value);
    }
  }

  // Carve every automatic tier in one pass so they pack in the written order.
  std::vector<int> lengths;
  for (const Tier& tier : vpc.tiers) {
    if (!tier.prefix_length) continue;
    if (tier.prefix_length->value < range.length()) {
      errors->push_back({tier.prefix_length->location,
                         fmt::format("tier '{}' asks for /{} subnets, larger than vpc '{}' itself ({})", tier.name,
                                     tier.prefix_length->value, vpc.name, range.str())});
      return {};
    }
    lengths.insert(lengths.end(), static_cast<std::size_t>(azs), tier.prefix_length->value);
  }
  std::vector<net::Prefix> carved;
  if (!lengths.empty()) {
    std::string error;
    auto result = net::carve(range, lengths, &error, taken);
    if (!result) {
      errors->push_back({vpc.cidr.location, fmt::format("vpc '{}': {}", vpc.name, error)});
      return {};
    }
    carved = std::move(*result);
  }

  std::size_t next_carved = 0;
  for (const Tier& tier : vpc.tiers) {
    for (int az = 0; az < azs; ++az) {
      if (tier.prefix_length) {
        out.push_back({&tier, az, carved[next_carved++]});
        where.push_back(tier.prefix_length->location);
      } else if (static_cast<std::size_t>(az) < tier.cidrs.size()) {
        out.push_back({&tier, az, tier.cidrs[static_cast<std::size_t>(az)].value});
        where.push_back(tier.cidrs[static_cast<std::size_t>(az)].location);
      }
    }
  }

  const std::size_t tier_subnets = out.size();
  if (vpc.firewall) {
    const Tier& fw = vpc.firewall->subnets;
    for (std::size_t az = 0; az < fw.cidrs.size() && az < static_cast<std::size_t>(azs); ++az) {
      out.push_back({&fw, static_cast<int>(az), fw.cidrs[az].value});
      where.push_back(fw.cidrs[az].location);
    }
  }
  std::vector<net::Prefix> prefixes;
  for (const PlannedSubnet& s : out) prefixes.push_back(s.cidr);
  for (const net::Overlap& o : net::find_overlaps(prefixes)) {
    const PlannedSubnet& a = out[o.outer];
    const PlannedSubnet& b = out[o.inner];
    // Two equal CIDRs come back as a pair each way; report the later one once.
    if (a.cidr == b.cidr && o.outer > o.inner) continue;
    errors->push_back({where[o.inner], fmt::format("subnet {} (tier '{}', AZ {}) overlaps {} (tier '{}', AZ {})",
                                                   b.cidr.str(), b.tier->name, b.az + 1, a.cidr.str(),
                                                   a.tier->name, a.az + 1)});
  }
  out.resize(tier_subnets);
  return out;
}

}  // namespace aip::spec
