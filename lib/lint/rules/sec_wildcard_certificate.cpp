// AIP-SEC-010: an ACM certificate whose domain name or a subject alternative
// name is a wildcard (checkov CKV2_AWS_71).
#include <string>

#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace sec_wildcard_certificate {

bool wildcard(const Json& name) { return name.is_string() && name.get<std::string>().find('*') != std::string::npos; }

void check(Context& ctx) {
  for (const ResourceRef& cert : ctx.resources("AWS::CertificateManager::Certificate")) {
    if (const Json* domain = member(cert.properties(), "DomainName"); domain != nullptr && wildcard(*domain)) {
      ctx.report(cert, {"Properties", "DomainName"},
                 fmt::format("certificate {} is issued for the wildcard {}: its key authenticates every host of "
                             "that domain",
                             cert.display(), domain->get<std::string>()));
    }
    const Json* sans = member(cert.properties(), "SubjectAlternativeNames");
    if (sans == nullptr || !sans->is_array()) continue;
    for (std::size_t i = 0; i < sans->size(); ++i) {
      if (!wildcard((*sans)[i])) continue;
      ctx.report(cert, {"Properties", "SubjectAlternativeNames", std::to_string(i)},
                 fmt::format("certificate {} names the wildcard {}: its key authenticates every host of that "
                             "domain",
                             cert.display(), (*sans)[i].get<std::string>()));
    }
  }
}

}  // namespace sec_wildcard_certificate

const Rule& rule_sec_wildcard_certificate() {
  static const Rule rule{
      {"AIP-SEC-010", "ACM certificate for a wildcard domain", Severity::warning,
       {"security", "nist-800-53", "pci-dss", "soc2"},
       "A wildcard certificate (*.example.com) is valid for every host of the domain, those that exist and those "
       "that do not yet. Whoever gets hold of one place that uses it (an exported key, a compromised load "
       "balancer or a misconfigured distribution) can impersonate every service of the domain, and a subdomain "
       "taken over (a dangling DNS record) is served a trusted certificate (checkov CKV2_AWS_71; NIST 800-53 "
       "SC-12, SC-17).",
       "Name each host the certificate serves in DomainName and SubjectAlternativeNames (ACM takes up to 100), "
       "or issue one certificate per service. When one certificate for the application's own subdomains is a "
       "deliberate choice, suppress the finding with the reason (in a spec: `lint: suppress:` on the "
       "certificate)."},
      &sec_wildcard_certificate::check};
  return rule;
}

}  // namespace aip::lint
