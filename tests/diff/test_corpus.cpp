// The classification corpus: every pair in tests/diff/corpus records how aip
// classifies each changed resource (and, where the pair says so, which
// resources lose data and whether access broadens). The same pairs are run
// through the AWS CDK's diff engine by cdk_agreement.sh when node is present.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <set>

#include "diff_test_support.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

TEST_CASE("every corpus pair is classified as recorded") {
  const fs::path dir = fs::path(AIP_SOURCE_DIR) / "tests/diff/corpus";
  std::size_t pairs = 0;
  std::set<std::string> kinds_seen;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() != ".json") continue;
    ++pairs;
    std::ifstream in(entry.path());
    const json pair = json::parse(in);
    INFO(entry.path().filename().string() << ": " << pair.value("description", ""));
    const auto sd = aip::test::diff_templates(pair["old"], pair["new"]);
    std::map<std::string, std::string> expected = pair["expected"].get<std::map<std::string, std::string>>();
    CHECK(aip::test::classes(sd) == expected);
    for (const auto& [id, kind] : expected) kinds_seen.insert(kind);
    if (pair.contains("data_loss")) {
      std::set<std::string> lost;
      for (const auto& rc : sd.resources) {
        if (rc.data_loss) lost.insert(rc.logical_id);
      }
      CHECK(lost == pair["data_loss"].get<std::set<std::string>>());
    }
    if (pair.contains("broadened")) {
      bool broadened = false;
      for (const auto& c : sd.iam) broadened = broadened || c.broadens;
      for (const auto& c : sd.security_groups) broadened = broadened || c.broadens;
      for (const auto& c : sd.managed_policies) broadened = broadened || c.broadens;
      CHECK(broadened == pair["broadened"].get<bool>());
    }
  }
  CHECK(pairs >= 30);
  CHECK(kinds_seen == std::set<std::string>{"added", "removed", "updated", "replaced", "may-replace"});
}
