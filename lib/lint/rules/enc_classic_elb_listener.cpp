// AIP-ENC-031: a Classic Load Balancer listener that accepts plain HTTP or TCP from
// clients (cdk-nag AwsSolutions-ELB5).
#include <fmt/format.h>

#include <string>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace enc_classic_elb_listener {

bool plain(const Json& listener) {
  const Json* p = member(listener, "Protocol");
  if (p == nullptr || !p->is_string()) return false;
  const std::string v = p->get<std::string>();
  return v == "HTTP" || v == "TCP" || v == "http" || v == "tcp";
}

void check(Context& ctx) {
  for (const ResourceRef& r : ctx.resources("AWS::ElasticLoadBalancing::LoadBalancer")) {
    const Json* listeners = member(r.properties(), "Listeners");
    if (listeners == nullptr || !listeners->is_array()) continue;
    for (std::size_t i = 0; i < listeners->size(); ++i) {
      if (!plain((*listeners)[i])) continue;
      ctx.report(r, Path{"Properties", "Listeners", std::to_string(i), "Protocol"},
                 fmt::format("Classic Load Balancer {} listener {} accepts {} from clients without TLS: use HTTPS or "
                             "SSL with a certificate",
                             r.display(), i, member((*listeners)[i], "Protocol")->get<std::string>()));
    }
  }
}

}  // namespace enc_classic_elb_listener

const Rule& rule_enc_classic_elb_listener() {
  static const Rule rule{
      {"AIP-ENC-031", "Classic Load Balancer listener without TLS", Severity::warning,
       {"encryption", "nist-800-53", "pci-dss", "hipaa", "soc2", "iso27001"},
       "A Classic Load Balancer listener with Protocol HTTP or TCP carries clients' requests (credentials, "
       "session cookies, data) in clear text over the internet or the network in between, where anyone on the "
       "path can read and change them (cdk-nag AwsSolutions-ELB5).",
       "Set the listener's Protocol to HTTPS or SSL with an SSLCertificateId from ACM; better, replace the "
       "Classic Load Balancer with an Application Load Balancer, whose HTTP listener can redirect to HTTPS."},
      &enc_classic_elb_listener::check};
  return rule;
}

}  // namespace aip::lint
