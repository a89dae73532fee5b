// The engine: registry, selection, input detection, spec provenance, suppressions, reporters.
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "json_schema.hpp"
#include "lint/parity.hpp"
#include "lint/reporters/reporters.hpp"
#include "spec/foreign_rules.hpp"
#include "lint_test_support.hpp"

using namespace aip::lint;
using aip::Severity;
using aip::lint::test::lint_spec;
using aip::lint::test::lint_template;

namespace {

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

const std::string kTemplate = R"(Resources:
  L:
    Type: AWS::Logs::LogGroup
  G:
    Type: AWS::EC2::SecurityGroup
    Metadata:
      aip:
        suppress:
          - {rule: AIP-EXP-003, reason: "egress proxy: needs the internet"}
    Properties:
      GroupDescription: "proxy, with: odd %chars"
      VpcId: vpc-1
      SecurityGroupIngress:
        - {IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0}
      SecurityGroupEgress:
        - {IpProtocol: '-1', CidrIp: 0.0.0.0/0}
)";

}  // namespace

TEST_CASE("the registry: unique, well-formed ids with documentation") {
  std::set<std::string> ids;
  static const std::set<std::string> kTags = {"iam", "network", "encryption", "logging", "exposure", "resilience",
                                              "lint", "hipaa", "pci-dss", "soc2", "gdpr", "nist-800-53", "iso27001",
                                              "sox", "security", "classification", "flow"};
  for (const Rule* r : all_rules()) {
    INFO(r->info.id);
    CHECK(ids.insert(r->info.id).second);
    CHECK(std::regex_match(r->info.id, std::regex("AIP-[A-Z]+-[0-9]{3}")));
    CHECK_FALSE(r->info.summary.empty());
    CHECK(r->info.rationale.size() > 80);
    CHECK(r->info.fix.size() > 30);
    CHECK_FALSE(r->info.tags.empty());
    for (const std::string& t : r->info.tags) CHECK(kTags.count(t) == 1);
    CHECK(r->check != nullptr);
    CHECK(find_rule(r->info.id) == r);
  }
  CHECK(find_rule("aip-iam-001") == find_rule("AIP-IAM-001"));
  CHECK(find_rule("AIP-NOPE-001") == nullptr);
  CHECK(std::is_sorted(all_rules().begin(), all_rules().end(),
                       [](const Rule* a, const Rule* b) { return a->info.id < b->info.id; }));
}

TEST_CASE("selection by id and tag") {
  std::vector<std::string> unknown;
  auto iam = select_rules({{"iam"}, {}}, &unknown);
  CHECK(unknown.empty());
  REQUIRE_FALSE(iam.empty());
  for (const Rule* r : iam) CHECK(rule_matches(*r, "iam"));
  auto without = select_rules({{"iam"}, {"AIP-IAM-011"}}, &unknown);
  CHECK(without.size() + 1 == iam.size());
  auto all_but_network = select_rules({{}, {"network"}}, &unknown);
  for (const Rule* r : all_but_network) CHECK_FALSE(rule_matches(*r, "network"));
  CHECK(select_rules({{"hipaa"}, {}}, &unknown).size() > 5);
  CHECK(unknown.empty());
  select_rules({{"netwrok"}, {}}, &unknown);
  REQUIRE(unknown.size() == 1);
  CHECK(unknown[0] == "'netwrok' is neither a rule id nor a tag; did you mean \"network\"?");
}

TEST_CASE("template findings point at the template's line:col, suppressions apply") {
  auto l = lint_template(kTemplate);
  auto ssh = l.of("AIP-EXP-001");
  REQUIRE(ssh.size() == 1);
  CHECK(ssh[0].location.line == 14);
  CHECK(ssh[0].location.column == 11);
  CHECK(ssh[0].resource == "G");
  CHECK(ssh[0].notes.empty());
  auto egress = l.of("AIP-EXP-003");
  REQUIRE(egress.size() == 1);
  CHECK(egress[0].suppressed);
  auto retention = l.of("AIP-LOG-001");
  REQUIRE(retention.size() == 1);
  CHECK(retention[0].location.line == 2);  // no Properties: the resource itself
}

