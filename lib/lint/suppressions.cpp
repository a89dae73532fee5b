#include "lint/suppressions.hpp"

#include <algorithm>
#include <cctype>

#include "cfn/schema/check_catalog.hpp"
#include "lint/lint.hpp"
#include "spec/foreign_rules.hpp"
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
    } else if (find_rule(s.rule) == nullptr && !spec::is_guard_rule_id(s.rule) &&
               cfn::find_check(s.rule) == nullptr) {  // aip validate's warnings are suppressed here too
      s.problem = "suppression names rule '" + s.rule + "', which aip does not have";
    } else if (blank(s.reason)) {
      s.problem = "suppression of " + s.rule + " has no reason; say why the finding does not apply (reason: \"...\")";
    }
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace aip::lint

namespace aip::lint {

namespace foreign_suppressions {

using spec::ForeignTool;

const nlohmann::json* meta_member(const nlohmann::json& object, std::string_view key) {
  if (!object.is_object()) return nullptr;
  auto it = object.find(std::string(key));
  return it == object.end() ? nullptr : &*it;
}

void add(std::vector<Suppression>& out, ForeignTool tool, const std::string& id, const std::string& reason) {
  for (std::string_view rule : spec::aip_rules_for(tool, id)) {
    Suppression s;
    s.index = out.size();
    s.rule = std::string(rule);
    const std::string tool_name(spec::metadata_key(tool));
    s.reason = reason.empty() || blank(reason) ? "ignored for " + tool_name + " (" + id + ")"
                                               : id + " (" + tool_name + "): " + reason;
    out.push_back(std::move(s));
  }
}

// [{id: ..., <reason_key>: ...}]
void read_list(const nlohmann::json* list, ForeignTool tool, const char* reason_key, std::vector<Suppression>& out) {
  if (list == nullptr || !list->is_array()) return;
  for (const nlohmann::json& item : *list) {
    const nlohmann::json* id = meta_member(item, "id");
    if (id == nullptr || !id->is_string()) continue;
    const nlohmann::json* reason = meta_member(item, reason_key);
    add(out, tool, id->get<std::string>(), reason != nullptr && reason->is_string() ? reason->get<std::string>() : "");
  }
}

}  // namespace foreign_suppressions

std::vector<Suppression> foreign_suppressions_of(const nlohmann::json& resource) {
  using foreign_suppressions::meta_member;
  using foreign_suppressions::read_list;
  using foreign_suppressions::add;
  using spec::ForeignTool;
  std::vector<Suppression> out;
  const nlohmann::json* meta = meta_member(resource, "Metadata");
  if (meta == nullptr || !meta->is_object()) return out;
  if (const nlohmann::json* nag = meta_member(*meta, "cfn_nag")) {
    read_list(meta_member(*nag, "rules_to_suppress"), ForeignTool::cfn_nag, "reason", out);
  }
  if (const nlohmann::json* checkov = meta_member(*meta, "checkov")) {
    read_list(meta_member(*checkov, "skip"), ForeignTool::checkov, "comment", out);
  }
  if (const nlohmann::json* cdk = meta_member(*meta, "cdk_nag")) {
    read_list(meta_member(*cdk, "rules_to_suppress"), ForeignTool::cdk_nag, "reason", out);
  }
  if (const nlohmann::json* cfn_lint = meta_member(*meta, "cfn-lint")) {
    const nlohmann::json* config = meta_member(*cfn_lint, "config");
    const nlohmann::json* checks = config != nullptr ? meta_member(*config, "ignore_checks") : nullptr;
    if (checks != nullptr && checks->is_array()) {
      for (const nlohmann::json& id : *checks) {
        if (id.is_string()) add(out, ForeignTool::cfn_lint, id.get<std::string>(), "");
      }
    }
  }
  return out;
}

}  // namespace aip::lint
