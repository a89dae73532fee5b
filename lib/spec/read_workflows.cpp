// The `workflows:` area: Step Functions state machines, read with their ASL
// definitions (read_asl.cpp; checks: check_workflows.cpp).
#include <deque>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <vector>

#include <fmt/format.h>

#include "base/parallel.hpp"
#include "base/pattern.hpp"
#include "spec/field_reader.hpp"
#include "spec/load.hpp"
#include "spec/placement.hpp"

namespace aip::spec {

namespace read_workflows_area {

// Definition files live as long as the process: diagnostics of a failed load
// point into them after its Spec is gone. One copy per distinct file.
const SourceFile& keep_definition(const std::string& path, std::string text) {
  static std::mutex mutex;
  static std::map<std::string, std::deque<SourceFile>> by_path;  // versions of a file (tests rewrite them)
  std::lock_guard<std::mutex> lock(mutex);
  std::deque<SourceFile>& versions = by_path[path];
  for (const SourceFile& f : versions) {
    if (f.text == text) return f;
  }
  return versions.emplace_back(path, std::move(text));
}

void read_definition(Workflow& w, Diagnostics& diags) {
  if (w.definition.value.empty()) return;
  std::filesystem::path target(w.definition.value);
  if (target.is_relative() && w.definition.location.file != nullptr) {
    target = std::filesystem::path(w.definition.location.file->path).parent_path() / target;
  }
  std::string text, error;
  std::error_code ec;
  if (std::filesystem::is_directory(target, ec)) {
    diags.error(w.definition.location, fmt::format("definition '{}' of workflow '{}' is a directory, not an ASL file",
                                                   w.definition.value, w.name));
    return;
  }
  if (!read_file(target.lexically_normal().string(), &text, &error)) {
    diags.error(w.definition.location, fmt::format("definition of workflow '{}': {}", w.name, error));
    return;
  }
  const SourceFile& file = keep_definition(target.lexically_normal().string(), std::move(text));
  if (auto asl = read_asl(file, diags)) w.asl = std::move(*asl);
}

std::optional<Workflow> read_workflow(const YamlNode& key, const YamlNode& value, Diagnostics& diags) {
  if (!check_name(key, "workflow", diags)) return std::nullopt;
  Workflow w;
  w.name = key.scalar;
  w.location = key.location;
  const std::string what = fmt::format("workflow '{}'", w.name);
  Fields f(value, what, diags, key.location);
  if (!f.ok()) return std::nullopt;
  f.text("account", w.account);
  f.region("region", w.region);
  f.text("definition", w.definition, Presence::required);
  f.choice("type", {"standard", "express"}, w.type);
  if (const YamlNode* l = f.optional("logging")) {
    w.logging.location = l->location;
    Fields lf(*l, "logging of " + what, diags);
    if (lf.ok()) {
      lf.choice("level", {"ALL", "ERROR", "FATAL", "OFF"}, w.logging.level);
      lf.flag("include_execution_data", w.logging.include_execution_data);
      lf.log_retention("retention_days", w.logging.retention_days);
    }
  }
  f.flag("tracing", w.tracing);
  static const Pattern schedule("(rate|cron|at)\\(.+\\)");
  f.text("schedule", schedule, "'schedule' must be rate(...), cron(...) or at(...), got '{}'", w.schedule);
  f.text("schedule_timezone", w.schedule_timezone);
  f.tags(w.tags);
  return w;
}

}  // namespace read_workflows_area

std::string state_machine_name(const Spec& spec, const Workflow& w) { return spec.name.value + "-" + w.name; }

Placement workflow_placement(const Spec& spec, const Workflow& w) { return place(spec, w.account, w.region); }

void read_workflows(const YamlNode& node, Spec& spec, Diagnostics& diags) {
  spec.workflows.location = node.location;
  if (!node.is_map()) {
    diags.error(node.location, fmt::format("'workflows' must map workflow names to their settings, got {}",
                                           node.describe()));
    return;
  }
  // The elements are read on this thread: their `lint:` and `overrides:` go to
  // this thread's collectors (spec/lint_suppressions.hpp). Their ASL files
  // (most of the time here is parsing those) are then read on two cores, each
  // into its own slot, and taken in file order with their diagnostics.
  std::vector<Workflow> read;
  for (const auto& [k, v] : node.entries) {
    if (auto w = read_workflows_area::read_workflow(k, v, diags)) read.push_back(std::move(*w));
  }
  std::vector<Diagnostics> found(read.size());
  for_each_index(read.size(), [&](std::size_t i) { read_workflows_area::read_definition(read[i], found[i]); });
  for (std::size_t i = 0; i < read.size(); ++i) {
    for (const Diagnostic& d : found[i].items()) diags.add(d);
    spec.workflows.items.push_back(std::move(read[i]));
  }
}

}  // namespace aip::spec
