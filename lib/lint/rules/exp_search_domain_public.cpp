// AIP-EXP-034: an OpenSearch Service (or Elasticsearch) domain with a public
// endpoint instead of one inside a VPC (cdk-nag AwsSolutions-OS1).
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace exp_search_domain_public {

void check(Context& ctx) {
  for (const char* type : {"AWS::OpenSearchService::Domain", "AWS::Elasticsearch::Domain"}) {
    for (const ResourceRef& d : ctx.resources(type)) {
      const Json* vpc = member(d.properties(), "VPCOptions");
      const Json* subnets = vpc != nullptr ? member(*vpc, "SubnetIds") : nullptr;
      if (subnets != nullptr && !(subnets->is_array() && subnets->empty())) continue;
      ctx.report(d, vpc != nullptr ? Path{"Properties", "VPCOptions"} : Path{},
                 fmt::format("search domain {} has a public endpoint: only its access policy stands between the "
                             "internet and the data; place it in a VPC with VPCOptions SubnetIds",
                             d.display()));
    }
  }
}

}  // namespace exp_search_domain_public

const Rule& rule_exp_search_domain_public() {
  static const Rule rule{
      {"AIP-EXP-034", "OpenSearch domain outside a VPC", Severity::warning,
       {"exposure", "nist-800-53", "pci-dss", "hipaa", "soc2", "iso27001"},
       "A domain without VPCOptions gets an endpoint on the internet. Its access policy is then the only "
       "control, and one statement too broad (a Principal \"*\" for a quick test, an IP condition that "
       "allows a whole provider's range) exposes every index; security groups, VPC endpoints and flow logs "
       "cannot apply to it (cdk-nag AwsSolutions-OS1, also in its HIPAA, NIST 800-53 and PCI packs as "
       "OpenSearchInVPCOnly).",
       "Set VPCOptions {SubnetIds: [private subnets], SecurityGroupIds: [...]}; a domain's network setting cannot "
       "change after creation, so this replaces it. aip renders OpenSearch Serverless collections with VPC "
       "endpoints (AIP-EXP-010 checks those)."},
      &exp_search_domain_public::check};
  return rule;
}

}  // namespace aip::lint
