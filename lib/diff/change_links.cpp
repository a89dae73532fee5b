// The references around what changed: the edges of the markdown's diagram.
#include <set>

#include "diff/analysis.hpp"
#include "graph/graph.hpp"

namespace aip::diff {

namespace change_links {

// (from, to, depends_on) -> GetAtt attributes, for every resource of a template.
using Links = std::map<std::tuple<std::string, std::string, bool>, std::set<std::string>>;

Links links_of(const Json& resources) {
  Links out;
  if (!resources.is_object()) return out;
  std::set<std::string> ids;
  for (const auto& [id, r] : resources.items()) ids.insert(id);
  for (const auto& [id, r] : resources.items()) {
    if (!r.is_object()) continue;
    std::map<std::string, std::set<std::string>> refs;
    if (r.contains("Properties")) graph::collect_references(r["Properties"], ids, refs);
    for (const auto& [target, attrs] : refs) {
      if (target != id) out[{id, target, false}].insert(attrs.begin(), attrs.end());
    }
    if (r.contains("DependsOn")) {
      const Json& d = r["DependsOn"];
      std::vector<std::string> deps;
      if (d.is_string()) deps.push_back(d.get<std::string>());
      if (d.is_array()) {
        for (const Json& e : d) {
          if (e.is_string()) deps.push_back(e.get<std::string>());
        }
      }
      for (const std::string& dep : deps) {
        if (dep != id && ids.count(dep) != 0) out[{id, dep, true}];
      }
    }
  }
  return out;
}

std::string join_attrs(const std::set<std::string>& attrs) {
  std::string out;
  for (const std::string& a : attrs) out += (out.empty() ? "" : ", ") + a;
  return out;
}

}  // namespace change_links

void collect_change_links(StackDiff& sd, const Json& old_resources, const Json& new_resources) {
  std::set<std::string> changed;
  std::set<std::string> removed;
  for (const ResourceChange& rc : sd.resources) {
    changed.insert(rc.logical_id);
    if (rc.kind == ChangeKind::Removed) removed.insert(rc.logical_id);
  }
  if (changed.empty()) return;
  std::set<ChangeLink> links;
  for (const auto& [key, attrs] : change_links::links_of(new_resources)) {
    const auto& [from, to, depends_on] = key;
    if (changed.count(from) != 0 || changed.count(to) != 0) {
      links.insert({from, to, depends_on, change_links::join_attrs(attrs), false});
    }
  }
  for (const auto& [key, attrs] : change_links::links_of(old_resources)) {
    const auto& [from, to, depends_on] = key;
    if (removed.count(from) != 0 || removed.count(to) != 0) {
      links.insert({from, to, depends_on, change_links::join_attrs(attrs), true});
    }
  }
  sd.links.assign(links.begin(), links.end());
  auto type_of = [&](const std::string& id) {
    for (const Json* side : {&new_resources, &old_resources}) {
      if (side->is_object() && side->contains(id)) {
        const Json& r = (*side)[id];
        if (r.is_object() && r.contains("Type") && r["Type"].is_string()) return r["Type"].get<std::string>();
      }
    }
    return std::string();
  };
  for (const ChangeLink& l : sd.links) {
    for (const std::string* id : {&l.from, &l.to}) {
      if (changed.count(*id) == 0) sd.neighbours[*id] = type_of(*id);
    }
  }
}

}  // namespace aip::diff
