// validate_template behaviour that is easier to state inline than as corpus
// files: leniency, ordering, limits that need big templates, cross-stack exports.
#include "cfn/schema/validate.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace aip::cfn;
using nlohmann::json;

namespace {

std::vector<std::string> run(const json& tmpl) {
  std::vector<std::string> out;
  for (const auto& f : validate_template(tmpl, SchemaDb::builtin())) {
    out.push_back(format_finding_path("S", f) + ": " + f.message + " [" + f.rule + "]");
  }
  return out;
}

json queues(std::size_t n) {
  json resources = json::object();
  for (std::size_t i = 0; i < n; ++i) resources["Q" + std::to_string(i)] = {{"Type", "AWS::SQS::Queue"}};
  return resources;
}

}  // namespace

TEST_CASE("format_finding_path drops the Resources segment only") {
  CHECK(format_finding_path("Net", {{"Resources", "MainVpc", "Properties", "CidrBlock"}, "m", "r"}) ==
        "Net/MainVpc/Properties/CidrBlock");
  CHECK(format_finding_path("Net", {{"Outputs", "VpcId", "Value"}, "m", "r"}) == "Net/Outputs/VpcId/Value");
  CHECK(format_finding_path("Net", {{"Resources"}, "m", "r"}) == "Net/Resources");
  CHECK(format_finding_path("Net", {{}, "m", "r"}) == "Net");
  CHECK(format_finding_path("", {{"Outputs", "X"}, "m", "r", "Other"}) == "Other/Outputs/X");
}

TEST_CASE("scalars are accepted in the forms CloudFormation accepts") {
  const json t = json::parse(R"({"Resources": {
    "Q": {"Type": "AWS::SQS::Queue", "Properties": {
      "DelaySeconds": "5", "FifoQueue": "true", "ContentBasedDeduplication": "False",
      "MaximumMessageSize": 2048.0, "QueueName": 12, "KmsMasterKeyId": true,
      "VisibilityTimeout": {"Fn::If": ["C", 30, "60"]},
      "Tags": [{"Key": "k"}]}},
    "R": {"Type": "AWS::Route53::RecordSet", "Properties": {
      "Name": "x.example.com", "Type": "A", "Weight": "10", "TTL": 300,
      "HostedZoneName": "example.com.", "ResourceRecords": ["1.2.3.4"]}}},
    "Conditions": {"C": {"Fn::Equals": ["a", "a"]}}})");
  CHECK(run(t) == std::vector<std::string>{});
}

TEST_CASE("scalar strings that are not numbers or booleans are rejected") {
  const json t = json::parse(R"({"Resources": {"Q": {"Type": "AWS::SQS::Queue", "Properties": {
      "DelaySeconds": "5s", "FifoQueue": "yes", "MaximumMessageSize": 1.5, "QueueName": {"a": 1},
      "VisibilityTimeout": {"Fn::If": ["C", "x", {"Ref": "AWS::NoValue"}]}}}},
    "Conditions": {"C": {"Fn::Equals": ["a", "a"]}}})");
  CHECK(run(t) == std::vector<std::string>{
                      "S/Q/Properties/DelaySeconds: expected an integer, got \"5s\" [type-mismatch]",
                      "S/Q/Properties/FifoQueue: expected a boolean, got \"yes\" [type-mismatch]",
                      "S/Q/Properties/MaximumMessageSize: expected an integer, got 1.5 [type-mismatch]",
                      "S/Q/Properties/QueueName: expected a string, got an object [type-mismatch]",
                      "S/Q/Properties/VisibilityTimeout/Fn::If/1: expected an integer, got \"x\" [type-mismatch]",
                  });
}

