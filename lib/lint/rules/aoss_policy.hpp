// Reading OpenSearch Serverless policies (AIP-ENC-006, AIP-EXP-010, AIP-EXP-011):
// the `Policy` property is a JSON document in a string, or the text of an
// Fn::Sub (whose ${...} placeholders sit inside JSON strings, so it parses).
#pragma once

#include <optional>

#include "lint/lint.hpp"

namespace aip::lint {

inline std::optional<Json> aoss_policy(const Json& value) {
  const Json* text = &value;
  if (value.is_object() && value.size() == 1 && value.contains("Fn::Sub")) {
    const Json& sub = value["Fn::Sub"];
    text = sub.is_array() && !sub.empty() ? &sub[0] : &sub;
  }
  if (!text->is_string()) return std::nullopt;
  const std::string& s = text->get_ref<const std::string&>();
  // Policies are small and flat; refuse deep nesting before parsing.
  int depth = 0;
  for (char c : s) {
    if (c == '[' || c == '{') {
      if (++depth > 32) return std::nullopt;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  Json parsed = Json::parse(s, nullptr, false);
  if (parsed.is_discarded()) return std::nullopt;
  return parsed;
}

// The policy's entries: network and data access policies are lists, encryption policies one object.
inline std::vector<const Json*> aoss_entries(const Json& policy) {
  std::vector<const Json*> out;
  if (policy.is_array()) {
    for (const Json& e : policy) {
      if (e.is_object()) out.push_back(&e);
    }
  } else if (policy.is_object()) {
    out.push_back(&policy);
  }
  return out;
}

// The policy type of an AWS::OpenSearchServerless::SecurityPolicy / AccessPolicy, lowercase.
inline std::string aoss_policy_type(const ResourceRef& r) {
  const Json& props = r.properties();
  auto it = props.find("Type");
  if (it == props.end() || !it->is_string()) return "";
  std::string t = it->get<std::string>();
  for (char& c : t) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return t;
}

}  // namespace aip::lint
