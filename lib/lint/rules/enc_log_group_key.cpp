// AIP-ENC-045: a CloudWatch Logs log group without a customer-managed KMS key
// (checkov CKV_AWS_158).
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace enc_log_group_key {

void check(Context& ctx) {
  for (const ResourceRef& g : ctx.resources("AWS::Logs::LogGroup")) {
    const Json* key = member(g.properties(), "KmsKeyId");
    if (key != nullptr && !(key->is_string() && key->get<std::string>().empty())) continue;
    ctx.report(g, {},
               fmt::format("log group {} has no KMS key (KmsKeyId): its events are encrypted with a key of "
                           "CloudWatch Logs that no key policy of yours governs",
                           g.display()));
  }
}

}  // namespace enc_log_group_key

const Rule& rule_enc_log_group_key() {
  static const Rule rule{
      {"AIP-ENC-045", "CloudWatch Logs log group without a KMS key", Severity::warning,
       {"encryption", "nist-800-53", "pci-dss", "hipaa", "soc2", "iso27001"},
       "Logs carry what the code printed: request payloads, user ids, tokens that slipped into a debug line. "
       "Without KmsKeyId a log group is encrypted with a key CloudWatch Logs owns, so whoever may call "
       "logs:GetLogEvents or run a Logs Insights query reads it, and revoking the key cannot make old events "
       "unreadable. A customer-managed key puts the log group under a key policy and CloudTrail records every use "
       "(checkov CKV_AWS_158; NIST 800-53 SC-28, PCI DSS 3.5). aip gives every log group it renders the stack's "
       "OperationsKey.",
       "Set KmsKeyId to the ARN of a customer-managed key whose policy allows logs.REGION.amazonaws.com "
       "kms:Encrypt*, kms:Decrypt*, kms:ReEncrypt*, kms:GenerateDataKey* and kms:Describe* with the condition "
       "ArnLike kms:EncryptionContext:aws:logs:arn on this account's log groups."},
      &enc_log_group_key::check};
  return rule;
}

}  // namespace aip::lint