TEST_CASE("union types accept any alternative") {
  // AWS::Serverless::Api DefinitionUri is union<string|S3Location>.
  const json t = json::parse(R"({"Transform": "AWS::Serverless-2016-10-31", "Resources": {
    "A": {"Type": "AWS::Serverless::Api", "Properties": {"StageName": "p", "DefinitionUri": "s3://b/k"}},
    "B": {"Type": "AWS::Serverless::Api", "Properties": {"StageName": "p",
          "DefinitionUri": {"Bucket": "b", "Key": "k", "Version": 1}}},
    "C": {"Type": "AWS::Serverless::Api", "Properties": {"StageName": "p", "DefinitionUri": ["s3://b/k"]}},
    "D": {"Type": "AWS::Serverless::Api", "Properties": {"StageName": "p", "DefinitionUri": {"Bucket": "b", "Kee": "k"}}}}})");
  // An object is checked as the object alternative, so its findings are specific.
  CHECK(run(t) == std::vector<std::string>{
                      "S/C/Properties/DefinitionUri: expected a string or an object (S3Location), got a list [type-mismatch]",
                      "S/D/Properties/DefinitionUri: missing required property \"Key\" [required-property]",
                      "S/D/Properties/DefinitionUri: missing required property \"Version\" [required-property]",
                      "S/D/Properties/DefinitionUri/Kee: unknown property \"Kee\"; did you mean \"Key\"? [unknown-property]",
                  });
}

TEST_CASE("custom resources take any properties but need a ServiceToken") {
  const json t = json::parse(R"({"Resources": {
    "A": {"Type": "Custom::Thing", "Properties": {"ServiceToken": "arn", "Anything": [1, {"b": 2}]}},
    "B": {"Type": "Custom::Thing", "Properties": {"Anything": 1}},
    "Q": {"Type": "AWS::SQS::Queue", "Properties": {"QueueName": {"Fn::GetAtt": ["A", "Whatever.Deep"]}}}}})");
  CHECK(run(t) == std::vector<std::string>{
                      "S/B/Properties: missing required property \"ServiceToken\" [required-property]",
                  });
}

TEST_CASE("intrinsics are accepted wherever a value goes") {
  // Fn::ToJsonString and Fn::Length come with the language extensions.
  const json t = json::parse(R"({"Transform": "AWS::LanguageExtensions", "Parameters": {"P": {"Type": "CommaDelimitedList"}},
    "Resources": {"Sg": {"Type": "AWS::EC2::SecurityGroup", "Properties": {
      "GroupDescription": {"Fn::Join": ["", ["a", "b"]]},
      "SecurityGroupIngress": {"Fn::If": ["C", [{"IpProtocol": "tcp", "CidrIp": "10.0.0.0/8"}], {"Ref": "AWS::NoValue"}]},
      "SecurityGroupEgress": [{"Fn::If": ["C", {"IpProtocol": "-1", "CidrIp": "10.0.0.0/8"}, {"Ref": "AWS::NoValue"}]}],
      "Tags": {"Fn::ToJsonString": {"a": 1}},
      "VpcId": {"Fn::ImportValue": {"Fn::Sub": "${AWS::StackName}-vpc"}}}},
     "Q": {"Type": "AWS::SQS::Queue", "Properties": {"Fn::If": ["C", {"DelaySeconds": 1}, {}]}}},
    "Conditions": {"C": {"Fn::Equals": [{"Fn::Length": {"Ref": "P"}}, 2]}}})");
  CHECK(run(t) == std::vector<std::string>{});
}

TEST_CASE("DependsOn alone can close a cycle, findings are sorted and stable") {
  const json t = json::parse(R"({"Resources": {
    "B": {"Type": "AWS::SQS::Queue", "DependsOn": "A"},
    "A": {"Type": "AWS::SQS::Queue", "DependsOn": ["B"], "Properties": {"Frob": 1}},
    "C": {"Type": "AWS::SQS::Queue", "Properties": {"QueueName": {"Ref": "Nope"}}}}})");
  const auto first = validate_template(t, SchemaDb::builtin());
  CHECK(first == validate_template(t, SchemaDb::builtin()));
  CHECK(run(t) == std::vector<std::string>{
                      "S/A: dependency cycle: A -> B -> A [dependency-cycle]",
                      "S/A/Properties/Frob: unknown property \"Frob\" [unknown-property]",
                      "S/C/Properties/QueueName/Ref: Ref \"Nope\" is not a resource, parameter or pseudo parameter [unresolved-ref]",
                  });
}

