#include "plan/areas.hpp"

#include <cstring>
#include <stdexcept>
#include <string>

#include "plan/plan.hpp"

namespace aip::plan {

namespace {

const std::vector<Area>& area_table() {
  static const std::vector<Area> table = {
      {"network", &plan_vpcs, {}},
      {"security_groups", &plan_security_groups, {"network"}},
      {"storage", &plan_storage, {}},
      {"identity", &plan_identity, {}},
      {"data", &plan_data, {"network", "security_groups"}},
      {"vpns", &plan_vpns, {"network"}},
      {"tables", &plan_tables, {}},  // functions and services are granted tables by name
      {"compute", &plan_compute,
       {"network", "security_groups", "storage", "identity", "data", "tables", "registries", "secrets", "discovery",
        "guardrails"}},
      {"functions", &plan_functions, {"network", "security_groups", "storage", "tables", "secrets", "guardrails"}},
      {"api", &plan_api, {"identity", "functions"}},
      {"edge", &plan_edge, {"storage", "compute", "api"}},
      {"finops", &plan_finops, {}},
      {"observability", &plan_observability, {"data", "compute", "edge"}},
      // A workflow names functions, tables, queues, topics and buckets; events rules start workflows.
      {"workflows", &plan_workflows, {"functions", "tables", "storage"}},
      {"events", &plan_events, {"functions", "workflows"}},
      {"iam", &plan_iam, {"storage"}},
      {"sagemaker", &plan_sagemaker, {"network", "security_groups", "storage"}},
      {"glue", &plan_glue, {"storage"}},
      // Repositories, secrets and namespaces that services and functions name.
      {"registries", &plan_registries, {}},
      {"secrets", &plan_secrets, {"data"}},
      {"discovery", &plan_discovery, {"network"}},
      // Zones and certificates; distributions (which add grants to their origin
      // buckets' policies); the records in their targets' stacks.
      {"dns", &plan_dns, {"network"}},
      {"cdn", &plan_cdn, {"storage", "dns", "edge"}},
      {"dns_records", &plan_dns_records, {"compute", "cdn", "api"}},
      // Config delivers to a storage bucket (its key).
      {"security", &plan_security, {"storage"}},
      // Grants to the roles, functions and services planned above.
      {"search", &plan_search, {"compute", "functions", "iam"}},
      // Selections name the databases and buckets planned above.
      {"backup", &plan_backup, {"storage", "data"}},
      // Derived from the zones and security groups (plan/network_acls.cpp).
      {"network_acls", &plan_network_acls, {"network", "security_groups"}},
      // Pipelines build into repositories, read secrets and source buckets,
      // notify alarm topics and deploy compute services.
      {"pipelines", &plan_pipelines, {"storage", "compute", "registries", "secrets", "observability"}},
      // Functions and services import guardrail ARNs (plan/bedrock.cpp);
      // knowledge bases grant retrieval to the roles planned above.
      {"guardrails", &plan_guardrails, {}},
      {"knowledge_bases", &plan_knowledge_bases, {"storage", "search", "functions", "compute", "iam"}},
  };
  return table;
}

}  // namespace

std::vector<const Area*> order_areas(const std::vector<Area>& table) {
  auto index_of = [&](const char* name) {
    for (std::size_t i = 0; i < table.size(); ++i) {
      if (std::strcmp(table[i].name, name) == 0) return i;
    }
    throw std::logic_error(std::string("planning order: unknown area '") + name + "'");
  };
  std::vector<std::vector<std::size_t>> before(table.size());
  for (std::size_t i = 0; i < table.size(); ++i) {
    for (const char* name : table[i].after) before[i].push_back(index_of(name));
  }
  // Repeatedly take the first area, in table order, whose areas are all planned:
  // a dozen areas, so the quadratic scan costs nothing and keeps the order stable.
  std::vector<const Area*> order;
  std::vector<bool> done(table.size(), false);
  while (order.size() < table.size()) {
    bool progressed = false;
    for (std::size_t i = 0; i < table.size() && !progressed; ++i) {
      if (done[i]) continue;
      bool ready = true;
      for (std::size_t b : before[i]) ready = ready && done[b];
      if (!ready) continue;
      done[i] = true;
      order.push_back(&table[i]);
      progressed = true;
    }
    if (!progressed) throw std::logic_error("planning order: the areas' 'after' lists form a cycle");
  }
  return order;
}

const std::vector<const Area*>& planning_order() {
  static const std::vector<const Area*> order = order_areas(area_table());
  return order;
}

}  // namespace aip::plan
