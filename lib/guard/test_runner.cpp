#include "guard/test_runner.hpp"

#include <algorithm>
#include <cstdint>
#include <cctype>
#include <charconv>
#include <cmath>
#include <map>

#include <fmt/format.h>

namespace aip::guard {

namespace test_runner {

using json = nlohmann::json;

bool one_of(const std::string& s, std::initializer_list<const char*> words) {
  return std::any_of(words.begin(), words.end(), [&](const char* w) { return s == w; });
}

// As cfn-guard's YAML loader types a plain scalar: an integer, else a float,
// else a boolean (true/yes/on/y, false/no/off/n), else null (~, null), else text.
json plain_scalar(const std::string& s) {
  const char* begin = s.data();
  const char* end = s.data() + s.size();
  std::int64_t n = 0;
  const auto [int_end, int_ec] = std::from_chars(s.size() > 1 && s[0] == '+' ? begin + 1 : begin, end, n);
  if (!s.empty() && int_ec == std::errc() && int_end == end) return n;
  double d = 0;
  const auto [float_end, float_ec] = std::from_chars(s.size() > 1 && s[0] == '+' ? begin + 1 : begin, end, d);
  if (!s.empty() && float_ec == std::errc() && float_end == end && std::isfinite(d)) return d;
  if (one_of(s, {"true", "yes", "on", "y"})) return true;
  if (one_of(s, {"false", "no", "off", "n"})) return false;
  std::string lowered = s;
  for (char& c : lowered) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lowered == "~" || lowered == "null") return nullptr;
  return s;
}

Status parse_status(const std::string& s, bool* ok) {
  *ok = true;
  if (s == "PASS") return Status::pass;
  if (s == "FAIL") return Status::fail;
  if (s == "SKIP") return Status::skip;
  *ok = false;
  return Status::skip;
}

}  // namespace test_runner

nlohmann::json yaml_to_json(const YamlNode& node) {
  using json = nlohmann::json;
  json value;
  switch (node.kind) {
    case YamlNode::Kind::null: value = nullptr; break;
    case YamlNode::Kind::scalar: value = node.quoted ? json(node.scalar) : test_runner::plain_scalar(node.scalar); break;
    case YamlNode::Kind::sequence:
      value = json::array();
      for (const YamlNode& item : node.items) value.push_back(yaml_to_json(item));
      break;
    case YamlNode::Kind::map:
      value = json::object();
      for (const auto& [key, item] : node.entries) value[key.scalar] = yaml_to_json(item);
      break;
  }
  if (node.tag.size() > 1 && node.tag[0] == '!' && node.tag != "!!str") {
    const std::string name = node.tag.substr(1);
    if (name == "Ref" || name == "Condition") return json{{name, value}};
    if (node.kind == YamlNode::Kind::scalar && node.tag == "!!str") return node.scalar;
    return json{{"Fn::" + name, value}};
  }
  if (node.tag == "!!str") return node.scalar;
  return value;
}

bool RuleExpectation::holds() const { return std::find(evaluated.begin(), evaluated.end(), expected) != evaluated.end(); }

bool TestCaseResult::matched() const {
  return std::all_of(expectations.begin(), expectations.end(), [](const RuleExpectation& e) { return e.holds(); });
}

bool TestReport::all_matched() const {
  return std::all_of(cases.begin(), cases.end(), [](const TestCaseResult& c) { return c.matched(); });
}

std::size_t TestReport::expectation_count() const {
  std::size_t n = 0;
  for (const TestCaseResult& c : cases) n += c.expectations.size();
  return n;
}

std::size_t TestReport::mismatch_count() const {
  std::size_t n = 0;
  for (const TestCaseResult& c : cases) {
    for (const RuleExpectation& e : c.expectations) n += e.holds() ? 0 : 1;
  }
  return n;
}

