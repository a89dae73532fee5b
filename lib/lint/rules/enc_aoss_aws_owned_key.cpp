// AIP-ENC-006: an OpenSearch Serverless collection encrypted with an AWS-owned key.
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/aoss_policy.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace enc_aoss_aws_owned_key {

void check(Context& ctx) {
  for (const ResourceRef& r : ctx.resources("AWS::OpenSearchServerless::SecurityPolicy")) {
    if (aoss_policy_type(r) != "encryption") continue;
    const Json* text = member(r.properties(), "Policy");
    if (text == nullptr) continue;
    auto policy = aoss_policy(*text);
    if (!policy) continue;
    for (const Json* entry : aoss_entries(*policy)) {
      const Json* owned = member(*entry, "AWSOwnedKey");
      if (owned == nullptr || !is_true(*owned)) continue;
      ctx.report(r, {"Properties", "Policy"},
                 fmt::format("OpenSearch Serverless encryption policy {} uses an AWS-owned key (AWSOwnedKey: true)",
                             r.display()));
      break;
    }
  }
  for (const ResourceRef& r : ctx.resources("AWS::OpenSearchServerless::Collection")) {
    const Json* owned = member_path(r.properties(), {"EncryptionConfig", "AWSOwnedKey"});
    if (owned == nullptr || !is_true(*owned)) continue;
    ctx.report(r, {"Properties", "EncryptionConfig", "AWSOwnedKey"},
               fmt::format("OpenSearch Serverless collection {} is encrypted with an AWS-owned key", r.display()));
  }
}

}  // namespace enc_aoss_aws_owned_key

const Rule& rule_enc_aoss_aws_owned_key() {
  static const Rule rule{
      {"AIP-ENC-006", "OpenSearch Serverless collection with an AWS-owned key", Severity::info,
       {"encryption", "hipaa", "pci-dss", "nist-800-53", "soc2", "iso27001"},
       "Collections are always encrypted at rest. With an AWS-owned key nobody in the account can see, audit, "
       "rotate on their own schedule or revoke the key; CloudTrail shows no key use. Regulated data (HIPAA, PCI "
       "DSS) usually needs a customer-managed key whose policy says who may decrypt.",
       "Set AWSOwnedKey to false and KmsARN to a customer-managed KMS key. In a spec: remove `aws_owned_key: true` "
       "(aip then creates a key for the collection)."},
      &enc_aoss_aws_owned_key::check};
  return rule;
}

}  // namespace aip::lint
