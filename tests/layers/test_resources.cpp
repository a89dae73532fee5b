// Raw resources (`resources:`) and element overrides (`overrides:`), issue #16:
// what they render, references within and across stacks, and every class of
// bad input with its message, line and column.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "driver/lint_input.hpp"
#include "support/plan_text.hpp"

using aip::cfn::Json;
using aip::test::kHeader;
using aip::test::plan_text;

namespace {

// Errors of a spec that loads but does not plan (or does not load): synthesize
// it to the plan stage, as every command does.
std::string plan_errors(const std::string& body) {
  aip::SourceManager sources;
  const aip::SourceFile& file = sources.add("spec.yaml", std::string(kHeader) + body);
  aip::driver::Synthesis s = aip::driver::synthesize(file, {aip::driver::Stage::plan, aip::spec::LoadOptions{}});
  CHECK(s.outcome == aip::driver::Outcome::spec_errors);
  std::string out;
  for (const aip::Diagnostic& d : s.diagnostics.sorted()) out += d.location.str() + ": " + d.message + "\n";
  return out;
}

// Line 5 onwards (kHeader has 4 lines).
const char* kBucket =
    "storage:\n"
    "  buckets:\n"
    "    data:\n"
    "      preset: silver\n";

}  // namespace

TEST_CASE("a raw resource renders its properties, typed by the schema, in the resources stack") {
  auto p = plan_text(std::string(kHeader) +
                     "resources:\n"
                     "  port-param:\n"
                     "    type: AWS::SSM::Parameter\n"
                     "    deletion_policy: Retain\n"
                     "    update_replace_policy: Snapshot\n"
                     "    properties: {Type: String, Value: 443, Tags: {Owner: me}}\n"
                     "  target-group:\n"
                     "    type: AWS::ElasticLoadBalancingV2::TargetGroup\n"
                     "    stack: web\n"
                     "    properties: {Port: 443, Protocol: HTTPS, TargetType: ip, VpcId: vpc-0123456789abcdef0}\n");
  CHECK(p.schema_findings().empty());
  const auto& param = *p.stack("test-dev-resources").find("PortParam");
  CHECK(param.type == "AWS::SSM::Parameter");
  CHECK(param.properties["Value"] == "443");  // a string property: the YAML number becomes a string
  CHECK(param.properties.contains("Tags") == false);  // literal tags join the element's, rendered with aip's
  CHECK(param.tags.at("Owner") == "me");
  CHECK(param.deletion_policy == "Retain");
  CHECK(param.update_replace_policy == "Snapshot");
  Json rendered = aip::cfn::render_template(*p.assembly, p.stack("test-dev-resources"));
  CHECK(rendered["Resources"]["PortParam"]["UpdateReplacePolicy"] == "Snapshot");
  CHECK(rendered["Resources"]["PortParam"]["Properties"]["Tags"]["Owner"] == "me");
  CHECK(rendered["Resources"]["PortParam"]["Properties"]["Tags"]["aip:spec"] == "test");
  const auto& tg = *p.stack("test-dev-web").find("TargetGroup");
  CHECK(tg.properties["Port"] == 443);  // an integer property stays a number
  CHECK(tg.provenance.line == 11);
  // Findings in a property point at its line.
  REQUIRE(tg.property_provenance.size() == 4);
  CHECK(tg.property_provenance[0].first == std::vector<std::string>{"Port"});
  CHECK(tg.property_provenance[0].second.line == 14);
}

