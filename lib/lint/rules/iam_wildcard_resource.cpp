// AIP-IAM-002: Resource "*" on actions that support resource-level permissions.
#include <fmt/format.h>

#include "iam/action_catalog.hpp"
#include "iam/templates.hpp"
#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace iam_wildcard_resource {

void check(Context& ctx) {
  const iam::ActionCatalog& catalog = iam::ActionCatalog::embedded();
  for (const PolicyDoc& d : policy_documents(ctx)) {
    if (d.kind != PolicyKind::identity) continue;
    for (std::size_t i = 0; i < d.policy.statements.size(); ++i) {
      const iam::Statement& s = d.policy.statements[i];
      if (s.effect != iam::Effect::Allow || !s.action || !resource_is_any(s)) continue;
      std::vector<std::string> scoped;
      for (const std::string& pattern : *s.action) {
        if (is_full_wildcard(pattern)) continue;  // AIP-IAM-001
        for (const std::string& a : catalog.expand(pattern)) {
          if (lower(a) == "iam:passrole") continue;  // AIP-IAM-004
          if (catalog.supports_resource_level(a) && !iam::needs_any_resource(a)) scoped.push_back(a);
        }
      }
      if (scoped.empty()) continue;
      std::string list;
      for (std::size_t k = 0; k < scoped.size() && k < 3; ++k) list += fmt::format("{}{}", k ? ", " : "", scoped[k]);
      if (scoped.size() > 3) list += fmt::format(" and {} more", scoped.size() - 3);
      Path path = d.statement_path(i);
      path.push_back("Resource");
      ctx.report(d.owner, path,
                 fmt::format("policy of {} grants {} on Resource \"*\", though {} can be scoped to specific "
                             "resources",
                             d.owner.display(), list, scoped.size() == 1 ? "it" : "they"));
    }
  }
}

}  // namespace iam_wildcard_resource

const Rule& rule_iam_wildcard_resource() {
  static const Rule rule{
      {"AIP-IAM-002", "Resource \"*\" on actions that support resource-level permissions", Severity::warning,
       {"iam", "nist-800-53", "pci-dss", "hipaa", "soc2", "iso27001"},
       "Resource \"*\" lets the principal act on every resource of that type in the account: every bucket, every "
       "table, every secret. Actions that support resource-level permissions (per the Service Authorization "
       "Reference in aip's action catalog) should name their resources. Actions that only accept \"*\" (such as "
       "ec2:DescribeInstances or s3:ListAllMyBuckets) are not flagged, nor the few whose only resource types are "
       "optional extras that ordinary calls never name (cloudwatch:GetMetricData, ce:GetCostAndUsage; the list is in "
       "docs/areas/iam.md).",
       "Name the resources by ARN (arn:aws:s3:::my-bucket/*), or narrow with conditions such as "
       "aws:ResourceTag/Project. Split statements so that actions needing \"*\" keep it alone."},
      &iam_wildcard_resource::check};
  return rule;
}

}  // namespace aip::lint
