// `aip lint` over several inputs (CDK-written assembly directories, aip's,
// several templates), baselines, and suppressions written for other tools.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "cli/run_aip.hpp"
#include "support/files.hpp"

namespace fs = std::filesystem;
using aip::test::fresh_dir;
using aip::test::read_text;
using aip::test::run_aip;
using aip::test::write_text;
using nlohmann::json;

namespace {

std::string q(const fs::path& p) { return "'" + p.string() + "'"; }

// The shape the AWS CDK writes: the app's manifest with a stage (a nested
// assembly) holding two stacks; Net exports a dmz group and a VPC whose range
// App's VPC repeats; App lets Net's dmz group straight into its data group.
fs::path cdk_assembly(const std::string& name) {
  const fs::path dir = fresh_dir(name);
  fs::create_directories(dir / "assembly-Prod");
  write_text(dir / "manifest.json", R"({"version": "36.0.0", "artifacts": {
    "Tree": {"type": "cdk:tree", "properties": {"file": "tree.json"}},
    "Prod": {"type": "cdk:cloud-assembly", "properties": {"directoryName": "assembly-Prod", "displayName": "Prod"}}}})");
  write_text(dir / "assembly-Prod" / "manifest.json", R"({"version": "36.0.0", "artifacts": {
    "ProdNet": {"type": "aws:cloudformation:stack", "environment": "aws://111111111111/us-east-1",
                "properties": {"templateFile": "ProdNet.template.json"}},
    "ProdApp": {"type": "aws:cloudformation:stack", "environment": "aws://111111111111/us-east-1",
                "properties": {"templateFile": "ProdApp.template.json"}, "dependencies": ["ProdNet"]}}})");
  write_text(dir / "assembly-Prod" / "ProdNet.template.json", R"({
  "Resources": {
    "Vpc": {"Type": "AWS::EC2::VPC", "Properties": {"CidrBlock": "10.0.0.0/16"}},
    "VpcFlowLog": {"Type": "AWS::EC2::FlowLog",
                   "Properties": {"ResourceId": {"Ref": "Vpc"}, "ResourceType": "VPC", "TrafficType": "ALL",
                                  "LogDestinationType": "s3", "LogDestination": "arn:aws:s3:::flow-logs"}},
    "DmzSg": {"Type": "AWS::EC2::SecurityGroup",
              "Properties": {"GroupDescription": "dmz", "VpcId": {"Ref": "Vpc"},
                             "SecurityGroupEgress": [{"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "CidrIp": "10.0.0.0/16"}],
                             "Tags": [{"Key": "aip:zone", "Value": "dmz"}]}}
  },
  "Outputs": {"DmzSgId": {"Value": {"Fn::GetAtt": ["DmzSg", "GroupId"]}, "Export": {"Name": "ProdNet-DmzSg"}}}
})");
  write_text(dir / "assembly-Prod" / "ProdApp.template.json", R"({
  "Resources": {
    "Vpc": {"Type": "AWS::EC2::VPC", "Properties": {"CidrBlock": "10.0.0.0/16"}},
    "VpcFlowLog": {"Type": "AWS::EC2::FlowLog",
                   "Properties": {"ResourceId": {"Ref": "Vpc"}, "ResourceType": "VPC", "TrafficType": "ALL",
                                  "LogDestinationType": "s3", "LogDestination": "arn:aws:s3:::flow-logs"}},
    "DataSg": {"Type": "AWS::EC2::SecurityGroup",
               "Properties": {"GroupDescription": "data", "VpcId": {"Ref": "Vpc"},
                              "SecurityGroupEgress": [{"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "CidrIp": "10.0.0.0/16"}],
                              "Tags": [{"Key": "aip:zone", "Value": "data"}]}},
    "FromDmz": {"Type": "AWS::EC2::SecurityGroupIngress",
                "Properties": {"GroupId": {"Fn::GetAtt": ["DataSg", "GroupId"]}, "IpProtocol": "tcp", "FromPort": 5432,
                               "ToPort": 5432, "SourceSecurityGroupId": {"Fn::ImportValue": "ProdNet-DmzSg"},
                               "Description": "dmz to data"}}
  }
})");
  return dir;
}

json lint_json(const std::string& args, int expected_exit) {
  auto r = run_aip("lint " + args + " --format json");
  INFO(r.output);
  REQUIRE(r.exit_code == expected_exit);
  return json::parse(r.output.substr(0, r.output.size() - r.err.size()));
}

std::set<std::string> rules_of(const json& report, bool suppressed = false) {
  std::set<std::string> out;
  for (const auto& f : report["findings"]) {
    if (f["suppressed"] == suppressed) out.insert(f["rule"].get<std::string>() + " " + f["resource"].get<std::string>());
  }
  return out;
}

}  // namespace

