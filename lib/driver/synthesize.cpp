#include "driver/synthesize.hpp"

#include <utility>
#include <vector>

#include "base/parallel.hpp"
#include "cfn/render.hpp"
#include "cfn/validate_assembly.hpp"
#include "lint/lint.hpp"
#include "plan/plan.hpp"
#include "driver/environments.hpp"
#include "driver/shared_accounts.hpp"

namespace aip::driver {

spec::LoadOptions spec_load_options() {
  spec::LoadOptions options;
  for (const lint::Rule* rule : lint::all_rules()) options.lint_rules.push_back(rule->info.id);
  return options;
}

namespace {

// Rendering for SynthesisOptions::keep_plan = false: each stack's resources
// move into its template, then the stacks themselves move into out.assembly
// (the same stacks, in the same order, as the copying path builds).
void render_taking_plan(Synthesis& out) {
  // Each environment renders with its own spec-level tags. The stacks render
  // on two cores, each into its own slot, and go into the map in this order.
  std::vector<std::pair<const cfn::Assembly*, cfn::Stack*>> stacks;
  for (cfn::Assembly& assembly : out.environment_assemblies) {
    for (cfn::Stack& stack : assembly.stacks) stacks.emplace_back(&assembly, &stack);
  }
  if (out.shared_assembly) {
    for (cfn::Stack& stack : out.shared_assembly->stacks) stacks.emplace_back(&*out.shared_assembly, &stack);
  }
  std::vector<cfn::Json> rendered(stacks.size());
  for_each_index(stacks.size(), [&](std::size_t i) {
    rendered[i] = cfn::render_template_taking(*stacks[i].first, *stacks[i].second);
  });
  for (std::size_t i = 0; i < stacks.size(); ++i) out.templates[stacks[i].second->id] = std::move(rendered[i]);
  const bool merged = out.environments.size() > 1 || out.shared_assembly;
  out.assembly = std::move(out.environment_assemblies.front());
  for (std::size_t i = 1; i < out.environment_assemblies.size(); ++i) {
    for (cfn::Stack& stack : out.environment_assemblies[i].stacks) out.assembly->stacks.push_back(std::move(stack));
  }
  if (out.shared_assembly) {
    for (cfn::Stack& stack : out.shared_assembly->stacks) out.assembly->stacks.push_back(std::move(stack));
  }
  out.environment_assemblies.clear();
  out.shared_assembly.reset();
  if (merged) out.assembly->platform = out.environments.front().platform;
}

}  // namespace

Synthesis synthesize(const SourceFile& file, const SynthesisOptions& options) {
  Synthesis out;
  auto specs = spec::load_environments(file, out.diagnostics, options.load);
  if (!specs) {
    out.outcome = Outcome::spec_errors;
    return out;
  }
  out.environments = std::move(*specs);
  // Planning finds the remaining spec errors (clashing resource ids). Room for
  // every assembly first: growing the vector would copy them (a deque of
  // stacks has no noexcept move).
  out.environment_assemblies.reserve(out.environments.size());
  for (const spec::Spec& spec : out.environments) {
    auto assembly = plan::plan_platform(spec, out.diagnostics);
    if (!assembly) {
      out.outcome = Outcome::spec_errors;
      continue;
    }
    out.environment_assemblies.push_back(std::move(*assembly));
  }
  if (out.outcome != Outcome::ok) return out;
  keep_own_stacks(out.environments, out.environment_assemblies);
  if (!check_environments(out.environments, out.environment_assemblies, out.diagnostics)) {
    out.outcome = Outcome::spec_errors;
    return out;
  }
  if (out.environments.front().environment.size() > 0) {
    // What the shared accounts hold, rendered once for every environment.
    out.shared_spec = spec::load_shared_part(file, out.diagnostics, options.load);
    if (out.diagnostics.has_errors()) {
      out.outcome = Outcome::spec_errors;
      return out;
    }
    if (out.shared_spec) {
      out.shared_assembly = plan::plan_platform(*out.shared_spec, out.diagnostics);
      if (!out.shared_assembly || !share_accounts(*out.shared_spec, *out.shared_assembly, out.environments,
                                                  out.environment_assemblies, out.diagnostics)) {
        out.outcome = Outcome::spec_errors;
        return out;
      }
    }
  }
  out.spec = out.environments.front();
  if (!options.keep_plan && options.until != Stage::plan) {
    render_taking_plan(out);
  } else {
    if (options.assemble || options.until != Stage::plan) {
      out.assembly = out.environment_assemblies.front();
      for (std::size_t i = 1; i < out.environment_assemblies.size(); ++i) {
        for (const cfn::Stack& stack : out.environment_assemblies[i].stacks) out.assembly->stacks.push_back(stack);
      }
      if (out.shared_assembly) {
        for (const cfn::Stack& stack : out.shared_assembly->stacks) out.assembly->stacks.push_back(stack);
      }
      if (out.environments.size() > 1 || out.shared_assembly) out.assembly->platform = out.environments.front().platform;
    }
    if (options.until == Stage::plan) return out;
    // Each environment renders with its own spec-level tags.
    for (const cfn::Assembly& assembly : out.environment_assemblies) {
      for (const cfn::Stack& stack : assembly.stacks) out.templates[stack.id] = cfn::render_template(assembly, stack);
    }
    if (out.shared_assembly) {
      for (const cfn::Stack& stack : out.shared_assembly->stacks) {
        out.templates[stack.id] = cfn::render_template(*out.shared_assembly, stack);
      }
    }
  }
  if (options.until == Stage::render) return out;
  // Everything aip renders must be valid CloudFormation; a finding here is a
  // bug in aip, not in the spec.
  for (std::string& finding : cfn::validate_assembly(*out.assembly, out.templates)) {
    out.diagnostics.error(Location{}, std::move(finding));
    out.outcome = Outcome::invalid_output;
  }
  return out;
}

Synthesis synthesize(const std::string& path, SourceManager& sources, const SynthesisOptions& options) {
  std::string error;
  const SourceFile* file = sources.load(path, &error);
  if (file == nullptr) {
    Synthesis out;
    out.outcome = Outcome::unreadable;
    out.diagnostics.error(Location{}, error);
    return out;
  }
  return synthesize(*file, options);
}

}  // namespace aip::driver