TEST_CASE("list indices sort numerically") {
  json t = {{"Resources",
             {{"V", {{"Type", "AWS::EC2::VPC"}, {"Properties", {{"CidrBlock", "10.0.0.0/16"}, {"Tags", json::array()}}}}}}}};
  for (int i = 0; i < 11; ++i) t["Resources"]["V"]["Properties"]["Tags"].push_back({{"Kee", "x"}});
  const auto findings = validate_template(t, SchemaDb::builtin());
  REQUIRE(findings.size() == 22);  // unknown Kee + missing Key per tag
  CHECK(findings[2].path[4] == "1");
  CHECK(findings[4].path[4] == "2");
  CHECK(findings[20].path[4] == "10");
}

TEST_CASE("count limits: resources, parameters, outputs, mappings, mapping attributes") {
  json t = {{"Resources", queues(501)}};
  for (int i = 0; i < 201; ++i) {
    const std::string n = std::to_string(i);
    t["Parameters"]["P" + n] = {{"Type", "String"}};
    t["Outputs"]["O" + n] = {{"Value", {{"Ref", "P" + n}}}};  // every parameter used: no unused-parameter warnings
    t["Mappings"]["M" + n] = {{"K", {{"V", "x"}}}};
    t["Mappings"]["M0"]["K" + n] = {{"V", "x"}};
  }
  CHECK(run(t) == std::vector<std::string>{
                      "S/Mappings: template declares 201 mappings; the CloudFormation limit is 200 [limit]",
                      "S/Mappings/M0: mapping declares 202 attributes; the CloudFormation limit is 200 [limit]",
                      "S/Outputs: template declares 201 outputs; the CloudFormation limit is 200 [limit]",
                      "S/Parameters: template declares 201 parameters; the CloudFormation limit is 200 [limit]",
                      "S/Resources: template declares 501 resources; the CloudFormation limit is 500 [limit]",
                  });
}

TEST_CASE("limits at exactly the quota pass") {
  json t = {{"Resources", queues(500)}};
  for (int i = 0; i < 200; ++i) {
    t["Parameters"]["P" + std::to_string(i)] = {{"Type", "String"}};
    t["Outputs"]["O" + std::to_string(i)] = {{"Value", {{"Ref", "P" + std::to_string(i)}}}};
  }
  t["Resources"]["Q0"]["Properties"]["QueueName"] = std::string(250, 'x');
  t["Outputs"][std::string(255, 'O')] = {{"Value", {{"Ref", "P199"}}}};
  t["Outputs"].erase("O199");
  t["Description"] = std::string(1024, 'd');
  CHECK(run(t) == std::vector<std::string>{});
}

TEST_CASE("template size and description limits") {
  json t = {{"Resources", queues(1)}, {"Description", std::string(1025, 'd')}};
  t["Metadata"]["Blob"] = std::string(1024 * 1024, 'x');
  CHECK(run(t) == std::vector<std::string>{
                      "S: template is 1049688 bytes as compact JSON; the CloudFormation limit is 1048576 (1 MB) [limit]",
                      "S/Description: Description is 1025 bytes; the CloudFormation limit is 1024 [limit]",
                  });
}

TEST_CASE("a parameter value is at most 4096 bytes") {
  json t = {{"Resources", queues(1)}};
  t["Parameters"]["Big"] = {{"Type", "String"}, {"Default", std::string(4097, 'x')}};
  t["Parameters"]["Fits"] = {{"Type", "String"}, {"Default", std::string(4096, 'x')}};
  t["Resources"]["Q0"]["Properties"]["Tags"] = {{{"Key", {{"Ref", "Big"}}}, {"Value", {{"Ref", "Fits"}}}}};
  CHECK(run(t) == std::vector<std::string>{
                      "S/Parameters/Big/Default: Default is 4097 bytes; a parameter value may be at most 4096 bytes [limit]",
                  });
}

