// AIP-ENC-001: a bucket without default encryption configured.
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace enc_bucket_encryption {

void check(Context& ctx) {
  for (const ResourceRef& b : ctx.resources("AWS::S3::Bucket")) {
    const Json* rules = member_path(b.properties(), {"BucketEncryption", "ServerSideEncryptionConfiguration"});
    if (rules != nullptr && rules->is_array() && !rules->empty()) continue;
    ctx.report(b, {},
               fmt::format("bucket {} has no BucketEncryption; configure default encryption (SSE-KMS with a "
                           "customer managed key for regulated data)",
                           b.display()));
  }
}

}  // namespace enc_bucket_encryption

const Rule& rule_enc_bucket_encryption() {
  static const Rule rule{
      {"AIP-ENC-001", "Bucket without default encryption configured", Severity::warning,
       {"encryption", "hipaa", "pci-dss", "gdpr", "nist-800-53", "soc2", "iso27001"},
       "S3 encrypts new objects with S3-managed keys (SSE-S3) when nothing is configured, but that is invisible in "
       "the template, cannot be audited from it, and gives no control over who may decrypt. Regulated data "
       "(HIPAA, PCI DSS 3.5, NIST SC-28) calls for an explicit choice, usually SSE-KMS with a customer managed key "
       "so that key policies and CloudTrail record every decryption.",
       "Add BucketEncryption with a ServerSideEncryptionConfiguration rule: SSEAlgorithm aws:kms with "
       "KMSMasterKeyID (and BucketKeyEnabled: true to cut KMS costs), or AES256 at least."},
      &enc_bucket_encryption::check};
  return rule;
}

}  // namespace aip::lint
