// Release pipelines (pipelines:): the artifact bucket and key, CodeBuild
// projects with their logs and roles, the pipeline's stages and least-privilege
// role, GitHub and S3 sources; ECS deployment strategies (compute
// `deployment:`); and every reader and check error with its line.
#include <catch2/catch.hpp>

#include "support/plan_text.hpp"

using aip::cfn::Json;
using aip::test::errors_of;
using aip::test::plan_text;

namespace {

const char* kPipelineHeader =
    "aip: 1\n"
    "name: test\n"
    "accounts:\n"
    "  prod: {id: \"123456789012\", region: eu-west-1}\n";

// Lines 5-33: a VPC, a routed service, a repository, a secret, a topic and an alarm.
const char* kPipelineBase =
    "network:\n"
    "  vpcs:\n"
    "    main: {cidr: 10.0.0.0/16, azs: 2, tiers: {public: 24, private: 24}}\n"
    "storage:\n"
    "  buckets:\n"
    "    releases: {eventbridge: true}\n"
    "    plain: {}\n"
    "registries:\n"
    "  repositories:\n"
    "    api: {}\n"
    "secrets:\n"
    "  eval-key: {placeholder: true}\n"
    "compute:\n"
    "  clusters:\n"
    "    apps: {vpc: main}\n"
    "  load_balancers:\n"
    "    public: {vpc: main, certificate: arn:aws:acm:eu-west-1:123456789012:certificate/0a1b2c3d-1111-2222-3333-444455556666}\n"
    "  services:\n"
    "    api:\n"
    "      cluster: apps\n"
    "      repository: api\n"
    "      tag: 1.0.0\n"
    "      port: 8080\n"
    "      alb: {name: public, path: /*, priority: 10}\n"
    "observability:\n"
    "  topics:\n"
    "    releases: {emails: [team@example.com]}\n"
    "  alarms:\n"
    "    api-5xx: {metric: alb-5xx-rate, service: api, threshold: 2}\n";

const int kPipelineLine = 34;  // the first line after kPipelineBase

std::string pipeline_spec(const std::string& pipelines) {
  return std::string(kPipelineHeader) + kPipelineBase + "pipelines:\n" + pipelines;
}

const char* kGithubPipeline =
    "  release:\n"
    "    source: {github: example-org/api, branch: main}\n"
    "    stages:\n"
    "      - name: build\n"
    "        build: {buildspec: ci/build.yml, compute: medium, privileged: true, push: [api],\n"
    "                environment: {STAGE: prod}}\n"
    "      - name: staging-tests\n"
    "        test: {buildspec: ci/test.yml, secrets: {EVAL_KEY: eval-key}}\n"
    "      - name: approve\n"
    "        approval: {topic: releases, comment: Ship it}\n"
    "      - name: deploy\n"
    "        deploy: {service: api}\n";

const Json* pipeline_statement(const aip::cfn::Resource& role, const std::string& sid) {
  for (const Json& st : role.properties["Policies"][0]["PolicyDocument"]["Statement"]) {
    if (st["Sid"] == sid) return &st;
  }
  return nullptr;
}

std::string pipeline_errors(const std::string& pipelines) {
  return errors_of(std::string(kPipelineBase) + "pipelines:\n" + pipelines, kPipelineHeader);
}

}  // namespace