TEST_CASE("references: Ref and GetAtt in one stack, exports and imports across stacks, !sub both ways") {
  auto p = plan_text(std::string(kHeader) + kBucket +
                     "resources:\n"
                     "  guard:\n"
                     "    type: AWS::Bedrock::Guardrail\n"
                     "    properties: {Name: g, BlockedInputMessaging: no, BlockedOutputsMessaging: no,\n"
                     "                 ContentPolicyConfig: {FiltersConfig: [{Type: HATE, InputStrength: HIGH, "
                     "OutputStrength: HIGH}]}}\n"
                     "  version:\n"
                     "    type: AWS::Bedrock::GuardrailVersion\n"
                     "    depends_on: [resource:guard, bucket:data]\n"
                     "    properties:\n"
                     "      GuardrailIdentifier: !attr resource:guard.GuardrailId\n"
                     "      Description: !sub \"${resource:guard.GuardrailArn} in ${AWS::Region}, data ${bucket:data}\"\n"
                     "  point:\n"
                     "    type: AWS::S3::AccessPoint\n"
                     "    properties: {Bucket: !ref bucket:data}\n"
                     "  arn:\n"
                     "    type: AWS::SSM::Parameter\n"
                     "    properties: {Type: String, Value: !arn bucket:data}\n");
  CHECK(p.schema_findings().empty());
  auto& s = p.stack("test-dev-resources");
  const auto& v = *s.find("Version");
  CHECK(v.properties["GuardrailIdentifier"] == Json::parse(R"({"Fn::GetAtt": ["Guard", "GuardrailId"]})"));
  CHECK(v.properties["Description"] ==
        Json::parse(R"({"Fn::Sub": ["${Guard.GuardrailArn} in ${AWS::Region}, data ${Ref1}",
                       {"Ref1": {"Fn::ImportValue": "test-dev-storage:DataBucketRef"}}]})"));
  CHECK(v.depends_on == std::vector<std::string>{"Guard"});
  CHECK(s.dependencies.count("test-dev-storage") == 1);
  CHECK(s.find("Point")->properties["Bucket"] == Json::parse(R"({"Fn::ImportValue": "test-dev-storage:DataBucketRef"})"));
  CHECK(s.find("Arn")->properties["Value"] == Json::parse(R"({"Fn::ImportValue": "test-dev-storage:DataBucketArn"})"));
  const auto& storage = p.stack("test-dev-storage");
  CHECK(storage.outputs.at("DataBucketArn")["Value"] == Json::parse(R"({"Fn::GetAtt": ["DataBucket", "Arn"]})"));
}

TEST_CASE("task_role:SERVICE names a service's task role: Ref in its stack, an import from another") {
  const std::string compute =
      "network:\n"
      "  vpcs:\n"
      "    main: {cidr: 10.0.0.0/16, azs: 2, tiers: {private: 24}}\n"
      "compute:\n"
      "  clusters:\n"
      "    apps: {vpc: main}\n"
      "  services:\n"
      "    worker: {cluster: apps, image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/worker:1.0.0}\n";
  const std::string policy =
      "resources:\n"                                                        // line 13
      "  worker-extra:\n"
      "    type: AWS::IAM::Policy\n"
      "    stack: compute\n"
      "    properties:\n"
      "      PolicyName: extra\n"
      "      PolicyDocument: {Version: \"2012-10-17\", Statement: [{Effect: Allow, Action: sqs:SendMessage, "
      "Resource: \"*\"}]}\n";
  auto p = plan_text(std::string(kHeader) + compute + policy + "      Roles: [!ref task_role:worker]\n" +
                     "  worker-role-name:\n    type: AWS::SSM::Parameter\n"
                     "    properties: {Type: String, Value: !ref task_role:worker}\n");
  CHECK(p.schema_findings().empty());
  // The service's own stack: a Ref of the role (its name, what a policy's Roles take).
  CHECK(p.stack("test-dev-compute").find("WorkerExtra")->properties["Roles"] ==
        Json::parse(R"([{"Ref": "WorkerTaskRole"}])"));
  // Another stack imports it.
  CHECK(p.stack("test-dev-resources").find("WorkerRoleName")->properties["Value"] ==
        Json::parse(R"({"Fn::ImportValue": "test-dev-compute:WorkerTaskRoleRef"})"));
  // A service the spec does not have, with a did-you-mean.
  CHECK(plan_errors(compute + policy + "      Roles: [!ref task_role:worke]\n") ==
        "spec.yaml:20:15: resource 'worker-extra' refers to task_role 'worke', which is not defined; "
        "did you mean 'worker'?\n");
}

TEST_CASE("a raw alarm notifies an alarm topic of observability, which CloudWatch may publish to") {
  const std::string topics = "observability:\n  topics:\n    oncall: {}\n";
  const std::string alarm = "resources:\n  latency:\n    type: AWS::CloudWatch::Alarm\n"
                            "    properties: {ComparisonOperator: GreaterThanThreshold, EvaluationPeriods: 1, Threshold: 1,\n"
                            "                 MetricName: ModelLatency, Namespace: AWS/SageMaker, Statistic: Average, Period: 60,\n";
  auto p = plan_text(std::string(kHeader) + topics + alarm + "                 AlarmActions: [!ref alarm_topic:oncall]}\n");
  CHECK(p.schema_findings().empty());
  CHECK(p.stack("test-dev-resources").find("Latency")->properties["AlarmActions"] ==
        Json::parse(R"([{"Fn::ImportValue": "test-dev-observability:OncallAlarmTopicRef"}])"));
  // An events topic is another kind; an alarm topic's name is checked like every reference.
  CHECK(plan_errors(topics + alarm + "                 AlarmActions: [!ref alarm_topic:oncal]}\n") ==
        "spec.yaml:13:33: resource 'latency' refers to alarm_topic 'oncal', which is not defined; did you mean 'oncall'?\n");
}

