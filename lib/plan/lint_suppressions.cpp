// Spec `lint:` suppressions onto rendered resources: after every area is
// planned, each resource gets the suppressions of the elements its provenance
// lies in, as Metadata {aip: {suppress: [{rule, reason, from: spec}]}} (the
// format template suppressions use). Done centrally so area planners need not know,
// and so `aip lint` on the synthesized template, and reviewers reading it, see
// exactly what the spec suppressed.
#include <algorithm>

#include "plan/plan.hpp"

namespace aip::plan {

void attach_lint_suppressions(const spec::Spec& spec, cfn::Assembly& assembly) {
  if (spec.lint_suppressions.empty()) return;
  for (cfn::Stack& stack : assembly.stacks) {
    for (cfn::Resource& r : stack.resources) {
      cfn::Json list = cfn::Json::array();
      for (const spec::LintSuppression& s : spec.lint_suppressions) {
        if (!s.covers(r.provenance)) continue;
        // "from": "spec" tells lint on this template alone that the spec's
        // lint judges whether it is stale (AIP-LINT-002): the element may
        // render into other stacks, where it does its work.
        cfn::Json entry = {{"rule", s.rule.value}, {"reason", s.reason.value}, {"from", "spec"}};
        // An element and one inside it may both suppress a rule with the same reason.
        if (std::find(list.begin(), list.end(), entry) == list.end()) list.push_back(std::move(entry));
      }
      if (list.empty()) continue;
      if (!r.metadata.is_object()) r.metadata = cfn::Json::object();
      r.metadata["aip"]["suppress"] = std::move(list);
    }
  }
}

}  // namespace aip::plan
