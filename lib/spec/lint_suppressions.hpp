// Lint suppressions written in the spec, next to the element they suppress:
//   vpcs: {main: {cidr: ..., lint: {suppress: [{rule: AIP-NET-005, reason: "why"}]}}}
//
// Why this shape: `lint` is accepted generically by the Fields reader on every
// element map below the top level, so no area reader has to know about it (and
// a new area gets it for free). Fields hands the `lint` value to
// read_element_lint(), which records each suppression with the span of the
// element's YAML subtree. lib/plan then copies a suppression into the Metadata
// (aip.suppress, the template format) of every rendered resource whose
// provenance lies inside that span, and lib/lint applies it to spec-level
// findings inside the span. Rule ids are checked by load_spec() against the
// list LoadOptions gives it: lib/spec cannot depend on lib/lint's registry.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostics.hpp"
#include "base/yaml_tree.hpp"
#include "spec/located.hpp"

namespace aip::spec {

struct LintSuppression {
  Located<std::string> rule;    // as written; matched case-insensitively, like template suppressions
  Located<std::string> reason;  // never blank
  Location element;             // where the element starts: its name, or its first key
  Location element_end;         // the last node written inside the element

  // True when `where` is inside the element (between its start and its last node).
  bool covers(const Location& where) const;
};

// While one is alive, element suppressions read on this thread are appended to
// `out` (read_spec holds one around the area readers). Without one, as when a
// test runs a single area reader, they are still checked, then dropped.
class LintSuppressionCollector {
 public:
  explicit LintSuppressionCollector(std::vector<LintSuppression>& out);
  ~LintSuppressionCollector();
  LintSuppressionCollector(const LintSuppressionCollector&) = delete;
  LintSuppressionCollector& operator=(const LintSuppressionCollector&) = delete;

 private:
  std::vector<LintSuppression>* previous_;
};

// Reads `lint: {suppress: [{rule, reason}]}` of the element `what` (e.g. "vpc
// 'main'"), whose map is `element` and which starts at `start`.
void read_element_lint(const YamlNode& lint, std::string_view what, Location start, const YamlNode& element,
                       Diagnostics& diags);

// A Guard rule's finding id, "guard:<rule file stem>/<RULE>": the rule file
// is named at lint time (`aip lint --rules`), so any such id may be suppressed.
bool is_guard_rule_id(std::string_view rule);

// Reports every suppression whose rule is not one of `known_rules` (nor a
// Guard rule's id), with a did-you-mean.
void check_lint_suppression_rules(const std::vector<LintSuppression>& suppressions,
                                  const std::vector<std::string>& known_rules, Diagnostics& diags);

}  // namespace aip::spec
