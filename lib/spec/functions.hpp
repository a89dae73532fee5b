// The `functions:` area of the spec: Lambda functions (seed 000's request
// transformers, gateway router, authorizer and event consumers). Each gets a
// log group with retention, a dead-letter queue and an execution role that
// grants only what the function names: its buckets, models, queues, topics
// and buses, by their spec names.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/lambda_runtimes.hpp"
#include "spec/dynamodb.hpp"
#include "spec/env_value.hpp"
#include "spec/located.hpp"

namespace aip::spec {

// Where the deployment package comes from: an object in a bucket of the spec,
// or (small functions) source code written in the spec.
struct FunctionCode {
  Location location;
  Located<std::string> bucket;   // a storage bucket of the spec
  Located<std::string> key;      // the object key of the .zip
  Located<std::string> version;  // S3 object version; empty: the latest
  Located<std::string> source;   // inline source (python and nodejs runtimes only)
  bool is_inline() const { return !source.value.empty(); }
};

// `deployment:` of a function: a version published per code change, an alias
// `live` that invokers call, and CodeDeploy shifting the alias between versions.
struct FunctionDeployment {
  Location location;
  Located<std::string> strategy{"canary", {}};  // canary | linear | all-at-once
  Located<int> percent{10, {}};                  // canary: the first step; linear: each step
  Located<int> minutes{5, {}};                   // canary: the wait; linear: between steps
  std::vector<Located<std::string>> alarms;      // observability.alarms that roll the deployment back
};

struct Function {
  std::string name;
  Location location;
  Located<std::string> account;  // when not in a VPC; a VPC function lives where its VPC lives
  Located<std::string> region;
  Located<std::string> description;
  // python3.13, nodejs22.x, java21, provided.al2023, ...; default: the newest
  // python of data/lambda-runtimes.json.
  Located<std::string> runtime{std::string(aws::default_lambda_runtime()), {}};
  Located<std::string> handler;                    // required except for provided.* runtimes
  FunctionCode code;
  Located<int> memory{512, {}};                    // MiB, 128-10240
  Located<int> timeout{30, {}};                    // seconds, 1-900
  Located<std::string> architecture{"arm64", {}};  // arm64 | x86_64
  std::vector<std::pair<Located<std::string>, EnvValue>> environment;  // literals or references (spec/env_value.hpp)
  std::optional<Located<int>> reserved_concurrency;
  // VPC placement: subnets of `tier` (default: the first private tier) and
  // security groups of the network area by name.
  Located<std::string> vpc;
  Located<std::string> tier;
  std::vector<Located<std::string>> security_groups;
  Located<int> log_retention_days{30, {}};
  Located<bool> tracing{true, {}};                 // X-Ray active tracing
  Located<bool> dead_letter{true, {}};             // failed asynchronous invocations go to a queue
  std::optional<Located<int>> async_retries;       // 0-2 retries of asynchronous invocations (Lambda: 2)
  // Grants, by spec name.
  std::vector<Located<std::string>> read_buckets;
  std::vector<Located<std::string>> write_buckets;
  std::vector<Located<std::string>> models;        // Bedrock foundation model ids
  Located<bool> polly{false, {}};                  // Amazon Polly speech synthesis (polly:SynthesizeSpeech)
  Located<std::string> metrics_namespace;          // custom metrics: cloudwatch:PutMetricData in this namespace only
  std::vector<Located<std::string>> sagemaker_endpoints;  // SageMaker endpoint names: sagemaker:InvokeEndpoint
  std::vector<Located<std::string>> send_queues;   // events queues: sqs:SendMessage
  std::vector<Located<std::string>> publish_topics;  // events topics: sns:Publish
  std::vector<Located<std::string>> put_events;    // events buses, or `default`: events:PutEvents
  std::vector<Located<std::string>> secrets;       // secrets: secretsmanager:GetSecretValue
  std::vector<Located<std::string>> assume;        // iam: roles of the spec: sts:AssumeRole + sts:TagSession
  TableGrants tables;                              // DynamoDB tables of the spec (spec/dynamodb.hpp)
  // bedrock (spec/bedrock.hpp): guardrails it applies (bedrock:ApplyGuardrail),
  // knowledge bases it queries (bedrock:Retrieve, RetrieveAndGenerate), and the
  // guardrail every model invocation must carry (bedrock:GuardrailIdentifier).
  std::vector<Located<std::string>> guardrails;
  std::vector<Located<std::string>> knowledge_bases;
  Located<std::string> model_guardrail;
  Located<std::string> role_name;                  // the execution role's IAM name; empty: CloudFormation's
  Located<std::string> clearance;       // the highest level of `classification:` it may use; empty: the lowest
  std::optional<FunctionDeployment> deployment;  // traffic shifting through the alias `live`
  Tags tags;
};

struct Functions {
  Location location;  // where `functions:` was written; invalid when absent
  std::vector<Function> items;

  const Function* find(std::string_view name) const {
    for (const Function& f : items) {
      if (f.name == name) return &f;
    }
    return nullptr;
  }
};

struct Spec;
struct Placement;
// The Lambda name of a function: "<platform>-<name>".
std::string function_name(const Spec& spec, const Function& fn);
// Where a function runs: its VPC's account and region, or its own.
Placement function_placement(const Spec& spec, const Function& fn);
// The environment variable aip sets for a grant:
// ("QUEUE", "po-analysis", "URL") -> "QUEUE_PO_ANALYSIS_URL".
std::string wired_variable(std::string_view kind, std::string_view name, std::string_view suffix);

}  // namespace aip::spec
