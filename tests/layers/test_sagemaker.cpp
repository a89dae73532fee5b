// SageMaker (sagemaker:): registries with per-verb resource policies and the
// roles' identity side, endpoints (variants, KMS, capture, scaling, Model
// Monitor) with scoped execution roles, notebooks; every reader and check error.
#include <catch2/catch.hpp>

#include "support/plan_text.hpp"
#include "support/statement.hpp"

using aip::cfn::Json;
using aip::test::errors_of;
using aip::test::kHeader;
using aip::test::plan_text;
using aip::test::statement;

namespace {

const char* kSageMakerAccounts =
    "aip: 1\n"
    "name: test\n"
    "accounts:\n"
    "  dev: {id: \"123456789012\", region: us-east-1}\n"
    "  prod: {id: \"555555555555\", region: us-east-1}\n";

const char* kSageMakerBase = "network:\n"
    "  vpcs:\n"
    "    main: {account: dev, cidr: 10.0.0.0/16, azs: 2, tiers: {public: 24, private: 24}, endpoints: {interface: [sagemaker.api, git-codecommit]}}\n"
    "    other: {account: dev, cidr: 10.1.0.0/16, azs: 2, tiers: {public: 24}}\n"
    "  security_groups:\n"
    "    elsewhere: {vpc: other}\n"
    "storage:\n"
    "  buckets:\n"
    "    models: {account: dev, access_logs: false}\n"
    "    capture: {account: dev, access_logs: false}\n"
    "    prod-data: {account: prod, access_logs: false}\n"
    "iam:\n"
    "  personas:\n"
    "    reviewer: {role_name: ReviewerRole, accounts: [prod], trust: {identity_center: Reviewer}, cloudwatch: read}\n"
    "    everywhere: {role_name: EverywhereRole, accounts: [dev, prod], trust: {identity_center: Everywhere}, cloudwatch: read}\n"
    "    dev: {role_name: DevNamedRole, accounts: [dev], trust: {identity_center: Dev}, cloudwatch: read}\n"
    "sagemaker:\n";

}  // namespace

TEST_CASE("a registry lets accounts read and other accounts' roles approve, each verb its own statements") {
  auto p = plan_text(std::string(kSageMakerAccounts) + kSageMakerBase +
                     "  registries:\n"
                     "    churn: {account: dev, read: [prod], approve: [reviewer]}\n");
  CHECK(p.schema_findings().empty());
  const auto& g = *p.stack("test-dev-sagemaker").find("ChurnModelRegistry");
  CHECK(g.type == "AWS::SageMaker::ModelPackageGroup");
  CHECK(g.properties["ModelPackageGroupName"] == "test-churn");
  CHECK(g.deletion_policy == "Retain");
  const Json& doc = g.properties["ModelPackageGroupPolicy"];
  Json read = statement(doc, "ReadAccountsVersions");
  CHECK(read["Principal"]["AWS"] == Json::parse(R"(["arn:aws:iam::555555555555:root"])"));
  CHECK(read["Action"] == Json::parse(R"(["sagemaker:CreateModel","sagemaker:DescribeModelPackage","sagemaker:ListModelPackages"])"));
  CHECK(read["Resource"] == "arn:aws:sagemaker:us-east-1:123456789012:model-package/test-churn/*");
  CHECK(statement(doc, "ReadAccountsGroup")["Resource"] ==
        "arn:aws:sagemaker:us-east-1:123456789012:model-package-group/test-churn");
  // A role: its account's root, pinned to the role's ARN.
  Json approve = statement(doc, "ApproveRolesVersions");
  CHECK(approve["Principal"]["AWS"] == Json::parse(R"(["arn:aws:iam::555555555555:root"])"));
  CHECK(approve["Condition"] ==
        Json::parse(R"({"ArnEquals": {"aws:PrincipalArn": ["arn:aws:iam::555555555555:role/ReviewerRole"]}})"));
  CHECK(approve["Action"] == Json::parse(R"(["sagemaker:DescribeModelPackage","sagemaker:ListModelPackages","sagemaker:UpdateModelPackage"])"));
  CHECK(doc["Statement"].size() == 4);  // no register statements: nobody registers
  // The reviewer's own role gets the identity side, on this group only.
  Json mine = statement(p.resource("ReviewerRole").properties["Policies"][0]["PolicyDocument"], "ChurnRegistryApprove");
  CHECK(mine["Resource"] == Json::parse(R"(["arn:aws:sagemaker:us-east-1:123456789012:model-package-group/test-churn",
                                            "arn:aws:sagemaker:us-east-1:123456789012:model-package/test-churn/*"])"));
  CHECK(std::find(mine["Action"].begin(), mine["Action"].end(), "sagemaker:UpdateModelPackage") != mine["Action"].end());
  CHECK(std::find(mine["Action"].begin(), mine["Action"].end(), "sagemaker:CreateModelPackage") == mine["Action"].end());
}

TEST_CASE("a registry's record verb updates versions but never their approval status or stage") {
  auto p = plan_text(std::string(kSageMakerAccounts) + kSageMakerBase +
                     "  registries:\n"
                     "    churn: {account: dev, record: [reviewer]}\n");
  CHECK(p.schema_findings().empty());
  const Json& doc = p.stack("test-dev-sagemaker").find("ChurnModelRegistry")->properties["ModelPackageGroupPolicy"];
  CHECK(doc["Statement"].size() == 2);
  Json record = statement(doc, "RecordRolesVersions");
  CHECK(record["Principal"]["AWS"] == Json::parse(R"(["arn:aws:iam::555555555555:root"])"));
  CHECK(record["Action"] == Json::parse(R"(["sagemaker:DescribeModelPackage","sagemaker:ListModelPackages","sagemaker:UpdateModelPackage"])"));
  CHECK(record["Condition"] == Json::parse(R"({
    "ArnEquals": {"aws:PrincipalArn": ["arn:aws:iam::555555555555:role/ReviewerRole"]},
    "Null": {"sagemaker:ModelApprovalStatus": "true", "sagemaker:ModelLifeCycle:stage": "true",
             "sagemaker:ModelLifeCycle:stageStatus": "true"}})"));
  CHECK(statement(doc, "RecordRolesGroup")["Condition"].count("Null") == 0);
  // The identity side: the group, then the versions under the same conditions.
  const Json& mine = p.resource("ReviewerRole").properties["Policies"][0]["PolicyDocument"];
  CHECK(statement(mine, "ChurnRegistryRecordGroup")["Resource"] ==
        Json::array({"arn:aws:sagemaker:us-east-1:123456789012:model-package-group/test-churn"}));
  Json versions = statement(mine, "ChurnRegistryRecordVersions");
  CHECK(versions["Resource"] == Json::array({"arn:aws:sagemaker:us-east-1:123456789012:model-package/test-churn/*"}));
  CHECK(versions["Condition"] == Json::parse(R"({"Null": {"sagemaker:ModelApprovalStatus": ["true"],
    "sagemaker:ModelLifeCycle:stage": ["true"], "sagemaker:ModelLifeCycle:stageStatus": ["true"]}})"));
}

