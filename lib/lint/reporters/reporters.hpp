// Reporters: findings -> text (clang style, drawn by base's render()), JSON,
// SARIF 2.1.0, JUnit XML, GitHub Actions annotations. Suppressed findings
// appear (marked) in JSON and SARIF; text, JUnit and GitHub leave them out of
// the failures. Notes with a location: text draws them the clang way, JSON
// lists them under "related", SARIF as relatedLocations, GitHub in the message.
#pragma once

#include <string>
#include <vector>

#include "lint/lint.hpp"

namespace aip::lint {

struct ReportOptions {
  bool color = false;                    // text only
  std::string tool_version = "0.0.0";
  std::vector<const Rule*> rules;        // the rules that ran (SARIF metadata, JUnit test cases)
  Severity fail_on = Severity::error;    // JUnit: findings at or above are failures
};

std::string report_text(const std::vector<Finding>& findings, const ReportOptions& options);
std::string report_json(const std::vector<Finding>& findings, const ReportOptions& options);
std::string report_sarif(const std::vector<Finding>& findings, const ReportOptions& options);
std::string report_junit(const std::vector<Finding>& findings, const ReportOptions& options);
std::string report_github(const std::vector<Finding>& findings, const ReportOptions& options);

// One rule's documentation as `aip explain` prints it.
std::string explain_text(const Rule& rule);
// `aip rules`: a table, or JSON (a list of rule objects).
std::string rules_table(const std::vector<const Rule*>& rules);
Json rules_json(const std::vector<const Rule*>& rules);
Json rule_json(const Rule& rule);
// The rule reference (docs/lint.md is this output for all rules).
std::string rules_markdown(const std::vector<const Rule*>& rules);
// The parity table with cdk-nag and checkov (data/lint-parity.tsv), the last section of rules_markdown.
std::string parity_markdown();

}  // namespace aip::lint

namespace aip::lint {

// `aip rules --pack NAME`: a compliance pack's two sides, the lint rules
// tagged with it (review time) and the AWS Config managed rules it deploys
// (spec/compliance.hpp: the running platform), side by side where they check
// the same thing. docs/compliance-packs.md is packs_markdown().
std::vector<const Rule*> pack_lint_rules(const std::string& pack);
std::string pack_text(const std::string& pack);
Json pack_json(const std::string& pack);
std::string pack_markdown(const std::string& pack);
std::string packs_markdown();  // every pack, with the page's introduction

}  // namespace aip::lint
