// AIP-EXP-002: security group ingress from anywhere on ports other than 80/443.
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {


namespace exp_sg_open_ingress {

void check(Context& ctx) {
  for (const SgRule& r : ingress_rules(ctx)) {
    if (!r.open_to_world()) continue;
    auto range = port_range(*r.rule);
    if (!range) continue;
    if (!range->all_traffic && range->from == range->to && (range->from == 80 || range->from == 443)) continue;
    bool sensitive = false;
    for (const auto& [port, name] : sensitive_ports()) sensitive = sensitive || range->covers(port);
    if (sensitive) continue;  // AIP-EXP-001 reports it, as an error
    ctx.report(r.owner, r.path,
               fmt::format("security group {} allows {} from {}; only HTTP (80) and HTTPS (443) should be open to "
                           "the internet",
                           r.owner.display(), range->str(), r.source()));
  }
}

}  // namespace exp_sg_open_ingress

const Rule& rule_exp_sg_open_ingress() {
  static const Rule rule{
      {"AIP-EXP-002", "Port other than 80/443 open to the internet", Severity::warning,
       {"exposure", "network", "pci-dss", "nist-800-53", "soc2"},
       "Internet-facing entry points should be load balancers or CDNs listening on 80 and 443. Any other port "
       "open to 0.0.0.0/0 or ::/0 (application ports, admin consoles, metrics endpoints) bypasses the load "
       "balancer, its TLS policy and the WAF, and is found by internet-wide scanners.",
       "Put the service behind the load balancer and allow its port only from the load balancer's security group "
       "(`from: sg:alb`), or restrict the source to known ranges."},
      &exp_sg_open_ingress::check};
  return rule;
}

}  // namespace aip::lint
