// SageMaker (seeds 001 and 002), in the sagemaker stack of each account and
// region:
//  - registries: a model package group whose resource policy lets the named
//    accounts and roles of other accounts read, register, approve versions
//    or record results in them
//    (each verb its own statement, on this group and its versions only);
//  - endpoints: per variant a model, then one endpoint config (weights, KMS,
//    data capture), the endpoint, target tracking auto-scaling per variant and
//    a Model Monitor data quality schedule; one execution role per endpoint
//    that reaches its artifacts, its image's repository, its capture prefix;
//  - notebooks: in a private subnet, no direct internet or root access, a KMS
//    key, a lifecycle configuration that stops them when idle, a role that
//    reaches only the buckets named;
//  - feature groups: the online store with a key of its own, the offline store
//    under a prefix of a bucket, written as a role that reaches only that prefix.
#include "plan/sagemaker.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "base/arn.hpp"
#include "base/aws_regions.hpp"
#include "base/sagemaker_instances.hpp"
#include "plan/group_rules.hpp"
#include "plan/names.hpp"
#include "plan/plan.hpp"
#include "plan/resource_helpers.hpp"
#include "spec/load.hpp"
#include "spec/placement.hpp"

namespace aip::plan {
namespace sagemaker_plan {

using cfn::Json;
namespace fn = cfn::intrinsic;

// What each verb of a registry allows, on the group and on its versions.
struct Verb {
  const char* name;  // "Read", "Register", "Approve", "Record"
  std::vector<std::string> group_actions;
  std::vector<std::string> version_actions;
  // Request keys that must be absent for the versions statement (Null: true):
  // `record` may update a version but never its approval status or stage.
  std::vector<std::string> absent_keys;
};
const std::vector<Verb>& verbs() {
  static const std::vector<Verb> v = {
      {"Read",
       {"sagemaker:DescribeModelPackageGroup"},
       {"sagemaker:CreateModel", "sagemaker:DescribeModelPackage", "sagemaker:ListModelPackages"},
       {}},
      {"Register",
       {"sagemaker:DescribeModelPackageGroup"},
       {"sagemaker:CreateModelPackage", "sagemaker:DescribeModelPackage", "sagemaker:ListModelPackages"},
       {}},
      {"Approve",
       {"sagemaker:DescribeModelPackageGroup"},
       {"sagemaker:DescribeModelPackage", "sagemaker:ListModelPackages", "sagemaker:UpdateModelPackage"},
       {}},
      {"Record",
       {"sagemaker:DescribeModelPackageGroup"},
       {"sagemaker:DescribeModelPackage", "sagemaker:ListModelPackages", "sagemaker:UpdateModelPackage"},
       {"sagemaker:ModelApprovalStatus", "sagemaker:ModelLifeCycle:stage", "sagemaker:ModelLifeCycle:stageStatus"}},
  };
  return v;
}
const std::vector<spec::Located<std::string>>& verb_list(const spec::ModelRegistry& r, std::size_t verb) {
  switch (verb) {
    case 0: return r.access.read;
    case 1: return r.access.register_;
    case 2: return r.access.approve;
    default: return r.access.record;
  }
}

std::string group_arn(const std::string& partition, const spec::Placement& at, const std::string& group) {
  return aws::arn(partition, "sagemaker", at.region, at.account->id.value, "model-package-group/" + group);
}
std::string versions_arn(const std::string& partition, const spec::Placement& at, const std::string& group) {
  return aws::arn(partition, "sagemaker", at.region, at.account->id.value, "model-package/" + group + "/*");
}

// The account a role of the iam area is created in (the checks allow only one).
const spec::Account* role_account(const spec::Spec& spec, const spec::IamRole& r) {
  if (r.accounts.size() == 1) return spec.find_account(r.accounts.front().value);
  return spec.accounts.size() == 1 ? &spec.accounts.front() : nullptr;
}

void plan_registry(const spec::Spec& spec, cfn::Assembly& assembly, const spec::ModelRegistry& r) {
  spec::Placement at = spec::place(spec, r.account, r.region);
  cfn::Stack& stack = stack_for(assembly, spec, kLayerSageMaker, *at.account, at.region);
  const std::string group = spec::model_package_group_name(spec, r);
  const std::string partition(aws::partition_of(at.region));
  Json statements = Json::array();
  for (std::size_t v = 0; v < verbs().size(); ++v) {
    Json accounts = Json::array();
    Json roles = Json::array();
    for (const auto& who : verb_list(r, v)) {
      if (const spec::Account* a = spec.find_account(who.value)) {
        accounts.push_back(aws::account_root_arn(partition, a->id.value));
      } else if (const spec::IamRole* role = spec.iam.find(who.value); role != nullptr && role->existing()) {
        // docs/existing.md: by its ARN; a role of this account is the IAM policy's to allow.
        if (aws::arn_part(role->existing_arn.value, 4) != at.account->id.value) roles.push_back(role->existing_arn.value);
      } else if (role != nullptr) {
        const spec::Account* home = role_account(spec, *role);
        if (home == nullptr || home == at.account) continue;  // its own account's IAM policy decides
        roles.push_back(aws::arn(partition, "iam", "", home->id.value, "role/" + iam_role_name(*role)));
      }
    }
    const Verb& verb = verbs()[v];
    auto add = [&](const std::string& suffix, Json principals, bool pinned) {
      if (principals.empty()) return;
      Json pr = principals;
      if (pinned) {
        // The roots of the roles' accounts, pinned to the roles: the policy
        // is accepted before the roles exist in their accounts.
        Json roots = Json::array();
        for (const Json& role : principals) {
          const std::string arn = role.get<std::string>();
          const std::string id = arn.substr(arn.find("::") + 2, 12);
          Json root = aws::account_root_arn(partition, id);
          if (std::find(roots.begin(), roots.end(), root) == roots.end()) roots.push_back(root);
        }
        pr = roots;
      }
      PolicyStatement group_st = PolicyStatement::allow(std::string(verb.name) + suffix + "Group");
      group_st.aws(pr).action(verb.group_actions).resource(group_arn(partition, at, group));
      PolicyStatement versions = PolicyStatement::allow(std::string(verb.name) + suffix + "Versions");
      versions.aws(pr).action(verb.version_actions).resource(versions_arn(partition, at, group));
      if (pinned) {
        group_st.condition("ArnEquals", "aws:PrincipalArn", principals);
        versions.condition("ArnEquals", "aws:PrincipalArn", principals);
      }
      for (const std::string& key : verb.absent_keys) versions.condition("Null", key, "true");
      statements.push_back(group_st);
      statements.push_back(versions);
    };
    add("Accounts", accounts, false);
    add("Roles", roles, true);
  }
  Json props = {{"ModelPackageGroupName", group}};
  props["ModelPackageGroupDescription"] =
      r.description.value.empty() ? fmt::format("Model registry {} of platform {}", r.name, spec.name.value)
                                  : r.description.value;
  if (!statements.empty()) props["ModelPackageGroupPolicy"] = policy_doc(statements);
  cfn::Resource& res = add_resource(stack, registry_id(r.name), "AWS::SageMaker::ModelPackageGroup", props, r.location,
                                    r.tags);
  res.deletion_policy = "Retain";
}

// ---- endpoints ----

struct EndpointPlan {
  const spec::Spec& spec;
  cfn::Assembly& assembly;
  const spec::Endpoint& e;
  spec::Placement at;
  cfn::Stack& stack;
  std::string id;    // "ChurnEndpoint"
  std::string name;  // the SageMaker endpoint name
  std::string partition;

