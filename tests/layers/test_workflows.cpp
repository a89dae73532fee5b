// Step Functions workflows (workflows:): the ASL definition read with its
// locations, substitutions, the execution role's integrations, logging,
// tracing, schedules, events rules that start a workflow, and every error of
// the reader (in the spec or in the definition file).
#include <algorithm>
#include <filesystem>
#include <fstream>

#include <catch2/catch.hpp>

#include "support/plan_text.hpp"

using aip::cfn::Json;
using aip::test::kHeader;
using aip::test::plan_text;
namespace fs = std::filesystem;

namespace {

// A directory holding a spec and its definition files.
struct Dir {
  fs::path path;
  Dir() {
    path = fs::temp_directory_path() / ("aip-workflows-" + std::to_string(reinterpret_cast<std::uintptr_t>(this)) +
                                        "-" + std::to_string(std::rand()));
    fs::create_directories(path);
  }
  ~Dir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  void write(const std::string& name, const std::string& text) const { std::ofstream(path / name) << text; }
  std::string spec() const { return (path / "spec.yaml").string(); }
};

const char* kElements =
    "storage:\n"
    "  buckets:\n"
    "    bronze: {access_logs: false}\n"
    "tables:\n"
    "  runs: {partition_key: run_id}\n"
    "functions:\n"
    "  validate:\n"
    "    runtime: python3.12\n"
    "    handler: app.handler\n"
    "    code: {inline: \"def handler(event, context):\\n    return None\\n\"}\n"
    "events:\n"
    "  topics:\n"
    "    alerts: {}\n"
    "  queues:\n"
    "    results: {encryption: kms}\n";

const char* kIngest = R"({
  "StartAt": "Validate",
  "States": {
    "Validate": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                 "Parameters": {"FunctionName": "${function:validate}", "Payload": {"bucket": "${bucket:bronze}"}},
                 "Retry": [{"ErrorEquals": ["States.ALL"], "IntervalSeconds": 2, "BackoffRate": 2}],
                 "Next": "Record"},
    "Record": {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:putItem",
               "Parameters": {"TableName": "${table:runs}", "Item": {"id": {"S.$": "$.id"}}}, "Next": "Fan"},
    "Fan": {"Type": "Parallel", "Next": "Child", "Branches": [
      {"StartAt": "Alert", "States": {"Alert": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish",
        "Parameters": {"TopicArn": "${topic:alerts}", "Message": "x"}, "End": true}}},
      {"StartAt": "Each", "States": {"Each": {"Type": "Map", "End": true, "ItemProcessor": {"StartAt": "Send",
        "States": {"Send": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage",
          "Parameters": {"QueueUrl": "${queue:results}", "MessageBody": "x"}, "End": true}}}}}}]},
    "Child": {"Type": "Task", "Resource": "arn:aws:states:::states:startExecution.sync:2",
              "Parameters": {"StateMachineArn": "${workflow:child}"}, "End": true}
  }
})";

const char* kChild = "StartAt: Go\nStates:\n  Go:\n    Type: Task\n    Resource: ${function:validate}\n    End: true\n";

Json workflow_statement(const aip::cfn::Resource& role, const std::string& sid) {
  for (const Json& st : role.properties["Policies"][0]["PolicyDocument"]["Statement"]) {
    if (st["Sid"] == sid) return st;
  }
  return nullptr;
}

// The errors of a spec written to `dir` with its definitions; paths relative to the directory.
std::string errors_in(const Dir& dir, const std::string& body) {
  const std::string text = std::string(kHeader) + body;
  dir.write("spec.yaml", text);
  aip::test::LoadedSpec loaded;
  const aip::SourceFile& file = loaded.sources->add(dir.spec(), text);
  loaded.spec = aip::spec::load_spec(file, loaded.diags);
  CHECK_FALSE(loaded.spec);
  std::string out = loaded.messages();
  const std::string prefix = dir.path.string() + "/";
  for (std::size_t at; (at = out.find(prefix)) != std::string::npos;) out.erase(at, prefix.size());
  return out;
}

}  // namespace

