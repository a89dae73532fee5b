// AIP-EXP-032: an Application Load Balancer that passes HTTP headers with
// invalid names to its targets (checkov CKV_AWS_131).
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace exp_alb_invalid_headers {

void check(Context& ctx) {
  for (const ResourceRef& lb : ctx.resources("AWS::ElasticLoadBalancingV2::LoadBalancer")) {
    const Json& p = lb.properties();
    const Json* type = member(p, "Type");
    if (type != nullptr && !(type->is_string() && type->get<std::string>() == "application")) continue;
    const Json* attrs = member(p, "LoadBalancerAttributes");
    bool dropped = false;
    bool unknown = false;
    if (attrs != nullptr && attrs->is_array()) {
      for (const Json& a : *attrs) {
        const Json* key = member(a, "Key");
        const Json* value = member(a, "Value");
        if (key == nullptr || !key->is_string() || value == nullptr) continue;
        if (key->get<std::string>() != "routing.http.drop_invalid_header_fields.enabled") continue;
        dropped = is_true(*value);
        unknown = !value->is_string() && !value->is_boolean();
      }
    }
    if (dropped || unknown) continue;
    ctx.report(lb, attrs != nullptr ? Path{"Properties", "LoadBalancerAttributes"} : Path{},
               fmt::format("application load balancer {} forwards headers with invalid names to its targets: set "
                           "attribute routing.http.drop_invalid_header_fields.enabled to true",
                           lb.display()));
  }
}

}  // namespace exp_alb_invalid_headers

const Rule& rule_exp_alb_invalid_headers() {
  static const Rule rule{
      {"AIP-EXP-032", "Application load balancer does not drop invalid headers", Severity::warning,
       {"exposure", "nist-800-53", "pci-dss", "hipaa"},
       "By default an ALB forwards header names that do not match [A-Za-z0-9-]. Servers behind it parse such names "
       "differently (underscores folded into hyphens, spaces trimmed), which is what HTTP request smuggling and "
       "header-injection attacks use to slip a request or a spoofed X-Forwarded-For past the load balancer's view "
       "of it (checkov CKV_AWS_131; cdk-nag ALBHttpDropInvalidHeaderEnabled in its HIPAA, NIST 800-53 rev. 4 and "
       "PCI packs; Security Hub ELB.4).",
       "Add LoadBalancerAttributes {Key: routing.http.drop_invalid_header_fields.enabled, Value: \"true\"} (aip's "
       "`load_balancers:` does for every ALB)."},
      &exp_alb_invalid_headers::check};
  return rule;
}

}  // namespace aip::lint
