// Amazon States Language definitions (workflows:), read through base's YAML
// tree so every state, Resource and substitution keeps its file:line:col
// (JSON is YAML too). aip grants a state machine's role what its Task states
// call, so each Task must say which integration it uses and on which element
// of the spec (`${function:NAME}`, `${table:NAME}`, ...).
#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "base/did_you_mean.hpp"
#include "base/pattern.hpp"
#include "spec/tables.hpp"
#include "spec/workflows.hpp"

namespace aip::spec {

namespace read_asl_file {

const std::vector<std::string> kKinds = {"function", "table",    "queue",   "topic",
                                         "bucket",   "workflow", "job",     "endpoint",
                                         "sagemaker-role"};

struct Reader {
  Diagnostics& diags;
  AslDefinition& out;
  int depth = 0;
};

bool valid_name(const std::string& s) {
  if (s.empty() || s.size() > 64 || !std::isalpha(static_cast<unsigned char>(s[0]))) return false;
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_'; });
}

// Every string of the definition: its `${KIND:NAME}`s become references.
void collect_references(const YamlNode& n, Reader& r) {
  if (n.is_scalar()) {
    if (n.scalar.find("${") == std::string::npos) return;
    std::size_t at = 0;
    while ((at = n.scalar.find("${", at)) != std::string::npos) {
      std::size_t end = n.scalar.find('}', at);
      std::string inner = end == std::string::npos ? n.scalar.substr(at + 2) : n.scalar.substr(at + 2, end - at - 2);
      std::size_t colon = inner.find(':');
      if (end == std::string::npos || colon == std::string::npos) {
        r.diags.error(n.location, fmt::format("'${{{}' is not a substitution aip knows: write ${{KIND:NAME}} with KIND "
                                              "one of {}",
                                              inner, fmt::join(kKinds, ", ")));
        return;
      }
      std::string kind = inner.substr(0, colon);
      std::string name = inner.substr(colon + 1);
      if (std::find(kKinds.begin(), kKinds.end(), kind) == kKinds.end()) {
        r.diags.error(n.location, fmt::format("unknown substitution kind '{}' in '${{{}}}'; aip substitutes {}{}", kind,
                                              inner, fmt::join(kKinds, ", "), did_you_mean(kind, kKinds)));
      } else if (!valid_name(name)) {
        r.diags.error(n.location, fmt::format("'${{{}}}' does not name a {} of the spec (letters, digits, '-' and '_', "
                                              "starting with a letter)",
                                              inner, kind));
      } else {
        r.out.references.push_back({n.location, kind, name});
      }
      at = end + 1;
    }
    return;
  }
  for (const YamlNode& item : n.items) collect_references(item, r);
  for (const auto& [k, v] : n.entries) collect_references(v, r);
}

// What an integration acts on: the parameter that names it, and its kind.
struct Integration {
  AslService service;
  const char* parameter;
  const char* kind;
};

std::string pascal(const std::string& op) {
  std::string out = op;
  if (!out.empty()) out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
  return out;
}

// The SageMaker calls aip grants: the parameter naming what each creates, its
// resource type, the parameter of the role the job runs as (passed to
// SageMaker), and whether it can wait for the job (.sync).
struct SageMakerCall {
  const char* op;
  const char* name_parameter;
  const char* type;
  const char* role_parameter;  // nullptr: no role is passed
  bool sync;
};
const std::vector<SageMakerCall>& sagemaker_calls() {
  static const std::vector<SageMakerCall> kCalls = {
      {"createTrainingJob", "TrainingJobName", "training-job", "RoleArn", true},
      {"createProcessingJob", "ProcessingJobName", "processing-job", "RoleArn", true},
      {"createTransformJob", "TransformJobName", "transform-job", nullptr, true},
      {"createModel", "ModelName", "model", "ExecutionRoleArn", false},
      {"createEndpointConfig", "EndpointConfigName", "endpoint-config", nullptr, false},
      {"createEndpoint", "EndpointName", "endpoint", nullptr, false},
      {"updateEndpoint", "EndpointName", "endpoint", nullptr, false},
  };
  return kCalls;
}

// The literal prefix of `States.Format('train-{}', ...)`; empty when the
// expression is not of that form.
std::string format_prefix(const std::string& expression) {
  const std::string head = "States.Format('";
  if (expression.rfind(head, 0) != 0) return "";
  const std::size_t close = expression.find('\'', head.size());
  if (close == std::string::npos) return "";
  const std::string text = expression.substr(head.size(), close - head.size());
  const std::size_t hole = text.find("{}");
  if (hole == std::string::npos) return "";
  // SageMaker names: letters, digits and hyphens, starting with a letter or digit.
  static const Pattern prefix("[A-Za-z0-9][A-Za-z0-9-]{0,39}");
  const std::string literal = text.substr(0, hole);
  return prefix.matches(literal) ? literal : "";
}

// `NAME.$: States.Format('prefix-{}', ...)` (or, for endpoints, `NAME: ${endpoint:NAME}`).
bool read_sagemaker_name(const std::string& state, const YamlNode& params, const char* parameter,
                         const std::string& type, AslTask& task, Reader& r) {
  const std::string dynamic = std::string(parameter) + ".$";
  const std::string example = fmt::format("{}.$: States.Format('{}-{{}}', $$.Execution.Name)", parameter,
                                          type == "endpoint-config" ? "config" : type.substr(0, type.find('-')));
  if (const YamlNode* v = params.find(dynamic)) {
    const std::string prefix = v->is_scalar() ? format_prefix(v->scalar) : "";
    if (prefix.empty()) {
      r.diags.error(v->location, fmt::format("{} of Task state '{}' must be States.Format with a literal prefix of "
                                             "letters, digits and hyphens, such as {}: aip grants on that prefix, "
                                             "got {}",
                                             dynamic, state, example,
                                             v->is_scalar() ? "'" + v->scalar + "'" : v->describe()));
      return false;
    }
    task.sagemaker.push_back({v->location, type, prefix, ""});
    return true;
  }
  const YamlNode* v = params.find(parameter);
  if (v != nullptr && type == "endpoint") {
    std::vector<AslPlaceholder> found = v->is_scalar() ? asl_placeholders(v->scalar) : std::vector<AslPlaceholder>{};
    if (found.size() == 1 && found[0].kind == "endpoint" && found[0].length == v->scalar.size()) {
      task.sagemaker.push_back({v->location, type, "", found[0].name});
      return true;
    }
  }
  const std::string either = type == "endpoint" ? fmt::format("write {}: ${{endpoint:NAME}} (an endpoint of the "
                                                              "spec) or {}", parameter, example)
                                                : "write " + example;
  if (v == nullptr) {
    r.diags.error(task.location, fmt::format("Task state '{}' calls sagemaker:{} but its Parameters name no {} ({})",
                                             state, task.action.substr(task.action.find(':') + 1), parameter, either));
  } else {
    const char* why = type == "endpoint" ? "aip grants on an endpoint of the spec or on a literal name prefix"
                                         : "SageMaker names are unique per run and aip grants on a literal prefix";
    r.diags.error(v->location, fmt::format("{} of Task state '{}' is {}; {}: {}", parameter, state,
                                           v->is_scalar() ? "'" + v->scalar + "'" : v->describe(), why, either));
  }
  return false;
}

// `RoleArn: ${sagemaker-role:NAME}`: the execution role of a `sagemaker: develop` role.
bool read_passed_role(const std::string& state, const YamlNode& params, const char* parameter, AslTask& task,
                      Reader& r) {
  const std::string dynamic = std::string(parameter) + ".$";
  if (const YamlNode* k = params.find_key(dynamic)) {
    r.diags.error(k->location, fmt::format("Task state '{}' chooses its {} at run time ('{}'); aip passes only the "
                                           "role the definition names: write {}: ${{sagemaker-role:NAME}}",
                                           state, parameter, dynamic, parameter));
    return false;
  }
  const YamlNode* v = params.find(parameter);
  if (v == nullptr) {
    r.diags.error(task.location, fmt::format("Task state '{}' starts a SageMaker job but its Parameters name no {} "
                                             "(write {}: ${{sagemaker-role:NAME}}, the SageMaker execution role of "
                                             "an iam role with sagemaker: develop)",
                                             state, parameter, parameter));
    return false;
  }
  std::vector<AslPlaceholder> found = v->is_scalar() ? asl_placeholders(v->scalar) : std::vector<AslPlaceholder>{};
  if (found.size() != 1 || found[0].kind != "sagemaker-role" || found[0].length != v->scalar.size()) {
    r.diags.error(v->location, fmt::format("{} of Task state '{}' must be ${{sagemaker-role:NAME}}, naming an iam "
                                           "role with sagemaker: develop whose SageMaker execution role the job runs "
                                           "as, got {}",
                                           parameter, state, v->is_scalar() ? "'" + v->scalar + "'" : v->describe()));
    return false;
  }
  task.passed_role = AslReference{v->location, found[0].kind, found[0].name};
  return true;
}

// arn:aws:states:::sagemaker:createTrainingJob(.sync) and the model and endpoint calls.
bool read_sagemaker_task(const std::string& state, const YamlNode& s, const YamlNode& resource, const std::string& op,
                         const std::string& suffix, AslTask& task, Reader& r) {
  const auto& calls = sagemaker_calls();
  auto call = std::find_if(calls.begin(), calls.end(), [&](const SageMakerCall& c) { return op == c.op; });
  if (call == calls.end()) {
    std::vector<std::string> ops;
    for (const SageMakerCall& c : calls) ops.push_back(c.op);
    r.diags.error(resource.location, fmt::format("Task state '{}': '{}' is not a SageMaker call aip grants; use one "
                                                 "of {}{}",
                                                 state, op, fmt::join(ops, ", "), did_you_mean(op, ops)));
    return false;
  }
  if (!suffix.empty() && !(call->sync && suffix == "sync")) {
    r.diags.error(resource.location, fmt::format("Task state '{}': sagemaker:{} does not support '.{}'", state, op,
                                                 suffix));
    return false;
  }
  task.service = AslService::sagemaker;
  std::string action = op;
  action[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(action[0])));
  task.action = "sagemaker:" + action;
  task.sync = suffix == "sync";
  const YamlNode* params = s.find("Parameters");
  if (params == nullptr) params = s.find("Arguments");
  if (params == nullptr || !params->is_map()) {
    r.diags.error(resource.location, fmt::format("Task state '{}' calls sagemaker:{} but has no Parameters naming "
                                                 "its {}",
                                                 state, op, call->name_parameter));
    return false;
  }
  bool ok = read_sagemaker_name(state, *params, call->name_parameter, call->type, task, r);
  // Creating or updating an endpoint also names the config it deploys.
  if (std::string(call->type) == "endpoint") {
    ok = read_sagemaker_name(state, *params, "EndpointConfigName", "endpoint-config", task, r) && ok;
  }
  if (call->role_parameter != nullptr) ok = read_passed_role(state, *params, call->role_parameter, task, r) && ok;
  task.tags = params->find("Tags") != nullptr || params->find("Tags.$") != nullptr;
  return ok;
}

// arn:aws:states:::bedrock:invokeModel: a model id or inference profile id, written out.
bool read_bedrock_task(const std::string& state, const YamlNode& s, const YamlNode& resource, AslTask& task,
                       Reader& r) {
  task.service = AslService::bedrock;
  task.action = "bedrock:InvokeModel";
  const YamlNode* params = s.find("Parameters");
  if (params == nullptr) params = s.find("Arguments");
  const YamlNode* model = params != nullptr && params->is_map() ? params->find("ModelId") : nullptr;
  if (model == nullptr) {
    if (params != nullptr && params->is_map() && params->find_key("ModelId.$") != nullptr) {
      r.diags.error(params->find_key("ModelId.$")->location,
                    fmt::format("Task state '{}' chooses its ModelId at run time ('ModelId.$'); aip grants only "
                                "what the definition names: write the model id, such as "
                                "ModelId: anthropic.claude-3-haiku-20240307-v1:0",
                                state));
    } else {
      r.diags.error(resource.location, fmt::format("Task state '{}' calls bedrock:invokeModel but its Parameters name "
                                                   "no ModelId",
                                                   state));
    }
    return false;
  }
  if (!model->is_scalar() || !bedrock_model_id().matches(model->scalar)) {
    r.diags.error(model->location,
                  fmt::format("ModelId of Task state '{}' must be a Bedrock model id or cross-region inference "
                              "profile id (not an ARN), such as anthropic.claude-3-haiku-20240307-v1:0, got {}",
                              state, model->is_scalar() ? "'" + model->scalar + "'" : model->describe()));
    return false;
  }
  // Reading the body from S3 or writing the answer there needs s3 grants aip does not derive.
  for (const char* key : {"Input", "Output", "GuardrailIdentifier"}) {
    if (const YamlNode* k = params->find_key(key)) {
      r.diags.error(k->location, fmt::format("Task state '{}': bedrock:invokeModel with '{}' is not granted yet; "
                                             "pass the request in Body and take the answer from the result",
                                             state, key));
      return false;
    }
  }
  task.model = {model->scalar, model->location};
  return true;
}

// "arn:aws:states:::dynamodb:putItem" -> the service, IAM action and whether it waits.
void read_task(const std::string& state, const YamlNode& s, Reader& r) {
  const YamlNode* resource = s.find("Resource");
  if (resource == nullptr || !resource->is_scalar()) {
    r.diags.error(s.location, fmt::format("Task state '{}' needs a 'Resource' string", state));
    return;
  }
  const std::string& res = resource->scalar;
  AslTask task;
  task.location = resource->location;
  task.state = state;
  auto target_from = [&](const Integration& in) {
    task.service = in.service;
    const YamlNode* params = s.find("Parameters");
    if (params == nullptr) params = s.find("Arguments");
    const YamlNode* value = params != nullptr ? params->find(in.parameter) : nullptr;
    if (value == nullptr) {
      const std::string dynamic = std::string(in.parameter) + ".$";
      if (params != nullptr && params->find(dynamic) != nullptr) {
        r.diags.error(params->find_key(dynamic)->location,
                      fmt::format("Task state '{}' chooses its {} at run time ('{}'); aip grants only what the "
                                  "definition names: write ${{{}:NAME}}",
                                  state, in.parameter, dynamic, in.kind));
      } else {
        r.diags.error(resource->location, fmt::format("Task state '{}' calls {} but its Parameters name no {} (write "
                                                      "{}: ${{{}:NAME}})",
                                                      state, res, in.parameter, in.parameter, in.kind));
      }
      return false;
    }
    std::vector<AslPlaceholder> found = value->is_scalar() ? asl_placeholders(value->scalar) : std::vector<AslPlaceholder>{};
    if (found.size() != 1 || found[0].kind != in.kind) {
      r.diags.error(value->location, fmt::format("{} of Task state '{}' must be ${{{}:NAME}}, naming a {} of the "
                                                 "spec, got {}",
                                                 in.parameter, state, in.kind, in.kind, value->describe() == "a string"
                                                     ? "'" + value->scalar + "'" : value->describe()));
      return false;
    }
    task.target = {value->location, found[0].kind, found[0].name};
    return true;
  };
  const std::string prefix = "arn:aws:states:::";
  if (res.rfind(prefix, 0) != 0) {
    std::vector<AslPlaceholder> found = asl_placeholders(res);
    if (found.size() == 1 && found[0].kind == "function" && found[0].length == res.size()) {
      task.service = AslService::lambda;
      task.action = "lambda:InvokeFunction";
      task.target = {resource->location, "function", found[0].name};
      r.out.tasks.push_back(std::move(task));
      return;
    }
    r.diags.error(resource->location, fmt::format("Resource of Task state '{}' must be ${{function:NAME}} or an "
                                                  "arn:aws:states::: integration aip grants, got '{}'",
                                                  state, res));
    return;
  }
  std::string integration = res.substr(prefix.size());
  std::string suffix;
  if (std::size_t dot = integration.find('.'); dot != std::string::npos) {
    suffix = integration.substr(dot + 1);
    integration = integration.substr(0, dot);
  }
  const std::string service = integration.substr(0, integration.find(':'));
  const std::string op = integration.find(':') == std::string::npos ? "" : integration.substr(integration.find(':') + 1);
  auto bad_suffix = [&](std::initializer_list<const char*> allowed) {
    if (suffix.empty()) return false;
    for (const char* a : allowed) {
      if (suffix == a) return false;
    }
    r.diags.error(resource->location, fmt::format("Task state '{}': {} does not support '.{}'", state, integration,
                                                  suffix));
    return true;
  };
  if (integration == "lambda:invoke") {
    if (bad_suffix({"waitForTaskToken"})) return;
    task.action = "lambda:InvokeFunction";
    if (!target_from({AslService::lambda, "FunctionName", "function"})) return;
  } else if (service == "dynamodb" || (service == "aws-sdk" && op.rfind("dynamodb:", 0) == 0)) {
    static const std::vector<std::string> kOptimised = {"getItem", "putItem", "updateItem", "deleteItem"};
    static const std::vector<std::string> kSdk = {"getItem", "putItem", "updateItem", "deleteItem", "query", "scan",
                                                  "batchGetItem", "batchWriteItem", "transactGetItems",
                                                  "transactWriteItems", "describeTable"};
    const bool sdk = service == "aws-sdk";
    const std::string call = sdk ? op.substr(9) : op;
    const auto& known = sdk ? kSdk : kOptimised;
    if (std::find(known.begin(), known.end(), call) == known.end()) {
      r.diags.error(resource->location, fmt::format("Task state '{}': '{}' is not a DynamoDB call aip grants; use one "
                                                    "of {}{}",
                                                    state, call, fmt::join(known, ", "), did_you_mean(call, known)));
      return;
    }
    if (call == "batchGetItem" || call == "batchWriteItem" || call == "transactGetItems" ||
        call == "transactWriteItems") {
      r.diags.error(resource->location, fmt::format("Task state '{}': {} names its tables inside RequestItems, which "
                                                    "aip cannot grant on; use one call per table",
                                                    state, call));
      return;
    }
    if (bad_suffix({})) return;
    task.action = "dynamodb:" + pascal(call);
    if (!target_from({AslService::dynamodb, "TableName", "table"})) return;
  } else if (integration == "sns:publish") {
    if (bad_suffix({"waitForTaskToken"})) return;
    task.action = "sns:Publish";
    if (!target_from({AslService::sns, "TopicArn", "topic"})) return;
  } else if (integration == "sqs:sendMessage") {
    if (bad_suffix({"waitForTaskToken"})) return;
    task.action = "sqs:SendMessage";
    if (!target_from({AslService::sqs, "QueueUrl", "queue"})) return;
  } else if (integration == "states:startExecution") {
    if (bad_suffix({"sync", "sync:2", "waitForTaskToken"})) return;
    task.action = "states:StartExecution";
    task.sync = suffix.rfind("sync", 0) == 0;
    if (!target_from({AslService::states, "StateMachineArn", "workflow"})) return;
  } else if (integration == "glue:startJobRun") {
    if (bad_suffix({"sync"})) return;
    task.action = "glue:StartJobRun";
    task.sync = suffix == "sync";
    if (!target_from({AslService::glue, "JobName", "job"})) return;
  } else if (service == "glue") {
    static const std::vector<std::string> kGlue = {"startJobRun"};
    r.diags.error(resource->location, fmt::format("Task state '{}': '{}' is not a Glue call aip grants; workflows "
                                                  "run Glue jobs with glue:startJobRun (or .sync){}",
                                                  state, op, did_you_mean(op, kGlue)));
    return;
  } else if (service == "sagemaker") {
    if (!read_sagemaker_task(state, s, *resource, op, suffix, task, r)) return;
  } else if (integration == "bedrock:invokeModel") {
    if (bad_suffix({})) return;
    if (!read_bedrock_task(state, s, *resource, task, r)) return;
  } else {
    r.diags.error(resource->location, fmt::format("Task state '{}' uses integration '{}', which aip does not grant; "
                                                  "workflows grant lambda:invoke, dynamodb:*, sns:publish, "
                                                  "sqs:sendMessage, states:startExecution, glue:startJobRun, "
                                                  "sagemaker:create*/updateEndpoint and bedrock:invokeModel",
                                                  state, integration));
    return;
  }
  r.out.tasks.push_back(std::move(task));
}

void read_states(const YamlNode& machine, const std::string& what, Reader& r);

void read_state(const std::string& name, const YamlNode& s, Reader& r) {
  if (!s.is_map()) {
    r.diags.error(s.location, fmt::format("state '{}' must be a map, got {}", name, s.describe()));
    return;
  }
  const YamlNode* type = s.find("Type");
  if (type == nullptr || !type->is_scalar()) {
    r.diags.error(s.location, fmt::format("state '{}' needs a 'Type'", name));
    return;
  }
  static const std::vector<std::string> kTypes = {"Task", "Pass", "Choice", "Wait", "Succeed", "Fail", "Parallel", "Map"};
  const std::string& t = type->scalar;
  if (std::find(kTypes.begin(), kTypes.end(), t) == kTypes.end()) {
    r.diags.error(type->location, fmt::format("state '{}' has unknown Type '{}'{}", name, t, did_you_mean(t, kTypes)));
    return;
  }
  if (t == "Task") {
    read_task(name, s, r);
  } else if (t == "Parallel") {
    const YamlNode* branches = s.find("Branches");
    if (branches == nullptr || !branches->is_sequence() || branches->items.empty()) {
      r.diags.error(s.location, fmt::format("Parallel state '{}' needs a list of 'Branches'", name));
      return;
    }
    for (const YamlNode& b : branches->items) read_states(b, fmt::format("a branch of state '{}'", name), r);
  } else if (t == "Map") {
    const YamlNode* inner = s.find("ItemProcessor");
    if (inner == nullptr) inner = s.find("Iterator");
    if (inner == nullptr) {
      r.diags.error(s.location, fmt::format("Map state '{}' needs an 'ItemProcessor'", name));
      return;
    }
    read_states(*inner, fmt::format("the ItemProcessor of state '{}'", name), r);
  }
}

void read_states(const YamlNode& machine, const std::string& what, Reader& r) {
  if (++r.depth > 32) {
    r.diags.error(machine.location, "states nest more than 32 levels deep");
    --r.depth;
    return;
  }
  const YamlNode* states = machine.find("States");
  const YamlNode* start = machine.find("StartAt");
  if (!machine.is_map() || states == nullptr || !states->is_map() || states->entries.empty()) {
    r.diags.error(machine.location, fmt::format("{} needs 'States', a map of state names to states", what));
  } else if (start == nullptr || !start->is_scalar()) {
    r.diags.error(machine.location, fmt::format("{} needs 'StartAt', the name of its first state", what));
  } else {
    std::vector<std::string> names;
    for (const auto& [k, v] : states->entries) names.push_back(k.scalar);
    if (std::find(names.begin(), names.end(), start->scalar) == names.end()) {
      r.diags.error(start->location, fmt::format("StartAt names state '{}', which {} does not have{}", start->scalar,
                                                 what, did_you_mean(start->scalar, names)));
    }
    for (const auto& [k, v] : states->entries) read_state(k.scalar, v, r);
  }
  --r.depth;
}

}  // namespace read_asl_file

