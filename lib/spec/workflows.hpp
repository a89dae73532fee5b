// The `workflows:` area of the spec: Step Functions state machines (seed 001's
// ingestion, training and batch inference pipelines). The definition is an
// Amazon States Language file next to the spec (JSON or YAML) whose
// `${KIND:NAME}` substitutions name elements of the spec; the execution role
// is granted only the service integrations the definition uses, on the
// elements it names. Logs go to a log group of the machine's own, traces to
// X-Ray; events rules (a `workflow:` target) and a schedule start executions.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/yaml_tree.hpp"
#include "spec/located.hpp"

namespace aip::spec {

// `${KIND:NAME}` in a string of the definition.
struct AslReference {
  Location location;  // in the definition file
  std::string kind;   // function | table | queue | topic | bucket | workflow | job | endpoint | sagemaker-role
  std::string name;
};

// A SageMaker resource a Task creates or changes. Jobs, models and endpoint
// configs are named at run time (names are unique per run), so the definition
// gives a literal prefix, `States.Format('train-{}', $$.Execution.Name)`, and
// the grant is on that prefix; an endpoint may instead be one of the spec.
struct AslSageMakerResource {
  Location location;     // the name's value
  std::string type;      // training-job | processing-job | transform-job | model | endpoint-config | endpoint
  std::string prefix;    // the literal prefix; empty when `endpoint` names it
  std::string endpoint;  // an endpoint of the sagemaker area (`${endpoint:NAME}`)
};

// What one Task state calls, and on what.
enum class AslService { lambda, dynamodb, sns, sqs, states, glue, sagemaker, bedrock };
struct AslTask {
  Location location;       // the Resource value
  std::string state;       // the state's name
  AslService service = AslService::lambda;
  std::string action;      // IAM action: lambda:InvokeFunction, dynamodb:PutItem, ...
  bool sync = false;       // .sync: waits for the child execution, the Glue job run or the SageMaker job
  AslReference target;     // the element it acts on (not for sagemaker and bedrock)
  // sagemaker: what it creates or changes, the role the job runs as
  // (`${sagemaker-role:NAME}`, passed to SageMaker) and whether it tags.
  std::vector<AslSageMakerResource> sagemaker;
  std::optional<AslReference> passed_role;
  bool tags = false;
  // bedrock: the model id or cross-region inference profile id it invokes.
  Located<std::string> model;
};

// An ASL file as aip reads it: the tree (with locations), its substitutions
// and its tasks. The file stays alive as long as a diagnostic may point into it.
struct AslDefinition {
  std::shared_ptr<const YamlNode> tree;
  std::vector<AslReference> references;
  std::vector<AslTask> tasks;
};

// Reads an ASL definition (JSON or YAML): StartAt and States at every level
// (Parallel branches, Map iterators), every Task's integration. Errors name
// the state and point into the file.
std::optional<AslDefinition> read_asl(const SourceFile& file, Diagnostics& diags);
// Every `${KIND:NAME}` in a string: (offset, length, kind, name); unknown kinds
// and malformed ones are reported at `where`.
struct AslPlaceholder {
  std::size_t offset = 0;
  std::size_t length = 0;
  std::string kind;
  std::string name;
};
std::vector<AslPlaceholder> asl_placeholders(const std::string& text);
const std::vector<std::string>& asl_reference_kinds();

struct WorkflowLogging {
  Location location;
  Located<std::string> level{"ALL", {}};  // ALL | ERROR | FATAL | OFF
  Located<bool> include_execution_data{false, {}};
  Located<int> retention_days{365, {}};
};

struct Workflow {
  std::string name;
  Location location;
  Located<std::string> account;
  Located<std::string> region;
  Located<std::string> definition;             // the ASL file, relative to the spec file
  Located<std::string> type{"standard", {}};   // standard | express
  WorkflowLogging logging;
  Located<bool> tracing{true, {}};             // X-Ray
  Located<std::string> schedule;               // rate(...) | cron(...) | at(...): EventBridge Scheduler
  Located<std::string> schedule_timezone;      // IANA name; default UTC
  AslDefinition asl;                           // read from `definition`
  Tags tags;
};

struct Workflows {
  Location location;  // where `workflows:` was written; invalid when absent
  std::vector<Workflow> items;

  const Workflow* find(std::string_view name) const {
    for (const Workflow& w : items) {
      if (w.name == name) return &w;
    }
    return nullptr;
  }
};

struct Spec;
struct Placement;
// The Step Functions name of a workflow: "<platform>-<name>".
std::string state_machine_name(const Spec& spec, const Workflow& w);
Placement workflow_placement(const Spec& spec, const Workflow& w);

}  // namespace aip::spec
