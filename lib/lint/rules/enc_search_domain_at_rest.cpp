// AIP-ENC-023: an OpenSearch (or Elasticsearch) domain without encryption at
// rest (cdk-nag OS8, checkov CKV_AWS_5).
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace enc_search_domain_at_rest {

void check(Context& ctx) {
  for (const char* type : {"AWS::OpenSearchService::Domain", "AWS::Elasticsearch::Domain"}) {
    for (const ResourceRef& d : ctx.resources(type)) {
      const Json* on = member_path(d.properties(), {"EncryptionAtRestOptions", "Enabled"});
      if (on != nullptr && is_true(*on)) continue;
      ctx.report(d, on != nullptr ? Path{"Properties", "EncryptionAtRestOptions", "Enabled"} : Path{},
                 fmt::format("search domain {} is not encrypted at rest (EncryptionAtRestOptions.Enabled is not true)",
                             d.display()));
    }
  }
}

}  // namespace enc_search_domain_at_rest

const Rule& rule_enc_search_domain_at_rest() {
  static const Rule rule{
      {"AIP-ENC-023", "OpenSearch domain not encrypted at rest", Severity::warning,
       {"encryption", "hipaa", "pci-dss", "gdpr", "nist-800-53", "soc2", "iso27001"},
       "An OpenSearch Service domain without EncryptionAtRestOptions.Enabled stores its indices, swap files and "
       "automated snapshots unencrypted. Documents indexed for search (and for retrieval-augmented generation) "
       "are often the most sensitive data of a platform (cdk-nag OS8, checkov CKV_AWS_5; NIST 800-53 SC-28, "
       "PCI DSS 3.5).",
       "Set EncryptionAtRestOptions: {Enabled: true} (and KmsKeyId for a customer-managed key)."},
      &enc_search_domain_at_rest::check};
  return rule;
}

}  // namespace aip::lint
