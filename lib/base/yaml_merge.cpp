#include "base/yaml_merge.hpp"

#include <cstddef>

namespace aip {
namespace yaml_merge {

// A plain null (`key:`, `null`, `~`): not `!Tag null`, not the quoted string "null".
bool removes(const YamlNode& n) {
  if (!n.tag.empty()) return false;
  if (n.is_null()) return true;
  return n.is_scalar() && !n.quoted && (n.scalar == "null" || n.scalar == "Null" || n.scalar == "NULL" || n.scalar == "~");
}

void merge_into(YamlNode& base, const YamlNode& over) {
  if (!base.is_map() || !over.is_map()) {
    base = over;
    return;
  }
  for (const auto& [key, value] : over.entries) {
    std::size_t at = base.entries.size();
    for (std::size_t i = 0; i < base.entries.size(); ++i) {
      if (base.entries[i].first.scalar == key.scalar) {
        at = i;
        break;
      }
    }
    if (removes(value)) {
      if (at < base.entries.size()) base.entries.erase(base.entries.begin() + static_cast<std::ptrdiff_t>(at));
      continue;
    }
    if (at == base.entries.size()) {
      base.entries.emplace_back(key, value);
    } else {
      merge_into(base.entries[at].second, value);
    }
  }
}

}  // namespace yaml_merge

YamlNode merge_yaml(const YamlNode& base, const YamlNode& over) {
  if (yaml_merge::removes(over)) return base;
  YamlNode out = base;
  yaml_merge::merge_into(out, over);
  return out;
}

}  // namespace aip
