// The functions area: Lambda functions with their log group, dead-letter
// queue, VPC placement and a least-privilege execution role; wired to queues,
// topics, buses and buckets by name.
#include <catch2/catch.hpp>

#include "base/lambda_runtimes.hpp"
#include "support/plan_text.hpp"

using aip::cfn::Json;
using aip::test::errors_of;
using aip::test::kHeader;
using aip::test::plan_text;

namespace {

const char* kFunctionsNetwork =
    "network:\n"
    "  vpcs:\n"
    "    main:\n"
    "      cidr: 10.0.0.0/16\n"
    "      azs: 2\n"
    "      tiers: {public: 24, private: 24}\n"
    "  security_groups:\n"
    "    fn: {vpc: main}\n"
    "storage:\n"
    "  buckets:\n"
    "    code: {access_logs: false}\n"
    "    data: {access_logs: false}\n";

const Json& role_statement(const Json& role, const std::string& sid) {
  for (const Json& s : role["Policies"][0]["PolicyDocument"]["Statement"]) {
    if (s.value("Sid", "") == sid) return s;
  }
  FAIL("no statement " << sid);
  throw std::logic_error("unreachable");
}

bool has_statement(const Json& role, const std::string& sid) {
  for (const Json& s : role["Policies"][0]["PolicyDocument"]["Statement"]) {
    if (s.value("Sid", "") == sid) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("a function gets its log group, a dead-letter queue, tracing and a role for exactly those") {
  auto p = plan_text(std::string(kHeader) + kFunctionsNetwork +
                     "functions:\n  router:\n    runtime: python3.12\n    handler: app.handler\n"
                     "    code: {bucket: code, key: router/1.zip}\n    memory: 1024\n    timeout: 60\n"
                     "    environment: {LOG_LEVEL: INFO}\n");
  CHECK(p.schema_findings().empty());
  const auto& stack = p.stack("test-dev-functions");
  const Json& f = stack.find("RouterFunction")->properties;
  CHECK(f["FunctionName"] == "test-router");
  CHECK(f["Runtime"] == "python3.12");
  CHECK(f["Handler"] == "app.handler");
  CHECK(f["MemorySize"] == 1024);
  CHECK(f["Timeout"] == 60);
  CHECK(f["Architectures"] == Json::parse(R"(["arm64"])"));
  CHECK(f["TracingConfig"]["Mode"] == "Active");
  CHECK(f["LoggingConfig"] == Json::parse(R"({"LogGroup": {"Ref": "RouterFunctionLogGroup"}, "LogFormat": "JSON"})"));
  CHECK(f["DeadLetterConfig"]["TargetArn"] == Json::parse(R"({"Fn::GetAtt": ["RouterFunctionDeadLetterQueue", "Arn"]})"));
  CHECK(f["Environment"]["Variables"] == Json::parse(R"({"LOG_LEVEL": "INFO"})"));
  CHECK(f["Code"]["S3Key"] == "router/1.zip");
  // The bucket by reference, so the storage stack deploys first.
  CHECK(f["Code"]["S3Bucket"] == Json::parse(R"({"Fn::ImportValue": "test-dev-storage:CodeBucketRef"})"));
  CHECK_FALSE(f.contains("VpcConfig"));
  const Json& logs = stack.find("RouterFunctionLogGroup")->properties;
  CHECK(logs["LogGroupName"] == "/aws/lambda/test-router");
  CHECK(logs["RetentionInDays"] == 30);
  CHECK(stack.find("RouterFunctionDeadLetterQueue")->properties["SqsManagedSseEnabled"] == true);

  const Json& role = stack.find("RouterFunctionRole")->properties;
  CHECK(role["AssumeRolePolicyDocument"]["Statement"][0]["Principal"]["Service"] == "lambda.amazonaws.com");
  CHECK(role_statement(role, "WriteLogs")["Resource"] == Json::parse(R"({"Fn::GetAtt": ["RouterFunctionLogGroup", "Arn"]})"));
  CHECK(role_statement(role, "DeadLetters")["Action"] == "sqs:SendMessage");
  CHECK(role_statement(role, "SendTraces")["Resource"] == "*");
  // Its environment variables under the stack's operations key (plan/operations_key.cpp).
  CHECK(f["KmsKeyArn"] == Json::parse(R"({"Fn::GetAtt": ["OperationsKey", "Arn"]})"));
  CHECK(role_statement(role, "DecryptEnvironment")["Action"] == "kms:Decrypt");
  // Nothing it did not ask for.
  CHECK(role["Policies"][0]["PolicyDocument"]["Statement"].size() == 4);
}

TEST_CASE("a function without a runtime gets the newest python, and the newest of every family is accepted") {
  auto p = plan_text(std::string(kHeader) +
                     "functions:\n  router: {handler: app.handler, code: {inline: x}}\n"
                     "  worker: {runtime: java25, handler: a::b, code: {bucket: code, key: w.zip}}\n"
                     "storage:\n  buckets:\n    code: {access_logs: false}\n");
  CHECK(p.schema_findings().empty());
  const auto& stack = p.stack("test-dev-functions");
  CHECK(stack.find("RouterFunction")->properties["Runtime"] == std::string(aip::aws::newest_lambda_runtime("python")));
  CHECK(stack.find("RouterFunction")->properties["Runtime"] == "python3.15");
  CHECK(stack.find("WorkerFunction")->properties["Runtime"] == "java25");
  // The accepted runtimes docs/areas/functions.md lists are ones the table knows and Lambda supports.
  for (const char* r : {"python3.15", "nodejs24.x", "java25", "dotnet10", "ruby4.0", "provided.al2023", "python3.10",
                        "java11", "dotnet8", "ruby3.3", "provided.al2"}) {
    INFO(r);
    const aip::aws::LambdaRuntime* known = aip::aws::find_lambda_runtime(r);
    REQUIRE(known != nullptr);
    CHECK_FALSE(known->deprecated);
  }
  CHECK(errors_of(std::string("functions:\n  f: {runtime: python3.9, handler: a.b, code: {inline: x}}\n"))
            .find("'runtime' must be one of") != std::string::npos);
}

TEST_CASE("a VPC function runs in the private tier with scoped ENI permissions") {
  auto p = plan_text(std::string(kHeader) + kFunctionsNetwork +
                     "functions:\n"
                     "  a: {runtime: nodejs22.x, handler: index.handler, code: {inline: 'exports.handler=async()=>1'},\n"
                     "      vpc: main, security_groups: [fn], tracing: false, dead_letter: false}\n"
                     "  b: {runtime: provided.al2023, code: {bucket: code, key: b.zip}, vpc: main}\n");
  CHECK(p.schema_findings().empty());
  const Json& a = p.resource("AFunction").properties;
  CHECK(a["Code"] == Json::parse(R"({"ZipFile": "exports.handler=async()=>1"})"));
  CHECK(a["VpcConfig"]["SubnetIds"] ==
        Json::parse(R"([{"Fn::ImportValue": "test-dev-network:MainVpcPrivateSubnet1Ref"},
                        {"Fn::ImportValue": "test-dev-network:MainVpcPrivateSubnet2Ref"}])"));
  CHECK(a["VpcConfig"]["SecurityGroupIds"] ==
        Json::parse(R"([{"Fn::ImportValue": "test-dev-network:FnSecurityGroupGroupId"}])"));
  CHECK(a["TracingConfig"]["Mode"] == "PassThrough");
  CHECK_FALSE(a.contains("DeadLetterConfig"));
  CHECK_FALSE(p.has("AFunctionDeadLetterQueue"));
  const Json& role = p.resource("AFunctionRole").properties;
  CHECK_FALSE(has_statement(role, "SendTraces"));
  const Json& create = role_statement(role, "CreateNetworkInterfaces");
  CHECK(create["Action"] == "ec2:CreateNetworkInterface");
  // network-interface/*, both subnets and the group: never "*".
  REQUIRE(create["Resource"].size() == 4);
  CHECK(create["Resource"][1]["Fn::Sub"][0] ==
        "arn:${AWS::Partition}:ec2:${AWS::Region}:${AWS::AccountId}:subnet/${Id}");
  CHECK(role_statement(role, "ManageNetworkInterfaces")["Resource"] ==
        Json::parse(R"({"Fn::Sub": "arn:${AWS::Partition}:ec2:${AWS::Region}:${AWS::AccountId}:network-interface/*"})"));
  // No group named: one of its own, HTTPS out only.
  const Json& b = p.resource("BFunction").properties;
  CHECK_FALSE(b.contains("Handler"));
  CHECK(b["VpcConfig"]["SecurityGroupIds"] == Json::parse(R"([{"Fn::GetAtt": ["BFunctionSecurityGroup", "GroupId"]}])"));
  const Json& egress = p.resource("BFunctionSecurityGroup").properties["SecurityGroupEgress"];
  REQUIRE(egress.size() == 1);
  CHECK(egress[0]["FromPort"] == 443);
  CHECK_FALSE(p.resource("BFunctionSecurityGroup").properties.contains("SecurityGroupIngress"));
}

TEST_CASE("grants by name become scoped statements and environment variables") {
  auto p = plan_text(std::string(kHeader) + kFunctionsNetwork +
                     "functions:\n"
                     "  worker:\n"
                     "    runtime: python3.12\n    handler: app.handler\n    code: {bucket: code, key: w.zip}\n"
                     "    buckets: {read: [data], write: [data]}\n"
                     "    models: [anthropic.claude-3-haiku-20240307-v1:0, us.anthropic.claude-sonnet-4-20250514-v1:0]\n"
                     "    send: [jobs]\n    publish: [results]\n    put_events: [central, default]\n"
                     "    async_retries: 1\n"
                     "events:\n"
                     "  buses: {central: {}}\n"
                     "  queues: {jobs: {encryption: kms}}\n"
                     "  topics: {results: {}}\n");
  CHECK(p.schema_findings().empty());
  const Json& role = p.resource("WorkerFunctionRole").properties;
  CHECK(role_statement(role, "SendMessages")["Resource"] ==
        Json::parse(R"([{"Fn::Sub": "arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:test-jobs"}])"));
  CHECK(role_statement(role, "PublishToTopics")["Resource"] ==
        Json::parse(R"([{"Fn::Sub": "arn:${AWS::Partition}:sns:${AWS::Region}:${AWS::AccountId}:test-results"}])"));
  CHECK(role_statement(role, "PutEvents")["Resource"] ==
        Json::parse(R"([{"Fn::Sub": "arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:event-bus/test-central"},
                        {"Fn::Sub": "arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:event-bus/default"}])"));
  // An inference profile: the profile here, and the model in every region it routes to.
  CHECK(role_statement(role, "InvokeModels")["Resource"] == Json::parse(R"([
        {"Fn::Sub": "arn:${AWS::Partition}:bedrock:${AWS::Region}::foundation-model/anthropic.claude-3-haiku-20240307-v1:0"},
        {"Fn::Sub": "arn:${AWS::Partition}:bedrock:${AWS::Region}:${AWS::AccountId}:inference-profile/us.anthropic.claude-sonnet-4-20250514-v1:0"},
        {"Fn::Sub": "arn:${AWS::Partition}:bedrock:*::foundation-model/anthropic.claude-sonnet-4-20250514-v1:0"}])"));
  CHECK(role_statement(role, "ReadObjects")["Resource"][0]["Fn::Sub"] ==
        "arn:${AWS::Partition}:s3:::test-data-123456789012-us-east-1/*");
  CHECK(role_statement(role, "DecryptObjects")["Resource"] ==
        Json::parse(R"([{"Fn::ImportValue": "test-dev-storage:DataBucketKeyArn"}])"));
  const Json& env = p.resource("WorkerFunction").properties["Environment"]["Variables"];
  CHECK(env["QUEUE_JOBS_URL"] ==
        Json::parse(R"({"Fn::Sub": "https://sqs.${AWS::Region}.${AWS::URLSuffix}/${AWS::AccountId}/test-jobs"})"));
  CHECK(env["TOPIC_RESULTS_ARN"]["Fn::Sub"] == "arn:${AWS::Partition}:sns:${AWS::Region}:${AWS::AccountId}:test-results");
  CHECK(env["EVENT_BUS_CENTRAL_NAME"] == "test-central");
  CHECK(env["EVENT_BUS_DEFAULT_NAME"] == "default");
  CHECK(env["BUCKET_DATA_NAME"] == "test-data-123456789012-us-east-1");
  CHECK(p.resource("WorkerFunctionInvokeConfig").properties["MaximumRetryAttempts"] == 1);
  // The encrypted queue's and topic's keys admit the role: the functions stack
  // never imports from the events stack.
  const Json& queue_key = p.resource("JobsQueueKey").properties["KeyPolicy"]["Statement"];
  CHECK(queue_key.back()["Sid"] == "SendersEncrypt");
  CHECK(queue_key.back()["Principal"]["AWS"] ==
        Json::parse(R"([{"Fn::ImportValue": "test-dev-functions:WorkerFunctionRoleArn"}])"));
  const Json& topic_key = p.resource("ResultsTopicKey").properties["KeyPolicy"]["Statement"];
  CHECK(topic_key.back()["Sid"] == "SendersEncrypt");
  CHECK(p.stack("test-dev-functions").dependencies.count("test-dev-events") == 0);
  CHECK(p.stack("test-dev-events").dependencies.count("test-dev-functions") == 1);
}

TEST_CASE("function errors point at the spec with did-you-mean") {
  const std::string base = std::string(kFunctionsNetwork) + "functions:\n  f:\n";
  auto errors = [&](const std::string& body) { return errors_of(base + body); };
  CHECK(errors("    runtime: pyhton3.12\n    handler: a.b\n    code: {inline: x}\n")
            .find("'runtime' must be one of") != std::string::npos);
  CHECK(errors("    runtime: pyhton3.12\n    handler: a.b\n    code: {inline: x}\n").find("did you mean 'python3.12'?") !=
        std::string::npos);
  CHECK(errors("    runtime: python3.12\n    code: {inline: x}\n") ==
        "spec.yaml:18:3: function 'f' needs a 'handler' for runtime python3.12, such as app.handler\n");
  CHECK(errors("    runtime: java21\n    handler: a::b\n    code: {inline: x}\n") ==
        "spec.yaml:21:20: inline code works with python and nodejs runtimes only, not java21; put the package in a "
        "bucket\n");
  CHECK(errors("    runtime: python3.12\n    handler: a.b\n    code: {bucket: cod, key: k}\n") ==
        "spec.yaml:21:20: function 'f' refers to bucket 'cod', which is not defined; did you mean 'code'?\n");
  CHECK(errors("    runtime: python3.12\n    handler: a.b\n    code: {bucket: code}\n") ==
        "spec.yaml:21:11: code of function 'f' is missing required key 'key' (the object key of the .zip in bucket "
        "'code')\n");
  CHECK(errors("    runtime: python3.12\n    handler: a.b\n    code: {inline: x}\n    vpc: main\n    tier: public\n") ==
        "spec.yaml:23:11: function 'f' cannot run in public tier 'public': Lambda functions get no public address "
        "there; use a private tier (with NAT or VPC endpoints)\n");
  CHECK(errors("    runtime: python3.12\n    handler: a.b\n    code: {inline: x}\n    vpc: main\n"
               "    security_groups: [fm]\n") ==
        "spec.yaml:23:23: function 'f' refers to security group 'fm', which is not defined; did you mean 'fn'?\n");
  CHECK(errors("    runtime: python3.12\n    handler: a.b\n    code: {inline: x}\n    send: [jbos]\n") ==
        "spec.yaml:22:12: function 'f' refers to queue 'jbos', which is not defined\n");
  CHECK(errors("    runtime: python3.12\n    handler: a.b\n    code: {inline: x}\n    put_events: [defualt]\n") ==
        "spec.yaml:22:18: function 'f' refers to bus 'defualt', which is neither a bus of this spec nor 'default'; "
        "did you mean 'default'?\n");
  CHECK(errors("    runtime: python3.12\n    handler: a.b\n    code: {inline: x}\n    environment: {AWS_REGION: x}\n") ==
        "spec.yaml:22:19: environment variable AWS_REGION is set by the Lambda runtime and cannot be overridden\n");
  CHECK(errors("    runtime: python3.12\n    handler: a.b\n    code: {inline: x}\n    timout: 3\n") ==
        "spec.yaml:22:5: unknown key 'timout' in function 'f'; did you mean 'timeout'?\n");
  CHECK(errors("    runtime: python3.12\n    handler: a.b\n    code: {inline: x}\n    memory: 64\n") ==
        "spec.yaml:22:13: 'memory' must be between 128 and 10240, got 64\n");
}

TEST_CASE("functions of another account or region cannot be used by name") {
  const char* two =
      "aip: 1\nname: test\naccounts:\n"
      "  dev: {id: \"111111111111\", region: us-east-1}\n"
      "  prod: {id: \"222222222222\", region: us-east-1}\n";
  auto e = errors_of("storage:\n  buckets:\n    code: {account: prod, access_logs: false}\n"
                     "functions:\n  f: {account: dev, runtime: python3.12, handler: a.b, code: {bucket: code, key: k}}\n",
                     two);
  CHECK(e.find("function 'f' (account dev, us-east-1) cannot use bucket 'code' (account prod, us-east-1)") !=
        std::string::npos);
  CHECK(errors_of("functions:\n  f: {runtime: python3.12, handler: a.b, code: {inline: x}}\n", two) ==
        "spec.yaml:7:3: function 'f' needs 'account': the spec has 2 accounts\n");
}

TEST_CASE("polly: true grants speech synthesis, and nothing without it") {
  auto with = [](const std::string& extra) {
    return plan_text(std::string(kHeader) + kFunctionsNetwork +
                     "functions:\n  speaker:\n    runtime: python3.12\n    handler: app.handler\n"
                     "    code: {bucket: code, key: speaker/1.zip}\n" + extra);
  };
  auto statements = [](const aip::test::Planned& p) {
    return p.stack("test-dev-functions").find("SpeakerFunctionRole")->properties["Policies"][0]["PolicyDocument"]["Statement"];
  };
  auto p = with("    polly: true\n");
  CHECK(p.schema_findings().empty());
  bool found = false;
  for (const Json& st : statements(p)) {
    if (st["Sid"] != "SynthesizeSpeech") continue;
    found = true;
    CHECK(st["Action"] == "polly:SynthesizeSpeech");
    CHECK(st["Resource"] == "*");
  }
  CHECK(found);
  for (const Json& st : statements(with(""))) CHECK(st["Sid"] != "SynthesizeSpeech");
}

TEST_CASE("deployment: a version per change, the alias live, CodeDeploy shifting it with rollback on alarm") {
  const std::string spec = std::string(kHeader) +
                           "functions:\n"
                           "  router:\n"
                           "    runtime: python3.12\n    handler: app.handler\n    code: {inline: 'x'}\n"
                           "    async_retries: 1\n"
                           "    deployment: {strategy: canary, percent: 10, minutes: 5, alarms: [api-errors]}\n"
                           "  slow:\n"
                           "    runtime: python3.12\n    handler: app.handler\n    code: {inline: 'y'}\n"
                           "    deployment: {strategy: linear, percent: 20, minutes: 4}\n"
                           "events:\n"
                           "  queues: {jobs: {consumer: router}}\n"
                           "  rules:\n"
                           "    hourly: {schedule: rate(1 hour), targets: [{lambda: router}]}\n"
                           "api:\n"
                           "  rest_apis:\n"
                           "    gw:\n"
                           "      routes:\n"
                           "        GET /v1/x: {function: router, auth: none}\n"
                           "observability:\n"
                           "  topics: {on-call: {emails: [a@example.com]}}\n"
                           "  alarms:\n"
                           "    api-errors: {metric: api-5xx-rate, api: gw}\n";
  auto p = plan_text(spec);
  CHECK(p.schema_findings().empty());
  const auto& stack = p.stack("test-dev-functions");
  // The version's logical id carries a digest of the function's properties.
  const aip::cfn::Resource* version = nullptr;
  for (const auto& r : stack.resources) {
    if (r.type == "AWS::Lambda::Version" && r.logical_id.rfind("RouterFunctionVersion", 0) == 0) version = &r;
  }
  REQUIRE(version != nullptr);
  CHECK(version->deletion_policy == "Retain");
  CHECK(version->properties["FunctionName"] == Json::parse(R"({"Ref": "RouterFunction"})"));
  const auto& alias = p.resource("RouterFunctionAlias");
  CHECK(alias.properties["Name"] == "live");
  CHECK(alias.properties["FunctionVersion"] == Json{{"Fn::GetAtt", Json::array({version->logical_id, "Version"})}});
  CHECK(alias.update_policy == Json::parse(R"({"CodeDeployLambdaAliasUpdate": {
        "ApplicationName": {"Ref": "RouterFunctionDeployApplication"},
        "DeploymentGroupName": {"Ref": "RouterFunctionDeploymentGroup"}}})"));
  CHECK(p.resource("RouterFunctionDeployApplication").properties["ComputePlatform"] == "Lambda");
  // 10 % for 5 minutes is a predefined configuration; 20 % every 4 minutes is not.
  const Json& group = p.resource("RouterFunctionDeploymentGroup").properties;
  CHECK(group["DeploymentConfigName"] == "CodeDeployDefault.LambdaCanary10Percent5Minutes");
  CHECK(group["AutoRollbackConfiguration"] == Json::parse(R"({"Enabled": true,
        "Events": ["DEPLOYMENT_FAILURE", "DEPLOYMENT_STOP_ON_ALARM"]})"));
  CHECK(group["AlarmConfiguration"] == Json::parse(R"({"Enabled": true, "Alarms": [{"Name": "test-api-errors"}]})"));
  CHECK_FALSE(p.has("RouterFunctionDeployConfig"));
  CHECK(p.resource("SlowFunctionDeployConfig").properties["TrafficRoutingConfig"] ==
        Json::parse(R"({"Type": "TimeBasedLinear", "TimeBasedLinear": {"LinearPercentage": 20, "LinearInterval": 4}})"));
  CHECK(p.resource("SlowFunctionDeploymentGroup").properties["DeploymentConfigName"] ==
        Json::parse(R"({"Ref": "SlowFunctionDeployConfig"})"));
  CHECK(p.resource("SlowFunctionDeploymentGroup").properties["AutoRollbackConfiguration"]["Events"] ==
        Json::parse(R"(["DEPLOYMENT_FAILURE"])"));
  CHECK_FALSE(p.resource("SlowFunctionDeploymentGroup").properties.contains("AlarmConfiguration"));
  // The CodeDeploy role: exactly this alias and these alarms.
  const Json& role = p.resource("RouterFunctionDeployRole").properties;
  CHECK(role_statement(role, "ShiftAlias")["Resource"] ==
        Json::parse(R"({"Fn::Sub": "arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:test-router:live"})"));
  CHECK(role_statement(role, "ReadAlarms")["Resource"] == Json::parse(
        R"([{"Fn::Sub": "arn:${AWS::Partition}:cloudwatch:${AWS::Region}:${AWS::AccountId}:alarm:test-api-errors"}])"));
  CHECK_FALSE(has_statement(p.resource("SlowFunctionDeployRole").properties, "ReadAlarms"));
  // Asynchronous invocations are configured on the alias they arrive through.
  CHECK(p.resource("RouterFunctionInvokeConfig").properties["Qualifier"] == "live");
  // Everything that invokes it targets the alias (cross-stack: its export).
  const Json alias_arn = Json::parse(R"({"Fn::ImportValue": "test-dev-functions:RouterFunctionAliasRef"})");
  bool mapping = false, target = false, permission = false, integration = false;
  for (const auto& s : p.assembly->stacks) {
    for (const auto& r : s.resources) {
      const std::string dumped = r.properties.dump();
      CHECK(dumped.find("RouterFunctionArn") == std::string::npos);  // never the bare function
      if (r.type == "AWS::Lambda::EventSourceMapping") mapping = r.properties["FunctionName"] == alias_arn;
      if (r.type == "AWS::Events::Rule") target = r.properties["Targets"][0]["Arn"] == alias_arn;
      if (r.type == "AWS::Lambda::Permission" && s.id != "test-dev-functions") {
        permission = permission || r.properties["FunctionName"] == alias_arn;
      }
      if (r.type == "AWS::ApiGateway::Method" && dumped.find("RouterFunctionAliasRef") != std::string::npos) {
        integration = true;
      }
    }
  }
  CHECK(mapping);
  CHECK(target);
  CHECK(permission);
  CHECK(integration);
}

TEST_CASE("deployment errors point at the spec") {
  const std::string fn = "functions:\n  f:\n    runtime: python3.12\n    handler: app.handler\n    code: {inline: 'x'}\n";
  CHECK(errors_of(fn + "    deployment: {strategy: blue-green}\n") ==
        "spec.yaml:10:28: 'strategy' must be one of canary, linear, all-at-once, got 'blue-green'\n");
  CHECK(errors_of(fn + "    deployment: {strategy: all-at-once, minutes: 5}\n") ==
        "spec.yaml:10:50: deployment of function 'f' is all-at-once; 'percent' and 'minutes' apply to canary and "
        "linear deployments\n");
  CHECK(errors_of(fn + "    deployment: {percent: 100}\n") == "spec.yaml:10:27: 'percent' must be between 1 and 99, got 100\n");
  CHECK(errors_of(fn + "    deployment: {minutes: 3000}\n") == "spec.yaml:10:27: 'minutes' must be between 1 and 2880, got 3000\n");
  CHECK(errors_of(fn + "    deployment: {strategy: canary, alarm: [x]}\n") ==
        "spec.yaml:10:36: unknown key 'alarm' in deployment of function 'f'; did you mean 'alarms'?\n");
  CHECK(errors_of(fn + "    deployment: {alarms: [api-erors]}\n"
                       "observability:\n  topics: {t: {emails: [a@example.com]}}\n"
                       "  alarms: {api-errors: {metric: waf-blocked, web_acl: w, threshold: 1}}\n")
            .rfind("spec.yaml:10:27: deployment of function 'f' rolls back on alarm 'api-erors', which is not defined "
                   "in observability.alarms; did you mean 'api-errors'?\n",
                   0) == 0);
}

TEST_CASE("a deployment's version digest is of the function as deployed, with the operations key it gets later") {
  auto p = plan_text(std::string(kHeader) +
                     "functions:\n"
                     "  router:\n"
                     "    handler: app.handler\n    code: {inline: 'x'}\n"
                     "    environment: {MODE: strict}\n"
                     "    deployment: {strategy: all-at-once}\n");
  const Json& function = p.resource("RouterFunction").properties;
  REQUIRE(function["KmsKeyArn"] == Json::parse(R"({"Fn::GetAtt": ["OperationsKey", "Arn"]})"));
  // FNV-1a 64 of the function's final properties: the digest the version is named by.
  std::uint64_t h = 14695981039346656037ULL;
  for (unsigned char c : function.dump()) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  const std::string digest = fmt::format("{:016x}", h);
  CHECK(p.has("RouterFunctionVersion" + digest.substr(0, 10)));
  CHECK(p.resource("RouterFunctionVersion" + digest.substr(0, 10)).properties["Description"] ==
        "Function router at properties digest " + digest);
}
