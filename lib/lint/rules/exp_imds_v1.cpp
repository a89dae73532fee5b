// AIP-EXP-022: instances that answer IMDSv1 requests: EC2 launch templates
// whose MetadataOptions do not require tokens (checkov CKV_AWS_79) and
// SageMaker notebook instances that accept version 1 (checkov CKV_AWS_371).
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace exp_imds_v1 {

void check(Context& ctx) {
  for (const ResourceRef& lt : ctx.resources("AWS::EC2::LaunchTemplate")) {
    const Json* options = member_path(lt.properties(), {"LaunchTemplateData", "MetadataOptions"});
    const Json* endpoint = options != nullptr ? member(*options, "HttpEndpoint") : nullptr;
    if (endpoint != nullptr && endpoint->is_string() && endpoint->get<std::string>() == "disabled") continue;
    const Json* tokens = options != nullptr ? member(*options, "HttpTokens") : nullptr;
    if (tokens != nullptr && (tokens->is_object() || (tokens->is_string() && tokens->get<std::string>() == "required"))) {
      continue;
    }
    ctx.report(lt,
               tokens != nullptr ? Path{"Properties", "LaunchTemplateData", "MetadataOptions", "HttpTokens"} : Path{},
               fmt::format("launch template {} lets its instances answer IMDSv1 requests (MetadataOptions.HttpTokens "
                           "is not required)",
                           lt.display()));
  }
  for (const ResourceRef& n : ctx.resources("AWS::SageMaker::NotebookInstance")) {
    const Json* version =
        member_path(n.properties(), {"InstanceMetadataServiceConfiguration", "MinimumInstanceMetadataServiceVersion"});
    // "2" (YAML may write it as a number); an intrinsic cannot be known.
    if (version != nullptr && (version->is_object() || (version->is_string() && version->get<std::string>() == "2") ||
                               (version->is_number_integer() && version->get<long long>() == 2))) {
      continue;
    }
    ctx.report(n,
               version != nullptr ? Path{"Properties", "InstanceMetadataServiceConfiguration",
                                         "MinimumInstanceMetadataServiceVersion"}
                                  : Path{},
               fmt::format("notebook instance {} answers IMDSv1 requests (MinimumInstanceMetadataServiceVersion is "
                           "not 2)",
                           n.display()));
  }
}

}  // namespace exp_imds_v1

const Rule& rule_exp_imds_v1() {
  static const Rule rule{
      {"AIP-EXP-022", "Instance metadata service v1 allowed", Severity::warning,
       {"exposure", "iam", "pci-dss", "nist-800-53", "soc2", "iso27001"},
       "IMDSv1 answers any HTTP GET from the instance, so a server-side request forgery in an application (or "
       "in a notebook's code) hands out the instance role's temporary credentials; IMDSv2 needs a session token "
       "from a PUT that such requests cannot make. A launch template without MetadataOptions.HttpTokens: "
       "required, or a SageMaker notebook with a minimum metadata version of 1 (the default), allows v1 (checkov "
       "CKV_AWS_79 and CKV_AWS_371; AWS Foundational Security Best Practices EC2.8; NIST 800-53 AC-3).",
       "Set LaunchTemplateData.MetadataOptions: {HttpTokens: required, HttpPutResponseHopLimit: 1} (2 for "
       "containers on the instance), and InstanceMetadataServiceConfiguration: "
       "{MinimumInstanceMetadataServiceVersion: '2'} on notebooks. aip's notebooks require version 2."},
      &exp_imds_v1::check};
  return rule;
}

}  // namespace aip::lint