TEST_CASE("aip lint of a CDK-written assembly runs the cross-stack rules over all its stacks") {
  const fs::path dir = cdk_assembly("lint-cdk-assembly");
  const json report = lint_json(q(dir), 1);
  const auto found = rules_of(report);
  // The VPCs of two stacks overlap; the rule in ProdApp lets ProdNet's dmz group into the data zone.
  CHECK(found.count("AIP-NET-003 ProdNet/Vpc") + found.count("AIP-NET-003 ProdApp/Vpc") == 1);
  CHECK(found.count("AIP-NET-007 ProdApp/FromDmz") == 1);
  // Each finding points into its own template.
  for (const auto& f : report["findings"]) {
    const std::string stack = f["resource"].get<std::string>().substr(0, 7);
    CHECK(f["file"].get<std::string>().find(stack + ".template.json") != std::string::npos);
  }
  // Text: the file of each finding; the same findings when the two templates are named one by one.
  auto text = run_aip("lint " + q(dir));
  CHECK(text.exit_code == 1);
  CHECK(text.output.find((dir / "assembly-Prod" / "ProdApp.template.json").string() + ":") != std::string::npos);
  CHECK(text.output.find("[AIP-NET-007]") != std::string::npos);
  const json files = lint_json(q(dir / "assembly-Prod" / "ProdNet.template.json") + " " +
                                   q(dir / "assembly-Prod" / "ProdApp.template.json"),
                               1);
  CHECK(rules_of(files).size() == found.size());
  CHECK(rules_of(files).count("AIP-NET-007 ProdApp/FromDmz") == 1);
  // Linted alone, ProdApp's import cannot be resolved and ProdNet's VPC is not there: neither finding.
  const json alone = lint_json(q(dir / "assembly-Prod" / "ProdApp.template.json"), 0);
  CHECK(alone["findings"].empty());

  // Every format covers every input, and the exit code is the assembly's.
  auto sarif = run_aip("lint " + q(dir) + " --format sarif");
  CHECK(sarif.exit_code == 1);
  CHECK(json::parse(sarif.output)["runs"][0]["results"].size() == 2);
  auto gh = run_aip("lint " + q(dir) + " --format github");
  CHECK(gh.exit_code == 1);
  CHECK(gh.output.find("::error file=" + (dir / "assembly-Prod" / "ProdApp.template.json").string()) != std::string::npos);
  CHECK(gh.output.find(",title=AIP-NET-003::") != std::string::npos);
  CHECK(gh.output.find(",title=AIP-NET-007::") != std::string::npos);
  auto junit = run_aip("lint " + q(dir) + " --format junit");
  CHECK(junit.exit_code == 1);
  CHECK(junit.output.find("AIP-NET-007") != std::string::npos);
  CHECK(run_aip("lint " + q(dir) + " --disable AIP-NET-003,AIP-NET-007").exit_code == 0);
  fs::remove_all(dir);
}

TEST_CASE("aip lint of aip's own assembly matches the spec's findings") {
  const fs::path dir = fresh_dir("lint-aip-assembly");
  REQUIRE(run_aip("synth -q blueprints/lang-portal.yaml -o " + q(dir / "cdk.out")).exit_code == 0);
  auto spec = lint_json("blueprints/lang-portal.yaml --fail-on none", 0);
  auto assembly = lint_json(q(dir / "cdk.out") + " --fail-on none", 0);
  // The same rules at the same resources (the spec's stale-suppression judgement aside).
  auto strip = [](std::set<std::string> s) {
    for (auto it = s.begin(); it != s.end();) it = it->rfind("AIP-LINT-", 0) == 0 ? s.erase(it) : std::next(it);
    return s;
  };
  CHECK(strip(rules_of(assembly)) == strip(rules_of(spec)));
  CHECK(strip(rules_of(assembly, true)) == strip(rules_of(spec, true)));
  fs::remove_all(dir);
}

