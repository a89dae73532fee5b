// Clang-style text: "file:line:col: error: message [ID]", the source line, a
// caret, notes; drawn by the one diagnostic renderer (base/diagnostics.hpp).
// Suppressed findings are left out and counted in the summary.
#include <fmt/format.h>

#include "lint/reporters/reporters.hpp"

namespace aip::lint {
namespace text_report {

std::string plural(std::size_t n, const char* word) { return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s"); }

}  // namespace text_report

std::string report_text(const std::vector<Finding>& findings, const ReportOptions& options) {
  std::string out;
  std::size_t errors = 0, warnings = 0, infos = 0, suppressed = 0;
  for (const Finding& f : findings) {
    if (f.suppressed) {
      ++suppressed;
      continue;
    }
    if (f.severity == Severity::error) ++errors;
    else if (f.severity == Severity::warning) ++warnings;
    else ++infos;
    const std::string suffix = fmt::format(" [{}]", f.rule);
    out += render(f, RenderOptions{options.color, suffix});
  }
  if (errors + warnings + infos + suppressed > 0) {
    std::vector<std::string> parts;
    if (errors > 0) parts.push_back(text_report::plural(errors, "error"));
    if (warnings > 0) parts.push_back(text_report::plural(warnings, "warning"));
    if (infos > 0) parts.push_back(fmt::format("{} info", infos));
    std::string text;
    for (std::size_t i = 0; i < parts.size(); ++i) text += (i == 0 ? "" : ", ") + parts[i];
    if (text.empty()) text = "no findings";
    if (suppressed > 0) text += fmt::format(" ({} suppressed)", suppressed);
    out += text + " generated.\n";
  }
  return out;
}

std::string explain_text(const Rule& rule) {
  const RuleInfo& r = rule.info;
  std::string tags;
  for (const std::string& t : r.tags) tags += (tags.empty() ? "" : ", ") + t;
  return fmt::format("{}: {}\n\nSeverity: {}\nTags: {}\n\nWhy:\n  {}\n\nFix:\n  {}\n\nSuppress (on the spec "
                     "element):\n  lint: {{suppress: [{{rule: {}, reason: \"why this does not apply\"}}]}}\n"
                     "Suppress (template resource Metadata):\n  aip: {{suppress: [{{rule: {}, reason: \"why this does "
                     "not apply\"}}]}}\n",
                     r.id, r.summary, to_string(r.severity), tags, r.rationale, r.fix, r.id, r.id);
}

std::string rules_table(const std::vector<const Rule*>& rules) {
  std::string out;
  for (const Rule* rule : rules) {
    std::string tags;
    for (const std::string& t : rule->info.tags) tags += (tags.empty() ? "" : ",") + t;
    out += fmt::format("{:<13} {:<8} {}  [{}]\n", rule->info.id, to_string(rule->info.severity), rule->info.summary,
                       tags);
  }
  return out;
}

Json rule_json(const Rule& rule) {
  return Json{{"id", rule.info.id},           {"summary", rule.info.summary},
              {"severity", to_string(rule.info.severity)}, {"tags", rule.info.tags},
              {"rationale", rule.info.rationale}, {"fix", rule.info.fix}, {"packs", rule.info.packs}};
}

Json rules_json(const std::vector<const Rule*>& rules) {
  Json out = Json::array();
  for (const Rule* r : rules) out.push_back(rule_json(*r));
  return out;
}

}  // namespace aip::lint
