// References in `environment:` values of functions and service containers
// (spec/env_value.hpp): the tags of raw resources' properties, resolved by the
// same code (plan/resources.cpp) into Ref, GetAtt, Sub or an import, and every
// class of bad reference with its message, line and column.
#include <catch2/catch.hpp>

#include "support/plan_text.hpp"

using aip::cfn::Json;
using aip::test::errors_of;
using aip::test::kHeader;
using aip::test::plan_text;

namespace {

// Lines 5-8: a bucket, in the storage stack.
const char* kStorage =
    "storage:\n"
    "  buckets:\n"
    "    data:\n"
    "      preset: silver\n";

// Lines 9-15: one raw resource in the functions stack, one in the default resources stack.
const char* kRaw =
    "resources:\n"
    "  flag:\n"
    "    type: AWS::SSM::Parameter\n"
    "    stack: functions\n"
    "    properties: {Type: String, Value: \"on\"}\n"
    "  graph:\n"
    "    type: AWS::NeptuneGraph::Graph\n";

// Line 16, then the graph's properties and the function from line 17.
const char* kGraphProperties = "    properties: {ProvisionedMemory: 16, PublicConnectivity: false, ReplicaCount: 0}\n";

std::string function_with(const std::string& environment) {
  return std::string(kHeader) + kStorage + kRaw + kGraphProperties +
         "functions:\n"                                       // 17
         "  router:\n"                                        // 18
         "    handler: app.handler\n"                         // 19
         "    code: {inline: \"def handler(e, c): pass\"}\n"  // 20
         "    environment:\n" +                               // 21
         environment;                                         // 22-
}

// Errors of a spec that loads but does not plan, as every command sees them.
std::string plan_errors(const std::string& text) {
  aip::SourceManager sources;
  const aip::SourceFile& file = sources.add("spec.yaml", text);
  aip::driver::Synthesis s = aip::driver::synthesize(file, {aip::driver::Stage::plan, aip::spec::LoadOptions{}});
  CHECK(s.outcome == aip::driver::Outcome::spec_errors);
  std::string out;
  for (const aip::Diagnostic& d : s.diagnostics.sorted()) out += d.location.str() + ": " + d.message + "\n";
  return out;
}

}  // namespace

TEST_CASE("a function's environment takes references: GetAtt in its stack, imports from others, !sub both ways") {
  auto p = plan_text(function_with("      LEVEL: INFO\n"
                                   "      PORT: !!str 8182\n"
                                   "      FLAG: !ref resource:flag\n"
                                   "      GRAPH_ENDPOINT: !attr resource:graph.Endpoint\n"
                                   "      GRAPH_ARN: !attr resource:graph.GraphArn\n"
                                   "      BUCKET_ARN: !arn bucket:data\n"
                                   "      DATA_BUCKET: !ref bucket:data\n"
                                   "      URL: !sub \"https://${resource:graph.Endpoint}:8182/${resource:flag}\"\n"
                                   "      LOCAL: !sub \"${resource:flag} in ${AWS::Region}\"\n"));
  CHECK(p.schema_findings().empty());
  const auto& stack = p.stack("test-dev-functions");
  const Json& vars = stack.find("RouterFunction")->properties["Environment"]["Variables"];
  CHECK(vars["LEVEL"] == "INFO");  // literals stay literals
  CHECK(vars["PORT"] == "8182");   // YAML's own string tag is a literal
  CHECK(vars["FLAG"] == Json::parse(R"({"Ref": "Flag"})"));  // same stack
  CHECK(vars["GRAPH_ENDPOINT"] == Json::parse(R"({"Fn::ImportValue": "test-dev-resources:GraphEndpoint"})"));
  CHECK(vars["GRAPH_ARN"] == Json::parse(R"({"Fn::ImportValue": "test-dev-resources:GraphGraphArn"})"));
  CHECK(vars["BUCKET_ARN"] == Json::parse(R"({"Fn::ImportValue": "test-dev-storage:DataBucketArn"})"));
  CHECK(vars["DATA_BUCKET"] == Json::parse(R"({"Fn::ImportValue": "test-dev-storage:DataBucketRef"})"));
  CHECK(vars["URL"] == Json::parse(R"({"Fn::Sub": ["https://${Ref1}:8182/${Flag}",
                                      {"Ref1": {"Fn::ImportValue": "test-dev-resources:GraphEndpoint"}}]})"));
  CHECK(vars["LOCAL"] == Json::parse(R"({"Fn::Sub": "${Flag} in ${AWS::Region}"})"));
  // The imports make the function's stack depend on the exporting stacks; the exports are there.
  CHECK(stack.dependencies.count("test-dev-resources") == 1);
  CHECK(stack.dependencies.count("test-dev-storage") == 1);
  CHECK(p.stack("test-dev-resources").outputs.at("GraphEndpoint")["Value"] ==
        Json::parse(R"({"Fn::GetAtt": ["Graph", "Endpoint"]})"));
  // A reference is data, not a grant: the role gains nothing on the graph.
  const std::string role = stack.find("RouterFunctionRole")->properties.dump();
  CHECK(role.find("neptune-graph") == std::string::npos);
  CHECK(role.find("Graph") == std::string::npos);
}

