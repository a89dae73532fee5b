// AIP-RES-007: an ElastiCache (Redis OSS / Valkey) replication group without
// Multi-AZ (cdk-nag AwsSolutions-AEC4).
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace res_cache_multi_az {

void check(Context& ctx) {
  for (const ResourceRef& g : ctx.resources("AWS::ElastiCache::ReplicationGroup")) {
    const Json* multi = member(g.properties(), "MultiAZEnabled");
    if (multi != nullptr && (is_true(*multi) || (!multi->is_boolean() && !multi->is_string()))) continue;
    ctx.report(g, multi != nullptr ? Path{"Properties", "MultiAZEnabled"} : Path{},
               fmt::format("replication group {} is not Multi-AZ: when its primary's zone or node fails, "
                           "ElastiCache does not fail over to a replica in another zone; set MultiAZEnabled and "
                           "AutomaticFailoverEnabled to true with a replica in a second zone",
                           g.display()));
  }
}

}  // namespace res_cache_multi_az

const Rule& rule_res_cache_multi_az() {
  static const Rule rule{
      {"AIP-RES-007", "ElastiCache replication group not Multi-AZ", Severity::warning,
       {"resilience", "soc2", "iso27001"},
       "A replication group without Multi-AZ keeps its primary in one zone and does not promote a replica in "
       "another when that zone or the primary node fails: writes stop until a node is replaced, and a cache that "
       "fronts a model or a database (semantic caching, sessions, rate limits) sends its whole load to what is "
       "behind it (cdk-nag AwsSolutions-AEC4).",
       "Set MultiAZEnabled: true and AutomaticFailoverEnabled: true, with at least one replica "
       "(NumCacheClusters 2 or more, or ReplicasPerNodeGroup 1 or more) and subnets in two zones. A cache that "
       "may be empty after a failure takes a suppression saying so."},
      &res_cache_multi_az::check};
  return rule;
}

}  // namespace aip::lint
