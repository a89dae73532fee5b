// The compute area: ECS clusters, Fargate services, load balancers, and the
// wiring of services to databases by name.
#include <catch2/catch.hpp>

#include "spec/compute.hpp"
#include "support/plan_text.hpp"

using aip::cfn::Json;
using aip::test::kHeader;
using aip::test::load_text;
using aip::test::plan_text;

namespace {

// Lines 5-15.
const char* kNetwork =
    "network:\n"
    "  vpcs:\n"
    "    main:\n"
    "      cidr: 10.0.0.0/16\n"
    "      azs: 2\n"
    "      tiers: {public: 24, private: 24, isolated: 24}\n"
    "      nat: single\n"
    "  security_groups:\n"
    "    alb: {vpc: main, ingress: [{port: 443, from: 0.0.0.0/0}]}\n"
    "    api: {vpc: main, ingress: [{port: 8000, from: sg:alb}]}\n"
    "    aurora: {vpc: main}\n";

// Lines 16-19.
const char* kData =
    "data:\n"
    "  databases:\n"
    "    langdb:\n"
    "      vpc: main\n";

// Lines 20-28; services start at line 29.
const char* kCompute =
    "compute:\n"
    "  clusters:\n"
    "    apps: {vpc: main, capacity: {fargate: 1, fargate_spot: 3, base: 1}}\n"
    "  load_balancers:\n"
    "    main:\n"
    "      vpc: main\n"
    "      certificate: arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-1111-2222-3333-444455556666\n"
    "      tags: {Team: edge}\n"
    "  services:\n";

std::string spec_with(const std::string& services) {
  return std::string(kHeader) + kNetwork + kData + kCompute + services;
}

std::string compute_errors(const std::string& services) {
  auto loaded = load_text(spec_with(services));
  CHECK_FALSE(loaded.spec);
  return loaded.messages();
}

const char* kApiService =
    "    lang-api:\n"                                            // 29
    "      cluster: apps\n"                                      // 30
    "      image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/lang-portal-api:1.4.2\n"
    "      cpu: 1024\n"                                          // 32
    "      memory: 2048\n"                                       // 33
    "      port: 8000\n";                                        // 34

const Json* find_env(const Json& container, const std::string& name, const char* list = "Environment") {
  for (const Json& e : container[list]) {
    if (e["Name"] == name) return &e;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("compute: Fargate task sizes") {
  using aip::spec::fargate_size_allowed;
  CHECK(fargate_size_allowed(256, 512));
  CHECK(fargate_size_allowed(256, 2048));
  CHECK_FALSE(fargate_size_allowed(256, 1536));
  CHECK(fargate_size_allowed(1024, 2048));
  CHECK(fargate_size_allowed(1024, 8192));
  CHECK_FALSE(fargate_size_allowed(1024, 1024));
  CHECK(fargate_size_allowed(4096, 30720));
  CHECK_FALSE(fargate_size_allowed(4096, 31744));
  CHECK(fargate_size_allowed(8192, 20480));
  CHECK_FALSE(fargate_size_allowed(8192, 17408));
  CHECK(fargate_size_allowed(16384, 122880));
  CHECK_FALSE(fargate_size_allowed(300, 1024));
}

TEST_CASE("compute: a cluster with Container Insights and Fargate capacity providers") {
  auto p = plan_text(spec_with(kApiService));
  CHECK(p.schema_findings().empty());
  const auto& stack = p.stack("test-dev-compute");
  CHECK(stack.dependencies == std::set<std::string>{"test-dev-network"});
  CHECK(p.resource("AppsEcsCluster").properties["ClusterSettings"] ==
        Json::parse(R"([{"Name": "containerInsights", "Value": "enabled"}])"));
  const Json& assoc = p.resource("AppsEcsClusterCapacityProviders").properties;
  CHECK(assoc["CapacityProviders"] == Json::array({"FARGATE", "FARGATE_SPOT"}));
  CHECK(assoc["DefaultCapacityProviderStrategy"] ==
        Json::parse(R"([{"CapacityProvider": "FARGATE", "Weight": 1, "Base": 1},
                        {"CapacityProvider": "FARGATE_SPOT", "Weight": 3}])"));
}

TEST_CASE("compute: tracing without a telemetry sidecar sends traces but writes no metric records") {
  auto p = plan_text(spec_with(std::string(kApiService) + "      tracing: true\n"));
  const Json& taskp = p.resource("LangApiTaskRole").properties["Policies"][0]["PolicyDocument"]["Statement"];
  REQUIRE(taskp.size() == 1);
  CHECK(taskp[0]["Sid"] == "SendTraces");
}

TEST_CASE("compute: a service gets a task definition, roles, logs and a hardened service") {
  auto p = plan_text(spec_with(std::string(kApiService) +
                               "      environment: {AWS_DEFAULT_REGION: us-east-1}\n"
                               "      secrets: {JWT_SECRET: lang/jwt, API_KEY: {secret: lang/keys, key: api}}\n"
                               "      health_check: {command: \"curl -f http://localhost:8000/health || exit 1\"}\n"
                               "      log_retention_days: 7\n"
                               "      sidecars:\n"
                               "        otel:\n"
                               "          image: public.ecr.aws/aws-observability/aws-otel-collector:v0.40.0\n"
                               "          cpu: 128\n"
                               "          memory: 256\n"
                               "          telemetry: true\n"
                               "      models: [anthropic.claude-3-haiku-20240307-v1:0]\n"));
  CHECK(p.schema_findings().empty());
  const Json& task = p.resource("LangApiTaskDefinition").properties;
  CHECK(task["Cpu"] == "1024");
  CHECK(task["Memory"] == "2048");
  CHECK(task["NetworkMode"] == "awsvpc");
  CHECK(task["RequiresCompatibilities"] == Json::array({"FARGATE"}));
  CHECK(task["Family"] == "test-lang-api");
  const Json& app = task["ContainerDefinitions"][0];
  CHECK(app["Name"] == "lang-api");
  CHECK(app["Essential"] == true);
  CHECK(app["ReadonlyRootFilesystem"] == true);
  CHECK(app["MountPoints"] == Json::parse(R"([{"SourceVolume": "lang-api-scratch-1", "ContainerPath": "/tmp", "ReadOnly": false}])"));
  CHECK(app["PortMappings"] == Json::parse(R"([{"ContainerPort": 8000, "Protocol": "tcp"}])"));
  CHECK(app["LogConfiguration"]["Options"]["awslogs-group"] == Json::parse(R"({"Ref": "LangApiLogGroup"})"));
  CHECK(app["HealthCheck"] == Json::parse(R"({"Command": ["CMD-SHELL", "curl -f http://localhost:8000/health || exit 1"],
                                              "Interval": 30, "Timeout": 5, "Retries": 3, "StartPeriod": 60})"));
  CHECK((*find_env(app, "AWS_DEFAULT_REGION"))["Value"] == "us-east-1");
  CHECK((*find_env(app, "JWT_SECRET", "Secrets"))["ValueFrom"] ==
        Json::parse(R"({"Fn::Sub": "arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:lang/jwt"})"));
  CHECK((*find_env(app, "API_KEY", "Secrets"))["ValueFrom"] ==
        Json::parse(R"({"Fn::Sub": "arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:lang/keys:api::"})"));
  const Json& otel = task["ContainerDefinitions"][1];
  CHECK(otel["Name"] == "otel");
  CHECK(otel["Essential"] == false);
  CHECK(otel["Cpu"] == 128);
  CHECK(otel["MemoryReservation"] == 256);
  CHECK(p.resource("LangApiLogGroup").properties["RetentionInDays"] == 7);

  // Execution role: this repository, this log group, these secrets; nothing else.
  const Json& exec = p.resource("LangApiExecutionRole").properties["Policies"][0]["PolicyDocument"]["Statement"];
  CHECK(exec[0]["Resource"] == Json::parse(R"([{"Fn::Sub": "arn:${AWS::Partition}:ecr:us-east-1:123456789012:repository/lang-portal-api"}])"));
  CHECK(exec[1]["Action"] == "ecr:GetAuthorizationToken");
  CHECK(exec[2]["Resource"] == Json::parse(R"({"Fn::GetAtt": ["LangApiLogGroup", "Arn"]})"));
  CHECK(exec[3]["Action"] == "secretsmanager:GetSecretValue");
  CHECK(exec[3]["Resource"].size() == 2);
  CHECK(exec.size() == 4);
  // Task role: the model it names, traces for the collector and its metric
  // records (embedded metric format) into the service's own log group only.
  const Json& taskp = p.resource("LangApiTaskRole").properties["Policies"][0]["PolicyDocument"]["Statement"];
  CHECK(taskp[0]["Resource"] == Json::parse(R"([{"Fn::Sub": "arn:${AWS::Partition}:bedrock:${AWS::Region}::foundation-model/anthropic.claude-3-haiku-20240307-v1:0"}])"));
  CHECK(taskp[1]["Sid"] == "SendTraces");
  CHECK(taskp[2]["Sid"] == "WriteMetricRecords");
  CHECK(taskp[2]["Action"] == Json::parse(R"(["logs:CreateLogStream", "logs:PutLogEvents"])"));
  CHECK(taskp[2]["Resource"] == Json::parse(R"({"Fn::GetAtt": ["LangApiLogGroup", "Arn"]})"));
  CHECK(taskp.size() == 3);
  CHECK(p.resource("LangApiTaskRole").properties["AssumeRolePolicyDocument"]["Statement"][0]["Principal"]["Service"] ==
        "ecs-tasks.amazonaws.com");

  const auto& svc = p.resource("LangApiService");
  const Json& s = svc.properties;
  CHECK(s["DesiredCount"] == 1);
  CHECK(s["NetworkConfiguration"]["AwsvpcConfiguration"]["AssignPublicIp"] == "DISABLED");
  CHECK(s["NetworkConfiguration"]["AwsvpcConfiguration"]["Subnets"][1] ==
        Json::parse(R"({"Fn::ImportValue": "test-dev-network:MainVpcPrivateSubnet2Ref"})"));
  CHECK(s["DeploymentConfiguration"] == Json::parse(R"({"MaximumPercent": 200, "MinimumHealthyPercent": 100,
        "DeploymentCircuitBreaker": {"Enable": true, "Rollback": true}})"));
  CHECK(svc.depends_on == std::vector<std::string>{"AppsEcsClusterCapacityProviders"});
  CHECK_FALSE(s.contains("LoadBalancers"));
  // No group named: one created, HTTPS out only.
  const Json& sg = p.resource("LangApiServiceSecurityGroup").properties;
  CHECK(sg["SecurityGroupEgress"][0]["FromPort"] == 443);
  CHECK_FALSE(sg.contains("SecurityGroupIngress"));
}

TEST_CASE("compute: database by name wires groups, secret and connection settings") {
  auto p = plan_text(spec_with(std::string(kApiService) + "      database: langdb\n      security_group: api\n"));
  CHECK(p.schema_findings().empty());
  CHECK(p.stack("test-dev-compute").dependencies == std::set<std::string>{"test-dev-data", "test-dev-network"});
  const Json& app = p.resource("LangApiTaskDefinition").properties["ContainerDefinitions"][0];
  CHECK((*find_env(app, "DB_HOST"))["Value"] == Json::parse(R"({"Fn::ImportValue": "test-dev-data:LangdbDbProxyEndpoint"})"));
  CHECK((*find_env(app, "DB_PORT"))["Value"] == "5432");
  CHECK((*find_env(app, "DB_NAME"))["Value"] == "langdb");
  CHECK((*find_env(app, "DB_PASSWORD", "Secrets"))["ValueFrom"] ==
        Json::parse(R"({"Fn::Join": ["", [{"Fn::ImportValue": "test-dev-data:LangdbDbClusterMasterUserSecretSecretArn"}, ":password::"]]})"));
  // The execution role reads exactly that secret, decrypting through Secrets Manager only.
  const Json& exec = p.resource("LangApiExecutionRole").properties["Policies"][0]["PolicyDocument"]["Statement"];
  CHECK(exec[3]["Resource"] ==
        Json::parse(R"([{"Fn::ImportValue": "test-dev-data:LangdbDbClusterMasterUserSecretSecretArn"}])"));
  CHECK(exec[4]["Action"] == "kms:Decrypt");
  CHECK(exec[4]["Resource"] == Json::parse(R"({"Fn::ImportValue": "test-dev-data:LangdbDbKeyArn"})"));
  // The proxy admits the service's group; the service may reach the proxy.
  const Json& in = p.resource("LangdbDbProxySecurityGroupIngressFromApiSecurityGroup5432").properties;
  CHECK(in["GroupId"] == Json::parse(R"({"Fn::ImportValue": "test-dev-data:LangdbDbProxySecurityGroupGroupId"})"));
  CHECK(in["SourceSecurityGroupId"] == Json::parse(R"({"Fn::ImportValue": "test-dev-network:ApiSecurityGroupGroupId"})"));
  CHECK(p.has("ApiSecurityGroupEgressToLangdbDbProxySecurityGroup5432"));
  CHECK_FALSE(p.has("LangApiServiceSecurityGroup"));
}

TEST_CASE("compute: load balancer with HTTPS, redirect, access rules and routes") {
  auto p = plan_text(spec_with(std::string(kApiService) +
                               "      security_group: api\n"
                               "      alb:\n"
                               "        name: main\n"
                               "        host: lang-portal.app-dw.net\n"
                               "        path: /api/*\n"
                               "        priority: 1\n"
                               "        health_check: {path: /api/health, interval: 30, timeout: 5, healthy: 2, unhealthy: 3, codes: 200}\n"
                               "      scaling: {min: 1, max: 3, cpu: 70, memory: 70, scale_in_cooldown: 300, scale_out_cooldown: 60}\n"
                               "    lang-web:\n"
                               "      cluster: apps\n"
                               "      image: ghcr.io/example/lang-web:2\n"
                               "      cpu: 2048\n"
                               "      memory: 4096\n"
                               "      port: 8501\n"
                               "      alb: {name: main, host: lang-portal.app-dw.net, path: /*, priority: 2}\n"));
  CHECK(p.schema_findings().empty());
  const auto& lb = p.resource("MainLoadBalancer");
  CHECK(lb.properties["Scheme"] == "internet-facing");
  CHECK(lb.properties["Subnets"][0] == Json::parse(R"({"Fn::ImportValue": "test-dev-network:MainVpcPublicSubnet1Ref"})"));
  CHECK(lb.properties["LoadBalancerAttributes"][0] ==
        Json::parse(R"({"Key": "routing.http.drop_invalid_header_fields.enabled", "Value": "true"})"));
  CHECK(lb.tags.at("Team") == "edge");
  const Json& https = p.resource("MainLoadBalancerHttpsListener").properties;
  CHECK(https["Protocol"] == "HTTPS");
  CHECK(https["SslPolicy"] == "ELBSecurityPolicy-TLS13-1-2-2021-06");
  CHECK(https["Certificates"][0]["CertificateArn"] ==
        "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-1111-2222-3333-444455556666");
  const Json& http = p.resource("MainLoadBalancerHttpListener").properties;
  CHECK(http["DefaultActions"][0]["RedirectConfig"]["Protocol"] == "HTTPS");
  CHECK(http["DefaultActions"][0]["RedirectConfig"]["StatusCode"] == "HTTP_301");
  // The created load balancer group admits 443 and 80 from anywhere and may reach the services only.
  const Json& lbsg = p.resource("MainLoadBalancerSecurityGroup").properties;
  CHECK(lbsg["SecurityGroupIngress"].size() == 2);
  CHECK(p.has("MainLoadBalancerSecurityGroupEgressToApiSecurityGroup8000"));
  CHECK(p.has("ApiSecurityGroupIngressFromMainLoadBalancerSecurityGroup8000"));
  CHECK(p.has("LangWebServiceSecurityGroupIngressFromMainLoadBalancerSecurityGroup8501"));

  const Json& tg = p.resource("LangApiTargetGroup").properties;
  CHECK(tg["TargetType"] == "ip");
  CHECK(tg["Port"] == 8000);
  CHECK(tg["HealthCheckPath"] == "/api/health");
  CHECK(tg["HealthyThresholdCount"] == 2);
  CHECK(tg["UnhealthyThresholdCount"] == 3);
  CHECK(tg["Matcher"]["HttpCode"] == "200");
  const Json& rule = p.resource("LangApiListenerRule").properties;
  CHECK(rule["Priority"] == 1);
  CHECK(rule["ListenerArn"] == Json::parse(R"({"Ref": "MainLoadBalancerHttpsListener"})"));
  CHECK(rule["Conditions"] == Json::parse(R"([
      {"Field": "host-header", "HostHeaderConfig": {"Values": ["lang-portal.app-dw.net"]}},
      {"Field": "path-pattern", "PathPatternConfig": {"Values": ["/api/*"]}}])"));
  CHECK(p.resource("LangWebListenerRule").properties["Priority"] == 2);

  const auto& svc = p.resource("LangApiService");
  CHECK(svc.properties["HealthCheckGracePeriodSeconds"] == 60);
  CHECK(svc.properties["LoadBalancers"][0] == Json::parse(R"({"ContainerName": "lang-api", "ContainerPort": 8000,
                                                              "TargetGroupArn": {"Ref": "LangApiTargetGroup"}})"));
  CHECK(svc.depends_on == std::vector<std::string>{"AppsEcsClusterCapacityProviders", "LangApiListenerRule"});
  // Images outside ECR need no registry permissions.
  const Json& web_exec = p.resource("LangWebExecutionRole").properties["Policies"][0]["PolicyDocument"]["Statement"];
  CHECK(web_exec.size() == 1);

  const Json& target = p.resource("LangApiScalableTarget").properties;
  CHECK(target["MinCapacity"] == 1);
  CHECK(target["MaxCapacity"] == 3);
  CHECK(target["ResourceId"] == Json::parse(R"({"Fn::Join": ["/", ["service", {"Ref": "AppsEcsCluster"},
                                                {"Fn::GetAtt": ["LangApiService", "Name"]}]]})"));
  const Json& cpu = p.resource("LangApiCpuScaling").properties["TargetTrackingScalingPolicyConfiguration"];
  CHECK(cpu == Json::parse(R"({"PredefinedMetricSpecification": {"PredefinedMetricType": "ECSServiceAverageCPUUtilization"},
                               "TargetValue": 70, "ScaleInCooldown": 300, "ScaleOutCooldown": 60})"));
  CHECK(p.has("LangApiMemoryScaling"));
  CHECK_FALSE(p.has("LangWebScalableTarget"));
}

TEST_CASE("compute: rules the network area already has are not added twice") {
  std::string compute = std::string(kCompute);
  compute.replace(compute.find("      certificate"), 0, "      security_group: alb\n");
  auto p = plan_text(std::string(kHeader) + kNetwork + kData + compute + kApiService +
                     "      security_group: api\n"
                     "      alb: {name: main, path: /api/*, priority: 1}\n");
  CHECK(p.schema_findings().empty());
  CHECK_FALSE(p.has("ApiSecurityGroupIngressFromAlbSecurityGroup8000"));  // written in the spec
  CHECK(p.has("AlbSecurityGroupEgressToApiSecurityGroup8000"));
  CHECK_FALSE(p.has("MainLoadBalancerSecurityGroup"));
}

TEST_CASE("compute: an internal load balancer without redirect") {
  std::string compute = std::string(kCompute);
  compute.replace(compute.find("      certificate"), 0, "      scheme: internal\n      http_redirect: false\n");
  auto p = plan_text(std::string(kHeader) + kNetwork + kData + compute + kApiService);
  CHECK(p.schema_findings().empty());
  CHECK(p.resource("MainLoadBalancer").properties["Scheme"] == "internal");
  CHECK(p.resource("MainLoadBalancer").properties["Subnets"][0] ==
        Json::parse(R"({"Fn::ImportValue": "test-dev-network:MainVpcPrivateSubnet1Ref"})"));
  CHECK_FALSE(p.has("MainLoadBalancerHttpListener"));
  const Json& ingress = p.resource("MainLoadBalancerSecurityGroup").properties["SecurityGroupIngress"];
  CHECK(ingress.size() == 1);
  CHECK(ingress[0]["CidrIp"] == "10.0.0.0/16");
}

TEST_CASE("compute: reading errors") {
  CHECK(compute_errors(std::string(kApiService) + "      cpu: 1024\n").find("duplicate key 'cpu'") != std::string::npos);
  std::string api = kApiService;
  api.replace(api.find("memory: 2048"), 12, "memory: 1024");
  CHECK(compute_errors(api) ==
        "spec.yaml:33:15: Fargate has no task size of 1024 CPU units with 1024 MiB; with 1024 units memory must be "
        "2048-8192 MiB in steps of 1024\n");
  api = kApiService;
  api.replace(api.find("cpu: 1024"), 9, "cpu: 1000");
  CHECK(compute_errors(api) ==
        "spec.yaml:32:12: Fargate has no task size of 1000 CPU units; use 256, 512, 1024, 2048, 4096, 8192 or 16384\n");
  CHECK(compute_errors(std::string(kApiService) + "      scaling: {min: 4, max: 2}\n") ==
        "spec.yaml:35:22: scaling of service 'lang-api' has 'min' 4 above 'max' 2\n");
  CHECK(compute_errors(std::string(kApiService) + "      count: 2\n      scaling: {min: 1, max: 2}\n") ==
        "spec.yaml:35:14: service 'lang-api' gives both 'count' and 'scaling'; 'scaling.min' is the starting count\n");
  CHECK(compute_errors(std::string(kApiService) + "      secrets: {DB: arn:aws:secretsmanager:us-east-1:1:secret:x}\n") ==
        "spec.yaml:35:21: 'DB' must name a Secrets Manager secret of the service's account and region (not an ARN), "
        "got 'arn:aws:secretsmanager:us-east-1:1:secret:x'\n");
  CHECK(compute_errors(std::string(kApiService) + "      alb: {name: main, priority: 3}\n") ==
        "spec.yaml:35:12: alb of service 'lang-api' needs 'host', 'path' or both to route by\n");
  CHECK(compute_errors(std::string(kApiService) + "      log_retention_days: 10\n") ==
        "spec.yaml:35:27: CloudWatch Logs does not accept a retention of 10 days; the nearest allowed value is 14\n");
  CHECK(compute_errors(std::string(kApiService) + "      imagee: x\n") ==
        "spec.yaml:35:7: unknown key 'imagee' in service 'lang-api'; did you mean 'image'?\n");
}

TEST_CASE("compute: references by name, with did-you-mean") {
  CHECK(compute_errors(std::string(kApiService) + "      database: langbd\n") ==
        "spec.yaml:35:17: service 'lang-api' refers to database 'langbd', which is not defined; did you mean "
        "'langdb'?\n");
  std::string api = kApiService;
  api.replace(api.find("cluster: apps"), 13, "cluster: app");
  CHECK(compute_errors(api) ==
        "spec.yaml:30:16: service 'lang-api' refers to cluster 'app', which is not defined; did you mean 'apps'?\n");
  CHECK(compute_errors(std::string(kApiService) + "      security_group: apii\n") ==
        "spec.yaml:35:23: service 'lang-api' refers to security group 'apii', which is not defined; did you mean "
        "'api'?\n");
  CHECK(compute_errors(std::string(kApiService) + "      alb: {name: mian, path: /*, priority: 1}\n") ==
        "spec.yaml:35:19: service 'lang-api' refers to load balancer 'mian', which is not defined; did you mean "
        "'main'?\n");
  CHECK(compute_errors(std::string(kApiService) + "      database: langdb\n      environment: {DB_HOST: localhost}\n") ==
        "spec.yaml:36:21: variable 'DB_HOST' is set by 'database: langdb'\n");
}

TEST_CASE("compute: listener rule priorities are unique per load balancer") {
  auto loaded = load_text(spec_with(std::string(kApiService) +
                                    "      alb: {name: main, path: /api/*, priority: 10}\n"  // 35
                                    "    lang-web:\n"
                                    "      cluster: apps\n"
                                    "      image: nginx:1.27\n"
                                    "      port: 8080\n"
                                    "      alb: {name: main, path: /*, priority: 10}\n"));  // 40
  CHECK(loaded.messages() ==
        "spec.yaml:40:45: load balancer 'main' already has a rule with priority 10 (service 'lang-api'); priorities "
        "must be unique per load balancer\n");
  REQUIRE(loaded.diags.items().size() == 1);
  CHECK(loaded.diags.items()[0].notes.at(0).location.line == 35);
}

TEST_CASE("compute: certificates must be in the load balancer's region and account") {
  std::string compute = kCompute;
  compute.replace(compute.find("us-east-1:123456789012"), 9, "eu-west-1");
  auto loaded = load_text(std::string(kHeader) + kNetwork + kData + compute + kApiService);
  CHECK(loaded.messages() ==
        "spec.yaml:26:20: certificate of load balancer 'main' is in region eu-west-1; it must be in the load "
        "balancer's region us-east-1\n");
}

namespace {

// Storage after the compute area, so earlier line numbers stay as they are.
const char* kStorage =
    "storage:\n"
    "  buckets:\n"
    "    media: {}\n"
    "    plain: {encryption: s3}\n"
    "    alb-logs: {preset: logs, receives: [alb-access-logs]}\n"
    "    west: {region: us-west-2}\n";

}  // namespace

TEST_CASE("compute: bucket access in the task role, on the bucket and its objects") {
  auto p = plan_text(spec_with(std::string(kApiService) + "      buckets: {read: [media, plain], write: [media]}\n") + kStorage);
  CHECK(p.schema_findings().empty());
  const Json& st = p.resource("LangApiTaskRole").properties["Policies"][0]["PolicyDocument"]["Statement"];
  CHECK(st[0] == Json::parse(R"({"Sid": "ListBuckets", "Effect": "Allow", "Action": "s3:ListBucket", "Resource": [
        {"Fn::Sub": "arn:${AWS::Partition}:s3:::test-media-123456789012-us-east-1"},
        {"Fn::Sub": "arn:${AWS::Partition}:s3:::test-plain-123456789012-us-east-1"}]})"));
  CHECK(st[1]["Action"] == "s3:GetObject");
  CHECK(st[1]["Resource"][0] == Json::parse(R"({"Fn::Sub": "arn:${AWS::Partition}:s3:::test-media-123456789012-us-east-1/*"})"));
  // Only the KMS-encrypted bucket needs its key.
  CHECK(st[2] == Json::parse(R"({"Sid": "DecryptObjects", "Effect": "Allow", "Action": "kms:Decrypt",
        "Resource": [{"Fn::ImportValue": "test-dev-storage:MediaBucketKeyArn"}]})"));
  CHECK(st[3]["Action"] == Json::parse(R"(["s3:AbortMultipartUpload", "s3:DeleteObject", "s3:PutObject"])"));
  CHECK(st[3]["Resource"].size() == 1);
  CHECK(st[4]["Action"] == Json::parse(R"(["kms:Decrypt", "kms:GenerateDataKey"])"));
  CHECK(st.size() == 5);
}

TEST_CASE("compute: load balancer access logs go to a log bucket of its region") {
  std::string compute = std::string(kCompute);
  compute.replace(compute.find("      tags: {Team: edge}"), 0, "      access_logs: {bucket: alb-logs, prefix: main}\n");
  auto p = plan_text(std::string(kHeader) + kNetwork + kData + compute + kApiService + kStorage);
  CHECK(p.schema_findings().empty());
  const Json& attributes = p.resource("MainLoadBalancer").properties["LoadBalancerAttributes"];
  CHECK(attributes[3] == Json::parse(R"({"Key": "access_logs.s3.enabled", "Value": "true"})"));
  CHECK(attributes[4] == Json::parse(R"({"Key": "access_logs.s3.bucket", "Value": {"Fn::ImportValue": "test-dev-storage:AlbLogsBucketRef"}})"));
  CHECK(attributes[5] == Json::parse(R"({"Key": "access_logs.s3.prefix", "Value": "main"})"));
  CHECK(p.stack("test-dev-compute").dependencies.count("test-dev-storage") == 1);
  // ELB tests the bucket grant when the attribute is set: the grant must cover the prefix.
  const Json* alb = nullptr;
  for (const Json& s : p.resource("AlbLogsBucketPolicy").properties["PolicyDocument"]["Statement"]) {
    if (s["Sid"] == "AlbAccessLogs") alb = &s;
  }
  REQUIRE(alb != nullptr);
  CHECK((*alb)["Resource"] == Json::parse(R"({"Fn::Sub": "${AlbLogsBucket.Arn}/main/AWSLogs/${AWS::AccountId}/*"})"));
}

TEST_CASE("compute: bucket references are checked") {
  // Lines: services from 29, kApiService to 34, the added line 35.
  CHECK(compute_errors(std::string(kApiService) + "      buckets: {read: [madia]}\n" + kStorage) ==
        "spec.yaml:35:24: service 'lang-api' refers to bucket 'madia', which is not defined; did you mean 'media'?\n");
  CHECK(compute_errors(std::string(kApiService) + "      buckets: {write: [west]}\n" + kStorage) ==
        "spec.yaml:35:25: service 'lang-api' (dev us-east-1) cannot use bucket 'west' in dev us-west-2; use a bucket "
        "of its own account and region\n");
  std::string compute = std::string(kCompute);
  compute.replace(compute.find("      tags: {Team: edge}"), 0, "      access_logs: {bucket: media}\n");
  auto loaded = load_text(std::string(kHeader) + kNetwork + kData + compute + kApiService + kStorage);
  CHECK(loaded.messages() ==
        "spec.yaml:27:29: bucket 'media' does not accept ALB access logs; give it `receives: [alb-access-logs]`\n");
}

TEST_CASE("compute: GuardDuty's Fargate agent is pullable where runtime monitoring manages it") {
  const std::string base = std::string(kHeader) + kNetwork + kData + kCompute + kApiService;
  auto statements = [](const aip::test::Planned& p) {
    return p.resource("LangApiExecutionRole").properties["Policies"][0]["PolicyDocument"]["Statement"];
  };
  auto monitored = plan_text(base + "security:\n  guardduty: {}\n");
  CHECK(monitored.schema_findings().empty());
  Json pull;
  for (const Json& s : statements(monitored)) {
    if (s["Sid"] == "PullGuardDutyAgent") pull = s;
  }
  REQUIRE(pull.is_object());
  // GuardDuty's own repository in the task's region (us-east-1: account 593207742271).
  CHECK(pull["Resource"] ==
        Json::parse(R"({"Fn::Sub": "arn:${AWS::Partition}:ecr:us-east-1:593207742271:repository/aws-guardduty-agent-fargate"})"));
  // Without runtime monitoring, or with features that leave ECS out, nothing of it.
  for (const std::string& security : {std::string(), std::string("security:\n  guardduty: {features: [s3]}\n")}) {
    auto plain = plan_text(base + security);
    for (const Json& s : statements(plain)) CHECK(s["Sid"] != "PullGuardDutyAgent");
  }
}
