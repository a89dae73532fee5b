// AIP-IAM-011: an action or service prefix that does not exist (per aip's catalog).
#include <fmt/format.h>

#include "iam/action_catalog.hpp"
#include "base/did_you_mean.hpp"
#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace iam_unknown_action {

void check(Context& ctx) {
  const iam::ActionCatalog& catalog = iam::ActionCatalog::embedded();
  for (const PolicyDoc& d : policy_documents(ctx)) {
    for (std::size_t i = 0; i < d.policy.statements.size(); ++i) {
      const iam::Statement& s = d.policy.statements[i];
      for (const char* element : {"Action", "NotAction"}) {
        const auto& list = std::string(element) == "Action" ? s.action : s.not_action;
        if (!list) continue;
        for (const std::string& pattern : *list) {
          if (pattern == "*") continue;
          std::string prefix = iam::service_prefix(pattern);
          std::string message;
          if (prefix.empty()) {
            message = fmt::format("\"{}\" is not an action (service:Action)", pattern);
          } else if (prefix.find_first_of("*?") != std::string::npos) {
            continue;  // "*:Describe*" spans services
          } else if (!catalog.known_service(prefix)) {
            message = fmt::format("unknown service prefix \"{}\" in \"{}\"{}", prefix, pattern,
                                  did_you_mean(prefix, catalog.services(), Quote::double_));
          } else if (pattern.find_first_of("*?") == std::string::npos) {
            if (catalog.known_action(pattern)) continue;
            message = fmt::format("unknown action \"{}\"{}", pattern, did_you_mean(pattern, catalog.expand(prefix + ":*"), Quote::double_));
          } else {
            if (!catalog.expand(pattern).empty()) continue;
            message = fmt::format("\"{}\" matches no action of {}", pattern, prefix);
          }
          Path path = d.statement_path(i);
          path.push_back(element);
          ctx.report(d.owner, path, fmt::format("policy of {}: {}", d.owner.display(), message));
        }
      }
    }
  }
}

}  // namespace iam_unknown_action

const Rule& rule_iam_unknown_action() {
  static const Rule rule{
      {"AIP-IAM-011", "Unknown IAM service or action", Severity::warning, {"iam"},
       "IAM accepts policies with actions that do not exist and silently grants nothing for them. A typo "
       "(s3:GetObjects, dynamo:GetItem) leaves a workload without the permission it needs, and a wildcard that "
       "matches nothing hides the mistake. aip checks actions against its catalog of the AWS Service "
       "Authorization Reference.",
       "Correct the action name (the message suggests the closest one). If AWS launched the action after aip's "
       "catalog was built, suppress the finding with a reason and update aip."},
      &iam_unknown_action::check};
  return rule;
}

}  // namespace aip::lint