TEST_CASE("a function's version digest covers a reference as written") {
  auto version_of = [](const std::string& value) {
    auto p = plan_text(function_with("      GRAPH: " + value + "\n") + "    deployment: {strategy: all-at-once}\n");
    for (const aip::cfn::Resource& r : p.stack("test-dev-functions").resources) {
      if (r.type == "AWS::Lambda::Version") return r.logical_id;
    }
    FAIL("no version");
    return std::string();
  };
  const std::string endpoint = version_of("!attr resource:graph.Endpoint");
  CHECK(endpoint == version_of("!attr resource:graph.Endpoint"));  // deterministic
  CHECK(endpoint != version_of("!attr resource:graph.GraphId"));   // another reference publishes a new version
  CHECK(endpoint != version_of("resource:graph.Endpoint"));        // and a literal is not a reference
}

TEST_CASE("a service container's environment takes references in the order written") {
  auto p = plan_text(std::string(kHeader) + kStorage + kRaw + kGraphProperties +
                     "network:\n"                                                  // 17
                     "  vpcs:\n"
                     "    main: {cidr: 10.0.0.0/16, azs: 2, tiers: {private: 24}}\n"
                     "compute:\n"                                                  // 20
                     "  clusters:\n"
                     "    apps: {vpc: main}\n"
                     "  services:\n"
                     "    worker:\n"                                               // 24
                     "      cluster: apps\n"
                     "      image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/worker:1.0.0\n"
                     "      environment:\n"
                     "        FIRST: one\n"
                     "        GRAPH_ENDPOINT: !attr resource:graph.Endpoint\n"
                     "        BUCKET: !ref bucket:data\n"
                     "        LAST: two\n");
  CHECK(p.schema_findings().empty());
  const auto& task = *p.stack("test-dev-compute").find("WorkerTaskDefinition");
  const Json& env = task.properties["ContainerDefinitions"][0]["Environment"];
  REQUIRE(env.size() >= 4);
  CHECK(env[0] == Json::parse(R"({"Name": "FIRST", "Value": "one"})"));
  CHECK(env[1] == Json::parse(R"({"Name": "GRAPH_ENDPOINT",
                                 "Value": {"Fn::ImportValue": "test-dev-resources:GraphEndpoint"}})"));
  CHECK(env[2] == Json::parse(R"({"Name": "BUCKET", "Value": {"Fn::ImportValue": "test-dev-storage:DataBucketRef"}})"));
  CHECK(env[3] == Json::parse(R"({"Name": "LAST", "Value": "two"})"));
  CHECK(p.stack("test-dev-compute").dependencies.count("test-dev-resources") == 1);
}

