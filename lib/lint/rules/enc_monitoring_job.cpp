// AIP-ENC-035: a SageMaker model monitoring job definition (data quality, model
// quality, bias, explainability) that leaves its results, its volumes or the
// traffic between its instances unencrypted (checkov CKV_AWS_367, 368, 369).
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace enc_monitoring_job {

struct JobKind {
  const char* type;
  const char* output;  // the property holding the output config with KmsKeyId
};

void check(Context& ctx) {
  static const JobKind kKinds[] = {
      {"AWS::SageMaker::DataQualityJobDefinition", "DataQualityJobOutputConfig"},
      {"AWS::SageMaker::ModelQualityJobDefinition", "ModelQualityJobOutputConfig"},
      {"AWS::SageMaker::ModelBiasJobDefinition", "ModelBiasJobOutputConfig"},
      {"AWS::SageMaker::ModelExplainabilityJobDefinition", "ModelExplainabilityJobOutputConfig"},
  };
  for (const JobKind& kind : kKinds) {
    for (const ResourceRef& j : ctx.resources(kind.type)) {
      const Json& p = j.properties();
      std::vector<std::string> missing;
      Path at;
      if (member_path(p, {kind.output, "KmsKeyId"}) == nullptr) {
        missing.push_back(fmt::format("{}.KmsKeyId (the results in S3)", kind.output));
        if (member(p, kind.output) != nullptr) at = {"Properties", kind.output};
      }
      if (member_path(p, {"JobResources", "ClusterConfig", "VolumeKmsKeyId"}) == nullptr) {
        missing.push_back("JobResources.ClusterConfig.VolumeKmsKeyId (the instances' storage volumes)");
        if (at.empty() && member_path(p, {"JobResources", "ClusterConfig"}) != nullptr) {
          at = {"Properties", "JobResources", "ClusterConfig"};
        }
      }
      const Json* traffic = member_path(p, {"NetworkConfig", "EnableInterContainerTrafficEncryption"});
      if (traffic == nullptr || is_false(*traffic)) {
        missing.push_back("NetworkConfig.EnableInterContainerTrafficEncryption (traffic between instances)");
        if (at.empty() && traffic != nullptr) {
          at = {"Properties", "NetworkConfig", "EnableInterContainerTrafficEncryption"};
        }
      }
      if (missing.empty()) continue;
      std::string list;
      for (const std::string& m : missing) list += (list.empty() ? "" : ", ") + m;
      ctx.report(j, at, fmt::format("monitoring job definition {} does not set {}", j.display(), list));
    }
  }
}

}  // namespace enc_monitoring_job

const Rule& rule_enc_monitoring_job() {
  static const Rule rule{
      {"AIP-ENC-035", "SageMaker monitoring job without KMS or inter-container encryption", Severity::warning,
       {"encryption", "nist-800-53", "pci-dss", "hipaa", "gdpr"},
       "A model monitoring job reads the endpoint's captured requests and responses (the inference data itself) "
       "and writes statistics and violation reports derived from it. Without a KMS key its S3 results and the "
       "processing instances' volumes are encrypted with keys nobody can restrict or revoke, and without "
       "inter-container encryption the data moves between instances of a distributed job in clear text "
       "(checkov CKV_AWS_367, CKV_AWS_368, CKV_AWS_369 for data quality jobs; the model quality, bias and "
       "explainability job definitions have the same settings and are checked too).",
       "Set the output config's KmsKeyId and JobResources.ClusterConfig.VolumeKmsKeyId to the endpoint's "
       "customer-managed key and NetworkConfig.EnableInterContainerTrafficEncryption: true (aip's `sagemaker:` "
       "monitoring renders all three)."},
      &enc_monitoring_job::check};
  return rule;
}

}  // namespace aip::lint