TEST_CASE("a pipeline: encrypted artifact bucket, CodeBuild stages, approval, ECS deploy, least privilege") {
  auto p = plan_text(pipeline_spec(kGithubPipeline));
  CHECK(p.schema_findings().empty());
  const auto& s = p.stack("test-prod-pipelines");
  // The artifact store: a customer-managed key, versioned, public access blocked, TLS only.
  const auto& bucket = *s.find("ReleasePipelineArtifacts");
  CHECK(bucket.properties["BucketEncryption"]["ServerSideEncryptionConfiguration"][0]["ServerSideEncryptionByDefault"] ==
        Json::parse(R"({"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": {"Fn::GetAtt": ["ReleasePipelineArtifactsKey", "Arn"]}})"));
  CHECK(bucket.properties["VersioningConfiguration"]["Status"] == "Enabled");
  CHECK(bucket.properties["PublicAccessBlockConfiguration"]["RestrictPublicBuckets"] == true);
  CHECK(bucket.properties["LifecycleConfiguration"]["Rules"][0]["ExpirationInDays"] == 30);
  const Json& deny = s.find("ReleasePipelineArtifactsPolicy")->properties["PolicyDocument"]["Statement"][0];
  CHECK(deny["Effect"] == "Deny");
  CHECK(deny["Condition"]["Bool"]["aws:SecureTransport"] == "false");
  CHECK(s.find("ReleasePipelineArtifactsKey")->properties["EnableKeyRotation"] == true);

  // One project per build or test stage, encrypted with the artifact key, logging to its own group.
  const auto& build = *s.find("ReleaseBuildBuild");
  CHECK(build.type == "AWS::CodeBuild::Project");
  CHECK(build.properties["Name"] == "test-release-build");
  CHECK(build.properties["Source"] == Json::parse(R"({"Type": "CODEPIPELINE", "BuildSpec": "ci/build.yml"})"));
  CHECK(build.properties["EncryptionKey"] == Json::parse(R"({"Fn::GetAtt": ["ReleasePipelineArtifactsKey", "Arn"]})"));
  CHECK(build.properties["Environment"]["ComputeType"] == "BUILD_GENERAL1_MEDIUM");
  CHECK(build.properties["Environment"]["PrivilegedMode"] == true);
  CHECK(build.properties["LogsConfig"]["CloudWatchLogs"]["GroupName"] == Json::parse(R"({"Ref": "ReleaseBuildBuildLogs"})"));
  CHECK(s.find("ReleaseBuildBuildLogs")->properties["LogGroupName"] == "/aws/codebuild/test-release-build");
  CHECK(s.find("ReleaseBuildBuildLogs")->properties["RetentionInDays"] == 90);
  const Json& vars = build.properties["Environment"]["EnvironmentVariables"];
  CHECK(vars[0] == Json::parse(R"({"Name": "STAGE", "Type": "PLAINTEXT", "Value": "prod"})"));
  CHECK(vars[1]["Name"] == "REPOSITORY_API_URI");
  const auto& build_role = *s.find("ReleaseBuildBuildRole");
  CHECK(build_role.properties["AssumeRolePolicyDocument"]["Statement"][0]["Principal"]["Service"] ==
        "codebuild.amazonaws.com");
  REQUIRE(pipeline_statement(build_role, "PushImages") != nullptr);
  CHECK(pipeline_statement(build_role, "PushImages")->at("Resource") ==
        Json::parse(R"([{"Fn::ImportValue": "test-prod-registries:ApiRepositoryArn"}])"));
  CHECK(pipeline_statement(build_role, "ReadSecrets") == nullptr);  // the test stage reads it, not the build
  // The test stage reads exactly its secret, as a SECRETS_MANAGER variable.
  const auto& test = *s.find("ReleaseStagingTestsBuild");
  CHECK(test.properties["Environment"]["EnvironmentVariables"][0]["Type"] == "SECRETS_MANAGER");
  REQUIRE(pipeline_statement(*s.find("ReleaseStagingTestsBuildRole"), "ReadSecrets") != nullptr);
  CHECK(pipeline_statement(*s.find("ReleaseStagingTestsBuildRole"), "PushImages") == nullptr);

  // The pipeline: V2, its key on the store, five stages in order.
  const auto& pipeline = *s.find("ReleasePipeline");
  CHECK(pipeline.properties["PipelineType"] == "V2");
  CHECK(pipeline.properties["ArtifactStore"]["EncryptionKey"]["Type"] == "KMS");
  const Json& stages = pipeline.properties["Stages"];
  REQUIRE(stages.size() == 5);
  CHECK(stages[0]["Actions"][0]["ActionTypeId"]["Provider"] == "CodeStarSourceConnection");
  CHECK(stages[0]["Actions"][0]["Configuration"]["ConnectionArn"] == Json::parse(R"({"Ref": "ReleasePipelineConnection"})"));
  CHECK(stages[1]["Actions"][0]["OutputArtifacts"][0]["Name"] == "BuildOutput");
  CHECK(stages[2]["Actions"][0]["ActionTypeId"]["Category"] == "Test");
  CHECK_FALSE(stages[2]["Actions"][0].contains("OutputArtifacts"));
  CHECK(stages[3]["Actions"][0]["ActionTypeId"]["Provider"] == "Manual");
  CHECK(stages[3]["Actions"][0]["Configuration"]["CustomData"] == "Ship it");
  CHECK(stages[4]["Actions"][0]["ActionTypeId"]["Provider"] == "ECS");
  CHECK(stages[4]["Actions"][0]["InputArtifacts"][0]["Name"] == "BuildOutput");
  CHECK(s.find("ReleasePipelineConnection")->properties ==
        Json::parse(R"({"ConnectionName": "test-release", "ProviderType": "GitHub"})"));
  // The pipeline's role: the connection, its two projects, the topic, the service and its two roles only.
  const auto& role = *s.find("ReleasePipelineRole");
  CHECK(pipeline_statement(role, "UseConnection")->at("Resource") == Json::parse(R"({"Ref": "ReleasePipelineConnection"})"));
  CHECK(pipeline_statement(role, "RunBuilds")->at("Resource").size() == 2);
  CHECK(pipeline_statement(role, "DeployServices")->at("Resource") ==
        Json::parse(R"([{"Fn::ImportValue": "test-prod-compute:ApiServiceRef"}])"));
  const Json* pass = pipeline_statement(role, "PassTaskRoles");
  REQUIRE(pass != nullptr);
  CHECK(pass->at("Resource").size() == 2);
  CHECK(pass->at("Condition")["StringEquals"]["iam:PassedToService"] == "ecs-tasks.amazonaws.com");
  REQUIRE(pipeline_statement(role, "AnnounceApprovals") != nullptr);
}

TEST_CASE("an S3 source: read the one object, a rule starts the pipeline") {
  auto p = plan_text(pipeline_spec("  config:\n"
                                   "    source: {bucket: releases, key: app/config.zip}\n"
                                   "    stages:\n"
                                   "      - {name: check, test: {}}\n"));
  CHECK(p.schema_findings().empty());
  const auto& s = p.stack("test-prod-pipelines");
  const Json& source = s.find("ConfigPipeline")->properties["Stages"][0]["Actions"][0];
  CHECK(source["ActionTypeId"]["Provider"] == "S3");
  CHECK(source["Configuration"]["S3ObjectKey"] == "app/config.zip");
  CHECK(source["Configuration"]["PollForSourceChanges"] == false);
  const Json* read = pipeline_statement(*s.find("ConfigPipelineRole"), "ReadSource");
  REQUIRE(read != nullptr);
  CHECK(read->at("Resource")["Fn::Sub"].get<std::string>().find("/app/config.zip") != std::string::npos);
  CHECK(pipeline_statement(*s.find("ConfigPipelineRole"), "UseConnection") == nullptr);
  const auto& rule = *s.find("ConfigPipelineSourceRule");
  CHECK(rule.properties["EventPattern"]["detail"]["object"]["key"] == Json::parse(R"(["app/config.zip"])"));
  CHECK(p.has("ConfigPipelineStartRole"));
  CHECK_FALSE(p.has("ConfigPipelineConnection"));
}