const std::vector<std::string>& asl_reference_kinds() { return read_asl_file::kKinds; }

std::vector<AslPlaceholder> asl_placeholders(const std::string& text) {
  std::vector<AslPlaceholder> out;
  std::size_t at = 0;
  while ((at = text.find("${", at)) != std::string::npos) {
    std::size_t end = text.find('}', at);
    if (end == std::string::npos) break;
    std::string inner = text.substr(at + 2, end - at - 2);
    std::size_t colon = inner.find(':');
    if (colon != std::string::npos) out.push_back({at, end + 1 - at, inner.substr(0, colon), inner.substr(colon + 1)});
    at = end + 1;
  }
  return out;
}

std::optional<AslDefinition> read_asl(const SourceFile& file, Diagnostics& diags) {
  const std::size_t before = diags.error_count();
  auto tree = parse_yaml(file, diags);
  if (!tree) return std::nullopt;
  AslDefinition out;
  out.tree = std::make_shared<const YamlNode>(std::move(*tree));
  read_asl_file::Reader r{diags, out};
  if (!out.tree->is_map()) {
    diags.error(out.tree->location.valid() ? out.tree->location : Location{&file, 1, 1},
                fmt::format("a state machine definition is a map with StartAt and States, got {}",
                            out.tree->describe()));
    return std::nullopt;
  }
  read_asl_file::read_states(*out.tree, "the state machine", r);
  read_asl_file::collect_references(*out.tree, r);
  if (diags.error_count() != before) return std::nullopt;
  return out;
}

}  // namespace aip::spec
