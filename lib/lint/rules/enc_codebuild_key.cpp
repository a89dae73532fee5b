// AIP-ENC-012: a CodeBuild project without a customer-managed KMS key for its
// artifacts (cdk-nag CodeBuildProjectKMSEncryptedArtifacts, checkov CKV_AWS_147).
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace enc_codebuild_key {

// "alias/aws/s3" (or its ARN) is the AWS-managed key CodeBuild uses anyway.
bool aws_managed(const Json& key) {
  if (!key.is_string()) return false;
  const std::string k = key.get<std::string>();
  return k.find("alias/aws/") != std::string::npos;
}

void check(Context& ctx) {
  for (const ResourceRef& r : ctx.resources("AWS::CodeBuild::Project")) {
    const Json* key = member(r.properties(), "EncryptionKey");
    if (key != nullptr && !aws_managed(*key)) continue;
    ctx.report(r, key != nullptr ? Path{"Properties", "EncryptionKey"} : Path{},
               fmt::format("CodeBuild project {} encrypts its build artifacts with the AWS-managed key only: set "
                           "EncryptionKey to a customer-managed KMS key",
                           r.display()));
  }
}

}  // namespace enc_codebuild_key

const Rule& rule_enc_codebuild_key() {
  static const Rule rule{
      {"AIP-ENC-012", "CodeBuild project without a customer-managed key", Severity::warning,
       {"encryption", "nist-800-53", "pci-dss", "hipaa", "soc2", "iso27001"},
       "A CodeBuild project without EncryptionKey encrypts its output artifacts (the images definitions, packages "
       "and test reports a release is made of) with the AWS-managed S3 key: every principal of the account with S3 "
       "read access can decrypt them, the key policy cannot be narrowed and its use is not separately audited. A "
       "customer-managed key limits who can read build output to the roles granted the key (cdk-nag "
       "CodeBuildProjectKMSEncryptedArtifacts, checkov CKV_AWS_147).",
       "Set EncryptionKey to the ARN of a customer-managed KMS key (aip's pipelines use the pipeline's artifact "
       "key) and grant the project's role kms:Decrypt and kms:GenerateDataKey on it."},
      &enc_codebuild_key::check};
  return rule;
}

}  // namespace aip::lint
