// AIP-IAM-007: a trust policy that trusts another whole account without sts:ExternalId or aws:PrincipalOrgID.
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace iam_trust_whole_account {

void check(Context& ctx) {
  for (const PolicyDoc& d : policy_documents(ctx)) {
    if (d.kind != PolicyKind::trust) continue;
    for (std::size_t i = 0; i < d.policy.statements.size(); ++i) {
      const iam::Statement& s = d.policy.statements[i];
      if (s.effect != iam::Effect::Allow || !s.principal) continue;
      auto it = s.principal->by_kind.find("AWS");
      if (it == s.principal->by_kind.end()) continue;
      if (has_condition_key(s, "sts:ExternalId") || has_condition_key(s, "aws:PrincipalOrgID") ||
          has_condition_key(s, "aws:PrincipalArn")) {
        continue;
      }
      for (const Json& p : it->second) {
        auto account = whole_account(p, *d.owner.tmpl);
        if (!account || *account == "self") continue;
        Path path = d.statement_path(i);
        path.push_back("Principal");
        ctx.report(d.owner, path,
                   fmt::format("trust policy of {} trusts every principal of account {} without an sts:ExternalId "
                               "or aws:PrincipalOrgID condition",
                               d.owner.display(), *account));
        break;
      }
    }
  }
}

}  // namespace iam_trust_whole_account

const Rule& rule_iam_trust_whole_account() {
  static const Rule rule{
      {"AIP-IAM-007", "Role trusts a whole other account without ExternalId or organization condition",
       Severity::warning, {"iam", "nist-800-53", "soc2", "iso27001"},
       "Trusting arn:aws:iam::<account>:root delegates the decision to that account: any of its principals that "
       "its administrators allow can assume the role. For third parties this is the confused-deputy problem, "
       "which sts:ExternalId addresses; within your organization, aws:PrincipalOrgID (or naming the roles) keeps "
       "the trust to identities you control. The role's own account is not flagged.",
       "Name the roles that may assume this one (arn:aws:iam::<account>:role/deployer), or add a condition "
       "{StringEquals: {sts:ExternalId: <secret agreed with the third party>}} or on aws:PrincipalOrgID."},
      &iam_trust_whole_account::check};
  return rule;
}

}  // namespace aip::lint
