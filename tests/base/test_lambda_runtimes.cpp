// The Lambda runtime table (data/lambda-runtimes.json, compiled in): what
// AIP-EXP-035, AIP-EXP-045 and the functions area's default rely on.
#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "base/lambda_runtimes.hpp"

using aip::aws::LambdaRuntime;

TEST_CASE("each family's newest runtime is its last supported one, and the default is the newest python") {
  std::set<std::string> families;
  for (const LambdaRuntime& r : aip::aws::lambda_runtimes()) families.insert(std::string(r.family));
  CHECK(families == std::set<std::string>{"dotnet", "go", "java", "nodejs", "provided", "python", "ruby"});
  for (const std::string& family : families) {
    INFO(family);
    std::string last_supported;
    for (const LambdaRuntime& r : aip::aws::lambda_runtimes()) {
      if (r.family == family && !r.deprecated) last_supported = r.name;
    }
    CHECK(aip::aws::newest_lambda_runtime(family) == last_supported);
  }
  CHECK(aip::aws::newest_lambda_runtime("go").empty());  // go1.x is deprecated, provided.al2023 replaces it
  CHECK(aip::aws::default_lambda_runtime() == aip::aws::newest_lambda_runtime("python"));
  CHECK(aip::aws::default_lambda_runtime() == "python3.15");
}

TEST_CASE("deprecated runtimes: the table's and the few checkov lists that aws-cdk-lib never had") {
  for (const char* old : {"python3.9", "nodejs18.x", "java8", "dotnet6", "dotnetcore3.1", "go1.x", "ruby2.7", "provided",
                          "dotnet7", "dotnet5.0", "nodejs4.3-edge"}) {
    INFO(old);
    CHECK(aip::aws::lambda_runtime_deprecated(old));
  }
  for (const char* current : {"python3.10", "python3.15", "nodejs20.x", "java8.al2", "java25", "provided.al2023",
                              "python3.16", "FROM_IMAGE"}) {
    INFO(current);
    CHECK_FALSE(aip::aws::lambda_runtime_deprecated(current));
  }
  REQUIRE(aip::aws::find_lambda_runtime("java17.al2023") != nullptr);
  CHECK(aip::aws::find_lambda_runtime("java17.al2023")->family == "java");
  CHECK(aip::aws::find_lambda_runtime("python3.16") == nullptr);  // newer than the table: unknown, not judged
}
