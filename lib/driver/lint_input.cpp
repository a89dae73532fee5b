#include "driver/lint_input.hpp"

#include <algorithm>
#include <filesystem>
#include <system_error>

#include <fmt/format.h>

#include "guard/parser.hpp"

#include "driver/input.hpp"
#include "driver/template_input.hpp"

namespace aip::driver {

bool load_guard_rules(const std::vector<std::string>& paths, Severity default_severity, SourceManager& sources,
                      Diagnostics& diags, std::vector<lint::GuardRuleSet>& out) {
  namespace fs = std::filesystem;
  std::vector<std::string> files;
  for (const std::string& path : paths) {
    std::error_code ec;
    if (!fs::is_directory(path, ec)) {
      files.push_back(path);
      continue;
    }
    std::vector<std::string> found;
    for (auto it = fs::recursive_directory_iterator(path, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
      if (it->is_regular_file(ec) && it->path().extension() == ".guard") found.push_back(it->path().string());
    }
    if (found.empty()) {
      diags.error(Location{}, fmt::format("'{}' holds no Guard rule files (*.guard)", path));
      return false;
    }
    std::sort(found.begin(), found.end());
    files.insert(files.end(), found.begin(), found.end());
  }
  bool ok = true;
  for (const std::string& path : files) {
    std::string error;
    const SourceFile* file = sources.load(path, &error);
    if (file == nullptr) {
      diags.error(Location{}, error);
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

Linted lint_file(const std::string& path, lint::Selection selection) {
  Linted out;
  out.rules = lint::select_rules(selection, nullptr);
  if (!load_guard_rules(selection.guard_rules, selection.guard_severity, *out.sources, out.diagnostics, out.guard)) {
    return out;
  }
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
