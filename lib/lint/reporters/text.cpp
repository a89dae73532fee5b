// Clang-style text: "file:line:col: error: message [ID]", the source line, a caret, notes.
#include <fmt/format.h>

#include "lint/reporters/reporters.hpp"

namespace aip::lint {
namespace {

const char* color_of(Severity s) {
  switch (s) {
    case Severity::error: return "\033[1;31m";
    case Severity::warning: return "\033[1;35m";
    case Severity::info: return "\033[1;36m";
  }
  return "";
}

std::string plural(std::size_t n, const char* word) { return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s"); }

}  // namespace

std::string report_text(const std::vector<Finding>& findings, const ReportOptions& options) {
  const bool color = options.color;
  const char* bold = color ? "\033[1m" : "";
  const char* reset = color ? "\033[0m" : "";
  std::string out;
  std::size_t counts[3] = {0, 0, 0};
  std::size_t suppressed = 0;
  for (const Finding& f : findings) {
    if (f.suppressed) {
      ++suppressed;
      continue;
    }
    ++counts[static_cast<int>(f.severity)];
    out += fmt::format("{}{}: {}{}:{} {}{} [{}]{}\n", bold, f.location.str(), color ? color_of(f.severity) : "",
                       to_string(f.severity), reset, bold, f.message, f.rule, reset);
    if (f.location.valid()) {
      std::string_view line = f.location.file->line(f.location.line);
      if (!line.empty()) {
        out += fmt::format("  {}\n", line);
        std::string pad;
        for (int i = 0; i + 1 < f.location.column && static_cast<std::size_t>(i) < line.size(); ++i) {
          pad += line[static_cast<std::size_t>(i)] == '\t' ? '\t' : ' ';
        }
        out += fmt::format("  {}{}^{}\n", pad, color ? "\033[1;32m" : "", reset);
      }
    }
    for (const std::string& note : f.notes) {
      out += fmt::format("{}note:{} {}\n", color ? "\033[1;36m" : "", reset, note);
    }
  }
  std::size_t shown = counts[0] + counts[1] + counts[2];
  if (shown + suppressed > 0) {
    std::vector<std::string> parts;
    if (counts[2] > 0) parts.push_back(plural(counts[2], "error"));
    if (counts[1] > 0) parts.push_back(plural(counts[1], "warning"));
    if (counts[0] > 0) parts.push_back(fmt::format("{} info", counts[0]));
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
