// Spec `lint:` suppressions in the engine: findings at spec elements and in
// rendered resources, the synthesized template, and the reporters.
#include <catch2/catch.hpp>

#include <fstream>
#include <set>
#include <sstream>

#include "cfn/render.hpp"
#include "json_schema.hpp"
#include "lint/reporters/reporters.hpp"
#include "lint_test_support.hpp"

using namespace aip::lint;
using aip::Severity;
using aip::lint::test::lint_spec;
using aip::lint::test::lint_template;

namespace {

// AIP-NET-004 is a spec-level finding (at the vpc's cidr); AIP-NET-005 and
// AIP-EXP-001 are findings in rendered resources.
const std::string kSpec = R"(aip: 1
name: x
accounts:
  dev: {id: "111111111111", region: us-east-1}
network:
  on_prem: [172.16.0.0/12]
  vpcs:
    main:
      cidr: 172.17.0.0/16
      tiers: {private: 24}
      lint:
        suppress:
          - {rule: AIP-NET-004, reason: "on-premises side is NATed"}
          - {rule: AIP-NET-005, reason: no containers in this VPC}
  security_groups:
    bastion:
      vpc: main
      ingress:
        - {port: 22, from: 0.0.0.0/0}
        - {port: 8080, from: 0.0.0.0/0}
      lint: {suppress: [{rule: AIP-EXP-001, reason: "break-glass bastion, port closed by SCP"}]}
)";

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The one finding (a copy: `of` returns a temporary).
Finding only(const std::vector<Finding>& findings) {
  REQUIRE(findings.size() == 1);
  return findings[0];
}

}  // namespace

TEST_CASE("spec suppressions silence findings at the element and in resources rendered from it") {
  auto l = lint_spec(kSpec);
  const Finding on_prem = only(l.of("AIP-NET-004"));
  CHECK(on_prem.tmpl == nullptr);  // spec-level
  CHECK(on_prem.suppressed);
  CHECK(on_prem.suppression_reason == "on-premises side is NATed");
  const Finding docker = only(l.of("AIP-NET-005"));
  CHECK(docker.tmpl != nullptr);  // in the rendered VPC
  CHECK(docker.suppressed);
  CHECK(docker.suppression_reason == "no containers in this VPC");
  const Finding ssh = only(l.of("AIP-EXP-001"));
  CHECK(ssh.suppressed);
  CHECK(ssh.suppression_reason == "break-glass bastion, port closed by SCP");
  // A suppression names one rule: the open app port on the same group still reports.
  CHECK_FALSE(only(l.of("AIP-EXP-002")).suppressed);
  CHECK(l.count("AIP-LINT-001") == 0);
}

TEST_CASE("without the suppressions the same spec reports, unsuppressed") {
  std::string bare = kSpec;
  for (std::string cut : {"      lint:\n        suppress:\n          - {rule: AIP-NET-004, reason: \"on-premises side is "
                          "NATed\"}\n          - {rule: AIP-NET-005, reason: no containers in this VPC}\n",
                          "      lint: {suppress: [{rule: AIP-EXP-001, reason: \"break-glass bastion, port closed by "
                          "SCP\"}]}\n"}) {
    auto at = bare.find(cut);
    REQUIRE(at != std::string::npos);
    bare.erase(at, cut.size());
  }
  auto l = lint_spec(bare);
  for (const char* rule : {"AIP-NET-004", "AIP-NET-005", "AIP-EXP-001"}) {
    INFO(rule);
    CHECK_FALSE(only(l.of(rule)).suppressed);
  }
}

TEST_CASE("the synthesized template carries the suppressions, and lint on it honours them") {
  auto l = lint_spec(kSpec);
  const aip::cfn::Stack& stack = l.assembly->stacks.front();
  REQUIRE(stack.id == "x-dev-network");
  std::string text = aip::cfn::to_bytes(aip::cfn::render_template(*l.assembly, stack));
  auto t = lint_template(text, "", "x-dev-network.template.json");
  const Finding docker = only(t.of("AIP-NET-005"));
  CHECK(docker.suppressed);
  CHECK(docker.suppression_reason == "no containers in this VPC");
  const Finding ssh = only(t.of("AIP-EXP-001"));
  CHECK(ssh.suppressed);
  CHECK(ssh.suppression_reason == "break-glass bastion, port closed by SCP");
  CHECK(t.count("AIP-LINT-001") == 0);
}

