// AIP-NET-003: VPC ranges overlap across VPCs, regions and accounts.
#include <optional>

#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"
#include "net/overlap.hpp"
#include "spec/spec.hpp"

namespace aip::lint {

namespace net_vpc_overlap {

std::string where(const Template& t) {
  if (t.account_id.empty()) return "";
  return fmt::format(" (account {}, {})", t.account_id, t.region);
}

// A VPC of the templates, or an existing one of the spec (nothing rendered:
// the spec's `cidr` is all lint knows of it).
struct Entry {
  std::optional<ResourceRef> vpc;
  const spec::Vpc* existing = nullptr;
  std::string display() const {
    return vpc ? vpc->display() : fmt::format("'{}' (existing {})", existing->name, existing->existing_id.value);
  }
  std::string place() const { return vpc ? where(*vpc->tmpl) : ""; }
};

void check(Context& ctx) {
  std::vector<Entry> vpcs;
  std::vector<net::Prefix> prefixes;
  for (const ResourceRef& v : ctx.resources("AWS::EC2::VPC")) {
    const Json* cidr = member(v.properties(), "CidrBlock");
    if (auto p = cidr != nullptr ? literal_cidr(*cidr) : std::nullopt) {
      vpcs.push_back({v, nullptr});
      prefixes.push_back(*p);
    }
  }
  if (const spec::Spec* spec = ctx.spec()) {
    for (const spec::Vpc& v : spec->network.vpcs) {
      if (!v.existing()) continue;
      vpcs.push_back({std::nullopt, &v});
      prefixes.push_back(v.cidr.value);
    }
  }
  for (const net::Overlap& o : net::find_overlaps(prefixes)) {
    // Equal ranges come back both ways round: report the later one only.
    if (prefixes[o.inner] == prefixes[o.outer] && o.inner < o.outer) continue;
    const Entry& inner = vpcs[o.inner];
    const Entry& outer = vpcs[o.outer];
    std::string message = fmt::format("VPC {} ({}){} overlaps VPC {} ({}){}; they can never be peered or joined by a "
                                      "transit gateway, and routes between them are ambiguous",
                                      inner.display(), prefixes[o.inner].str(), inner.place(), outer.display(),
                                      prefixes[o.outer].str(), outer.place());
    Finding& f = inner.vpc ? ctx.report(*inner.vpc, {"Properties", "CidrBlock"}, std::move(message))
                           : ctx.report_at(inner.existing->cidr.location, std::move(message));
    f.note(outer.vpc ? ctx.locate(*outer.vpc, {"Properties", "CidrBlock"}) : outer.existing->cidr.location,
           fmt::format("VPC {} ({}) declared here", outer.display(), prefixes[o.outer].str()));
  }
}

}  // namespace net_vpc_overlap

const Rule& rule_net_vpc_overlap() {
  static const Rule rule{
      {"AIP-NET-003", "VPC CIDR ranges overlap", Severity::warning, {"network"},
       "VPCs of one platform end up connected sooner or later (peering, Transit Gateway, shared services, "
       "centralised egress). Peering refuses overlapping ranges and a transit gateway cannot route between them, "
       "so overlapping VPCs have to be renumbered, which means rebuilding them. This holds across regions and "
       "accounts too.",
       "Give every VPC of the platform its own range from one address plan (e.g. 10.<n>.0.0/16 per VPC), "
       "including VPCs in other accounts and regions."},
      &net_vpc_overlap::check};
  return rule;
}

}  // namespace aip::lint