TEST_CASE("JSON templates are located too") {
  auto l = lint_template(R"({
  "Resources": {
    "L": {"Type": "AWS::Logs::LogGroup", "Properties": {"LogGroupName": "x"}}
  }
})", "AIP-LOG-001", "t.json");
  REQUIRE(l.count("AIP-LOG-001") == 1);
  CHECK(l.findings[0].location.line == 3);
  CHECK(l.findings[0].location.file->path == "t.json");
}

TEST_CASE("spec findings point at the spec element that rendered them, with the rendered resource in a note") {
  auto l = lint_spec(R"(aip: 1
name: x
accounts:
  dev: {id: "111111111111", region: us-east-1}
network:
  vpcs:
    main: {cidr: 10.0.0.0/16, tiers: {public: 24}}
  security_groups:
    bastion:
      vpc: main
      ingress:
        - {port: 22, from: 0.0.0.0/0, description: SSH from anywhere}
)");
  auto ssh = l.of("AIP-EXP-001");
  REQUIRE(ssh.size() == 1);
  CHECK(ssh[0].location.file->path == "spec.yaml");
  CHECK(ssh[0].location.line == 12);  // the rule, not only its security group
  CHECK(ssh[0].location.column == 11);
  CHECK(ssh[0].resource == "x-dev-network/BastionSecurityGroup");
  REQUIRE(ssh[0].notes.size() == 1);
  CHECK(ssh[0].notes[0].message == "in rendered resource x-dev-network/BastionSecurityGroup (AWS::EC2::SecurityGroup)");
  CHECK(ssh[0].notes[0].severity == Severity::note);
  CHECK(ssh[0].notes[0].location.file == nullptr);
  auto text = report_text(l.findings, {});
  CHECK(text.find("spec.yaml:12:11: error: security group x-dev-network/BastionSecurityGroup allows port 22 from "
                  "0.0.0.0/0 (SSH 22)") != std::string::npos);
  CHECK(text.find("[AIP-EXP-001]\n          - {port: 22, from: 0.0.0.0/0, description: SSH from anywhere}\n"
                  "            ^\nnote: in rendered resource") != std::string::npos);
}

TEST_CASE("text report: clang style, summary, suppressed counted apart, no colour unless asked") {
  auto l = lint_template(kTemplate);
  std::string text = report_text(l.findings, {});
  CHECK(text.find("template.yaml:14:11: error: ") != std::string::npos);
  CHECK(text.find("[AIP-EXP-001]\n          - {IpProtocol: tcp, FromPort: 22") != std::string::npos);
  CHECK(text.find("\n            ^\n") != std::string::npos);
  CHECK(text.find("(1 suppressed) generated.\n") != std::string::npos);
  CHECK(text.find("AIP-EXP-003") == std::string::npos);
  CHECK(text.find('\033') == std::string::npos);
  ReportOptions color;
  color.color = true;
  CHECK(report_text(l.findings, color).find("\033[1;31m") != std::string::npos);
  CHECK(report_text({}, {}).empty());
}

TEST_CASE("JSON report keeps suppressed findings, marked") {
  auto l = lint_template(kTemplate);
  auto doc = nlohmann::json::parse(report_json(l.findings, {}));
  bool found = false;
  for (const auto& f : doc["findings"]) {
    if (f["rule"] == "AIP-EXP-003") {
      found = true;
      CHECK(f["suppressed"] == true);
      CHECK(f["suppression"]["reason"] == "egress proxy: needs the internet");
    }
  }
  CHECK(found);
  CHECK(doc["summary"]["suppressed"] == 1);
  CHECK(doc["summary"]["error"].get<int>() >= 1);
}

TEST_CASE("GitHub annotations escape properties and data") {
  auto l = lint_template(kTemplate);
  std::string gh = report_github(l.findings, {});
  CHECK(gh.find("::error file=template.yaml,line=14,col=11,title=AIP-EXP-001::security group G allows port 22") !=
        std::string::npos);
  CHECK(gh.find("AIP-EXP-003") == std::string::npos);  // suppressed
  Finding f;
  f.rule = "AIP-X-001";
  f.severity = Severity::info;
  f.message = "100% sure\nsecond line";
  CHECK(report_github({f}, {}) == "::notice file=,line=0,col=0,title=AIP-X-001::100%25 sure%0Asecond line\n");
}

