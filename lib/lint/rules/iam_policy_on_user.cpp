// AIP-IAM-015: IAM permissions attached to users rather than groups or roles
// (checkov CKV_AWS_40; cdk-nag IAMUserNoPolicies in its HIPAA, NIST and PCI packs).
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace iam_policy_on_user {

bool non_empty(const Json* v) { return v != nullptr && !(v->is_array() && v->empty()); }

void check(Context& ctx) {
  for (const char* type : {"AWS::IAM::Policy", "AWS::IAM::ManagedPolicy"}) {
    for (const ResourceRef& p : ctx.resources(type)) {
      const Json* users = member(p.properties(), "Users");
      if (!non_empty(users)) continue;
      ctx.report(p, {"Properties", "Users"},
                 fmt::format("policy {} is attached to IAM users: attach it to a group or a role the users assume",
                             p.display()));
    }
  }
  for (const ResourceRef& u : ctx.resources("AWS::IAM::User")) {
    for (const char* key : {"Policies", "ManagedPolicyArns"}) {
      if (!non_empty(member(u.properties(), key))) continue;
      ctx.report(u, {"Properties", key},
                 fmt::format("IAM user {} has its own {}: grant permissions through a group or a role instead",
                             u.display(), std::string(key) == "Policies" ? "inline policies" : "managed policies"));
    }
  }
}

}  // namespace iam_policy_on_user

const Rule& rule_iam_policy_on_user() {
  static const Rule rule{
      {"AIP-IAM-015", "IAM policy attached to a user", Severity::warning,
       {"iam", "nist-800-53", "pci-dss", "hipaa", "soc2", "iso27001"},
       "Permissions attached user by user drift apart: nobody can say what a job function may do, a person who "
       "changes team keeps what the old team needed, and reviewing access means reading every user. Groups (or "
       "better, roles assumed through IAM Identity Center or federation) give each function one place that "
       "grants and revokes it (checkov CKV_AWS_40 for AWS::IAM::Policy Users; cdk-nag IAMUserNoPolicies, in its "
       "HIPAA, NIST 800-53 and PCI packs, for users' own policies; CIS AWS 1.15).",
       "Attach the policy to an AWS::IAM::Group (Groups) and add the users to it with UserToGroupAddition or the "
       "user's Groups, or to a role the users assume. aip's `iam:` area creates no users."},
      &iam_policy_on_user::check};
  return rule;
}

}  // namespace aip::lint
