#include "lint/suppressions.hpp"

#include <algorithm>
#include <cctype>

#include "lint/lint.hpp"
#include "spec/lint_suppressions.hpp"

namespace aip::lint {
namespace {

bool blank(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; });
}

}  // namespace

std::vector<Suppression> suppressions_of(const nlohmann::json& resource) {
  std::vector<Suppression> out;
  if (!resource.is_object()) return out;
  auto meta = resource.find("Metadata");
  if (meta == resource.end() || !meta->is_object()) return out;
  auto aip = meta->find("aip");
  if (aip == meta->end() || !aip->is_object()) return out;
  auto list = aip->find("suppress");
  if (list == aip->end()) return out;
  if (!list->is_array()) {
    out.push_back(Suppression{0, "", "", "Metadata aip.suppress must be a list of {rule, reason}"});
    return out;
  }
  for (std::size_t i = 0; i < list->size(); ++i) {
    const nlohmann::json& item = (*list)[i];
    Suppression s;
    s.index = i;
    if (!item.is_object()) {
      s.problem = "a suppression must be a mapping {rule: ID, reason: \"...\"}";
      out.push_back(std::move(s));
      continue;
    }
    if (auto r = item.find("rule"); r != item.end() && r->is_string()) s.rule = r->get<std::string>();
    if (auto r = item.find("reason"); r != item.end() && r->is_string()) s.reason = r->get<std::string>();
    if (auto r = item.find("from"); r != item.end() && r->is_string()) s.from_spec = r->get<std::string>() == "spec";
    if (s.rule.empty()) {
      s.problem = "a suppression must name the rule it suppresses (rule: ID)";
    } else if (find_rule(s.rule) == nullptr && !spec::is_guard_rule_id(s.rule)) {
      s.problem = "suppression names rule '" + s.rule + "', which aip does not have";
    } else if (blank(s.reason)) {
      s.problem = "suppression of " + s.rule + " has no reason; say why the finding does not apply (reason: \"...\")";
    }
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace aip::lint
