#include "driver/lint_input.hpp"

#include <fmt/format.h>

#include "driver/input.hpp"
#include "driver/template_input.hpp"

namespace aip::driver {

Linted lint_file(const std::string& path, lint::Selection selection, const std::vector<std::string>& environments) {
  Linted out;
  out.rules = lint::select_rules(selection, nullptr);
  auto input = read_input(path, *out.sources, out.diagnostics);
  if (!input) return out;
  switch (input->kind) {
    case InputKind::spec: {
      SynthesisOptions options{Stage::plan};
      options.load.environments = environments;
      out.synthesis = std::make_unique<Synthesis>(synthesize(*input->file, options));
      if (!out.synthesis->ok()) {
        out.diagnostics = std::move(out.synthesis->diagnostics);
        return out;
      }
      const spec::Spec& spec = *out.synthesis->spec;
      // The spec's `compliance:` packs turn their rules on too.
      if (!spec.compliance.empty()) {
        for (const auto& pack : spec.compliance) selection.packs.push_back(pack.value);
        out.rules = lint::select_rules(selection, nullptr);
      }
      out.input = std::make_unique<lint::Input>(lint::input_from_assembly(*input->file, spec, *out.synthesis->assembly));
      // Each environment's templates render with its own spec (docs/environments.md).
      if (out.synthesis->environments.size() > 1) {
        out.input->templates.clear();
        for (std::size_t i = 0; i < out.synthesis->environments.size(); ++i) {
          lint::Input one = lint::input_from_assembly(*input->file, out.synthesis->environments[i],
                                                      out.synthesis->environment_assemblies[i]);
          for (lint::Template& t : one.templates) out.input->templates.push_back(std::move(t));
        }
      }
      break;
    }
    case InputKind::cloudformation: {
      auto loaded = load_template(*input->file, out.diagnostics);
      if (!loaded) return out;
      out.loaded = std::make_unique<cfn::LoadedTemplate>(std::move(*loaded));
      out.input = std::make_unique<lint::Input>(lint::input_from_template(*input->file, *out.loaded));
      break;
    }
    case InputKind::assembly:
    case InputKind::unknown:
      out.diagnostics.error(Location{}, fmt::format("'{}' is neither an aip spec (a top-level `aip:` key) nor a "
                                                    "CloudFormation template (`Resources`)",
                                                    path));
      return out;
  }
  out.findings = lint::run(*out.input, out.rules);
  out.ok = true;
  return out;
}

bool fails(const std::vector<lint::Finding>& findings, Severity fail_on) {
  for (const lint::Finding& f : findings) {
    if (!f.suppressed && f.severity >= fail_on) return true;
  }
  return false;
}

}  // namespace aip::driver
