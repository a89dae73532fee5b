// AIP-ENC-020: an EFS file system not encrypted at rest (cdk-nag EFS1, checkov CKV_AWS_42).
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace enc_efs_file_system {

void check(Context& ctx) {
  for (const ResourceRef& fs : ctx.resources("AWS::EFS::FileSystem")) {
    const Json* on = member(fs.properties(), "Encrypted");
    if (on != nullptr && is_true(*on)) continue;
    ctx.report(fs, on != nullptr ? Path{"Properties", "Encrypted"} : Path{},
               fmt::format("EFS file system {} is not encrypted at rest (Encrypted is not true); encryption can only "
                           "be chosen when the file system is created",
                           fs.display()));
  }
}

}  // namespace enc_efs_file_system

const Rule& rule_enc_efs_file_system() {
  static const Rule rule{
      {"AIP-ENC-020", "EFS file system not encrypted at rest", Severity::warning,
       {"encryption", "hipaa", "pci-dss", "gdpr", "nist-800-53", "soc2", "iso27001"},
       "An AWS::EFS::FileSystem is unencrypted unless Encrypted is true (CloudFormation does not apply the "
       "console's default), and encryption cannot be turned on later: the data has to be copied to a new file "
       "system. Unencrypted file data and metadata sit in plain text on the service's disks and backups "
       "(cdk-nag EFS1, checkov CKV_AWS_42; NIST 800-53 SC-28, PCI DSS 3.5, HIPAA 164.312(a)(2)(iv)).",
       "Set Encrypted: true, with KmsKeyId naming a customer-managed key where the packs ask for one."},
      &enc_efs_file_system::check};
  return rule;
}

}  // namespace aip::lint
