// Checks of `resources:` across elements: placement, the elements that
// references and depends_on name, and cycles among raw resources. What needs
// the resource schemas is checked by the planner (plan/resources.cpp).
#include <functional>
#include <map>
#include <set>

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

// Whether the element a reference names is declared; if not, says so with a did-you-mean.
bool element_defined(const Spec& spec, const ElementRef& ref, const std::string& what, Diagnostics& diags);

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
  if (kind == "service" || kind == "task_role") add_names(spec.compute.services, out);
  if (kind == "function") add_names(spec.functions.items, out);
  if (kind == "queue") add_names(spec.events.queues, out);
  if (kind == "topic") add_names(spec.events.topics, out);
  if (kind == "alarm_topic") add_names(spec.observability.topics, out);
  if (kind == "bus") add_names(spec.events.buses, out);
  if (kind == "role") add_names(spec.iam.roles, out);
  if (kind == "user_pool") add_names(spec.identity.user_pools, out);
  if (kind == "user_pool_client") {  // pool.client
    for (const UserPool& p : spec.identity.user_pools) {
      for (const UserPoolClient& c : p.clients) out.emplace_back(fmt::format("{}.{}", p.name, c.name), c.location);
    }
  }
  if (kind == "api") add_names(spec.api.rest_apis, out);
  if (kind == "collection") add_names(spec.search.collections, out);
  if (kind == "knowledge_base") add_names(spec.bedrock.knowledge_bases, out);
  if (kind == "guardrail") add_names(spec.bedrock.guardrails, out);
  if (kind == "data_source") {  // knowledge_base.source
    for (const KnowledgeBase& kb : spec.bedrock.knowledge_bases) {
      for (const DataSource& s : kb.sources) out.emplace_back(fmt::format("{}.{}", kb.name, s.name), s.location);
    }
  }
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
      if (!check_resources_detail::element_defined(spec, ref, what, diags)) continue;
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

namespace check_resources_detail {

bool element_defined(const Spec& spec, const ElementRef& ref, const std::string& what, Diagnostics& diags) {
  std::vector<std::string> candidates;
  for (const auto& [name, at] : element_names(spec, ref.kind.value)) {
    if (name == ref.name.value) return true;
    candidates.push_back(name);
  }
  diags.error(ref.location, fmt::format("{} refers to {} '{}', which is not defined{}", what, ref.kind.value,
                                        ref.name.value, did_you_mean(ref.name.value, candidates)));
  return false;
}

// The raw resources `start` reaches through their references and depends_on, itself included.
std::set<std::string> raw_reach(const Spec& spec, const std::string& start) {
  std::set<std::string> seen;
  std::vector<std::string> todo = {start};
  while (!todo.empty()) {
    std::string name = todo.back();
    todo.pop_back();
    if (!seen.insert(name).second) continue;
    for (const RawResource& r : spec.resources) {
      if (r.name != name) continue;
      for (const ElementRef& ref : all_references(r)) {
        if (ref.kind.value == "resource") todo.push_back(ref.name.value);
      }
    }
  }
  return seen;
}

// The references in the environment of one function or service: each names a
// declared element, neither the element itself nor a raw resource that leads
// back to it (CloudFormation refuses the circular dependency).
void check_env_references(const Spec& spec, const std::vector<std::pair<Located<std::string>, EnvValue>>& environment,
                          const std::string& kind, const std::string& name, Diagnostics& diags) {
  for (const auto& [variable, value] : environment) {
    std::string what = fmt::format("environment variable {} of {} '{}'", variable.value, kind, name);
    for (const ElementRef& ref : env_value_references(value)) {
      if (!element_defined(spec, ref, what, diags)) continue;
      if (ref.kind.value == kind && ref.name.value == name) {
        diags.error(ref.location, fmt::format("{} refers to the {} itself; CloudFormation cannot resolve a resource's "
                                              "own attributes in its properties",
                                              what, kind));
        continue;
      }
      if (ref.kind.value != "resource") continue;
      for (const std::string& raw : raw_reach(spec, ref.name.value)) {
        const RawResource* r = nullptr;
        for (const RawResource& candidate : spec.resources) {
          if (candidate.name == raw) r = &candidate;
        }
        if (r == nullptr) continue;
        for (const ElementRef& back : all_references(*r)) {
          if (back.kind.value != kind || back.name.value != name) continue;
          diags.error(ref.location, fmt::format("{} refers to resource '{}', which depends on the {} through resource "
                                                "'{}': a circular dependency",
                                                what, ref.name.value, kind, raw))
              .notes.push_back({Severity::note, back.location, fmt::format("resource '{}' refers to {} '{}' here", raw,
                                                                           kind, name), {}});
          break;
        }
      }
    }
  }
}

}  // namespace check_resources_detail

void check_environment_references(const Spec& spec, Diagnostics& diags) {
  for (const Function& fn : spec.functions.items) {
    check_resources_detail::check_env_references(spec, fn.environment, "function", fn.name, diags);
  }
  for (const Service& s : spec.compute.services) {
    check_resources_detail::check_env_references(spec, s.app.environment, "service", s.name, diags);
    for (const Container& c : s.sidecars) {
      check_resources_detail::check_env_references(spec, c.environment, "service", s.name, diags);
    }
  }
}

}  // namespace aip::spec
