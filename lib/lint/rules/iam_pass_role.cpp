// AIP-IAM-004: iam:PassRole on "*" or without an iam:PassedToService condition.
#include <fmt/format.h>

#include "iam/wildcard.hpp"
#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace iam_pass_role {

bool broad_role_resource(const Json& r) {
  if (!r.is_string()) return false;
  std::string text = r.get<std::string>();
  return text == "*" || text.ends_with(":role/*") || text.ends_with(":*");
}

void check(Context& ctx) {
  for (const PolicyDoc& d : policy_documents(ctx)) {
    if (d.kind != PolicyKind::identity) continue;
    for (std::size_t i = 0; i < d.policy.statements.size(); ++i) {
      const iam::Statement& s = d.policy.statements[i];
      if (s.effect != iam::Effect::Allow || !s.action) continue;
      bool passes = false;
      for (const std::string& a : *s.action) {
        if (!is_full_wildcard(a) && iam::action_matches(a, "iam:PassRole")) passes = true;
      }
      if (!passes) continue;
      bool any_role = false;
      if (s.resource) {
        for (const Json& r : *s.resource) any_role = any_role || broad_role_resource(r);
      }
      bool scoped_service = has_condition_key(s, "iam:PassedToService");
      if (!any_role && scoped_service) continue;
      Path path = d.statement_path(i);
      path.push_back(any_role ? "Resource" : "Action");
      std::string what = any_role && !scoped_service ? "on any role and without an iam:PassedToService condition"
                         : any_role                  ? "on any role"
                                                     : "without an iam:PassedToService condition";
      ctx.report(d.owner, path,
                 fmt::format("policy of {} allows iam:PassRole {}: the principal can hand roles to services that "
                             "then act with the roles' permissions",
                             d.owner.display(), what));
    }
  }
}

}  // namespace iam_pass_role

const Rule& rule_iam_pass_role() {
  static const Rule rule{
      {"AIP-IAM-004", "iam:PassRole on any role or to any service", Severity::error,
       {"iam", "nist-800-53", "pci-dss", "soc2", "iso27001"},
       "iam:PassRole lets a principal give a role to an AWS service (a Lambda function, an ECS task, an EC2 "
       "instance). On Resource \"*\" it can pass the most privileged role in the account; without an "
       "iam:PassedToService condition it can pass the role to any service, including ones that run its own code. "
       "Both are classic privilege-escalation paths.",
       "Name the roles that may be passed (arn:aws:iam::<account>:role/my-task-role) and add a condition "
       "{StringEquals: {iam:PassedToService: ecs-tasks.amazonaws.com}}."},
      &iam_pass_role::check};
  return rule;
}

}  // namespace aip::lint