TEST_CASE("a workflow's role may call exactly what its definition's Task states name") {
  Dir dir;
  dir.write("ingest.asl.json", kIngest);
  dir.write("child.asl.yaml", kChild);
  auto p = plan_text(std::string(kHeader) + kElements +
                         "workflows:\n"
                         "  ingest: {definition: ingest.asl.json, schedule: rate(1 day), schedule_timezone: Europe/Berlin}\n"
                         "  child: {definition: child.asl.yaml, tracing: false, logging: {level: ERROR, include_execution_data: true}}\n",
                     dir.spec());
  CHECK(p.schema_findings().empty());
  const auto& s = p.stack("test-dev-workflows");
  const auto& role = *s.find("IngestStateMachineRole");
  CHECK(role.properties["AssumeRolePolicyDocument"]["Statement"][0]["Principal"]["Service"] == "states.amazonaws.com");
  const std::string arn = "arn:${AWS::Partition}:";
  CHECK(workflow_statement(role, "LambdaInvokeFunction")["Resource"] ==
        Json::parse(R"([{"Fn::Sub": "arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:test-validate"},
                        {"Fn::Sub": "arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:test-validate:*"}])"));
  CHECK(workflow_statement(role, "DynamodbPutItem")["Resource"] ==
        Json::parse(R"([{"Fn::Sub": "arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/test-runs"}])"));
  CHECK(workflow_statement(role, "SnsPublish")["Action"] == "sns:Publish");
  CHECK(workflow_statement(role, "SqsSendMessage")["Resource"] ==
        Json::parse(R"([{"Fn::Sub": "arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:test-results"}])"));
  CHECK(workflow_statement(role, "StatesStartExecution")["Resource"] ==
        Json::parse(R"([{"Fn::Sub": "arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:stateMachine:test-child"}])"));
  CHECK(workflow_statement(role, "StatesDescribeExecution")["Resource"][0]["Fn::Sub"] ==
        arn + "states:${AWS::Region}:${AWS::AccountId}:execution:test-child:*");
  CHECK_FALSE(workflow_statement(role, "ManagedSyncRule").is_null());
  CHECK_FALSE(workflow_statement(role, "DeliverLogs").is_null());
  CHECK_FALSE(workflow_statement(role, "SendTraces").is_null());
  // Nothing else: no s3 for the bucket it only names.
  CHECK(role.properties["Policies"][0]["PolicyDocument"]["Statement"].size() == 10);
  // The child only invokes its function, and is not traced.
  const auto& child_role = *s.find("ChildStateMachineRole");
  CHECK(child_role.properties["Policies"][0]["PolicyDocument"]["Statement"].size() == 2);
  CHECK(workflow_statement(child_role, "SendTraces").is_null());

  const auto& m = *s.find("IngestStateMachine");
  CHECK(m.properties["StateMachineName"] == "test-ingest");
  CHECK(m.properties["StateMachineType"] == "STANDARD");
  CHECK(m.properties["TracingConfiguration"]["Enabled"] == true);
  CHECK(m.properties["LoggingConfiguration"]["Level"] == "ALL");
  CHECK(m.properties["LoggingConfiguration"]["IncludeExecutionData"] == false);
  CHECK(m.properties["LoggingConfiguration"]["Destinations"][0]["CloudWatchLogsLogGroup"]["LogGroupArn"] ==
        Json::parse(R"({"Fn::GetAtt": ["IngestStateMachineLogGroup", "Arn"]})"));
  CHECK(s.find("IngestStateMachineLogGroup")->properties["LogGroupName"] == "/aws/vendedlogs/states/test-ingest");
  const Json& def = m.properties["Definition"];
  CHECK(def["States"]["Validate"]["Parameters"]["FunctionName"] == "${FunctionValidate}");
  CHECK(def["States"]["Validate"]["Retry"][0]["IntervalSeconds"] == 2);
  const Json& subs = m.properties["DefinitionSubstitutions"];
  CHECK(subs["FunctionValidate"] == Json::parse(R"({"Fn::ImportValue": "test-dev-functions:ValidateFunctionArn"})"));
  CHECK(subs["TableRuns"] == "test-runs");
  CHECK(subs["BucketBronze"] == "test-bronze-123456789012-us-east-1");
  CHECK(subs["QueueResults"]["Fn::Sub"] == "https://sqs.${AWS::Region}.${AWS::URLSuffix}/${AWS::AccountId}/test-results");
  CHECK(subs.size() == 6);
  const auto& child = *s.find("ChildStateMachine");
  CHECK(child.properties["Definition"]["States"]["Go"]["Resource"] == "${FunctionValidate}");
  CHECK(child.properties["LoggingConfiguration"]["Level"] == "ERROR");
  CHECK(child.properties["LoggingConfiguration"]["IncludeExecutionData"] == true);

  // The schedule's role may start this machine and nothing else.
  const auto& schedule = *s.find("IngestStateMachineSchedule");
  CHECK(schedule.properties["ScheduleExpression"] == "rate(1 day)");
  CHECK(schedule.properties["ScheduleExpressionTimezone"] == "Europe/Berlin");
  CHECK(schedule.properties["Target"]["Arn"] == Json::parse(R"({"Ref": "IngestStateMachine"})"));
  const auto& srole = *s.find("IngestStateMachineScheduleRole");
  CHECK(srole.properties["AssumeRolePolicyDocument"]["Statement"][0]["Principal"]["Service"] == "scheduler.amazonaws.com");
  const Json& sst = srole.properties["Policies"][0]["PolicyDocument"]["Statement"];
  CHECK(sst.size() == 1);
  CHECK(sst[0]["Action"] == "states:StartExecution");
  CHECK(sst[0]["Resource"]["Fn::Sub"] == arn + "states:${AWS::Region}:${AWS::AccountId}:stateMachine:test-ingest");

  // The topic's and the kms queue's keys admit the role that publishes and sends.
  const auto& events = p.stack("test-dev-events");
  const Json expected = Json::parse(R"({"Fn::ImportValue": "test-dev-workflows:IngestStateMachineRoleArn"})");
  for (const char* key : {"AlertsTopicKey", "ResultsQueueKey"}) {
    INFO(key);
    bool admitted = false;
    for (const Json& st : events.find(key)->properties["KeyPolicy"]["Statement"]) {
      if (st.value("Sid", "") != "SendersEncrypt") continue;
      for (const Json& who : st["Principal"]["AWS"]) admitted = admitted || who == expected;
    }
    CHECK(admitted);
  }
}

TEST_CASE("a workflow runs Glue jobs it names, and waits for them with .sync") {
  Dir dir;
  dir.write("etl.asl.yaml",
            "StartAt: Curate\nStates:\n"
            "  Curate:\n    Type: Task\n    Resource: arn:aws:states:::glue:startJobRun.sync\n"
            "    Parameters: {JobName: \"${job:curate}\", Arguments: {--run.$: $$.Execution.Name}}\n"
            "    Next: Features\n"
            "  Features:\n    Type: Task\n    Resource: arn:aws:states:::glue:startJobRun\n"
            "    Parameters: {JobName: \"${job:features}\"}\n    End: true\n");
  auto p = plan_text(std::string(kHeader) + kElements +
                         "glue:\n"
                         "  databases:\n    lake: {}\n"
                         "  jobs:\n"
                         "    curate: {database: lake, script: {bucket: bronze, key: glue/curate.py}, "
                         "read: [{bucket: bronze, prefix: raw/}], write: [{bucket: bronze, prefix: curated/}]}\n"
                         "    features: {database: lake, script: {bucket: bronze, key: glue/features.py}, "
                         "read: [{bucket: bronze, prefix: curated/}], write: [{bucket: bronze, prefix: features/}]}\n"
                         "workflows:\n"
                         "  etl: {definition: etl.asl.yaml}\n",
                     dir.spec());
  CHECK(p.schema_findings().empty());
  const auto& s = p.stack("test-dev-workflows");
  const auto& role = *s.find("EtlStateMachineRole");
  const std::string jobs = "arn:${AWS::Partition}:glue:${AWS::Region}:${AWS::AccountId}:job/";
  CHECK(workflow_statement(role, "GlueStartJobRun")["Resource"] ==
        Json::array({{{"Fn::Sub", jobs + "test-curate"}}, {{"Fn::Sub", jobs + "test-features"}}}));
  // .sync polls the run it started: only on the job it waits for.
  for (const char* sid : {"GlueGetJobRun", "GlueGetJobRuns", "GlueBatchStopJobRun"}) {
    INFO(sid);
    CHECK(workflow_statement(role, sid)["Resource"] == Json::array({{{"Fn::Sub", jobs + "test-curate"}}}));
  }
  // No role is passed (the job runs as its own) and Glue needs no managed events rule.
  CHECK(workflow_statement(role, "ManagedSyncRule").is_null());
  CHECK(role.properties["Policies"][0]["PolicyDocument"]["Statement"].size() == 6);
  const auto& m = *s.find("EtlStateMachine");
  CHECK(m.properties["Definition"]["States"]["Curate"]["Parameters"]["JobName"] == "${JobCurate}");
  CHECK(m.properties["DefinitionSubstitutions"]["JobCurate"] == "test-curate");
  CHECK(m.properties["DefinitionSubstitutions"]["JobFeatures"] == "test-features");
}

