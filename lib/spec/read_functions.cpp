// The `functions:` area: Lambda functions, read (checks: check_functions.cpp).
#include <algorithm>
#include <cctype>
#include <set>

#include <fmt/format.h>

#include "base/did_you_mean.hpp"
#include "base/lambda_runtimes.hpp"
#include "base/pattern.hpp"
#include "spec/field_reader.hpp"
#include "spec/load.hpp"
#include "spec/placement.hpp"
#include "spec/resources.hpp"
#include "spec/regions.hpp"
#include "spec/tables.hpp"

namespace aip::spec {
namespace {

// Runtimes Lambda supports for new functions (deprecated ones are refused:
// they stop receiving security patches), and the newest of every family in
// data/lambda-runtimes.json, which AIP-EXP-045 asks for.
const std::vector<std::string>& runtime_choices() {
  static const std::vector<std::string> choices = [] {
    std::vector<std::string> c = {"python3.10", "python3.11", "python3.12", "python3.13",   "python3.14",
                                  "nodejs20.x", "nodejs22.x", "nodejs24.x", "java11",       "java17",
                                  "java21",     "dotnet8",    "ruby3.3",    "ruby3.4",      "provided.al2",
                                  "provided.al2023"};
    for (const aws::LambdaRuntime& r : aws::lambda_runtimes()) {
      if (!r.deprecated && aws::newest_lambda_runtime(r.family) == r.name &&
          std::find(c.begin(), c.end(), r.name) == c.end()) {
        c.emplace_back(r.name);
      }
    }
    return c;
  }();
  return choices;
}

// Variables the Lambda runtime sets itself.
const std::vector<std::string> kReservedVariables = {
    "_HANDLER", "_X_AMZN_TRACE_ID", "AWS_DEFAULT_REGION", "AWS_REGION", "AWS_EXECUTION_ENV", "AWS_ACCESS_KEY",
    "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "LAMBDA_TASK_ROOT", "LAMBDA_RUNTIME_DIR"};

// CloudFormation's ZipFile: small inline handlers only.
constexpr std::size_t kMaxInlineSource = 4096;


void read_code(const YamlNode& n, Function& fn, Diagnostics& diags) {
  FunctionCode& c = fn.code;
  c.location = n.location;
  Fields f(n, fmt::format("code of function '{}'", fn.name), diags);
  if (!f.ok()) return;
  // Explicit: a bucket and key or inline source, each with its own messages.
  const YamlNode* bucket = f.optional("bucket");
  const YamlNode* key = f.optional("key");
  const YamlNode* version = f.optional("version");
  const YamlNode* source = f.optional("inline");
  if ((bucket != nullptr) == (source != nullptr)) {
    diags.error(n.location, fmt::format("code of function '{}' needs either 'bucket' and 'key' (a .zip in a bucket of "
                                        "this spec) or 'inline' source, not {}",
                                        fn.name, bucket != nullptr ? "both" : "neither"));
    return;
  }
  if (source != nullptr) {
    for (const YamlNode* k : {key, version}) {
      if (k != nullptr) diags.error(k->location, "'key' and 'version' belong to code in a bucket, not inline code");
    }
    if (auto s = read_string(*source, "inline", diags)) {
      if (s->empty() || s->size() > kMaxInlineSource) {
        diags.error(source->location, fmt::format("inline code must be 1 to {} characters, got {}; put larger code "
                                                  "in a bucket",
                                                  kMaxInlineSource, s->size()));
      } else {
        c.source = located(*s, *source);
      }
    }
    return;
  }
  if (auto s = read_string(*bucket, "bucket", diags)) c.bucket = located(*s, *bucket);
  if (key == nullptr) {
    diags.error(n.location, fmt::format("code of function '{}' is missing required key 'key' (the object key of "
                                        "the .zip in bucket '{}')",
                                        fn.name, c.bucket.value));
  } else if (auto s = read_string(*key, "key", diags)) {
    c.key = located(*s, *key);
  }
  if (version != nullptr) {
    if (auto s = read_string(*version, "version", diags)) c.version = located(*s, *version);
  }
}

void read_environment(const YamlNode& n, Function& fn, Diagnostics& diags) {
  if (!n.is_map()) {
    diags.error(n.location, fmt::format("'environment' must map variable names to values, got {}", n.describe()));
    return;
  }
  static const Pattern name("[A-Za-z][A-Za-z0-9_]*");
  for (const auto& [k, v] : n.entries) {
    if (!k.is_scalar() || !name.matches(k.scalar)) {
      diags.error(k.location, fmt::format("environment variable name {} must start with a letter and use letters, "
                                          "digits and '_'",
                                          k.describe()));
      continue;
    }
    if (std::find(kReservedVariables.begin(), kReservedVariables.end(), k.scalar) != kReservedVariables.end() ||
        k.scalar.rfind("AWS_LAMBDA_", 0) == 0) {
      diags.error(k.location, fmt::format("environment variable {} is set by the Lambda runtime and cannot be "
                                          "overridden",
                                          k.scalar));
      continue;
    }
    EnvValue value;
    if (read_env_value(v, k.scalar, value, diags)) fn.environment.emplace_back(located(k.scalar, k), std::move(value));
  }
}

void read_grants(Fields& f, Function& fn, Diagnostics& diags) {
  if (const YamlNode* v = f.optional("buckets")) {
    Fields b(*v, fmt::format("buckets of function '{}'", fn.name), diags);
    if (b.ok()) {
      b.strings("read", fn.read_buckets);
      b.strings("write", fn.write_buckets);
    }
  }
  f.strings("models", bedrock_model_id(), kNotBedrockModelId, fn.models);
  f.flag("polly", fn.polly);
  read_metrics_namespace(f, fn.metrics_namespace, diags);
  // Endpoints are deployed by SageMaker (model registry, pipelines), not by
  // this spec: only the name is known, so it must be an exact one.
  static const Pattern endpoint("[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}");
  f.strings("sagemaker_endpoints", endpoint,
            "'{}' is not a SageMaker endpoint name (1 to 63 letters, digits and hyphens, starting with a letter or "
            "digit; no wildcards)",
            fn.sagemaker_endpoints);
  f.strings("guardrails", fn.guardrails);
  f.strings("knowledge_bases", fn.knowledge_bases);
  f.text("model_guardrail", fn.model_guardrail);
  f.strings("send", fn.send_queues);
  f.strings("publish", fn.publish_topics);
  f.strings("put_events", fn.put_events);
  f.strings("secrets", fn.secrets);
  f.strings("assume", fn.assume);
  read_table_grants(f, fmt::format("tables of function '{}'", fn.name), fn.tables, diags);
  // A fixed name lets iam: roles trust this function's role by name.
  f.text("role_name", iam_role_name(), kNotIamRoleName, fn.role_name);
}

void read_function_deployment(const YamlNode& n, Function& fn, Diagnostics& diags) {
  FunctionDeployment d;
  d.location = n.location;
  Fields f(n, fmt::format("deployment of function '{}'", fn.name), diags);
  if (!f.ok()) return;
  f.choice("strategy", {"canary", "linear", "all-at-once"}, d.strategy);
  f.integer("percent", {1, 99}, d.percent);
  // CodeDeploy's CanaryInterval and LinearInterval: at most 2880 minutes.
  f.integer("minutes", {1, 2880}, d.minutes);
  f.strings("alarms", d.alarms);
  if (d.strategy.value == "all-at-once") {
    for (const Located<int>* v : {&d.percent, &d.minutes}) {
      if (v->location.valid()) {
        diags.error(v->location, fmt::format("deployment of function '{}' is all-at-once; 'percent' and 'minutes' "
                                             "apply to canary and linear deployments",
                                             fn.name));
      }
    }
  }
  fn.deployment = std::move(d);
}

void read_function(const YamlNode& key, const YamlNode& value, Spec& spec, Diagnostics& diags) {
  if (!check_name(key, "function", diags)) return;
  Function fn;
  fn.name = key.scalar;
  fn.location = key.location;
  Fields f(value, fmt::format("function '{}'", fn.name), diags, key.location);
  if (!f.ok()) return;
  f.text("account", fn.account);
  f.region("region", fn.region);
  f.text("description", fn.description);
  f.choice("runtime", runtime_choices(), fn.runtime);  // default: the newest python (functions.hpp)
  static const Pattern handler("[^\\s]{1,128}");
  f.text("handler", handler,
         "'handler' must be 1 to 128 characters without spaces, such as app.handler, got '{}'", fn.handler);
  if (const YamlNode* c = f.required("code")) read_code(*c, fn, diags);
  f.integer("memory", {128, 10240}, fn.memory);
  f.integer("timeout", {1, 900}, fn.timeout);
  f.choice("architecture", {"arm64", "x86_64"}, fn.architecture);
  if (const YamlNode* e = f.optional("environment")) read_environment(*e, fn, diags);
  f.integer("reserved_concurrency", {0, 100000}, fn.reserved_concurrency);
  f.text("vpc", fn.vpc);
  f.text("tier", fn.tier);
  f.strings("security_groups", fn.security_groups);
  f.log_retention("log_retention_days", fn.log_retention_days);
  f.flag("tracing", fn.tracing);
  f.flag("dead_letter", fn.dead_letter);
  f.integer("async_retries", {0, 2}, fn.async_retries);
  read_grants(f, fn, diags);
  f.text("clearance", fn.clearance);
  if (const YamlNode* d = f.optional("deployment")) read_function_deployment(*d, fn, diags);
  f.tags(fn.tags);
  spec.functions.items.push_back(std::move(fn));
}

}  // namespace

std::string wired_variable(std::string_view kind, std::string_view name, std::string_view suffix) {
  std::string out = std::string(kind) + "_";
  for (char c : name) out += std::isalnum(static_cast<unsigned char>(c)) ? static_cast<char>(std::toupper(c)) : '_';
  return out + "_" + std::string(suffix);
}

std::string function_name(const Spec& spec, const Function& fn) { return spec.name.value + "-" + fn.name; }

Placement function_placement(const Spec& spec, const Function& fn) {
  if (const Vpc* vpc = spec.find_vpc(fn.vpc.value)) return place(spec, vpc->account, vpc->region);
  return place(spec, fn.account, fn.region);
}

void read_functions(const YamlNode& node, Spec& spec, Diagnostics& diags) {
  spec.functions.location = node.location;
  if (!node.is_map()) {
    diags.error(node.location, fmt::format("'functions' must map function names to their settings, got {}",
                                           node.describe()));
    return;
  }
  for (const auto& [k, v] : node.entries) read_function(k, v, spec, diags);
}

}  // namespace aip::spec
