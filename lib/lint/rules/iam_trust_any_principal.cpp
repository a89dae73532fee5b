// AIP-IAM-006: a trust policy that lets anyone assume the role.
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace iam_trust_any_principal {

void check(Context& ctx) {
  for (const PolicyDoc& d : policy_documents(ctx)) {
    if (d.kind != PolicyKind::trust) continue;
    for (std::size_t i = 0; i < d.policy.statements.size(); ++i) {
      const iam::Statement& s = d.policy.statements[i];
      if (s.effect != iam::Effect::Allow || !s.principal) continue;
      bool anyone = s.principal->any;
      if (auto it = s.principal->by_kind.find("AWS"); it != s.principal->by_kind.end()) {
        for (const Json& v : it->second) anyone = anyone || v == "*";
      }
      if (!anyone) continue;
      bool narrowed = false;
      for (const char* key : {"aws:PrincipalOrgID", "aws:PrincipalAccount", "aws:PrincipalArn", "aws:PrincipalOrgPaths"}) {
        narrowed = narrowed || has_condition_key(s, key);
      }
      if (narrowed) continue;
      Path path = d.statement_path(i);
      path.push_back("Principal");
      ctx.report(d.owner, path,
                 fmt::format("trust policy of {} lets any AWS principal in any account assume the role "
                             "(Principal \"*\")",
                             d.owner.display()));
    }
  }
}

}  // namespace iam_trust_any_principal

const Rule& rule_iam_trust_any_principal() {
  static const Rule rule{
      {"AIP-IAM-006", "Role assumable by anyone (Principal \"*\")", Severity::error,
       {"iam", "exposure", "nist-800-53", "pci-dss", "soc2", "iso27001"},
       "A trust policy with Principal \"*\" lets every IAM principal of every AWS account assume the role, unless "
       "a condition limits the caller's organization, account or ARN. Anyone who learns the role's ARN gets its "
       "permissions.",
       "Name the principals that may assume the role (a role ARN, an account with sts:ExternalId, a service "
       "principal), or add a condition on aws:PrincipalOrgID / aws:PrincipalArn."},
      &iam_trust_any_principal::check};
  return rule;
}

}  // namespace aip::lint
