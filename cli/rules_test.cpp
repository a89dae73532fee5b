// `aip rules test FILE --tests TESTFILE`: runs a Guard rule file against its
// unit tests (the format `cfn-guard test` reads) and prints the same report.
#include <fmt/format.h>

#include "commands.hpp"
#include "exit_codes.hpp"
#include "guard/parser.hpp"
#include "guard/test_runner.hpp"
#include "print_diagnostics.hpp"

namespace aip::cli {

void add_rules_test_command(CLI::App& rules, int& exit_code) {
  auto rule_file = std::make_shared<std::string>();
  auto test_file = std::make_shared<std::string>();
  auto* cmd = rules.add_subcommand("test", "Run a Guard rule file against its unit tests (cfn-guard test's format)");
  cmd->add_option("rules", *rule_file, "Guard rule file (.guard)")->required();
  cmd->add_option("--tests", *test_file, "Test file: a YAML list of {name, input, expectations: {rules: {RULE: PASS|FAIL|SKIP}}}")
      ->required();
  cmd->footer(
      "Examples:\n"
      "  aip rules test s3_bucket_versioning_enabled.guard --tests tests/s3_bucket_versioning_enabled_tests.yml\n\n"
      "Exit codes: 0 every expectation met, 1 some not, 2 a rule or test file that cannot be read or parsed.");
  cmd->callback([rule_file, test_file, &exit_code] {
    SourceManager sources;
    Diagnostics diags;
    std::string error;
    const SourceFile* rules_source = sources.load(*rule_file, &error);
    const SourceFile* tests_source = rules_source != nullptr ? sources.load(*test_file, &error) : nullptr;
    if (tests_source == nullptr) {
      fmt::print(stderr, "aip: error: {}\n", error);
      exit_code = kExitInput;
      return;
    }
    const auto parsed = guard::parse_rule_file(*rules_source, diags);
    std::optional<guard::TestReport> report;
    if (parsed) report = guard::run_rule_tests(*parsed, *tests_source, diags);
    if (!report) {
      print_diagnostics(diags);
      exit_code = kExitInput;
      return;
    }
    fmt::print("{}", guard::render_test_report(*report));
    const std::size_t total = report->expectation_count(), wrong = report->mismatch_count();
    fmt::print("{} test case{}, {} expectation{}: {} met, {} not met\n", report->cases.size(),
               report->cases.size() == 1 ? "" : "s", total, total == 1 ? "" : "s", total - wrong, wrong);
    exit_code = report->all_matched() ? kExitOk : kExitFindings;
  });
}

}  // namespace aip::cli
