// Dependency cycles between resources. CloudFormation orders creation by the
// edges that Ref, Fn::GetAtt, ${...} in Fn::Sub and DependsOn make anywhere in
// a resource, and rejects the template when they form a cycle.
#include "cfn/schema/checks.hpp"

#include <algorithm>
#include <deque>
#include <functional>

namespace aip::cfn::detail {

namespace {

using Graph = std::map<std::string, std::set<std::string>>;

void collect_edges(const Context& ctx, const std::string& id, const nlohmann::json& res, std::set<std::string>& out) {
  auto add = [&](const std::string& target) {
    if (ctx.resources.count(target)) out.insert(target);
  };
  for_each_intrinsic(res, [&](std::string_view name, const nlohmann::json& args) {
    if (name == "Ref" && args.is_string()) {
      add(args.get<std::string>());
    } else if (name == "Fn::GetAtt") {
      if (args.is_string()) add(split_getatt(args.get<std::string>()).first);
      if (args.is_array() && !args.empty() && args[0].is_string()) add(args[0].get<std::string>());
    } else if (name == "Fn::Sub") {
      const nlohmann::json* text = args.is_string() ? &args : (args.is_array() && !args.empty() ? &args[0] : nullptr);
      const nlohmann::json* vars = args.is_array() && args.size() == 2 && args[1].is_object() ? &args[1] : nullptr;
      if (!text || !text->is_string()) return;
      for (const auto& ref : sub_references(text->get<std::string>())) {
        if (vars && vars->contains(ref)) continue;
        add(ctx.resources.count(ref) ? ref : split_getatt(ref).first);
      }
    }
  });
  if (auto dep = res.find("DependsOn"); dep != res.end()) {
    if (dep->is_string()) add(dep->get<std::string>());
    if (dep->is_array()) {
      for (const auto& d : *dep) {
        if (d.is_string()) add(d.get<std::string>());
      }
    }
  }
  (void)id;
}

// Tarjan's strongly connected components; nodes and edges are visited in
// sorted order so the result is deterministic.
std::vector<std::vector<std::string>> strongly_connected(const Graph& g) {
  std::map<std::string, int> index, low;
  std::set<std::string> on_stack;
  std::vector<std::string> stack;
  std::vector<std::vector<std::string>> out;
  int next = 0;
  std::function<void(const std::string&)> visit = [&](const std::string& v) {
    index[v] = low[v] = next++;
    stack.push_back(v);
    on_stack.insert(v);
    for (const auto& w : g.at(v)) {
      if (!index.count(w)) {
        visit(w);
        low[v] = std::min(low[v], low[w]);
      } else if (on_stack.count(w)) {
        low[v] = std::min(low[v], index[w]);
      }
    }
    if (low[v] == index[v]) {
      std::vector<std::string> component;
      std::string w;
      do {
        w = stack.back();
        stack.pop_back();
        on_stack.erase(w);
        component.push_back(w);
      } while (w != v);
      out.push_back(std::move(component));
    }
  };
  for (const auto& [v, _] : g) {
    if (!index.count(v)) visit(v);
  }
  return out;
}

// Shortest cycle through `start` inside `component` (BFS, sorted neighbours).
std::vector<std::string> cycle_through(const Graph& g, const std::string& start, const std::set<std::string>& component) {
  std::map<std::string, std::string> parent;
  std::deque<std::string> queue{start};
  while (!queue.empty()) {
    const std::string v = queue.front();
    queue.pop_front();
    for (const auto& w : g.at(v)) {
      if (!component.count(w)) continue;
      if (w == start) {
        std::vector<std::string> cycle{start};
        for (std::string at = v; at != start; at = parent.at(at)) cycle.insert(cycle.begin() + 1, at);
        cycle.push_back(start);
        return cycle;
      }
      if (!parent.count(w)) {
        parent[w] = v;
        queue.push_back(w);
      }
    }
  }
  return {start, start};
}

}  // namespace

void check_dependency_cycles(const Context& ctx) {
  const auto* resources = ctx.section("Resources");
  if (!resources) return;
  Graph g;
  for (const auto& id : ctx.resources) {
    auto& edges = g[id];
    const auto& res = resources->at(id);
    if (res.is_object()) collect_edges(ctx, id, res, edges);
  }
  for (const auto& component : strongly_connected(g)) {
    const std::set<std::string> members(component.begin(), component.end());
    const std::string& start = *members.begin();
    if (members.size() == 1 && !g.at(start).count(start)) continue;
    std::string text;
    for (const auto& id : cycle_through(g, start, members)) text += (text.empty() ? "" : " -> ") + id;
    ctx.add({"Resources", start}, "dependency-cycle", "dependency cycle: " + text);
  }
}

}  // namespace aip::cfn::detail
