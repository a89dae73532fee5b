// Spec `lint:` suppressions onto rendered resources: after every area is
// planned, each resource gets the suppressions of the elements its provenance
// lies in, as Metadata {aip: {suppress: [{rule, reason, from: spec}]}} (the
// format template suppressions use). Done centrally so area planners need not know,
// and so `aip lint` on the synthesized template, and reviewers reading it, see
// exactly what the spec suppressed. Where an aip rule maps to a rule of
// cfn_nag, checkov, cdk-nag or cfn-lint (spec/foreign_rules.hpp), the same
// suppression is written in that tool's form too, so the other tools agree
// with the reviewed reason.
#include <algorithm>

#include "plan/plan.hpp"
#include "spec/foreign_rules.hpp"

namespace aip::plan {

namespace lint_suppressions {

void push_unique(cfn::Json& list, cfn::Json entry) {
  if (std::find(list.begin(), list.end(), entry) == list.end()) list.push_back(std::move(entry));
}

// The foreign forms of one spec suppression, added to `meta`.
void add_foreign_forms(const spec::LintSuppression& s, cfn::Json& meta) {
  using spec::ForeignTool;
  for (std::string_view id : spec::foreign_ids(s.rule.value, ForeignTool::cfn_nag)) {
    push_unique(meta["cfn_nag"]["rules_to_suppress"], {{"id", std::string(id)}, {"reason", s.reason.value}});
  }
  for (std::string_view id : spec::foreign_ids(s.rule.value, ForeignTool::checkov)) {
    push_unique(meta["checkov"]["skip"], {{"id", std::string(id)}, {"comment", s.reason.value}});
  }
  for (std::string_view id : spec::foreign_ids(s.rule.value, ForeignTool::cdk_nag)) {
    push_unique(meta["cdk_nag"]["rules_to_suppress"], {{"id", std::string(id)}, {"reason", s.reason.value}});
  }
  for (std::string_view id : spec::foreign_ids(s.rule.value, ForeignTool::cfn_lint)) {
    push_unique(meta["cfn-lint"]["config"]["ignore_checks"], std::string(id));
  }
}

}  // namespace lint_suppressions

void attach_lint_suppressions(const spec::Spec& spec, cfn::Assembly& assembly) {
  if (spec.lint_suppressions.empty()) return;
  for (cfn::Stack& stack : assembly.stacks) {
    for (cfn::Resource& r : stack.resources) {
      cfn::Json list = cfn::Json::array();
      cfn::Json foreign = cfn::Json::object();
      for (const spec::LintSuppression& s : spec.lint_suppressions) {
        if (!s.covers(r.provenance)) continue;
        // "from": "spec" tells lint on this template alone that the spec's
        // lint judges whether it is stale (AIP-LINT-002): the element may
        // render into other stacks, where it does its work.
        cfn::Json entry = {{"rule", s.rule.value}, {"reason", s.reason.value}, {"from", "spec"}};
        // An element and one inside it may both suppress a rule with the same reason.
        lint_suppressions::push_unique(list, std::move(entry));
        lint_suppressions::add_foreign_forms(s, foreign);
      }
      if (list.empty()) continue;
      if (!r.metadata.is_object()) r.metadata = cfn::Json::object();
      r.metadata["aip"]["suppress"] = std::move(list);
      for (auto& [tool, value] : foreign.items()) r.metadata[tool] = std::move(value);
    }
  }
}

}  // namespace aip::plan
