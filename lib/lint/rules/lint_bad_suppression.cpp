// AIP-LINT-001: a suppression without a reason, or for a rule aip does not have.
#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"
#include "lint/suppressions.hpp"

namespace aip::lint {

namespace {

void check(Context& ctx) {
  for (const ResourceRef& r : ctx.resources()) {
    for (const Suppression& s : suppressions_of(*r.json)) {
      if (s.valid()) continue;
      ctx.report(r, {"Metadata", "aip", "suppress", std::to_string(s.index)}, s.problem);
    }
  }
}

}  // namespace

const Rule& rule_lint_bad_suppression() {
  static const Rule rule{
      {"AIP-LINT-001", "Suppression without a reason or for an unknown rule", Severity::error, {"lint"},
       "A suppression (Metadata: {aip: {suppress: [{rule, reason}]}}) silences a finding where it was written. "
       "Reviewers and auditors need to know why; a suppression without a reason, or one naming a rule that does "
       "not exist, is ignored and reported instead.",
       "Write the rule id exactly as `aip rules` lists it and a reason: {rule: AIP-EXP-002, reason: \"public SMTP "
       "relay, port 587 by design\"}."},
      &check};
  return rule;
}

}  // namespace aip::lint
