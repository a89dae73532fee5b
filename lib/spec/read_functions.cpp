// The `functions:` area: Lambda functions, read and checked.
#include <algorithm>
#include <cctype>
#include <set>

#include <fmt/format.h>

#include "base/did_you_mean.hpp"
#include "base/pattern.hpp"
#include "spec/field_reader.hpp"
#include "spec/load.hpp"
#include "spec/placement.hpp"
#include "spec/regions.hpp"
#include "spec/tables.hpp"

namespace aip::spec {
namespace {

// Runtimes Lambda supports for new functions (deprecated ones are refused:
// they stop receiving security patches).
const std::vector<std::string> kRuntimes = {
    "python3.10", "python3.11", "python3.12", "python3.13", "python3.14", "nodejs20.x", "nodejs22.x",
    "nodejs24.x", "java11",     "java17",     "java21",     "dotnet8",    "ruby3.3",    "ruby3.4",
    "provided.al2", "provided.al2023"};

// Variables the Lambda runtime sets itself.
const std::vector<std::string> kReservedVariables = {
    "_HANDLER", "_X_AMZN_TRACE_ID", "AWS_DEFAULT_REGION", "AWS_REGION", "AWS_EXECUTION_ENV", "AWS_ACCESS_KEY",
    "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "LAMBDA_TASK_ROOT", "LAMBDA_RUNTIME_DIR"};

// CloudFormation's ZipFile: small inline handlers only.
constexpr std::size_t kMaxInlineSource = 4096;

bool is_provided(const std::string& runtime) { return runtime.rfind("provided.", 0) == 0; }
bool takes_inline(const std::string& runtime) {
  return runtime.rfind("python", 0) == 0 || runtime.rfind("nodejs", 0) == 0;
}

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
    if (auto s = read_string(v, k.scalar, diags)) fn.environment.emplace_back(located(k.scalar, k), located(*s, v));
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
  // Endpoints are deployed by SageMaker (model registry, pipelines), not by
  // this spec: only the name is known, so it must be an exact one.
  static const Pattern endpoint("[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}");
  f.strings("sagemaker_endpoints", endpoint,
            "'{}' is not a SageMaker endpoint name (1 to 63 letters, digits and hyphens, starting with a letter or "
            "digit; no wildcards)",
            fn.sagemaker_endpoints);
  f.strings("send", fn.send_queues);
  f.strings("publish", fn.publish_topics);
  f.strings("put_events", fn.put_events);
  f.strings("assume", fn.assume);
  // A fixed name lets iam: roles trust this function's role by name.
  f.text("role_name", iam_role_name(), kNotIamRoleName, fn.role_name);
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
  f.choice("runtime", kRuntimes, fn.runtime, Presence::required);
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
  f.tags(fn.tags);
  spec.functions.items.push_back(std::move(fn));
}

// A referenced element must be deployed where the function runs.
void check_same_place(const Function& fn, const Placement& mine, const Placement& theirs, std::string_view kind,
                      const Located<std::string>& ref, Location declared, Diagnostics& diags) {
  if (!mine.known() || !theirs.known() || mine == theirs) return;
  Diagnostic& d = diags.error(ref.location, fmt::format("function '{}' ({}) cannot use {} '{}' ({}); use one of its "
                                                        "own account and region",
                                                        fn.name, mine.str(), kind, ref.value, theirs.str()));
  d.notes.push_back({Severity::note, declared, fmt::format("{} declared here", kind), {}});
}

void check_vpc_placement(const Spec& spec, const Function& fn, Diagnostics& diags) {
  if (!fn.tier.value.empty() && fn.vpc.value.empty()) {
    diags.error(fn.tier.location, fmt::format("function '{}' names a tier but no 'vpc'", fn.name));
  }
  if (!fn.security_groups.empty() && fn.vpc.value.empty()) {
    diags.error(fn.security_groups.front().location,
                fmt::format("function '{}' names security groups but no 'vpc'", fn.name));
  }
  if (fn.vpc.value.empty()) return;
  for (const Located<std::string>* k : {&fn.account, &fn.region}) {
    if (k->value.empty()) continue;
    diags.error(k->location, fmt::format("function '{}' runs where its vpc '{}' is; remove '{}'", fn.name,
                                         fn.vpc.value, k == &fn.account ? "account" : "region"));
  }
  const Vpc* vpc = spec.find_vpc(fn.vpc.value);
  if (vpc == nullptr) {
    diags.error(fn.vpc.location, fmt::format("function '{}' refers to vpc '{}', which is not defined{}", fn.name,
                                             fn.vpc.value, did_you_mean(fn.vpc.value, names_of(spec.network.vpcs))));
    return;
  }
  if (!fn.tier.value.empty()) {
    auto t = std::find_if(vpc->tiers.begin(), vpc->tiers.end(), [&](const Tier& x) { return x.name == fn.tier.value; });
    if (t == vpc->tiers.end()) {
      diags.error(fn.tier.location, fmt::format("function '{}' refers to tier '{}', which vpc '{}' does not have{}",
                                                fn.name, fn.tier.value, vpc->name,
                                                did_you_mean(fn.tier.value, names_of(vpc->tiers))));
    } else if (t->kind == TierKind::public_) {
      // A function's network interfaces never get public addresses.
      diags.error(fn.tier.location, fmt::format("function '{}' cannot run in public tier '{}': Lambda functions get "
                                                "no public address there; use a private tier (with NAT or VPC "
                                                "endpoints)",
                                                fn.name, fn.tier.value));
    }
  } else if (std::none_of(vpc->tiers.begin(), vpc->tiers.end(), [](const Tier& t) { return t.kind == TierKind::private_; })) {
    diags.error(fn.vpc.location, fmt::format("function '{}' needs a private tier in vpc '{}', or 'tier: NAME'",
                                             fn.name, vpc->name));
  }
  for (const auto& g : fn.security_groups) {
    const SecurityGroup* sg = spec.find_security_group(g.value);
    if (sg == nullptr) {
      diags.error(g.location, fmt::format("function '{}' refers to security group '{}', which is not defined{}",
                                          fn.name, g.value,
                                          did_you_mean(g.value, names_of(spec.network.security_groups))));
    } else if (sg->vpc.value != vpc->name) {
      Diagnostic& d = diags.error(g.location, fmt::format("function '{}' (vpc '{}') cannot use security group '{}' "
                                                          "of vpc '{}'",
                                                          fn.name, vpc->name, g.value, sg->vpc.value));
      d.notes.push_back({Severity::note, sg->location, "security group declared here", {}});
    }
  }
}

void check_code(const Spec& spec, const Function& fn, const Placement& here, Diagnostics& diags) {
  const std::string& runtime = fn.runtime.value;
  if (!runtime.empty() && !is_provided(runtime) && fn.handler.value.empty()) {
    diags.error(fn.location, fmt::format("function '{}' needs a 'handler' for runtime {}, such as app.handler", fn.name,
                                         runtime));
  }
  if (fn.code.is_inline() && !runtime.empty() && !takes_inline(runtime)) {
    diags.error(fn.code.source.location, fmt::format("inline code works with python and nodejs runtimes only, not "
                                                     "{}; put the package in a bucket",
                                                     runtime));
  }
  if (fn.code.bucket.value.empty()) return;
  const Bucket* b = spec.storage.find(fn.code.bucket.value);
  if (b == nullptr) {
    diags.error(fn.code.bucket.location, fmt::format("function '{}' refers to bucket '{}', which is not defined{}",
                                                     fn.name, fn.code.bucket.value,
                                                     did_you_mean(fn.code.bucket.value, names_of(spec.storage.buckets))));
    return;
  }
  // Lambda reads the package in the function's region only.
  check_same_place(fn, here, place(spec, b->account, b->region), "bucket", fn.code.bucket, b->location, diags);
}

void check_grants(const Spec& spec, const Function& fn, const Placement& here, Diagnostics& diags) {
  for (const auto* list : {&fn.read_buckets, &fn.write_buckets}) {
    for (const auto& name : *list) {
      const Bucket* b = spec.storage.find(name.value);
      if (b == nullptr) {
        diags.error(name.location, fmt::format("function '{}' refers to bucket '{}', which is not defined{}", fn.name,
                                               name.value, did_you_mean(name.value, names_of(spec.storage.buckets))));
        continue;
      }
      check_same_place(fn, here, place(spec, b->account, b->region), "bucket", name, b->location, diags);
    }
  }
  for (const auto& name : fn.send_queues) {
    const EventQueue* q = spec.events.find_queue(name.value);
    if (q == nullptr) {
      diags.error(name.location, fmt::format("function '{}' refers to queue '{}', which is not defined{}", fn.name,
                                             name.value, did_you_mean(name.value, names_of(spec.events.queues))));
      continue;
    }
    check_same_place(fn, here, place(spec, q->account, q->region), "queue", name, q->location, diags);
  }
  for (const auto& name : fn.publish_topics) {
    const EventTopic* t = spec.events.find_topic(name.value);
    if (t == nullptr) {
      diags.error(name.location, fmt::format("function '{}' refers to topic '{}', which is not defined{}", fn.name,
                                             name.value, did_you_mean(name.value, names_of(spec.events.topics))));
      continue;
    }
    check_same_place(fn, here, place(spec, t->account, t->region), "topic", name, t->location, diags);
  }
  for (const auto& name : fn.put_events) {
    if (name.value == "default") continue;  // the account's default bus
    const EventBus* b = spec.events.find_bus(name.value);
    if (b == nullptr) {
      std::vector<std::string> names = names_of(spec.events.buses);
      names.push_back("default");
      diags.error(name.location, fmt::format("function '{}' refers to bus '{}', which is neither a bus of this spec "
                                             "nor 'default'{}",
                                             fn.name, name.value, did_you_mean(name.value, names)));
      continue;
    }
    check_same_place(fn, here, place(spec, b->account, b->region), "bus", name, b->location, diags);
  }
}

void check_environment(const Function& fn, Diagnostics& diags) {
  std::set<std::string> wired;
  for (const auto& q : fn.send_queues) wired.insert(wired_variable("QUEUE", q.value, "URL"));
  for (const auto& t : fn.publish_topics) wired.insert(wired_variable("TOPIC", t.value, "ARN"));
  for (const auto& b : fn.put_events) wired.insert(wired_variable("EVENT_BUS", b.value, "NAME"));
  for (const auto* list : {&fn.read_buckets, &fn.write_buckets}) {
    for (const auto& b : *list) wired.insert(wired_variable("BUCKET", b.value, "NAME"));
  }
  for (const auto& [k, v] : fn.environment) {
    if (wired.count(k.value) != 0) {
      diags.error(k.location, fmt::format("environment variable {} of function '{}' is set by aip from the function's "
                                          "grants; remove it",
                                          k.value, fn.name));
    }
  }
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

void check_functions(const Spec& spec, Diagnostics& diags) {
  for (const Function& fn : spec.functions.items) {
    check_vpc_placement(spec, fn, diags);
    Placement here = fn.vpc.value.empty()
                         ? place(spec, fn.account, fn.region, fmt::format("function '{}'", fn.name), fn.location, diags)
                         : function_placement(spec, fn);
    const std::string lambda_name = function_name(spec, fn);
    if (lambda_name.size() > 64) {
      diags.error(fn.location, fmt::format("function '{}' would be named {} ({} characters); Lambda allows 64, so "
                                           "shorten the function or platform name",
                                           fn.name, lambda_name, lambda_name.size()));
    }
    check_code(spec, fn, here, diags);
    check_grants(spec, fn, here, diags);
    check_environment(fn, diags);
    std::vector<std::string> roles;
    for (const IamRole& r : spec.iam.roles) roles.push_back(r.name);
    for (const auto& a : fn.assume) {
      if (spec.iam.find(a.value) == nullptr) {
        diags.error(a.location, fmt::format("function '{}' assumes '{}', which is not a role of the iam: area{}",
                                            fn.name, a.value, did_you_mean(a.value, roles)));
      }
    }
  }
}

}  // namespace aip::spec
