// AIP-LINT-001: a suppression without a reason, or for a rule aip does not
// have; and a spec suppression on an element that renders nothing of its own.
#include <algorithm>

#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"
#include "lint/suppressions.hpp"
#include "spec/spec.hpp"

namespace aip::lint {

namespace lint_bad_suppression {

void check(Context& ctx) {
  const std::vector<ResourceRef> resources = ctx.resources();
  for (const ResourceRef& r : resources) {
    for (const Suppression& s : suppressions_of(*r.json)) {
      if (s.valid()) continue;
      ctx.report(r, {"Metadata", "aip", "suppress", std::to_string(s.index)}, s.problem);
    }
  }
  // An ingress rule to a CIDR renders into its security group, not into a
  // resource of its own: a suppression written on the rule would silence
  // nothing, and the finding it was meant for would still fail the build.
  if (ctx.spec() == nullptr) return;
  for (const spec::LintSuppression& s : ctx.spec()->lint_suppressions) {
    bool covers = std::any_of(resources.begin(), resources.end(),
                              [&](const ResourceRef& r) { return s.covers(ctx.locate(r, {})); });
    if (covers) continue;
    ctx.report_at(s.rule.location, fmt::format("this suppression of {} covers nothing: no resource is rendered from "
                                               "the element it is written on (rules to CIDRs render into their "
                                               "security group); write it on the enclosing element",
                                               s.rule.value));
  }
}

}  // namespace lint_bad_suppression

const Rule& rule_lint_bad_suppression() {
  static const Rule rule{
      {"AIP-LINT-001", "Suppression without a reason or for an unknown rule", Severity::error, {"lint"},
       "A suppression (Metadata: {aip: {suppress: [{rule, reason}]}} on a template resource, or lint: {suppress: "
       "[{rule, reason}]} on a spec element) silences a finding where it was written. Reviewers and auditors need "
       "to know why; in a template, a suppression without a reason, or one naming a rule that does not exist, is "
       "ignored and reported instead. In a spec it is an error: the spec does not load. A spec suppression on an "
       "element nothing is rendered from (an ingress rule to a CIDR renders into its security group) would "
       "silence nothing, and is reported too.",
       "Write the rule id exactly as `aip rules` lists it and a reason: {rule: AIP-EXP-002, reason: \"public SMTP "
       "relay, port 587 by design\"}. In a spec, write it on the element that renders the resource (the security "
       "group rather than its rule to a CIDR)."},
      &lint_bad_suppression::check};
  return rule;
}

}  // namespace aip::lint
