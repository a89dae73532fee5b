// AIP-ENC-013: a CodePipeline artifact store without a customer-managed KMS
// key (checkov CKV_AWS_219).
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace enc_pipeline_artifact_key {

void check_store(Context& ctx, const ResourceRef& r, const Json& store, Path at) {
  if (member(store, "EncryptionKey") != nullptr) return;
  ctx.report(r, at,
             fmt::format("pipeline {} keeps its artifacts in a store without EncryptionKey: they are encrypted with "
                         "the AWS-managed S3 key only",
                         r.display()));
}

void check(Context& ctx) {
  for (const ResourceRef& r : ctx.resources("AWS::CodePipeline::Pipeline")) {
    if (const Json* store = member(r.properties(), "ArtifactStore"); store != nullptr) {
      check_store(ctx, r, *store, {"Properties", "ArtifactStore"});
    }
    if (const Json* stores = member(r.properties(), "ArtifactStores"); stores != nullptr && stores->is_array()) {
      for (std::size_t i = 0; i < stores->size(); ++i) {
        if (const Json* store = member((*stores)[i], "ArtifactStore")) {
          check_store(ctx, r, *store, {"Properties", "ArtifactStores", std::to_string(i), "ArtifactStore"});
        }
      }
    }
  }
}

}  // namespace enc_pipeline_artifact_key

const Rule& rule_enc_pipeline_artifact_key() {
  static const Rule rule{
      {"AIP-ENC-013", "Pipeline artifact store without a customer-managed key", Severity::warning,
       {"encryption", "nist-800-53", "pci-dss", "hipaa", "soc2", "iso27001"},
       "Every stage of a pipeline hands its output to the next through the artifact store: the source code, the "
       "built packages, the image definitions that decide what runs in production. Without EncryptionKey the store "
       "uses the AWS-managed S3 key, which any principal of the account with S3 access can use, so the artifacts "
       "are only as protected as the bucket policy (checkov CKV_AWS_219). A customer-managed key makes the key "
       "policy and the roles granted the key the boundary, and a cross-account deployment needs one anyway.",
       "Give the artifact store EncryptionKey: {Id: <customer-managed key ARN>, Type: KMS} (aip's pipelines create "
       "one per pipeline), and grant the pipeline and build roles the key."},
      &enc_pipeline_artifact_key::check};
  return rule;
}

}  // namespace aip::lint
