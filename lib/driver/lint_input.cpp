#include "driver/lint_input.hpp"

#include <algorithm>
#include <filesystem>
#include <map>
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

namespace {

std::string finding_key(const lint::Finding& f) {
  return fmt::format("{}\x1f{}\x1f{}:{}\x1f{}\x1f{}", f.rule, f.location.file == nullptr ? "" : f.location.file->path,
                     f.location.line, f.location.column, f.resource, f.message);
}

// One environment (or a spec without environments): its packs turn their rules
// on, its `lint: {rules: [...]}` load relative to the spec's directory, and its
// findings join `out`'s, each distinct finding once.
// The assembly's resource bodies move into the templates linted: only their
// ids and provenance are read afterwards (finding locations).
bool lint_environment(const SourceFile& file, const spec::Spec& spec, cfn::Assembly& assembly,
                      lint::Selection selection, Linted& out, std::map<std::string, std::size_t>& seen) {
  for (const auto& pack : spec.compliance) selection.packs.push_back(pack.value);
  std::vector<const lint::Rule*> rules = lint::select_rules(selection, nullptr);
  for (const lint::Rule* r : rules) {
    if (std::find(out.rules.begin(), out.rules.end(), r) == out.rules.end()) out.rules.push_back(r);
  }
  std::vector<spec::Located<std::string>> guard_paths;
  for (const std::string& p : selection.guard_rules) guard_paths.push_back({p, Location{}});
  const std::filesystem::path dir = std::filesystem::path(file.path).parent_path();
  for (const auto& r : spec.guard_rules) guard_paths.push_back({(dir / r.value).lexically_normal().string(), r.location});
  auto& guard = out.environment_guard.emplace_back();
  if (!load_guard_rules(guard_paths, selection.guard_severity, *out.sources, out.diagnostics, guard)) return false;
  auto& input = out.environment_inputs.emplace_back(std::make_unique<lint::Input>(lint::input_from_assembly_taking(file, spec, assembly)));
  for (lint::Finding& f : lint::run(*input, rules, guard.empty() ? nullptr : &guard)) {
    if (seen[finding_key(f)]++ == 0) out.findings.push_back(std::move(f));
  }
  return true;
}

}  // namespace

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
      options.assemble = false;  // each environment is linted from its own assembly
      out.synthesis = std::make_unique<Synthesis>(synthesize(*input->file, options));
      if (!out.synthesis->ok()) {
        out.diagnostics = std::move(out.synthesis->diagnostics);
        return out;
      }
      // Each environment is linted with its own spec: its overlay may add
      // compliance packs, Guard rules or suppressions (docs/environments.md).
      const std::size_t n = out.synthesis->environments.size();
      std::map<std::string, std::size_t> seen;  // identical findings of several environments, once
      for (std::size_t i = 0; i < n; ++i) {
        if (!lint_environment(*input->file, out.synthesis->environments[i], out.synthesis->environment_assemblies[i],
                              selection, out, seen)) {
          return out;
        }
      }
      // The shared accounts' stacks (driver/shared_accounts.hpp), with the spec that rendered them.
      std::size_t units = n;
      if (out.synthesis->shared_spec && out.synthesis->shared_assembly) {
        ++units;
        if (!lint_environment(*input->file, *out.synthesis->shared_spec, *out.synthesis->shared_assembly, selection,
                              out, seen)) {
          return out;
        }
      }
      // A suppression is stale, or covers nothing, only when it does so in
      // every environment (an element pinned to one renders only there).
      if (units > 1) {
        std::erase_if(out.findings, [&](const lint::Finding& f) {
          return (f.rule == "AIP-LINT-002" || (f.rule == "AIP-LINT-001" && f.message.find("covers nothing") != std::string::npos)) &&
                 seen[finding_key(f)] < units;
        });
      }
      out.ok = true;
      return out;
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