TEST_CASE("JSON and SARIF keep spec-suppressed findings, marked with the reason") {
  auto l = lint_spec(kSpec);
  auto doc = nlohmann::json::parse(report_json(l.findings, {}));
  std::set<std::string> suppressed;
  for (const auto& f : doc["findings"]) {
    if (f["suppressed"] == true) suppressed.insert(f["rule"].get<std::string>() + ": " + f["suppression"]["reason"].get<std::string>());
  }
  CHECK(suppressed == std::set<std::string>{"AIP-EXP-001: break-glass bastion, port closed by SCP",
                                            "AIP-NET-004: on-premises side is NATed",
                                            "AIP-NET-005: no containers in this VPC"});
  CHECK(doc["summary"]["suppressed"] == 3);

  ReportOptions options;
  options.rules = all_rules();
  options.tool_version = "0.1.0";
  auto sarif = nlohmann::json::parse(report_sarif(l.findings, options));
  std::set<std::string> justified;
  for (const auto& r : sarif["runs"][0]["results"]) {
    if (r.contains("suppressions")) {
      CHECK(r["suppressions"][0]["kind"] == "inSource");
      justified.insert(r["ruleId"].get<std::string>() + ": " + r["suppressions"][0]["justification"].get<std::string>());
    }
  }
  CHECK(justified == suppressed);
  aip::test::JsonSchemaValidator validator(nlohmann::json::parse(
      read_file(std::string(AIP_SOURCE_DIR) + "/tests/lint/sarif-2.1.0-rtm.5.json")));
  CHECK(validator.validate(sarif).empty());
  // Text shows none of them, and counts them apart.
  std::string text = report_text(l.findings, {});
  CHECK(text.find("[AIP-EXP-001]") == std::string::npos);
  CHECK(text.find("(3 suppressed) generated.\n") != std::string::npos);
}

TEST_CASE("a suppression on an element nothing is rendered from is AIP-LINT-001") {
  // The rule to a CIDR renders into the group: the suppression belongs on the group.
  auto l = lint_spec(R"(aip: 1
name: x
accounts:
  dev: {id: "111111111111", region: us-east-1}
network:
  vpcs:
    main: {cidr: 10.0.0.0/16, tiers: {private: 24}}
  security_groups:
    bastion:
      vpc: main
      ingress:
        - {port: 22, from: 0.0.0.0/0, lint: {suppress: [{rule: AIP-EXP-001, reason: bastion}]}}
)");
  const Finding lint = only(l.of("AIP-LINT-001"));
  CHECK(lint.location.line == 12);
  CHECK(lint.location.column == 64);  // the rule id
  CHECK(lint.message.find("this suppression of AIP-EXP-001 covers nothing") == 0);
  CHECK_FALSE(only(l.of("AIP-EXP-001")).suppressed);
}

// ---------------------------------------------------------------- AIP-LINT-002

namespace {

// kSpec with the VPC moved off the Docker bridge: its AIP-NET-005 suppression
// (line 14) now suppresses nothing, in the VPC or in any of the ~20 resources
// rendered from it.
std::string moved_vpc() {
  std::string text = kSpec;
  text.replace(text.find("cidr: 172.17.0.0/16"), 19, "cidr: 172.20.0.0/16");
  return text;
}

std::vector<const Rule*> rules_without(const std::string& id_or_tag) {
  Selection s;
  s.disable = {id_or_tag};
  return select_rules(s, nullptr);
}

}  // namespace

TEST_CASE("a spec suppression that suppresses nothing is AIP-LINT-002, once, at the spec line") {
  CHECK(lint_spec(kSpec).count("AIP-LINT-002") == 0);  // every suppression there does its work
  auto l = lint_spec(moved_vpc());
  const Finding stale = only(l.of("AIP-LINT-002"));
  CHECK(stale.severity == Severity::warning);
  CHECK(stale.tmpl == nullptr);
  CHECK(stale.location.line == 14);
  CHECK(stale.location.column == 20);
  const std::size_t rendered = l.assembly->stacks.front().resources.size();
  CHECK(rendered > 10);
  CHECK(stale.message.find("this suppression of AIP-NET-005 suppresses nothing: AIP-NET-005 reports nothing at this "
                           "element or in the ") == 0);
  CHECK(stale.message.find("resources rendered from it; remove it") != std::string::npos);
  // AIP-NET-004 (a spec-level finding at the same VPC) still uses its suppression.
  CHECK(only(l.of("AIP-NET-004")).suppressed);
}

