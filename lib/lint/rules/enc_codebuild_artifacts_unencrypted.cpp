// AIP-ENC-030: a CodeBuild project whose artifacts have EncryptionDisabled: true
// (checkov CKV_AWS_78).
#include <fmt/format.h>

#include <string>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace enc_codebuild_artifacts_unencrypted {

bool disabled(const Json& artifacts) {
  const Json* d = member(artifacts, "EncryptionDisabled");
  return d != nullptr && ((d->is_boolean() && d->get<bool>()) || (d->is_string() && d->get<std::string>() == "true"));
}

void check(Context& ctx) {
  for (const ResourceRef& r : ctx.resources("AWS::CodeBuild::Project")) {
    const Json& props = r.properties();
    if (const Json* a = member(props, "Artifacts"); a != nullptr && disabled(*a)) {
      ctx.report(r, Path{"Properties", "Artifacts", "EncryptionDisabled"},
                 fmt::format("CodeBuild project {} writes its artifacts unencrypted (EncryptionDisabled: true): "
                             "remove EncryptionDisabled",
                             r.display()));
    }
    const Json* secondary = member(props, "SecondaryArtifacts");
    if (secondary == nullptr || !secondary->is_array()) continue;
    for (std::size_t i = 0; i < secondary->size(); ++i) {
      if (!disabled((*secondary)[i])) continue;
      ctx.report(r, Path{"Properties", "SecondaryArtifacts", std::to_string(i), "EncryptionDisabled"},
                 fmt::format("CodeBuild project {} writes secondary artifact {} unencrypted (EncryptionDisabled: "
                             "true): remove EncryptionDisabled",
                             r.display(), i));
    }
  }
}

}  // namespace enc_codebuild_artifacts_unencrypted

const Rule& rule_enc_codebuild_artifacts_unencrypted() {
  static const Rule rule{
      {"AIP-ENC-030", "CodeBuild artifacts with encryption disabled", Severity::error,
       {"encryption", "nist-800-53", "pci-dss", "hipaa", "soc2", "iso27001"},
       "EncryptionDisabled: true on a CodeBuild project's S3 artifacts makes CodeBuild upload the build output "
       "(packages, images definitions, test reports a release is made of) without server-side encryption by "
       "the project's key. Whatever the bucket's default encryption, the project no longer controls which key "
       "protects what it produces (checkov CKV_AWS_78).",
       "Remove EncryptionDisabled (or set it to false) on Artifacts and every SecondaryArtifacts entry, and set "
       "EncryptionKey to a customer-managed key (AIP-ENC-012)."},
      &enc_codebuild_artifacts_unencrypted::check};
  return rule;
}

}  // namespace aip::lint
