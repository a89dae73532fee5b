// AIP-IAM-013: a Lambda permission for an AWS service that does not say on
// whose behalf the service may call: no SourceArn, no SourceAccount (checkov
// CKV_AWS_364).
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace iam_lambda_permission_source {

bool is_service_principal(const std::string& p) {
  return p.ends_with(".amazonaws.com") || p.ends_with(".amazonaws.com.cn");
}

void check(Context& ctx) {
  for (const ResourceRef& r : ctx.resources("AWS::Lambda::Permission")) {
    const Json* principal = member(r.properties(), "Principal");
    if (principal == nullptr || !principal->is_string() || !is_service_principal(principal->get<std::string>())) {
      continue;
    }
    if (member(r.properties(), "SourceArn") != nullptr || member(r.properties(), "SourceAccount") != nullptr) continue;
    ctx.report(r, {"Properties", "Principal"},
               fmt::format("Lambda permission {} lets {} invoke the function on behalf of any account and resource "
                           "(no SourceArn or SourceAccount)",
                           r.display(), principal->get<std::string>()));
  }
}

}  // namespace iam_lambda_permission_source

const Rule& rule_iam_lambda_permission_source() {
  static const Rule rule{
      {"AIP-IAM-013", "Lambda permission for a service without SourceArn or SourceAccount", Severity::warning,
       {"iam", "exposure", "nist-800-53", "pci-dss", "soc2", "iso27001"},
       "A permission that names only a service principal (s3.amazonaws.com, events.amazonaws.com, "
       "sns.amazonaws.com, ...) lets that service invoke the function for any of its customers: anyone who points "
       "their own bucket notification, rule or topic at the function's ARN can run it with their input, the "
       "confused-deputy problem. SourceArn names the one resource allowed to trigger it, SourceAccount the account "
       "(checkov CKV_AWS_364; NIST 800-53 AC-3, AC-6).",
       "Add SourceArn (the rule, topic, bucket or API that triggers the function) and, for S3, whose bucket ARNs "
       "carry no account, SourceAccount too. aip's permissions have them."},
      &iam_lambda_permission_source::check};
  return rule;
}

}  // namespace aip::lint
