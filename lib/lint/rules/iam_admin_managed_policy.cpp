// AIP-IAM-010: an admin-equivalent AWS managed policy attached.

#include <fmt/format.h>

#include "base/pattern.hpp"
#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace iam_admin_managed_policy {

void check(Context& ctx) {
  static const Pattern admin(R"(iam::aws:policy/(AdministratorAccess|PowerUserAccess|IAMFullAccess)$)");
  for (const char* type : {"AWS::IAM::Role", "AWS::IAM::User", "AWS::IAM::Group"}) {
    for (const ResourceRef& r : ctx.resources(type)) {
      const Json* list = member(r.properties(), "ManagedPolicyArns");
      if (list == nullptr || !list->is_array()) continue;
      for (std::size_t i = 0; i < list->size(); ++i) {
        const Json& arn = (*list)[i];
        // Fn::Sub / Fn::Join of the partition, as the AWS CDK writes managed policy ARNs.
        const std::string text = arn.is_string() ? arn.get<std::string>() : resolved_text(ctx, *r.tmpl, arn).value_or("");
        if (!admin.found_in(text)) continue;
        const std::string name = text.substr(text.rfind('/') + 1);
        ctx.report(r, {"Properties", "ManagedPolicyArns", std::to_string(i)},
                   fmt::format("{} has the AWS managed policy {} attached, which is administrator-equivalent",
                               r.display(), name));
      }
    }
  }
}

}  // namespace iam_admin_managed_policy

const Rule& rule_iam_admin_managed_policy() {
  static const Rule rule{
      {"AIP-IAM-010", "Administrator-equivalent managed policy attached", Severity::error,
       {"iam", "nist-800-53", "pci-dss", "hipaa", "soc2", "iso27001"},
       "AdministratorAccess grants everything; PowerUserAccess everything but IAM, which still reaches most data and "
       "can often escalate through service roles; IAMFullAccess can grant itself anything. Attached to a workload "
       "role, user or group, any compromise of it is a compromise of the account.",
       "Write a policy with the actions the principal needs, or attach narrower AWS managed policies (job-function "
       "or service read-only policies). Keep administrator access in IAM Identity Center permission sets with MFA."},
      &iam_admin_managed_policy::check};
  return rule;
}

}  // namespace aip::lint
