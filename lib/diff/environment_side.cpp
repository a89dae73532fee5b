#include "diff/environment_side.hpp"

#include <utility>
#include <vector>

#include "driver/input.hpp"

namespace aip::diff {
namespace environment_side {

using Rewrites = std::vector<std::pair<std::string, std::string>>;

std::string rewrite(std::string text, const Rewrites& rewrites) {
  for (const auto& [from, to] : rewrites) {
    if (from.empty() || from == to) continue;
    std::size_t at = 0;
    while ((at = text.find(from, at)) != std::string::npos) {
      text.replace(at, from.size(), to);
      at += to.size();
    }
  }
  return text;
}

Json rewrite_json(const Json& j, const Rewrites& rewrites) {
  if (j.is_string()) return rewrite(j.get<std::string>(), rewrites);
  if (j.is_array()) {
    Json out = Json::array();
    for (const Json& item : j) out.push_back(rewrite_json(item, rewrites));
    return out;
  }
  if (j.is_object()) {
    Json out = Json::object();
    for (const auto& [k, v] : j.items()) out[rewrite(k, rewrites)] = rewrite_json(v, rewrites);
    return out;
  }
  return j;
}

}  // namespace environment_side

EnvironmentSide load_environment_side(const std::string& path, const std::string& environment,
                                      const spec::LoadOptions& options) {
  EnvironmentSide out;
  out.loaded.kind = SideKind::Spec;
  auto input = driver::read_input(path, *out.loaded.sources, out.loaded.diagnostics);
  if (!input) return out;
  if (input->kind != driver::InputKind::spec) {
    out.loaded.kind = SideKind::Template;
    out.loaded.diagnostics.error(Location{}, "'" + path + "' is not an aip spec: --env compares environments of a spec");
    return out;
  }
  spec::LoadOptions mine = options;
  mine.environments = {environment};
  // Only the templates and each stack's outline (ids, provenance) are read.
  driver::SynthesisOptions synthesis_options{driver::Stage::render, mine};
  synthesis_options.keep_plan = false;
  driver::Synthesis synthesis = driver::synthesize(*input->file, synthesis_options);
  if (!synthesis.ok()) {
    out.loaded.diagnostics = std::move(synthesis.diagnostics);
    return out;
  }
  const spec::Spec& spec = *synthesis.spec;
  out.name = spec.name.value;
  out.account = spec.accounts.front().name;
  out.account_id = spec.accounts.front().id.value;
  out.region = spec.accounts.front().region.value;
  Side side;
  side.label = path + " (" + environment + ")";
  side.kind = SideKind::Spec;
  for (const cfn::Stack& stack : synthesis.assembly->stacks) {
    StackSource s;
    s.name = stack.id;
    s.tmpl = std::move(synthesis.templates[stack.id]);
    s.file = input->file->path;
    for (const cfn::Resource& r : stack.resources) {
      if (r.provenance.valid()) s.locations[r.logical_id] = r.provenance.str();
    }
    side.stacks[s.name] = std::move(s);
  }
  out.loaded.side = std::move(side);
  // The spec's files stay alive with the result (locations are already text).
  return out;
}

void rebase_environment(EnvironmentSide& from, const EnvironmentSide& to) {
  if (!from.loaded.side) return;
  // Longest first: the platform-environment prefix before the account's name.
  const environment_side::Rewrites rewrites = {
      {from.name, to.name},
      {from.account_id, to.account_id},
      {"in account " + from.account + " (" + from.region + ")", "in account " + to.account + " (" + to.region + ")"},
      {from.region, to.region},
  };
  std::map<std::string, StackSource> stacks;
  for (auto& [name, s] : from.loaded.side->stacks) {
    StackSource moved = std::move(s);
    moved.name = environment_side::rewrite(moved.name, rewrites);
    moved.tmpl = environment_side::rewrite_json(moved.tmpl, rewrites);
    stacks[moved.name] = std::move(moved);
  }
  from.loaded.side->stacks = std::move(stacks);
}

}  // namespace aip::diff
