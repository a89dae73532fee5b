// AIP-IAM-003: Allow with NotAction or NotResource.
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace iam_not_action {

void check(Context& ctx) {
  for (const PolicyDoc& d : policy_documents(ctx)) {
    for (std::size_t i = 0; i < d.policy.statements.size(); ++i) {
      const iam::Statement& s = d.policy.statements[i];
      if (s.effect != iam::Effect::Allow) continue;
      for (const char* element : {"NotAction", "NotResource"}) {
        bool present = std::string(element) == "NotAction" ? s.not_action.has_value() : s.not_resource.has_value();
        if (!present) continue;
        Path path = d.statement_path(i);
        path.push_back(element);
        ctx.report(d.owner, path,
                   fmt::format("policy of {} allows with {}: everything except the listed {}, including whatever "
                               "AWS adds later",
                               d.owner.display(), element,
                               std::string(element) == "NotAction" ? "actions" : "resources"));
      }
    }
  }
}

}  // namespace iam_not_action

const Rule& rule_iam_not_action() {
  static const Rule rule{
      {"AIP-IAM-003", "Allow with NotAction or NotResource", Severity::error,
       {"iam", "nist-800-53", "pci-dss", "soc2", "iso27001"},
       "\"Effect\": \"Allow\" with NotAction grants every action except those listed, across all services, "
       "including services and actions AWS launches later; NotResource likewise grants everything but the "
       "listed resources. Such statements are almost always far broader than intended. NotAction belongs in Deny "
       "statements (deny everything except ...).",
       "Rewrite the statement with Action and Resource listing what is allowed. Keep NotAction / NotResource for "
       "Deny statements only."},
      &iam_not_action::check};
  return rule;
}

}  // namespace aip::lint
