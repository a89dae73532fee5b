// Helpers for the diff tests: a stack diff of two JSON templates.
#pragma once

#include <map>
#include <string>

#include "diff/diff.hpp"

namespace aip::test {

inline diff::StackDiff diff_templates(const nlohmann::json& old_t, const nlohmann::json& new_t) {
  diff::StackSource a{"stack", old_t, "old.json", {}, "", ""};
  diff::StackSource b{"stack", new_t, "new.json", {}, "", ""};
  return diff::diff_stack("stack", &a, &b);
}

inline diff::DiffResult diff_result(const nlohmann::json& old_t, const nlohmann::json& new_t) {
  diff::Side a{"old.json", diff::SideKind::Template, {{"stack", {"stack", old_t, "old.json", {}, "", ""}}}};
  diff::Side b{"new.json", diff::SideKind::Template, {{"stack", {"stack", new_t, "new.json", {}, "", ""}}}};
  return diff::diff_sides(a, b);
}

inline std::map<std::string, std::string> classes(const diff::StackDiff& sd) {
  std::map<std::string, std::string> out;
  for (const auto& rc : sd.resources) out[rc.logical_id] = diff::to_string(rc.kind);
  return out;
}

inline const diff::ResourceChange* find(const diff::StackDiff& sd, const std::string& id) {
  for (const auto& rc : sd.resources) {
    if (rc.logical_id == id) return &rc;
  }
  return nullptr;
}

inline nlohmann::json tmpl(nlohmann::json resources) {
  return {{"AWSTemplateFormatVersion", "2010-09-09"}, {"Resources", std::move(resources)}};
}

}  // namespace aip::test
