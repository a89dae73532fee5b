// AIP-IAM-008: a GitHub Actions OIDC trust without an audience and a repository-pinned subject.

#include <fmt/format.h>

#include "base/pattern.hpp"
#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace iam_github_oidc {

// The Federated principal names GitHub's provider: as a literal ARN, or
// through Ref / Fn::GetAtt / Fn::Sub / Fn::Join / Fn::ImportValue to an
// AWS::IAM::OIDCProvider of the input whose Url is GitHub's (as the CDK writes it).
bool github_federated(const Context& ctx, const Template& t, const iam::Principals& p) {
  auto it = p.by_kind.find("Federated");
  if (it == p.by_kind.end()) return false;
  for (const Json& v : it->second) {
    std::string text = v.is_string() ? v.get<std::string>() : resolved_text(ctx, t, v).value_or(v.dump());
    if (text.find("token.actions.githubusercontent.com") != std::string::npos) return true;
  }
  return false;
}

void check(Context& ctx) {
  // "repo:OWNER/REPO:..." with no wildcard in the owner or repository.
  static const Pattern pinned(R"(^repo:[^/*?:]+/[^/*?:]+:.+$)");
  for (const PolicyDoc& d : policy_documents(ctx)) {
    if (d.kind != PolicyKind::trust) continue;
    for (std::size_t i = 0; i < d.policy.statements.size(); ++i) {
      const iam::Statement& s = d.policy.statements[i];
      if (s.effect != iam::Effect::Allow || !s.principal || !github_federated(ctx, *d.owner.tmpl, *s.principal)) continue;
      std::vector<std::string> problems;
      auto aud = condition_values(s, "token.actions.githubusercontent.com:aud");
      if (aud.empty()) problems.push_back("no condition on token.actions.githubusercontent.com:aud");
      auto sub = condition_values(s, "token.actions.githubusercontent.com:sub");
      if (sub.empty()) {
        problems.push_back("no condition on token.actions.githubusercontent.com:sub, so every repository on GitHub "
                           "can assume it");
      } else {
        for (const std::string& v : sub) {
          if (!pinned.matches(v)) {
            problems.push_back(fmt::format("subject \"{}\" is not pinned to one repository (repo:OWNER/REPO:...)", v));
          }
        }
      }
      if (problems.empty()) continue;
      std::string text;
      for (const std::string& p : problems) text += fmt::format("{}{}", text.empty() ? "" : "; ", p);
      Path path = d.statement_path(i);
      path.push_back(s.condition.empty() ? "Principal" : "Condition");
      ctx.report(d.owner, path, fmt::format("GitHub OIDC trust of {}: {}", d.owner.display(), text));
    }
  }
}

}  // namespace iam_github_oidc

const Rule& rule_iam_github_oidc() {
  static const Rule rule{
      {"AIP-IAM-008", "GitHub OIDC trust not pinned to a repository", Severity::error,
       {"iam", "exposure", "nist-800-53", "soc2", "iso27001"},
       "GitHub's OIDC provider issues tokens to every workflow of every repository on github.com. A role that trusts "
       "token.actions.githubusercontent.com must check the audience (aud = sts.amazonaws.com) and pin the subject to "
       "your repository (sub = repo:OWNER/REPO:ref:refs/heads/main or :environment:prod); otherwise anyone's "
       "workflow can assume it.",
       "Add {StringEquals: {token.actions.githubusercontent.com:aud: sts.amazonaws.com}, StringLike: "
       "{token.actions.githubusercontent.com:sub: \"repo:my-org/my-repo:ref:refs/heads/main\"}}."},
      &iam_github_oidc::check};
  return rule;
}

}  // namespace aip::lint
