// AIP-IAM-001: Allow with Action "*" or "service:*".
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

bool is_full_wildcard(const std::string& action) {
  return action == "*" || (action.size() > 2 && action.compare(action.size() - 2, 2, ":*") == 0 &&
                           action.find(':') == action.size() - 2);
}

namespace iam_wildcard_action {

// AWS's default key policy: the key's own account (root) may do kms:* on the
// key. It delegates to IAM policies; flagging it would flag every key.
bool default_key_policy(const PolicyDoc& d, const iam::Statement& s) {
  if (d.owner.type() != "AWS::KMS::Key" || !s.principal || !s.action) return false;
  for (const std::string& a : *s.action) {
    if (lower(a) != "kms:*") return false;
  }
  auto it = s.principal->by_kind.find("AWS");
  if (it == s.principal->by_kind.end() || it->second.empty() || s.principal->by_kind.size() != 1) return false;
  for (const Json& p : it->second) {
    auto account = whole_account(p, *d.owner.tmpl);
    // Template files do not say which account they deploy to: a literal root
    // ARN there may be the key's own account, so it is given the benefit.
    if (!account || (*account != "self" && !d.owner.tmpl->account_id.empty())) return false;
  }
  return true;
}

void check(Context& ctx) {
  for (const PolicyDoc& d : policy_documents(ctx)) {
    if (d.kind == PolicyKind::trust) continue;
    for (std::size_t i = 0; i < d.policy.statements.size(); ++i) {
      const iam::Statement& s = d.policy.statements[i];
      if (s.effect != iam::Effect::Allow || !s.action) continue;
      std::string wild;
      for (const std::string& a : *s.action) {
        if (is_full_wildcard(a)) wild += fmt::format("{}\"{}\"", wild.empty() ? "" : ", ", a);
      }
      if (wild.empty() || default_key_policy(d, s)) continue;
      Path path = d.statement_path(i);
      path.push_back("Action");
      ctx.report(d.owner, path,
                 fmt::format("policy of {} allows every action of {} ({}); list the actions the principal needs",
                             d.owner.display(), wild == "\"*\"" ? "every service" : "the service", wild));
    }
  }
}

}  // namespace iam_wildcard_action

const Rule& rule_iam_wildcard_action() {
  static const Rule rule{
      {"AIP-IAM-001", "Allow with Action \"*\" or \"service:*\"", Severity::error,
       {"iam", "nist-800-53", "pci-dss", "hipaa", "soc2", "iso27001"},
       "A statement allowing \"*\" or \"service:*\" grants every current and future action of the service, "
       "including permission management and deletion (s3:* includes s3:PutBucketPolicy and s3:DeleteBucket). "
       "Least privilege (NIST AC-6, PCI DSS 7.2) asks for the actions a workload needs. AWS's default KMS key "
       "policy (kms:* for the key's own account root) is not flagged: it delegates to IAM.",
       "Replace the wildcard with the actions used, e.g. s3:GetObject and s3:PutObject instead of s3:*. IAM Access "
       "Analyzer can generate a policy from CloudTrail activity."},
      &iam_wildcard_action::check};
  return rule;
}

}  // namespace aip::lint