TEST_CASE("AIP-LINT-002 judges only suppressions of rules that ran") {
  const std::string text = moved_vpc();
  aip::lint::test::Linted l = lint_spec(text, "AIP-LINT-002");  // NET-005 did not run
  CHECK(l.count("AIP-LINT-002") == 0);
  l.findings = run(*l.input, rules_without("AIP-NET-005"));
  CHECK(l.count("AIP-LINT-002") == 0);
  l.findings = run(*l.input, rules_without("network"));
  CHECK(l.count("AIP-LINT-002") == 0);
  l.findings = run(*l.input, rules_without("exposure"));
  CHECK(l.count("AIP-LINT-002") == 1);
  l.findings = run(*l.input, rules_without("AIP-LINT-002"));
  CHECK(l.count("AIP-LINT-002") == 0);
}

TEST_CASE("AIP-LINT-002 on templates: per suppression, identical copies count as one") {
  auto stale = lint_template(R"(Resources:
  Kept:
    Type: AWS::Logs::LogGroup
    Properties: {RetentionInDays: 30}
    Metadata:
      aip:
        suppress:
          - {rule: AIP-LOG-001, reason: "legal hold"}
)");
  const Finding f = only(stale.of("AIP-LINT-002"));
  CHECK(f.location.line == 8);
  CHECK(f.location.column == 13);
  CHECK(f.message == "this suppression of AIP-LOG-001 suppresses nothing: AIP-LOG-001 reports nothing on Kept; remove it");
  // The same suppression on two log groups, one of which needs it (aip synth
  // writes a spec suppression into every resource of its element like this).
  auto copies = lint_template(R"(Resources:
  Kept:
    Type: AWS::Logs::LogGroup
    Properties: {RetentionInDays: 30}
    Metadata: {aip: {suppress: [{rule: AIP-LOG-001, reason: "legal hold"}]}}
  Forever:
    Type: AWS::Logs::LogGroup
    Metadata: {aip: {suppress: [{rule: AIP-LOG-001, reason: "legal hold"}]}}
)");
  CHECK(copies.count("AIP-LINT-002") == 0);
  CHECK(only(copies.of("AIP-LOG-001")).suppressed);
  // A suppression of AIP-LINT-002 itself is never stale, and silences it.
  auto self = lint_template(R"(Resources:
  Kept:
    Type: AWS::Logs::LogGroup
    Properties: {RetentionInDays: 30}
    Metadata:
      aip:
        suppress:
          - {rule: AIP-LOG-001, reason: "retention may drop to none during the audit"}
          - {rule: AIP-LINT-002, reason: "kept for the audit"}
)");
  const Finding silenced = only(self.of("AIP-LINT-002"));
  CHECK(silenced.suppressed);
  CHECK(silenced.suppression_reason == "kept for the audit");
}

TEST_CASE("spec suppressions in a synthesized template are judged with the spec, not per template") {
  // The templates carry them marked from: spec; the element may render into
  // other stacks (a bucket and its replica), so only the spec sees them all.
  auto l = lint_spec(moved_vpc());
  CHECK(l.count("AIP-LINT-002") == 1);
  for (const aip::cfn::Stack& stack : l.assembly->stacks) {
    auto t = lint_template(aip::cfn::to_bytes(aip::cfn::render_template(*l.assembly, stack)), "",
                           stack.id + ".template.json");
    CHECK(t.count("AIP-LINT-002") == 0);
    CHECK(t.count("AIP-LINT-001") == 0);
  }
  // The same suppression written by hand in the template is judged there.
  auto hand = lint_template(R"(Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties: {CidrBlock: 172.20.0.0/16}
    Metadata: {aip: {suppress: [{rule: AIP-NET-005, reason: "no containers"}]}}
)");
  CHECK(hand.count("AIP-LINT-002") == 1);
}