TEST_CASE("raw resource errors: type, properties, references, attributes, cycles, other regions") {
  const std::string res = "resources:\n  p:\n";
  CHECK(plan_errors(res + "    type: AWS::SSM::Paramter\n") ==
        "spec.yaml:7:11: unknown resource type 'AWS::SSM::Paramter'; did you mean 'AWS::SSM::Parameter'?\n");
  CHECK(plan_errors(res + "    type: AWS::SSM::Parameter\n    properties:\n      Type: String\n      Value: x\n"
                          "      Tyer: Standard\n") ==
        "spec.yaml:11:7: resource 'p' (AWS::SSM::Parameter): unknown property \"Tyer\"; did you mean \"Tier\"? "
        "[AIP-CFN-E020 unknown-property]\n");
  CHECK(plan_errors(res + "    type: AWS::SSM::Parameter\n    properties:\n      Type: String\n"
                          "      Value: {a: b}\n") ==
        "spec.yaml:10:14: resource 'p' (AWS::SSM::Parameter): expected a string, got an object "
        "[AIP-CFN-E022 type-mismatch]\n");
  CHECK(plan_errors(res + "    type: AWS::SSM::Parameter\n    properties: {Type: String}\n") ==
        "spec.yaml:8:17: resource 'p' (AWS::SSM::Parameter): missing required property \"Value\" "
        "[AIP-CFN-E021 required-property]\n");
  CHECK(plan_errors(std::string(kBucket) + res +
                    "    type: AWS::SSM::Parameter\n    properties: {Type: String, Value: !ref bucket:dat}\n") ==
        "spec.yaml:12:39: resource 'p' refers to bucket 'dat', which is not defined; did you mean 'data'?\n");
  CHECK(plan_errors(std::string(kBucket) + res +
                    "    type: AWS::SSM::Parameter\n    properties: {Type: String, Value: !ref bukket:data}\n") ==
        "spec.yaml:12:39: unknown element kind 'bukket' in 'bukket:data'; did you mean 'bucket'?\n");
  CHECK(plan_errors(std::string(kBucket) + res +
                    "    type: AWS::SSM::Parameter\n    properties: {Type: String, Value: !attr bucket:data.Arm}\n") ==
        "spec.yaml:12:39: bucket 'data' (AWS::S3::Bucket) has no attribute 'Arm'; did you mean 'Arn'?\n");
  CHECK(plan_errors(std::string(kBucket) + res +
                    "    type: AWS::SSM::Parameter\n    properties: {Type: String, Value: !GetAtt data.Arn}\n") ==
        "spec.yaml:12:39: unknown tag '!GetAtt' in the properties of a raw resource; aip's references are !ref, "
        "!arn, !attr and !sub\n");
  CHECK(plan_errors(std::string(kBucket) + res +
                    "    type: AWS::SSM::Parameter\n    region: eu-west-1\n"
                    "    properties: {Type: String, Value: !ref bucket:data}\n") ==
        "spec.yaml:13:39: resource 'p' in aws://123456789012/eu-west-1 cannot reference bucket 'data' in "
        "aws://123456789012/us-east-1: CloudFormation references and exports do not cross accounts or regions; "
        "place both in one account and region, or pass the value in another way (an SSM parameter, a literal)\n");
  CHECK(plan_errors(res + "    type: AWS::SSM::Parameter\n    depends_on: [resource:q]\n"
                          "    properties: {Type: String, Value: x}\n"
                          "  q:\n    type: AWS::SSM::Parameter\n"
                          "    properties: {Type: String, Value: !sub \"${resource:p}\"}\n") ==
        "spec.yaml:12:39: resource 'q' depends on itself through references and depends_on: p -> q -> p\n");
  CHECK(plan_errors(res + "    type: AWS::SSM::Parameter\n    depends_on: resource:p\n"
                          "    properties: {Type: String, Value: x}\n") ==
        "spec.yaml:8:17: resource 'p' refers to itself\n");
}

