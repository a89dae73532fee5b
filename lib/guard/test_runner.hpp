// Guard's own unit-test format, as `cfn-guard test` reads it: a YAML list of
// cases, each an `input` document and the expected status per rule:
//
//   - name: bucket without versioning
//     input: { Resources: { B: { Type: AWS::S3::Bucket } } }
//     expectations:
//       rules:
//         S3_BUCKET_VERSIONING_ENABLED: FAIL
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/diagnostics.hpp"
#include "base/source.hpp"
#include "base/yaml_tree.hpp"
#include "guard/ast.hpp"
#include "guard/evaluator.hpp"

namespace aip::guard {

struct RuleExpectation {
  std::string rule;
  Status expected = Status::skip;
  std::vector<Status> evaluated;  // one per rule of that name, in file order
  // As cfn-guard: the expectation holds when a rule of that name has the expected status.
  bool holds() const;
};

struct TestCaseResult {
  std::string name;  // may be empty
  std::vector<RuleExpectation> expectations;   // in the order of the rule file's rules
  std::vector<std::string> rules_without_expectation;
  std::vector<std::string> unknown_rules;  // expected, but the rule file has no such rule
  bool matched() const;
};

struct TestReport {
  std::vector<TestCaseResult> cases;
  bool all_matched() const;
  std::size_t expectation_count() const;
  std::size_t mismatch_count() const;
};

// A YAML document as Guard reads it: plain scalars typed (true, 12, 1.5,
// null), quoted ones strings, and CloudFormation short tags expanded
// (`!Ref X` -> {"Ref": "X"}, `!GetAtt A.B` -> {"Fn::GetAtt": "A.B"}, as cfn-guard 3.1 reads them).
nlohmann::json yaml_to_json(const YamlNode& node);

// Runs every case of the test file `tests` against `rules`. A test file that
// is not of the format (or names a status other than PASS, FAIL, SKIP) is
// reported to `diags` with its location, and gives nullopt.
std::optional<TestReport> run_rule_tests(const RuleFile& rules, const SourceFile& tests, Diagnostics& diags,
                                         const EvalOptions& options = {});

// The report as `cfn-guard test` prints it: per case, its PASS and FAIL rules.
std::string render_test_report(const TestReport& report);

}  // namespace aip::guard
