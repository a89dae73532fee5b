// AIP-BAK-001: a backup vault without a customer-managed KMS key.
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace bak_vault_customer_key {

void check(Context& ctx) {
  for (const ResourceRef& v : ctx.resources("AWS::Backup::BackupVault")) {
    if (member(v.properties(), "EncryptionKeyArn") != nullptr) continue;
    ctx.report(v, {},
               fmt::format("backup vault {} has no EncryptionKeyArn: its recovery points are encrypted with the "
                           "AWS-managed key aws/backup, which no key policy of yours controls",
                           v.display()));
  }
}

}  // namespace bak_vault_customer_key

const Rule& rule_bak_vault_customer_key() {
  static const Rule rule{
      {"AIP-BAK-001", "Backup vault without a customer-managed KMS key", Severity::warning,
       {"encryption", "resilience", "hipaa", "pci-dss", "nist-800-53", "soc2"},
       "A backup vault holds a copy of every database and bucket it protects. Without EncryptionKeyArn AWS Backup "
       "uses the AWS-managed key aws/backup: anyone in the account allowed to restore can decrypt, the key cannot be "
       "scoped, disabled or audited separately, and copies to another account are impossible for many resource "
       "types.",
       "Set EncryptionKeyArn to a customer-managed key with rotation on. In a spec: vaults of `backup:` always get "
       "their own key."},
      &bak_vault_customer_key::check};
  return rule;
}

}  // namespace aip::lint
