// AIP-ENC-016: a SageMaker Feature Store feature group whose online store or
// offline store is not encrypted with a customer-managed KMS key (checkov
// CKV_AWS_330 for the online store; Security Hub's SageMaker controls ask the
// same of every store of features).
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace enc_feature_group_key {

bool enabled(const Json* online) {
  const Json* on = online != nullptr ? member(*online, "EnableOnlineStore") : nullptr;
  return on != nullptr && on->is_boolean() && on->get<bool>();
}

void check(Context& ctx) {
  for (const ResourceRef& g : ctx.resources("AWS::SageMaker::FeatureGroup")) {
    const Json* online = member(g.properties(), "OnlineStoreConfig");
    if (enabled(online)) {
      const Json* security = member(*online, "SecurityConfig");
      if (security == nullptr || member(*security, "KmsKeyId") == nullptr) {
        ctx.report(g, {"Properties", "OnlineStoreConfig"},
                   fmt::format("feature group {} keeps its online store without a KMS key (SecurityConfig.KmsKeyId): "
                               "the features are encrypted with an AWS-owned key only",
                               g.display()));
      }
    }
    const Json* offline = member(g.properties(), "OfflineStoreConfig");
    const Json* s3 = offline != nullptr ? member(*offline, "S3StorageConfig") : nullptr;
    if (s3 != nullptr && member(*s3, "KmsKeyId") == nullptr) {
      ctx.report(g, {"Properties", "OfflineStoreConfig", "S3StorageConfig"},
                 fmt::format("feature group {} writes its offline store without a KMS key (S3StorageConfig.KmsKeyId): "
                             "the objects get only the bucket's default encryption",
                             g.display()));
    }
  }
}

}  // namespace enc_feature_group_key

const Rule& rule_enc_feature_group_key() {
  static const Rule rule{
      {"AIP-ENC-016", "SageMaker feature group store without a customer-managed KMS key", Severity::warning,
       {"encryption", "hipaa", "pci-dss", "nist-800-53", "soc2", "gdpr"},
       "Feature groups hold per-customer features (spend, segments, embeddings) that are often personal data. "
       "Without a customer-managed key the online store is encrypted with a key nobody controls, and the "
       "offline store's objects with whatever the bucket defaults to: neither use is limited by a key policy "
       "nor visible as the customer's own key in CloudTrail, and the data cannot be made unreadable by "
       "disabling the key.",
       "Set OnlineStoreConfig.SecurityConfig.KmsKeyId and OfflineStoreConfig.S3StorageConfig.KmsKeyId to "
       "customer-managed keys (aip: the online store gets a key of its own, the offline store the key of a "
       "`kms` bucket; give the offline store a bucket with `encryption: kms`)."},
      &enc_feature_group_key::check};
  return rule;
}

}  // namespace aip::lint