std::optional<TestReport> run_rule_tests(const RuleFile& rules, const SourceFile& tests, Diagnostics& diags,
                                         const EvalOptions& options) {
  const std::size_t errors_before = diags.error_count();
  std::optional<YamlNode> root = parse_yaml(tests, diags);
  if (!root) return std::nullopt;
  if (!root->is_sequence()) {
    diags.error(root->location, "a Guard test file is a list of test cases (- input: ... expectations: ...), got " + root->describe());
    return std::nullopt;
  }
  TestReport report;
  for (const YamlNode& item : root->items) {
    if (!item.is_map()) {
      diags.error(item.location, "a test case is a map with 'input' and 'expectations', got " + item.describe());
      continue;
    }
    // Other keys are ignored, as cfn-guard ignores them (registry tests write `Name:`).
    const YamlNode* input = item.find("input");
    const YamlNode* expectations = item.find("expectations");
    const YamlNode* expected_rules = expectations != nullptr ? expectations->find("rules") : nullptr;
    if (input == nullptr) diags.error(item.location, "test case without 'input'");
    if (expected_rules == nullptr || !expected_rules->is_map()) {
      diags.error(expectations != nullptr ? expectations->location : item.location, "test case without 'expectations: rules: {RULE: PASS|FAIL|SKIP}'");
    }
    if (input == nullptr || expected_rules == nullptr || !expected_rules->is_map()) continue;
    TestCaseResult result;
    if (const YamlNode* name = item.find("name")) result.name = name->scalar;
    std::map<std::string, Status> expected;
    for (const auto& [rule, status] : expected_rules->entries) {
      bool ok = false;
      const Status s = test_runner::parse_status(status.scalar, &ok);
      if (!ok) {
        diags.error(status.location, "expected status PASS, FAIL or SKIP for rule '" + rule.scalar + "', got '" + status.scalar + "'");
        continue;
      }
      expected[rule.scalar] = s;
    }
    const std::vector<RuleResult> evaluated = evaluate(rules, yaml_to_json(*input), options);
    // Rules that share a name are one expectation, in the order of the name's first rule.
    std::map<std::string, std::size_t> expectation_of;
    for (const RuleResult& r : evaluated) {
      if (const auto known = expectation_of.find(r.name); known != expectation_of.end()) {
        if (known->second != SIZE_MAX) result.expectations[known->second].evaluated.push_back(r.status);
        continue;
      }
      const auto e = expected.find(r.name);
      if (e == expected.end()) {
        expectation_of[r.name] = SIZE_MAX;
        result.rules_without_expectation.push_back(r.name);
        continue;
      }
      expectation_of[r.name] = result.expectations.size();
      result.expectations.push_back(RuleExpectation{r.name, e->second, {r.status}});
      expected.erase(e);
    }
    // Expectations for rules the file does not have are ignored, as cfn-guard ignores them; the report names them.
    for (const auto& [rule, status] : expected) result.unknown_rules.push_back(rule);
    report.cases.push_back(std::move(result));
  }
  if (diags.error_count() > errors_before) return std::nullopt;
  return report;
}

std::string render_test_report(const TestReport& report) {
  std::string out;
  int number = 1;
  for (const TestCaseResult& c : report.cases) {
    out += fmt::format("Test Case #{}\n", number++);
    if (!c.name.empty()) out += fmt::format("Name: {}\n", c.name);
    for (const std::string& rule : c.rules_without_expectation) out += fmt::format("  No Test expectation was set for Rule {}\n", rule);
    for (const std::string& rule : c.unknown_rules) out += fmt::format("  No rule {} in the rule file: its expectation is ignored\n", rule);
    std::vector<std::string> failed, passed;
    for (const RuleExpectation& e : c.expectations) {
      if (e.holds()) {
        passed.push_back(fmt::format("{}: Expected = {}", e.rule, status_name(e.expected)));
      } else {
        std::string statuses;
        for (Status s : e.evaluated) statuses += std::string(statuses.empty() ? "" : ", ") + status_name(s);
        failed.push_back(fmt::format("{}: Expected = {}, Evaluated = [{}]", e.rule, status_name(e.expected), statuses));
      }
    }
    if (!failed.empty()) {
      out += "  FAIL Rules:\n";
      for (const std::string& line : failed) out += "    " + line + "\n";
    }
    if (!passed.empty()) {
      out += "  PASS Rules:\n";
      for (const std::string& line : passed) out += "    " + line + "\n";
    }
    out += "\n";
  }
  return out;
}

}  // namespace aip::guard