TEST_CASE("an events rule starts a workflow through a role allowed only that") {
  Dir dir;
  dir.write("child.asl.yaml", kChild);
  auto p = plan_text(std::string(kHeader) + kElements +
                         "  rules:\n"
                         "    nightly: {schedule: rate(1 day), targets: [{workflow: child}]}\n"
                         "workflows:\n"
                         "  child: {definition: child.asl.yaml, type: express, logging: {level: OFF}}\n",
                     dir.spec());
  CHECK(p.schema_findings().empty());
  const auto& events = p.stack("test-dev-events");
  const Json& target = events.find("NightlyRule")->properties["Targets"][0];
  CHECK(target["Arn"] == Json::parse(R"({"Fn::ImportValue": "test-dev-workflows:ChildStateMachineRef"})"));
  CHECK(target["RoleArn"] == Json::parse(R"({"Fn::GetAtt": ["NightlyRuleWorkflowRole", "Arn"]})"));
  const Json& st = events.find("NightlyRuleWorkflowRole")->properties["Policies"][0]["PolicyDocument"]["Statement"];
  CHECK(st.size() == 1);
  CHECK(st[0]["Action"] == "states:StartExecution");
  const auto& m = p.resource("ChildStateMachine");
  CHECK(m.properties["StateMachineType"] == "EXPRESS");
  CHECK(m.properties["LoggingConfiguration"] == Json::parse(R"({"Level": "OFF"})"));
  CHECK_FALSE(p.has("ChildStateMachineLogGroup"));
}