TEST_CASE("JUnit: one test case per rule, failures at or above --fail-on") {
  auto l = lint_template(kTemplate);
  ReportOptions options;
  options.rules = all_rules();
  std::string xml = report_junit(l.findings, options);
  CHECK(xml.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", 0) == 0);
  std::size_t cases = 0;
  for (std::size_t p = xml.find("<testcase "); p != std::string::npos; p = xml.find("<testcase ", p + 1)) ++cases;
  CHECK(cases == all_rules().size());
  CHECK(xml.find("tests=\"" + std::to_string(all_rules().size()) + "\" failures=\"1\"") != std::string::npos);
  CHECK(xml.find("name=\"AIP-EXP-001: SSH, RDP or database port open to the internet\"") != std::string::npos);
  options.fail_on = Severity::warning;
  // + AIP-LOG-001 and AIP-ENC-045 (L: no retention, no KMS key)
  CHECK(report_junit(l.findings, options).find("failures=\"3\"") != std::string::npos);
}

TEST_CASE("SARIF output validates against the SARIF 2.1.0 schema") {
  auto schema = nlohmann::json::parse(read(std::string(AIP_SOURCE_DIR) + "/tests/lint/sarif-2.1.0-rtm.5.json"));
  aip::test::JsonSchemaValidator validator(schema);
  auto l = lint_template(kTemplate);
  ReportOptions options;
  options.rules = all_rules();
  options.tool_version = "0.1.0";
  auto sarif = nlohmann::json::parse(report_sarif(l.findings, options));
  auto errors = validator.validate(sarif);
  for (const auto& e : errors) UNSCOPED_INFO(e);
  CHECK(errors.empty());
  CHECK(sarif["version"] == "2.1.0");
  const auto& run = sarif["runs"][0];
  CHECK(run["tool"]["driver"]["rules"].size() == all_rules().size());
  bool suppressed = false;
  for (const auto& r : run["results"]) {
    CHECK(run["tool"]["driver"]["rules"][r["ruleIndex"].get<std::size_t>()]["id"] == r["ruleId"]);
    if (r.contains("suppressions")) {
      suppressed = true;
      CHECK(r["suppressions"][0]["justification"] == "egress proxy: needs the internet");
    }
  }
  CHECK(suppressed);
  // Findings from a spec (notes, logical locations) and an empty run validate too.
  auto s = lint_spec("aip: 1\nname: x\naccounts:\n  dev: {id: \"111111111111\", region: us-east-1}\nnetwork:\n  vpcs:\n"
                     "    main: {cidr: 172.17.0.0/16, tiers: {private: 24}}\n");
  CHECK(validator.validate(nlohmann::json::parse(report_sarif(s.findings, options))).empty());
  CHECK(validator.validate(nlohmann::json::parse(report_sarif({}, {}))).empty());
  // The validator itself rejects what the schema forbids.
  sarif["runs"][0]["results"][0]["level"] = "fatal";
  sarif["version"] = "2.0.0";
  CHECK(validator.validate(sarif).size() >= 2);
}

TEST_CASE("notes with a place: text draws them the clang way, JSON and GitHub name it, SARIF relates it") {
  const std::string overlap = R"(Resources:
  Vpc: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.0.0.0/16}}
  A: {Type: AWS::EC2::Subnet, Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.0.0/24}}
  B: {Type: AWS::EC2::Subnet, Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.0.128/25}}
)";
  auto l = lint_template(overlap, "AIP-NET-001");
  REQUIRE(l.findings.size() == 1);
  const std::string a_line = "  A: {Type: AWS::EC2::Subnet, Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.0.0/24}}";
  CHECK(report_text(l.findings, {}).find("[AIP-NET-001]\n") != std::string::npos);
  CHECK(report_text(l.findings, {}).find("\ntemplate.yaml:3:61: note: subnet A (10.0.0.0/24) declared here\n  " + a_line +
                                         "\n") != std::string::npos);

  auto json = nlohmann::json::parse(report_json(l.findings, {}));
  const auto& finding = json["findings"][0];
  CHECK(finding["notes"] == nlohmann::json::array({"subnet A (10.0.0.0/24) declared here"}));
  CHECK(finding["related"] == nlohmann::json::parse(R"([{"message": "subnet A (10.0.0.0/24) declared here",
      "file": "template.yaml", "line": 3, "column": 61}])"));
  // Findings whose notes name no place have no "related" key (their output is as before).
  auto spec = lint_spec("aip: 1\nname: x\naccounts:\n  dev: {id: \"111111111111\", region: us-east-1}\nnetwork:\n"
                        "  vpcs:\n    main: {cidr: 172.17.0.0/16, tiers: {private: 24}}\n",
                        "AIP-NET-005");
  REQUIRE(spec.findings.size() == 1);
  auto plain = nlohmann::json::parse(report_json(spec.findings, {}))["findings"][0];
  CHECK(plain["notes"].size() == 1);
  CHECK_FALSE(plain.contains("related"));

  CHECK(report_github(l.findings, {}).find("CloudFormation will fail to create it%0Atemplate.yaml:3:61: note: subnet A "
                                           "(10.0.0.0/24) declared here\n") != std::string::npos);
  CHECK(report_github(spec.findings, {}).find("%0Anote: in rendered resource x-dev-network/") != std::string::npos);

  auto schema = nlohmann::json::parse(read(std::string(AIP_SOURCE_DIR) + "/tests/lint/sarif-2.1.0-rtm.5.json"));
  aip::test::JsonSchemaValidator validator(schema);
  auto sarif = nlohmann::json::parse(report_sarif(l.findings, {}));
  CHECK(validator.validate(sarif).empty());
  const auto& result = sarif["runs"][0]["results"][0];
  REQUIRE(result["relatedLocations"].size() == 1);
  const auto& related = result["relatedLocations"][0];
  CHECK(related["message"]["text"] == "subnet A (10.0.0.0/24) declared here");
  CHECK(related["physicalLocation"]["artifactLocation"]["uri"] == "template.yaml");
  CHECK(related["physicalLocation"]["region"]["startLine"] == 3);
  CHECK(related["physicalLocation"]["region"]["startColumn"] == 61);
  CHECK_FALSE(nlohmann::json::parse(report_sarif(spec.findings, {}))["runs"][0]["results"][0].contains(
      "relatedLocations"));
}

