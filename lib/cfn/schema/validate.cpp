#include "cfn/schema/validate.hpp"

#include "cfn/schema/check_catalog.hpp"
#include "cfn/schema/checks.hpp"

#include <algorithm>
#include <tuple>

namespace aip::cfn {

namespace detail {

Context::Context(const nlohmann::json& t, const SchemaDb& d, std::vector<SchemaFinding>& out)
    : tmpl(t), db(d), findings(out) {
  if (const auto* r = section("Resources")) {
    for (const auto& [id, res] : r->items()) {
      if (id.rfind("Fn::ForEach::", 0) == 0) continue;  // language-extension loops expand later
      resources.insert(id);
      if (res.is_object()) {
        if (auto ty = res.find("Type"); ty != res.end() && ty->is_string()) resource_types.emplace(id, ty->get<std::string>());
      }
    }
  }
  if (tmpl.is_object()) {
    if (auto tr = tmpl.find("Transform"); tr != tmpl.end()) {
      const auto transforms = tr->is_array() ? *tr : nlohmann::json::array({*tr});
      for (const auto& name : transforms) {
        const std::string text = name.is_string() ? name.get<std::string>() : name.dump();
        if (text != "AWS::LanguageExtensions") names_may_be_generated = true;
        if (text == "AWS::LanguageExtensions") language_extensions = true;
        if (text == "AWS::Serverless-2016-10-31") sam = true;
      }
    }
    for (const char* s : {"Resources", "Outputs", "Conditions"}) {
      if (const auto* sec = section(s)) {
        for (const auto& [key, _] : sec->items()) {
          if (key.rfind("Fn::ForEach::", 0) == 0) names_may_be_generated = true;
        }
      }
    }
  }
  if (const auto* p = section("Parameters")) {
    for (const auto& [name, _] : p->items()) parameters.insert(name);
  }
  if (const auto* c = section("Conditions")) {
    for (const auto& [name, _] : c->items()) conditions.insert(name);
  }
}

const nlohmann::json* Context::section(const char* name) const {
  if (!tmpl.is_object()) return nullptr;
  auto it = tmpl.find(name);
  return it != tmpl.end() && it->is_object() ? &*it : nullptr;
}

std::string describe_value(const nlohmann::json& v) {
  switch (v.type()) {
    case nlohmann::json::value_t::string: {
      const auto& s = v.get_ref<const std::string&>();
      return "\"" + (s.size() > 40 ? s.substr(0, 40) + "..." : s) + "\"";
    }
    case nlohmann::json::value_t::object: return "an object";
    case nlohmann::json::value_t::array: return "a list";
    case nlohmann::json::value_t::null: return "null";
    default: return v.dump();
  }
}

namespace check_suppressions {

// The checks `Metadata: {aip: {suppress: [{rule: ID, reason: "..."}]}}` of
// `owner` (the template or a resource) suppresses: warnings only, each with a
// reason. Malformed entries suppress nothing (aip lint reports them).
void suppressed_checks(const nlohmann::json& owner, std::vector<const CheckInfo*>& out) {
  if (!owner.is_object()) return;
  auto meta = owner.find("Metadata");
  if (meta == owner.end() || !meta->is_object()) return;
  auto aip = meta->find("aip");
  if (aip == meta->end() || !aip->is_object()) return;
  auto list = aip->find("suppress");
  if (list == aip->end() || !list->is_array()) return;
  for (const auto& item : *list) {
    if (!item.is_object()) continue;
    auto rule = item.find("rule");
    auto reason = item.find("reason");
    if (rule == item.end() || !rule->is_string() || reason == item.end() || !reason->is_string()) continue;
    const auto& why = reason->get_ref<const std::string&>();
    if (why.find_first_not_of(" \t\n") == std::string::npos) continue;
    const CheckInfo* c = find_check(rule->get_ref<const std::string&>());
    if (c && c->severity == CheckSeverity::warning) out.push_back(c);
  }
}

bool covers(const std::vector<const CheckInfo*>& checks, const std::string& rule) {
  for (const CheckInfo* c : checks) {
    if (c->rule == rule) return true;
  }
  return false;
}

}  // namespace check_suppressions

void apply_check_suppressions(const nlohmann::json& tmpl, std::vector<SchemaFinding>& findings) {
  using namespace check_suppressions;
  std::vector<const CheckInfo*> global;
  suppressed_checks(tmpl, global);
  const nlohmann::json* resources = nullptr;
  if (auto r = tmpl.find("Resources"); r != tmpl.end() && r->is_object()) resources = &*r;
  std::map<std::string, std::vector<const CheckInfo*>, std::less<>> per_resource;
  if (resources) {
    for (const auto& [id, res] : resources->items()) {
      std::vector<const CheckInfo*> checks;
      suppressed_checks(res, checks);
      if (!checks.empty()) per_resource.emplace(id, std::move(checks));
    }
  }
  if (global.empty() && per_resource.empty()) return;
  std::erase_if(findings, [&](const SchemaFinding& f) {
    if (check_severity(f.rule) != CheckSeverity::warning) return false;
    if (covers(global, f.rule)) return true;
    if (f.path.size() < 2 || f.path[0] != "Resources") return false;
    auto it = per_resource.find(f.path[1]);
    return it != per_resource.end() && covers(it->second, f.rule);
  });
}

}  // namespace detail

namespace {

bool all_digits(const std::string& s) {
  return !s.empty() && s.size() < 10 && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// List indices compare numerically so "Ingress/10" follows "Ingress/9".
bool segment_less(const std::string& a, const std::string& b) {
  if (all_digits(a) && all_digits(b)) return std::stoul(a) < std::stoul(b);
  return a < b;
}

bool finding_less(const SchemaFinding& a, const SchemaFinding& b) {
  if (a.stack != b.stack) return a.stack < b.stack;
  if (a.path != b.path) {
    return std::lexicographical_compare(a.path.begin(), a.path.end(), b.path.begin(), b.path.end(), segment_less);
  }
  return std::tie(a.message, a.rule) < std::tie(b.message, b.rule);
}

}  // namespace

void sort_findings(std::vector<SchemaFinding>& findings) {
  std::sort(findings.begin(), findings.end(), finding_less);
  findings.erase(std::unique(findings.begin(), findings.end()), findings.end());
}

std::string format_finding_path(std::string_view stack, const SchemaFinding& finding) {
  std::string out(stack.empty() ? std::string_view(finding.stack) : stack);
  for (std::size_t i = 0; i < finding.path.size(); ++i) {
    if (i == 0 && finding.path[0] == "Resources" && finding.path.size() > 1) continue;
    if (!out.empty()) out += '/';
    out += finding.path[i];
  }
  return out;
}

namespace {

// Every check of a template, into ctx.findings, sorted.
void run_template_checks(const detail::Context& ctx) {
  const nlohmann::json& tmpl = ctx.tmpl;
  detail::check_template_shape(ctx);
  if (tmpl.is_object()) {
    detail::check_resource_properties(ctx);
    detail::check_references(ctx);
    detail::check_dependency_cycles(ctx);
    detail::check_outputs(ctx);
    detail::check_parameters(ctx);
    detail::check_conditions(ctx);
    detail::check_limits(ctx);
    detail::check_rules(ctx);
    detail::check_mappings(ctx);
    detail::check_sub_needed(ctx);
    detail::check_policies(ctx);
    detail::check_cidrs(ctx);
    detail::apply_check_suppressions(tmpl, ctx.findings);
  }
  sort_findings(ctx.findings);
}

}  // namespace

std::vector<SchemaFinding> validate_template(const nlohmann::json& tmpl, const SchemaDb& db) {
  std::vector<SchemaFinding> findings;
  detail::Context ctx(tmpl, db, findings);
  run_template_checks(ctx);
  return findings;
}

std::vector<SchemaFinding> validate_resource(const nlohmann::json& tmpl, const SchemaDb& db,
                                             const std::string& logical_id) {
  std::vector<SchemaFinding> findings;
  if (logical_id.empty()) return findings;
  detail::Context ctx(tmpl, db, findings);
  ctx.focus = logical_id;
  run_template_checks(ctx);
  findings.erase(std::remove_if(findings.begin(), findings.end(),
                                [&](const SchemaFinding& f) {
                                  return f.path.size() < 2 || f.path[0] != "Resources" || f.path[1] != logical_id;
                                }),
                 findings.end());
  return findings;
}

}  // namespace aip::cfn
