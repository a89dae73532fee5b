// AIP-ENC-008: a SageMaker endpoint config whose instances' storage volumes
// are not encrypted with a KMS key (cdk-nag SageMakerEndpointConfigurationKMSKey,
// checkov CKV_AWS_98).
#include <string>

#include <fmt/format.h>

#include "base/sagemaker_instances.hpp"
#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace enc_sagemaker_endpoint_key {

void check(Context& ctx) {
  for (const ResourceRef& c : ctx.resources("AWS::SageMaker::EndpointConfig")) {
    if (member(c.properties(), "KmsKeyId") != nullptr) continue;
    const Json* variants = member(c.properties(), "ProductionVariants");
    bool any = false;
    bool all_local = true;
    if (variants != nullptr && variants->is_array()) {
      for (const Json& v : *variants) {
        const Json* type = member(v, "InstanceType");
        if (type == nullptr) continue;  // serverless variants have no volume
        any = true;
        all_local = all_local && type->is_string() && aws::sagemaker_instance_has_local_storage(type->get<std::string>());
      }
    }
    if (!any || all_local) continue;
    ctx.report(c, {"Properties", "ProductionVariants"},
               fmt::format("endpoint config {} sets no KmsKeyId: the storage volumes of its instances are encrypted "
                           "with an AWS-managed key only",
                           c.display()));
  }
}

}  // namespace enc_sagemaker_endpoint_key

const Rule& rule_enc_sagemaker_endpoint_key() {
  static const Rule rule{
      {"AIP-ENC-008", "SageMaker endpoint config without a KMS key", Severity::warning,
       {"encryption", "hipaa", "pci-dss", "nist-800-53", "soc2"},
       "The ML storage volumes of endpoint instances hold the model and can hold request data. Without KmsKeyId "
       "they are encrypted with a key nobody controls: its use is not limited by a key policy nor visible as the "
       "customer's own key in CloudTrail. Instance types with local NVMe storage (ml.g5, ml.p4d, ...) are "
       "encrypted in hardware and refuse a key; configs whose variants all use them are not reported.",
       "Set KmsKeyId to a customer-managed KMS key (aip: every endpoint gets its own key). Configs cannot be "
       "changed: CloudFormation creates a new one and updates the endpoint."},
      &enc_sagemaker_endpoint_key::check};
  return rule;
}

}  // namespace aip::lint
