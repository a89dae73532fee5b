// AIP-EXP-013: a SageMaker notebook instance with direct internet access
// (cdk-nag SageMakerNotebookNoDirectInternetAccess, checkov CKV_AWS_122).
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace exp_notebook_internet {

void check(Context& ctx) {
  for (const ResourceRef& n : ctx.resources("AWS::SageMaker::NotebookInstance")) {
    const Json* access = member(n.properties(), "DirectInternetAccess");
    if (access != nullptr && *access == "Disabled") continue;
    // Without a subnet SageMaker refuses "Disabled": the notebook is on the internet either way.
    ctx.report(n, access != nullptr ? Path{"Properties", "DirectInternetAccess"} : Path{},
               fmt::format("notebook instance {} has direct internet access ({}): code and data can leave through "
                           "SageMaker's network, around the VPC's controls",
                           n.display(), access != nullptr ? "DirectInternetAccess: Enabled" : "the default"));
  }
}

}  // namespace exp_notebook_internet

const Rule& rule_exp_notebook_internet() {
  static const Rule rule{
      {"AIP-EXP-013", "SageMaker notebook with direct internet access", Severity::error,
       {"exposure", "hipaa", "pci-dss", "nist-800-53", "soc2"},
       "A notebook instance has direct internet access unless DirectInternetAccess is Disabled: SageMaker gives "
       "it a network interface of its own, outside the VPC's security groups, network ACLs, flow logs and "
       "endpoint policies. Notebooks hold credentials of their role and training data (NIST SC-7).",
       "Set SubnetId and SecurityGroupIds to a private subnet of your VPC and DirectInternetAccess: Disabled; reach "
       "AWS services through VPC endpoints (aip: every notebook does)."},
      &exp_notebook_internet::check};
  return rule;
}

}  // namespace aip::lint