TEST_CASE("workflow errors point at the spec or into the definition file") {
  Dir dir;
  auto asl = [&](const std::string& text) {
    dir.write("d.asl.yaml", text);
    return errors_in(dir, std::string(kElements) + "workflows:\n  w: {definition: d.asl.yaml}\n");
  };
  const std::string task = "StartAt: A\nStates:\n  A:\n    Type: Task\n";
  CHECK(asl(task + "    Resource: ${function:valdate}\n    End: true\n") ==
        "d.asl.yaml:5:15: workflow 'w' names function 'valdate', which is not defined in the spec; did you mean "
        "'validate'?\n");
  CHECK(asl(task + "    Resource: arn:aws:states:::lambda:invoke\n    Parameters: {FunctionName: \"${function:x}\"}\n    End: true\n") ==
        "d.asl.yaml:6:32: workflow 'w' names function 'x', which is not defined in the spec\n");
  CHECK(asl(task + "    Resource: arn:aws:states:::lambda:invoke\n    Parameters: {FunctionName.$: $.fn}\n    End: true\n") ==
        "d.asl.yaml:6:18: Task state 'A' chooses its FunctionName at run time ('FunctionName.$'); aip grants only "
        "what the definition names: write ${function:NAME}\n");
  CHECK(asl(task + "    Resource: arn:aws:states:::lambda:invoke\n    End: true\n") ==
        "d.asl.yaml:5:15: Task state 'A' calls arn:aws:states:::lambda:invoke but its Parameters name no "
        "FunctionName (write FunctionName: ${function:NAME})\n");
  CHECK(asl(task + "    Resource: arn:aws:states:::dynamodb:putItem\n    Parameters: {TableName: runs}\n    End: true\n") ==
        "d.asl.yaml:6:29: TableName of Task state 'A' must be ${table:NAME}, naming a table of the spec, got 'runs'\n");
  CHECK(asl(task + "    Resource: arn:aws:states:::dynamodb:putItm\n    End: true\n") ==
        "d.asl.yaml:5:15: Task state 'A': 'putItm' is not a DynamoDB call aip grants; use one of getItem, putItem, "
        "updateItem, deleteItem; did you mean 'putItem'?\n");
  CHECK(asl(task + "    Resource: arn:aws:states:::aws-sdk:dynamodb:batchWriteItem\n    End: true\n") ==
        "d.asl.yaml:5:15: Task state 'A': batchWriteItem names its tables inside RequestItems, which aip cannot "
        "grant on; use one call per table\n");
  CHECK(asl(task + "    Resource: arn:aws:states:::sagemaker:createTrainingJob.sync\n    End: true\n") ==
        "d.asl.yaml:5:15: Task state 'A' calls sagemaker:createTrainingJob but has no Parameters naming its "
        "TrainingJobName\n");
  CHECK(asl(task + "    Resource: arn:aws:states:::glue:startJobRun\n    Parameters: {JobName: \"${job:curate}\"}\n"
                   "    End: true\n") ==
        "d.asl.yaml:6:27: workflow 'w' names job 'curate', which is not defined in the spec\n");
  CHECK(asl(task + "    Resource: arn:aws:states:::glue:startJobRun.sync\n    Parameters: {JobName: curate}\n"
                   "    End: true\n") ==
        "d.asl.yaml:6:27: JobName of Task state 'A' must be ${job:NAME}, naming a job of the spec, got 'curate'\n");
  CHECK(asl(task + "    Resource: arn:aws:states:::glue:startJobRun.sync\n    Parameters: {JobName.$: $.job}\n"
                   "    End: true\n") ==
        "d.asl.yaml:6:18: Task state 'A' chooses its JobName at run time ('JobName.$'); aip grants only what the "
        "definition names: write ${job:NAME}\n");
  CHECK(asl(task + "    Resource: arn:aws:states:::glue:startJobRun.waitForTaskToken\n    End: true\n") ==
        "d.asl.yaml:5:15: Task state 'A': glue:startJobRun does not support '.waitForTaskToken'\n");
  CHECK(asl(task + "    Resource: arn:aws:states:::glue:startJobRn\n    End: true\n") ==
        "d.asl.yaml:5:15: Task state 'A': 'startJobRn' is not a Glue call aip grants; workflows run Glue jobs with "
        "glue:startJobRun (or .sync); did you mean 'startJobRun'?\n");
  CHECK(asl(task + "    Resource: arn:aws:states:::ecs:runTask\n    End: true\n") ==
        "d.asl.yaml:5:15: Task state 'A' uses integration 'ecs:runTask', which aip does not grant; workflows grant "
        "lambda:invoke, dynamodb:*, sns:publish, sqs:sendMessage, states:startExecution, glue:startJobRun, "
        "sagemaker:create*/updateEndpoint and bedrock:invokeModel\n");
  CHECK(asl(task + "    Resource: arn:aws:states:::sns:publish.sync\n    End: true\n") ==
        "d.asl.yaml:5:15: Task state 'A': sns:publish does not support '.sync'\n");
  CHECK(asl(task + "    Resource: arn:aws:lambda:us-east-1:123456789012:function:f\n    End: true\n") ==
        "d.asl.yaml:5:15: Resource of Task state 'A' must be ${function:NAME} or an arn:aws:states::: integration "
        "aip grants, got 'arn:aws:lambda:us-east-1:123456789012:function:f'\n");
  CHECK(asl("StartAt: B\nStates:\n  A: {Type: Succeed}\n") ==
        "d.asl.yaml:1:10: StartAt names state 'B', which the state machine does not have; did you mean 'A'?\n");
  CHECK(asl("StartAt: A\nStates:\n  A: {Type: Sucede}\n") ==
        "d.asl.yaml:3:13: state 'A' has unknown Type 'Sucede'; did you mean 'Succeed'?\n");
  CHECK(asl("StartAt: A\n") == "d.asl.yaml:1:1: the state machine needs 'States', a map of state names to states\n");
  CHECK(asl("[1, 2]\n") ==
        "d.asl.yaml:1:1: a state machine definition is a map with StartAt and States, got a list\n");
  CHECK(asl("StartAt: A\nStates:\n  A: {Type: Pass, Parameters: {x: \"${lambda:f}\"}, End: true}\n") ==
        "d.asl.yaml:3:35: unknown substitution kind 'lambda' in '${lambda:f}'; aip substitutes function, table, "
        "queue, topic, bucket, workflow, job, endpoint, sagemaker-role\n");
  CHECK(asl("StartAt: A\nStates:\n  A: {Type: Parallel, End: true}\n") ==
        "d.asl.yaml:3:6: Parallel state 'A' needs a list of 'Branches'\n");
  CHECK(asl("StartAt: A\nStates: {A: {Type: Pass, End: true}\n").find("d.asl.yaml:") == 0);  // YAML syntax
  // In the spec.
  auto spec = [&](const std::string& workflows) {
    dir.write("ok.asl.yaml", "StartAt: A\nStates:\n  A: {Type: Succeed}\n");
    return errors_in(dir, std::string(kElements) + workflows);
  };
  CHECK(spec("workflows:\n  w: {definition: missing.asl.json}\n").find("spec.yaml:21:19: definition of workflow 'w': "
                                                                       "cannot read") == 0);
  CHECK(spec("workflows:\n  w: {tracing: true}\n") == "spec.yaml:21:3: workflow 'w' is missing required key "
                                                       "'definition'\n");
  CHECK(spec("workflows:\n  w: {definition: ok.asl.yaml, schedule: daily}\n") ==
        "spec.yaml:21:42: 'schedule' must be rate(...), cron(...) or at(...), got 'daily'\n");
  CHECK(spec("workflows:\n  w: {definition: ok.asl.yaml, schedule_timezone: UTC}\n") ==
        "spec.yaml:21:51: 'schedule_timezone' of workflow 'w' needs a 'schedule'\n");
  CHECK(spec("workflows:\n  w: {definition: ok.asl.yaml, logging: {level: DEBUG}}\n")
            .find("spec.yaml:21:49: 'level' must be one of ALL, ERROR, FATAL, OFF") == 0);
  CHECK(spec("workflows:\n  w: {definition: ok.asl.yaml, tracng: true}\n")
            .find("unknown key 'tracng' in workflow 'w'; did you mean 'tracing'?") != std::string::npos);
  CHECK(spec("  rules:\n    r: {schedule: rate(1 day), targets: [{workflow: nightly-x}]}\nworkflows:\n"
             "  w: {definition: ok.asl.yaml}\n") ==
        "spec.yaml:21:53: rule 'r' refers to workflow 'nightly-x', which is not defined\n");
  dir.write("sync.asl.yaml", "StartAt: A\nStates:\n  A:\n    Type: Task\n"
                             "    Resource: arn:aws:states:::states:startExecution.sync\n"
                             "    Parameters: {StateMachineArn: \"${workflow:w}\"}\n    End: true\n");
  CHECK(spec("workflows:\n  w: {definition: ok.asl.yaml}\n  e: {definition: sync.asl.yaml, type: express}\n") ==
        "sync.asl.yaml:5:15: Task state 'A' waits for another execution (.sync), which express workflow 'e' cannot "
        "do; use type: standard\n");
  dir.write("glue.asl.yaml", "StartAt: A\nStates:\n  A:\n    Type: Task\n"
                             "    Resource: arn:aws:states:::glue:startJobRun.sync\n"
                             "    Parameters: {JobName: \"${job:j}\"}\n    End: true\n");
  CHECK(spec("glue:\n  databases: {lake: {}}\n  jobs:\n"
             "    j: {database: lake, script: {bucket: bronze, key: j.py}, read: [{bucket: bronze}]}\n"
             "workflows:\n  e: {definition: glue.asl.yaml, type: express}\n") ==
        "glue.asl.yaml:5:15: Task state 'A' waits for a Glue job run (.sync), which express workflow 'e' cannot do; "
        "use type: standard\n");
}

