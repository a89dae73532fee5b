// Valid templates must produce no findings at all.
#include "test_support.hpp"

#include <catch2/catch.hpp>

#include <filesystem>

using namespace aip::cfn;
using aip::cfn::test::corpus_path;
using aip::cfn::test::validate_file;

TEST_CASE("VPC + subnet + security group + endpoint validates cleanly") {
  CHECK(validate_file("good/vpc_endpoint.json") == std::vector<std::string>{});
}

TEST_CASE("YAML template with short-form tags validates cleanly") {
  CHECK(validate_file("good/short_tags.yaml") == std::vector<std::string>{});
}

TEST_CASE("every file in good/ validates cleanly") {
  std::size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(corpus_path("good"))) {
    const std::string name = "good/" + entry.path().filename().string();
    INFO(name);
    CHECK(validate_file(name) == std::vector<std::string>{});
    ++files;
  }
  CHECK(files >= 3);
}
