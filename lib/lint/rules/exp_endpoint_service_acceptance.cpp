// AIP-EXP-037: a VPC endpoint service (PrivateLink) that accepts every
// connection request without approval (checkov CKV_AWS_123).
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace exp_endpoint_service_acceptance {

void check(Context& ctx) {
  for (const ResourceRef& s : ctx.resources("AWS::EC2::VPCEndpointService")) {
    const Json* required = member(s.properties(), "AcceptanceRequired");
    if (required != nullptr && (is_true(*required) || (!required->is_boolean() && !required->is_string()))) continue;
    ctx.report(s, required != nullptr ? Path{"Properties", "AcceptanceRequired"} : Path{},
               fmt::format("endpoint service {} accepts every connection request automatically: any principal its "
                           "permissions allow connects without review; set AcceptanceRequired: true",
                           s.display()));
  }
}

}  // namespace exp_endpoint_service_acceptance

const Rule& rule_exp_endpoint_service_acceptance() {
  static const Rule rule{
      {"AIP-EXP-037", "VPC endpoint service accepts connections without approval", Severity::warning,
       {"exposure", "nist-800-53", "pci-dss", "soc2", "iso27001"},
       "An endpoint service publishes a load balancer (a model-serving API, an internal gateway) to other VPCs "
       "and accounts through PrivateLink. With AcceptanceRequired false every endpoint that an allowed principal "
       "creates is connected at once, so one permission too broad (an AWS::EC2::VPCEndpointServicePermissions "
       "with \"*\", a whole organization) becomes network access nobody reviewed (checkov CKV_AWS_123).",
       "Set AcceptanceRequired: true and accept each connection request (or automate acceptance for a known "
       "list of accounts); keep the allowed principals in VPCEndpointServicePermissions as narrow as the "
       "consumers."},
      &exp_endpoint_service_acceptance::check};
  return rule;
}

}  // namespace aip::lint
