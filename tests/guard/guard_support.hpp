// Helpers for the Guard tests: parse rule text, evaluate it over a JSON document.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/diagnostics.hpp"
#include "base/source.hpp"
#include "guard/evaluator.hpp"
#include "guard/parser.hpp"

namespace guard_test {

// Each parse error as "line:col: message".
inline std::vector<std::string> parse_errors(const std::string& rules) {
  aip::SourceManager sources;
  aip::Diagnostics diags;
  const aip::SourceFile& file = sources.add("test.guard", rules);
  aip::guard::parse_rule_file(file, diags);
  std::vector<std::string> out;
  for (const aip::Diagnostic& d : diags.sorted()) {
    out.push_back(std::to_string(d.location.line) + ":" + std::to_string(d.location.column) + ": " + d.message);
  }
  return out;
}

// The rule file stays alive with its source for the locations in results.
struct Parsed {
  aip::SourceManager sources;
  aip::Diagnostics diags;
  std::optional<aip::guard::RuleFile> file;
};

inline std::unique_ptr<Parsed> parse(const std::string& rules) {
  auto p = std::make_unique<Parsed>();
  p->file = aip::guard::parse_rule_file(p->sources.add("test.guard", rules), p->diags);
  return p;
}

inline std::vector<aip::guard::RuleResult> run(const std::string& rules, const nlohmann::json& document,
                                               const aip::guard::EvalOptions& options = {}) {
  auto p = parse(rules);
  if (!p->file) throw std::runtime_error("rules do not parse: " + aip::render_all(p->diags, false));
  return aip::guard::evaluate(*p->file, document, options);
}

// The status of the one rule (or of the named rule) as "PASS", "FAIL", "SKIP".
inline std::string status(const std::string& rules, const nlohmann::json& document, const std::string& rule = "") {
  for (const auto& r : run(rules, document)) {
    if (rule.empty() || r.name == rule) return aip::guard::status_name(r.status);
  }
  return "no such rule";
}

}  // namespace guard_test
