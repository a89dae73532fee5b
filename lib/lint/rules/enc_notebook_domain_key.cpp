// AIP-ENC-032: a SageMaker notebook instance or domain without a customer-managed
// KMS key for its storage (cdk-nag AwsSolutions-SM2, checkov CKV_AWS_187).
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace enc_notebook_domain_key {

void check(Context& ctx) {
  for (const ResourceRef& r : ctx.resources("AWS::SageMaker::NotebookInstance")) {
    if (member(r.properties(), "KmsKeyId") != nullptr) continue;
    ctx.report(r, {},
               fmt::format("SageMaker notebook instance {} has no KmsKeyId: its ML storage volume is encrypted with "
                           "an AWS-managed key only; set KmsKeyId to a customer-managed KMS key",
                           r.display()));
  }
  for (const ResourceRef& r : ctx.resources("AWS::SageMaker::Domain")) {
    if (member(r.properties(), "KmsKeyId") != nullptr) continue;
    ctx.report(r, {},
               fmt::format("SageMaker domain {} has no KmsKeyId: its home directories (the EFS volume of every "
                           "user profile) are encrypted with an AWS-managed key only; set KmsKeyId to a "
                           "customer-managed KMS key",
                           r.display()));
  }
}

}  // namespace enc_notebook_domain_key

const Rule& rule_enc_notebook_domain_key() {
  static const Rule rule{
      {"AIP-ENC-032", "SageMaker notebook or domain without a customer-managed key", Severity::warning,
       {"encryption", "nist-800-53", "pci-dss", "hipaa", "soc2", "iso27001"},
       "Notebook volumes and Studio home directories hold what data scientists copy there: extracts of training "
       "data, credentials in shell history, model artifacts. Without KmsKeyId SageMaker encrypts them with an "
       "AWS-managed key whose policy cannot be narrowed, so no key policy limits who can read a volume's "
       "snapshot and key use is not audited per workload (cdk-nag AwsSolutions-SM2, checkov CKV_AWS_187).",
       "Set KmsKeyId on the notebook instance or domain to a customer-managed KMS key (aip's notebooks use their "
       "own key) whose policy grants the notebook's or domain's execution role use of it."},
      &enc_notebook_domain_key::check};
  return rule;
}

}  // namespace aip::lint
