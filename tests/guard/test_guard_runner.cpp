#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "base/yaml_tree.hpp"
#include "guard/test_runner.hpp"
#include "guard_support.hpp"

using json = nlohmann::json;

namespace {

struct RunResult {
  std::optional<aip::guard::TestReport> report;
  std::vector<std::string> errors;  // "line:col: message"
};

RunResult run_tests(const std::string& rules, const std::string& tests) {
  aip::SourceManager sources;
  aip::Diagnostics diags;
  auto parsed = aip::guard::parse_rule_file(sources.add("r.guard", rules), diags);
  REQUIRE(parsed);
  RunResult out;
  out.report = aip::guard::run_rule_tests(*parsed, sources.add("t.yml", tests), diags);
  for (const auto& d : diags.sorted()) out.errors.push_back(std::to_string(d.location.line) + ":" + std::to_string(d.location.column) + ": " + d.message);
  return out;
}

json yaml(const std::string& text) {
  aip::SourceManager sources;
  aip::Diagnostics diags;
  auto node = aip::parse_yaml(sources.add("x.yml", text), diags);
  REQUIRE(node);
  return aip::guard::yaml_to_json(*node);
}

const char* kRule = "rule HAS_NAME { Resources.*.Properties.Name exists }\nrule OTHER { Resources exists }\n";

}  // namespace

TEST_CASE("Guard test runner: expectations met and not met, as cfn-guard prints them", "[guard][runner]") {
  const auto r = run_tests(kRule, R"(
- name: named
  input: { Resources: { A: { Type: X, Properties: { Name: a } } } }
  expectations: { rules: { HAS_NAME: PASS, OTHER: PASS } }
- name: wrong expectation
  input: { Resources: { A: { Type: X, Properties: {} } } }
  expectations: { rules: { HAS_NAME: PASS, NO_SUCH_RULE: FAIL } }
)");
  REQUIRE(r.errors.empty());
  REQUIRE(r.report);
  CHECK_FALSE(r.report->all_matched());
  CHECK(r.report->expectation_count() == 3);
  CHECK(r.report->mismatch_count() == 1);
  CHECK(aip::guard::render_test_report(*r.report) ==
        "Test Case #1\n"
        "Name: named\n"
        "  PASS Rules:\n"
        "    HAS_NAME: Expected = PASS\n"
        "    OTHER: Expected = PASS\n"
        "\n"
        "Test Case #2\n"
        "Name: wrong expectation\n"
        "  No Test expectation was set for Rule OTHER\n"
        "  No rule NO_SUCH_RULE in the rule file: its expectation is ignored\n"
        "  FAIL Rules:\n"
        "    HAS_NAME: Expected = PASS, Evaluated = [FAIL]\n"
        "\n");
}

TEST_CASE("Guard test runner: a malformed test file is an error at its line", "[guard][runner]") {
  CHECK(run_tests(kRule, "input: {}\n").errors ==
        std::vector<std::string>{"1:1: a Guard test file is a list of test cases (- input: ... expectations: ...), got a map"});
  CHECK(run_tests(kRule, "- just text\n").errors == std::vector<std::string>{"1:3: a test case is a map with 'input' and 'expectations', got 'just text'"});
  CHECK(run_tests(kRule, "- expectations: { rules: { OTHER: PASS } }\n").errors == std::vector<std::string>{"1:3: test case without 'input'"});
  CHECK(run_tests(kRule, "- input: {}\n  expectations: {}\n").errors ==
        std::vector<std::string>{"2:17: test case without 'expectations: rules: {RULE: PASS|FAIL|SKIP}'"});
  const auto bad_status = run_tests(kRule, "- input: {}\n  expectations:\n    rules:\n      OTHER: PASSED\n");
  CHECK_FALSE(bad_status.report);
  CHECK(bad_status.errors == std::vector<std::string>{"4:14: expected status PASS, FAIL or SKIP for rule 'OTHER', got 'PASSED'"});
  CHECK(run_tests(kRule, "- input: [unclosed\n").errors.size() == 1);
}

TEST_CASE("Guard reads YAML inputs as cfn-guard does", "[guard][runner]") {
  CHECK(yaml("a: 12") == json{{"a", 12}});
  CHECK(yaml("a: '12'") == json{{"a", "12"}});
  CHECK(yaml("a: 1.5") == json{{"a", 1.5}});
  CHECK(yaml("a: true") == json{{"a", true}});
  CHECK(yaml("a: yes") == json{{"a", true}});
  CHECK(yaml("a: off") == json{{"a", false}});
  CHECK(yaml("a: True") == json{{"a", "True"}});
  CHECK(yaml("a: ~") == json{{"a", nullptr}});
  CHECK(yaml("a: NULL") == json{{"a", nullptr}});
  CHECK(yaml("a: text") == json{{"a", "text"}});
  CHECK(yaml("a: !Ref Bucket") == json{{"a", {{"Ref", "Bucket"}}}});
  CHECK(yaml("a: !GetAtt Bucket.Arn") == json{{"a", {{"Fn::GetAtt", "Bucket.Arn"}}}});
  CHECK(yaml("a: !Sub '${AWS::Region}-x'") == json{{"a", {{"Fn::Sub", "${AWS::Region}-x"}}}});
  CHECK(yaml("a: !Join [',', [x, z]]") == json{{"a", {{"Fn::Join", {",", {"x", "z"}}}}}});
  CHECK(yaml("a: y") == json{{"a", true}});  // cfn-guard's loader reads y and n as booleans
}

