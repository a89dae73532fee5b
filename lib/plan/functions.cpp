// The `functions:` area rendered into the functions stack of each account and
// region: per function a log group with retention, a dead-letter queue, a
// security group (VPC functions that name none), a least-privilege execution
// role and the Lambda function. ARNs of queues, topics and buses are built
// from their names, so this stack never imports from the events stack (which
// imports function ARNs from here); keys of encrypted queues and topics grant
// the roles in their own key policies.
#include <algorithm>
#include <cstdint>
#include <map>

#include <fmt/format.h>

#include "base/arn.hpp"
#include "plan/functions.hpp"
#include "plan/bedrock.hpp"
#include "plan/names.hpp"
#include "plan/plan.hpp"
#include "plan/registries.hpp"
#include "plan/resource_helpers.hpp"
#include "plan/tables.hpp"
#include "spec/load.hpp"
#include "spec/placement.hpp"

namespace aip::plan {
namespace {

using cfn::Json;
namespace fn = cfn::intrinsic;

Json queue_arn(const std::string& name) {
  return stack_arn("sqs", name);
}
Json topic_arn(const std::string& name) {
  return stack_arn("sns", name);
}
Json bus_arn(const std::string& name) {
  return stack_arn("events", "event-bus/" + name);
}

struct FunctionPlan {
  const spec::Spec& spec;
  cfn::Assembly& assembly;
  const spec::Function& f;
  cfn::Stack& stack;
  std::string id;    // "<Name>Function"
  std::string name;  // the Lambda name
  const spec::Vpc* vpc = nullptr;
};

// Subnets of the function's tier (named, or the first private one).
const spec::Tier* function_tier(const spec::Function& f, const spec::Vpc& vpc) {
  for (const spec::Tier& t : vpc.tiers) {
    if (f.tier.value.empty() ? t.kind == spec::TierKind::private_ : t.name == f.tier.value) return &t;
  }
  return nullptr;
}

// Security group ids of a VPC function, as references from its stack.
Json security_groups(FunctionPlan& p) {
  Json ids = Json::array();
  cfn::Stack& net = vpc_stack(p.spec, p.assembly, *p.vpc);
  for (const auto& g : p.f.security_groups) {
    ids.push_back(p.assembly.get_att(p.stack, net, security_group_id(g.value), "GroupId"));
  }
  if (!ids.empty()) return ids;
  // None named: a group of its own that may only call AWS APIs over HTTPS
  // (VPC endpoints or NAT) and accepts nothing.
  const std::string sg = p.id + "SecurityGroup";
  cfn::Resource& r = add_resource(
      p.stack, sg, "AWS::EC2::SecurityGroup",
      {{"GroupDescription", fmt::format("Function {} of platform {}", p.f.name, p.spec.name.value)},
       {"VpcId", p.assembly.ref(p.stack, net, vpc_logical_id(*p.vpc))},
       {"SecurityGroupEgress", Json::array({{{"IpProtocol", "tcp"},
                                             {"FromPort", 443},
                                             {"ToPort", 443},
                                             {"CidrIp", "0.0.0.0/0"},
                                             {"Description", "HTTPS to AWS APIs"}}})}},
      p.f.vpc.location, p.f.tags);
  r.tags["Name"] = p.name;
  ids.push_back(fn::get_att(sg, "GroupId"));
  return ids;
}

// The ENI permissions Lambda needs to place the function in its subnets,
// scoped to those subnets and groups (AWSLambdaVPCAccessExecutionRole grants
// them on "*").
void vpc_statements(const Json& subnets, const Json& groups, Json& statements) {
  Json create = Json::array({stack_arn("ec2", "network-interface/*")});
  for (const Json* list : {&subnets, &groups}) {
    const char* kind = list == &subnets ? "subnet" : "security-group";
    for (const Json& id : *list) {
      const std::string arn =
          aws::arn(aws::kThisPartition, "ec2", aws::kThisRegion, aws::kThisAccount, std::string(kind) + "/${Id}");
      create.push_back(Json{{"Fn::Sub", Json::array({arn, {{"Id", id}}})}});
    }
  }
  statements.push_back(allow("CreateNetworkInterfaces", "ec2:CreateNetworkInterface", create));
  statements.push_back(allow("ManageNetworkInterfaces",
                             Json::array({"ec2:AssignPrivateIpAddresses", "ec2:DeleteNetworkInterface",
                                          "ec2:UnassignPrivateIpAddresses"}),
                             stack_arn("ec2", "network-interface/*")));
  // Describe calls have no resource-level permissions.
  statements.push_back(allow("DescribeNetwork", Json::array({"ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets"}),
                             "*"));
}

void bucket_statements(FunctionPlan& p, Json& statements, Json& environment) {
  auto refs = [&](const std::vector<spec::Located<std::string>>& names, Json& arns, Json& objects, Json& keys) {
    for (const auto& name : names) {
      const spec::Bucket& b = *p.spec.storage.find(name.value);
      std::string bucket = spec::s3_bucket_name(p.spec, b, p.stack.region);
      environment[spec::wired_variable("BUCKET", b.name, "NAME")] = bucket;
      std::string arn = aws::arn(aws::kThisPartition, "s3", "", "", bucket);
      arns.push_back(fn::sub(arn));
      objects.push_back(fn::sub(arn + "/*"));
      if (b.encryption.value == "kms") {
        cfn::Stack& storage = stack_for(p.assembly, p.spec, kLayerStorage, account_of(p.spec, b.account), p.stack.region);
        Json key = bucket_key_arn(p.spec, p.assembly, p.stack, storage, b);
        if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(key);
      }
    }
  };
  Json read_arns = Json::array(), read_objects = Json::array(), read_keys = Json::array();
  refs(p.f.read_buckets, read_arns, read_objects, read_keys);
  if (!read_arns.empty()) {
    statements.push_back(allow("ListBuckets", "s3:ListBucket", read_arns));
    statements.push_back(allow("ReadObjects", "s3:GetObject", read_objects));
  }
  if (!read_keys.empty()) statements.push_back(allow("DecryptObjects", "kms:Decrypt", read_keys));
  Json write_arns = Json::array(), write_objects = Json::array(), write_keys = Json::array();
  refs(p.f.write_buckets, write_arns, write_objects, write_keys);
  if (!write_arns.empty()) {
    statements.push_back(allow("WriteObjects", Json::array({"s3:AbortMultipartUpload", "s3:PutObject"}), write_objects));
  }
  if (!write_keys.empty()) {
    statements.push_back(allow("EncryptObjects", Json::array({"kms:Decrypt", "kms:GenerateDataKey"}), write_keys));
  }
}

// Queues, topics and buses by name; the environment tells the code where they are.
void event_statements(FunctionPlan& p, const std::vector<const spec::EventQueue*>& consumed, Json& statements,
                      Json& environment) {
  if (!consumed.empty()) {
    Json arns = Json::array();
    for (const spec::EventQueue* q : consumed) arns.push_back(queue_arn(spec::queue_name(p.spec, *q)));
    statements.push_back(allow("ConsumeQueues",
                               Json::array({"sqs:ChangeMessageVisibility", "sqs:DeleteMessage",
                                            "sqs:GetQueueAttributes", "sqs:ReceiveMessage"}),
                               arns));
  }
  Json send = Json::array();
  for (const auto& name : p.f.send_queues) {
    const std::string queue = spec::queue_name(p.spec, *p.spec.events.find_queue(name.value));
    send.push_back(queue_arn(queue));
    environment[spec::wired_variable("QUEUE", name.value, "URL")] =
        fn::sub("https://sqs.${AWS::Region}.${AWS::URLSuffix}/${AWS::AccountId}/" + queue);
  }
  if (!send.empty()) statements.push_back(allow("SendMessages", "sqs:SendMessage", send));
  Json publish = Json::array();
  for (const auto& name : p.f.publish_topics) {
    Json arn = topic_arn(spec::topic_name(p.spec, *p.spec.events.find_topic(name.value)));
    publish.push_back(arn);
    environment[spec::wired_variable("TOPIC", name.value, "ARN")] = arn;
  }
  if (!publish.empty()) statements.push_back(allow("PublishToTopics", "sns:Publish", publish));
  Json buses = Json::array();
  for (const auto& name : p.f.put_events) {
    const spec::EventBus* b = p.spec.events.find_bus(name.value);
    const std::string bus = b != nullptr ? spec::event_bus_name(p.spec, *b) : "default";
    // An existing bus by its ARN, which PutEvents also takes as the bus name
    // (and needs for a bus of another account).
    const bool existing = b != nullptr && b->existing();
    buses.push_back(existing ? Json(b->existing_arn.value) : bus_arn(bus));
    environment[spec::wired_variable("EVENT_BUS", name.value, "NAME")] = existing ? b->existing_arn.value : bus;
  }
  if (!buses.empty()) statements.push_back(allow("PutEvents", "events:PutEvents", buses));
}

// The secrets it names (read) and the secrets it rotates (`rotation: {function}`).
void secret_statements(FunctionPlan& p, Json& statements, Json& environment) {
  const Json via_secrets_manager = fn::sub("secretsmanager.${AWS::Region}.amazonaws.com");
  auto add_unique = [](Json& list, Json value) {
    if (std::find(list.begin(), list.end(), value) == list.end()) list.push_back(std::move(value));
  };
  Json read = Json::array(), read_keys = Json::array();
  for (const auto& name : p.f.secrets) {
    const spec::Secret& s = *p.spec.secrets.find(name.value);
    Json arn = secret_arn(p.spec, p.assembly, p.stack, s);
    environment[spec::wired_variable("SECRET", s.name, "ARN")] = arn;
    add_unique(read, arn);
    add_unique(read_keys, secret_key_arn(p.spec, p.assembly, p.stack, s));
  }
  if (!read.empty()) {
    statements.push_back(allow("ReadSecrets", "secretsmanager:GetSecretValue", read));
    statements.push_back(allow("DecryptSecrets", "kms:Decrypt", read_keys)
                             .condition("StringEquals", "kms:ViaService", via_secrets_manager));
  }
  Json rotated = Json::array(), rotated_keys = Json::array();
  for (const spec::Secret& s : p.spec.secrets.items) {
    if (!s.rotation || s.rotation->function.value != p.f.name) continue;
    add_unique(rotated, secret_arn(p.spec, p.assembly, p.stack, s));
    add_unique(rotated_keys, secret_key_arn(p.spec, p.assembly, p.stack, s));
  }
  if (rotated.empty()) return;
  statements.push_back(allow("RotateSecrets",
                             Json::array({"secretsmanager:DescribeSecret", "secretsmanager:GetSecretValue",
                                          "secretsmanager:PutSecretValue", "secretsmanager:UpdateSecretVersionStage"}),
                             rotated));
  // GetRandomPassword has no resource-level permissions.
  statements.push_back(allow("GeneratePasswords", "secretsmanager:GetRandomPassword", "*"));
  statements.push_back(allow("EncryptRotatedSecrets", Json::array({"kms:Decrypt", "kms:GenerateDataKey"}), rotated_keys)
                           .condition("StringEquals", "kms:ViaService", via_secrets_manager));
}

// FNV-1a, 64 bits, as 16 hex digits: names a function version by what it runs.
std::string function_version_digest(const std::string& text) {
  std::uint64_t h = 14695981039346656037ULL;
  for (unsigned char c : text) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return fmt::format("{:016x}", h);
}

// CodeDeploy's predefined Lambda configurations, or "" when none matches.
std::string predefined_lambda_config(const spec::FunctionDeployment& d) {
  if (d.strategy.value == "all-at-once") return "CodeDeployDefault.LambdaAllAtOnce";
  if (d.percent.value != 10) return "";
  const int m = d.minutes.value;
  if (d.strategy.value == "canary" && (m == 5 || m == 10 || m == 15 || m == 30)) {
    return fmt::format("CodeDeployDefault.LambdaCanary10Percent{}Minutes", m);
  }
  if (d.strategy.value == "linear" && (m == 1 || m == 2 || m == 3 || m == 10)) {
    return fmt::format("CodeDeployDefault.LambdaLinear10PercentEvery{}Minute{}", m, m == 1 ? "" : "s");
  }
  return "";
}

// `deployment:`: a version per change of the function, the alias `live` every
// invoker calls (function_arn), and CodeDeploy shifting the alias from the old
// version to the new one, rolled back on failure or on an alarm.
void plan_function_deployment(FunctionPlan& p, const Json& function_properties) {
  const spec::FunctionDeployment& d = *p.f.deployment;
  // A Version whose properties do not change is not published again, so its
  // logical id carries a digest of the function's properties (code location,
  // object version, configuration): a change makes a new Version resource,
  // CloudFormation publishes it, the alias moves and CodeDeploy shifts traffic.
  // Old versions are retained so a rollback has a version to return to.
  // The operations key (operations_key.cpp) gives a function with environment
  // variables its KmsKeyArn after planning; the digest counts it already, so the
  // version the alias serves is the one that decrypts with that key.
  Json digested = function_properties;
  if (digested.contains("Environment") && !digested.contains("KmsKeyArn")) {
    digested["KmsKeyArn"] = fn::get_att(kOperationsKeyId, "Arn");
  }
  const std::string digest = function_version_digest(digested.dump());
  const std::string version = p.id + "Version" + digest.substr(0, 10);
  cfn::Resource& v = add_resource(p.stack, version, "AWS::Lambda::Version",
                                  {{"FunctionName", fn::ref(p.id)},
                                   {"Description", fmt::format("Function {} at properties digest {}", p.f.name, digest)}},
                                  d.location);
  v.deletion_policy = "Retain";

  const std::string app = p.id + "DeployApplication";
  add_resource(p.stack, app, "AWS::CodeDeploy::Application",
               {{"ApplicationName", p.name}, {"ComputePlatform", "Lambda"}}, d.location, p.f.tags);
  Json config_name = predefined_lambda_config(d);
  if (config_name.get<std::string>().empty()) {
    const bool canary = d.strategy.value == "canary";
    Json routing = {{"Type", canary ? "TimeBasedCanary" : "TimeBasedLinear"}};
    if (canary) {
      routing["TimeBasedCanary"] = {{"CanaryPercentage", d.percent.value}, {"CanaryInterval", d.minutes.value}};
    } else {
      routing["TimeBasedLinear"] = {{"LinearPercentage", d.percent.value}, {"LinearInterval", d.minutes.value}};
    }
    add_resource(p.stack, p.id + "DeployConfig", "AWS::CodeDeploy::DeploymentConfig",
                 {{"ComputePlatform", "Lambda"}, {"TrafficRoutingConfig", routing}}, d.location);
    config_name = fn::ref(p.id + "DeployConfig");
  }

  const std::string alias_arn = "function:" + p.name + ":" + std::string(kFunctionAlias);
  Json statements = Json::array(
      {allow("ShiftAlias", Json::array({"lambda:GetAlias", "lambda:GetProvisionedConcurrencyConfig", "lambda:UpdateAlias"}),
             stack_arn("lambda", alias_arn))});
  Json alarms = Json::array(), alarm_arns = Json::array();
  for (const auto& a : d.alarms) {
    const std::string alarm = fmt::format("{}-{}", p.spec.name.value, a.value);
    alarms.push_back({{"Name", alarm}});
    alarm_arns.push_back(stack_arn("cloudwatch", "alarm:" + alarm));
  }
  if (!alarms.empty()) statements.push_back(allow("ReadAlarms", "cloudwatch:DescribeAlarms", alarm_arns));
  const std::string role = p.id + "DeployRole";
  add_resource(p.stack, role, "AWS::IAM::Role",
               {{"Description", fmt::format("CodeDeploy shifts alias {} of function {}", kFunctionAlias, p.f.name)},
                {"AssumeRolePolicyDocument", trust_service("codedeploy.amazonaws.com")},
                {"Policies", Json::array({{{"PolicyName", "deployment"}, {"PolicyDocument", policy_doc(statements)}}})}},
               d.location, p.f.tags);

  Json events = Json::array({"DEPLOYMENT_FAILURE"});
  Json group = {{"ApplicationName", fn::ref(app)},
                {"DeploymentGroupName", p.name},
                {"DeploymentConfigName", config_name},
                {"ServiceRoleArn", fn::get_att(role, "Arn")},
                {"DeploymentStyle", {{"DeploymentType", "BLUE_GREEN"}, {"DeploymentOption", "WITH_TRAFFIC_CONTROL"}}}};
  if (!alarms.empty()) {
    events.push_back("DEPLOYMENT_STOP_ON_ALARM");
    group["AlarmConfiguration"] = {{"Enabled", true}, {"Alarms", alarms}};
  }
  group["AutoRollbackConfiguration"] = {{"Enabled", true}, {"Events", events}};
  const std::string group_id = p.id + "DeploymentGroup";
  add_resource(p.stack, group_id, "AWS::CodeDeploy::DeploymentGroup", group, d.location, p.f.tags);

  cfn::Resource& alias = add_resource(p.stack, function_alias_id(p.f.name), "AWS::Lambda::Alias",
                                      {{"FunctionName", fn::ref(p.id)},
                                       {"FunctionVersion", fn::get_att(version, "Version")},
                                       {"Name", std::string(kFunctionAlias)},
                                       {"Description", "Invoked by everything that calls the function; CodeDeploy "
                                                       "shifts it between versions"}},
                                      d.location);
  alias.update_policy = {{"CodeDeployLambdaAliasUpdate",
                          {{"ApplicationName", fn::ref(app)}, {"DeploymentGroupName", fn::ref(group_id)}}}};
}

void plan_function(const spec::Spec& spec, cfn::Assembly& assembly, const spec::Function& f,
                   const std::vector<const spec::EventQueue*>& consumed) {
  FunctionPlan p{spec, assembly, f, function_stack(spec, assembly, f), function_id(f.name), spec::function_name(spec, f),
                 spec.find_vpc(f.vpc.value)};
  const std::string log_group = p.id + "LogGroup";
  const std::string dlq = p.id + "DeadLetterQueue";
  const std::string role = function_role_id(f.name);

  add_resource(p.stack, log_group, "AWS::Logs::LogGroup",
               {{"LogGroupName", "/aws/lambda/" + p.name}, {"RetentionInDays", f.log_retention_days.value}},
               f.log_retention_days.location.valid() ? f.log_retention_days.location : f.location, f.tags);

  Json statements = Json::array();
  // Only its own log group (GetAtt Arn ends in ":*": every stream of it).
  statements.push_back(allow("WriteLogs", Json::array({"logs:CreateLogStream", "logs:PutLogEvents"}),
                             fn::get_att(log_group, "Arn")));
  if (f.dead_letter.value) {
    Location where = f.dead_letter.location.valid() ? f.dead_letter.location : f.location;
    add_resource(p.stack, dlq, "AWS::SQS::Queue",
                 {{"QueueName", p.name + "-dlq"}, {"MessageRetentionPeriod", 14 * 86400}, {"SqsManagedSseEnabled", true}},
                 where, f.tags);
    add_resource(p.stack, dlq + "Policy", "AWS::SQS::QueuePolicy",
                 {{"Queues", Json::array({fn::ref(dlq)})},
                  {"PolicyDocument", policy_doc(Json::array({deny_insecure_transport("sqs:*", fn::get_att(dlq, "Arn"))}))}},
                 where);
    statements.push_back(allow("DeadLetters", "sqs:SendMessage", fn::get_att(dlq, "Arn")));
  }
  if (f.tracing.value) {
    // X-Ray has no resource-level permissions.
    statements.push_back(allow("SendTraces",
                               Json::array({"xray:GetSamplingRules", "xray:GetSamplingTargets",
                                            "xray:PutTelemetryRecords", "xray:PutTraceSegments"}),
                               "*"));
  }
  if (!f.metrics_namespace.value.empty()) statements.push_back(put_metrics_statement(f.metrics_namespace.value));
  Json vpc_config;
  if (p.vpc != nullptr) {
    cfn::Stack& net = vpc_stack(spec, assembly, *p.vpc);
    const spec::Tier* tier = function_tier(f, *p.vpc);
    Json subnets = Json::array();
    for (int az = 1; az <= p.vpc->azs.value; ++az) {
      subnets.push_back(assembly.ref(p.stack, net, subnet_id(p.vpc->name, tier->name, az)));
    }
    Json groups = security_groups(p);
    vpc_statements(subnets, groups, statements);
    vpc_config = {{"SubnetIds", subnets}, {"SecurityGroupIds", groups}};
  }
  Json environment = Json::object();
  bucket_statements(p, statements, environment);
  // Models, guardrails and a model guardrail (plan/bedrock.cpp).
  bedrock_caller_statements(spec, assembly, p.stack, f.models, f.guardrails, f.model_guardrail, statements);
  if (f.polly.value) statements.push_back(polly_statement());
  if (!f.sagemaker_endpoints.empty()) {
    Json endpoints = Json::array();
    for (const auto& e : f.sagemaker_endpoints) {
      endpoints.push_back(stack_arn("sagemaker", "endpoint/" + e.value));
    }
    statements.push_back(allow("InvokeEndpoints",
                               Json::array({"sagemaker:InvokeEndpoint", "sagemaker:InvokeEndpointWithResponseStream"}),
                               endpoints));
  }
  event_statements(p, consumed, statements, environment);
  secret_statements(p, statements, environment);
  table_statements(spec, assembly, p.stack, f.tables, statements);
  for (const auto* list : {&f.tables.read, &f.tables.write}) {
    for (const auto& t : *list) {
      if (const spec::Table* table = spec.tables.find(t.value)) {
        environment[spec::wired_variable("TABLE", t.value, "NAME")] = spec::dynamodb_table_name(spec, *table);
      }
    }
  }
  if (!f.assume.empty()) {
    // Session tags (a tenant id) travel with the assumed role: seed 000's
    // per-tenant role scoped by aws:PrincipalTag.
    Json roles = Json::array();
    std::vector<const spec::IamRole*> assumed;  // a persona stamped per tenant: every tenant's role
    for (const auto& a : f.assume) {
      for (const spec::IamRole* r : p.spec.iam.named(a.value)) assumed.push_back(r);
    }
    for (const spec::IamRole* r : assumed) {
      if (r->existing()) {
        roles.push_back(r->existing_arn.value);  // docs/existing.md: its ARN as written
      } else {
        // A role created in one other account (seed 002's registry writer) is
        // named there; otherwise it is this account's.
        const spec::Account* home = r->accounts.size() == 1 ? p.spec.find_account(r->accounts.front().value) : nullptr;
        const bool elsewhere = home != nullptr && home->name != p.stack.account_name;
        roles.push_back(stack_arn("iam", "role/" + iam_role_name(*r), "",
                                  elsewhere ? std::string_view(home->id.value) : aws::kThisAccount));
      }
    }
    statements.push_back(allow("AssumeRoles", Json::array({"sts:AssumeRole", "sts:TagSession"}), roles));
  }
  // A reference is resolved after the raw resources (plan/resources.cpp); until
  // then its text stands in, so the version digest below changes with it.
  for (const auto& [k, v] : f.environment) environment[k.value] = v.written();

  Json role_properties = {{"AssumeRolePolicyDocument", trust_service("lambda.amazonaws.com")},
                {"Description", fmt::format("Execution role of function {}: its logs and what it names", f.name)},
                {"Policies", Json::array({{{"PolicyName", "function-access"}, {"PolicyDocument", policy_doc(statements)}}})}};
  if (!f.role_name.value.empty()) role_properties["RoleName"] = f.role_name.value;
  clear_role(add_resource(p.stack, role, "AWS::IAM::Role", role_properties, f.location, f.tags), f.clearance.value);

  Json code;
  if (f.code.is_inline()) {
    code = {{"ZipFile", f.code.source.value}};
  } else {
    const spec::Bucket& b = *spec.storage.find(f.code.bucket.value);
    cfn::Stack& storage = stack_for(assembly, spec, kLayerStorage, account_of(spec, b.account), p.stack.region);
    code = {{"S3Bucket", assembly.ref(p.stack, storage, bucket_id(b.name))}, {"S3Key", f.code.key.value}};
    if (!f.code.version.value.empty()) code["S3ObjectVersion"] = f.code.version.value;
  }
  Json properties = {{"FunctionName", p.name},
                     {"Description", f.description.value.empty()
                                         ? fmt::format("Function {} of platform {}", f.name, spec.name.value)
                                         : f.description.value},
                     {"Runtime", f.runtime.value},
                     {"Code", code},
                     {"Role", fn::get_att(role, "Arn")},
                     {"MemorySize", f.memory.value},
                     {"Timeout", f.timeout.value},
                     {"Architectures", Json::array({f.architecture.value})},
                     {"LoggingConfig", {{"LogGroup", fn::ref(log_group)}, {"LogFormat", "JSON"}}},
                     {"TracingConfig", {{"Mode", f.tracing.value ? "Active" : "PassThrough"}}}};
  if (!f.handler.value.empty()) properties["Handler"] = f.handler.value;
  if (!environment.empty()) properties["Environment"] = {{"Variables", environment}};
  if (f.reserved_concurrency) properties["ReservedConcurrentExecutions"] = f.reserved_concurrency->value;
  if (!vpc_config.is_null()) properties["VpcConfig"] = vpc_config;
  if (f.dead_letter.value) properties["DeadLetterConfig"] = {{"TargetArn", fn::get_att(dlq, "Arn")}};
  if (f.deployment) plan_function_deployment(p, properties);
  cfn::Resource& function = add_resource(p.stack, p.id, "AWS::Lambda::Function", std::move(properties), f.location, f.tags);
  // Runtime findings (AIP-EXP-035, AIP-EXP-045) point at `runtime:` when the spec names one.
  if (f.runtime.location.valid()) function.property_provenance.push_back({{"Runtime"}, f.runtime.location});
  // Findings on one variable (AIP-EXP-036: a credential in plain text) point at its line in `environment:`.
  for (const auto& [name, value] : f.environment) {
    function.property_provenance.push_back({{"Environment", "Variables", name.value}, name.location});
  }

  if (f.async_retries) {
    // Invocations go through the alias when there is one: configure that.
    cfn::Resource& r = add_resource(p.stack, p.id + "InvokeConfig", "AWS::Lambda::EventInvokeConfig",
                                    {{"FunctionName", fn::ref(p.id)},
                                     {"Qualifier", f.deployment ? std::string(kFunctionAlias) : std::string("$LATEST")},
                                     {"MaximumRetryAttempts", f.async_retries->value}},
                                    f.async_retries->location);
    if (f.deployment) r.depends_on.push_back(function_alias_id(f.name));
  }
}

}  // namespace

cfn::Stack& function_stack(const spec::Spec& spec, cfn::Assembly& assembly, const spec::Function& f) {
  spec::Placement where = spec::function_placement(spec, f);
  return stack_for(assembly, spec, kLayerFunctions, *where.account, where.region);
}

cfn::Json function_arn(const spec::Spec& spec, cfn::Assembly& assembly, cfn::Stack& from, const spec::Function& f) {
  // A function deployed through CodeDeploy is invoked through its alias (Ref:
  // the alias ARN); the bare function would be $LATEST and shift nothing.
  if (f.deployment) return assembly.ref(from, function_stack(spec, assembly, f), function_alias_id(f.name));
  return assembly.get_att(from, function_stack(spec, assembly, f), function_id(f.name), "Arn");
}

cfn::Json function_role_arn(const spec::Spec& spec, cfn::Assembly& assembly, cfn::Stack& from,
                            const spec::Function& f) {
  return assembly.get_att(from, function_stack(spec, assembly, f), function_role_id(f.name), "Arn");
}

void plan_functions(const spec::Spec& spec, cfn::Assembly& assembly) {
  // The queues each function consumes: its role may receive from them.
  std::map<std::string, std::vector<const spec::EventQueue*>> consumed;
  for (const spec::EventQueue& q : spec.events.queues) {
    if (!q.consumer.value.empty() && q.consumer.value.rfind("arn:", 0) != 0) consumed[q.consumer.value].push_back(&q);
  }
  for (const spec::Function& f : spec.functions.items) plan_function(spec, assembly, f, consumed[f.name]);
}

}  // namespace aip::plan
