// The `pipelines:` area rendered into the pipelines stack of each account and
// region: per pipeline a customer-managed KMS key and an artifact bucket
// (versioned, public access blocked, TLS only, artifacts expire), per build or
// test stage a CodeBuild project with its log group and role, the pipeline's
// role, the CodePipeline V2 pipeline, and for a GitHub source without a
// connection ARN a CodeConnections connection (PENDING until its owner
// completes the handshake in the console), for an S3 source the EventBridge
// rule that starts a release when the object changes. Every role may do
// exactly what its stages need, on exactly the resources they name.
#include <fmt/format.h>

#include "base/arn.hpp"
#include "cfn/intrinsics.hpp"
#include "plan/names.hpp"
#include "plan/plan.hpp"
#include "plan/registries.hpp"
#include "plan/resource_helpers.hpp"
#include "spec/dns_placement.hpp"
#include "spec/load.hpp"
#include "spec/placement.hpp"

namespace aip::plan {
namespace pipelines_cpp {

using cfn::Json;
namespace fn = cfn::intrinsic;

struct PipelinePlan {
  const spec::Spec& spec;
  cfn::Assembly& assembly;
  const spec::Pipeline& p;
  cfn::Stack& stack;
  std::string id;    // "<Name>Pipeline"
  std::string name;  // "<platform>-<name>"
  std::string bucket;  // "<id>Artifacts"
  std::string key;     // "<id>ArtifactsKey"
};

void add_unique(Json& list, Json value) {
  if (std::find(list.begin(), list.end(), value) == list.end()) list.push_back(std::move(value));
}

Json artifact_objects(const PipelinePlan& pp) { return fn::sub("${" + pp.bucket + ".Arn}/*"); }

// Read and write the pipeline's artifacts, under its key.
void artifact_statements(const PipelinePlan& pp, Json& statements) {
  statements.push_back(allow("Artifacts", Json::array({"s3:GetObject", "s3:GetObjectVersion", "s3:PutObject"}),
                             artifact_objects(pp)));
  statements.push_back(allow("ArtifactBucket", Json::array({"s3:GetBucketLocation", "s3:GetBucketVersioning"}),
                             fn::get_att(pp.bucket, "Arn")));
  statements.push_back(allow("ArtifactKey", Json::array({"kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"}),
                             fn::get_att(pp.key, "Arn")));
}

// The roles of other accounts this pipeline's promotions assume, by ARN
// (they are created by those accounts' stacks, so no reference can name them).
struct Promotion {
  const spec::PipelineStage* stage;
  const spec::Account* target;
  std::string role_arn;  // Fn::Sub text
};

std::vector<Promotion> promotions_of(const spec::Spec& spec, const spec::Pipeline& p) {
  std::vector<Promotion> out;
  for (const spec::PipelineStage& st : p.stages) {
    if (!spec::promotes(st)) continue;
    const spec::Account* target = spec.find_account(st.deploy->account.value);
    out.push_back({&st, target,
                   aws::arn(aws::kThisPartition, "iam", "", target->id.value,
                            "role/" + spec::promotion_role_name(spec, p, *target))});
  }
  return out;
}

// Principals of other accounts: the account, narrowed to exactly these roles
// by aws:PrincipalArn (a policy naming a role ARN directly would need the role
// to exist first, and the other account's stacks deploy on their own).
PolicyStatement admit_roles(const std::string& sid, const std::vector<Promotion>& promotions, Json actions, Json resources) {
  Json roots = Json::array(), roles = Json::array();
  for (const Promotion& pr : promotions) {
    add_unique(roots, fn::sub(aws::account_root_arn(aws::kThisPartition, pr.target->id.value)));
    add_unique(roles, fn::sub(pr.role_arn));
  }
  return PolicyStatement::allow(sid)
      .aws(roots.size() == 1 ? roots[0] : roots)
      .action(std::move(actions))
      .resource(std::move(resources))
      .condition("ArnEquals", "aws:PrincipalArn", roles.size() == 1 ? roles[0] : roles);
}

void plan_artifacts(PipelinePlan& pp) {
  const std::vector<Promotion> promotions = promotions_of(pp.spec, pp.p);
  Json key_statements = Json::array({account_administers_key()});
  // A promotion's role reads the artifacts it deploys (never writes any).
  if (!promotions.empty()) key_statements.push_back(admit_roles("PromotionsDecrypt", promotions, "kms:Decrypt", "*"));
  cfn::Resource& key = add_resource(
      pp.stack, pp.key, "AWS::KMS::Key",
      {{"Description", fmt::format("Encrypts the artifacts of pipeline {}", pp.name)},
       {"EnableKeyRotation", true},
       {"PendingWindowInDays", 30},
       {"KeyPolicy", policy_doc(key_statements)}},
      pp.p.location, pp.p.tags);
  key.deletion_policy = "Retain";
  const int days = pp.p.artifact_days.value;
  Json props = {
      {"BucketEncryption",
       {{"ServerSideEncryptionConfiguration",
         Json::array({{{"ServerSideEncryptionByDefault",
                        {{"SSEAlgorithm", "aws:kms"}, {"KMSMasterKeyID", fn::get_att(pp.key, "Arn")}}},
                       {"BucketKeyEnabled", true}}})}}},
      {"VersioningConfiguration", {{"Status", "Enabled"}}},
      {"PublicAccessBlockConfiguration",
       {{"BlockPublicAcls", true}, {"BlockPublicPolicy", true}, {"IgnorePublicAcls", true}, {"RestrictPublicBuckets", true}}},
      {"OwnershipControls", {{"Rules", Json::array({{{"ObjectOwnership", "BucketOwnerEnforced"}}})}}},
      {"LifecycleConfiguration",
       {{"Rules", Json::array({{{"Id", "ExpireArtifacts"},
                                {"Status", "Enabled"},
                                {"ExpirationInDays", days},
                                {"NoncurrentVersionExpiration", {{"NoncurrentDays", days}}},
                                {"AbortIncompleteMultipartUpload", {{"DaysAfterInitiation", 1}}}}})}}}};
  // Server access logs to the storage area's log bucket, when it lives here.
  if (pp.spec.storage.access_logs_bucket) {
    const spec::Bucket* logs = pp.spec.storage.find(pp.spec.storage.access_logs_bucket->value);
    if (logs != nullptr) {
      spec::Placement there = spec::place(pp.spec, logs->account, logs->region);
      if (there.known() && there.account->id.value == pp.stack.account_id && there.region == pp.stack.region) {
        props["LoggingConfiguration"] = {{"DestinationBucketName", spec::s3_bucket_name(pp.spec, *logs, pp.stack.region)},
                                         {"LogFilePrefix", "pipelines/" + pp.p.name + "/"}};
      }
    }
  }
  // The other accounts' roles know the bucket by its name.
  if (!promotions.empty()) props["BucketName"] = spec::pipeline_artifact_bucket_name(pp.spec, pp.p);
  cfn::Resource& bucket = add_resource(pp.stack, pp.bucket, "AWS::S3::Bucket", props, pp.p.location, pp.p.tags);
  bucket.deletion_policy = "Retain";
  Json bucket_statements = Json::array(
      {deny_insecure_transport("s3:*", Json::array({fn::get_att(pp.bucket, "Arn"), artifact_objects(pp)}))});
  if (!promotions.empty()) {
    bucket_statements.push_back(admit_roles("PromotionsRead", promotions,
                                            Json::array({"s3:GetObject", "s3:GetObjectVersion"}), artifact_objects(pp)));
  }
  add_resource(pp.stack, pp.bucket + "Policy", "AWS::S3::BucketPolicy",
               {{"Bucket", fn::ref(pp.bucket)}, {"PolicyDocument", policy_doc(bucket_statements)}}, pp.p.location, {});
}

std::string compute_type(const std::string& size) {
  if (size == "large") return "BUILD_GENERAL1_LARGE";
  if (size == "medium") return "BUILD_GENERAL1_MEDIUM";
  return "BUILD_GENERAL1_SMALL";
}

// A CodeBuild project `id` named `project`, with its own log group and a role
// that writes those logs, reads and writes the pipeline's artifacts, and holds
// `statements` besides.
struct ProjectSpec {
  std::string id, project, description;
  Json statements = Json::array();
  Json environment;
  std::string buildspec;  // a path in the source, or an inline buildspec
  int timeout = 60;
  Location location;
};

void add_project(PipelinePlan& pp, ProjectSpec ps) {
  const std::string logs = ps.id + "Logs";
  cfn::Resource& group = add_resource(pp.stack, logs, "AWS::Logs::LogGroup",
                                      {{"LogGroupName", fmt::format("/aws/codebuild/{}", ps.project)},
                                       {"RetentionInDays", pp.p.log_retention_days.value}},
                                      pp.p.log_retention_days.location.valid() ? pp.p.log_retention_days.location
                                                                                : ps.location);
  group.deletion_policy = "Delete";
  Json statements = Json::array();
  statements.push_back(allow("WriteLogs", Json::array({"logs:CreateLogStream", "logs:PutLogEvents"}),
                             fn::sub("${" + logs + ".Arn}")));
  artifact_statements(pp, statements);
  for (Json& st : ps.statements) statements.push_back(std::move(st));
  add_resource(pp.stack, ps.id + "Role", "AWS::IAM::Role",
               {{"Description", fmt::format("CodeBuild project {}", ps.project)},
                {"AssumeRolePolicyDocument", trust_service("codebuild.amazonaws.com")},
                {"Policies", Json::array({{{"PolicyName", "build"}, {"PolicyDocument", policy_doc(statements)}}})}},
               ps.location, pp.p.tags);
  cfn::Resource& r = add_resource(
      pp.stack, ps.id, "AWS::CodeBuild::Project",
      {{"Name", ps.project},
       {"Description", ps.description},
       {"ServiceRole", fn::get_att(ps.id + "Role", "Arn")},
       {"Source", {{"Type", "CODEPIPELINE"}, {"BuildSpec", ps.buildspec}}},
       {"Artifacts", {{"Type", "CODEPIPELINE"}}},
       {"Environment", ps.environment},
       {"EncryptionKey", fn::get_att(pp.key, "Arn")},
       {"TimeoutInMinutes", ps.timeout},
       {"LogsConfig",
        {{"CloudWatchLogs", {{"Status", "ENABLED"}, {"GroupName", fn::ref(logs)}}},
         {"S3Logs", {{"Status", "DISABLED"}}}}}},
      ps.location, pp.p.tags);
  r.depends_on.push_back(logs);
}

Json build_environment(const std::string& architecture, const std::string& compute, std::string image,
                       bool privileged) {
  const bool arm = architecture == "arm64";
  if (image.empty()) {
    image = arm ? "aws/codebuild/amazonlinux-aarch64-standard:3.0" : "aws/codebuild/amazonlinux-x86_64-standard:5.0";
  }
  return {{"Type", arm ? "ARM_CONTAINER" : "LINUX_CONTAINER"},
          {"ComputeType", compute_type(compute)},
          {"Image", image},
          {"ImagePullCredentialsType", "CODEBUILD"},
          {"PrivilegedMode", privileged}};
}

// One CodeBuild project (and its log group and role) for a build or test stage.
std::string plan_build(PipelinePlan& pp, const spec::PipelineStage& st) {
  const spec::PipelineBuild& b = *st.build;
  ProjectSpec ps;
  ps.id = pipeline_build_id(pp.p.name, st.name.value);
  ps.project = fmt::format("{}-{}", pp.name, st.name.value);
  ps.description = fmt::format("Stage {} of pipeline {}", st.name.value, pp.name);
  ps.buildspec = b.buildspec.value;
  ps.timeout = b.timeout.value;
  ps.location = b.location;
  Json& statements = ps.statements;
  Json variables = Json::array();
  for (const auto& [name, value] : b.environment) {
    variables.push_back({{"Name", name.value}, {"Type", "PLAINTEXT"}, {"Value", value.value}});
  }
  if (!b.secrets.empty()) {
    Json arns = Json::array(), keys = Json::array();
    for (const auto& [name, secret] : b.secrets) {
      const spec::Secret& s = *pp.spec.secrets.find(secret.value);
      Json arn = secret_arn(pp.spec, pp.assembly, pp.stack, s);
      variables.push_back({{"Name", name.value}, {"Type", "SECRETS_MANAGER"}, {"Value", arn}});
      add_unique(arns, arn);
      add_unique(keys, secret_key_arn(pp.spec, pp.assembly, pp.stack, s));
    }
    statements.push_back(allow("ReadSecrets", "secretsmanager:GetSecretValue", arns));
    statements.push_back(allow("DecryptSecrets", "kms:Decrypt", keys)
                             .condition("StringEquals", "kms:ViaService",
                                        fn::sub("secretsmanager.${AWS::Region}.amazonaws.com")));
  }
  if (!b.push.empty()) {
    Json repos = Json::array();
    for (const auto& r : b.push) {
      const spec::Repository& repo = *pp.spec.registries.find(r.value);
      repos.push_back(repository_arn(pp.spec, pp.assembly, pp.stack, repo));
      variables.push_back({{"Name", spec::wired_variable("REPOSITORY", repo.name, "URI")},
                           {"Type", "PLAINTEXT"},
                           {"Value", fn::sub(fmt::format("${{AWS::AccountId}}.dkr.ecr.${{AWS::Region}}.${{AWS::URLSuffix}}/{}",
                                                         spec::repository_name(pp.spec, repo)))}});
    }
    // GetAuthorizationToken has no resource-level permissions.
    statements.push_back(allow("EcrLogin", "ecr:GetAuthorizationToken", "*"));
    statements.push_back(allow("PushImages",
                               Json::array({"ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage",
                                            "ecr:CompleteLayerUpload", "ecr:GetDownloadUrlForLayer",
                                            "ecr:InitiateLayerUpload", "ecr:PutImage", "ecr:UploadLayerPart"}),
                               repos));
  }
  ps.environment = build_environment(b.architecture.value, b.compute.value, b.image.value, b.privileged.value);
  if (!variables.empty()) ps.environment["EnvironmentVariables"] = variables;
  const std::string id = ps.id;
  add_project(pp, std::move(ps));
  return id;
}

// The CloudFront invalidation after a publish stage: a small CodeBuild project
// whose buildspec aip writes, allowed to invalidate exactly that distribution.
std::string plan_invalidation(PipelinePlan& pp, const spec::PipelineStage& st) {
  const spec::PipelinePublish& pb = *st.publish;
  const spec::Distribution& d = *pp.spec.edge.find_distribution(pb.invalidate.value);
  spec::Placement at = spec::distribution_placement(pp.spec, d);
  cfn::Stack& cdn = stack_for(pp.assembly, pp.spec, kLayerCdn, *at.account, at.region);
  ProjectSpec ps;
  ps.id = pipeline_build_id(pp.p.name, st.name.value + "-invalidate");
  ps.project = fmt::format("{}-{}-invalidate", pp.name, st.name.value);
  ps.description = fmt::format("Stage {} of pipeline {}: invalidates distribution {}", st.name.value, pp.name, d.name);
  ps.buildspec =
      "version: 0.2\n"
      "phases:\n"
      "  build:\n"
      "    commands:\n"
      "      - aws cloudfront create-invalidation --distribution-id \"$DISTRIBUTION_ID\" --paths '/*'\n";
  ps.timeout = 10;
  ps.location = pb.invalidate.location;
  Json distribution = pp.assembly.ref(pp.stack, cdn, distribution_id(d.name));
  ps.statements.push_back(allow("Invalidate", "cloudfront:CreateInvalidation",
                                Json{{"Fn::Sub", Json::array({aws::arn(aws::kThisPartition, "cloudfront", "",
                                                                       aws::kThisAccount, "distribution/${Id}"),
                                                              {{"Id", distribution}}})}}));
  ps.environment = build_environment("x86_64", "small", "", false);
  ps.environment["EnvironmentVariables"] =
      Json::array({{{"Name", "DISTRIBUTION_ID"}, {"Type", "PLAINTEXT"}, {"Value", distribution}}});
  const std::string id = ps.id;
  add_project(pp, std::move(ps));
  return id;
}

Json action_type(const char* category, const char* provider) {
  return {{"Category", category}, {"Owner", "AWS"}, {"Provider", provider}, {"Version", "1"}};
}

const spec::Service& deployed_service(const spec::Spec& spec, const std::string& name) {
  for (const spec::Service& s : spec.compute.services) {
    if (s.name == name) return s;
  }
  throw std::logic_error("pipelines: service '" + name + "' was checked to exist");
}

void plan_pipeline(const spec::Spec& spec, cfn::Assembly& assembly, const spec::Pipeline& p) {
  spec::Placement here = spec::place(spec, p.account, p.region);
  cfn::Stack& stack = stack_for(assembly, spec, kLayerPipelines, *here.account, here.region);
  const std::string id = pipeline_id(p.name);
  PipelinePlan pp{spec, assembly, p, stack, id, fmt::format("{}-{}", spec.name.value, p.name), id + "Artifacts",
                  id + "ArtifactsKey"};
  plan_artifacts(pp);

  Json statements = Json::array();
  artifact_statements(pp, statements);
  Json stages = Json::array();

  // The source stage.
  const spec::PipelineSource& src = p.source;
  Json source_action = {{"Name", "Source"}, {"OutputArtifacts", Json::array({{{"Name", "Source"}}})}, {"RunOrder", 1}};
  if (!src.github.value.empty()) {
    Json connection = src.connection.value;
    if (!src.connection.value.empty() && !src.connection.value.starts_with("arn:")) {
      connection = fn::ref(pipeline_id(src.connection.value) + "Connection");  // shared, same stack
    } else if (src.connection.value.empty()) {
      // Created PENDING: its owner completes the GitHub handshake once in the
      // console (Developer Tools > Connections > Update pending connection).
      add_resource(stack, id + "Connection", "AWS::CodeConnections::Connection",
                   {{"ConnectionName", pp.name}, {"ProviderType", "GitHub"}}, src.location, p.tags);
      connection = fn::ref(id + "Connection");
    }
    source_action["ActionTypeId"] = action_type("Source", "CodeStarSourceConnection");
    source_action["Configuration"] = {{"ConnectionArn", connection},
                                      {"FullRepositoryId", src.github.value},
                                      {"BranchName", src.branch.value},
                                      {"OutputArtifactFormat", "CODE_ZIP"},
                                      {"DetectChanges", true}};
    statements.push_back(
        allow("UseConnection", Json::array({"codeconnections:UseConnection", "codestar-connections:UseConnection"}),
              connection));
  } else {
    const spec::Bucket& b = *spec.storage.find(src.bucket.value);
    const std::string bucket = spec::s3_bucket_name(spec, b, stack.region);
    source_action["ActionTypeId"] = action_type("Source", "S3");
    source_action["Configuration"] = {{"S3Bucket", bucket}, {"S3ObjectKey", src.key.value}, {"PollForSourceChanges", false}};
    const std::string arn = aws::arn(aws::kThisPartition, "s3", "", "", bucket);
    statements.push_back(allow("ReadSource", Json::array({"s3:GetObject", "s3:GetObjectVersion"}),
                               fn::sub(arn + "/" + src.key.value)));
    statements.push_back(allow("SourceBucket", "s3:GetBucketVersioning", fn::sub(arn)));
    if (b.encryption.value == "kms") {
      cfn::Stack& storage = stack_for(assembly, spec, kLayerStorage, account_of(spec, b.account), stack.region);
      statements.push_back(allow("DecryptSource", "kms:Decrypt", assembly.get_att(stack, storage, bucket_key_id(b.name), "Arn")));
    }
    // A new version of the object starts a release (the bucket sends its events to EventBridge).
    const std::string pipeline_arn = aws::arn(aws::kThisPartition, "codepipeline", aws::kThisRegion, aws::kThisAccount, pp.name);
    add_resource(stack, id + "StartRole", "AWS::IAM::Role",
                 {{"Description", fmt::format("EventBridge starts pipeline {}", pp.name)},
                  {"AssumeRolePolicyDocument", trust_service("events.amazonaws.com")},
                  {"Policies", Json::array({{{"PolicyName", "start"},
                                             {"PolicyDocument", policy_doc(Json::array({allow(
                                                 "StartPipeline", "codepipeline:StartPipelineExecution",
                                                 fn::sub(pipeline_arn))}))}}})}},
                 src.location, p.tags);
    add_resource(stack, id + "SourceRule", "AWS::Events::Rule",
                 {{"Description", fmt::format("A new {} starts pipeline {}", src.key.value, pp.name)},
                  {"State", "ENABLED"},
                  {"EventPattern", {{"source", Json::array({"aws.s3"})},
                                    {"detail-type", Json::array({"Object Created"})},
                                    {"detail", {{"bucket", {{"name", Json::array({bucket})}}},
                                                {"object", {{"key", Json::array({src.key.value})}}}}}}},
                  {"Targets", Json::array({{{"Id", "pipeline"},
                                            {"Arn", fn::sub(pipeline_arn)},
                                            {"RoleArn", fn::get_att(id + "StartRole", "Arn")}}})}},
                 src.location, {});
  }
  stages.push_back({{"Name", "Source"}, {"Actions", Json::array({source_action})}});

  Json projects = Json::array();
  std::string last_output;
  Json approval_topics = Json::array(), approval_keys = Json::array();
  Json services = Json::array(), pass_roles = Json::array(), families = Json::array();
  Json promotion_roles = Json::array();
  for (const spec::PipelineStage& st : p.stages) {
    Json action = {{"Name", st.name.value}, {"RunOrder", 1}};
    if (st.build) {
      const std::string build = plan_build(pp, st);
      projects.push_back(fn::get_att(build, "Arn"));
      action["ActionTypeId"] = action_type(st.test ? "Test" : "Build", "CodeBuild");
      action["Configuration"] = {{"ProjectName", fn::ref(build)}};
      action["InputArtifacts"] = Json::array({{{"Name", "Source"}}});
      if (!st.test) {
        last_output = cfn::pascal_case(st.name.value) + "Output";
        action["OutputArtifacts"] = Json::array({{{"Name", last_output}}});
      }
    } else if (st.approval) {
      const spec::PipelineApproval& a = *st.approval;
      action["ActionTypeId"] = action_type("Approval", "Manual");
      Json config = Json::object();
      if (!a.comment.value.empty()) config["CustomData"] = a.comment.value;
      if (!a.topic.value.empty()) {
        const spec::AlarmTopic& t = *spec.observability.find_topic(a.topic.value);
        spec::Placement tp = spec::place(spec, t.account, t.region);
        cfn::Stack& obs = stack_for(assembly, spec, kLayerObservability, *tp.account, tp.region);
        Json topic = assembly.ref(stack, obs, alarm_topic_id(t.name));
        config["NotificationArn"] = topic;
        add_unique(approval_topics, topic);
        add_unique(approval_keys, assembly.get_att(stack, obs, alarm_topic_id(t.name) + "Key", "Arn"));
      }
      if (!config.empty()) action["Configuration"] = config;
      action["TimeoutInMinutes"] = a.timeout_minutes.value;
    } else if (spec::promotes(st)) {
      // The service as the target environment renders it (its ECS names are
      // fixed there, plan/compute.cpp), deployed by that account's role.
      const spec::PipelineDeploy& d = *st.deploy;
      const spec::Service& svc = deployed_service(spec, d.service.value);
      const spec::Account& target = *spec.find_account(d.account.value);
      const std::string prefix = spec::account_name_prefix(spec, target);
      const std::string role = aws::arn(aws::kThisPartition, "iam", "", target.id.value,
                                        "role/" + spec::promotion_role_name(spec, p, target));
      action["ActionTypeId"] = action_type("Deploy", "ECS");
      action["Configuration"] = {{"ClusterName", fmt::format("{}-{}", prefix, svc.cluster.value)},
                                 {"ServiceName", fmt::format("{}-{}", prefix, svc.name)},
                                 {"FileName", d.file.value},
                                 {"DeploymentTimeout", d.timeout_minutes.value}};
      action["InputArtifacts"] = Json::array({{{"Name", last_output}}});
      action["RoleArn"] = fn::sub(role);
      add_unique(promotion_roles, fn::sub(role));
    } else if (st.deploy) {
      const spec::PipelineDeploy& d = *st.deploy;
      const spec::Service& svc = deployed_service(spec, d.service.value);
      const spec::EcsCluster& cluster = *spec.compute.find_cluster(svc.cluster.value);
      const spec::Vpc& vpc = *spec.find_vpc(cluster.vpc.value);
      cfn::Stack& compute = stack_for(assembly, spec, kLayerCompute, account_of(spec, vpc.account), vpc.region.value);
      const std::string svc_id = cfn::pascal_case(svc.name);
      action["ActionTypeId"] = action_type("Deploy", "ECS");
      action["Configuration"] = {{"ClusterName", assembly.ref(stack, compute, ecs_cluster_id(cluster.name))},
                                 {"ServiceName", assembly.get_att(stack, compute, ecs_service_id(svc.name), "Name")},
                                 {"FileName", d.file.value},
                                 {"DeploymentTimeout", d.timeout_minutes.value}};
      action["InputArtifacts"] = Json::array({{{"Name", last_output}}});
      add_unique(services, assembly.ref(stack, compute, ecs_service_id(svc.name)));
      // The deploy registers a revision of the service's task definition family.
      add_unique(families, stack_arn("ecs", fmt::format("task-definition/{}-{}:*", spec.name.value, svc.name)));
      add_unique(pass_roles, assembly.get_att(stack, compute, svc_id + "ExecutionRole", "Arn"));
      add_unique(pass_roles, assembly.get_att(stack, compute, svc_id + "TaskRole", "Arn"));
    }
    Json actions = Json::array({action});
    if (st.publish) {
      // The latest build's files, extracted under the prefix; then the invalidation.
      const spec::PipelinePublish& pb = *st.publish;
      const spec::Bucket& b = *spec.storage.find(pb.bucket.value);
      const std::string bucket = spec::s3_bucket_name(spec, b, stack.region);
      action["ActionTypeId"] = action_type("Deploy", "S3");
      action["Configuration"] = {{"BucketName", bucket}, {"Extract", "true"}};
      if (!pb.prefix.value.empty()) action["Configuration"]["ObjectKey"] = pb.prefix.value;
      action["InputArtifacts"] = Json::array({{{"Name", last_output}}});
      const std::string arn = aws::arn(aws::kThisPartition, "s3", "", "", bucket);
      statements.push_back(allow(cfn::pascal_case(st.name.value) + "Files", "s3:PutObject",
                                 fn::sub(arn + "/" + pb.prefix.value + "*")));
      if (b.encryption.value == "kms") {
        spec::Placement where = spec::place(spec, b.account, b.region);
        cfn::Stack& storage = stack_for(assembly, spec, kLayerStorage, *where.account, where.region);
        statements.push_back(allow(cfn::pascal_case(st.name.value) + "FilesKey",
                                   Json::array({"kms:Encrypt", "kms:GenerateDataKey"}),
                                   bucket_key_arn(spec, assembly, stack, storage, b))
                                 .condition("StringEquals", "kms:ViaService", fn::sub("s3.${AWS::Region}.amazonaws.com")));
      }
      actions = Json::array({action});
      if (!pb.invalidate.value.empty()) {
        const std::string project = plan_invalidation(pp, st);
        projects.push_back(fn::get_att(project, "Arn"));
        actions.push_back({{"Name", "invalidate"},
                           {"RunOrder", 2},
                           {"ActionTypeId", action_type("Build", "CodeBuild")},
                           {"Configuration", {{"ProjectName", fn::ref(project)}}},
                           {"InputArtifacts", Json::array({{{"Name", last_output}}})}});
      }
    }
    stages.push_back({{"Name", st.name.value}, {"Actions", actions}});
  }
  if (!projects.empty()) {
    statements.push_back(allow("RunBuilds", Json::array({"codebuild:BatchGetBuilds", "codebuild:StartBuild"}), projects));
  }
  if (!approval_topics.empty()) {
    statements.push_back(allow("AnnounceApprovals", "sns:Publish", approval_topics));
    statements.push_back(allow("EncryptAnnouncements", Json::array({"kms:Decrypt", "kms:GenerateDataKey"}),
                               approval_keys));
  }
  if (!services.empty()) {
    statements.push_back(allow("DeployServices", Json::array({"ecs:DescribeServices", "ecs:UpdateService"}), services));
    // New revisions of exactly those families (tagged as the current one is).
    statements.push_back(allow("RegisterTaskDefinitions", Json::array({"ecs:RegisterTaskDefinition", "ecs:TagResource"}),
                               families));
    // DescribeTaskDefinition has no resource-level permissions.
    statements.push_back(allow("DescribeTaskDefinitions", "ecs:DescribeTaskDefinition", "*"));
    statements.push_back(allow("PassTaskRoles", "iam:PassRole", pass_roles)
                             .condition("StringEquals", "iam:PassedToService", "ecs-tasks.amazonaws.com"));
  }
  Json role = {{"Description", fmt::format("CodePipeline pipeline {}", pp.name)},
               {"AssumeRolePolicyDocument", trust_service("codepipeline.amazonaws.com")}};
  if (!promotion_roles.empty()) {
    // Promotions run as the target accounts' roles, which trust this role by name.
    statements.push_back(allow("AssumePromotionRoles", "sts:AssumeRole", promotion_roles));
    role["RoleName"] = spec::pipeline_role_name(spec, p);
  }
  role["Policies"] = Json::array({{{"PolicyName", "pipeline"}, {"PolicyDocument", policy_doc(statements)}}});
  add_resource(stack, id + "Role", "AWS::IAM::Role", std::move(role), p.location, p.tags);
  add_resource(stack, id, "AWS::CodePipeline::Pipeline",
               {{"Name", pp.name},
                {"PipelineType", "V2"},
                {"ExecutionMode", "QUEUED"},
                {"RoleArn", fn::get_att(id + "Role", "Arn")},
                {"RestartExecutionOnUpdate", false},
                {"ArtifactStore",
                 {{"Type", "S3"},
                  {"Location", fn::ref(pp.bucket)},
                  {"EncryptionKey", {{"Id", fn::get_att(pp.key, "Arn")}, {"Type", "KMS"}}}}},
                {"Stages", stages}},
               p.location, p.tags);
}

// This account's side of another environment's pipeline that promotes into
// it (AWS's cross-account CodePipeline): a role that pipeline's role may
// assume, which deploys exactly the promoted services and reads exactly that
// pipeline's artifacts (the artifact key and bucket policy there admit it).
void plan_promotion_target(const spec::Spec& spec, cfn::Assembly& assembly, const spec::Pipeline& p) {
  const spec::Account& here = spec.accounts.front();
  spec::Placement from = spec::place(spec, p.account, p.region);
  const std::string bucket = spec::pipeline_artifact_bucket_name(spec, p);
  const std::string pipeline_role = aws::arn(aws::kThisPartition, "iam", "", from.account->id.value,
                                             "role/" + spec::pipeline_role_name(spec, p));
  cfn::Stack* stack = nullptr;
  Json services = Json::array(), pass_roles = Json::array(), families = Json::array();
  Location where = p.location;
  for (const spec::PipelineStage& st : p.stages) {
    if (!spec::promotes(st) || st.deploy->account.value != here.name) continue;
    const spec::Service& svc = deployed_service(spec, st.deploy->service.value);
    const spec::EcsCluster& cluster = *spec.compute.find_cluster(svc.cluster.value);
    const spec::Vpc& vpc = *spec.find_vpc(cluster.vpc.value);
    cfn::Stack& compute = stack_for(assembly, spec, kLayerCompute, account_of(spec, vpc.account), vpc.region.value);
    if (stack == nullptr) {
      stack = &stack_for(assembly, spec, kLayerPipelines, here, compute.region);
      where = st.deploy->location;
    }
    const std::string svc_id = cfn::pascal_case(svc.name);
    // Its ECS names are fixed (plan/compute.cpp): the exact service ARN.
    add_unique(services, stack_arn("ecs", fmt::format("service/{0}-{1}/{0}-{2}", spec.name.value, cluster.name, svc.name)));
    add_unique(families, stack_arn("ecs", fmt::format("task-definition/{}-{}:*", spec.name.value, svc.name)));
    add_unique(pass_roles, assembly.get_att(*stack, compute, svc_id + "ExecutionRole", "Arn"));
    add_unique(pass_roles, assembly.get_att(*stack, compute, svc_id + "TaskRole", "Arn"));
  }
  if (stack == nullptr) return;
  const std::string region = stack->region;
  const std::string bucket_arn = aws::arn(aws::kThisPartition, "s3", "", "", bucket);
  Json statements = Json::array();
  statements.push_back(allow("DeployServices", Json::array({"ecs:DescribeServices", "ecs:UpdateService"}), services));
  statements.push_back(
      allow("RegisterTaskDefinitions", Json::array({"ecs:RegisterTaskDefinition", "ecs:TagResource"}), families));
  // DescribeTaskDefinition has no resource-level permissions.
  statements.push_back(allow("DescribeTaskDefinitions", "ecs:DescribeTaskDefinition", "*"));
  statements.push_back(allow("PassTaskRoles", "iam:PassRole", pass_roles)
                           .condition("StringEquals", "iam:PassedToService", "ecs-tasks.amazonaws.com"));
  statements.push_back(
      allow("ReadArtifacts", Json::array({"s3:GetObject", "s3:GetObjectVersion"}), fn::sub(bucket_arn + "/*")));
  // The artifact key's ARN is the other account's to know: any key of that
  // account, only through S3 and only for that bucket's objects.
  statements.push_back(allow("DecryptArtifacts", "kms:Decrypt",
                             fn::sub(aws::arn(aws::kThisPartition, "kms", region, from.account->id.value, "key/*")))
                           .condition("StringEquals", "kms:ViaService", fmt::format("s3.{}.amazonaws.com", region))
                           .condition("StringEquals", "kms:EncryptionContext:aws:s3:arn", fn::sub(bucket_arn)));
  Json trust = policy_doc(Json::array({PolicyStatement::allow("PipelineAssumes")
                                           .aws(fn::sub(aws::account_root_arn(aws::kThisPartition, from.account->id.value)))
                                           .action("sts:AssumeRole")
                                           .condition("ArnEquals", "aws:PrincipalArn", fn::sub(pipeline_role))}));
  add_resource(*stack, pipeline_promotion_role_id(p.name), "AWS::IAM::Role",
               {{"RoleName", spec::promotion_role_name(spec, p, here)},
                {"Description", fmt::format("Pipeline {} of account {} deploys into this account",
                                            spec::account_name_prefix(spec, *from.account) + "-" + p.name,
                                            from.account->name)},
                {"AssumeRolePolicyDocument", trust},
                {"Policies", Json::array({{{"PolicyName", "deploy"}, {"PolicyDocument", policy_doc(statements)}}})}},
               where, p.tags);
}

}  // namespace pipelines_cpp

void plan_pipelines(const spec::Spec& spec, cfn::Assembly& assembly) {
  for (const spec::Pipeline& p : spec.pipelines.items) {
    if (spec::pipeline_elsewhere(spec, p)) {
      pipelines_cpp::plan_promotion_target(spec, assembly, p);
    } else {
      pipelines_cpp::plan_pipeline(spec, assembly, p);
    }
  }
}

}  // namespace aip::plan
