// The canonical form, chosen so equivalent documents compare and render equal:
//  - actions: service prefix lowercased (IAM matches actions case-insensitively),
//    duplicates differing only in case dropped, sorted case-insensitively;
//  - resources, principal values, condition values: duplicates dropped, strings
//    first in byte order (ARNs are case-sensitive), then intrinsics by their JSON;
//  - statements: exact duplicates dropped, sorted by (Sid, rendered JSON).
//    IAM decisions never depend on statement order, so order carries no
//    meaning worth keeping, and sorting makes reordered policies diff clean.
// Version and Id are kept as written.
#include <algorithm>
#include <cctype>

#include "iam/policy.hpp"

namespace aip::iam {

namespace {

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// The order of lower(a) and lower(b) (-1, 0, 1), without making either: the
// sort compares each action many times, and copying both strings per
// comparison was most of canonical()'s time.
int compare_lowered(const std::string& a, const std::string& b) {
  const std::size_t n = std::min(a.size(), b.size());
  for (std::size_t i = 0; i < n; ++i) {
    // As std::string compares: unsigned chars (char_traits<char>::lt).
    const auto ca = static_cast<unsigned char>(std::tolower(static_cast<unsigned char>(a[i])));
    const auto cb = static_cast<unsigned char>(std::tolower(static_cast<unsigned char>(b[i])));
    if (ca != cb) return ca < cb ? -1 : 1;
  }
  return a.size() == b.size() ? 0 : (a.size() < b.size() ? -1 : 1);
}

void canonical_actions(std::vector<std::string>& actions) {
  for (auto& a : actions) {
    const auto colon = a.find(':');
    if (colon != std::string::npos) a = lower(a.substr(0, colon)) + a.substr(colon);
  }
  std::sort(actions.begin(), actions.end(), [](const std::string& a, const std::string& b) {
    const int folded = compare_lowered(a, b);
    return folded != 0 ? folded < 0 : a < b;
  });
  actions.erase(std::unique(actions.begin(), actions.end(),
                            [](const std::string& a, const std::string& b) { return compare_lowered(a, b) == 0; }),
                actions.end());
}

void canonical_values(std::vector<Json>& values) {
  if (values.size() < 2) return;
  // Strings sort by their bytes, other values (intrinsics) by their JSON text,
  // which is made once per value rather than once per comparison.
  std::vector<std::pair<std::string, Json>> keyed;
  keyed.reserve(values.size());
  for (Json& v : values) {
    std::string key = v.is_string() ? std::string() : v.dump();
    keyed.emplace_back(std::move(key), std::move(v));
  }
  std::sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) {
    const bool a_string = a.second.is_string(), b_string = b.second.is_string();
    if (a_string != b_string) return a_string;
    if (a_string) return a.second.template get_ref<const std::string&>() < b.second.template get_ref<const std::string&>();
    return a.first < b.first;
  });
  values.clear();
  for (auto& [key, v] : keyed) values.push_back(std::move(v));
  values.erase(std::unique(values.begin(), values.end()), values.end());
}

void canonical_principals(std::optional<Principals>& p) {
  if (!p) return;
  if (p->any) p->by_kind.clear();
  for (auto& [kind, values] : p->by_kind) canonical_values(values);
}

}  // namespace

Policy canonical(const Policy& p) {
  Policy out = p;
  for (auto& s : out.statements) {
    canonical_principals(s.principal);
    canonical_principals(s.not_principal);
    if (s.action) canonical_actions(*s.action);
    if (s.not_action) canonical_actions(*s.not_action);
    if (s.resource) canonical_values(*s.resource);
    if (s.not_resource) canonical_values(*s.not_resource);
    for (auto& [op, keys] : s.condition) {
      for (auto& [key, values] : keys) canonical_values(values);
    }
  }
  if (out.statements.size() < 2) return out;  // nothing to sort or drop
  // Render each statement once for the sort key.
  std::vector<std::pair<std::pair<std::string, std::string>, Statement>> keyed;
  for (auto& s : out.statements) {
    keyed.push_back({{s.sid, render_statement(s).dump()}, std::move(s)});
  }
  std::sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  keyed.erase(std::unique(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) { return a.first == b.first; }),
              keyed.end());
  out.statements.clear();
  for (auto& [key, s] : keyed) out.statements.push_back(std::move(s));
  return out;
}

}  // namespace aip::iam