TEST_CASE("overrides patch what an element renders, after tags, the logical id omitted for one resource") {
  auto p = plan_text(std::string(kHeader) + kBucket +
                     "      overrides:\n"
                     "        DataBucket:\n"
                     "          Properties.ObjectLockEnabled: true\n"
                     "          Properties.LifecycleConfiguration.Rules[0].Status: Disabled\n"
                     "          Properties.Tags: null\n"
                     "resources:\n"
                     "  p:\n"
                     "    type: AWS::SSM::Parameter\n"
                     "    properties: {Type: String, Value: x}\n"
                     "    overrides: {Properties.Description: \"42\", Properties.Tier: Advanced}\n");
  CHECK(p.schema_findings().empty());
  Json storage = aip::cfn::render_template(*p.assembly, p.stack("test-dev-storage"));
  const Json& bucket = storage["Resources"]["DataBucket"]["Properties"];
  CHECK(bucket["ObjectLockEnabled"] == true);
  CHECK(bucket["LifecycleConfiguration"]["Rules"][0]["Status"] == "Disabled");
  CHECK_FALSE(bucket.contains("Tags"));
  CHECK(storage["Resources"]["DataBucketKey"]["Properties"].contains("Tags"));  // only the resource named
  Json res = aip::cfn::render_template(*p.assembly, p.stack("test-dev-resources"));
  CHECK(res["Resources"]["P"]["Properties"]["Description"] == "42");
  CHECK(res["Resources"]["P"]["Properties"]["Tier"] == "Advanced");
}

TEST_CASE("overrides select a list item by a key and append with [+]") {
  auto p = plan_text(std::string(kHeader) + kBucket +
                     "      overrides:\n"
                     "        DataBucketPolicy:\n"
                     "          Properties.PolicyDocument.Statement[Sid=DenyInsecureTransport].Sid: DenyPlainHttp\n"
                     "          Properties.PolicyDocument.Statement[+]:\n"
                     "            {Sid: DenyDeletes, Effect: Deny, Principal: \"*\", Action: \"s3:DeleteBucket\",\n"
                     "             Resource: \"arn:aws:s3:::x\"}\n"
                     "        DataBucket:\n"
                     "          Properties.LifecycleConfiguration.Rules[Id=abort-incomplete-uploads].Status: Disabled\n");
  CHECK(p.schema_findings().empty());
  Json storage = aip::cfn::render_template(*p.assembly, p.stack("test-dev-storage"));
  const Json& statements = storage["Resources"]["DataBucketPolicy"]["Properties"]["PolicyDocument"]["Statement"];
  std::vector<std::string> sids;
  for (const Json& st : statements) sids.push_back(st.value("Sid", ""));
  CHECK(std::find(sids.begin(), sids.end(), "DenyPlainHttp") != sids.end());
  CHECK(std::find(sids.begin(), sids.end(), "DenyInsecureTransport") == sids.end());
  CHECK(sids.back() == "DenyDeletes");  // appended once, last
  CHECK(std::count(sids.begin(), sids.end(), "DenyDeletes") == 1);
  for (const Json& rule : storage["Resources"]["DataBucket"]["Properties"]["LifecycleConfiguration"]["Rules"]) {
    CHECK(rule["Status"] == (rule["Id"] == "abort-incomplete-uploads" ? "Disabled" : "Enabled"));
  }
}

TEST_CASE("override selector and append errors at the override's line") {
  const std::string o = std::string(kBucket) + "      overrides:\n        DataBucketPolicy:\n";
  CHECK(plan_errors(o + "          Properties.PolicyDocument.Statement[Sid=DenyInsecureTransprt].Effect: Allow\n")
            .rfind("spec.yaml:11:11: override of DataBucketPolicy (AWS::S3::BucketPolicy): no item of "
                   "Properties.PolicyDocument.Statement has Sid 'DenyInsecureTransprt'; did you mean "
                   "'DenyInsecureTransport'? (they have ",
                   0) == 0);
  CHECK(plan_errors(o + "          Properties.PolicyDocument.Statement[+].Sid: X\n") ==
        "spec.yaml:11:11: override path 'Properties.PolicyDocument.Statement[+].Sid' has '[+]' before its end; [+] "
        "appends the value, so it comes last; write it as Properties.Name.Sub[0].Name\n");
  CHECK(plan_errors(o + "          Properties.PolicyDocument.Statement[=x]: null\n") ==
        "spec.yaml:11:11: override path 'Properties.PolicyDocument.Statement[=x]' has a selector '=x' without a key "
        "or a value; write it as Properties.Name.Sub[0].Name\n");
  CHECK(plan_errors(o + "          Properties.PolicyDocument.Statement[+]: null\n") ==
        "spec.yaml:11:11: override of DataBucketPolicy (AWS::S3::BucketPolicy): [+] appends a value to "
        "Properties.PolicyDocument.Statement; null appends nothing\n");
}

