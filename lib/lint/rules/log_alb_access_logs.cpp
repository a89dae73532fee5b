// AIP-LOG-002: an Application Load Balancer without access logs.
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace log_alb_access_logs {

void check(Context& ctx) {
  for (const ResourceRef& lb : ctx.resources("AWS::ElasticLoadBalancingV2::LoadBalancer")) {
    const Json* type = member(lb.properties(), "Type");
    if (type != nullptr && *type != "application") continue;
    bool logging = false;
    if (const Json* attrs = member(lb.properties(), "LoadBalancerAttributes"); attrs != nullptr && attrs->is_array()) {
      for (const Json& a : *attrs) {
        const Json* key = member(a, "Key");
        const Json* value = member(a, "Value");
        if (key != nullptr && *key == "access_logs.s3.enabled" && value != nullptr && is_true(*value)) logging = true;
      }
    }
    if (logging) continue;
    ctx.report(lb, {},
               fmt::format("load balancer {} does not write access logs (access_logs.s3.enabled)", lb.display()));
  }
  // Classic Load Balancers (checkov CKV_AWS_92).
  for (const ResourceRef& lb : ctx.resources("AWS::ElasticLoadBalancing::LoadBalancer")) {
    const Json* on = member_path(lb.properties(), {"AccessLoggingPolicy", "Enabled"});
    if (on != nullptr && (is_true(*on) || (!on->is_boolean() && !on->is_string()))) continue;
    ctx.report(lb, on != nullptr ? Path{"Properties", "AccessLoggingPolicy", "Enabled"} : Path{},
               fmt::format("Classic Load Balancer {} does not write access logs (AccessLoggingPolicy.Enabled)",
                           lb.display()));
  }
}

}  // namespace log_alb_access_logs

const Rule& rule_log_alb_access_logs() {
  static const Rule rule{
      {"AIP-LOG-002", "Load balancer without access logs", Severity::warning,
       {"logging", "pci-dss", "hipaa", "nist-800-53", "soc2", "iso27001"},
       "Access logs are the only record of who called the application through the load balancer: client address, "
       "request, TLS version, status and latency. Incident response and PCI DSS 10.2 need them, and they cannot be "
       "recovered after the fact.",
       "Set the load balancer attributes access_logs.s3.enabled = true and access_logs.s3.bucket to a log bucket "
       "whose policy lets the regional ELB account write (`access_logs_bucket:` in an aip spec); on a Classic Load "
       "Balancer, AccessLoggingPolicy {Enabled: true, S3BucketName: ...}."},
      &log_alb_access_logs::check};
  return rule;
}

}  // namespace aip::lint