TEST_CASE("text report draws the source line with the one renderer: long lines are a window around the column") {
  // A minified JSON template: the finding's line is one long line.
  std::string padding;
  for (int i = 0; i < 40; ++i) padding += "\"Tag" + std::to_string(i) + "\": \"value\", ";
  const std::string minified = "{\"Metadata\": {" + padding + "\"Last\": 1}, \"Resources\": {\"L\": {\"Type\": "
                               "\"AWS::Logs::LogGroup\"}}}\n";
  auto l = lint_template(minified, "AIP-LOG-001", "t.json");
  REQUIRE(l.findings.size() == 1);
  const std::string text = report_text(l.findings, {});
  const std::size_t source_start = text.find('\n') + 1;
  const std::string source = text.substr(source_start, text.find('\n', source_start) - source_start);
  CHECK(source.rfind("  ...", 0) == 0);
  CHECK(source.size() <= 2 + 3 + 100 + 3);
  CHECK(source.find("\"L\"") != std::string::npos);
}

TEST_CASE("explain text and rules listings") {
  const Rule* r = find_rule("AIP-IAM-001");
  REQUIRE(r != nullptr);
  std::string text = explain_text(*r);
  CHECK(text.rfind("AIP-IAM-001: Allow with Action \"*\" or \"service:*\"\n\nSeverity: error\nTags: iam,", 0) == 0);
  CHECK(text.find("Why:\n") != std::string::npos);
  CHECK(text.find("Fix:\n") != std::string::npos);
  auto json = rules_json(all_rules());
  CHECK(json.size() == all_rules().size());
  CHECK(json[0].contains("rationale"));
  CHECK(rules_table(all_rules()).find("AIP-NET-001   error    Subnets of one VPC overlap  [network]") != std::string::npos);
}

