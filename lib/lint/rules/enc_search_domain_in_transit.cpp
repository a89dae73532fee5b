// AIP-ENC-024: an OpenSearch (or Elasticsearch) domain that does not encrypt
// traffic between nodes or accepts plain HTTP (cdk-nag OS2, checkov CKV_AWS_6,
// CKV_AWS_83).
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace enc_search_domain_in_transit {

void check(Context& ctx) {
  for (const char* type : {"AWS::OpenSearchService::Domain", "AWS::Elasticsearch::Domain"}) {
    for (const ResourceRef& d : ctx.resources(type)) {
      const Json* n2n = member_path(d.properties(), {"NodeToNodeEncryptionOptions", "Enabled"});
      if (n2n == nullptr || !is_true(*n2n)) {
        ctx.report(d, n2n != nullptr ? Path{"Properties", "NodeToNodeEncryptionOptions", "Enabled"} : Path{},
                   fmt::format("search domain {} does not encrypt traffic between its nodes "
                               "(NodeToNodeEncryptionOptions.Enabled is not true)",
                               d.display()));
      }
      const Json* https = member_path(d.properties(), {"DomainEndpointOptions", "EnforceHTTPS"});
      if (https == nullptr || !is_true(*https)) {
        ctx.report(d, https != nullptr ? Path{"Properties", "DomainEndpointOptions", "EnforceHTTPS"} : Path{},
                   fmt::format("search domain {} accepts plain HTTP (DomainEndpointOptions.EnforceHTTPS is not true)",
                               d.display()));
      }
    }
  }
}

}  // namespace enc_search_domain_in_transit

const Rule& rule_enc_search_domain_in_transit() {
  static const Rule rule{
      {"AIP-ENC-024", "OpenSearch domain without node-to-node encryption or HTTPS", Severity::warning,
       {"encryption", "hipaa", "pci-dss", "gdpr", "nist-800-53", "soc2", "iso27001"},
       "Without NodeToNodeEncryptionOptions.Enabled the nodes of an OpenSearch Service domain exchange shards and "
       "queries in plain text inside the VPC; without DomainEndpointOptions.EnforceHTTPS clients may send "
       "credentials and documents over HTTP. Node-to-node encryption is also required for fine-grained access "
       "control (cdk-nag OS2, checkov CKV_AWS_6 and CKV_AWS_83; NIST 800-53 SC-8, PCI DSS 4.2).",
       "Set NodeToNodeEncryptionOptions: {Enabled: true} and DomainEndpointOptions: {EnforceHTTPS: true, "
       "TLSSecurityPolicy: Policy-Min-TLS-1-2-2019-07}."},
      &enc_search_domain_in_transit::check};
  return rule;
}

}  // namespace aip::lint
