// AIP-ENC-039: an EKS cluster that does not envelope-encrypt Kubernetes
// secrets with a KMS key (checkov CKV_AWS_58).
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace enc_eks_secrets {

const Json& none() {
  static const Json empty = Json::array();
  return empty;
}

void check(Context& ctx) {
  for (const ResourceRef& c : ctx.resources("AWS::EKS::Cluster")) {
    const Json* configs = member(c.properties(), "EncryptionConfig");
    if (configs != nullptr && !configs->is_array()) continue;  // an intrinsic
    bool secrets = false;
    for (const Json& config : configs != nullptr ? *configs : none()) {
      const Json* resources = member(config, "Resources");
      if (resources == nullptr) continue;
      if (!resources->is_array()) secrets = true;  // an intrinsic: cannot judge
      for (const Json& r : resources->is_array() ? *resources : none()) secrets = secrets || r == "secrets";
    }
    if (secrets) continue;
    ctx.report(c, configs != nullptr ? Path{"Properties", "EncryptionConfig"} : Path{},
               fmt::format("EKS cluster {} does not encrypt Kubernetes secrets with a KMS key (EncryptionConfig "
                           "with Resources [secrets]): anyone who reads etcd or its backups reads every secret",
                           c.display()));
  }
}

}  // namespace enc_eks_secrets

const Rule& rule_enc_eks_secrets() {
  static const Rule rule{
      {"AIP-ENC-039", "EKS cluster without KMS encryption of Kubernetes secrets", Severity::warning,
       {"encryption", "nist-800-53", "pci-dss", "hipaa", "gdpr", "soc2", "iso27001"},
       "Kubernetes stores Secrets (database passwords, API keys, service account tokens) base64-encoded in etcd. "
       "EKS envelope-encrypts them with a KMS key only when the cluster's EncryptionConfig lists the secrets "
       "resource; with it, reading a secret needs kms:Decrypt on a key whose policy and CloudTrail record are "
       "under the account's control (checkov CKV_AWS_58; NIST 800-53 SC-28, PCI DSS 3.5).",
       "Add EncryptionConfig: [{Resources: [secrets], Provider: {KeyArn: a customer-managed key}}]. It can be "
       "added to an existing cluster but not removed."},
      &enc_eks_secrets::check};
  return rule;
}

}  // namespace aip::lint
