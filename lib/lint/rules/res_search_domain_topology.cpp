// AIP-RES-013: an OpenSearch (or Elasticsearch) domain without dedicated
// master nodes (cdk-nag AwsSolutions-OS4) or zone awareness (OS7).
#include <string>

#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace res_search_domain_topology {

void check(Context& ctx) {
  using Kind = std::pair<const char*, const char*>;  // type, cluster configuration property
  for (const auto& [type, key] : {Kind{"AWS::OpenSearchService::Domain", "ClusterConfig"},
                                  Kind{"AWS::Elasticsearch::Domain", "ElasticsearchClusterConfig"}}) {
    for (const ResourceRef& d : ctx.resources(type)) {
      const Json* config = member(d.properties(), key);
      if (config != nullptr && !config->is_object()) continue;  // an intrinsic
      std::string missing;
      for (const auto& [flag, what] : {std::pair<const char*, const char*>{"DedicatedMasterEnabled",
                                                                           "dedicated master nodes"},
                                       std::pair<const char*, const char*>{"ZoneAwarenessEnabled", "zone awareness"}}) {
        const Json* on = config != nullptr ? member(*config, flag) : nullptr;
        if (on != nullptr && (is_true(*on) || (!on->is_boolean() && !on->is_string()))) continue;
        missing += std::string(missing.empty() ? "" : " and ") + what + " (" + flag + ")";
      }
      if (missing.empty()) continue;
      ctx.report(d, config != nullptr ? Path{"Properties", key} : Path{},
                 fmt::format("search domain {} has no {}: a node or zone failure can make the cluster red or "
                             "unavailable",
                             d.display(), missing));
    }
  }
}

}  // namespace res_search_domain_topology

const Rule& rule_res_search_domain_topology() {
  static const Rule rule{
      {"AIP-RES-013", "OpenSearch domain without dedicated master nodes or zone awareness", Severity::warning,
       {"resilience", "soc2", "iso27001"},
       "An OpenSearch Service domain whose data nodes also act as cluster managers can lose its quorum when one "
       "busy node stalls, and one without zone awareness keeps a shard and its replica in the same Availability "
       "Zone, so a zone outage takes indices (the vector store of a RAG application, the log search) offline "
       "(cdk-nag AwsSolutions-OS4 and OS7). Both default to off.",
       "Set ClusterConfig DedicatedMasterEnabled: true with three DedicatedMasterCount, and ZoneAwarenessEnabled: "
       "true with ZoneAwarenessConfig AvailabilityZoneCount 2 or 3 and subnets in as many zones. A one-node "
       "development domain takes a suppression saying so."},
      &res_search_domain_topology::check};
  return rule;
}

}  // namespace aip::lint
