// AIP-ENC-033: an Application or Network Load Balancer listener that serves
// plain HTTP without redirecting to HTTPS, or TLS with a policy that accepts
// versions before 1.2 (checkov CKV_AWS_2, CKV_AWS_103).
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace enc_listener_tls {

// Security policies that negotiate TLS 1.2 or later only (checkov's prefixes).
bool tls12_policy(const std::string& policy, bool alb) {
  static const char* kAlb[] = {"ELBSecurityPolicy-FS-1-2", "ELBSecurityPolicy-TLS-1-2", "ELBSecurityPolicy-TLS13-1-2",
                               "ELBSecurityPolicy-TLS13-1-3"};
  static const char* kNlb[] = {"ELBSecurityPolicy-TLS13-1-3-2021-06", "ELBSecurityPolicy-TLS13-1-2",
                               "ELBSecurityPolicy-FS-1-2", "ELBSecurityPolicy-TLS-1-2"};
  for (const char* prefix : alb ? kAlb : kNlb) {
    if (policy.rfind(prefix, 0) == 0) return true;
  }
  return false;
}

// Every default action redirects to HTTPS (an HTTP listener that only redirects carries no data).
bool redirects_to_https(const Json& p) {
  const Json* actions = member(p, "DefaultActions");
  if (actions == nullptr || !actions->is_array() || actions->empty()) return false;
  for (const Json& a : *actions) {
    const Json* protocol = member_path(a, {"RedirectConfig", "Protocol"});
    if (protocol == nullptr || !protocol->is_string() || protocol->get<std::string>() != "HTTPS") return false;
  }
  return true;
}

void check(Context& ctx) {
  for (const ResourceRef& l : ctx.resources("AWS::ElasticLoadBalancingV2::Listener")) {
    const Json& p = l.properties();
    const Json* protocol = member(p, "Protocol");
    if (protocol == nullptr || !protocol->is_string()) continue;  // Gateway Load Balancer listeners, intrinsics
    const std::string proto = protocol->get<std::string>();
    if (proto == "HTTP") {
      if (redirects_to_https(p)) continue;
      ctx.report(l, {"Properties", "Protocol"},
                 fmt::format("load balancer listener {} serves plain HTTP: requests, responses and credentials cross "
                             "the network unencrypted; listen with HTTPS, or make every default action a redirect "
                             "to HTTPS",
                             l.display()));
    } else if (proto == "HTTPS" || proto == "TLS") {
      const Json* policy = member(p, "SslPolicy");
      if (policy != nullptr && !policy->is_string()) continue;  // an intrinsic
      if (policy != nullptr && tls12_policy(policy->get<std::string>(), proto == "HTTPS")) continue;
      ctx.report(l, policy != nullptr ? Path{"Properties", "SslPolicy"} : Path{"Properties", "Protocol"},
                 fmt::format("{} listener {} {}: clients can negotiate TLS 1.0 or 1.1; set SslPolicy to "
                             "ELBSecurityPolicy-TLS13-1-2-2021-06 or another TLS 1.2 policy",
                             proto, l.display(),
                             policy != nullptr
                                 ? fmt::format("uses security policy {}", policy->get<std::string>())
                                 : std::string("has no SslPolicy (the default ELBSecurityPolicy-2016-08)")));
    }
  }
}

}  // namespace enc_listener_tls

const Rule& rule_enc_listener_tls() {
  static const Rule rule{
      {"AIP-ENC-033", "Load balancer listener without TLS 1.2", Severity::warning,
       {"encryption", "nist-800-53", "pci-dss", "hipaa", "soc2", "iso27001"},
       "An HTTP listener that forwards to targets carries every request and response (session cookies, bearer "
       "tokens, prompts and completions) in clear text between the client and the load balancer. An HTTPS or TLS "
       "listener without a TLS 1.2 security policy still accepts TLS 1.0 and 1.1, which PCI DSS 4.2.1 and NIST "
       "SC-8 rule out (checkov CKV_AWS_2 and CKV_AWS_103; cdk-nag ALBHttpToHttpsRedirection in its HIPAA, NIST and "
       "PCI packs).",
       "Listen with HTTPS (ALB) or TLS (NLB) and SslPolicy ELBSecurityPolicy-TLS13-1-2-2021-06; keep port 80 only "
       "as a listener whose default action redirects to HTTPS (aip's `load_balancers:` renders both)."},
      &enc_listener_tls::check};
  return rule;
}

}  // namespace aip::lint