  cfn::Resource& add(const std::string& suffix, std::string type, Json properties, Location where = {}) {
    return add_resource(stack, id + suffix, std::move(type), std::move(properties), where.valid() ? where : e.location,
                        e.tags);
  }
};

struct Grants {
  Json read_objects = Json::array();
  Json write_objects = Json::array();
  Json list_buckets = Json::array();
  Json decrypt_keys = Json::array();
  Json encrypt_keys = Json::array();
  Json repositories = Json::array();
  // Buckets of other accounts (a model's artifacts, `read_accounts`): their
  // keys cannot be referenced from here, so decryption is granted on that
  // account's keys, through S3 and for those buckets only.
  Json foreign_keys = Json::array();
  Json foreign_buckets = Json::array();
};

void push_unique(Json& list, Json value) {
  if (std::find(list.begin(), list.end(), value) == list.end()) list.push_back(std::move(value));
}

std::string bucket_s3_name(const spec::Spec& spec, const spec::Bucket& b) {
  spec::Placement where = spec::place(spec, b.account, b.region);
  return spec::s3_bucket_name(spec, b, where.region);
}

// Objects under `prefix` ("": the whole bucket) of a bucket of the spec.
void grant_bucket(const spec::Spec& spec, cfn::Assembly& assembly, cfn::Stack& stack, const std::string& bucket,
                  std::string prefix, bool write, Grants& g, bool exact = false) {
  const spec::Bucket& b = *spec.storage.find(bucket);
  const std::string arn = aws::arn(aws::kThisPartition, "s3", "", "", bucket_s3_name(spec, b));
  while (!prefix.empty() && prefix.back() == '*') prefix.pop_back();
  push_unique(write ? g.write_objects : g.read_objects, fn::sub(arn + "/" + prefix + (exact ? "" : "*")));
  if (!write) push_unique(g.list_buckets, fn::sub(arn));
  spec::Placement where = spec::place(spec, b.account, b.region);
  if (b.encryption.value == "kms" && where.account->id.value != stack.account_id) {
    push_unique(g.foreign_keys, aws::arn(aws::kThisPartition, "kms", where.region, where.account->id.value, "key/*"));
    // S3 Bucket Keys (on for aip's buckets) make the bucket's ARN the encryption context.
    push_unique(g.foreign_buckets, arn);
  } else if (b.encryption.value == "kms") {
    cfn::Stack& storage = stack_for(assembly, spec, kLayerStorage, *where.account, where.region);
    Json key = bucket_key_arn(spec, assembly, stack, storage, b);
    push_unique(g.decrypt_keys, key);
    if (write) push_unique(g.encrypt_keys, key);
  }
}

// The repository ARN of an ECR image URI.
Json repository_arn(const std::string& image) {
  const std::string account = image.substr(0, 12);
  const std::size_t ecr = image.find(".dkr.ecr.");
  const std::size_t dot = image.find('.', ecr + 9);
  const std::string region = image.substr(ecr + 9, dot - ecr - 9);
  const std::size_t slash = image.find('/');
  std::string repo = image.substr(slash + 1);
  repo = repo.substr(0, std::min(repo.find('@'), repo.find(':')));
  return fn::sub(aws::arn(aws::kThisPartition, "ecr", region, account, "repository/" + repo));
}

Json grant_statements(const Grants& g) {
  Json st = Json::array();
  if (!g.list_buckets.empty()) st.push_back(allow("ListBuckets", "s3:ListBucket", g.list_buckets));
  if (!g.read_objects.empty()) st.push_back(allow("ReadObjects", "s3:GetObject", g.read_objects));
  if (!g.write_objects.empty()) {
    st.push_back(allow("WriteObjects", Json::array({"s3:AbortMultipartUpload", "s3:PutObject"}), g.write_objects));
  }
  if (!g.decrypt_keys.empty() && g.encrypt_keys.empty()) st.push_back(allow("DecryptObjects", "kms:Decrypt", g.decrypt_keys));
  if (!g.encrypt_keys.empty()) {
    Json decrypt_only = Json::array();
    for (const Json& k : g.decrypt_keys) {
      if (std::find(g.encrypt_keys.begin(), g.encrypt_keys.end(), k) == g.encrypt_keys.end()) decrypt_only.push_back(k);
    }
    if (!decrypt_only.empty()) st.push_back(allow("DecryptObjects", "kms:Decrypt", decrypt_only));
    st.push_back(allow("EncryptObjects", Json::array({"kms:Decrypt", "kms:GenerateDataKey"}), g.encrypt_keys));
  }
  if (!g.foreign_keys.empty()) {
    Json keys = Json::array(), objects = Json::array();
    for (const Json& k : g.foreign_keys) keys.push_back(fn::sub(k.get<std::string>()));
    for (const Json& o : g.foreign_buckets) objects.push_back(fn::sub(o.get<std::string>()));
    st.push_back(PolicyStatement::allow("DecryptObjectsOfOtherAccounts")
                     .action("kms:Decrypt")
                     .resource(keys.size() == 1 ? keys[0] : keys)
                     .condition("StringEquals", "kms:ViaService", fn::sub("s3.${AWS::Region}.${AWS::URLSuffix}"))
                     .condition("StringEquals", "kms:EncryptionContext:aws:s3:arn",
                                objects.size() == 1 ? objects[0] : objects));
  }
  if (!g.repositories.empty()) {
    st.push_back(allow("PullImages",
                       Json::array({"ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"}),
                       g.repositories));
    // ECR's login has no resource-level permissions.
    st.push_back(allow("EcrLogin", "ecr:GetAuthorizationToken", "*"));
  }
  return st;
}

// Log groups SageMaker writes for a kind of resource ("Endpoints", "NotebookInstances").
PolicyStatement sagemaker_logs(const std::string& kind, const std::string& name) {
  const std::string group = "log-group:/aws/sagemaker/" + kind + "/" + name;
  return allow("WriteLogs",
               Json::array({"logs:CreateLogGroup", "logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents"}),
               Json::array({stack_arn("logs", group), stack_arn("logs", group + ":log-stream:*")}));
}

Json sagemaker_key(const std::string& what) {
  return {{"Description", what}, {"EnableKeyRotation", true},
          {"KeyPolicy", policy_doc(Json::array({account_administers_key()}))}};
}

// "<group>/<version>" of a registry model, the version "${Parameter}" when a
// stack parameter carries it at deploy time (declared here, `version` its default).
std::string model_package(EndpointPlan& p, const spec::ModelSource& m) {
  const spec::ModelRegistry& r = *p.spec.sagemaker.find_registry(m.registry.value);
  const std::string group = spec::model_package_group_name(p.spec, r);
  if (m.version_parameter.value.empty()) return fmt::format("{}/{}", group, m.version->value);
  p.stack.parameters[m.version_parameter.value] = {
      {"Type", "Number"},
      {"Default", std::to_string(m.version->value)},
      {"MinValue", 1},
      {"Description", fmt::format("The version of model package group {} endpoint {} serves (deploy with "
                                  "--parameters {}:{}=<version>)",
                                  group, p.name, p.stack.id, m.version_parameter.value)}};
  return fmt::format("{}/${{{}}}", group, m.version_parameter.value);
}

// A deploy-time value: a Ref to the stack parameter `name` (declared as
// `declaration`), or `literal` when the spec names no parameter.
Json deploy_value(EndpointPlan& p, const spec::Located<std::string>& name, Json declaration, Json literal) {
  if (name.value.empty()) return literal;
  declaration["Description"] = fmt::format("{} of endpoint {} (deploy with --parameters {}:{}=<value>)",
                                           declaration["Description"].get<std::string>(), p.name, p.stack.id,
                                           name.value);
  p.stack.parameters[name.value] = std::move(declaration);
  return fn::ref(name.value);
}

Json model_container(EndpointPlan& p, const spec::ModelSource& m, Grants& g) {
  Json container = Json::object();
  if (!m.registry.value.empty()) {
    const spec::ModelRegistry& r = *p.spec.sagemaker.find_registry(m.registry.value);
    spec::Placement home = spec::place(p.spec, r.account, r.region);
    container["ModelPackageName"] = fn::sub(aws::arn(aws::kThisPartition, "sagemaker", home.region,
                                                     home.account->id.value,
                                                     "model-package/" + model_package(p, m)));
  } else {
    container["Image"] = m.image.value;
    const spec::Bucket& b = *p.spec.storage.find(m.bucket.value);
    container["ModelDataUrl"] = fmt::format("s3://{}/{}", bucket_s3_name(p.spec, b), m.key.value);
  }
  if (!m.image.value.empty()) push_unique(g.repositories, repository_arn(m.image.value));
  if (!m.bucket.value.empty()) {
    grant_bucket(p.spec, p.assembly, p.stack, m.bucket.value, m.key.value, false, g, m.registry.value.empty());
  }
  return container;
}

std::string capture_prefix(const spec::Endpoint& e) {
  return e.capture->prefix.value.empty() ? "capture/" + e.name : e.capture->prefix.value;
}

void plan_monitoring(EndpointPlan& p, const Json& endpoint_name) {
  const spec::EndpointMonitoring& m = *p.e.monitoring;
  const spec::Bucket& b = *p.spec.storage.find(m.bucket.value);
  const std::string bucket = bucket_s3_name(p.spec, b);
  std::string baseline = m.baseline.value;
  while (!baseline.empty() && baseline.back() == '/') baseline.pop_back();
  const std::string reports = m.reports.value.empty() ? "monitoring/" + p.e.name : m.reports.value;
  Grants g;
  grant_bucket(p.spec, p.assembly, p.stack, m.bucket.value, baseline + "/", false, g);
  grant_bucket(p.spec, p.assembly, p.stack, m.bucket.value, reports + "/", true, g);
  grant_bucket(p.spec, p.assembly, p.stack, p.e.capture->bucket.value, capture_prefix(p.e) + "/", false, g);
  Json statements = grant_statements(g);
  statements.push_back(allow("EndpointKey", Json::array({"kms:Decrypt", "kms:GenerateDataKey"}),
                             fn::get_att(p.id + "Key", "Arn")));
  statements.push_back(allow("WriteLogs",
                             Json::array({"logs:CreateLogGroup", "logs:CreateLogStream", "logs:DescribeLogStreams",
                                          "logs:PutLogEvents"}),
                             Json::array({stack_arn("logs", "log-group:/aws/sagemaker/ProcessingJobs"),
                                          stack_arn("logs", "log-group:/aws/sagemaker/ProcessingJobs:log-stream:*")})));
  PolicyStatement metrics = allow("PublishMetrics", "cloudwatch:PutMetricData", "*");
  metrics.condition("StringLike", "cloudwatch:namespace", "aws/sagemaker/Endpoints/data-metrics");
  statements.push_back(metrics);
  p.add("MonitoringRole", "AWS::IAM::Role",
        {{"AssumeRolePolicyDocument", trust_service("sagemaker.amazonaws.com")},
         {"Description", fmt::format("Model Monitor of endpoint {}: its baseline, capture and reports only", p.name)},
         {"Policies", Json::array({{{"PolicyName", "monitoring"}, {"PolicyDocument", policy_doc(statements)}}})}},
        m.location);
  const std::string image =
      !m.image.value.empty()
          ? m.image.value
          : fmt::format("{}.dkr.ecr.{}.amazonaws.com/sagemaker-model-monitor-analyzer",
                        spec::model_monitor_account(p.at.region), p.at.region);
  const std::string definition = p.name + "-data-quality";
  cfn::Resource& job = p.add(
      "DataQualityJob", "AWS::SageMaker::DataQualityJobDefinition",
      {{"JobDefinitionName", definition},
       {"DataQualityAppSpecification", {{"ImageUri", image}}},
       {"DataQualityBaselineConfig",
        {{"ConstraintsResource", {{"S3Uri", fmt::format("s3://{}/{}/constraints.json", bucket, baseline)}}},
         {"StatisticsResource", {{"S3Uri", fmt::format("s3://{}/{}/statistics.json", bucket, baseline)}}}}},
       {"DataQualityJobInput",
        {{"EndpointInput", {{"EndpointName", endpoint_name}, {"LocalPath", "/opt/ml/processing/input/endpoint"}}}}},
       {"DataQualityJobOutputConfig",
        {{"KmsKeyId", fn::get_att(p.id + "Key", "Arn")},
         {"MonitoringOutputs",
          Json::array({{{"S3Output",
                         {{"S3Uri", fmt::format("s3://{}/{}", bucket, reports)},
                          {"LocalPath", "/opt/ml/processing/output"},
                          {"S3UploadMode", "EndOfJob"}}}}})}}},
       {"JobResources",
        {{"ClusterConfig",
          {{"InstanceCount", 1},
           {"InstanceType", m.instance_type.value},
           {"VolumeSizeInGB", 20},
           {"VolumeKmsKeyId", fn::get_att(p.id + "Key", "Arn")}}}}},
       {"NetworkConfig", {{"EnableInterContainerTrafficEncryption", true}}},
       {"RoleArn", fn::get_att(p.id + "MonitoringRole", "Arn")},
       {"StoppingCondition", {{"MaxRuntimeInSeconds", 3600}}}},
      m.location);
  job.depends_on = {p.id};
  cfn::Resource& schedule = p.add(
      "MonitoringSchedule", "AWS::SageMaker::MonitoringSchedule",
        {{"MonitoringScheduleName", p.name + "-data-quality"},
         {"EndpointName", endpoint_name},
         {"MonitoringScheduleConfig",
          {{"MonitoringJobDefinitionName", definition},
           {"MonitoringType", "DataQuality"},
           {"ScheduleConfig", {{"ScheduleExpression", m.schedule.value}}}}}},
        m.schedule.location.valid() ? m.schedule.location : m.location);
  schedule.depends_on = {p.id + "DataQualityJob"};  // the definition has no name attribute to reference
}

void plan_endpoint(const spec::Spec& spec, cfn::Assembly& assembly, const spec::Endpoint& e) {
  spec::Placement at = spec::place(spec, e.account, e.region);
  cfn::Stack& stack = stack_for(assembly, spec, kLayerSageMaker, *at.account, at.region);
  EndpointPlan p{spec, assembly, e, at, stack, endpoint_id(e.name), spec::sagemaker_endpoint_name(spec, e),
                 std::string(aws::partition_of(at.region))};

  cfn::Resource& key = p.add("Key", "AWS::KMS::Key",
                             sagemaker_key(fmt::format("Encrypts endpoint {}: volumes, data capture, monitoring", p.name)));
  key.deletion_policy = "Retain";

  // Models first: their artifacts and images decide the role.
  Grants g;
  std::vector<Json> containers;
  for (const spec::EndpointVariant& v : e.variants) containers.push_back(model_container(p, v.model, g));
  if (e.capture) grant_bucket(spec, assembly, stack, e.capture->bucket.value, capture_prefix(e) + "/", true, g);
  Json statements = grant_statements(g);
  statements.push_back(sagemaker_logs("Endpoints", p.name));
  statements.push_back(allow("EndpointKey", Json::array({"kms:Decrypt", "kms:GenerateDataKey"}),
                             fn::get_att(p.id + "Key", "Arn")));
  p.add("Role", "AWS::IAM::Role",
        {{"AssumeRolePolicyDocument", trust_service("sagemaker.amazonaws.com")},
         {"Description", fmt::format("Execution role of endpoint {}: its models' artifacts and images, its data "
                                     "capture",
                                     p.name)},
         {"Policies", Json::array({{{"PolicyName", "endpoint"}, {"PolicyDocument", policy_doc(statements)}}})}});

  Json min_instances, max_instances, target_invocations;
  if (e.scaling) {
    const spec::EndpointScaling& sc = *e.scaling;
    const Json range = {{"Type", "Number"}, {"MinValue", 1}, {"MaxValue", 100}};
    Json min_declaration = range, max_declaration = range;
    min_declaration["Default"] = std::to_string(sc.min.value);
    min_declaration["Description"] = "The minimum instance count of each variant";
    max_declaration["Default"] = std::to_string(sc.max.value);
    max_declaration["Description"] = "The maximum instance count of each variant";
    min_instances = deploy_value(p, sc.min_parameter, min_declaration, std::max(1, sc.min.value));
    max_instances = deploy_value(p, sc.max_parameter, max_declaration, sc.max.value);
    target_invocations = deploy_value(
        p, sc.invocations_per_instance_parameter,
        {{"Type", "Number"},
         {"MinValue", 1},
         {"MaxValue", 1000000},
         {"Default", std::to_string(sc.invocations_per_instance.value)},
         {"Description", "The scaling target of invocations per instance and minute"}},
        sc.invocations_per_instance.value);
  }
  Json variants = Json::array();
  bool instance_storage = false;
  for (std::size_t i = 0; i < e.variants.size(); ++i) {
    const spec::EndpointVariant& v = e.variants[i];
    const std::string model = p.id + cfn::pascal_case(v.name) + "Model";
    // Network isolation: the container gets no network access of its own (SageMaker still fetches the
    // artifact and image for it), so a compromised model cannot send requests or data anywhere.
    Json model_props = {{"ExecutionRoleArn", fn::get_att(p.id + "Role", "Arn")}, {"PrimaryContainer", containers[i]}};
    if (e.network_isolation.value) model_props["EnableNetworkIsolation"] = true;
    cfn::Resource& mr = add_resource(stack, model, "AWS::SageMaker::Model", model_props,
                                     v.model.location.valid() ? v.model.location : v.location, e.tags);
    mr.depends_on = {p.id + "Role"};
    int count = v.count.value;
    if (e.scaling && !v.count.location.valid()) count = std::max(count, e.scaling->min.value);
    const Json instance_type =
        deploy_value(p, e.instance_type_parameter,
                     {{"Type", "String"}, {"Default", v.instance_type.value}, {"AllowedPattern", "ml\\.[a-z0-9]+\\.[a-z0-9]+"},
                      {"Description", "The instance type of every variant"}},
                     v.instance_type.value);
    // Without its own count a variant starts at the scaling minimum, deploy-time too.
    const Json initial_count = e.scaling && !v.count.location.valid() ? min_instances : Json(count);
    variants.push_back({{"VariantName", v.name},
                        {"ModelName", fn::get_att(model, "ModelName")},
                        {"InstanceType", instance_type},
                        {"InitialInstanceCount", initial_count},
                        {"InitialVariantWeight", v.weight.value}});
    instance_storage = instance_storage || aws::sagemaker_instance_has_local_storage(v.instance_type.value);
  }
  Json config = {{"ProductionVariants", variants}};
  // SageMaker refuses a key with instance storage, which it encrypts itself.
  if (!instance_storage) config["KmsKeyId"] = fn::get_att(p.id + "Key", "Arn");
  if (e.capture) {
    const spec::Bucket& b = *spec.storage.find(e.capture->bucket.value);
    config["DataCaptureConfig"] = {
        {"EnableCapture", true},
        {"InitialSamplingPercentage", e.capture->percent.value},
        {"DestinationS3Uri", fmt::format("s3://{}/{}", bucket_s3_name(spec, b), capture_prefix(e))},
        {"KmsKeyId", fn::get_att(p.id + "Key", "Arn")},
        {"CaptureOptions", Json::array({{{"CaptureMode", "Input"}}, {{"CaptureMode", "Output"}}})}};
  }
  p.add("Config", "AWS::SageMaker::EndpointConfig", config);
  cfn::Resource& endpoint = p.add(
      "", "AWS::SageMaker::Endpoint",
      {{"EndpointName", p.name}, {"EndpointConfigName", fn::get_att(p.id + "Config", "EndpointConfigName")}});
  // The registry versions it serves, in variant order ("<group>/<version> ..."),
  // so that its state change events name them (deploy-time versions resolved).
  std::vector<std::string> packages;
  for (const spec::EndpointVariant& v : e.variants) {
    if (!v.model.registry.value.empty()) packages.push_back(model_package(p, v.model));
  }
  if (!packages.empty()) {
    std::string value;
    for (const std::string& package : packages) value += (value.empty() ? "" : " ") + package;
    endpoint.overrides.push_back(
        {{"Tags", "[+]"},
         {{"Key", "model-packages"}, {"Value", value.find("${") == std::string::npos ? Json(value) : fn::sub(value)}}});
  }
  const Json endpoint_name = fn::get_att(p.id, "EndpointName");

  if (e.scaling) {
    const spec::EndpointScaling& s = *e.scaling;
    for (const spec::EndpointVariant& v : e.variants) {
      const std::string target = p.id + cfn::pascal_case(v.name) + "ScalableTarget";
      cfn::Resource& t = add_resource(
          stack, target, "AWS::ApplicationAutoScaling::ScalableTarget",
          {{"MinCapacity", min_instances},
           {"MaxCapacity", max_instances},
           {"ResourceId", fn::sub(fmt::format("endpoint/${{{}.EndpointName}}/variant/{}", p.id, v.name))},
           {"ScalableDimension", "sagemaker:variant:DesiredInstanceCount"},
           {"ServiceNamespace", "sagemaker"}},
          s.location, e.tags);
      t.depends_on = {p.id};
      add_resource(stack, p.id + cfn::pascal_case(v.name) + "ScalingPolicy", "AWS::ApplicationAutoScaling::ScalingPolicy",
                   {{"PolicyName", fmt::format("{}-{}-invocations", p.name, v.name)},
                    {"PolicyType", "TargetTrackingScaling"},
                    {"ScalingTargetId", fn::ref(target)},
                    {"TargetTrackingScalingPolicyConfiguration",
                     {{"PredefinedMetricSpecification",
                       {{"PredefinedMetricType", "SageMakerVariantInvocationsPerInstance"}}},
                      {"TargetValue", target_invocations},
                      {"ScaleInCooldown", s.scale_in_cooldown.value},
                      {"ScaleOutCooldown", s.scale_out_cooldown.value}}}},
                   s.location);
    }
  }
  if (e.monitoring) plan_monitoring(p, endpoint_name);
}

// ---- notebooks ----

// Stops the notebook when no kernel was active for IDLE minutes: a cron job
// asks the local Jupyter server (no internet needed) and calls
// StopNotebookInstance through the VPC's SageMaker API endpoint.
std::string autostop_script(int idle_minutes) {
  return fmt::format(R"(#!/bin/bash
# aip: stop this notebook instance after {0} idle minutes (sagemaker.notebooks.*.idle_minutes).
set -euo pipefail
cat > /usr/local/bin/aip-autostop.py <<'PY'
import datetime, json, ssl, subprocess, sys, urllib.request
idle = int(sys.argv[1]) * 60
now = datetime.datetime.utcnow()
ctx = ssl._create_unverified_context()
sessions = json.load(urllib.request.urlopen("https://localhost:8443/api/sessions", context=ctx))
def quiet(k):
    last = datetime.datetime.strptime(k["last_activity"], "%Y-%m-%dT%H:%M:%S.%fz")
    return k["execution_state"] != "busy" and (now - last).total_seconds() >= idle
with open("/proc/uptime") as f:
    up = float(f.read().split()[0])
if up >= idle and all(quiet(s["kernel"]) for s in sessions):
    name = json.load(open("/opt/ml/metadata/resource-metadata.json"))["ResourceName"]
    subprocess.run(["aws", "sagemaker", "stop-notebook-instance", "--notebook-instance-name", name], check=True)
PY
cat > /etc/cron.d/aip-autostop <<CRON
PATH=/usr/local/bin:/usr/bin:/bin:/home/ec2-user/anaconda3/bin
*/5 * * * * root /usr/bin/python3 /usr/local/bin/aip-autostop.py {0} >> /var/log/aip-autostop.log 2>&1
CRON
)",
                     idle_minutes);
}

void plan_notebook(const spec::Spec& spec, cfn::Assembly& assembly, const spec::Notebook& n) {
  const spec::Vpc& vpc = *spec.find_vpc(n.vpc.value);
  spec::Placement at = spec::place(spec, vpc.account, vpc.region);
  cfn::Stack& stack = stack_for(assembly, spec, kLayerSageMaker, *at.account, at.region);
  const std::string id = notebook_id(n.name);
  const std::string name = spec::notebook_name(spec, n);
  auto add = [&](const std::string& suffix, std::string type, Json props, Location where = {}) -> cfn::Resource& {
    return add_resource(stack, id + suffix, std::move(type), std::move(props), where.valid() ? where : n.location,
                        n.tags);
  };
  cfn::Resource& key = add("Key", "AWS::KMS::Key", sagemaker_key("Encrypts the volume of notebook " + name));
  key.deletion_policy = "Retain";

  Grants g;
  for (const auto& b : n.read_buckets) grant_bucket(spec, assembly, stack, b.value, "", false, g);
  for (const auto& b : n.write_buckets) {
    grant_bucket(spec, assembly, stack, b.value, "", false, g);
    grant_bucket(spec, assembly, stack, b.value, "", true, g);
  }
  Json statements = grant_statements(g);
  statements.push_back(sagemaker_logs("NotebookInstances", name));
  // The lifecycle configuration stops the notebook itself, and nothing else.
  statements.push_back(allow("StopWhenIdle",
                             Json::array({"sagemaker:DescribeNotebookInstance", "sagemaker:StopNotebookInstance"}),
                             stack_arn("sagemaker", "notebook-instance/" + name)));
  // Its Git repository (notebook versioning): pull and push that repository only.
  if (!n.code_repository.value.empty()) {
    statements.push_back(allow("NotebookRepository", Json::array({"codecommit:GitPull", "codecommit:GitPush"}),
                               stack_arn("codecommit", n.code_repository.value)));
  }
  add("Role", "AWS::IAM::Role",
      {{"AssumeRolePolicyDocument", trust_service("sagemaker.amazonaws.com")},
       {"Description", fmt::format("Notebook {}: its named buckets, its logs, stopping itself", name)},
       {"Policies", Json::array({{{"PolicyName", "notebook"}, {"PolicyDocument", policy_doc(statements)}}})}});

  cfn::Stack& net = vpc_stack(spec, assembly, vpc);
  const spec::Tier* home = nullptr;
  for (const spec::Tier& t : vpc.tiers) {
    if (home == nullptr && (n.subnets.value.empty() ? t.kind == spec::TierKind::private_ : t.name == n.subnets.value)) {
      home = &t;
    }
  }
  Json group;
  if (!n.security_group.value.empty()) {
    group = assembly.get_att(stack, net, security_group_id(n.security_group.value), "GroupId");
  } else {
    cfn::Resource& sg = add("SecurityGroup", "AWS::EC2::SecurityGroup",
                            {{"GroupDescription", "Notebook " + name + ": HTTPS to the VPC endpoints, nothing in"},
                             {"VpcId", assembly.ref(stack, net, vpc_logical_id(vpc))},
                             {"SecurityGroupEgress", Json::array({{{"IpProtocol", "tcp"},
                                                                   {"FromPort", 443},
                                                                   {"ToPort", 443},
                                                                   {"CidrIp", vpc.cidr.value.str()},
                                                                   {"Description", "HTTPS to VPC endpoints"}}})}},
                            n.vpc.location);
    sg.tags["Name"] = name;
    group = fn::get_att(id + "SecurityGroup", "GroupId");
  }
  add("Lifecycle", "AWS::SageMaker::NotebookInstanceLifecycleConfig",
      {{"NotebookInstanceLifecycleConfigName", name + "-autostop"},
       {"OnStart", Json::array({{{"Content", {{"Fn::Base64", autostop_script(n.idle_minutes.value)}}}}})}},
      n.idle_minutes.location);
  add("", "AWS::SageMaker::NotebookInstance",
      {{"NotebookInstanceName", name},
       {"InstanceType", n.instance_type.value},
       {"RoleArn", fn::get_att(id + "Role", "Arn")},
       {"SubnetId", assembly.ref(stack, net, subnet_id(vpc.name, home->name, 1))},
       {"SecurityGroupIds", Json::array({group})},
       {"DirectInternetAccess", "Disabled"},
       {"RootAccess", "Disabled"},
       {"KmsKeyId", fn::get_att(id + "Key", "Arn")},
       {"VolumeSizeInGB", n.volume_gb.value},
       {"PlatformIdentifier", "notebook-al2-v3"},
       {"InstanceMetadataServiceConfiguration", {{"MinimumInstanceMetadataServiceVersion", "2"}}},
       {"LifecycleConfigName", fn::get_att(id + "Lifecycle", "NotebookInstanceLifecycleConfigName")}});
  if (!n.code_repository.value.empty()) {
    stack.find(id)->properties["DefaultCodeRepository"] =
        fn::sub("https://git-codecommit.${AWS::Region}.amazonaws.com/v1/repos/" + n.code_repository.value);
    stack.find(id)->property_provenance.push_back({{"DefaultCodeRepository"}, n.code_repository.location});
  }
}

// A feature group: the online store encrypted with a key of its own, the
// offline store under its prefix with the bucket's key, written as a role
// that reaches only that prefix. aip creates no Glue table for the offline
// store (a crawler of the glue area can catalog the prefix).
void plan_feature_group(const spec::Spec& spec, cfn::Assembly& assembly, const spec::FeatureGroup& g) {
  spec::Placement at = spec::place(spec, g.account, g.region);
  cfn::Stack& stack = stack_for(assembly, spec, kLayerSageMaker, *at.account, at.region);
  const std::string id = feature_group_id(g.name);
  const std::string name = spec::feature_group_name(spec, g);
  Json features = Json::array();
  for (const spec::FeatureDefinition& d : g.features) {
    std::string type = d.type.value;
    type[0] = static_cast<char>(type[0] - 'a' + 'A');
    features.push_back({{"FeatureName", d.name.value}, {"FeatureType", type}});
  }
  Json props = {{"FeatureGroupName", name},
                {"RecordIdentifierFeatureName", g.record_id.value},
                {"EventTimeFeatureName", g.event_time.value},
                {"FeatureDefinitions", std::move(features)},
                {"Description", g.description.value.empty()
                                    ? fmt::format("Feature group {} of platform {}", g.name, spec.name.value)
                                    : g.description.value}};
  if (g.online.value) {
    cfn::Resource& key = add_resource(stack, id + "Key", "AWS::KMS::Key",
                                      sagemaker_key("Encrypts the online store of feature group " + name),
                                      g.online.location.valid() ? g.online.location : g.location, g.tags);
    key.deletion_policy = "Retain";
    props["OnlineStoreConfig"] = {{"EnableOnlineStore", true},
                                  {"SecurityConfig", {{"KmsKeyId", fn::get_att(id + "Key", "Arn")}}}};
  }
  if (g.offline_location.valid()) {
    const spec::Bucket& b = *spec.storage.find(g.offline_bucket.value);
    const std::string bucket = bucket_s3_name(spec, b);
    std::string prefix = g.offline_prefix.value.empty() ? "feature-store/" + name + "/" : g.offline_prefix.value;
    Grants grants;
    grant_bucket(spec, assembly, stack, b.name, prefix, false, grants);
    grant_bucket(spec, assembly, stack, b.name, prefix, true, grants);
    Json statements = grant_statements(grants);
    const std::string arn = aws::arn(aws::kThisPartition, "s3", "", "", bucket);
    // Feature Store checks the bucket's ACL and sets the objects' (bucket-owner-full-control).
    statements.push_back(allow("OfflineStoreAcl", "s3:GetBucketAcl", fn::sub(arn)));
    statements.push_back(allow("OfflineStoreObjectAcl", "s3:PutObjectAcl", fn::sub(arn + "/" + prefix + "*")));
    add_resource(stack, id + "Role", "AWS::IAM::Role",
                 {{"AssumeRolePolicyDocument", trust_service("sagemaker.amazonaws.com")},
                  {"Description", fmt::format("Feature group {}: writes its offline store, {} of bucket {}", name,
                                              prefix, b.name)},
                  {"Policies", Json::array({{{"PolicyName", "offline-store"}, {"PolicyDocument", policy_doc(statements)}}})}},
                 g.offline_location, g.tags);
    Json s3 = {{"S3Uri", "s3://" + bucket + "/" + prefix.substr(0, prefix.size() - 1)}};
    if (!grants.encrypt_keys.empty()) s3["KmsKeyId"] = grants.encrypt_keys.front();
    props["OfflineStoreConfig"] = {{"S3StorageConfig", s3}, {"DisableGlueTableCreation", true}};
    props["RoleArn"] = fn::get_att(id + "Role", "Arn");
  }
  add_resource(stack, id, "AWS::SageMaker::FeatureGroup", std::move(props), g.location, g.tags);
}

}  // namespace sagemaker_plan