TEST_CASE("docs/lint.md is the generated rule reference") {
  CHECK(read(std::string(AIP_SOURCE_DIR) + "/docs/lint.md") == rules_markdown(all_rules()));
}

TEST_CASE("the parity table names every cdk-nag AwsSolutions rule and checkov check once, and only aip rules that exist") {
  const std::vector<aip::lint::ParityRow>& rows = aip::lint::parity_table();
  std::set<std::string> seen;
  int cdk_nag = 0;
  int checkov = 0;
  for (const aip::lint::ParityRow& r : rows) {
    INFO("data/lint-parity.tsv:" << r.line << " " << r.id);
    CHECK(seen.insert(r.tool + " " + r.id).second);  // exactly once
    if (r.tool == "cdk-nag") {
      ++cdk_nag;
      CHECK(r.id.rfind("AwsSolutions-", 0) == 0);
    } else {
      ++checkov;
      CHECK((r.id.rfind("CKV_AWS_", 0) == 0 || r.id.rfind("CKV2_AWS_", 0) == 0));
    }
    CHECK_FALSE(r.checks.empty());
    if (r.status == aip::lint::ParityRow::Status::covered) {
      CHECK_FALSE(r.aip.empty());
      for (const std::string& id : r.aip) {
        INFO(id);
        const Rule* rule = find_rule(id);
        REQUIRE(rule != nullptr);
        CHECK(rule->info.id == id);  // spelled as the registry spells it
      }
    } else {
      CHECK(r.aip.empty());
      CHECK_FALSE(r.note.empty());  // why it does not apply, or what is missing
    }
  }
  // cdk-nag src/packs/aws-solutions.ts: 131 rules; checkov: 133 resource checks and 6 graph checks.
  CHECK(cdk_nag == 131);
  CHECK(checkov == 139);
  // The gaps only shrink: a change that turns a covered or n/a row back into a gap fails here. Lower the
  // bound when a rule closes more (docs/lint.md's parity summary counts them per tool).
  const auto gaps = std::count_if(rows.begin(), rows.end(), [](const aip::lint::ParityRow& r) {
    return r.status == aip::lint::ParityRow::Status::gap;
  });
  CHECK(gaps == 0);
  // Where aip honours another tool's suppression (lib/spec/foreign_rules.cpp), the
  // parity table names the same aip rule for it.
  for (const aip::spec::ForeignRule& f : aip::spec::foreign_rules()) {
    if (f.tool != aip::spec::ForeignTool::cdk_nag && f.tool != aip::spec::ForeignTool::checkov) continue;
    const std::string tool = f.tool == aip::spec::ForeignTool::cdk_nag ? "cdk-nag" : "checkov";
    for (const aip::lint::ParityRow& r : rows) {
      if (r.tool != tool || r.id != f.id) continue;
      INFO(r.id << " -> " << f.aip);
      CHECK(std::find(r.aip.begin(), r.aip.end(), std::string(f.aip)) != r.aip.end());
    }
  }
  // The rules written for parity are the ones the table names for their checks.
  for (const char* id : {"AIP-ENC-020", "AIP-ENC-021", "AIP-ENC-022", "AIP-ENC-023", "AIP-ENC-024", "AIP-ENC-025",
                         "AIP-ENC-027", "AIP-EXP-021", "AIP-LOG-020", "AIP-LOG-021",
                         "AIP-LOG-022", "AIP-RES-010", "AIP-ENC-028", "AIP-LOG-023", "AIP-EXP-022", "AIP-IAM-013"}) {
    INFO(id);
    CHECK(std::any_of(rows.begin(), rows.end(), [&](const aip::lint::ParityRow& r) {
      return std::find(r.aip.begin(), r.aip.end(), std::string(id)) != r.aip.end();
    }));
  }
  CHECK(read(std::string(AIP_SOURCE_DIR) + "/docs/lint.md").find("\n## Parity with cdk-nag and checkov\n") !=
        std::string::npos);
}
