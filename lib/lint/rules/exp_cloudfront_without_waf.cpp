// AIP-EXP-015: a CloudFront distribution without a WAF web ACL.
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace exp_cloudfront_without_waf {

void check(Context& ctx) {
  for (const ResourceRef& d : ctx.resources("AWS::CloudFront::Distribution")) {
    const Json* config = member(d.properties(), "DistributionConfig");
    if (config == nullptr || !config->is_object()) continue;
    const Json* acl = member(*config, "WebACLId");
    if (acl != nullptr && !(acl->is_string() && acl->get<std::string>().empty())) continue;
    ctx.report(d, {"Properties", "DistributionConfig"},
               fmt::format("distribution {} has no WAF web ACL (WebACLId)", d.display()));
  }
}

}  // namespace exp_cloudfront_without_waf

const Rule& rule_exp_cloudfront_without_waf() {
  static const Rule rule{
      {"AIP-EXP-015", "CloudFront distribution without a WAF web ACL", Severity::warning,
       {"exposure", "pci-dss", "nist-800-53", "soc2"},
       "A distribution is the internet's entry to the sites and APIs behind it. A web ACL with AWS managed rule "
       "groups and a rate limit blocks common exploits and floods before they reach an origin. cdk-nag (CFR2) and "
       "checkov (CKV_AWS_68) check the same.",
       "Create a web ACL with `scope: cloudfront` (it lives in us-east-1) and name it in the distribution's "
       "`web_acl:` (WebACLId takes its ARN)."},
      &exp_cloudfront_without_waf::check};
  return rule;
}

}  // namespace aip::lint
