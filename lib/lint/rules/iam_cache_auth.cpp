// AIP-IAM-018: an ElastiCache (Redis OSS / Valkey) replication group that asks
// clients for no credentials: no AUTH token and no RBAC user groups, or no TLS
// for them to travel in (cdk-nag AwsSolutions-AEC6, checkov CKV_AWS_31).
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace iam_cache_auth {

void check(Context& ctx) {
  for (const ResourceRef& g : ctx.resources("AWS::ElastiCache::ReplicationGroup")) {
    const Json& p = g.properties();
    const Json* token = member(p, "AuthToken");
    const Json* groups = member(p, "UserGroupIds");
    const bool authenticates = (token != nullptr && !(token->is_string() && token->get<std::string>().empty())) ||
                               (groups != nullptr && !(groups->is_array() && groups->empty()));
    if (!authenticates) {
      ctx.report(g, {},
                 fmt::format("replication group {} authenticates no client: it has neither an AuthToken (Redis AUTH) "
                             "nor UserGroupIds (RBAC), so every host that reaches port 6379 reads and writes the cache",
                             g.display()));
      continue;
    }
    // AUTH and RBAC need in-transit encryption; AIP-ENC-022 reports a group without it, this names the consequence.
    const Json* tls = member(p, "TransitEncryptionEnabled");
    if (tls != nullptr && (is_true(*tls) || (!tls->is_boolean() && !tls->is_string()))) continue;
    ctx.report(g, tls != nullptr ? Path{"Properties", "TransitEncryptionEnabled"} : Path{},
               fmt::format("replication group {} sends its {} in plain text: TransitEncryptionEnabled is not true",
                           g.display(), token != nullptr ? "AUTH token" : "users' passwords"));
  }
}

}  // namespace iam_cache_auth

const Rule& rule_iam_cache_auth() {
  static const Rule rule{
      {"AIP-IAM-018", "ElastiCache replication group without client authentication", Severity::warning,
       {"iam", "nist-800-53", "pci-dss", "hipaa", "soc2", "iso27001"},
       "A Redis OSS or Valkey replication group without an AuthToken or RBAC UserGroupIds accepts every "
       "connection its security group lets through: any compromised task in the VPC reads sessions, tokens and "
       "cached model answers, or flushes them. AUTH and RBAC credentials are only worth having over TLS, so a "
       "group that authenticates without TransitEncryptionEnabled is reported too (cdk-nag AwsSolutions-AEC6, "
       "checkov CKV_AWS_31). Memcached clusters (AWS::ElastiCache::CacheCluster) have no "
       "authentication to turn on and are not checked.",
       "Give the group UserGroupIds (an AWS::ElastiCache::UserGroup of users with IAM or password authentication) "
       "or an AuthToken from {{resolve:secretsmanager:...}}, with TransitEncryptionEnabled: true."},
      &iam_cache_auth::check};
  return rule;
}

}  // namespace aip::lint