TEST_CASE("a connection ARN is used as given") {
  auto p = plan_text(pipeline_spec(
      "  release:\n"
      "    source: {github: o/r, connection: arn:aws:codeconnections:eu-west-1:123456789012:connection/abc-1}\n"
      "    stages: [{name: b, build: {}}]\n"));
  CHECK_FALSE(p.has("ReleasePipelineConnection"));
  CHECK(p.stack("test-prod-pipelines").find("ReleasePipeline")->properties["Stages"][0]["Actions"][0]["Configuration"]
            ["ConnectionArn"] == "arn:aws:codeconnections:eu-west-1:123456789012:connection/abc-1");
}

TEST_CASE("pipelines of one account share a connection: one handshake, each role uses exactly that one") {
  auto p = plan_text(pipeline_spec(
      "  release:\n    source: {github: o/r}\n    stages: [{name: b, build: {}}]\n"
      "  docs:\n    source: {github: o/r, branch: docs, connection: release}\n    stages: [{name: b, build: {}}]\n"));
  CHECK(p.schema_findings().empty());
  CHECK(p.has("ReleasePipelineConnection"));
  CHECK_FALSE(p.has("DocsPipelineConnection"));
  const auto& stack = p.stack("test-prod-pipelines");
  CHECK(stack.find("DocsPipeline")->properties["Stages"][0]["Actions"][0]["Configuration"]["ConnectionArn"] ==
        Json::parse(R"({"Ref": "ReleasePipelineConnection"})"));
  Json use = statement(stack.find("DocsPipelineRole")->properties["Policies"][0]["PolicyDocument"], "UseConnection");
  CHECK(use["Resource"] == Json::parse(R"({"Ref": "ReleasePipelineConnection"})"));
}

namespace {
// A static site: a bucket, a distribution over it and a pipeline that publishes into it.
std::string site_spec(const std::string& publish, const std::string& stages_before = "      - {name: build, build: {}}\n") {
  return "aip: 1\nname: test\naccounts:\n  prod: {id: \"123456789012\", region: us-east-1}\n"
         "storage:\n  buckets:\n    site: {}\n    other: {region: eu-west-1}\n"
         "edge:\n  distributions:\n    web:\n      origins:\n        assets: {bucket: site, path: /app}\n"
         "      default: {origin: assets}\n"
         "pipelines:\n  web:\n    source: {github: o/web}\n    stages:\n" + stages_before +
         "      - name: publish\n        publish: " + publish + "\n";
}
}  // namespace