TEST_CASE("export names: unique within a template") {
  const json t = json::parse(R"({"Resources": {"Q": {"Type": "AWS::SQS::Queue"}},
    "Outputs": {
      "A": {"Value": "1", "Export": {"Name": "shared"}},
      "B": {"Value": "2", "Export": {"Name": "shared"}},
      "C": {"Value": "3", "Export": {"Name": {"Fn::Sub": ["${S}-x", {"S": {"Ref": "AWS::StackName"}}]}}},
      "D": {"Value": "4", "Export": {"Name": {"Fn::Sub": "${AWS::Region}-${P}"}}},
      "E": {"Value": "5", "Export": {"Name": {"Fn::Sub": "${AWS::Region}-${P}"}}}},
    "Parameters": {"P": {"Type": "String"}}})");
  // D and E depend on a parameter: not comparable before deploy, not flagged.
  CHECK(run(t) == std::vector<std::string>{
                      "S/Outputs/B/Export/Name: export name \"shared\" is also exported by output \"A\" [duplicate-export]",
                  });
}

TEST_CASE("export names: unique across the stacks of one environment") {
  const json net = json::parse(R"({"Resources": {"Q": {"Type": "AWS::SQS::Queue"}}, "Outputs": {
      "VpcId": {"Value": "v", "Export": {"Name": "vpc-id"}},
      "Own": {"Value": "o", "Export": {"Name": {"Fn::Sub": "${AWS::StackName}-own"}}}}})");
  const json app = json::parse(R"({"Resources": {"Q": {"Type": "AWS::SQS::Queue"}}, "Outputs": {
      "Vpc": {"Value": "v", "Export": {"Name": "vpc-id"}},
      "Own": {"Value": "o", "Export": {"Name": {"Fn::Sub": "${AWS::StackName}-own"}}},
      "Clash": {"Value": "c", "Export": {"Name": {"Fn::Join": ["-", ["net", "own"]]}}},
      "Region": {"Value": "r", "Export": {"Name": {"Fn::Sub": "${AWS::Region}-r"}}}}})");
  const json other = json::parse(R"({"Resources": {"Q": {"Type": "AWS::SQS::Queue"}}, "Outputs": {
      "Region": {"Value": "r", "Export": {"Name": {"Fn::Sub": "${AWS::Region}-r"}}}}})");
  const auto findings = check_unique_exports({{"net", net}, {"app", app}, {"other", other}});
  std::vector<std::string> rendered;
  for (const auto& f : findings) rendered.push_back(format_finding_path("", f) + ": " + f.message + " [" + f.rule + "]");
  CHECK(rendered == std::vector<std::string>{
                        "app/Outputs/Clash/Export/Name: export name \"net-own\" is also exported by stack \"net\" (output \"Own\") [duplicate-export]",
                        "app/Outputs/Vpc/Export/Name: export name \"vpc-id\" is also exported by stack \"net\" (output \"VpcId\") [duplicate-export]",
                        "other/Outputs/Region/Export/Name: export name \"${AWS::Region}-r\" is also exported by stack \"app\" (output \"Region\") [duplicate-export]",
                    });
}

TEST_CASE("templates that are not objects") {
  CHECK(run(json::array()) == std::vector<std::string>{"S: template must be an object, got a list [template-shape]"});
  CHECK(run(json::object()) ==
        std::vector<std::string>{"S/Resources: template must declare at least one resource [no-resources]"});
}

