#include "driver/synthesize.hpp"

#include "cfn/render.hpp"
#include "cfn/validate_assembly.hpp"
#include "lint/lint.hpp"
#include "plan/plan.hpp"

namespace aip::driver {

spec::LoadOptions spec_load_options() {
  spec::LoadOptions options;
  for (const lint::Rule* rule : lint::all_rules()) options.lint_rules.push_back(rule->info.id);
  return options;
}

Synthesis synthesize(const SourceFile& file, const SynthesisOptions& options) {
  Synthesis out;
  out.spec = spec::load_spec(file, out.diagnostics, options.load);
  if (!out.spec) {
    out.outcome = Outcome::spec_errors;
    return out;
  }
  // Planning finds the remaining spec errors (clashing resource ids).
  out.assembly = plan::plan_platform(*out.spec, out.diagnostics);
  if (!out.assembly) {
    out.outcome = Outcome::spec_errors;
    return out;
  }
  if (options.until == Stage::plan) return out;
  for (const cfn::Stack& stack : out.assembly->stacks) out.templates[stack.id] = cfn::render_template(*out.assembly, stack);
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