TEST_CASE("override errors: logical id, path, index, value, at the override's line") {
  const std::string o = std::string(kBucket) + "      overrides:\n";
  CHECK(plan_errors(o + "        DataBuckt: {Properties.ObjectLockEnabled: true}\n") ==
        "spec.yaml:10:9: bucket 'data' renders no resource DataBuckt; did you mean 'DataBucket'? (it renders "
        "DataBucketKey, DataBucket, DataBucketPolicy)\n");
  CHECK(plan_errors(o + "        Properties.ObjectLockEnabled: true\n") ==
        "spec.yaml:10:9: bucket 'data' renders 3 resources (DataBucketKey, DataBucket, DataBucketPolicy); name "
        "the logical id to override\n");
  CHECK(plan_errors(o + "        DataBucket:\n          Properties.ObjectLockEnabld: true\n"
                        "          Properties.LifecycleConfiguration.Rules[2].Status: Disabled\n"
                        "          Properties.LifecycleConfiguration.Rules[0].Statis: Disabled\n") ==
        "spec.yaml:11:11: override of DataBucket (AWS::S3::Bucket): Properties has no property "
        "'ObjectLockEnabld'; did you mean 'ObjectLockEnabled'?\n"
        "spec.yaml:12:11: override of DataBucket (AWS::S3::Bucket): index 2 is past the end of "
        "Properties.LifecycleConfiguration.Rules (2 items)\n"
        "spec.yaml:13:11: override of DataBucket (AWS::S3::Bucket): Properties.LifecycleConfiguration.Rules[0] has "
        "no property 'Statis'; did you mean 'Status'?\n");
  CHECK(plan_errors(o + "        DataBucket: {Properties.ObjectLockEnabled: [1]}\n") ==
        "spec.yaml:10:22: after the overrides of bucket 'data', DataBucket (AWS::S3::Bucket) is not valid: "
        "expected a boolean, got a list [AIP-CFN-E022 type-mismatch] at Properties.ObjectLockEnabled\n");
  CHECK(plan_errors(o + "        DataBucket: {Properties.BucketName: !ref bucket:data}\n") ==
        "spec.yaml:10:45: '!ref' is for the properties of raw resources; an override value is plain YAML\n");
  CHECK(plan_errors(o + "        DataBucket: {Propertis.BucketName: x}\n") ==
        "spec.yaml:10:22: override path 'Propertis.BucketName' must start with 'Properties'; did you mean "
        "'Properties'?\n");
  CHECK(plan_errors(o + "        DataBucket:\n          Properties.Rules[x]: x\n") ==
        "spec.yaml:11:11: override path 'Properties.Rules[x]' has a non-numeric index 'x'; write it as "
        "Properties.Name.Sub[0].Name\n");
  // Top level: no overrides.
  CHECK(plan_errors("overrides: {}\n") == "spec.yaml:5:1: unknown key 'overrides' in the spec\n");
}

TEST_CASE("a lint finding in a raw resource points at the property's spec line") {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / "aip-test-raw-resources";
  fs::create_directories(dir);
  fs::path spec = dir / "spec.yaml";
  std::ofstream(spec) << kHeader
                      << "resources:\n"
                         "  open:\n"
                         "    type: AWS::EC2::SecurityGroup\n"
                         "    properties:\n"
                         "      GroupDescription: wide open\n"
                         "      VpcId: vpc-0123456789abcdef0\n"
                         "      SecurityGroupIngress:\n"
                         "        - {IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0}\n";
  auto linted = aip::driver::lint_file(spec.string(), {});
  REQUIRE(linted.ok);
  bool found = false;
  for (const auto& f : linted.findings) {
    if (f.rule != "AIP-EXP-001") continue;
    found = true;
    CHECK(f.location.line == 11);
    CHECK(f.location.column == 7);
    CHECK(f.resource == "test-dev-resources/Open");
  }
  CHECK(found);
  fs::remove_all(dir);
}

