// AIP-RES-015: a Classic Load Balancer without connection draining (cdk-nag
// AwsSolutions-ELB3) or without cross-zone balancing over two or more zones (ELB4).
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace res_classic_elb {

bool on(const Json* v) { return v != nullptr && (is_true(*v) || (!v->is_boolean() && !v->is_string())); }

void check(Context& ctx) {
  for (const ResourceRef& lb : ctx.resources("AWS::ElasticLoadBalancing::LoadBalancer")) {
    const Json& p = lb.properties();
    if (!on(member_path(p, {"ConnectionDrainingPolicy", "Enabled"}))) {
      ctx.report(lb, member(p, "ConnectionDrainingPolicy") != nullptr ? Path{"Properties", "ConnectionDrainingPolicy"}
                                                                     : Path{},
                 fmt::format("Classic Load Balancer {} has no connection draining: requests in flight fail when an "
                             "instance is deregistered or found unhealthy",
                             lb.display()));
    }
    // Subnets (in a VPC) or AvailabilityZones (EC2-Classic) decide the zones; a list of one is a single zone.
    const Json* zones = member(p, "Subnets");
    if (zones == nullptr) zones = member(p, "AvailabilityZones");
    const bool single_zone = zones == nullptr || (zones->is_array() && zones->size() < 2);
    if (!on(member(p, "CrossZone")) || single_zone) {
      ctx.report(lb, member(p, "CrossZone") != nullptr ? Path{"Properties", "CrossZone"} : Path{},
                 fmt::format("Classic Load Balancer {} does not balance across two or more zones ({}): a zone's "
                             "outage, or an uneven spread of instances, overloads what is left",
                             lb.display(),
                             single_zone ? "it lists fewer than two subnets or zones" : "CrossZone is not true"));
    }
  }
}

}  // namespace res_classic_elb

const Rule& rule_res_classic_elb() {
  static const Rule rule{
      {"AIP-RES-015", "Classic Load Balancer without connection draining or cross-zone balancing", Severity::warning,
       {"resilience", "soc2", "iso27001"},
       "Without ConnectionDrainingPolicy a Classic Load Balancer cuts the connections of an instance the moment it "
       "is deregistered (a deployment, a scale-in), so users see errors on every release. Without CrossZone over "
       "subnets or zones in at least two Availability Zones, each zone's node sends its share only to its own "
       "instances, and a zone's outage takes its share of capacity with it (cdk-nag AwsSolutions-ELB3 and ELB4).",
       "Set ConnectionDrainingPolicy {Enabled: true, Timeout: 300}, CrossZone: true and Subnets in two or more "
       "zones; better, move to an Application or Network Load Balancer (AIP-EXP-043)."},
      &res_classic_elb::check};
  return rule;
}

}  // namespace aip::lint