TEST_CASE("a publish stage extracts the build's files under a prefix and invalidates the distribution") {
  auto p = plan_text(site_spec("{bucket: site, prefix: app/, invalidate: web}"));
  CHECK(p.schema_findings().empty());
  const auto& stack = p.stack("test-prod-pipelines");
  const Json& stage = stack.find("WebPipeline")->properties["Stages"][2];
  CHECK(stage["Name"] == "publish");
  REQUIRE(stage["Actions"].size() == 2);
  const Json& deploy = stage["Actions"][0];
  CHECK(deploy["ActionTypeId"] == Json::parse(R"({"Category": "Deploy", "Owner": "AWS", "Provider": "S3", "Version": "1"})"));
  CHECK(deploy["Configuration"] == Json::parse(R"({"BucketName": "test-site-123456789012-us-east-1", "Extract": "true", "ObjectKey": "app/"})"));
  CHECK(deploy["InputArtifacts"] == Json::parse(R"([{"Name": "BuildOutput"}])"));
  const Json& invalidate = stage["Actions"][1];
  CHECK(invalidate["RunOrder"] == 2);
  CHECK(invalidate["Configuration"]["ProjectName"] == Json::parse(R"({"Ref": "WebPublishInvalidateBuild"})"));
  // The pipeline role writes exactly the prefix; the invalidation role invalidates exactly that distribution.
  const Json& role = stack.find("WebPipelineRole")->properties["Policies"][0]["PolicyDocument"];
  CHECK(statement(role, "PublishFiles")["Resource"] ==
        Json::parse(R"({"Fn::Sub": "arn:${AWS::Partition}:s3:::test-site-123456789012-us-east-1/app/*"})"));
  Json runs = statement(role, "RunBuilds")["Resource"];
  CHECK(runs.size() == 2);
  const auto& project = *stack.find("WebPublishInvalidateBuild");
  CHECK(project.properties["Source"]["BuildSpec"].get<std::string>().find("aws cloudfront create-invalidation") !=
        std::string::npos);
  CHECK(project.properties["Environment"]["EnvironmentVariables"][0] ==
        Json::parse(R"({"Name": "DISTRIBUTION_ID", "Type": "PLAINTEXT", "Value": {"Fn::ImportValue": "test-prod-cdn:WebDistributionRef"}})"));
  const Json& build = stack.find("WebPublishInvalidateBuildRole")->properties["Policies"][0]["PolicyDocument"];
  CHECK(statement(build, "Invalidate")["Action"] == "cloudfront:CreateInvalidation");
  CHECK(statement(build, "Invalidate")["Resource"] ==
        Json::parse(R"({"Fn::Sub": ["arn:${AWS::Partition}:cloudfront::${AWS::AccountId}:distribution/${Id}",
                                    {"Id": {"Fn::ImportValue": "test-prod-cdn:WebDistributionRef"}}]})"));
  // Without `invalidate`, one action; without `prefix`, the bucket's root.
  auto plain = plan_text(site_spec("{bucket: site}"));
  const Json& only = plain.stack("test-prod-pipelines").find("WebPipeline")->properties["Stages"][2]["Actions"];
  CHECK(only.size() == 1);
  CHECK_FALSE(only[0]["Configuration"].contains("ObjectKey"));
  CHECK_FALSE(plain.has("WebPublishInvalidateBuild"));
}

TEST_CASE("publish stage errors point at the key") {
  auto errors = [](const std::string& spec) { return errors_of(spec, ""); };
  CHECK(errors(site_spec("{bucket: stie}")) ==
        "spec.yaml:21:27: stage 'publish' of pipeline 'web' publishes to bucket 'stie', which is not defined; did "
        "you mean 'site'?\n");
  CHECK(errors(site_spec("{bucket: other}")) ==
        "spec.yaml:21:27: stage 'publish' of pipeline 'web' names bucket 'other' in account prod, eu-west-1, but the "
        "pipeline runs in account prod, us-east-1; a pipeline uses what lives in its own account and region\n");
  CHECK(errors(site_spec("{bucket: site, invalidate: wbe}")) ==
        "spec.yaml:21:45: stage 'publish' of pipeline 'web' invalidates distribution 'wbe', which is not defined; did "
        "you mean 'web'?\n");
  CHECK(errors(site_spec("{bucket: site, prefix: /app}")) ==
        "spec.yaml:21:41: prefix '/app' must be a relative folder ending in '/', such as site/\n");
  CHECK(errors(site_spec("{bucket: site}", "")) ==
        "spec.yaml:20:18: stage 'publish' of pipeline 'web' publishes before any 'build' stage wrote the files; put a "
        "'build' stage before it\n");
}

TEST_CASE("ECS deployment strategies: canary and blue-green shift between two target groups") {
  auto with = [](const std::string& deployment) {
    std::string text = pipeline_spec("  r: {source: {github: o/r}, stages: [{name: b, build: {}}]}\n");
    const std::string route = "      alb: {name: public, path: /*, priority: 10}\n";
    text.replace(text.find(route), route.size(), route + deployment);
    return plan_text(text);
  };
  auto canary = with("      deployment: {strategy: canary, canary: {percent: 10, minutes: 30}, alarms: [api-5xx]}\n");
  CHECK(canary.schema_findings().empty());
  const auto& c = canary.stack("test-prod-compute");
  const Json& config = c.find("ApiService")->properties["DeploymentConfiguration"];
  CHECK(config["Strategy"] == "CANARY");
  CHECK(config["CanaryConfiguration"] == Json::parse(R"({"CanaryPercent": 10, "CanaryBakeTimeInMinutes": 30})"));
  CHECK(config["Alarms"] == Json::parse(R"({"AlarmNames": ["test-api-5xx"], "Enable": true, "Rollback": true})"));
  CHECK(config["BakeTimeInMinutes"] == 10);
  const Json& lb = c.find("ApiService")->properties["LoadBalancers"][0]["AdvancedConfiguration"];
  CHECK(lb["AlternateTargetGroupArn"] == Json::parse(R"({"Ref": "ApiAlternateTargetGroup"})"));
  CHECK(lb["ProductionListenerRule"] == Json::parse(R"({"Ref": "ApiListenerRule"})"));
  CHECK(c.find("ApiListenerRule")->properties["Actions"][0]["ForwardConfig"]["TargetGroups"].size() == 2);
  const auto& role = *c.find("ApiDeploymentRole");
  CHECK(role.properties["AssumeRolePolicyDocument"]["Statement"][0]["Principal"]["Service"] == "ecs.amazonaws.com");
  CHECK(pipeline_statement(role, "ShiftTraffic")->at("Resource") == Json::parse(R"({"Ref": "ApiListenerRule"})"));

  auto blue_green = with("      deployment: {strategy: blue-green, bake_minutes: 20}\n");
  const Json& bg = blue_green.stack("test-prod-compute").find("ApiService")->properties["DeploymentConfiguration"];
  CHECK(bg["Strategy"] == "BLUE_GREEN");
  CHECK(bg["BakeTimeInMinutes"] == 20);
  CHECK_FALSE(bg.contains("CanaryConfiguration"));
  CHECK_FALSE(bg.contains("Alarms"));

  auto rolling = with("      deployment: {alarms: [api-5xx]}\n");
  const auto& r = rolling.stack("test-prod-compute");
  CHECK_FALSE(r.find("ApiService")->properties["DeploymentConfiguration"].contains("Strategy"));
  CHECK(r.find("ApiService")->properties["DeploymentConfiguration"]["Alarms"]["Rollback"] == true);
  CHECK_FALSE(rolling.has("ApiAlternateTargetGroup"));
  CHECK_FALSE(rolling.has("ApiDeploymentRole"));
}

TEST_CASE("pipeline reader and check errors, at their lines") {
  const int L = kPipelineLine + 1;  // the line of the pipeline's name
  auto at = [&](int offset, int col, const std::string& message) {
    return "spec.yaml:" + std::to_string(L + offset) + ":" + std::to_string(col) + ": " + message + "\n";
  };
  CHECK(pipeline_errors("  r:\n    source: {github: o/r}\n    stages: [{name: b, biuld: {}}]\n") ==
        at(2, 21, "stage 'b' of pipeline 'r' must have exactly one of 'build', 'test', 'approval', 'deploy' and 'publish'") +
            at(2, 24, "unknown key 'biuld' in a stage of pipeline 'r'; did you mean 'build'?"));
  CHECK(pipeline_errors("  r:\n    source: {github: o/r}\n    stages: [{name: b, build: {}, test: {}}]\n") ==
        at(2, 21, "stage 'b' of pipeline 'r' must have exactly one of 'build', 'test', 'approval', 'deploy' and 'publish', got 2"));
  CHECK(pipeline_errors("  r:\n    source: {github: o/r, bucket: releases, key: k}\n    stages: [{name: b, build: {}}]\n") ==
        at(1, 13, "'source' of pipeline 'r' must name either 'github' (with a connection) or 'bucket' and 'key'"));
  CHECK(pipeline_errors("  r:\n    source: {github: o/r, connection: Abc/1}\n    stages: [{name: b, build: {}}]\n") ==
        at(1, 39, "connection 'Abc/1' must be a CodeConnections connection ARN "
                  "(arn:aws:codeconnections:REGION:ACCOUNT:connection/ID) or another pipeline of the spec whose "
                  "connection to share; leave it out and aip creates one"));
  // Sharing another pipeline's connection: it must exist, be another one and create its own.
  const std::string stage = "    stages: [{name: b, build: {}}]\n";
  CHECK(pipeline_errors("  r:\n    source: {github: o/r, connection: relase}\n" + stage +
                        "  release:\n    source: {github: o/r}\n" + stage) ==
        at(1, 39, "pipeline 'r' shares the connection of pipeline 'relase', which is not defined; did you mean "
                  "'release'?"));
  CHECK(pipeline_errors("  r:\n    source: {github: o/r, connection: r}\n" + stage) ==
        at(1, 39, "pipeline 'r' shares the connection of pipeline 'r', which is itself"));
  CHECK(pipeline_errors("  r:\n    source: {github: o/r, connection: s}\n" + stage +
                        "  s:\n    source: {github: o/s, connection: arn:aws:codeconnections:eu-west-1:123456789012:"
                        "connection/abc-1}\n" + stage) ==
        at(1, 39, "pipeline 'r' shares the connection of pipeline 's', which creates none (it uses another "
                  "connection); name the pipeline that does, or its ARN"));
  CHECK(pipeline_errors("  r:\n    source: {github: o/r}\n    stages: [{name: b, build: {buildspec: /abs.yml}}]\n") ==
        at(2, 43, "buildspec '/abs.yml' must be a relative path of a .yml or .yaml file in the source (CodeBuild "
                  "reads it from the source artifact)"));
  CHECK(pipeline_errors("  r:\n    source: {github: o/r}\n    stages: [{name: b, build: {timeout: 3}}]\n") ==
        at(2, 41, "'timeout' must be between 5 and 2160, got 3"));
  CHECK(pipeline_errors("  r:\n    source: {github: o/r}\n    stages: [{name: b, build: {secrets: {K: evalkey}}}]\n") ==
        at(2, 45, "stage 'b' of pipeline 'r' refers to secret 'evalkey', which is not defined; did you mean 'eval-key'?"));
  CHECK(pipeline_errors("  r:\n    source: {github: o/r}\n    stages: [{name: b, build: {push: [apu]}}]\n") ==
        at(2, 39, "stage 'b' of pipeline 'r' pushes to repository 'apu', which is not defined; did you mean 'api'?"));
  CHECK(pipeline_errors("  r:\n    source: {github: o/r}\n    stages: [{name: d, deploy: {service: api}}]\n") ==
        at(2, 32, "stage 'd' of pipeline 'r' deploys before any 'build' stage wrote the image definitions; put a "
                  "'build' stage before it"));
  CHECK(pipeline_errors("  r:\n    source: {github: o/r}\n    stages: [{name: b, build: {}}, {name: d, deploy: {service: apj}}]\n") ==
        at(2, 64, "stage 'd' of pipeline 'r' deploys service 'apj', which is not defined; did you mean 'api'?"));
  CHECK(pipeline_errors("  r:\n    source: {github: o/r}\n    stages: [{name: a, approval: {topic: release}}]\n") ==
        at(2, 42, "stage 'a' of pipeline 'r' refers to topic 'release', which is not defined; did you mean 'releases'?"));
  CHECK(pipeline_errors("  r:\n    source: {github: o/r}\n    stages: [{name: b, build: {}}, {name: b, test: {}}]\n") ==
        at(2, 43, "pipeline 'r' has two stages named 'b'"));
  CHECK(pipeline_errors("  r:\n    source: {bucket: plain, key: k.zip}\n    stages: [{name: b, build: {}}]\n") ==
        at(1, 22, "the source of pipeline 'r' reads bucket 'plain', which does not send events to EventBridge; set "
                  "'eventbridge: true' on it so a new object starts the pipeline"));
  CHECK(pipeline_errors("  r:\n    source: {bucket: nope, key: k.zip}\n    stages: [{name: b, build: {}}]\n") ==
        at(1, 22, "the source of pipeline 'r' refers to bucket 'nope', which is not defined"));
  CHECK(pipeline_errors("  a-very-long-pipeline-name-indeed:\n    source: {github: o/r}\n    stages: [{name: b, build: {}}]\n") ==
        at(1, 22, "pipeline 'a-very-long-pipeline-name-indeed' would create connection "
                  "'test-a-very-long-pipeline-name-indeed', longer than CodeConnections' 32 characters; shorten the "
                  "pipeline's name or give an existing 'connection' ARN"));
  CHECK(pipeline_errors("  r:\n    source: {github: o/r}\n    stages: []\n") ==
        at(2, 13, "'stages' of pipeline 'r' must list at least one stage"));
}

TEST_CASE("deployment errors: ranges, strategy needs a route, alarms of the spec") {
  auto errors = [](const std::string& deployment) {
    std::string base = std::string(kPipelineBase);
    const std::string route = "      alb: {name: public, path: /*, priority: 10}\n";
    base.replace(base.find(route), route.size(), route + deployment);
    return errors_of(base, kPipelineHeader);
  };
  // The deployment line is line 29 (after the route on line 28).
  CHECK(errors("      deployment: {strategy: canary, canary: {percent: 100}}\n") ==
        "spec.yaml:29:56: 'percent' must be between 1 and 99, got 100\n");
  CHECK(errors("      deployment: {strategy: canary, canary: {minutes: 2000}}\n") ==
        "spec.yaml:29:56: 'minutes' must be between 1 and 1440, got 2000\n");
  CHECK(errors("      deployment: {strategy: canery}\n") ==
        "spec.yaml:29:30: 'strategy' must be one of rolling, blue-green, canary, got 'canery'; did you mean 'canary'?\n");
  CHECK(errors("      deployment: {canary: {percent: 5}}\n") ==
        "spec.yaml:29:28: service 'api' has 'canary' settings but deploys 'rolling'; set 'strategy: canary'\n");
  CHECK(errors("      deployment: {strategy: canary, alarms: [api-5xy]}\n") ==
        "spec.yaml:29:47: deployment of service 'api' rolls back on alarm 'api-5xy', which is not defined in "
        "observability.alarms; did you mean 'api-5xx'?\n");
  CHECK(errors("      deployment: {bake_minutes: 5}\n") ==
        "spec.yaml:29:34: 'bake_minutes' of service 'api' applies to blue-green and canary deployments\n");
  // Without a route there is no traffic to shift.
  std::string unrouted = kPipelineBase;
  const std::string route = "      alb: {name: public, path: /*, priority: 10}\n";
  unrouted.replace(unrouted.find(route), route.size(), "      deployment: {strategy: blue-green}\n");
  CHECK(errors_of(unrouted, kPipelineHeader) ==
        "spec.yaml:28:30: service 'api' deploys blue-green, which shifts load balancer traffic between two target "
        "groups; give it an 'alb' route or deploy 'rolling'\n"
        // (and the base's alarm on the service has nothing to watch either)
        "spec.yaml:33:46: alarm 'api-5xx' (alb-5xx-rate) watches service 'api', which is behind no load balancer; "
        "give the service an 'alb' route or watch a load_balancer\n");
}

namespace {

// Two environments in their own accounts; the repository and the pipeline in
// staging, whose last stage promotes into production. Lines 1-35.
const char* kPromotionSpec =
    "aip: 1\n"
    "name: test\n"
    "accounts:\n"
    "  staging: {id: \"111111111111\", region: eu-west-1}\n"
    "  prod: {id: \"222222222222\", region: eu-west-1}\n"
    "environments:\n"
    "  staging: {account: staging}\n"
    "  prod: {account: prod}\n"
    "network:\n"
    "  vpcs:\n"
    "    main: {cidr: 10.0.0.0/16, azs: 2, tiers: {public: 24, private: 24}}\n"
    "registries:\n"
    "  repositories:\n"
    "    api: {account: staging, pull_accounts: [prod]}\n"
    "compute:\n"
    "  clusters:\n"
    "    apps: {vpc: main}\n"
    "  services:\n"
    "    api: {cluster: apps, repository: api, tag: 1.0.0, port: 8080}\n"
    "    worker: {cluster: apps, repository: api, tag: 1.0.0, port: 8080}\n"
    "pipelines:\n"
    "  rel:\n"
    "    account: staging\n"
    "    source: {github: example-org/api}\n"
    "    stages:\n"
    "      - name: build\n"
    "        build: {push: [api]}\n"
    "      - name: deploy-staging\n"
    "        deploy: {service: api}\n"
    "      - name: tests\n"
    "        test: {buildspec: ci/tests.yml}\n"
    "      - name: promote\n"
    "        deploy: {service: api, account: prod}\n";

const Json& promotion_statement(const Json& statements, const std::string& sid) {
  for (const Json& s : statements) {
    if (s.value("Sid", "") == sid) return s;
  }
  FAIL("no statement " << sid);
  throw std::logic_error("unreachable");
}

const aip::cfn::Resource& promotion_resource(const aip::test::Planned& p, const std::string& stack, const std::string& id) {
  const aip::cfn::Resource* r = p.stack(stack).find(id);
  INFO(stack << "/" << id);
  REQUIRE(r != nullptr);
  return *r;
}

}  // namespace

TEST_CASE("a promotion deploys into another environment's account through a role there that trusts only the pipeline") {
  auto p = plan_text(kPromotionSpec);
  CHECK(p.schema_findings().empty());
  const Json role_arn = {{"Fn::Sub", "arn:${AWS::Partition}:iam::222222222222:role/test-prod-rel-deploy"}};
  const Json prod_root = {{"Fn::Sub", "arn:${AWS::Partition}:iam::222222222222:root"}};

  // The pipeline's side (staging): fixed names, the key and bucket admit exactly the role.
  const Json& bucket = promotion_resource(p, "test-staging-pipelines", "RelPipelineArtifacts").properties;
  CHECK(bucket["BucketName"] == "test-staging-rel-artifacts-111111111111");
  const Json& key = promotion_resource(p, "test-staging-pipelines", "RelPipelineArtifactsKey").properties;
  const Json& decrypt = promotion_statement(key["KeyPolicy"]["Statement"], "PromotionsDecrypt");
  CHECK(decrypt["Principal"]["AWS"] == prod_root);
  CHECK(decrypt["Action"] == "kms:Decrypt");
  CHECK(decrypt["Condition"] == Json{{"ArnEquals", {{"aws:PrincipalArn", role_arn}}}});
  const Json& policy = promotion_resource(p, "test-staging-pipelines", "RelPipelineArtifactsPolicy").properties;
  const Json& read = promotion_statement(policy["PolicyDocument"]["Statement"], "PromotionsRead");
  CHECK(read["Action"] == Json::array({"s3:GetObject", "s3:GetObjectVersion"}));
  CHECK(read["Principal"]["AWS"] == prod_root);
  CHECK(read["Condition"] == Json{{"ArnEquals", {{"aws:PrincipalArn", role_arn}}}});
  const Json& pipeline_role = promotion_resource(p, "test-staging-pipelines", "RelPipelineRole").properties;
  CHECK(pipeline_role["RoleName"] == "test-staging-rel-pipeline");
  const Json& assume =
      promotion_statement(pipeline_role["Policies"][0]["PolicyDocument"]["Statement"], "AssumePromotionRoles");
  CHECK(assume["Action"] == "sts:AssumeRole");
  CHECK(assume["Resource"] == Json::array({role_arn}));
  const Json& stages = promotion_resource(p, "test-staging-pipelines", "RelPipeline").properties["Stages"];
  REQUIRE(stages.size() == 5);
  const Json& promote = stages[4]["Actions"][0];
  CHECK(promote["RoleArn"] == role_arn);
  CHECK(promote["Configuration"]["ClusterName"] == "test-prod-apps");
  CHECK(promote["Configuration"]["ServiceName"] == "test-prod-api");
  CHECK(promote["InputArtifacts"] == Json::parse(R"([{"Name": "BuildOutput"}])"));
  // The staging deploy is the pipeline's own, under its own role.
  CHECK_FALSE(stages[2]["Actions"][0].contains("RoleArn"));

  // The target's side (prod): the role, and the names the pipeline uses.
  const Json& target = promotion_resource(p, "test-prod-pipelines", "RelPipelineDeployRole").properties;
  CHECK(target["RoleName"] == "test-prod-rel-deploy");
  const Json& trust = target["AssumeRolePolicyDocument"]["Statement"][0];
  CHECK(trust["Principal"]["AWS"] == Json{{"Fn::Sub", "arn:${AWS::Partition}:iam::111111111111:root"}});
  CHECK(trust["Condition"] ==
        Json{{"ArnEquals",
              {{"aws:PrincipalArn", {{"Fn::Sub", "arn:${AWS::Partition}:iam::111111111111:role/test-staging-rel-pipeline"}}}}}});
  const Json& grants = target["Policies"][0]["PolicyDocument"]["Statement"];
  CHECK(promotion_statement(grants, "DeployServices")["Resource"] ==
        Json::array({{{"Fn::Sub", "arn:${AWS::Partition}:ecs:${AWS::Region}:${AWS::AccountId}:service/test-prod-apps/test-prod-api"}}}));
  CHECK(promotion_statement(grants, "ReadArtifacts")["Resource"] ==
        Json{{"Fn::Sub", "arn:${AWS::Partition}:s3:::test-staging-rel-artifacts-111111111111/*"}});
  const Json& kms = promotion_statement(grants, "DecryptArtifacts");
  CHECK(kms["Resource"] == Json{{"Fn::Sub", "arn:${AWS::Partition}:kms:eu-west-1:111111111111:key/*"}});
  CHECK(kms["Condition"]["StringEquals"]["kms:ViaService"] == "s3.eu-west-1.amazonaws.com");
  CHECK(kms["Condition"]["StringEquals"]["kms:EncryptionContext:aws:s3:arn"] ==
        Json{{"Fn::Sub", "arn:${AWS::Partition}:s3:::test-staging-rel-artifacts-111111111111"}});
  CHECK(promotion_statement(grants, "PassTaskRoles")["Condition"]["StringEquals"]["iam:PassedToService"] ==
        "ecs-tasks.amazonaws.com");
  for (const Json& s : grants) CHECK(s["Action"] != "s3:PutObject");
  CHECK(promotion_resource(p, "test-prod-compute", "AppsEcsCluster").properties["ClusterName"] == "test-prod-apps");
  CHECK(promotion_resource(p, "test-prod-compute", "ApiService").properties["ServiceName"] == "test-prod-api");
  // Only the promoted service gets a fixed name; staging's keep CloudFormation's.
  CHECK_FALSE(promotion_resource(p, "test-prod-compute", "WorkerService").properties.contains("ServiceName"));
  CHECK_FALSE(promotion_resource(p, "test-staging-compute", "ApiService").properties.contains("ServiceName"));
  CHECK_FALSE(promotion_resource(p, "test-staging-pipelines", "RelPipelineArtifacts").properties.empty());
  // Production pulls the promoted images from staging's repository, by its staging name.
  const Json& pull = promotion_statement(
      promotion_resource(p, "test-prod-compute", "ApiExecutionRole").properties["Policies"][0]["PolicyDocument"]["Statement"],
      "PullImages");
  CHECK(pull["Resource"] ==
        Json::array({{{"Fn::Sub", "arn:${AWS::Partition}:ecr:eu-west-1:111111111111:repository/test-staging/api"}}}));
  // Production renders no pipeline and no repository of its own.
  CHECK(p.stack("test-prod-pipelines").find("RelPipeline") == nullptr);
  CHECK(p.assembly->find("test-prod-registries") == nullptr);
}

TEST_CASE("a pipeline without promotions keeps CloudFormation's names") {
  auto p = plan_text(pipeline_spec(kGithubPipeline));
  CHECK_FALSE(p.resource("ReleasePipelineArtifacts").properties.contains("BucketName"));
  CHECK_FALSE(p.resource("ReleasePipelineRole").properties.contains("RoleName"));
}

// Where the pipeline's name is in kPromotionSpec ("  rel:").
static std::size_t promotion_pipeline_at(const std::string& spec) { return spec.find("  rel:"); }

TEST_CASE("promotion errors, at their lines") {
  const std::string spec = kPromotionSpec;
  auto with = [&](const std::string& from, const std::string& to) {
    std::string s = spec;
    const auto at = s.find(from);
    REQUIRE(at != std::string::npos);
    s.replace(at, from.size(), to);
    return s;
  };
  auto errors = [](const std::string& text) {
    auto loaded = aip::test::load_text(text);
    CHECK_FALSE(loaded.spec);
    return loaded.messages();
  };
  // The promotion is on line 33: `account` at column 41, `service` at 27.
  const std::string promote = "deploy: {service: api, account: prod}";
  CHECK(errors(with(promote, "deploy: {service: api, account: prd}")) ==
        "spec.yaml:33:41: stage 'promote' of pipeline 'rel' deploys into account 'prd', which is not defined; did "
        "you mean 'prod'?\n");
  CHECK(errors(with(promote, "deploy: {service: api, account: staging}")) ==
        "spec.yaml:33:41: stage 'promote' of pipeline 'rel' deploys into account 'staging', the pipeline's own; "
        "remove 'account'\n");
  // Production's services pull from staging's repository too, so its read says so as well.
  CHECK(errors(with("pull_accounts: [prod]", "keep_images: 5")) ==
        "spec.yaml:19:38: service 'api' runs in account 'prod', which repository 'api' does not let pull; add 'prod' "
        "to its 'pull_accounts'\n"
        "spec.yaml:20:41: service 'worker' runs in account 'prod', which repository 'api' does not let pull; add "
        "'prod' to its 'pull_accounts'\n"
        "spec.yaml:33:41: stage 'promote' of pipeline 'rel' promotes the image of repository 'api' into account "
        "'prod', which may not pull from it; add 'prod' to the repository's 'pull_accounts'\n");
  CHECK(errors(with("api: {cluster: apps, repository: api, tag: 1.0.0, port: 8080}",
                    "api: {cluster: apps, image: public.ecr.aws/x/api:1, port: 8080}")) ==
        "spec.yaml:33:27: stage 'promote' of pipeline 'rel' promotes service 'api', whose image is no repository of "
        "`registries:`; name the repository the build pushes to in its 'repository'\n");
  CHECK(errors(with("  prod: {account: prod}\n", "  prod: {account: prod, overlay: {compute: {services: {api: null}}}}\n")) ==
        "spec.yaml:33:27: stage 'promote' of pipeline 'rel' promotes service 'api' into environment prod, which "
        "does not define it\n");
  CHECK(errors(with("    source: {github: example-org/api}\n",
                    "    source: {github: example-org/api, connection: "
                    "arn:aws:codeconnections:eu-west-1:111111111111:connection/0a1b2c3d-1111-2222-3333-444455556666}\n")
                   .replace(promotion_pipeline_at(spec), 6, "  release-candidates-of-the-api:")) ==
        "spec.yaml:22:3: pipeline 'release-candidates-of-the-api' promotes into another account, so its role and "
        "artifact bucket get fixed names; 'test-staging-release-candidates-of-the-api-artifacts-111111111111' would "
        "be longer than 63 characters: shorten the pipeline's name\n");
  // Promotions stay in the pipeline's region (staging's own deploy goes, so only the promotion is in question).
  std::string away = with("azs: 2, tiers:", "region: eu-central-1, azs: 2, tiers:");
  away.replace(away.find("      - name: deploy-staging\n        deploy: {service: api}\n"), 60, "");
  CHECK(errors(away) ==
        "spec.yaml:31:41: stage 'promote' of pipeline 'rel' deploys service 'api' in eu-central-1, but the pipeline "
        "runs in eu-west-1; promotions stay in the pipeline's region\n");
  // A shared account (no environment's) is no target: line numbers move down by one.
  std::string shared = with("  prod: {id: \"222222222222\", region: eu-west-1}\n",
                            "  prod: {id: \"222222222222\", region: eu-west-1}\n"
                            "  tools: {id: \"333333333333\", region: eu-west-1}\n");
  shared.replace(shared.find(promote), promote.size(), "deploy: {service: api, account: tools}");
  CHECK(errors(shared) ==
        "spec.yaml:34:41: stage 'promote' of pipeline 'rel' deploys into account 'tools', which is no environment's: "
        "a promotion deploys the service as another environment renders it\n");
  // Without environments there is no other environment to promote into.
  CHECK(errors_of(std::string(kPipelineBase) +
                      "pipelines:\n  rel:\n    source: {github: example-org/api}\n    stages:\n"
                      "      - {name: build, build: {push: [api]}}\n"
                      "      - {name: promote, deploy: {service: api, account: prod}}\n",
                  kPipelineHeader) ==
        "spec.yaml:39:57: stage 'promote' of pipeline 'rel' deploys into account 'prod', but the spec has no "
        "environments: 'account' promotes into another environment's account (docs/environments.md)\n");
}