TEST_CASE("aip lint refuses a spec among other inputs and a directory without templates, exit 2") {
  const fs::path dir = fresh_dir("lint-bad-inputs");
  fs::create_directories(dir / "empty");
  auto mixed = run_aip("lint blueprints/network.yaml examples/bad/lint/exp-001-ssh-open.yaml");
  CHECK(mixed.exit_code == 2);
  CHECK(mixed.err.find("aip: error: 'blueprints/network.yaml' is an aip spec: lint a spec on its own "
                       "(`aip lint blueprints/network.yaml`), not with other inputs") != std::string::npos);
  auto empty = run_aip("lint " + q(dir / "empty"));
  CHECK(empty.exit_code == 2);
  CHECK(empty.err.find("aip: error: '" + (dir / "empty").string() + "' holds no CloudFormation template") !=
        std::string::npos);
  write_text(dir / "manifest.json", "{not json");
  auto broken = run_aip("lint " + q(dir));
  CHECK(broken.exit_code == 2);
  CHECK(broken.err.find("manifest.json' is not valid JSON") != std::string::npos);
  fs::remove_all(dir);
}

namespace {

const char* kSshTemplate = R"(Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties: {CidrBlock: 10.0.0.0/16}
  VpcFlowLog:
    Type: AWS::EC2::FlowLog
    Properties: {ResourceId: !Ref Vpc, ResourceType: VPC, TrafficType: ALL, LogDestinationType: s3, LogDestination: 'arn:aws:s3:::flow-logs'}
  Bastion:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: bastion
      VpcId: !Ref Vpc
      SecurityGroupIngress:
        - {IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0, Description: ssh}
      SecurityGroupEgress:
        - {IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 10.0.0.0/16, Description: https}
)";

// The same template with the group moved down (its lines change), and a second group open to the internet.
const char* kMovedPlusOne = R"(Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties: {CidrBlock: 10.0.0.0/16}
  VpcFlowLog:
    Type: AWS::EC2::FlowLog
    Properties: {ResourceId: !Ref Vpc, ResourceType: VPC, TrafficType: ALL, LogDestinationType: s3, LogDestination: 'arn:aws:s3:::flow-logs'}
  Jump:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: jump
      VpcId: !Ref Vpc
      SecurityGroupIngress:
        - {IpProtocol: tcp, FromPort: 3389, ToPort: 3389, CidrIp: 0.0.0.0/0, Description: rdp}
      SecurityGroupEgress:
        - {IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 10.0.0.0/16, Description: https}


  Bastion:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: bastion
      VpcId: !Ref Vpc
      SecurityGroupIngress:
        - {IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0, Description: ssh}
      SecurityGroupEgress:
        - {IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 10.0.0.0/16, Description: https}
)";

}  // namespace

