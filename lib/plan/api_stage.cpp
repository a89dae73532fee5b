// The stage of a REST API: access logs in a structured JSON format and
// execution logs, both in retained log groups encrypted with the API's own
// key; X-Ray; throttling for every method and per route; the account-level
// role API Gateway writes CloudWatch Logs with. Then per team a usage plan
// (throttle and quota) with its API keys.
#include <fmt/format.h>

#include "cfn/logical_id.hpp"
#include "plan/api_parts.hpp"
#include "plan/names.hpp"
#include "plan/resource_helpers.hpp"

namespace aip::plan {
namespace {

using cfn::Json;
namespace fn = cfn::intrinsic;

constexpr const char* kAccountId = "ApiGatewayAccount";
constexpr const char* kCloudWatchRole = "ApiGatewayCloudWatchRole";

// Who called, as whom, what, and how it went: enough to audit and to
// attribute cost per team (seed 000), never the request body.
std::string access_log_format(const spec::ApiStage& stage) {
  Json format = {{"requestId", "$context.requestId"},
                 {"ip", "$context.identity.sourceIp"},
                 {"caller", "$context.identity.caller"},
                 {"user", "$context.identity.user"},
                 {"requestTime", "$context.requestTime"},
                 {"httpMethod", "$context.httpMethod"},
                 {"resourcePath", "$context.resourcePath"},
                 {"status", "$context.status"},
                 {"protocol", "$context.protocol"},
                 {"responseLength", "$context.responseLength"},
                 {"apiKeyId", "$context.identity.apiKeyId"},
                 {"principalId", "$context.authorizer.principalId"},
                 {"integrationLatency", "$context.integrationLatency"},
                 {"errorMessage", "$context.error.message"}};
  for (const auto& [k, v] : stage.access_log_fields) format[k.value] = v.value;
  return format.dump();
}

// API Gateway logs with one role per account and region. Scoped to the log
// groups it writes: execution logs of every API (API Gateway names them) and
// this platform's access logs.
void plan_account_role(ApiPlan& p) {
  if (p.stack.find(kAccountId) != nullptr) return;
  Json groups = Json::array({stack_arn("logs", "log-group:API-Gateway-Execution-Logs_*"),
                             stack_arn("logs", "log-group:API-Gateway-Access-Logs_" + p.spec.name.value + "-*")});
  Json streams = Json::array();
  for (const Json& g : groups) streams.push_back(fn::sub(g["Fn::Sub"].get<std::string>() + ":*"));
  Json statements = Json::array(
      {allow("CreateGroups", Json::array({"logs:CreateLogGroup", "logs:DescribeLogStreams", "logs:FilterLogEvents"}),
             groups),
       allow("WriteStreams", Json::array({"logs:CreateLogStream", "logs:GetLogEvents", "logs:PutLogEvents"}), streams),
       // Listing log groups has no resource-level permissions.
       allow("ListGroups", "logs:DescribeLogGroups", "*")});
  Location where = p.spec.api.cloudwatch_role.location.valid() ? p.spec.api.cloudwatch_role.location : p.spec.api.location;
  add_resource(p.stack, kCloudWatchRole, "AWS::IAM::Role",
               {{"AssumeRolePolicyDocument", trust_service("apigateway.amazonaws.com")},
                {"Description", "Lets API Gateway write execution and access logs of this account and region"},
                {"Policies", Json::array({{{"PolicyName", "api-gateway-logs"}, {"PolicyDocument", policy_doc(statements)}}})}},
               where);
  add_resource(p.stack, kAccountId, "AWS::ApiGateway::Account", {{"CloudWatchRoleArn", fn::get_att(kCloudWatchRole, "Arn")}},
               where);
}

Json method_setting(const spec::ApiStage& stage, const std::string& path, const std::string& method,
                    const spec::Throttle& throttle) {
  return {{"ResourcePath", path},
          {"HttpMethod", method},
          {"LoggingLevel", stage.logging_level.value},
          {"DataTraceEnabled", stage.data_trace.value},
          {"MetricsEnabled", true},
          {"ThrottlingRateLimit", throttle.rate.value},
          {"ThrottlingBurstLimit", throttle.burst.value}};
}

Json throttle_json(const spec::Throttle& t) { return {{"RateLimit", t.rate.value}, {"BurstLimit", t.burst.value}}; }

}  // namespace

void plan_api_stage(ApiPlan& p, const std::string& deployment) {
  const spec::ApiStage& stage = p.api.stage;
  const std::string stage_id = api_stage_id(p.api.name);
  const std::string key = p.id + "LogKey";
  const std::string access = p.id + "AccessLogGroup";
  const std::string execution = p.id + "ExecutionLogGroup";
  const bool execution_logs = stage.logging_level.value != "OFF";
  Location where = stage.location.valid() ? stage.location : p.api.location;

  const std::string access_name = fmt::format("API-Gateway-Access-Logs_{}/{}", p.name, stage.name.value);
  const std::string execution_name = "API-Gateway-Execution-Logs_${" + p.id + "}/" + stage.name.value;
  Json encrypted = Json::array({stack_arn("logs", "log-group:" + access_name)});
  if (execution_logs) encrypted.push_back(stack_arn("logs", "log-group:" + execution_name));
  // CloudWatch Logs of this region may use the key for these log groups only.
  cfn::Resource& k = add_resource(
      p.stack, key, "AWS::KMS::Key",
      {{"Description", fmt::format("Encrypts the logs of API {} of platform {}", p.api.name, p.spec.name.value)},
       {"EnableKeyRotation", true},
       {"PendingWindowInDays", 30},
       {"KeyPolicy",
        policy_doc(Json::array({account_administers_key(), cloudwatch_logs_use_key(encrypted)}))}},
      where, p.api.tags);
  k.deletion_policy = "Retain";  // deleting it would make the logs unreadable
  // Access logs are audit evidence: kept when the stack goes away.
  cfn::Resource& a = add_resource(p.stack, access, "AWS::Logs::LogGroup",
                                  {{"LogGroupName", access_name},
                                   {"RetentionInDays", stage.log_retention_days.value},
                                   {"KmsKeyId", fn::get_att(key, "Arn")}},
                                  where, p.api.tags);
  a.deletion_policy = "Retain";
  if (execution_logs) {
    // Created before the stage: API Gateway would otherwise create it itself,
    // unencrypted and kept forever.
    cfn::Resource& e = add_resource(p.stack, execution, "AWS::Logs::LogGroup",
                                    {{"LogGroupName", fn::sub(execution_name)},
                                     {"RetentionInDays", stage.log_retention_days.value},
                                     {"KmsKeyId", fn::get_att(key, "Arn")}},
                                    where, p.api.tags);
    e.deletion_policy = "Retain";
  }
  if (p.spec.api.cloudwatch_role.value) plan_account_role(p);

  Json settings = Json::array({method_setting(stage, "/*", "*", stage.throttle)});
  for (const spec::ApiRoute& r : p.api.routes) {
    if (r.throttle) {
      settings.push_back(method_setting(stage, method_settings_path(r.path), r.method == "ANY" ? "*" : r.method, *r.throttle));
    }
  }
  cfn::Resource& s = add_resource(
      p.stack, stage_id, "AWS::ApiGateway::Stage",
      {{"RestApiId", fn::ref(p.id)},
       {"DeploymentId", fn::ref(deployment)},
       {"StageName", stage.name.value},
       {"Description", fmt::format("Stage {} of API {}", stage.name.value, p.api.name)},
       {"TracingEnabled", stage.tracing.value},
       {"AccessLogSetting", {{"DestinationArn", log_group_arn(access)}, {"Format", access_log_format(stage)}}},
       {"MethodSettings", settings}},
      where, p.api.tags);
  if (execution_logs) s.depends_on.push_back(execution);
  if (p.spec.api.cloudwatch_role.value) s.depends_on.push_back(kAccountId);
}

void plan_usage_plans(ApiPlan& p) {
  for (const spec::UsagePlan& u : p.api.usage_plans) {
    const std::string id = p.id + cfn::pascal_case(u.name) + "UsagePlan";
    Json properties = {{"UsagePlanName", fmt::format("{}-{}", p.name, u.name)},
                       {"Description", u.description.value.empty()
                                           ? fmt::format("Usage plan {} of API {}", u.name, p.api.name)
                                           : u.description.value},
                       {"ApiStages", Json::array({{{"ApiId", fn::ref(p.id)}, {"Stage", fn::ref(api_stage_id(p.api.name))}}})}};
    if (u.throttle) properties["Throttle"] = throttle_json(*u.throttle);
    if (u.quota) properties["Quota"] = {{"Limit", u.quota->limit.value}, {"Period", u.quota->period.value}};
    add_resource(p.stack, id, "AWS::ApiGateway::UsagePlan", std::move(properties), u.location, p.api.tags);
    for (const auto& k : u.api_keys) {
      const std::string key = p.id + cfn::pascal_case(k.value) + "ApiKey";
      add_resource(p.stack, key, "AWS::ApiGateway::ApiKey",
                   {{"Name", fmt::format("{}-{}", p.name, k.value)},
                    {"Description", fmt::format("API key {} of usage plan {}", k.value, u.name)},
                    {"Enabled", true}},
                   k.location, p.api.tags);
      add_resource(p.stack, id + cfn::pascal_case(k.value) + "Key", "AWS::ApiGateway::UsagePlanKey",
                   {{"KeyId", fn::ref(key)}, {"KeyType", "API_KEY"}, {"UsagePlanId", fn::ref(id)}}, k.location);
    }
  }
}

}  // namespace aip::plan
