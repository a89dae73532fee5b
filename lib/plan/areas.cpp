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
      {"compute", &plan_compute, {"network", "security_groups", "storage", "identity", "data"}},
      {"functions", &plan_functions, {"network", "security_groups", "storage"}},
      {"api", &plan_api, {"identity", "functions"}},
      {"edge", &plan_edge, {"storage", "compute", "api"}},
      {"finops", &plan_finops, {}},
      {"observability", &plan_observability, {"data", "compute", "edge"}},
      {"events", &plan_events, {"functions"}},
      {"iam", &plan_iam, {"storage"}},
      // Grants to the roles, functions and services planned above.
      {"search", &plan_search, {"compute", "functions", "iam"}},
      // Selections name the databases and buckets planned above.
      {"backup", &plan_backup, {"storage", "data"}},
      // Derived from the zones and security groups (plan/network_acls.cpp).
      {"network_acls", &plan_network_acls, {"network", "security_groups"}},
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