TEST_CASE("an endpoint: variants with weights, KMS, data capture, scaling, monitoring and a scoped role") {
  auto p = plan_text(std::string(kSageMakerAccounts) + kSageMakerBase +
                     "  endpoints:\n"
                     "    churn:\n"
                     "      account: dev\n"
                     "      variants:\n"
                     "        blue: {model: {image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/churn:1, bucket: models, "
                     "key: churn/1/model.tar.gz}, instance_type: ml.m5.xlarge, weight: 90}\n"
                     "        green: {model: {image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/churn:2, bucket: models, "
                     "key: churn/2/model.tar.gz}, instance_type: ml.m5.xlarge, weight: 10, count: 3}\n"
                     "      scaling: {min: 2, max: 10, invocations_per_instance: 500}\n"
                     "      data_capture: {bucket: capture, percent: 20}\n"
                     "      monitoring: {bucket: models, baseline: churn/1/baseline}\n");
  CHECK(p.schema_findings().empty());
  const auto& s = p.stack("test-dev-sagemaker");
  const Json& config = s.find("ChurnEndpointConfig")->properties;
  CHECK(config["KmsKeyId"] == Json::parse(R"({"Fn::GetAtt": ["ChurnEndpointKey", "Arn"]})"));
  REQUIRE(config["ProductionVariants"].size() == 2);
  CHECK(config["ProductionVariants"][0]["VariantName"] == "blue");
  CHECK(config["ProductionVariants"][0]["InitialVariantWeight"] == 90);
  CHECK(config["ProductionVariants"][0]["InitialInstanceCount"] == 2);  // scaling's min
  CHECK(config["ProductionVariants"][1]["InitialInstanceCount"] == 3);  // as written
  CHECK(config["DataCaptureConfig"]["DestinationS3Uri"] == "s3://test-capture-123456789012-us-east-1/capture/churn");
  CHECK(config["DataCaptureConfig"]["InitialSamplingPercentage"] == 20);
  CHECK(s.find("ChurnEndpoint")->properties["EndpointName"] == "test-churn");
  CHECK(s.find("ChurnEndpointBlueModel")->properties["PrimaryContainer"]["ModelDataUrl"] ==
        "s3://test-models-123456789012-us-east-1/churn/1/model.tar.gz");
  // Scaling per variant, on invocations per instance.
  const auto& target = *s.find("ChurnEndpointGreenScalableTarget");
  CHECK(target.properties["MinCapacity"] == 2);
  CHECK(target.properties["MaxCapacity"] == 10);
  CHECK(target.properties["ResourceId"] == Json::parse(R"({"Fn::Sub": "endpoint/${ChurnEndpoint.EndpointName}/variant/green"})"));
  CHECK(target.depends_on == std::vector<std::string>{"ChurnEndpoint"});
  const Json& tracking = s.find("ChurnEndpointGreenScalingPolicy")->properties["TargetTrackingScalingPolicyConfiguration"];
  CHECK(tracking["PredefinedMetricSpecification"]["PredefinedMetricType"] == "SageMakerVariantInvocationsPerInstance");
  CHECK(tracking["TargetValue"] == 500);
  // The role reads exactly the two artifacts, pulls one repository, writes its capture prefix.
  const Json& doc = s.find("ChurnEndpointRole")->properties["Policies"][0]["PolicyDocument"];
  CHECK(statement(doc, "ReadObjects")["Resource"] ==
        Json::parse(R"([{"Fn::Sub": "arn:${AWS::Partition}:s3:::test-models-123456789012-us-east-1/churn/1/model.tar.gz"},
                        {"Fn::Sub": "arn:${AWS::Partition}:s3:::test-models-123456789012-us-east-1/churn/2/model.tar.gz"}])"));
  CHECK(statement(doc, "PullImages")["Resource"] ==
        Json::parse(R"([{"Fn::Sub": "arn:${AWS::Partition}:ecr:us-east-1:123456789012:repository/churn"}])"));
  CHECK(statement(doc, "WriteObjects")["Resource"] ==
        Json::parse(R"([{"Fn::Sub": "arn:${AWS::Partition}:s3:::test-capture-123456789012-us-east-1/capture/churn/*"}])"));
  // Model Monitor: the region's analyzer image, the baseline, an hourly schedule.
  const Json& job = s.find("ChurnEndpointDataQualityJob")->properties;
  CHECK(job["DataQualityAppSpecification"]["ImageUri"] ==
        "156813124566.dkr.ecr.us-east-1.amazonaws.com/sagemaker-model-monitor-analyzer");
  CHECK(job["DataQualityBaselineConfig"]["ConstraintsResource"]["S3Uri"] ==
        "s3://test-models-123456789012-us-east-1/churn/1/baseline/constraints.json");
  const auto& schedule = *s.find("ChurnEndpointMonitoringSchedule");
  CHECK(schedule.properties["MonitoringScheduleConfig"]["ScheduleConfig"]["ScheduleExpression"] == "cron(0 * ? * * *)");
  CHECK(schedule.depends_on == std::vector<std::string>{"ChurnEndpointDataQualityJob"});
  const Json& monitor = s.find("ChurnEndpointMonitoringRole")->properties["Policies"][0]["PolicyDocument"];
  CHECK(statement(monitor, "WriteObjects")["Resource"] ==
        Json::parse(R"([{"Fn::Sub": "arn:${AWS::Partition}:s3:::test-models-123456789012-us-east-1/monitoring/churn/*"}])"));
}

TEST_CASE("an endpoint from a registry version of another account, on instance storage") {
  auto p = plan_text(std::string(kSageMakerAccounts) + kSageMakerBase +
                     "  registries:\n"
                     "    churn: {account: dev, read: [prod]}\n"
                     "  endpoints:\n"
                     "    scoring: {account: prod, model: {registry: churn, version: 3}, instance_type: ml.g5.xlarge}\n");
  CHECK(p.schema_findings().empty());
  const auto& s = p.stack("test-prod-sagemaker");
  CHECK(s.find("ScoringEndpointAllTrafficModel")->properties["PrimaryContainer"]["ModelPackageName"] ==
        Json::parse(R"({"Fn::Sub": "arn:${AWS::Partition}:sagemaker:us-east-1:123456789012:model-package/test-churn/3"})"));
  // ml.g5 has local NVMe storage, which SageMaker encrypts itself and where it refuses a key.
  CHECK_FALSE(s.find("ScoringEndpointConfig")->properties.contains("KmsKeyId"));
  CHECK(s.find("ScoringEndpointConfig")->properties["ProductionVariants"][0]["VariantName"] == "AllTraffic");
}

TEST_CASE("a registry version as a deploy-time stack parameter, named in the endpoint's model-packages tag") {
  auto p = plan_text(std::string(kSageMakerAccounts) + kSageMakerBase +
                     "  registries:\n"
                     "    churn: {account: dev, read: [prod]}\n"
                     "  endpoints:\n"
                     "    scoring:\n"
                     "      account: prod\n"
                     "      variants:\n"
                     "        current: {model: {registry: churn, version: 3, version_parameter: CurrentVersion}, instance_type: ml.m5.xlarge, weight: 9}\n"
                     "        fixed: {model: {registry: churn, version: 2}, instance_type: ml.m5.xlarge}\n"
                     "    shadow: {account: prod, model: {registry: churn, version: 3, version_parameter: CurrentVersion}, instance_type: ml.m5.xlarge}\n");
  CHECK(p.schema_findings().empty());
  const auto& s = p.stack("test-prod-sagemaker");
  // One parameter, shared by the two models that name it; the spec's version is its default.
  REQUIRE(s.parameters.size() == 1);
  const Json& parameter = s.parameters.at("CurrentVersion");
  CHECK(parameter["Type"] == "Number");
  CHECK(parameter["Default"] == "3");
  CHECK(parameter["MinValue"] == 1);
  CHECK(s.find("ScoringEndpointCurrentModel")->properties["PrimaryContainer"]["ModelPackageName"] ==
        Json::parse(R"({"Fn::Sub": "arn:${AWS::Partition}:sagemaker:us-east-1:123456789012:model-package/test-churn/${CurrentVersion}"})"));
  CHECK(s.find("ScoringEndpointFixedModel")->properties["PrimaryContainer"]["ModelPackageName"] ==
        Json::parse(R"({"Fn::Sub": "arn:${AWS::Partition}:sagemaker:us-east-1:123456789012:model-package/test-churn/2"})"));
  const Json tmpl = aip::cfn::render_template(*p.assembly, s);
  CHECK(tmpl["Parameters"]["CurrentVersion"]["Default"] == "3");
  // The endpoint names the versions it serves, in variant order, as deployed.
  auto tag = [&](const std::string& id) {
    for (const Json& t : tmpl["Resources"][id]["Properties"]["Tags"]) {
      if (t["Key"] == "model-packages") return t["Value"];
    }
    return Json();
  };
  CHECK(tag("ScoringEndpoint") == Json::parse(R"({"Fn::Sub": "test-churn/${CurrentVersion} test-churn/2"})"));
  CHECK(tag("ShadowEndpoint") == Json::parse(R"({"Fn::Sub": "test-churn/${CurrentVersion}"})"));
}

TEST_CASE("an endpoint's instance type and scaling range as deploy-time stack parameters") {
  auto p = plan_text(std::string(kSageMakerAccounts) + kSageMakerBase +
                     "  endpoints:\n"
                     "    scoring:\n"
                     "      account: dev\n"
                     "      model: {image: 683313688378.dkr.ecr.us-east-1.amazonaws.com/x:1, bucket: models, key: m.tar.gz}\n"
                     "      instance_type: ml.m5.xlarge\n"
                     "      instance_type_parameter: ScoringInstanceType\n"
                     "      scaling: {min: 2, max: 4, min_parameter: ScoringMin, max_parameter: ScoringMax, invocations_per_instance_parameter: ScoringTarget}\n");
  CHECK(p.schema_findings().empty());
  const auto& s = p.stack("test-dev-sagemaker");
  REQUIRE(s.parameters.size() == 4);
  CHECK(s.parameters.at("ScoringTarget")["Default"] == "1000");
  CHECK(s.parameters.at("ScoringInstanceType")["Type"] == "String");
  CHECK(s.parameters.at("ScoringInstanceType")["Default"] == "ml.m5.xlarge");
  CHECK(s.parameters.at("ScoringMin")["Default"] == "2");
  CHECK(s.parameters.at("ScoringMax")["Default"] == "4");
  CHECK(s.parameters.at("ScoringMax")["MaxValue"] == 100);
  const Json& variant = s.find("ScoringEndpointConfig")->properties["ProductionVariants"][0];
  CHECK(variant["InstanceType"] == Json::parse(R"({"Ref": "ScoringInstanceType"})"));
  CHECK(variant["InitialInstanceCount"] == Json::parse(R"({"Ref": "ScoringMin"})"));  // no count: the minimum
  const auto& target = s.find("ScoringEndpointAllTrafficScalableTarget")->properties;
  CHECK(target["MinCapacity"] == Json::parse(R"({"Ref": "ScoringMin"})"));
  CHECK(target["MaxCapacity"] == Json::parse(R"({"Ref": "ScoringMax"})"));
  CHECK(s.find("ScoringEndpointAllTrafficScalingPolicy")->properties["TargetTrackingScalingPolicyConfiguration"]["TargetValue"] ==
        Json::parse(R"({"Ref": "ScoringTarget"})"));
}

TEST_CASE("an endpoint from a registry version reads its artifacts in the bucket of another account and pulls its image") {
  auto p = plan_text(std::string(kSageMakerAccounts) +
                     "storage:\n"
                     "  buckets:\n"
                     "    artifacts: {account: dev, access_logs: false, read_accounts: [prod]}\n"
                     "    capture: {account: prod, access_logs: false}\n"
                     "sagemaker:\n"
                     "  registries:\n"
                     "    churn: {account: dev, read: [prod]}\n"
                     "  endpoints:\n"
                     "    scoring:\n"
                     "      account: prod\n"
                     "      model: {registry: churn, version: 3, bucket: artifacts, key: models/, image: 683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3}\n"
                     "      instance_type: ml.m5.xlarge\n"
                     "      data_capture: {bucket: capture}\n");
  CHECK(p.schema_findings().empty());
  const auto& s = p.stack("test-prod-sagemaker");
  const Json& container = s.find("ScoringEndpointAllTrafficModel")->properties["PrimaryContainer"];
  CHECK_FALSE(container.contains("Image"));  // the version names its container
  const Json& role = s.find("ScoringEndpointRole")->properties["Policies"][0]["PolicyDocument"];
  CHECK(statement(role, "ReadObjects")["Resource"] ==
        Json::parse(R"([{"Fn::Sub": "arn:${AWS::Partition}:s3:::test-artifacts-123456789012-us-east-1/models/*"}])"));
  // The dev bucket's key cannot be referenced from prod: that account's keys, through S3, for that bucket only.
  CHECK(statement(role, "DecryptObjectsOfOtherAccounts") == Json::parse(R"({
    "Sid": "DecryptObjectsOfOtherAccounts", "Effect": "Allow", "Action": "kms:Decrypt",
    "Resource": {"Fn::Sub": "arn:${AWS::Partition}:kms:us-east-1:123456789012:key/*"},
    "Condition": {"StringEquals": {
      "kms:EncryptionContext:aws:s3:arn": {"Fn::Sub": "arn:${AWS::Partition}:s3:::test-artifacts-123456789012-us-east-1"},
      "kms:ViaService": {"Fn::Sub": "s3.${AWS::Region}.${AWS::URLSuffix}"}}}})"));
  CHECK(statement(role, "PullImages")["Resource"] ==
        Json::parse(R"([{"Fn::Sub": "arn:${AWS::Partition}:ecr:us-east-1:683313688378:repository/sagemaker-scikit-learn"}])"));
}

TEST_CASE("a notebook: private subnet, no internet or root, KMS, idle stop, its buckets only") {
  auto p = plan_text(std::string(kSageMakerAccounts) + kSageMakerBase +
                     "  notebooks:\n"
                     "    research: {vpc: main, idle_minutes: 45, read_buckets: [models], write_buckets: [capture]}\n");
  CHECK(p.schema_findings().empty());
  const auto& s = p.stack("test-dev-sagemaker");
  const Json& n = s.find("ResearchNotebook")->properties;
  CHECK(n["DirectInternetAccess"] == "Disabled");
  CHECK(n["RootAccess"] == "Disabled");
  CHECK(n["InstanceType"] == "ml.t3.xlarge");
  CHECK(n["KmsKeyId"] == Json::parse(R"({"Fn::GetAtt": ["ResearchNotebookKey", "Arn"]})"));
  CHECK(n["SubnetId"] == Json::parse(R"({"Fn::ImportValue": "test-dev-network:MainVpcPrivateSubnet1Ref"})"));
  const Json& group = s.find("ResearchNotebookSecurityGroup")->properties;
  CHECK(group["SecurityGroupEgress"][0]["CidrIp"] == "10.0.0.0/16");
  CHECK_FALSE(group.contains("SecurityGroupIngress"));
  const std::string script =
      s.find("ResearchNotebookLifecycle")->properties["OnStart"][0]["Content"]["Fn::Base64"].get<std::string>();
  CHECK(script.find("aip-autostop.py 45") != std::string::npos);
  CHECK(script.find("stop-notebook-instance") != std::string::npos);
  const Json& doc = s.find("ResearchNotebookRole")->properties["Policies"][0]["PolicyDocument"];
  CHECK(statement(doc, "StopWhenIdle")["Resource"] ==
        Json::parse(R"({"Fn::Sub": "arn:${AWS::Partition}:sagemaker:${AWS::Region}:${AWS::AccountId}:notebook-instance/test-research"})"));
  CHECK(statement(doc, "WriteObjects")["Resource"] ==
        Json::parse(R"([{"Fn::Sub": "arn:${AWS::Partition}:s3:::test-capture-123456789012-us-east-1/*"}])"));
  // No repository named: no Git access at all.
  CHECK_FALSE(n.contains("DefaultCodeRepository"));
  for (const Json& st : doc["Statement"]) CHECK(st["Sid"] != "NotebookRepository");
}

TEST_CASE("a notebook's CodeCommit repository: its default code repository, pulled and pushed by its role only") {
  auto p = plan_text(std::string(kSageMakerAccounts) + kSageMakerBase +
                     "  notebooks:\n"
                     "    research: {vpc: main, code_repository: research-notebooks}\n");
  CHECK(p.schema_findings().empty());
  const auto& s = p.stack("test-dev-sagemaker");
  CHECK(s.find("ResearchNotebook")->properties["DefaultCodeRepository"] ==
        Json::parse(R"({"Fn::Sub": "https://git-codecommit.${AWS::Region}.amazonaws.com/v1/repos/research-notebooks"})"));
  const Json& doc = s.find("ResearchNotebookRole")->properties["Policies"][0]["PolicyDocument"];
  CHECK(statement(doc, "NotebookRepository")["Action"] == Json::parse(R"(["codecommit:GitPull", "codecommit:GitPush"])"));
  CHECK(statement(doc, "NotebookRepository")["Resource"] ==
        Json::parse(R"({"Fn::Sub": "arn:${AWS::Partition}:codecommit:${AWS::Region}:${AWS::AccountId}:research-notebooks"})"));
}

TEST_CASE("a feature group: online store with its own key, offline store under its prefix with the bucket's key") {
  auto p = plan_text(std::string(kSageMakerAccounts) + kSageMakerBase +
                     "  feature_groups:\n"
                     "    customers:\n"
                     "      account: dev\n"
                     "      record_id: customer-id\n"
                     "      event_time: event-time\n"
                     "      features: {customer-id: string, event-time: string, spend-7d: fractional, orders-30d: integral}\n"
                     "      offline: {bucket: models, prefix: features/customers/}\n"
                     "    sessions: {account: dev, record_id: id, event_time: t, features: {id: string, t: fractional}}\n");
  CHECK(p.schema_findings().empty());
  const auto& s = p.stack("test-dev-sagemaker");
  const auto& g = *s.find("CustomersFeatureGroup");
  CHECK(g.type == "AWS::SageMaker::FeatureGroup");
  CHECK(g.properties["FeatureGroupName"] == "test-customers");
  CHECK(g.properties["RecordIdentifierFeatureName"] == "customer-id");
  CHECK(g.properties["EventTimeFeatureName"] == "event-time");
  // In the order the spec gives them.
  CHECK(g.properties["FeatureDefinitions"] == Json::parse(R"([{"FeatureName": "customer-id", "FeatureType": "String"},
    {"FeatureName": "event-time", "FeatureType": "String"}, {"FeatureName": "spend-7d", "FeatureType": "Fractional"},
    {"FeatureName": "orders-30d", "FeatureType": "Integral"}])"));
  CHECK(g.properties["OnlineStoreConfig"] ==
        Json::parse(R"({"EnableOnlineStore": true, "SecurityConfig": {"KmsKeyId": {"Fn::GetAtt": ["CustomersFeatureGroupKey", "Arn"]}}})"));
  CHECK(s.find("CustomersFeatureGroupKey")->properties["EnableKeyRotation"] == true);
  CHECK(s.find("CustomersFeatureGroupKey")->deletion_policy == "Retain");
  const Json& offline = g.properties["OfflineStoreConfig"];
  CHECK(offline["S3StorageConfig"]["S3Uri"] == "s3://test-models-123456789012-us-east-1/features/customers");
  CHECK(offline["S3StorageConfig"]["KmsKeyId"] == Json::parse(R"({"Fn::ImportValue": "test-dev-storage:ModelsBucketKeyArn"})"));
  CHECK(offline["DisableGlueTableCreation"] == true);
  CHECK(g.properties["RoleArn"] == Json::parse(R"({"Fn::GetAtt": ["CustomersFeatureGroupRole", "Arn"]})"));
  // The role reaches only the offline prefix.
  const auto& role = *s.find("CustomersFeatureGroupRole");
  CHECK(role.properties["AssumeRolePolicyDocument"]["Statement"][0]["Principal"]["Service"] == "sagemaker.amazonaws.com");
  const Json& doc = role.properties["Policies"][0]["PolicyDocument"];
  const std::string objects = "arn:${AWS::Partition}:s3:::test-models-123456789012-us-east-1/features/customers/*";
  CHECK(statement(doc, "WriteObjects")["Resource"] == Json::array({{{"Fn::Sub", objects}}}));
  CHECK(statement(doc, "ReadObjects")["Resource"] == Json::array({{{"Fn::Sub", objects}}}));
  CHECK(statement(doc, "OfflineStoreObjectAcl")["Resource"]["Fn::Sub"] == objects);
  CHECK(statement(doc, "OfflineStoreAcl")["Action"] == "s3:GetBucketAcl");
  CHECK(statement(doc, "EncryptObjects")["Resource"] ==
        Json::parse(R"([{"Fn::ImportValue": "test-dev-storage:ModelsBucketKeyArn"}])"));
  CHECK(doc["Statement"].size() == 6);
  // Online only: no role, no offline store.
  const auto& online = *s.find("SessionsFeatureGroup");
  CHECK_FALSE(online.properties.contains("OfflineStoreConfig"));
  CHECK_FALSE(online.properties.contains("RoleArn"));
  CHECK_FALSE(p.has("SessionsFeatureGroupRole"));
}

TEST_CASE("feature group errors point at the key") {
  auto errors = [](const std::string& c) { return errors_of(std::string(kSageMakerBase) + c, kSageMakerAccounts); };
  CHECK(errors("  feature_groups:\n    f: {account: dev, record_id: id, event_time: t, features: {id: string, t: strng}}\n") ==
        "spec.yaml:24:79: 't' must be one of string, integral, fractional, got 'strng'; did you mean 'string'?\n");
  CHECK(errors("  feature_groups:\n    f: {account: dev, record_id: id, event_time: t, features: {customer_id: string, t: string}}\n") ==
        "spec.yaml:24:64: feature name 'customer_id' must be 1 to 64 letters and digits, with '-' between them\n");
  CHECK(errors("  feature_groups:\n    f: {account: dev, record_id: id, event_time: t, features: [id, t]}\n") ==
        "spec.yaml:24:63: 'features' of feature group 'f' must map feature names to string, integral or fractional, got a list\n");
  CHECK(errors("  feature_groups:\n    f: {account: dev, event_time: t, features: {id: string, t: string}}\n") ==
        "spec.yaml:24:5: feature group 'f' is missing required key 'record_id'\n");
  CHECK(errors("  feature_groups:\n    f: {account: dev, record_id: id, event_time: t, features: {id: string, t: string}, online: false}\n") ==
        "spec.yaml:24:5: feature group 'f' has no store: keep 'online' or give 'offline: {bucket: ..., prefix: ...}'\n");
  CHECK(errors("  feature_groups:\n    f: {account: dev, record_id: id, event_time: t, features: {id: string, t: string}, offline: {bucket: models, prefix: features}}\n") ==
        "spec.yaml:24:122: 'prefix' must be a key prefix ending in '/' without spaces or wildcards, got 'features'\n");
  CHECK(errors("  feature_groups:\n    f: {account: dev, record_id: id, event_time: t, features: {id: string, t: string}, offline: {bucket: models, prefx: a/}}\n") ==
        "spec.yaml:24:114: unknown key 'prefx' in 'offline' of feature group 'f'; did you mean 'prefix'?\n");
  CHECK(errors("  feature_groups:\n    f: {account: dev, record_id: id, event_time: t, features: {id: string, t: string}, group_name: my_group}\n") ==
        "spec.yaml:24:100: 'my_group' is not a feature group name (1 to 64 letters and digits, '-' between them)\n");
  CHECK(errors("  feature_groups:\n    f: {account: dev, record_id: idd, event_time: t, features: {id: string, t: string}}\n") ==
        "spec.yaml:24:34: 'record_id' of feature group 'f' names feature 'idd', which is not one of its features; did you mean 'id'?\n");
  CHECK(errors("  feature_groups:\n    f: {account: dev, record_id: id, event_time: t, features: {id: string, t: integral}}\n") ==
        "spec.yaml:24:50: the event time feature 't' of feature group 'f' is integral; SageMaker takes a string (ISO-8601) or fractional (Unix seconds) event time\n");
  CHECK(errors("  feature_groups:\n    f: {account: dev, record_id: id, event_time: t, features: {id: string, t: string}, offline: {bucket: prod-data}}\n") ==
        "spec.yaml:24:106: feature group 'f' (account dev, us-east-1) refers to bucket 'prod-data' (account prod, us-east-1); SageMaker reaches buckets of its own account and region\n");
  CHECK(errors("  feature_groups:\n    f: {account: dev, record_id: id, event_time: t, features: {id: string, t: string}, offline: {bucket: modles}}\n") ==
        "spec.yaml:24:106: feature group 'f' refers to bucket 'modles', which is not defined; did you mean 'models'?\n");
  CHECK(errors("  feature_groups:\n    f: {account: dev, record_id: id, event_time: t, features: {id: string, t: string}}\n    g: {account: dev, group_name: test-f, record_id: id, event_time: t, features: {id: string, t: string}}\n") ==
        "spec.yaml:25:5: feature groups 'f' and 'g' would both be named 'test-f'\n");
  CHECK(errors("  feature_groups:\n    f_g: {account: dev, record_id: id, event_time: t, features: {id: string, t: string}}\n") ==
        "spec.yaml:24:5: feature group 'f_g' would be named 'test-f_g', which is not a feature group name (1 to 64 letters and digits, '-' between them); set 'group_name'\n");
}

TEST_CASE("an endpoint's models are network-isolated unless the endpoint opts out") {
  const std::string endpoint =
      "  endpoints:\n"
      "    churn: {account: dev, model: {image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/churn:1, bucket: models, "
      "key: churn/1/model.tar.gz}, instance_type: ml.m5.xlarge";
  auto isolated = plan_text(std::string(kSageMakerAccounts) + kSageMakerBase + endpoint + "}\n");
  CHECK(isolated.schema_findings().empty());
  CHECK(isolated.stack("test-dev-sagemaker").find("ChurnEndpointAllTrafficModel")->properties["EnableNetworkIsolation"] ==
        true);
  auto open = plan_text(std::string(kSageMakerAccounts) + kSageMakerBase + endpoint + ", network_isolation: false}\n");
  CHECK_FALSE(
      open.stack("test-dev-sagemaker").find("ChurnEndpointAllTrafficModel")->properties.contains("EnableNetworkIsolation"));
}

TEST_CASE("sagemaker reader errors point at the key") {
  auto errors = [](const std::string& c) { return errors_of(std::string(kSageMakerBase) + c, kSageMakerAccounts); };
  CHECK(errors("  registries:\n    r: {account: dev, group_name: 'bad name', read: [prod]}\n") ==
        "spec.yaml:24:35: 'bad name' is not a model package group name (1 to 63 letters, digits and '-')\n");
  CHECK(errors("  endpoints:\n    e: {account: dev, model: {image: 'docker.io/m:1', bucket: models, key: m}, instance_type: ml.m5.xlarge}\n") ==
        "spec.yaml:24:38: 'docker.io/m:1' is not an ECR image such as 123456789012.dkr.ecr.us-east-1.amazonaws.com/repository:tag\n");
  CHECK(errors("  endpoints:\n    e: {account: dev, model: {image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/m:1, bucket: models, key: m/model.tar.gz}, instance_type: m5.xlarge}\n") ==
        "spec.yaml:24:141: 'm5.xlarge' is not a SageMaker instance type such as ml.m5.xlarge\n");
  CHECK(errors("  endpoints:\n    e: {account: dev, model: {image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/m:1, bucket: models, key: m/model.tar.gz}}\n") ==
        "spec.yaml:24:5: endpoint 'e' needs an 'instance_type' such as ml.m5.xlarge\n");
  CHECK(errors("  endpoints:\n    e: {account: dev, instance_type: ml.m5.xlarge}\n") ==
        "spec.yaml:24:5: endpoint 'e' needs a 'model' and an 'instance_type', or 'variants'\n");
  CHECK(errors("  endpoints:\n    e: {account: dev, model: {image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/m:1, bucket: models, key: m/model.tar.gz}, instance_type: ml.m5.xlarge, variants: {a: {model: {image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/m:1, bucket: models, key: m/model.tar.gz}, instance_type: ml.m5.xlarge}}}\n") ==
        "spec.yaml:24:30: endpoint 'e' has 'variants'; give each variant its model and instance_type there\n");
  CHECK(errors("  endpoints:\n    e: {account: dev, variants: {}}\n") ==
        "spec.yaml:24:33: 'variants' of endpoint 'e' is empty\n");
  CHECK(errors("  endpoints:\n    e: {account: dev, variants: {a: {instance_type: ml.m5.xlarge}}}\n") ==
        "spec.yaml:24:34: variant 'a' of endpoint 'e' is missing required key 'model'\n");
  CHECK(errors("  endpoints:\n    e: {account: dev, variants: {a: {model: {image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/m:1, bucket: models, key: m/model.tar.gz}, instance_type: ml.m5.xlarge, weight: 2000}}}\n") ==
        "spec.yaml:24:178: 'weight' must be between 0 and 1000, got 2000\n");
  CHECK(errors("  endpoints:\n    e: {account: dev, model: {image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/m:1, bucket: models, key: m/model.tar.gz}, instance_type: ml.m5.xlarge, count: 0}\n") ==
        "spec.yaml:24:162: 'count' must be between 1 and 100, got 0\n");
  CHECK(errors("  endpoints:\n    e: {account: dev, model: {image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/m:1, bucket: models, key: m/model.tar.gz}, instance_type: ml.m5.xlarge, scaling: {min: 4, max: 2}}\n") ==
        "spec.yaml:24:178: 'max' of the scaling of endpoint 'e' (2) is below 'min' (4)\n");
  CHECK(errors("  endpoints:\n    e: {account: dev, model: {image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/m:1, bucket: models, key: m/model.tar.gz}, instance_type: ml.m5.xlarge, scaling: {max: 2}}\n") ==
        "spec.yaml:24:164: scaling of endpoint 'e' is missing required key 'min'\n");
  CHECK(errors("  endpoints:\n    e: {account: dev, model: {image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/m:1, bucket: models, key: m/model.tar.gz}, instance_type: ml.m5.xlarge, data_capture: {percent: 20}}\n") ==
        "spec.yaml:24:169: data_capture of endpoint 'e' is missing required key 'bucket'\n");
  CHECK(errors("  endpoints:\n    e: {account: dev, model: {image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/m:1, bucket: models, key: m/model.tar.gz}, instance_type: ml.m5.xlarge, data_capture: {bucket: capture, percent: 0}}\n") ==
        "spec.yaml:24:196: 'percent' must be between 1 and 100, got 0\n");
  CHECK(errors("  endpoints:\n    e: {account: dev, model: {image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/m:1, bucket: models, key: m/model.tar.gz}, instance_type: ml.m5.xlarge, data_capture: {bucket: capture},\n        monitoring: {bucket: models, baseline: b, schedule: 'cron(0 12 * * ? *)'}}\n") ==
        "spec.yaml:25:61: 'schedule' of a monitoring schedule must be hourly or every N hours, such as cron(0 * ? * * *) or cron(0 0/6 ? * * *); got 'cron(0 12 * * ? *)'\n");
  CHECK(errors("  endpoints:\n    e: {account: dev, model: {image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/m:1, bucket: models, key: m/model.tar.gz}, instance_type: ml.m5.xlarge, data_capture: {bucket: capture}, monitoring: {bucket: models}}\n") ==
        "spec.yaml:24:200: monitoring of endpoint 'e' is missing required key 'baseline'\n");
  CHECK(errors("  endpoints:\n    e: {account: dev, endpoint_name: 'e_1', model: {image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/m:1, bucket: models, key: m/model.tar.gz}, instance_type: ml.m5.xlarge}\n") ==
        "spec.yaml:24:38: 'e_1' is not a SageMaker endpoint name (1 to 63 letters, digits and '-')\n");
  CHECK(errors("  endpoints:\n    e: {account: dev, model: {image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/m:1, bucket: models, key: k, version: 0}, instance_type: ml.m5.xlarge}\n") ==
        "spec.yaml:24:121: 'version' must be between 1 and 1000000, got 0\n");
  CHECK(errors("  endpoints:\n    e: {account: dev, model: {image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/m:1, bucket: models, key: m/model.tar.gz}, instance_type: ml.m5.xlarge, scalling: {min: 1, max: 2}}\n") ==
        "spec.yaml:24:155: unknown key 'scalling' in endpoint 'e'; did you mean 'scaling'?\n");
  CHECK(errors("  endpoints:\n    e: {account: dev, model: {image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/m:1, bucket: models, key: m/model.tar.gz}, instance_type: ml.m5.xlarge, network_isolation: off}\n") ==
        "spec.yaml:24:174: 'network_isolation' must be true or false, got 'off'\n");
  CHECK(errors("  notebooks:\n    n: {instance_type: ml.t3.xlarge}\n") ==
        "spec.yaml:24:5: notebook 'n' is missing required key 'vpc'\n");
  CHECK(errors("  notebooks:\n    n: {vpc: main, idle_minutes: 2}\n") ==
        "spec.yaml:24:34: 'idle_minutes' must be between 5 and 1440, got 2\n");
  CHECK(errors("  notebooks:\n    n: {vpc: main, volume_gb: 1}\n") ==
        "spec.yaml:24:31: 'volume_gb' must be between 5 and 16384, got 1\n");
  CHECK(errors("  notebooks:\n    n: {vpc: main, instance_type: t3.xlarge}\n") ==
        "spec.yaml:24:35: 't3.xlarge' is not a SageMaker instance type such as ml.m5.xlarge\n");
  CHECK(errors("  endpoints:\n    e: {account: dev, model: {image: 683313688378.dkr.ecr.us-east-1.amazonaws.com/x:1, bucket: models, key: m.tar.gz}, instance_type: ml.m5.xlarge, scaling: {min: 1, max: 2, max_parameter: max_count}}\n") ==
        "spec.yaml:24:190: 'max_count' is not a CloudFormation parameter name (letters and digits only, such as "
        "TestModelVersion)\n");
  CHECK(errors("  endpoints:\n    e: {account: dev, model: {registry: r, version: 1, version_parameter: model-version}, instance_type: ml.m5.xlarge}\n") ==
        "spec.yaml:24:75: 'model-version' is not a CloudFormation parameter name (letters and digits only, such as "
        "TestModelVersion)\n");
  CHECK(errors("  notebooks:\n    n: {vpc: main, code_repository: my/repo}\n") ==
        "spec.yaml:24:37: 'code_repository' must be a CodeCommit repository name (letters, digits, '.', '_' and '-', "
        "at most 100 characters), got 'my/repo'\n");
}

TEST_CASE("sagemaker check errors point at the element") {
  auto errors = [](const std::string& c) { return errors_of(std::string(kSageMakerBase) + c, kSageMakerAccounts); };
  CHECK(errors("  registries:\n    r: {account: dev, read: [prdo]}\n") ==
        "spec.yaml:24:30: registry 'r' lets in 'prdo', which is neither an account of the spec nor a role of the iam area; did you mean 'prod'?\n");
  CHECK(errors("  registries:\n    r: {account: dev, read: [prod], approve: [prod]}\n") ==
        "spec.yaml:24:30: registry 'r' names 'prod' twice; register, approve and record include read\n");
  CHECK(errors("  registries:\n    r: {account: dev, record: [reviewr]}\n") ==
        "spec.yaml:24:32: registry 'r' lets in 'reviewr', which is neither an account of the spec nor a role of the iam area; did you mean 'reviewer'?\n");
  CHECK(errors("  registries:\n    r: {account: dev, approve: [reviewer], record: [reviewer]}\n") ==
        "spec.yaml:24:53: registry 'r' names 'reviewer' twice; register, approve and record include read\n");
  CHECK(errors("  registries:\n    r: {account: dev, read: [everywhere]}\n") ==
        "spec.yaml:24:30: registry 'r' lets in role 'everywhere', which is created in several accounts; name a role of one account (or that account)\n");
  CHECK(errors("  registries:\n    r: {account: dev, read: [dev]}\n") ==
        "spec.yaml:24:30: 'dev' names both an account and a role; rename the role so the access of registry 'r' is unambiguous\n");
  CHECK(errors("  registries:\n    r: {account: dev}\n") ==
        "spec.yaml:24:5: registry 'r' lets nobody in: name accounts or roles under 'read', 'register', 'approve' or 'record' (its own account's roles need no resource policy)\n");
  CHECK(errors("  registries:\n    r: {account: prod, read: [prod]}\n") ==
        "spec.yaml:24:31: registry 'r' lives in account prod: that account's IAM policies already decide; name accounts of other teams or roles\n");
  CHECK(errors("  registries:\n    r: {account: dev, approve: [reviewer]}\n  endpoints:\n    e: {account: prod, model: {registry: r, version: 1}, instance_type: ml.m5.xlarge}\n") ==
        "spec.yaml:26:42: endpoint 'e' deploys from registry 'r' in account dev, which does not let account prod read it; add it to the registry's 'read'\n");
  CHECK(errors("  registries:\n    r: {account: dev, read: [prod]}\n    s: {account: dev, group_name: test-r, read: [prod]}\n") ==
        "spec.yaml:25:5: registries 'r' and 's' would both be named 'test-r'\n");
  CHECK(errors("  endpoints:\n    e: {account: dev, model: {registry: nope, version: 1}, instance_type: ml.m5.xlarge}\n") ==
        "spec.yaml:24:41: endpoint 'e' refers to registry 'nope', which is not defined\n");
  CHECK(errors("  registries:\n    r: {account: dev, read: [prod]}\n  endpoints:\n    e: {account: dev, model: {registry: r}, instance_type: ml.m5.xlarge}\n") ==
        "spec.yaml:26:41: the model of endpoint 'e' names registry 'r' but no 'version'\n");
  CHECK(errors("  endpoints:\n    e: {account: dev, model: {image: 683313688378.dkr.ecr.us-east-1.amazonaws.com/x:1, bucket: models, key: m.tar.gz, version_parameter: V}, instance_type: ml.m5.xlarge}\n") ==
        "spec.yaml:24:138: 'version_parameter' of the model of endpoint 'e' needs a 'registry' and 'version'\n");
  CHECK(errors("  registries:\n    r: {account: dev, read: [prod]}\n  endpoints:\n"
               "    e: {account: prod, model: {registry: r, version: 1, version_parameter: V}, instance_type: ml.m5.xlarge}\n"
               "    f: {account: prod, model: {registry: r, version: 2, version_parameter: V}, instance_type: ml.m5.xlarge}\n") ==
        "spec.yaml:27:54: parameter 'V' of account prod already stands for version 1, here for version 2; a parameter "
        "has one meaning and one default (name another parameter)\n");
  CHECK(errors("  registries:\n    r: {account: dev, read: [prod]}\n  endpoints:\n"
               "    e: {account: prod, model: {registry: r, version: 1, version_parameter: V}, instance_type: ml.m5.xlarge, instance_type_parameter: V}\n") ==
        "spec.yaml:26:134: parameter 'V' of account prod already stands for version 1, here for instance type "
        "ml.m5.xlarge; a parameter has one meaning and one default (name another parameter)\n");
  CHECK(errors("  registries:\n    r: {account: dev, read: [prod]}\n  endpoints:\n"
               "    e:\n      account: prod\n      instance_type_parameter: Type\n      variants:\n"
               "        a: {model: {registry: r, version: 1}, instance_type: ml.m5.xlarge}\n"
               "        b: {model: {registry: r, version: 2}, instance_type: ml.g5.xlarge}\n") ==
        "spec.yaml:28:32: 'instance_type_parameter' of endpoint 'e' sets the instance type of every variant, but its "
        "variants have different ones (ml.m5.xlarge, ml.g5.xlarge); give them one instance_type\n");
  CHECK(errors("  registries:\n    r: {account: dev, read: [prod]}\n  endpoints:\n    e: {account: prod, model: {registry: r, version: 1, bucket: models, key: m/}, instance_type: ml.m5.xlarge}\n") ==
        "spec.yaml:26:65: endpoint 'e' (account prod, us-east-1) reads its artifacts from bucket 'models' (account dev, us-east-1), which does not let account prod read it; add it to the bucket's 'read_accounts'\n");
  CHECK(errors("  endpoints:\n    e: {account: dev, model: {bucket: models, key: k}, instance_type: ml.m5.xlarge}\n") ==
        "spec.yaml:24:30: the model of endpoint 'e' needs a 'registry' and 'version', or an 'image' with its artifact's 'bucket' and 'key'\n");
  CHECK(errors("  endpoints:\n    e: {account: dev, model: {image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/m:1}, instance_type: ml.m5.xlarge}\n") ==
        "spec.yaml:24:38: the model of endpoint 'e' needs its artifact's 'bucket' and 'key' (a model.tar.gz)\n");
  CHECK(errors("  endpoints:\n    e: {account: dev, model: {image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/m:1, bucket: models, key: k, version: 2}, instance_type: ml.m5.xlarge}\n") ==
        "spec.yaml:24:121: 'version' of the model of endpoint 'e' needs a 'registry'\n");
  CHECK(errors("  endpoints:\n    e: {account: dev, model: {image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/m:1, bucket: modles, key: k}, instance_type: ml.m5.xlarge}\n") ==
        "spec.yaml:24:96: endpoint 'e' refers to bucket 'modles', which is not defined; did you mean 'models'?\n");
  CHECK(errors("  endpoints:\n    e: {account: dev, model: {image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/m:1, bucket: prod-data, key: k}, instance_type: ml.m5.xlarge}\n") ==
        "spec.yaml:24:96: endpoint 'e' (account dev, us-east-1) refers to bucket 'prod-data' (account prod, us-east-1); SageMaker reaches buckets of its own account and region\n");
  CHECK(errors("  endpoints:\n    e: {account: dev, model: {image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/m:1, bucket: models, key: m/model.tar.gz}, instance_type: ml.m5.xlarge, count: 1, scaling: {min: 2, max: 4}}\n") ==
        "spec.yaml:24:162: 'count' of endpoint 'e' (1) is outside its scaling range 2 to 4\n");
  CHECK(errors("  endpoints:\n    e: {account: dev, variants: {a: {model: {image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/m:1, bucket: models, key: m/model.tar.gz}, instance_type: ml.m5.xlarge, weight: 0}}}\n") ==
        "spec.yaml:24:5: the variants of endpoint 'e' all have weight 0: no traffic would reach it\n");
  CHECK(errors("  endpoints:\n    eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee: {account: dev, model: {image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/m:1, bucket: models, key: m/model.tar.gz}, instance_type: ml.m5.xlarge}\n") ==
        "spec.yaml:24:5: endpoint 'eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee' would be named 'test-eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee' (64 characters, SageMaker allows 63); set 'endpoint_name'\n");
  CHECK(errors("  endpoints:\n    e: {account: dev, model: {image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/m:1, bucket: models, key: m/model.tar.gz}, instance_type: ml.m5.xlarge, monitoring: {bucket: models, baseline: b}}\n") ==
        "spec.yaml:24:167: the monitoring of endpoint 'e' analyses captured requests: add 'data_capture'\n");
  CHECK(errors("  endpoints:\n    e: {account: dev, model: {image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/m:1, bucket: models, key: m/model.tar.gz}, instance_type: ml.m5.xlarge, data_capture: {bucket: capture}}\n    f: {account: dev, endpoint_name: test-e, model: {image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/m:1, bucket: models, key: m/model.tar.gz}, instance_type: ml.m5.xlarge, data_capture: {bucket: capture}}\n") ==
        "spec.yaml:25:5: endpoints 'e' and 'f' would both be named 'test-e'\n");
  CHECK(errors("  notebooks:\n    n: {vpc: mian}\n") ==
        "spec.yaml:24:14: notebook 'n' refers to vpc 'mian', which is not defined; did you mean 'main'?\n");
  CHECK(errors("  notebooks:\n    n: {vpc: main, subnets: privat}\n") ==
        "spec.yaml:24:29: vpc 'main' has no tier 'privat'; did you mean 'private'?\n");
  CHECK(errors("  notebooks:\n    n: {vpc: main, subnets: public}\n") ==
        "spec.yaml:24:29: notebook 'n' belongs in a private or isolated tier, not the public tier 'public'\n");
  CHECK(errors("  notebooks:\n    n: {vpc: other}\n") ==
        "spec.yaml:24:14: vpc 'other' has no private tier for notebook 'n'; name a tier under 'subnets'\n");
  CHECK(errors("  notebooks:\n    n: {vpc: main, security_group: nope}\n") ==
        "spec.yaml:24:36: notebook 'n' refers to security group 'nope', which is not defined\n");
  CHECK(errors("  notebooks:\n    n: {vpc: main, security_group: elsewhere}\n") ==
        "spec.yaml:24:36: security group 'elsewhere' is in vpc 'other', not in vpc 'main' of notebook 'n'\n");
  CHECK(errors("  notebooks:\n    n: {vpc: main, read_buckets: [prod-data]}\n") ==
        "spec.yaml:24:35: notebook 'n' (account dev, us-east-1) refers to bucket 'prod-data' (account prod, us-east-1); SageMaker reaches buckets of its own account and region\n");
}

TEST_CASE("a notebook needs a way to the SageMaker API to stop itself") {
  const std::string spec = std::string(kHeader) +
                           "network:\n"
                           "  vpcs:\n"
                           "    main: {cidr: 10.0.0.0/16, azs: 2, tiers: {private: 24}}\n"
                           "sagemaker:\n"
                           "  notebooks:\n"
                           "    n: {vpc: main}\n";
  CHECK(errors_of(spec, "") ==
        "spec.yaml:10:14: notebook 'n' stops itself when idle through the SageMaker API, which vpc 'main' cannot "
        "reach (no NAT): add sagemaker.api to its interface endpoints\n");
  // Its Git repository needs the git-codecommit endpoint in a VPC without NAT.
  const std::string git = std::string(kHeader) +
                          "network:\n"
                          "  vpcs:\n"
                          "    main: {cidr: 10.0.0.0/16, azs: 2, tiers: {private: 24}, endpoints: {interface: [sagemaker.api]}}\n"
                          "sagemaker:\n"
                          "  notebooks:\n"
                          "    n: {vpc: main, code_repository: notebooks}\n";
  CHECK(errors_of(git, "") ==
        "spec.yaml:10:37: notebook 'n' clones its code repository over Git, which vpc 'main' cannot reach (no NAT): add "
        "git-codecommit to its interface endpoints\n");
}
