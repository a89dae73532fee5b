// Organisation policies written as CloudFormation Guard rules, run next to the
// built-in rules: each failing Guard rule becomes a finding with the id
// "guard:<file stem>/<RULE>", at the spec line (through the resource's
// provenance) or the template line, suppressible like any other finding.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostics.hpp"
#include "base/source.hpp"
#include "guard/ast.hpp"

namespace aip::lint {

class Context;

// One parsed rule file with the severity of each of its rules.
struct GuardRuleSet {
  std::string prefix;                   // "guard:<file stem>"
  const SourceFile* file = nullptr;     // the rule file, for severity comments and locations
  guard::RuleFile rules;
  Severity default_severity = Severity::error;  // --guard-severity
  // A rule's severity: a `# severity: warning` line in the comment block
  // directly above `rule NAME`, else default_severity.
  Severity severity_of(const guard::Rule& rule) const;
};

// Reads `text` of a rule file already parsed: the set with its prefix.
GuardRuleSet make_guard_rule_set(const SourceFile& file, guard::RuleFile rules, Severity default_severity);

// Evaluates every set over every template of the context's input and reports
// one finding per failure (one per resource and rule when Guard names no
// property). Findings carry their rule id; the caller applies suppressions.
void report_guard_findings(Context& ctx, const std::vector<GuardRuleSet>& sets);

}  // namespace aip::lint