TEST_CASE("baselines (--write-baseline, --baseline): a round trip, a moved line still matches, a new finding fails") {
  const fs::path dir = fresh_dir("lint-baseline");
  fs::create_directories(dir);
  const fs::path tmpl = dir / "net.yaml";
  const fs::path baseline = dir / "baseline.json";
  write_text(tmpl, kSshTemplate);
  REQUIRE(run_aip("lint " + q(tmpl)).exit_code == 1);

  auto written = run_aip("lint " + q(tmpl) + " --write-baseline " + q(baseline));
  CHECK(written.exit_code == 0);
  CHECK(written.err == "aip: wrote 1 finding to the baseline " + baseline.string() + "\n");
  const json doc = json::parse(read_text(baseline));
  CHECK(doc["format"] == "aip-lint-baseline/1");
  REQUIRE(doc["findings"].size() == 1);
  CHECK(doc["findings"][0]["rule"] == "AIP-EXP-001");
  CHECK(doc["findings"][0]["resource"] == "Bastion");
  CHECK(doc["findings"][0]["path"] == "Properties.SecurityGroupIngress.0");
  CHECK(doc["findings"][0]["fingerprint"].get<std::string>().size() == 16);
  CHECK(doc["findings"][0].count("line") == 0);

  // Round trip: the baselined finding no longer fails, in every format, and is marked.
  CHECK(run_aip("lint " + q(tmpl) + " --baseline " + q(baseline)).exit_code == 0);
  auto text = run_aip("lint " + q(tmpl) + " --baseline " + q(baseline));
  CHECK(text.output.find("[AIP-EXP-001]") == std::string::npos);
  const json marked = lint_json(q(tmpl) + " --baseline " + q(baseline), 0);
  REQUIRE(marked["findings"].size() == 1);
  CHECK(marked["findings"][0]["suppressed"] == true);
  CHECK(marked["findings"][0]["suppression"]["reason"] == "in the baseline " + baseline.string());
  auto sarif = run_aip("lint " + q(tmpl) + " --baseline " + q(baseline) + " --format sarif");
  CHECK(sarif.exit_code == 0);
  CHECK(json::parse(sarif.output)["runs"][0]["results"][0]["suppressions"][0]["kind"] == "external");
  CHECK(run_aip("lint " + q(tmpl) + " --baseline " + q(baseline) + " --format junit").exit_code == 0);
  CHECK(run_aip("lint " + q(tmpl) + " --baseline " + q(baseline) + " --format github").output.empty());

  // Moved lines keep the old finding baselined; the new group's finding fails alone.
  write_text(tmpl, kMovedPlusOne);
  auto moved = run_aip("lint " + q(tmpl) + " --baseline " + q(baseline));
  CHECK(moved.exit_code == 1);
  CHECK(moved.output.find(tmpl.string() + ":14:11: error: security group Jump allows port 3389") != std::string::npos);
  CHECK(moved.output.find("security group Bastion") == std::string::npos);
  CHECK(moved.output.find("\n1 error") != std::string::npos);
  const json moved_json = lint_json(q(tmpl) + " --baseline " + q(baseline), 1);
  CHECK(rules_of(moved_json) == std::set<std::string>{"AIP-EXP-001 Jump"});
  CHECK(rules_of(moved_json, true) == std::set<std::string>{"AIP-EXP-001 Bastion"});
  // Without the baseline both fail.
  CHECK(rules_of(lint_json(q(tmpl), 1)).size() == 2);
  fs::remove_all(dir);
}

TEST_CASE("a malformed baseline is bad input: exact message, exit 2") {
  const fs::path dir = fresh_dir("lint-bad-baseline");
  fs::create_directories(dir);
  const fs::path tmpl = dir / "net.yaml";
  write_text(tmpl, kSshTemplate);
  const fs::path b = dir / "b.json";
  auto run = [&](const std::string& text) {
    write_text(b, text);
    return run_aip("lint " + q(tmpl) + " --baseline " + q(b));
  };
  struct Case {
    std::string text, message;
  };
  const std::vector<Case> cases = {
      {R"({"format": "aip-lint-baseline/2", "findings": []})",
       b.string() + ":1:2: error: not an aip lint baseline: \"format\" must be \"aip-lint-baseline/1\" (written by aip "
                    "lint --write-baseline)"},
      {R"({"findings": []})",
       b.string() + ":1:1: error: not an aip lint baseline: \"format\" must be \"aip-lint-baseline/1\" (written by aip "
                    "lint --write-baseline)"},
      {R"([1, 2])",
       b.string() + ":1:1: error: a lint baseline is a JSON object {\"format\": \"aip-lint-baseline/1\", \"findings\": "
                    "[...]}"},
      {R"({"format": "aip-lint-baseline/1", "findings": {}})", b.string() + ":1:35: error: \"findings\" must be a list"},
      {"{\"format\": \"aip-lint-baseline/1\",\n \"findings\": [{\"rule\": \"AIP-EXP-001\", \"resource\": 3}]}",
       b.string() + ":2:15: error: baseline finding 0 must be an object with string \"rule\", \"resource\", \"path\" and "
                    "\"message\""},
      {"{not json", b.string() + ":1:2: error: invalid JSON: syntax error while parsing object key"},
      {R"({"format": "aip-lint-baseline/1", "format": "x"})", b.string() + ":1:35: error: duplicate key 'format'"},
  };
  for (const Case& c : cases) {
    auto r = run(c.text);
    INFO(c.text << "\n" << r.err);
    CHECK(r.exit_code == 2);
    CHECK(r.err.rfind(c.message, 0) == 0);
    CHECK(r.output == r.err);  // no findings printed
  }
  auto missing = run_aip("lint " + q(tmpl) + " --baseline " + q(dir / "none.json"));
  CHECK(missing.exit_code == 2);
  CHECK(missing.err.find("aip: error: cannot read '" + (dir / "none.json").string() + "'") != std::string::npos);
  fs::remove_all(dir);
}