TEST_CASE("the resources and overrides examples synthesize valid templates and lint clean") {
  for (const char* name : {"examples/resources.yaml", "examples/overrides.yaml"}) {
    INFO(name);
    std::string path = std::string(AIP_SOURCE_DIR) + "/" + name;
    aip::SourceManager sources;
    auto s = aip::driver::synthesize(path, sources, {});
    CHECK(s.outcome == aip::driver::Outcome::ok);  // validated against the schemas
    auto linted = aip::driver::lint_file(path, {});
    CHECK(linted.ok);
    CHECK_FALSE(aip::driver::fails(linted.findings, aip::Severity::info));
  }
}

TEST_CASE("stacks that import from each other are an error at the importing resources") {
  // alpha's first topic reads beta's, whose topic reads alpha's second: each
  // stack would wait for the other's export, so CloudFormation creates neither.
  const std::string ring =
      "resources:\n"
      "  topic-a:\n    type: AWS::SNS::Topic\n    stack: alpha\n"
      "    properties: {DisplayName: !attr resource:topic-b.TopicName}\n"
      "  topic-b:\n    type: AWS::SNS::Topic\n    stack: beta\n"
      "    properties: {DisplayName: !attr resource:topic-c.TopicName}\n"
      "  topic-c:\n    type: AWS::SNS::Topic\n    stack: alpha\n    properties: {DisplayName: c}\n";
  aip::SourceManager sources;
  const aip::SourceFile& file = sources.add("spec.yaml", std::string(kHeader) + ring);
  aip::driver::Synthesis s = aip::driver::synthesize(file, {aip::driver::Stage::plan, aip::spec::LoadOptions{}});
  REQUIRE(s.outcome == aip::driver::Outcome::spec_errors);
  const std::vector<aip::Diagnostic> errors = s.diagnostics.sorted();
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].location.str() == "spec.yaml:6:3");
  CHECK(errors[0].message ==
        "stacks import from each other (test-dev-alpha -> test-dev-beta -> test-dev-alpha): CloudFormation cannot "
        "create any of them, each waits for another's export; put the resources that reference each other in one "
        "stack (`stack:`), or break the ring");
  REQUIRE(errors[0].notes.size() == 1);
  CHECK(errors[0].notes[0].location.str() == "spec.yaml:10:3");
  CHECK(errors[0].notes[0].message == "stack test-dev-beta imports from test-dev-alpha here");
  // One stack for both: no ring.
  std::string one = ring;
  one.replace(one.find("stack: beta"), 11, "stack: alpha");
  auto p = plan_text(std::string(kHeader) + one);
  CHECK(p.stack("test-dev-alpha").dependencies.empty());
}

TEST_CASE("a long-form Fn::ImportValue of an aip export orders the stacks, and of a missing export is an error") {
  const std::string exported =
      "resources:\n"
      "  topic-a:\n    type: AWS::SNS::Topic\n    stack: alpha\n    properties: {DisplayName: a}\n"
      "  topic-c:\n    type: AWS::SNS::Topic\n    stack: gamma\n"
      "    properties: {DisplayName: !attr resource:topic-a.TopicName}\n"
      "  topic-b:\n    type: AWS::SNS::Topic\n    stack: beta\n";
  auto p = plan_text(std::string(kHeader) + exported +
                     "    properties: {DisplayName: {Fn::ImportValue: \"test-dev-alpha:TopicATopicName\"}}\n");
  CHECK(p.stack("test-dev-beta").dependencies == std::set<std::string>{"test-dev-alpha"});
  // Another tool's export is not aip's to check.
  auto q = plan_text(std::string(kHeader) + exported + "    properties: {DisplayName: {Fn::ImportValue: \"shared-vpc:Id\"}}\n");
  CHECK(q.stack("test-dev-beta").dependencies.empty());
  CHECK(plan_errors(exported + "    properties: {DisplayName: {Fn::ImportValue: \"test-dev-alpha:TopicATopicNam\"}}\n") ==
        "spec.yaml:14:3: TopicB imports export 'test-dev-alpha:TopicATopicNam', which stack test-dev-alpha does not "
        "export; did you mean 'TopicATopicName'? (a reference tag, `!attr KIND:NAME.Attribute`, makes aip export "
        "what it needs)\n");
}