TEST_CASE("a workflow may not use a queue classified above the lowest level (it has no clearance)") {
  Dir dir;
  dir.write("ingest.asl.json", kIngest);
  dir.write("child.asl.yaml", kChild);
  std::string elements = kElements;
  elements.replace(elements.find("results: {encryption: kms}"), 26, "results: {classification: confidential}");
  const std::string errors =
      errors_in(dir, "classification: {levels: [public, internal, confidential]}\n" + elements +
                         "workflows:\n  ingest: {definition: ingest.asl.json}\n  child: {definition: child.asl.yaml}\n");
  CHECK_THAT(errors, Catch::Contains("ingest.asl.json:14:57: workflow 'ingest' uses queue 'results', classified "
                                     "'confidential', but workflows have no clearance"));
}

namespace {

const char* kSageMakerElements =
    "iam:\n"
    "  personas:\n"
    "    scientist: {trust: {identity_center: DataScientist}, sagemaker: develop, buckets: {read_write: [bronze]}}\n"
    "    viewer: {trust: {identity_center: Viewer}, sagemaker: invoke}\n"
    "    outside: {existing: {arn: \"arn:aws:iam::123456789012:role/Outside\"}}\n"
    "sagemaker:\n"
    "  endpoints:\n"
    "    churn: {model: {image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/churn:1, bucket: bronze, key: "
    "churn/model.tar.gz}, instance_type: ml.m5.xlarge}\n";

const char* kTraining = R"(StartAt: Prep
States:
  Prep:
    Type: Task
    Resource: arn:aws:states:::sagemaker:createProcessingJob.sync
    Parameters:
      ProcessingJobName.$: States.Format('prep-{}', $$.Execution.Name)
      RoleArn: ${sagemaker-role:scientist}
    Next: Train
  Train:
    Type: Task
    Resource: arn:aws:states:::sagemaker:createTrainingJob.sync
    Parameters:
      TrainingJobName.$: States.Format('Train-{}', $$.Execution.Name)
      RoleArn: ${sagemaker-role:scientist}
      Tags: [{Key: run, Value.$: $$.Execution.Name}]
    Next: Score
  Score:
    Type: Task
    Resource: arn:aws:states:::sagemaker:createTransformJob
    Parameters:
      TransformJobName.$: States.Format('score-{}', $$.Execution.Name)
      ModelName: churn-1
    Next: Model
  Model:
    Type: Task
    Resource: arn:aws:states:::sagemaker:createModel
    Parameters:
      ModelName.$: States.Format('churn-{}', $$.Execution.Name)
      ExecutionRoleArn: ${sagemaker-role:scientist}
    Next: Config
  Config:
    Type: Task
    Resource: arn:aws:states:::sagemaker:createEndpointConfig
    Parameters:
      EndpointConfigName.$: States.Format('churn-{}', $$.Execution.Name)
    Next: Canary
  Canary:
    Type: Task
    Resource: arn:aws:states:::sagemaker:createEndpoint
    Parameters:
      EndpointName.$: States.Format('canary-{}', $$.Execution.Name)
      EndpointConfigName.$: States.Format('churn-{}', $$.Execution.Name)
    Next: Deploy
  Deploy:
    Type: Task
    Resource: arn:aws:states:::sagemaker:updateEndpoint
    Parameters:
      EndpointName: ${endpoint:churn}
      EndpointConfigName.$: States.Format('churn-{}', $$.Execution.Name)
    End: true
)";