TEST_CASE("environment reference errors in the reader: tag, shape, kind, at the value") {
  const std::string fn = std::string(
                         "functions:\n  router:\n    handler: app.handler\n"
                         "    code: {inline: \"def handler(e, c): pass\"}\n    environment:\n");  // values at line 10
  CHECK(errors_of(fn + "      GRAPH: !GetAtt graph.Endpoint\n") ==
        "spec.yaml:10:14: unknown tag '!GetAtt' on environment variable GRAPH; aip's references are !ref, "
        "!arn, !attr and !sub\n");
  CHECK(errors_of(fn + "      GRAPH: !atr resource:graph.Endpoint\n") ==
        "spec.yaml:10:14: unknown tag '!atr' on environment variable GRAPH; aip's references are !ref, "
        "!arn, !attr and !sub; did you mean '!attr'?\n");
  CHECK(errors_of(fn + "      GRAPH: !ref graph\n") ==
        "spec.yaml:10:14: 'graph' must name a spec element as KIND:NAME (kinds: alarm_topic, api, bucket, bus, "
        "collection, data_source, database, function, guardrail, knowledge_base, queue, resource, role, service, sg, "
        "subnet, task_role, topic, user_pool, user_pool_client, vpc, zone)\n");
  CHECK(errors_of(fn + "      GRAPH: !ref bukket:data\n") ==
        "spec.yaml:10:14: unknown element kind 'bukket' in 'bukket:data'; did you mean 'bucket'?\n");
  CHECK(errors_of(fn + "      GRAPH: !sub \"${resource:graph\"\n") ==
        "spec.yaml:10:14: '!sub' has a '${' without its closing '}'\n");
  CHECK(errors_of(fn + "      GRAPH: {a: b}\n") ==
        "spec.yaml:10:14: 'GRAPH' must be a string or a reference (!ref, !arn, !attr, !sub), got a map\n");
}

TEST_CASE("environment reference errors after reading: names, itself, cycles, attributes, other regions") {
  // Values at line 22.
  CHECK(plan_errors(function_with("      GRAPH: !attr resource:grahp.Endpoint\n")) ==
        "spec.yaml:22:14: environment variable GRAPH of function 'router' refers to resource 'grahp', which is not "
        "defined; did you mean 'graph'?\n");
  CHECK(plan_errors(function_with("      SELF: !arn function:router\n")) ==
        "spec.yaml:22:13: environment variable SELF of function 'router' refers to the function itself; "
        "CloudFormation cannot resolve a resource's own attributes in its properties\n");
  CHECK(plan_errors(function_with("      GRAPH: !attr resource:graph.Endpont\n")) ==
        "spec.yaml:22:14: resource 'graph' (AWS::NeptuneGraph::Graph) has no attribute 'Endpont'; did you mean "
        "'Endpoint'?\n");
  CHECK(plan_errors(function_with("      GRAPH: !attr resource:graph\n")) ==
        "spec.yaml:22:14: '!attr resource:graph' names no attribute; write resource:graph.Attribute\n");
  CHECK(plan_errors(function_with("      DATA: !sub \"${bucket:data.Arm}\"\n")) ==
        "spec.yaml:22:13: bucket 'data' (AWS::S3::Bucket) has no attribute 'Arm'; did you mean 'Arn'?\n");
  CHECK(plan_errors(function_with("      DATA: !ref bucket:data\n") + "    region: eu-west-1\n") ==
        "spec.yaml:22:13: function 'router' in aws://123456789012/eu-west-1 cannot reference bucket 'data' in "
        "aws://123456789012/us-east-1: CloudFormation references and exports do not cross accounts or regions; "
        "place both in one account and region, or pass the value in another way (an SSM parameter, a literal)\n");
  // A raw resource that names the function, named in the function's environment: a circular dependency.
  CHECK(plan_errors(std::string(kHeader) +
                    "resources:\n  back:\n    type: AWS::SSM::Parameter\n"               // 5-7
                    "    properties: {Type: String, Value: !arn function:router}\n"      // 8
                    "functions:\n  router:\n    handler: app.handler\n"                 // 9-11
                    "    code: {inline: \"def handler(e, c): pass\"}\n"                 // 12
                    "    environment: {BACK: !ref resource:back}\n") ==                  // 13
        "spec.yaml:13:25: environment variable BACK of function 'router' refers to resource 'back', which depends "
        "on the function through resource 'back': a circular dependency\n");
}
