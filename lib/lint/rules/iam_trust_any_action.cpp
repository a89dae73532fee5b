// AIP-IAM-020: a trust policy that allows every action ("*") instead of
// sts:AssumeRole and its siblings (checkov CKV2_AWS_68 for notebook roles;
// aip checks every role).
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace iam_trust_any_action {

void check(Context& ctx) {
  for (const PolicyDoc& d : policy_documents(ctx)) {
    if (d.kind != PolicyKind::trust) continue;
    for (std::size_t i = 0; i < d.policy.statements.size(); ++i) {
      const iam::Statement& s = d.policy.statements[i];
      if (s.effect != iam::Effect::Allow || !s.action) continue;
      bool any = false;
      for (const std::string& a : *s.action) any = any || a == "*" || lower(a) == "sts:*";
      if (!any) continue;
      Path path = d.statement_path(i);
      path.push_back("Action");
      ctx.report(d.owner, path,
                 fmt::format("trust policy of {} allows every action (\"*\"): its principals may also tag sessions, "
                             "pass identities and assume the role with web identity or SAML; allow sts:AssumeRole "
                             "(or the one action the principal needs)",
                             d.owner.display()));
    }
  }
}

}  // namespace iam_trust_any_action

const Rule& rule_iam_trust_any_action() {
  static const Rule rule{
      {"AIP-IAM-020", "Trust policy allowing every action", Severity::warning,
       {"iam", "nist-800-53", "pci-dss", "soc2", "iso27001"},
       "A role's trust policy decides who may become the role and how: sts:AssumeRole, "
       "sts:AssumeRoleWithWebIdentity, sts:AssumeRoleWithSAML, sts:TagSession, sts:SetSourceIdentity. Action "
       "\"*\" (or sts:*) grants all of them, so the trusted principal may set session tags that ABAC policies "
       "trust or assume the role by a federation path nobody meant to open (checkov CKV2_AWS_68 checks SageMaker "
       "notebook roles; aip checks every role's trust policy).",
       "Allow the action the principal uses: sts:AssumeRole for a service or an account, "
       "sts:AssumeRoleWithWebIdentity for an OIDC provider, adding sts:TagSession only where session tags are "
       "needed."},
      &iam_trust_any_action::check};
  return rule;
}

}  // namespace aip::lint