TEST_CASE("The example policies in examples/guard and tests/guard/functions pass their own tests", "[guard][runner][examples]") {
  const std::pair<const char*, const char*> files[] = {
      {"examples/guard/tag_policy.guard", "examples/guard/tests/tag_policy_tests.yml"},
      {"examples/guard/allowed_instance_types.guard", "examples/guard/tests/allowed_instance_types_tests.yml"},
      {"examples/guard/log_retention_floor.guard", "examples/guard/tests/log_retention_floor_tests.yml"},
      {"tests/guard/functions.guard", "tests/guard/functions_tests.yml"},
  };
  for (const auto& [rule_path, tests_path] : files) {
    INFO(rule_path);
    aip::SourceManager sources;
    aip::Diagnostics diags;
    std::string error;
    const aip::SourceFile* rules = sources.load(std::string(AIP_SOURCE_DIR) + "/" + rule_path, &error);
    const aip::SourceFile* tests = sources.load(std::string(AIP_SOURCE_DIR) + "/" + tests_path, &error);
    REQUIRE(rules);
    REQUIRE(tests);
    auto parsed = aip::guard::parse_rule_file(*rules, diags);
    REQUIRE(parsed);
    auto report = aip::guard::run_rule_tests(*parsed, *tests, diags);
    REQUIRE(report);
    CHECK(report->expectation_count() >= 4);
    CHECK(report->mismatch_count() == 0);
    CHECK(report->all_matched());
  }
}

TEST_CASE("aip rules test exits 0 when every expectation is met, 1 when not, 2 on bad input", "[guard][cli]") {
  const std::string dir = std::string(AIP_SOURCE_DIR) + "/examples/guard/";
  auto aip = [](const std::string& args) {
    const int status = std::system((std::string(AIP_BINARY) + " rules test " + args + " >/dev/null 2>&1").c_str());
    return WEXITSTATUS(status);
  };
  CHECK(aip(dir + "log_retention_floor.guard --tests " + dir + "tests/log_retention_floor_tests.yml") == 0);
  // Expectations for rules the file lacks are ignored, as cfn-guard ignores them.
  CHECK(aip(dir + "log_retention_floor.guard --tests " + dir + "tests/allowed_instance_types_tests.yml") == 0);
  const std::string tmp = (std::filesystem::temp_directory_path() / "aip-guard-cli-test.yml").string();
  {
    std::ofstream out(tmp);
    out << "- input: { Resources: { G: { Type: AWS::Logs::LogGroup, Properties: { RetentionInDays: 1 } } } }\n"
           "  expectations: { rules: { LOG_RETENTION_AT_LEAST_365_DAYS: PASS } }\n";
  }
  CHECK(aip(dir + "log_retention_floor.guard --tests " + tmp) == 1);
  std::remove(tmp.c_str());
  CHECK(aip(dir + "tests/log_retention_floor_tests.yml --tests " + dir + "tests/log_retention_floor_tests.yml") == 2);
  CHECK(aip(dir + "log_retention_floor.guard --tests " + dir + "log_retention_floor.guard") == 2);
  CHECK(aip(dir + "no-such-file.guard --tests " + dir + "tests/log_retention_floor_tests.yml") == 2);
  CHECK(aip(dir + "log_retention_floor.guard") == 2);  // --tests is required
}

TEST_CASE("Guard test runner: an expectation for a shared name holds when one of its rules has it", "[guard][runner]") {
  const char* rules =
      "rule CHECK when Resources exists { Resources.*.Properties.Name exists }\n"
      "rule CHECK when HookVersion exists { resourceProperties.Name exists }\n";
  const auto r = run_tests(rules, R"(
- input: { Resources: { A: { Type: X, Properties: { Name: a } } } }
  expectations: { rules: { CHECK: PASS } }
- input: { Resources: { A: { Type: X, Properties: {} } } }
  expectations: { rules: { CHECK: SKIP } }
- input: { Resources: { A: { Type: X, Properties: {} } } }
  expectations: { rules: { CHECK: PASS } }
)");
  REQUIRE(r.errors.empty());
  REQUIRE(r.report);
  CHECK(r.report->expectation_count() == 3);
  CHECK(r.report->mismatch_count() == 1);
  CHECK(aip::guard::render_test_report(*r.report) ==
        "Test Case #1\n"
        "  PASS Rules:\n"
        "    CHECK: Expected = PASS\n"
        "\n"
        "Test Case #2\n"
        "  PASS Rules:\n"
        "    CHECK: Expected = SKIP\n"
        "\n"
        "Test Case #3\n"
        "  FAIL Rules:\n"
        "    CHECK: Expected = PASS, Evaluated = [FAIL, SKIP]\n"
        "\n");
}
