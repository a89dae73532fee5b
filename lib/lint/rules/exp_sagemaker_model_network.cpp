// AIP-EXP-044: a SageMaker model whose containers are not network-isolated
// (checkov CKV_AWS_370).
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace exp_sagemaker_model_network {

void check(Context& ctx) {
  for (const ResourceRef& model : ctx.resources("AWS::SageMaker::Model")) {
    const Json* isolation = member(model.properties(), "EnableNetworkIsolation");
    if (isolation != nullptr && (isolation->is_object() || is_true(*isolation))) continue;  // an intrinsic, or on
    ctx.report(model, isolation != nullptr ? Path{"Properties", "EnableNetworkIsolation"} : Path{},
               fmt::format("SageMaker model {} is not network-isolated (EnableNetworkIsolation {}): its containers "
                           "can send requests and data anywhere their network reaches",
                           model.display(), isolation != nullptr ? "false" : "absent"));
  }
}

}  // namespace exp_sagemaker_model_network

const Rule& rule_exp_sagemaker_model_network() {
  static const Rule rule{
      {"AIP-EXP-044", "SageMaker model without network isolation", Severity::warning,
       {"exposure", "nist-800-53", "pci-dss", "hipaa", "soc2", "iso27001"},
       "A model container runs code someone else packaged (a framework image, a marketplace model, pickled "
       "weights that execute on load). Without network isolation it can call out to the internet or the VPC "
       "while it serves requests, sending the inference data or the container's credentials away. With "
       "isolation SageMaker still downloads the artifact and image, but the container gets no network access "
       "(checkov CKV_AWS_370; NIST 800-53 SC-7, AC-4).",
       "Set EnableNetworkIsolation: true on the AWS::SageMaker::Model; aip's `sagemaker:` endpoints do by "
       "default. A container that must call out at runtime (`network_isolation: false` on the endpoint) "
       "should run in a VPC (VpcConfig) whose egress is limited, and the finding be suppressed with that "
       "reason."},
      &exp_sagemaker_model_network::check};
  return rule;
}

}  // namespace aip::lint
