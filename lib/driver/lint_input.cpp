#include "driver/lint_input.hpp"

#include <fmt/format.h>

#include "driver/input.hpp"
#include "driver/template_input.hpp"

namespace aip::driver {

Linted lint_file(const std::string& path, lint::Selection selection) {
  Linted out;
  out.rules = lint::select_rules(selection, nullptr);
  auto input = read_input(path, *out.sources, out.diagnostics);
  if (!input) return out;
  switch (input->kind) {
    case InputKind::spec: {
      out.synthesis = std::make_unique<Synthesis>(synthesize(*input->file, {Stage::plan}));
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