// The statement's resources as their ARN texts, sorted.
std::vector<std::string> resources_of(const Json& statement) {
  std::vector<std::string> out;
  const Json& r = statement["Resource"];
  for (const Json& one : r.is_array() ? r : Json::array({r})) {
    out.push_back(one.is_string() ? one.get<std::string>() : one["Fn::Sub"].get<std::string>());
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("a workflow runs SageMaker jobs and deploys models under the name prefixes its definition gives") {
  Dir dir;
  dir.write("train.asl.yaml", kTraining);
  auto p = plan_text(std::string(kHeader) + kElements + kSageMakerElements +
                         "workflows:\n"
                         "  train: {definition: train.asl.yaml}\n",
                     dir.spec());
  CHECK(p.schema_findings().empty());
  const auto& role = *p.stack("test-dev-workflows").find("TrainStateMachineRole");
  const std::string sm = "arn:${AWS::Partition}:sagemaker:${AWS::Region}:${AWS::AccountId}:";
  using Arns = std::vector<std::string>;
  // SageMaker lower-cases the names in its ARNs: a prefix with capitals is granted in both spellings.
  const Arns prep = {sm + "processing-job/prep-*"};
  const Arns train = {sm + "training-job/Train-*", sm + "training-job/train-*"};
  for (const char* sid : {"SagemakerCreateProcessingJob", "SagemakerDescribeProcessingJob", "SagemakerStopProcessingJob"}) {
    INFO(sid);
    CHECK(resources_of(workflow_statement(role, sid)) == prep);
  }
  for (const char* sid : {"SagemakerCreateTrainingJob", "SagemakerDescribeTrainingJob", "SagemakerStopTrainingJob"}) {
    INFO(sid);
    CHECK(resources_of(workflow_statement(role, sid)) == train);
  }
  // Only the training job is created with tags.
  CHECK(resources_of(workflow_statement(role, "SagemakerAddTags")) == train);
  // The transform job is not waited for (no .sync): created, not described or stopped.
  CHECK(resources_of(workflow_statement(role, "SagemakerCreateTransformJob")) == Arns{sm + "transform-job/score-*"});
  CHECK(workflow_statement(role, "SagemakerDescribeTransformJob").is_null());
  CHECK(resources_of(workflow_statement(role, "SagemakerCreateModel")) == Arns{sm + "model/churn-*"});
  CHECK(resources_of(workflow_statement(role, "SagemakerCreateEndpointConfig")) == Arns{sm + "endpoint-config/churn-*"});
  // Creating and updating an endpoint act on the endpoint and on the config it deploys.
  CHECK(resources_of(workflow_statement(role, "SagemakerCreateEndpoint")) ==
        Arns{sm + "endpoint-config/churn-*", sm + "endpoint/canary-*"});
  CHECK(resources_of(workflow_statement(role, "SagemakerUpdateEndpoint")) ==
        Arns{sm + "endpoint-config/churn-*", sm + "endpoint/test-churn"});
  CHECK(resources_of(workflow_statement(role, "SagemakerListTags")) ==
        Arns{sm + "endpoint-config/churn-*", sm + "endpoint/canary-*", sm + "endpoint/test-churn", sm + "model/churn-*",
             sm + "processing-job/prep-*", sm + "training-job/Train-*", sm + "training-job/train-*",
             sm + "transform-job/score-*"});
  // .sync waits through the managed rules of the jobs it waits for.
  const Json rule = workflow_statement(role, "ManagedSyncRule");
  CHECK(rule["Action"] == Json::array({"events:DescribeRule", "events:PutRule", "events:PutTargets"}));
  const std::string events = "arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:rule/";
  CHECK(resources_of(rule) == Arns{events + "StepFunctionsGetEventsForSageMakerProcessingJobsRule",
                                   events + "StepFunctionsGetEventsForSageMakerTrainingJobsRule"});
  // The jobs and the model run as the scientist's SageMaker execution role: only it, only to SageMaker.
  const Json pass = workflow_statement(role, "PassSageMakerRole");
  CHECK(pass["Action"] == "iam:PassRole");
  CHECK(resources_of(pass) == Arns{"arn:${AWS::Partition}:iam::${AWS::AccountId}:role/ScientistRoleSageMakerExecution"});
  CHECK(pass["Condition"] == Json::parse(R"({"StringEquals": {"iam:PassedToService": "sagemaker.amazonaws.com"}})"));
  // Nothing else: 13 SageMaker statements, the rule, the role, logs and traces.
  CHECK(role.properties["Policies"][0]["PolicyDocument"]["Statement"].size() == 17);

  const auto& m = *p.stack("test-dev-workflows").find("TrainStateMachine");
  const Json& def = m.properties["Definition"];
  CHECK(def["States"]["Train"]["Parameters"]["RoleArn"] == "${SagemakerRoleScientist}");
  CHECK(def["States"]["Train"]["Parameters"]["TrainingJobName.$"] == "States.Format('Train-{}', $$.Execution.Name)");
  CHECK(def["States"]["Deploy"]["Parameters"]["EndpointName"] == "${EndpointChurn}");
  const Json& subs = m.properties["DefinitionSubstitutions"];
  CHECK(subs["SagemakerRoleScientist"] ==
        Json::parse(R"({"Fn::Sub": "arn:${AWS::Partition}:iam::${AWS::AccountId}:role/ScientistRoleSageMakerExecution"})"));
  CHECK(subs["EndpointChurn"] == "test-churn");
  CHECK(subs.size() == 2);
  // The role passed is the one the scientist's `sagemaker: develop` creates.
  CHECK(p.stack("test-dev-iam").find("ScientistRoleSageMakerExecution") != nullptr);
}

TEST_CASE("a workflow invokes the Bedrock models its definition names, as functions do") {
  Dir dir;
  dir.write("summarize.asl.yaml",
            "StartAt: Summarize\nStates:\n"
            "  Summarize:\n    Type: Task\n    Resource: arn:aws:states:::bedrock:invokeModel\n"
            "    Parameters: {ModelId: anthropic.claude-3-haiku-20240307-v1:0, Body: {prompt.$: $.text}}\n"
            "    Next: Review\n"
            "  Review:\n    Type: Task\n    Resource: arn:aws:states:::bedrock:invokeModel\n"
            "    Parameters: {ModelId: us.anthropic.claude-sonnet-4-20250514-v1:0, Body: {prompt.$: $.text}}\n"
            "    End: true\n");
  auto p = plan_text(std::string(kHeader) + kElements + "workflows:\n  summarize: {definition: summarize.asl.yaml}\n",
                     dir.spec());
  CHECK(p.schema_findings().empty());
  const auto& role = *p.stack("test-dev-workflows").find("SummarizeStateMachineRole");
  const Json invoke = workflow_statement(role, "BedrockInvokeModel");
  // Invoking only: Step Functions does not stream.
  CHECK(invoke["Action"] == "bedrock:InvokeModel");
  // The foundation model in this region; the inference profile and the model in the regions it routes to.
  CHECK(resources_of(invoke) ==
        std::vector<std::string>{"arn:${AWS::Partition}:bedrock:${AWS::Region}:${AWS::AccountId}:inference-profile/"
                                 "us.anthropic.claude-sonnet-4-20250514-v1:0",
                                 "arn:${AWS::Partition}:bedrock:${AWS::Region}::foundation-model/"
                                 "anthropic.claude-3-haiku-20240307-v1:0",
                                 "arn:${AWS::Partition}:bedrock:*::foundation-model/"
                                 "anthropic.claude-sonnet-4-20250514-v1:0"});
  CHECK(role.properties["Policies"][0]["PolicyDocument"]["Statement"].size() == 3);  // with logs and traces
  CHECK(p.resource("SummarizeStateMachine").properties.count("DefinitionSubstitutions") == 0);
}

TEST_CASE("SageMaker and Bedrock Task errors point into the definition file") {
  Dir dir;
  auto asl = [&](const std::string& text) {
    dir.write("d.asl.yaml", text);
    return errors_in(dir, std::string(kElements) + kSageMakerElements + "workflows:\n  w: {definition: d.asl.yaml}\n");
  };
  const std::string task = "StartAt: A\nStates:\n  A:\n    Type: Task\n";
  const std::string train = task + "    Resource: arn:aws:states:::sagemaker:createTrainingJob.sync\n";
  const std::string role = "      RoleArn: ${sagemaker-role:scientist}\n";
  const std::string name = "      TrainingJobName.$: States.Format('train-{}', $$.Execution.Name)\n";
  CHECK(asl(task + "    Resource: arn:aws:states:::sagemaker:createTrainingJb\n    End: true\n") ==
        "d.asl.yaml:5:15: Task state 'A': 'createTrainingJb' is not a SageMaker call aip grants; use one of "
        "createTrainingJob, createProcessingJob, createTransformJob, createModel, createEndpointConfig, "
        "createEndpoint, updateEndpoint; did you mean 'createTrainingJob'?\n");
  CHECK(asl(task + "    Resource: arn:aws:states:::sagemaker:createTrainingJob.waitForTaskToken\n    End: true\n") ==
        "d.asl.yaml:5:15: Task state 'A': sagemaker:createTrainingJob does not support '.waitForTaskToken'\n");
  CHECK(asl(task + "    Resource: arn:aws:states:::sagemaker:createModel.sync\n    End: true\n") ==
        "d.asl.yaml:5:15: Task state 'A': sagemaker:createModel does not support '.sync'\n");
  CHECK(asl(train + "    End: true\n") ==
        "d.asl.yaml:5:15: Task state 'A' calls sagemaker:createTrainingJob but has no Parameters naming its "
        "TrainingJobName\n");
  CHECK(asl(train + "    Parameters:\n" + role + "    End: true\n") ==
        "d.asl.yaml:5:15: Task state 'A' calls sagemaker:CreateTrainingJob but its Parameters name no "
        "TrainingJobName (write TrainingJobName.$: States.Format('training-{}', $$.Execution.Name))\n");
  CHECK(asl(train + "    Parameters:\n      TrainingJobName: train-1\n" + role + "    End: true\n") ==
        "d.asl.yaml:7:24: TrainingJobName of Task state 'A' is 'train-1'; SageMaker names are unique per run and "
        "aip grants on a literal prefix: write TrainingJobName.$: States.Format('training-{}', $$.Execution.Name)\n");
  CHECK(asl(train + "    Parameters:\n      TrainingJobName.$: $.name\n" + role + "    End: true\n") ==
        "d.asl.yaml:7:26: TrainingJobName.$ of Task state 'A' must be States.Format with a literal prefix of "
        "letters, digits and hyphens, such as TrainingJobName.$: States.Format('training-{}', $$.Execution.Name): "
        "aip grants on that prefix, got '$.name'\n");
  CHECK(asl(train + "    Parameters:\n      TrainingJobName.$: States.Format('{}', $.name)\n" + role +
            "    End: true\n")
            .find("d.asl.yaml:7:26: TrainingJobName.$ of Task state 'A' must be States.Format with a literal "
                  "prefix") == 0);
  CHECK(asl(train + "    Parameters:\n" + name + "      RoleArn: arn:aws:iam::123456789012:role/Trainer\n" +
            "    End: true\n") ==
        "d.asl.yaml:8:16: RoleArn of Task state 'A' must be ${sagemaker-role:NAME}, naming an iam role with "
        "sagemaker: develop whose SageMaker execution role the job runs as, got "
        "'arn:aws:iam::123456789012:role/Trainer'\n");
  CHECK(asl(train + "    Parameters:\n" + name + "      RoleArn.$: $.role\n    End: true\n") ==
        "d.asl.yaml:8:7: Task state 'A' chooses its RoleArn at run time ('RoleArn.$'); aip passes only the role "
        "the definition names: write RoleArn: ${sagemaker-role:NAME}\n");
  CHECK(asl(train + "    Parameters:\n" + name + "    End: true\n") ==
        "d.asl.yaml:5:15: Task state 'A' starts a SageMaker job but its Parameters name no RoleArn (write RoleArn: "
        "${sagemaker-role:NAME}, the SageMaker execution role of an iam role with sagemaker: develop)\n");
  CHECK(asl(task + "    Resource: arn:aws:states:::sagemaker:updateEndpoint\n    Parameters:\n"
                   "      EndpointName: churn\n"
                   "      EndpointConfigName.$: States.Format('churn-{}', $$.Execution.Name)\n    End: true\n") ==
        "d.asl.yaml:7:21: EndpointName of Task state 'A' is 'churn'; aip grants on an endpoint of the spec or on a "
        "literal name prefix: write EndpointName: ${endpoint:NAME} (an endpoint of the spec) or "
        "EndpointName.$: States.Format('endpoint-{}', $$.Execution.Name)\n");
  CHECK(asl(task + "    Resource: arn:aws:states:::sagemaker:updateEndpoint\n    Parameters:\n"
                   "      EndpointName: ${endpoint:chrun}\n"
                   "      EndpointConfigName.$: States.Format('churn-{}', $$.Execution.Name)\n    End: true\n") ==
        "d.asl.yaml:7:21: workflow 'w' names endpoint 'chrun', which is not defined in the spec; did you mean "
        "'churn'?\n");
  // The role passed: an iam role whose `sagemaker: develop` creates the execution role, in this account.
  CHECK(asl(train + "    Parameters:\n" + name + "      RoleArn: ${sagemaker-role:scientst}\n    End: true\n") ==
        "d.asl.yaml:8:16: workflow 'w' names sagemaker-role 'scientst', which is not defined in the spec; did you "
        "mean 'scientist'?\n");
  CHECK(asl(train + "    Parameters:\n" + name + "      RoleArn: ${sagemaker-role:viewer}\n    End: true\n") ==
        "d.asl.yaml:8:16: workflow 'w' names sagemaker-role 'viewer', a role without sagemaker: develop, which "
        "creates the SageMaker execution role a job runs as\n");
  CHECK(asl(train + "    Parameters:\n" + name + "      RoleArn: ${sagemaker-role:outside}\n    End: true\n") ==
        "d.asl.yaml:8:16: workflow 'w' names sagemaker-role 'outside', an existing role (aip creates no SageMaker "
        "execution role for it)\n");
  // Bedrock.
  const std::string bedrock = task + "    Resource: arn:aws:states:::bedrock:invokeModel\n";
  CHECK(asl(bedrock + "    Parameters: {Body: {}}\n    End: true\n") ==
        "d.asl.yaml:5:15: Task state 'A' calls bedrock:invokeModel but its Parameters name no ModelId\n");
  CHECK(asl(bedrock + "    Parameters: {ModelId.$: $.model}\n    End: true\n") ==
        "d.asl.yaml:6:18: Task state 'A' chooses its ModelId at run time ('ModelId.$'); aip grants only what the "
        "definition names: write the model id, such as ModelId: anthropic.claude-3-haiku-20240307-v1:0\n");
  CHECK(asl(bedrock + "    Parameters: {ModelId: \"arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-embed-text-v2:0\"}\n"
                      "    End: true\n") ==
        "d.asl.yaml:6:27: ModelId of Task state 'A' must be a Bedrock model id or cross-region inference profile id "
        "(not an ARN), such as anthropic.claude-3-haiku-20240307-v1:0, got "
        "'arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-embed-text-v2:0'\n");
  CHECK(asl(bedrock + "    Parameters: {ModelId: amazon.titan-embed-text-v2:0, Input: {S3Uri: \"s3://b/k\"}}\n"
                      "    End: true\n") ==
        "d.asl.yaml:6:57: Task state 'A': bedrock:invokeModel with 'Input' is not granted yet; pass the request in "
        "Body and take the answer from the result\n");
  CHECK(asl(task + "    Resource: arn:aws:states:::bedrock:invokeModel.sync\n    End: true\n") ==
        "d.asl.yaml:5:15: Task state 'A': bedrock:invokeModel does not support '.sync'\n");
  CHECK(asl(task + "    Resource: arn:aws:states:::bedrock:createModelCustomizationJob\n    End: true\n") ==
        "d.asl.yaml:5:15: Task state 'A' uses integration 'bedrock:createModelCustomizationJob', which aip does not "
        "grant; workflows grant lambda:invoke, dynamodb:*, sns:publish, sqs:sendMessage, states:startExecution, "
        "glue:startJobRun, sagemaker:create*/updateEndpoint and bedrock:invokeModel\n");
  // An express workflow cannot wait for a job.
  dir.write("sync.asl.yaml", train + "    Parameters:\n" + name + role + "    End: true\n");
  CHECK(errors_in(dir, std::string(kElements) + kSageMakerElements +
                           "workflows:\n  e: {definition: sync.asl.yaml, type: express}\n") ==
        "sync.asl.yaml:5:15: Task state 'A' waits for a SageMaker job (.sync), which express workflow 'e' cannot "
        "do; use type: standard\n");
}

TEST_CASE("a workflow passes only a SageMaker role created in its own account") {
  Dir dir;
  dir.write("d.asl.yaml",
            "StartAt: A\nStates:\n  A:\n    Type: Task\n"
            "    Resource: arn:aws:states:::sagemaker:createTrainingJob\n    Parameters:\n"
            "      TrainingJobName.$: States.Format('train-{}', $$.Execution.Name)\n"
            "      RoleArn: ${sagemaker-role:scientist}\n    End: true\n");
  const std::string text = "aip: 1\nname: test\naccounts:\n"
                           "  dev: {id: \"123456789012\", region: us-east-1}\n"
                           "  prod: {id: \"210987654321\", region: us-east-1}\n"
                           "iam:\n  personas:\n"
                           "    scientist: {accounts: [dev], trust: {identity_center: DataScientist}, sagemaker: develop}\n"
                           "workflows:\n  w: {account: prod, definition: d.asl.yaml}\n";
  dir.write("spec.yaml", text);
  aip::test::LoadedSpec loaded;
  loaded.spec = aip::spec::load_spec(loaded.sources->add(dir.spec(), text), loaded.diags);
  CHECK_FALSE(loaded.spec);
  std::string out = loaded.messages();
  for (std::size_t at; (at = out.find(dir.path.string() + "/")) != std::string::npos;) {
    out.erase(at, dir.path.string().size() + 1);
  }
  CHECK(out == "d.asl.yaml:8:16: workflow 'w' names sagemaker-role 'scientist', not created in the workflow's account "
               "(account prod, us-east-1)\n");
  // A StackSet role lands in whole OUs: its SageMaker execution role is in no one account of the spec.
  const std::string stackset = "aip: 1\nname: test\naccounts:\n"
                               "  dev: {id: \"123456789012\", region: us-east-1}\n"
                               "iam:\n  cross_account:\n"
                               "    scientist:\n"
                               "      stackset: {account: dev, organizational_units: [ou-ab12-cd34ef56], regions: [us-east-1]}\n"
                               "      assumed_by: [{account: dev, role: Admin}]\n"
                               "      sagemaker: develop\n"
                               "workflows:\n  w: {definition: d.asl.yaml}\n";
  dir.write("spec.yaml", stackset);
  aip::test::LoadedSpec again;
  again.spec = aip::spec::load_spec(again.sources->add(dir.spec(), stackset), again.diags);
  CHECK_FALSE(again.spec);
  out = again.messages();
  for (std::size_t at; (at = out.find(dir.path.string() + "/")) != std::string::npos;) {
    out.erase(at, dir.path.string().size() + 1);
  }
  CHECK(out == "d.asl.yaml:8:16: workflow 'w' names sagemaker-role 'scientist', a StackSet role (its SageMaker execution "
               "role has no fixed account)\n");
}

TEST_CASE("every workflow keeps its lint suppressions and overrides, however many definition files are read at once") {
  // The elements' `lint:` and `overrides:` are collected on the reading thread;
  // reading a workflow element on another thread lost them now and then.
  Dir dir;
  std::string workflows = "workflows:\n";
  for (int i = 0; i < 6; ++i) {
    dir.write(fmt::format("w{}.asl.yaml", i), "StartAt: Done\nStates:\n  Done: {Type: Succeed}\n");
    workflows += fmt::format(
        "  w{0}:\n    definition: w{0}.asl.yaml\n"
        "    lint: {{suppress: [{{rule: AIP-IAM-005, reason: \"workflow {0} reviewed\"}}]}}\n"
        "    overrides: {{W{0}StateMachine: {{Properties.StateMachineName: renamed-{0}}}}}\n",
        i);
  }
  for (int run = 0; run < 10; ++run) {
    auto p = plan_text(std::string(kHeader) + workflows, dir.spec());
    for (int i = 0; i < 6; ++i) {
      const auto& machine = *p.stack("test-dev-workflows").find(fmt::format("W{}StateMachine", i));
      REQUIRE(machine.metadata.is_object());
      CHECK(machine.metadata["aip"]["suppress"][0]["reason"] == fmt::format("workflow {} reviewed", i));
      REQUIRE(machine.overrides.size() == 1);  // applied when the template renders
      CHECK(machine.overrides[0].second == fmt::format("renamed-{}", i));
    }
  }
}