std::vector<RegistryGrant> registry_grants(const spec::Spec& spec, const spec::IamRole& role) {
  using namespace sagemaker_plan;
  std::vector<RegistryGrant> out;
  for (const spec::ModelRegistry& r : spec.sagemaker.registries) {
    spec::Placement at = spec::place(spec, r.account, r.region);
    if (!at.known()) continue;
    const std::string partition(aws::partition_of(at.region));
    const std::string group = spec::model_package_group_name(spec, r);
    for (std::size_t v = 0; v < verbs().size(); ++v) {
      for (const auto& who : verb_list(r, v)) {
        if (who.value != role.name) continue;
        const Verb& verb = verbs()[v];
        const std::string sid = cfn::pascal_case(r.name) + "Registry" + verb.name;
        if (verb.absent_keys.empty()) {
          std::vector<std::string> actions = verb.group_actions;
          actions.insert(actions.end(), verb.version_actions.begin(), verb.version_actions.end());
          out.push_back({sid, actions, {group_arn(partition, at, group), versions_arn(partition, at, group)}, {}});
          continue;
        }
        // The conditions apply to the versions only: one statement for each.
        out.push_back({sid + "Group", verb.group_actions, {group_arn(partition, at, group)}, {}});
        RegistryGrant versions{sid + "Versions", verb.version_actions, {versions_arn(partition, at, group)}, {}};
        for (const std::string& key : verb.absent_keys) versions.condition["Null"][key] = {"true"};
        out.push_back(std::move(versions));
      }
    }
  }
  return out;
}

void plan_sagemaker(const spec::Spec& spec, cfn::Assembly& assembly) {
  using namespace sagemaker_plan;
  for (const spec::ModelRegistry& r : spec.sagemaker.registries) plan_registry(spec, assembly, r);
  for (const spec::Endpoint& e : spec.sagemaker.endpoints) plan_endpoint(spec, assembly, e);
  for (const spec::Notebook& n : spec.sagemaker.notebooks) plan_notebook(spec, assembly, n);
  for (const spec::FeatureGroup& g : spec.sagemaker.feature_groups) plan_feature_group(spec, assembly, g);
}

}  // namespace aip::plan
