// The planning order: every area after the areas whose resources it references.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstring>
#include <stdexcept>
#include <string>
#include <vector>

#include "plan/areas.hpp"

using aip::plan::Area;

namespace {

std::vector<std::string> names(const std::vector<const Area*>& order) {
  std::vector<std::string> out;
  for (const Area* a : order) out.push_back(a->name);
  return out;
}

void no_op(const aip::spec::Spec&, aip::cfn::Assembly&) {}

}  // namespace

TEST_CASE("every area is planned after the areas it names") {
  const auto& order = aip::plan::planning_order();
  REQUIRE(order.size() == 31);
  for (std::size_t i = 0; i < order.size(); ++i) {
    for (const char* before : order[i]->after) {
      INFO(order[i]->name << " names " << before);
      bool earlier = false;
      for (std::size_t j = 0; j < i; ++j) earlier = earlier || std::strcmp(order[j]->name, before) == 0;
      CHECK(earlier);
    }
  }
  // Storage before compute, compute before edge and observability, search
  // after the roles, functions and services it grants to, knowledge bases last
  // (they use search's collections and grant to every caller), guardrails
  // before the functions and services that import them.
  const auto n = names(order);
  auto at = [&](const char* name) { return std::find(n.begin(), n.end(), name) - n.begin(); };
  CHECK(at("storage") < at("compute"));
  CHECK(at("compute") < at("edge"));
  CHECK(at("edge") < at("observability"));
  CHECK(n.back() == "knowledge_bases");
  CHECK(at("storage") < at("sagemaker"));
  CHECK(at("network") < at("sagemaker"));
  CHECK(at("storage") < at("glue"));
  CHECK(at("registries") < at("compute"));
  CHECK(at("secrets") < at("functions"));
  CHECK(at("discovery") < at("compute"));
  // Pipelines deploy services, push to repositories and announce on alarm topics.
  CHECK(at("compute") < at("pipelines"));
  CHECK(at("registries") < at("pipelines"));
  CHECK(at("observability") < at("pipelines"));
  // Zones and certificates, then distributions (they patch origin bucket
  // policies), then the records in their targets' stacks.
  CHECK(at("network") < at("dns"));
  CHECK(at("storage") < at("cdn"));
  CHECK(at("dns") < at("cdn"));
  CHECK(at("edge") < at("cdn"));
  CHECK(at("cdn") < at("dns_records"));
  CHECK(at("compute") < at("dns_records"));
  CHECK(at("api") < at("dns_records"));
  // Functions and services are granted tables; events rules start workflows.
  CHECK(at("tables") < at("functions"));
  CHECK(at("tables") < at("compute"));
  CHECK(at("functions") < at("workflows"));
  CHECK(at("workflows") < at("events"));
  CHECK(at("storage") < at("security"));  // Config delivers to a storage bucket
}

TEST_CASE("the order follows the dependencies, not the table") {
  const std::vector<Area> table = {{"edge", &no_op, {"compute"}}, {"compute", &no_op, {"storage"}},
                                   {"storage", &no_op, {}}, {"finops", &no_op, {}}};
  CHECK(names(aip::plan::order_areas(table)) == std::vector<std::string>{"storage", "compute", "edge", "finops"});
}

TEST_CASE("a cycle or an unknown area in the planning order is a bug that throws") {
  const std::vector<Area> cycle = {{"a", &no_op, {"b"}}, {"b", &no_op, {"a"}}};
  CHECK_THROWS_AS(aip::plan::order_areas(cycle), std::logic_error);
  const std::vector<Area> unknown = {{"a", &no_op, {"nope"}}};
  CHECK_THROWS_AS(aip::plan::order_areas(unknown), std::logic_error);
}
