// AIP-EXP-043: a Classic Load Balancer that serves HTTP or HTTPS, which an
// Application Load Balancer should (cdk-nag AwsSolutions-ELB1).
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace exp_classic_elb_web {

void check(Context& ctx) {
  for (const ResourceRef& lb : ctx.resources("AWS::ElasticLoadBalancing::LoadBalancer")) {
    const Json* listeners = member(lb.properties(), "Listeners");
    if (listeners == nullptr || !listeners->is_array()) continue;
    for (std::size_t i = 0; i < listeners->size(); ++i) {
      const Json* protocol = member((*listeners)[i], "Protocol");
      if (protocol == nullptr || !protocol->is_string()) continue;
      const std::string name = lower(protocol->get<std::string>());
      if (name != "http" && name != "https") continue;
      ctx.report(lb, {"Properties", "Listeners", std::to_string(i), "Protocol"},
                 fmt::format("Classic Load Balancer {} serves {} traffic: an Application Load Balancer does this with "
                             "a WAF web ACL, current TLS policies, authentication and per-path routing",
                             lb.display(), protocol->get<std::string>()));
      break;
    }
  }
}

}  // namespace exp_classic_elb_web

const Rule& rule_exp_classic_elb_web() {
  static const Rule rule{
      {"AIP-EXP-043", "Classic Load Balancer used for HTTP or HTTPS", Severity::warning,
       {"exposure", "nist-800-53", "pci-dss", "soc2"},
       "A Classic Load Balancer in front of web traffic cannot take a WAF web ACL, offers no TLS 1.3 policies, "
       "drops no invalid headers, authenticates no users and routes by nothing but port, and AWS no longer adds "
       "features to it: the protections the other rules ask of an HTTP front door (AIP-EXP-006, AIP-EXP-032) "
       "cannot be applied (cdk-nag AwsSolutions-ELB1).",
       "Replace it with an AWS::ElasticLoadBalancingV2::LoadBalancer of type application, with an HTTPS listener and "
       "a WAF association; keep Classic Load Balancers, if at all, for TCP or SSL listeners."},
      &exp_classic_elb_web::check};
  return rule;
}

}  // namespace aip::lint
