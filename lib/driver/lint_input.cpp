#include "driver/lint_input.hpp"

#include <algorithm>
#include <filesystem>
#include <system_error>

#include <fmt/format.h>

#include "guard/parser.hpp"

#include "driver/input.hpp"
#include "driver/template_input.hpp"

namespace aip::driver {

bool load_guard_rules(const std::vector<spec::Located<std::string>>& paths, Severity default_severity,
                      SourceManager& sources, Diagnostics& diags, std::vector<lint::GuardRuleSet>& out) {
  namespace fs = std::filesystem;
  std::vector<spec::Located<std::string>> files;
  for (const auto& [path, named_at] : paths) {
    std::error_code ec;
    if (!fs::is_directory(path, ec)) {
      files.push_back({path, named_at});
      continue;
    }
    std::vector<std::string> found;
    for (auto it = fs::recursive_directory_iterator(path, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
      if (it->is_regular_file(ec) && it->path().extension() == ".guard") found.push_back(it->path().string());
    }
    if (found.empty()) {
      diags.error(named_at, fmt::format("'{}' holds no Guard rule files (*.guard)", path));
      return false;
    }
    std::sort(found.begin(), found.end());
    for (std::string& f : found) files.push_back({std::move(f), named_at});
  }
  bool ok = true;
  for (const auto& [path, named_at] : files) {
    std::string error;
    const SourceFile* file = sources.load(path, &error);
    if (file == nullptr) {
      diags.error(named_at, error);
      ok = false;
      continue;
    }
    auto rules = guard::parse_rule_file(*file, diags);
    if (!rules) {
      ok = false;
      continue;
    }
    out.push_back(lint::make_guard_rule_set(*file, std::move(*rules), default_severity));
  }
  return ok;
}

Linted lint_file(const std::string& path, lint::Selection selection, const std::vector<std::string>& environments) {
  Linted out;
  out.rules = lint::select_rules(selection, nullptr);
  std::vector<spec::Located<std::string>> guard_paths;
  for (const std::string& p : selection.guard_rules) guard_paths.push_back({p, Location{}});
  if (!load_guard_rules(guard_paths, selection.guard_severity, *out.sources, out.diagnostics, out.guard)) return out;
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
      // The spec's `lint: {rules: [...]}`, relative to the spec's directory.
      std::vector<spec::Located<std::string>> spec_rules;
      const std::filesystem::path dir = std::filesystem::path(input->file->path).parent_path();
      for (const auto& r : spec.guard_rules) spec_rules.push_back({(dir / r.value).lexically_normal().string(), r.location});
      if (!load_guard_rules(spec_rules, selection.guard_severity, *out.sources, out.diagnostics, out.guard)) return out;
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
  out.findings = lint::run(*out.input, out.rules, out.guard.empty() ? nullptr : &out.guard);
  out.ok = true;
  return out;
}

Linted lint_files(const std::vector<std::string>& paths, lint::Selection selection,
                  const std::vector<std::string>& environments) {
  std::error_code ec;
  if (paths.size() == 1 && !std::filesystem::is_directory(paths[0], ec)) return lint_file(paths[0], std::move(selection), environments);
  Linted out;
  out.rules = lint::select_rules(selection, nullptr);
  std::vector<spec::Located<std::string>> guard_paths;
  for (const std::string& p : selection.guard_rules) guard_paths.push_back({p, Location{}});
  if (!load_guard_rules(guard_paths, selection.guard_severity, *out.sources, out.diagnostics, out.guard)) return out;
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
  out.findings = lint::run(*out.input, out.rules, out.guard.empty() ? nullptr : &out.guard);
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
