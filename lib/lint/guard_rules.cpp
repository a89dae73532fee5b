// Guard rule results -> lint findings. Guard says which resource and which
// property failed; lint says where that is (the spec line that produced the
// resource, or the template line) and applies the suppressions.
#include "lint/guard_rules.hpp"

#include <algorithm>
#include <set>
#include <tuple>

#include <fmt/format.h>

#include "guard/evaluator.hpp"
#include "lint/lint.hpp"

namespace aip::lint {
namespace guard_rules {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

std::string lowered(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return out;
}

// "# severity: warning" (any case); nullopt for any other line.
std::optional<Severity> severity_comment(std::string_view comment) {
  std::string text = lowered(trim(comment.substr(1)));
  constexpr std::string_view kKey = "severity";
  if (text.compare(0, kKey.size(), kKey) != 0) return std::nullopt;
  std::string_view rest = trim(std::string_view(text).substr(kKey.size()));
  if (rest.empty() || rest.front() != ':') return std::nullopt;
  return parse_severity(trim(rest.substr(1)));
}

// "/Properties/A/0" -> {"Properties", "A", "0"} (JSON pointer escapes undone).
Path pointer_path(std::string_view pointer) {
  Path out;
  std::size_t start = 1;
  while (start <= pointer.size() && !pointer.empty()) {
    std::size_t slash = pointer.find('/', start);
    std::string part(pointer.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start));
    std::string unescaped;
    for (std::size_t i = 0; i < part.size(); ++i) {
      if (part[i] == '~' && i + 1 < part.size() && (part[i + 1] == '0' || part[i + 1] == '1')) {
        unescaped += part[i + 1] == '0' ? '~' : '/';
        ++i;
      } else {
        unescaped += part[i];
      }
    }
    out.push_back(std::move(unescaped));
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return out;
}

std::string file_stem(const std::string& path) {
  std::size_t slash = path.find_last_of('/');
  std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
  std::size_t dot = name.find_last_of('.');
  return dot == std::string::npos || dot == 0 ? name : name.substr(0, dot);
}

std::string message_of(const guard::Failure& f, const std::string& rule) {
  if (!f.message.empty()) return std::string(trim(f.message));
  std::string text = fmt::format("Guard rule {} fails: {}", rule, f.clause);
  if (!f.missing.empty()) text += fmt::format(" ({} is not set)", f.missing);
  return text;
}

}  // namespace guard_rules

Severity GuardRuleSet::severity_of(const guard::Rule& rule) const {
  if (file == nullptr) return default_severity;
  // The comment block directly above the rule: stop at the first line that is
  // not a comment.
  for (int line = rule.location.line - 1; line >= 1; --line) {
    std::string_view text = guard_rules::trim(file->line(line));
    if (text.empty() || text.front() != '#') break;
    if (auto s = guard_rules::severity_comment(text)) return *s;
  }
  return default_severity;
}

GuardRuleSet make_guard_rule_set(const SourceFile& file, guard::RuleFile rules, Severity default_severity) {
  GuardRuleSet set;
  set.prefix = "guard:" + guard_rules::file_stem(file.path);
  set.file = &file;
  set.rules = std::move(rules);
  set.default_severity = default_severity;
  return set;
}

void report_guard_findings(Context& ctx, const std::vector<GuardRuleSet>& sets) {
  for (const Template& t : ctx.input().templates) {
    for (const GuardRuleSet& set : sets) {
      // Guard reports a clause once per value it fails on (every tag of a
      // `some Tags[*]` block); a reader wants one finding per resource and clause.
      std::set<std::tuple<std::string, std::string, std::string, std::string>> seen;
      for (const guard::RuleResult& result : guard::evaluate(set.rules, t.json)) {
        if (result.status != guard::Status::fail) continue;
        const guard::Rule* rule = nullptr;
        for (const guard::Rule& r : set.rules.rules) {
          if (r.name == result.name) rule = &r;
        }
        const Severity severity = rule != nullptr ? set.severity_of(*rule) : set.default_severity;
        const std::string id = set.prefix + "/" + result.name;
        for (const guard::Failure& failure : result.failures) {
          std::string message = guard_rules::message_of(failure, result.name);
          if (!seen.insert({id, failure.resource, message, failure.clause}).second) continue;
          Finding* f = nullptr;
          if (auto resource = failure.resource.empty() ? std::nullopt : ctx.find(t, failure.resource)) {
            f = &ctx.report(*resource, guard_rules::pointer_path(failure.property), std::move(message), severity);
          } else {
            f = &ctx.report_at(Location{}, std::move(message));
            f->severity = severity;
            f->resource = t.name;
          }
          f->rule = id;
          f->note(failure.location, fmt::format("the clause of Guard rule {} that fails", result.name));
        }
      }
    }
  }
}

}  // namespace aip::lint
