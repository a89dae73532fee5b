// The `workflows:` area rendered into the workflows stack of each account and
// region: per workflow a log group, an execution role granted exactly the
// integrations its definition uses on the elements it names, the state machine
// (the ASL with `${KIND:NAME}` turned into DefinitionSubstitutions) and, with a
// schedule, an EventBridge Scheduler schedule whose role may only start this
// machine. Rules of the events area that target a workflow get their own role
// (plan/events.cpp).
#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "base/arn.hpp"
#include "cfn/logical_id.hpp"
#include "cfn/schema/template_loader.hpp"
#include "iam/templates.hpp"
#include "plan/bedrock.hpp"
#include "plan/functions.hpp"
#include "plan/names.hpp"
#include "plan/plan.hpp"
#include "plan/resource_helpers.hpp"
#include "plan/tables.hpp"
#include "plan/workflows.hpp"
#include "spec/load.hpp"
#include "spec/placement.hpp"

namespace aip::plan {

namespace workflows_plan {

using cfn::Json;
namespace fn = cfn::intrinsic;

struct WorkflowPlan {
  const spec::Spec& spec;
  cfn::Assembly& assembly;
  const spec::Workflow& w;
  cfn::Stack& stack;
  std::string id;    // "<Name>StateMachine"
  std::string name;  // the Step Functions name
};

const spec::Endpoint* find_endpoint(const spec::Spec& spec, const std::string& name) {
  for (const spec::Endpoint& e : spec.sagemaker.endpoints) {
    if (e.name == name) return &e;
  }
  return nullptr;
}

// The SageMaker execution role that `sagemaker: develop` creates beside an iam
// role (plan/iam.cpp, templates/iam/service-roles.json), in this account.
Json sagemaker_execution_role_arn(const spec::Spec&, const spec::IamRole& r) {
  const iam::ServiceRoleTemplate* sr = iam::PolicyTemplates::embedded().service_role("sagemaker-execution");
  return stack_arn("iam", "role/" + iam_role_name(r) + sr->suffix, "");
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// "sagemaker:CreateTrainingJob" -> "TrainingJob": what .sync describes and stops.
std::string sagemaker_job(const std::string& action) { return action.substr(std::string("sagemaker:Create").size()); }

std::string substitution_key(const std::string& kind, const std::string& name) {
  return cfn::pascal_case(kind) + cfn::pascal_case(name);
}

// What `${KIND:NAME}` stands for in the definition.
Json substitution_value(WorkflowPlan& p, const std::string& kind, const std::string& name) {
  const spec::Spec& spec = p.spec;
  if (kind == "function") return function_arn(spec, p.assembly, p.stack, *spec.functions.find(name));
  if (kind == "table") return spec::dynamodb_table_name(spec, *spec.tables.find(name));
  if (kind == "queue") {
    return fn::sub("https://sqs.${AWS::Region}.${AWS::URLSuffix}/${AWS::AccountId}/" +
                   spec::queue_name(spec, *spec.events.find_queue(name)));
  }
  if (kind == "topic") return stack_arn("sns", spec::topic_name(spec, *spec.events.find_topic(name)));
  if (kind == "bucket") return spec::s3_bucket_name(spec, *spec.storage.find(name), p.stack.region);
  if (kind == "job") return spec::glue_job_name(spec, *spec.glue.find_job(name));
  if (kind == "endpoint") return spec::sagemaker_endpoint_name(spec, *find_endpoint(spec, name));
  if (kind == "sagemaker-role") return sagemaker_execution_role_arn(spec, *spec.iam.find(name));
  return state_machine_arn_by_name(spec, *spec.workflows.find(name));
}

// The definition as JSON, every `${KIND:NAME}` rewritten to `${KindName}`.
Json rewrite(const Json& v, std::map<std::string, std::pair<std::string, std::string>>& used) {
  if (v.is_string()) {
    const std::string s = v.get<std::string>();
    std::vector<spec::AslPlaceholder> found = spec::asl_placeholders(s);
    if (found.empty()) return v;
    std::string out;
    std::size_t at = 0;
    for (const spec::AslPlaceholder& ph : found) {
      const std::string key = substitution_key(ph.kind, ph.name);
      used[key] = {ph.kind, ph.name};
      out += s.substr(at, ph.offset - at) + "${" + key + "}";
      at = ph.offset + ph.length;
    }
    return out + s.substr(at);
  }
  if (v.is_array()) {
    Json out = Json::array();
    for (const Json& item : v) out.push_back(rewrite(item, used));
    return out;
  }
  if (v.is_object()) {
    Json out = Json::object();
    for (auto it = v.begin(); it != v.end(); ++it) out[it.key()] = rewrite(it.value(), used);
    return out;
  }
  return v;
}

void add_action(std::map<std::string, std::vector<std::string>>& by_action, const std::string& action, Json arn) {
  std::vector<std::string>& list = by_action[action];
  const std::string text = arn.dump();
  if (std::find(list.begin(), list.end(), text) == list.end()) list.push_back(text);
}

// The role's statements: one per integration, on exactly the elements named.
Json task_statements(WorkflowPlan& p) {
  const spec::Spec& spec = p.spec;
  std::map<std::string, std::vector<std::string>> by_action;  // action -> ARNs (as JSON text)
  Json keys_read = Json::array(), keys_write = Json::array();
  std::vector<std::string> sync_rules;  // managed events rules that .sync waits through
  Json passed_roles = Json::array();    // SageMaker execution roles the jobs run as
  for (const spec::AslTask& t : p.w.asl.tasks) {
    const std::string& n = t.target.name;
    switch (t.service) {
      case spec::AslService::lambda: {
        const std::string fn_name = spec::function_name(spec, *spec.functions.find(n));
        add_action(by_action, t.action, stack_arn("lambda", "function:" + fn_name));
        add_action(by_action, t.action, stack_arn("lambda", "function:" + fn_name + ":*"));
        break;
      }
      case spec::AslService::dynamodb: {
        const spec::Table& table = *spec.tables.find(n);
        const std::string arn = "table/" + spec::dynamodb_table_name(spec, table);
        add_action(by_action, t.action, stack_arn("dynamodb", arn));
        if (t.action == "dynamodb:Query" || t.action == "dynamodb:Scan") {
          if (!table.indexes.empty()) add_action(by_action, t.action, stack_arn("dynamodb", arn + "/index/*"));
        }
        if (table.customer_key()) {
          const bool reads = t.action == "dynamodb:GetItem" || t.action == "dynamodb:Query" ||
                             t.action == "dynamodb:Scan" || t.action == "dynamodb:DescribeTable";
          Json key = table_key_arn(spec, p.assembly, p.stack, table);
          Json& list = reads ? keys_read : keys_write;
          if (std::find(list.begin(), list.end(), key) == list.end()) list.push_back(key);
        }
        break;
      }
      case spec::AslService::sns:
        add_action(by_action, t.action, stack_arn("sns", spec::topic_name(spec, *spec.events.find_topic(n))));
        break;
      case spec::AslService::sqs:
        add_action(by_action, t.action, stack_arn("sqs", spec::queue_name(spec, *spec.events.find_queue(n))));
        break;
      case spec::AslService::states: {
        const spec::Workflow& child = *spec.workflows.find(n);
        add_action(by_action, t.action, state_machine_arn_by_name(spec, child));
        if (t.sync) {
          sync_rules.push_back("StepFunctionsGetEventsForStepFunctionsExecutionRule");  // the child's events
          const Json executions = stack_arn("states", "execution:" + spec::state_machine_name(spec, child) + ":*");
          add_action(by_action, "states:DescribeExecution", executions);
          add_action(by_action, "states:StopExecution", executions);
        }
        break;
      }
      case spec::AslService::glue: {
        // The job runs as its own role: starting it passes no role.
        const Json job = stack_arn("glue", "job/" + spec::glue_job_name(spec, *spec.glue.find_job(n)));
        add_action(by_action, t.action, job);
        if (t.sync) {
          // .sync polls the run (Glue sends no events Step Functions waits on).
          for (const char* a : {"glue:GetJobRun", "glue:GetJobRuns", "glue:BatchStopJobRun"}) add_action(by_action, a, job);
        }
        break;
      }
      case spec::AslService::sagemaker: {
        // On the names the definition gives: a prefix (SageMaker lower-cases
        // the names in its ARNs: both spellings) or an endpoint of the spec.
        std::vector<Json> arns;
        for (const spec::AslSageMakerResource& res : t.sagemaker) {
          std::vector<std::string> names;
          if (!res.endpoint.empty()) {
            names.push_back(spec::sagemaker_endpoint_name(spec, *find_endpoint(spec, res.endpoint)));
          } else {
            names.push_back(res.prefix + "*");
          }
          if (lower(names[0]) != names[0]) names.push_back(lower(names[0]));
          for (const std::string& name : names) arns.push_back(stack_arn("sagemaker", res.type + "/" + name));
        }
        // CreateEndpoint and UpdateEndpoint act on the endpoint and on the config it deploys.
        for (const Json& arn : arns) add_action(by_action, t.action, arn);
        // Step Functions reads the tags of what it created (AWS's generated policies grant ListTags on "*").
        for (const Json& arn : arns) add_action(by_action, "sagemaker:ListTags", arn);
        if (t.tags) {
          for (const Json& arn : arns) add_action(by_action, "sagemaker:AddTags", arn);
        }
        if (t.sync) {
          const std::string job = sagemaker_job(t.action);
          for (const Json& arn : arns) {
            add_action(by_action, "sagemaker:Describe" + job, arn);
            add_action(by_action, "sagemaker:Stop" + job, arn);
          }
          const std::string rule = "StepFunctionsGetEventsForSageMaker" + job + "sRule";
          if (std::find(sync_rules.begin(), sync_rules.end(), rule) == sync_rules.end()) sync_rules.push_back(rule);
        }
        if (t.passed_role) {
          Json role = sagemaker_execution_role_arn(spec, *spec.iam.find(t.passed_role->name));
          if (std::find(passed_roles.begin(), passed_roles.end(), role) == passed_roles.end()) passed_roles.push_back(role);
        }
        break;
      }
      case spec::AslService::bedrock: {
        Json arns = Json::array();
        add_invocable_arns(t.model.value, arns);  // as functions and services invoke it (plan/bedrock.cpp)
        for (const Json& arn : arns) add_action(by_action, t.action, arn);
        break;
      }
    }
  }
  Json statements = Json::array();
  for (const auto& [action, arns] : by_action) {
    Json resources = Json::array();
    for (const std::string& a : arns) resources.push_back(Json::parse(a));
    std::string sid = action.substr(action.find(':') + 1);
    sid = cfn::pascal_case(action.substr(0, action.find(':'))) + sid;
    statements.push_back(allow(sid, action, resources));
  }
  if (!sync_rules.empty()) {
    // .sync waits for the child or the job through these managed rules (Step Functions creates them).
    std::sort(sync_rules.begin(), sync_rules.end());
    Json rules = Json::array();
    for (const std::string& r : sync_rules) rules.push_back(stack_arn("events", "rule/" + r));
    statements.push_back(allow("ManagedSyncRule",
                               Json::array({"events:DescribeRule", "events:PutRule", "events:PutTargets"}),
                               rules.size() == 1 ? rules[0] : rules));
  }
  if (!passed_roles.empty()) {
    // The jobs and models run as these roles: only they, only to SageMaker.
    statements.push_back(allow("PassSageMakerRole", "iam:PassRole", passed_roles)
                             .condition("StringEquals", "iam:PassedToService", "sagemaker.amazonaws.com"));
  }
  const Json via = fn::sub("dynamodb.${AWS::Region}.amazonaws.com");
  if (!keys_read.empty()) {
    statements.push_back(allow("DecryptTables", Json::array({"kms:Decrypt", "kms:DescribeKey"}), keys_read)
                             .condition("StringEquals", "kms:ViaService", via));
  }
  if (!keys_write.empty()) {
    statements.push_back(
        allow("EncryptTables", Json::array({"kms:Decrypt", "kms:DescribeKey", "kms:GenerateDataKey"}), keys_write)
            .condition("StringEquals", "kms:ViaService", via));
  }
  return statements;
}

void plan_workflow(const spec::Spec& spec, cfn::Assembly& assembly, const spec::Workflow& w) {
  WorkflowPlan p{spec, assembly, w, workflow_stack(spec, assembly, w), state_machine_id(w.name),
                 spec::state_machine_name(spec, w)};
  const std::string role = state_machine_role_id(w.name);
  const std::string log_group = p.id + "LogGroup";
  const bool logs = w.logging.level.value != "OFF";
  Json statements = task_statements(p);
  if (logs) {
    add_resource(p.stack, log_group, "AWS::Logs::LogGroup",
                 {{"LogGroupName", "/aws/vendedlogs/states/" + p.name},
                  {"RetentionInDays", w.logging.retention_days.value}},
                 w.logging.location.valid() ? w.logging.location : w.location, w.tags);
    // Step Functions delivers logs through CloudWatch Logs' log delivery API,
    // which has no resource-level permissions.
    statements.push_back(allow("DeliverLogs",
                               Json::array({"logs:CreateLogDelivery", "logs:DeleteLogDelivery",
                                            "logs:DescribeLogGroups", "logs:DescribeResourcePolicies",
                                            "logs:GetLogDelivery", "logs:ListLogDeliveries",
                                            "logs:PutResourcePolicy", "logs:UpdateLogDelivery"}),
                               "*"));
  }
  if (w.tracing.value) {
    // X-Ray has no resource-level permissions.
    statements.push_back(allow("SendTraces",
                               Json::array({"xray:GetSamplingRules", "xray:GetSamplingTargets",
                                            "xray:PutTelemetryRecords", "xray:PutTraceSegments"}),
                               "*"));
  }
  add_resource(p.stack, role, "AWS::IAM::Role",
               {{"AssumeRolePolicyDocument",
                 policy_doc(Json::array({service_assumes_role("states.amazonaws.com").from_this_account()}))},
                {"Description", fmt::format("Execution role of workflow {}: the integrations its definition uses", w.name)},
                {"Policies", Json::array({{{"PolicyName", "workflow-access"}, {"PolicyDocument", policy_doc(statements)}}})}},
               w.location, w.tags);

  std::map<std::string, std::pair<std::string, std::string>> used;
  Json definition = rewrite(cfn::yaml_to_json(*w.asl.tree), used);
  Json props = {{"StateMachineName", p.name},
                {"StateMachineType", w.type.value == "express" ? "EXPRESS" : "STANDARD"},
                {"RoleArn", fn::get_att(role, "Arn")},
                {"Definition", std::move(definition)},
                {"TracingConfiguration", {{"Enabled", w.tracing.value}}}};
  if (!used.empty()) {
    Json subs = Json::object();
    for (const auto& [key, ref] : used) subs[key] = substitution_value(p, ref.first, ref.second);
    props["DefinitionSubstitutions"] = std::move(subs);
  }
  if (logs) {
    props["LoggingConfiguration"] = {
        {"Level", w.logging.level.value},
        {"IncludeExecutionData", w.logging.include_execution_data.value},
        {"Destinations", Json::array({{{"CloudWatchLogsLogGroup", {{"LogGroupArn", fn::get_att(log_group, "Arn")}}}}})}};
  } else {
    props["LoggingConfiguration"] = {{"Level", "OFF"}};
  }
  add_resource(p.stack, p.id, "AWS::StepFunctions::StateMachine", std::move(props), w.location, w.tags);

  if (w.schedule.value.empty()) return;
  const std::string schedule_role = p.id + "ScheduleRole";
  add_resource(p.stack, schedule_role, "AWS::IAM::Role",
               {{"AssumeRolePolicyDocument",
                 policy_doc(Json::array({service_assumes_role("scheduler.amazonaws.com").from_this_account()}))},
                {"Description", fmt::format("Lets the schedule of workflow {} start it, and nothing else", w.name)},
                {"Policies", Json::array({{{"PolicyName", "start-workflow"},
                                           {"PolicyDocument",
                                            policy_doc(Json::array({allow("StartWorkflow", "states:StartExecution",
                                                                          state_machine_arn_by_name(spec, w))}))}}})}},
               w.schedule.location, w.tags);
  Json schedule = {{"Name", p.name},
                   {"Description", fmt::format("Starts workflow {} of platform {}", w.name, spec.name.value)},
                   {"ScheduleExpression", w.schedule.value},
                   {"FlexibleTimeWindow", {{"Mode", "OFF"}}},
                   {"State", "ENABLED"},
                   {"Target", {{"Arn", fn::ref(p.id)}, {"RoleArn", fn::get_att(schedule_role, "Arn")}}}};
  if (!w.schedule_timezone.value.empty()) schedule["ScheduleExpressionTimezone"] = w.schedule_timezone.value;
  add_resource(p.stack, p.id + "Schedule", "AWS::Scheduler::Schedule", std::move(schedule), w.schedule.location);
}

}  // namespace workflows_plan

cfn::Stack& workflow_stack(const spec::Spec& spec, cfn::Assembly& assembly, const spec::Workflow& w) {
  spec::Placement where = spec::workflow_placement(spec, w);
  return stack_for(assembly, spec, kLayerWorkflows, *where.account, where.region);
}

cfn::Json state_machine_arn(const spec::Spec& spec, cfn::Assembly& assembly, cfn::Stack& from,
                            const spec::Workflow& w) {
  return assembly.ref(from, workflow_stack(spec, assembly, w), state_machine_id(w.name));
}

cfn::Json workflow_role_arn(const spec::Spec& spec, cfn::Assembly& assembly, cfn::Stack& from,
                            const spec::Workflow& w) {
  return assembly.get_att(from, workflow_stack(spec, assembly, w), state_machine_role_id(w.name), "Arn");
}

cfn::Json state_machine_arn_by_name(const spec::Spec& spec, const spec::Workflow& w) {
  return stack_arn("states", "stateMachine:" + spec::state_machine_name(spec, w));
}

bool workflow_uses(const spec::Workflow& w, spec::AslService service, const std::string& name) {
  return std::any_of(w.asl.tasks.begin(), w.asl.tasks.end(),
                     [&](const spec::AslTask& t) { return t.service == service && t.target.name == name; });
}

void plan_workflows(const spec::Spec& spec, cfn::Assembly& assembly) {
  for (const spec::Workflow& w : spec.workflows.items) workflows_plan::plan_workflow(spec, assembly, w);
}

}  // namespace aip::plan
