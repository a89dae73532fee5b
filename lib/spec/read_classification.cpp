// The `classification:` area: data classification levels, lowest first, read
// (checks of the elements that name them: check_classification.cpp).
#include <algorithm>

#include <fmt/format.h>

#include "base/pattern.hpp"
#include "spec/field_reader.hpp"
#include "spec/load.hpp"

namespace aip::spec {

void read_classification(const YamlNode& node, Spec& spec, Diagnostics& diags) {
  Classification& c = spec.classification;
  Fields f(node, "'classification'", diags);
  if (!f.ok()) return;
  c.location = node.location;
  // A level names a KMS key, its alias and tags: short, lowercase.
  static const Pattern level_shape("[a-z][a-z0-9-]{0,31}");
  std::vector<Located<std::string>> levels;
  f.strings("levels", level_shape,
            "classification level '{}' must be lowercase letters, digits and '-', starting with a letter, at most 32 "
            "characters",
            levels, Presence::required);
  for (Located<std::string>& level : levels) {
    auto first = std::find_if(c.levels.begin(), c.levels.end(),
                              [&](const Located<std::string>& l) { return l.value == level.value; });
    if (first != c.levels.end()) {
      Diagnostic& d = diags.error(level.location, fmt::format("classification level '{}' is listed twice", level.value));
      d.notes.push_back({Severity::note, first->location, "first listed here", {}});
      continue;
    }
    c.levels.push_back(std::move(level));
  }
  if (const YamlNode* l = node.find("levels"); l != nullptr && l->is_sequence() && l->items.empty()) {
    diags.error(node.find_key("levels")->location, "'levels' lists no classification level (name them lowest first)");
  }
}

}  // namespace aip::spec
