// Checks of `resources:` across elements: placement, the elements that
// references and depends_on name, and cycles among raw resources. What needs
// the resource schemas is checked by the planner (plan/resources.cpp).
#include <functional>
#include <map>

#include <fmt/format.h>

#include "base/did_you_mean.hpp"
#include "spec/load.hpp"
#include "spec/placement.hpp"
#include "spec/resources.hpp"

namespace aip::spec {
namespace check_resources_detail {

using Names = std::vector<std::pair<std::string, Location>>;

template <class T>
void add_names(const std::vector<T>& items, Names& out) {
  for (const T& item : items) out.emplace_back(item.name, item.location);
}

// Every reference of a raw resource: its properties' and its depends_on.
std::vector<ElementRef> all_references(const RawResource& r) {
  std::vector<ElementRef> refs = r.has_properties ? property_references(r.properties) : std::vector<ElementRef>{};
  refs.insert(refs.end(), r.depends_on.begin(), r.depends_on.end());
  return refs;
}

}  // namespace check_resources_detail

std::vector<std::pair<std::string, Location>> element_names(const Spec& spec, std::string_view kind) {
  using check_resources_detail::add_names;
  check_resources_detail::Names out;
  if (kind == "vpc") add_names(spec.network.vpcs, out);
  if (kind == "subnet") {
    for (const Vpc& v : spec.network.vpcs) {
      for (const Tier& t : v.tiers) {
        for (int az = 1; az <= v.azs.value; ++az) out.emplace_back(fmt::format("{}.{}.{}", v.name, t.name, az), t.location);
      }
    }
  }
  if (kind == "sg") add_names(spec.network.security_groups, out);
  if (kind == "bucket") add_names(spec.storage.buckets, out);
  if (kind == "database") add_names(spec.data.databases, out);
  if (kind == "service") add_names(spec.compute.services, out);
  if (kind == "function") add_names(spec.functions.items, out);
  if (kind == "queue") add_names(spec.events.queues, out);
  if (kind == "topic") add_names(spec.events.topics, out);
  if (kind == "alarm_topic") add_names(spec.observability.topics, out);
  if (kind == "bus") add_names(spec.events.buses, out);
  if (kind == "role") add_names(spec.iam.roles, out);
  if (kind == "user_pool") add_names(spec.identity.user_pools, out);
  if (kind == "api") add_names(spec.api.rest_apis, out);
  if (kind == "collection") add_names(spec.search.collections, out);
  if (kind == "zone") add_names(spec.dns.zones, out);
  if (kind == "resource") add_names(spec.resources, out);
  return out;
}

void check_resources(const Spec& spec, Diagnostics& diags) {
  std::map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < spec.resources.size(); ++i) index.emplace(spec.resources[i].name, i);
  // Edges between raw resources, for the cycle check: (target, the reference's location).
  std::vector<std::vector<std::pair<std::size_t, Location>>> edges(spec.resources.size());
  for (std::size_t i = 0; i < spec.resources.size(); ++i) {
    const RawResource& r = spec.resources[i];
    std::string what = fmt::format("resource '{}'", r.name);
    place(spec, r.account, r.region, what, r.location, diags);
    for (const ElementRef& ref : check_resources_detail::all_references(r)) {
      auto names = element_names(spec, ref.kind.value);
      bool found = false;
      std::vector<std::string> candidates;
      for (const auto& [name, at] : names) {
        found = found || name == ref.name.value;
        candidates.push_back(name);
      }
      if (!found) {
        diags.error(ref.location, fmt::format("{} refers to {} '{}', which is not defined{}", what, ref.kind.value,
                                              ref.name.value, did_you_mean(ref.name.value, candidates)));
        continue;
      }
      if (ref.kind.value != "resource") continue;
      if (ref.name.value == r.name) {
        diags.error(ref.location, fmt::format("{} refers to itself", what));
        continue;
      }
      edges[i].emplace_back(index.at(ref.name.value), ref.location);
    }
  }
  // Depth-first search; a back edge closes a cycle, reported at that reference.
  std::vector<int> state(spec.resources.size(), 0);  // 0 new, 1 on the path, 2 done
  std::vector<std::size_t> path;
  std::function<void(std::size_t)> visit = [&](std::size_t i) {
    state[i] = 1;
    path.push_back(i);
    for (const auto& [j, at] : edges[i]) {
      if (state[j] == 1) {
        std::string cycle;
        bool on = false;
        for (std::size_t k : path) {
          on = on || k == j;
          if (on) cycle += spec.resources[k].name + " -> ";
        }
        cycle += spec.resources[j].name;
        diags.error(at, fmt::format("resource '{}' depends on itself through references and depends_on: {}",
                                    spec.resources[i].name, cycle));
      } else if (state[j] == 0) {
        visit(j);
      }
    }
    path.pop_back();
    state[i] = 2;
  };
  for (std::size_t i = 0; i < spec.resources.size(); ++i) {
    if (state[i] == 0) visit(i);
  }
}

}  // namespace aip::spec
