// AIP-ENC-022: an ElastiCache replication group without encryption at rest or
// in transit (cdk-nag AEC3, checkov CKV_AWS_29 / CKV_AWS_30).
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace enc_elasticache_replication_group {

void check(Context& ctx) {
  for (const ResourceRef& g : ctx.resources("AWS::ElastiCache::ReplicationGroup")) {
    for (const auto& [key, what] : {std::pair<const char*, const char*>{"AtRestEncryptionEnabled", "at rest"},
                                    std::pair<const char*, const char*>{"TransitEncryptionEnabled", "in transit"}}) {
      const Json* on = member(g.properties(), key);
      if (on != nullptr && is_true(*on)) continue;
      ctx.report(g, on != nullptr ? Path{"Properties", key} : Path{},
                 fmt::format("ElastiCache replication group {} is not encrypted {} ({} is not true)", g.display(), what,
                             key));
    }
  }
}

}  // namespace enc_elasticache_replication_group

const Rule& rule_enc_elasticache_replication_group() {
  static const Rule rule{
      {"AIP-ENC-022", "ElastiCache replication group not encrypted at rest or in transit", Severity::warning,
       {"encryption", "hipaa", "pci-dss", "gdpr", "nist-800-53", "soc2", "iso27001"},
       "A Redis or Valkey replication group keeps cached data (sessions, tokens, query results) on disk in "
       "snapshots and swap unless AtRestEncryptionEnabled is true, and sends it in plain text between clients and "
       "nodes unless TransitEncryptionEnabled is true. At-rest encryption can only be chosen at creation "
       "(cdk-nag AEC3, checkov CKV_AWS_29 and CKV_AWS_30; NIST 800-53 SC-8 and SC-28, PCI DSS 3.5 and 4.2).",
       "Set AtRestEncryptionEnabled: true and TransitEncryptionEnabled: true (clients connect with TLS)."},
      &enc_elasticache_replication_group::check};
  return rule;
}

}  // namespace aip::lint
