// Property overrides (spec `overrides:`, issue #16): a patch sets or deletes
// the value at a path inside a resource's Properties. The renderer applies a
// resource's patches last, after tags; plan/overrides.cpp checks them first.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace aip::cfn {

// `path` segments are property names, "[n]" list indices, "[Key=Value]" (the
// list's one object whose Key is the string Value: "[Sid=ReadModels]") or a
// last "[+]" (appends `value`). A null `value` deletes the key (or the list
// item). Returns "" on success, else why the patch does not apply ("index 3
// is past the end of Rules (2 items)"). Missing objects on the way are
// created; lists grow only by "[+]".
std::string apply_override(nlohmann::json& properties, const std::vector<std::string>& path,
                           const nlohmann::json& value);

}  // namespace aip::cfn