TEST_CASE("SAM: Globals is a section and generated names are not flagged") {
  const json t = json::parse(R"({"Transform": "AWS::Serverless-2016-10-31",
    "Globals": {"Function": {"Timeout": 10}},
    "Resources": {"Fn": {"Type": "AWS::Serverless::Function", "Properties": {
      "Runtime": "python3.12", "Handler": "index.handler", "InlineCode": "x",
      "Environment": {"Variables": {"ROLE": {"Ref": "FnRole"}, "API": {"Fn::Sub": "${ServerlessRestApi}"}}}}}},
    "Outputs": {"RoleArn": {"Value": {"Fn::GetAtt": ["FnRole", "Arn"]}}}})");
  CHECK(run(t) == std::vector<std::string>{});
  json plain = t;
  plain.erase("Transform");
  // Sorted by path: Globals < Outputs < Resources (the segment format_finding_path drops).
  CHECK(run(plain) == std::vector<std::string>{
                          "S/Globals: unknown template section \"Globals\" [unknown-section]",
                          "S/Outputs/RoleArn/Value/Fn::GetAtt: Fn::GetAtt target \"FnRole\" is not a resource [unresolved-getatt]",
                          "S/Fn/Properties/Environment/Variables/API/Fn::Sub: Fn::Sub references \"${ServerlessRestApi}\", which is not a resource, parameter, pseudo parameter or Sub variable [unresolved-sub]",
                          "S/Fn/Properties/Environment/Variables/ROLE/Ref: Ref \"FnRole\" is not a resource, parameter or pseudo parameter [unresolved-ref]",
                      });
}

TEST_CASE("AWS::LanguageExtensions alone keeps reference checks, Fn::ForEach relaxes them") {
  const json t = json::parse(R"({"Transform": "AWS::LanguageExtensions",
    "Resources": {"Q": {"Type": "AWS::SQS::Queue", "Properties": {"QueueName": {"Ref": "Nope"}}}}})");
  CHECK(run(t).size() == 1);
  json loop = t;
  loop["Resources"]["Fn::ForEach::Topics"] = json::parse(R"(["N", ["A", "B"], {"Topic${N}": {"Type": "AWS::SNS::Topic"}}])");
  loop["Resources"]["Q"]["Properties"]["QueueName"] = {{"Ref", "TopicA"}};
  CHECK(run(loop) == std::vector<std::string>{});
}

TEST_CASE("validate_resource finds what validate_template finds below that resource, and nothing else") {
  // Each resource has findings of several checks (properties, references, a
  // policy, a subnet overlap, a dependency cycle), some about the other.
  const json t = json::parse(R"({"Resources": {
    "Vpc": {"Type": "AWS::EC2::VPC", "Properties": {"CidrBlock": "10.0.0.0/16"}},
    "A": {"Type": "AWS::EC2::Subnet", "DependsOn": "B",
          "Properties": {"VpcId": {"Ref": "Vpc"}, "CidrBlock": "10.0.0.0/24", "Bogus": 1, "AvailabilityZone": {"Ref": "Nope"}}},
    "B": {"Type": "AWS::EC2::Subnet", "DependsOn": "A",
          "Properties": {"VpcId": {"Ref": "Vpc"}, "CidrBlock": "10.0.0.0/25", "Extra": true}},
    "Topic": {"Type": "AWS::SNS::Topic", "Properties": {"TopicName": {"Fn::GetAtt": ["Vpc", "NoSuchAttribute"]}}},
    "Policy": {"Type": "AWS::SNS::TopicPolicy", "Properties": {"Topics": [{"Ref": "Topic"}],
               "PolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Maybe", "Action": "sns:Publish"}]}}}
  }})");
  const auto all = validate_template(t, SchemaDb::builtin());
  for (const std::string id : {"Vpc", "A", "B", "Topic", "Policy", "Missing"}) {
    std::vector<SchemaFinding> below;
    for (const SchemaFinding& f : all) {
      if (f.path.size() >= 2 && f.path[0] == "Resources" && f.path[1] == id) below.push_back(f);
    }
    INFO(id);
    CHECK(validate_resource(t, SchemaDb::builtin(), id) == below);
    if (id == "A" || id == "B" || id == "Topic" || id == "Policy") CHECK_FALSE(below.empty());
  }
}
