// AIP-EXP-006: an internet-facing ALB without a WAF web ACL.
#include <set>

#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace exp_alb_without_waf {

void check(Context& ctx) {
  std::set<std::pair<const Template*, std::string>> protected_lbs;
  for (const char* type : {"AWS::WAFv2::WebACLAssociation", "AWS::WAFRegional::WebACLAssociation"}) {
    for (const ResourceRef& a : ctx.resources(type)) {
      if (const Json* arn = member(a.properties(), "ResourceArn")) {
        if (auto lb = ctx.resolve(*a.tmpl, *arn)) protected_lbs.insert({lb->tmpl, lb->logical_id});
      }
    }
  }
  for (const ResourceRef& lb : ctx.resources("AWS::ElasticLoadBalancingV2::LoadBalancer")) {
    const Json* type = member(lb.properties(), "Type");
    if (type != nullptr && *type != "application") continue;
    const Json* scheme = member(lb.properties(), "Scheme");
    if (scheme != nullptr && *scheme == "internal") continue;
    if (protected_lbs.count({lb.tmpl, lb.logical_id}) != 0) continue;
    ctx.report(lb, scheme != nullptr ? Path{"Properties", "Scheme"} : Path{},
               fmt::format("internet-facing load balancer {} has no WAF web ACL associated "
                           "(AWS::WAFv2::WebACLAssociation)",
                           lb.display()));
  }
}

}  // namespace exp_alb_without_waf

const Rule& rule_exp_alb_without_waf() {
  static const Rule rule{
      {"AIP-EXP-006", "Internet-facing ALB without a WAF web ACL", Severity::warning,
       {"exposure", "pci-dss", "nist-800-53", "soc2"},
       "An internet-facing Application Load Balancer receives every request the internet sends. A WAF web ACL with "
       "the AWS managed rule groups blocks common exploits (OWASP top 10, known bad inputs, bad IP reputation) and "
       "allows rate limiting; PCI DSS 6.4 asks for such a control in front of public web applications.",
       "Associate a WAFv2 web ACL with the load balancer (AWS::WAFv2::WebACLAssociation, `edge: waf:` in an aip "
       "spec), or make the load balancer internal."},
      &exp_alb_without_waf::check};
  return rule;
}

}  // namespace aip::lint
