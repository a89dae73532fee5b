// The stack dependencies the references did not record, and the ones
// CloudFormation cannot deploy. References made through aip (`!ref`, planned
// grants) add a dependency when they import; a long-form `Fn::ImportValue` a
// user wrote in a raw resource or an override did not, so the manifest could
// order the stacks wrong. Stacks that import from each other (directly or
// around a ring) can never all be created: each waits for the other's export.
// `cdk ls` only says "Maximum call stack size exceeded", so aip says where.
#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "base/did_you_mean.hpp"
#include "plan/plan.hpp"

namespace aip::plan {
namespace stack_dependencies {

using cfn::Json;

// Every literal export name a value imports, in document order.
void collect_imports(const Json& value, std::vector<std::string>& out) {
  if (value.is_object()) {
    if (value.size() == 1) {
      auto it = value.find("Fn::ImportValue");
      if (it != value.end() && it->is_string()) {
        out.push_back(it->get<std::string>());
        return;
      }
    }
    for (const auto& [key, child] : value.items()) collect_imports(child, out);
  } else if (value.is_array()) {
    for (const Json& child : value) collect_imports(child, out);
  }
}

// The first resource of `from` that imports an export of `to`: where a cycle is reported.
const cfn::Resource* first_importer(const cfn::Stack& from, const std::string& to) {
  const std::string prefix = to + ":";
  for (const cfn::Resource& r : from.resources) {
    std::vector<std::string> names;
    collect_imports(r.properties, names);
    for (const std::string& name : names) {
      if (name.starts_with(prefix)) return &r;
    }
  }
  return nullptr;
}

Location where_of(const cfn::Stack& from, const std::string& to, const SourceFile* file) {
  const cfn::Resource* r = first_importer(from, to);
  return r != nullptr && r->provenance.file != nullptr ? r->provenance : Location{file, 1, 1};
}

}  // namespace stack_dependencies

bool complete_stack_dependencies(const spec::Spec& spec, cfn::Assembly& assembly, Diagnostics& diags) {
  using namespace stack_dependencies;
  const std::size_t errors = diags.error_count();
  std::map<std::string, cfn::Stack*, std::less<>> by_id;
  for (cfn::Stack& stack : assembly.stacks) by_id[stack.id] = &stack;

  // Literal imports of aip's own exports ("<stack>:<output>"): a dependency, and
  // an error when the stack exports no such output (the deploy would fail).
  for (cfn::Stack& stack : assembly.stacks) {
    for (const cfn::Resource& r : stack.resources) {
      std::vector<std::string> names;
      collect_imports(r.properties, names);
      for (const std::string& name : names) {
        const std::size_t colon = name.find(':');
        if (colon == std::string::npos) continue;
        auto target = by_id.find(std::string_view(name).substr(0, colon));
        if (target == by_id.end()) continue;  // another tool's export: not aip's to check
        const cfn::Stack& to = *target->second;
        const std::string output = name.substr(colon + 1);
        if (to.outputs.count(output) == 0) {
          std::vector<std::string> candidates;
          for (const auto& [out, _] : to.outputs) candidates.push_back(out);
          diags.error(r.provenance.file != nullptr ? r.provenance : Location{spec.file, 1, 1},
                      fmt::format("{} imports export '{}', which stack {} does not export{} (a reference "
                                  "tag, `!attr KIND:NAME.Attribute`, makes aip export what it needs)",
                                  r.logical_id, name, to.id, did_you_mean(output, candidates)));
          continue;
        }
        if (to.id != stack.id) stack.dependencies.insert(to.id);
      }
    }
  }
  if (diags.error_count() != errors) return false;

  // A depth-first walk over stacks in id order (stable messages); a stack met
  // again while still on the path closes a cycle.
  enum class Mark { unseen, on_path, done };
  std::map<std::string, Mark, std::less<>> mark;
  std::vector<std::string> path;
  bool cyclic = false;
  auto visit = [&](auto& self, const std::string& id) -> void {
    mark[id] = Mark::on_path;
    path.push_back(id);
    const cfn::Stack& stack = *by_id.at(id);
    for (const std::string& next : stack.dependencies) {
      if (cyclic) return;
      if (by_id.count(next) == 0) continue;
      if (mark[next] == Mark::on_path) {
        auto start = std::find(path.begin(), path.end(), next);
        std::vector<std::string> ring(start, path.end());
        std::string chain;
        for (const std::string& s : ring) chain += s + " -> ";
        chain += next;
        Diagnostic& d = diags.error(
            where_of(*by_id.at(ring.front()), ring.size() > 1 ? ring[1] : next, spec.file),
            fmt::format("stacks import from each other ({}): CloudFormation cannot create any of them, each "
                        "waits for another's export; put the resources that reference each other in one "
                        "stack (`stack:`), or break the ring",
                        chain));
        for (std::size_t i = 1; i < ring.size(); ++i) {
          const std::string& to = i + 1 < ring.size() ? ring[i + 1] : next;
          d.note(where_of(*by_id.at(ring[i]), to, spec.file), fmt::format("stack {} imports from {} here", ring[i], to));
        }
        cyclic = true;
        return;
      }
      if (mark[next] == Mark::unseen) self(self, next);
    }
    path.pop_back();
    mark[id] = Mark::done;
  };
  for (const auto& [id, _] : by_id) {
    if (cyclic) break;
    if (mark[id] == Mark::unseen) visit(visit, id);
  }
  return !cyclic;
}

}  // namespace aip::plan
