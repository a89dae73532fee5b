#include "driver/lint_input.hpp"

#include <filesystem>

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

Linted lint_files(const std::vector<std::string>& paths, lint::Selection selection) {
  std::error_code ec;
  if (paths.size() == 1 && !std::filesystem::is_directory(paths[0], ec)) return lint_file(paths[0], std::move(selection));
  Linted out;
  out.rules = lint::select_rules(selection, nullptr);
  out.input = std::make_unique<lint::Input>();
  bool bad = false;
  for (const std::string& path : paths) {
    auto argument = expand_validate_argument(path, out.diagnostics);
    if (!argument) {
      bad = true;
      continue;
    }
    if (argument->from_directory && argument->files.empty()) {
      out.diagnostics.error(Location{}, fmt::format("'{}' holds no CloudFormation template", path));
      bad = true;
    }
    for (const std::string& file_path : argument->files) {
      std::string error;
      const SourceFile* file = out.sources->load(file_path, &error);
      if (file == nullptr) {
        out.diagnostics.error(Location{}, error);
        bad = true;
        continue;
      }
      const InputKind kind = sniff(file_path, file->text);
      if (kind != InputKind::cloudformation) {
        if (argument->from_directory) continue;  // a plain directory: only its templates
        out.diagnostics.error(Location{}, kind == InputKind::spec
                                              ? fmt::format("'{}' is an aip spec: lint a spec on its own "
                                                            "(`aip lint {}`), not with other inputs",
                                                            file_path, file_path)
                                              : fmt::format("'{}' is not a CloudFormation template (`Resources`)",
                                                            file_path));
        bad = true;
        continue;
      }
      auto loaded = load_template(*file, out.diagnostics);
      if (!loaded) {
        bad = true;
        continue;
      }
      out.loaded_all.push_back(std::make_unique<cfn::LoadedTemplate>(std::move(*loaded)));
      lint::add_template(*out.input, *file, *out.loaded_all.back(), stack_name_of_file(file_path));
    }
  }
  if (bad) {
    out.input.reset();
    out.loaded_all.clear();
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
