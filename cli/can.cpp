// `aip can SPEC PRINCIPAL ACTION RESOURCE`: would IAM allow it? Evaluates the
// role's rendered policies (and the bucket's, for S3) with lib/iam and names
// the statement that decided.
#include <algorithm>

#include <fmt/format.h>

#include "base/arn.hpp"
#include "base/aws_regions.hpp"
#include "base/did_you_mean.hpp"
#include "commands.hpp"
#include "exit_codes.hpp"
#include "iam/access_check.hpp"
#include "driver/synthesize.hpp"
#include "print_diagnostics.hpp"
#include "spec/placement.hpp"
#include "spec/spec.hpp"

namespace aip::cli {
namespace {

struct CanOptions {
  std::string spec;
  std::string principal;
  std::string action;
  std::string resource;
  std::string environment;
  std::vector<std::string> principal_tags;
  std::vector<std::string> resource_tags;
  std::vector<std::string> context;
  bool conservative = false;
};

bool split_pairs(const std::vector<std::string>& items, const char* option,
                 const std::function<void(std::string, std::string)>& put) {
  for (const std::string& item : items) {
    auto eq = item.find('=');
    if (eq == std::string::npos || eq == 0) {
      fmt::print(stderr, "aip: error: {} takes KEY=VALUE, got '{}'\n", option, item);
      return false;
    }
    put(item.substr(0, eq), item.substr(eq + 1));
  }
  return true;
}

// An element of the spec by its spec name, KIND:NAME[/TAIL]: the ARN its
// policies use, in its account and region. Guardrails and knowledge bases
// stand for their ARN by name (the real ARN carries an id Bedrock assigns on
// deployment; the rendered policies resolve to the same form).
struct ElementKind {
  const char* kind;
  const char* tail;  // what may follow the name, "" for nothing
};
const std::vector<ElementKind>& element_kinds() {
  static const std::vector<ElementKind> kinds = {
      {"bucket", "/KEY"},         {"table", "/index/INDEX"}, {"workflow", ""}, {"job", ""},
      {"guardrail", ""},          {"knowledge-base", ""},    {"registry", "/VERSION"},
      {"endpoint", ""}};
  return kinds;
}

// The kind a resource argument names ("" for an ARN).
std::string element_kind_of(const std::string& text) {
  for (const ElementKind& k : element_kinds()) {
    if (text.rfind(std::string(k.kind) + ":", 0) == 0) return k.kind;
  }
  return "";
}

// `only` (when given): the accounts whose elements this spec may name.
std::optional<std::string> expand_in(const spec::Spec& sp, const std::string& text,
                                     const std::vector<std::string>* only = nullptr) {
  auto allowed = [&](const spec::Placement& at) {
    return only == nullptr ||
           (at.known() && std::find(only->begin(), only->end(), at.account->name) != only->end());
  };
  const std::string kind = element_kind_of(text);
  if (kind.empty()) return text;
  const std::string rest = text.substr(kind.size() + 1);
  const std::string name = rest.substr(0, rest.find('/'));
  const std::string tail = rest.size() > name.size() ? rest.substr(name.size()) : "";
  spec::Placement at;
  std::string service;
  std::string resource;
  if (kind == "bucket") {
    const spec::Bucket* b = sp.storage.find(name);
    if (b == nullptr) return std::nullopt;
    at = spec::place(sp, b->account, b->region);
    if (!allowed(at)) return std::nullopt;
    return aws::arn(aws::partition_of(at.region), "s3", "", "", spec::s3_bucket_name(sp, *b, at.region) + tail);
  }
  if (kind == "table") {
    const spec::Table* t = sp.tables.find(name);
    if (t == nullptr) return std::nullopt;
    at = spec::place(sp, t->account, t->region);
    service = "dynamodb";
    resource = "table/" + spec::dynamodb_table_name(sp, *t) + tail;
  } else if (kind == "workflow") {
    const spec::Workflow* w = sp.workflows.find(name);
    if (w == nullptr || !tail.empty()) return std::nullopt;
    at = spec::workflow_placement(sp, *w);
    service = "states";
    resource = "stateMachine:" + spec::state_machine_name(sp, *w);
  } else if (kind == "job") {
    const spec::GlueJob* j = sp.glue.find_job(name);
    if (j == nullptr || !tail.empty()) return std::nullopt;
    at = spec::glue_job_placement(sp, *j);
    service = "glue";
    resource = "job/" + spec::glue_job_name(sp, *j);
  } else if (kind == "guardrail") {
    const spec::Guardrail* g = sp.bedrock.find_guardrail(name);
    if (g == nullptr || !tail.empty()) return std::nullopt;
    at = spec::guardrail_placement(sp, *g);
    service = "bedrock";
    resource = "guardrail/" + spec::guardrail_name(sp, *g);
  } else if (kind == "knowledge-base") {
    const spec::KnowledgeBase* kb = sp.bedrock.find_knowledge_base(name);
    if (kb == nullptr || !tail.empty()) return std::nullopt;
    at = spec::knowledge_base_placement(sp, *kb);
    service = "bedrock";
    resource = "knowledge-base/" + spec::knowledge_base_name(sp, *kb);
  } else if (kind == "registry") {
    const spec::ModelRegistry* g = sp.sagemaker.find_registry(name);
    if (g == nullptr) return std::nullopt;
    at = spec::place(sp, g->account, g->region);
    service = "sagemaker";
    const std::string group = spec::model_package_group_name(sp, *g);
    resource = tail.empty() ? "model-package-group/" + group : "model-package/" + group + tail;
  } else {
    const spec::Endpoint* e = nullptr;
    for (const spec::Endpoint& x : sp.sagemaker.endpoints) {
      if (x.name == name) e = &x;
    }
    if (e == nullptr || !tail.empty()) return std::nullopt;
    at = spec::place(sp, e->account, e->region);
    service = "sagemaker";
    resource = "endpoint/" + spec::sagemaker_endpoint_name(sp, *e);
  }
  if (!at.known() || !allowed(at)) return std::nullopt;
  return aws::arn(aws::partition_of(at.region), service, at.region, at.account->id.value, resource);
}

// An element is named as the part of the spec that renders it: a shared
// account's as the shared part (mlpath-central, not mlpath-dev-central), any
// other as the environment asked about, else as the one environment it is in.
std::optional<std::string> expand_resource(const driver::Synthesis& r, const spec::Spec& asked,
                                           const std::string& text) {
  if (r.shared_spec) {
    if (auto shared = expand_in(*r.shared_spec, text, &asked.shared_accounts)) return shared;
  }
  if (auto mine = expand_in(asked, text)) return mine;
  for (const spec::Spec& other : r.environments) {
    if (auto theirs = expand_in(other, text)) return theirs;
  }
  return std::nullopt;
}

std::string element_forms() {
  std::vector<std::string> forms;
  for (const ElementKind& k : element_kinds()) forms.push_back(fmt::format("{}:NAME{}", k.kind, k.tail));
  return fmt::format("{}", fmt::join(forms, ", "));
}

int run_can(const CanOptions& o) {
  SourceManager sources;
  driver::SynthesisOptions options{driver::Stage::render};
  options.keep_plan = false;  // only the specs, the templates and the stacks' outline are read
  // Every environment is rendered: a cross-account request (a promotion's
  // role, docs/areas/pipelines.md) needs the other account's trust or resource
  // policy; the principal is looked up in the environment asked about only.
  driver::Synthesis rendered = driver::synthesize(o.spec, sources, options);
  if (!rendered.ok()) {
    print_diagnostics(rendered.diagnostics);
    return kExitInput;
  }
  const spec::Spec* asked = rendered.environments.size() == 1 ? &rendered.environments.front() : nullptr;
  for (const spec::Spec& s : rendered.environments) {
    if (!o.environment.empty() && s.environment == o.environment) asked = &s;
  }
  if (asked == nullptr) {
    std::vector<std::string> names;
    for (const spec::Spec& s : rendered.environments) names.push_back(s.environment);
    if (!o.environment.empty()) {
      fmt::print(stderr, "aip: error: {} has no environment '{}' (it has {}){}\n", o.spec, o.environment,
                 fmt::join(names, ", "), did_you_mean(o.environment, names));
    } else {
      fmt::print(stderr, "aip: error: {} has {} environments ({}): name one with --env\n", o.spec, names.size(),
                 fmt::join(names, ", "));
    }
    return kExitInput;
  }
  iam::AccessQuestion q;
  q.principal = o.principal;
  q.request.action = o.action;
  auto resource = expand_resource(rendered, *asked, o.resource);
  if (!resource) {
    fmt::print(stderr, "aip: error: '{}' names no {} of the spec\n", o.resource, element_kind_of(o.resource));
    return kExitInput;
  }
  q.request.resource = *resource;
  // Requests are assumed to use TLS unless told otherwise: every bucket aip
  // writes denies plain HTTP, which would otherwise hide the real answer.
  q.request.context["aws:SecureTransport"] = {"true"};
  // The request is what the command line says: keys it does not give are
  // absent (as for a real call that sends no such header or tag), unless
  // --conservative asks to treat them as unknown.
  q.request.context_complete = !o.conservative;
  bool ok = split_pairs(o.principal_tags, "--principal-tag", [&](std::string k, std::string v) { q.request.principal_tags[k] = v; }) &&
            split_pairs(o.resource_tags, "--resource-tag", [&](std::string k, std::string v) { q.request.resource_tags[k] = v; }) &&
            split_pairs(o.context, "--context", [&](std::string k, std::string v) { q.request.context[k] = {v}; });
  if (!ok) return kExitInput;
  // The principal is a role of the spec, whose accounts are the organization's.
  if (!asked->iam.organization_id.value.empty() && !q.request.context.contains("aws:PrincipalOrgID")) {
    q.request.context["aws:PrincipalOrgID"] = {asked->iam.organization_id.value};
  }
  std::vector<iam::StackTemplate> templates;
  for (const cfn::Stack& s : rendered.assembly->stacks) {
    // Another environment's stacks answer only for their resources.
    auto owner = asked->environment_of_account.find(s.account_name);
    const bool other = !asked->environment.empty() && owner != asked->environment_of_account.end() &&
                       owner->second != asked->environment;
    templates.push_back({s.id, s.account_id, s.region, &rendered.templates.at(s.id), !other});
  }
  iam::AccessAnswer a = iam::check_access(templates, q);
  if (!a.error.empty()) {
    fmt::print(stderr, "aip: error: {}\n", a.error);
    return kExitInput;
  }
  const iam::Evaluation& e = a.evaluation;
  const bool allowed = e.decision == iam::Decision::Allow;
  fmt::print("{}: {} {} {} on {}\n", allowed ? "ALLOW" : "DENY", a.principal_arn, allowed ? "may" : "may not",
             o.action, q.request.resource);
  if (e.by) {
    fmt::print("  decided by: {} ({})\n", e.by->describe(),
               e.decision == iam::Decision::ExplicitDeny ? "explicit deny" : "allow");
  } else {
    fmt::print("  decided by: no statement allows it (implicit deny)\n");
  }
  if (!e.reason.empty()) fmt::print("  why: {}\n", e.reason);
  if (e.conservative) fmt::print("  note: the deny applied because a condition could not be evaluated; pass --context\n");
  for (const auto& u : e.undecided) fmt::print("  note: {} might allow it with more context\n", u.describe());
  fmt::print("  evaluated: {}\n", fmt::join(a.policies, ", "));
  return allowed ? kExitOk : kExitFindings;
}

}  // namespace

void add_can_command(CLI::App& app, int& exit_code) {
  auto o = std::make_shared<CanOptions>();
  auto* cmd = app.add_subcommand("can", "Would IAM allow a role of the spec an action on a resource? Names the deciding statement");
  cmd->add_option("spec", o->spec, "Platform spec (YAML)")->required();
  cmd->add_option("principal", o->principal, "A role: its IAM name (DataScientistRole), logical id or ARN")->required();
  cmd->add_option("action", o->action, "An IAM action, e.g. s3:GetObject")->required();
  cmd->add_option("resource", o->resource, "An ARN, or an element of the spec by name: " + element_forms())->required();
  cmd->add_option("--env", o->environment, "The environment of the spec to ask about (needed when it has several)");
  cmd->add_option("--principal-tag", o->principal_tags, "KEY=VALUE tag of the calling session (aws:PrincipalTag)");
  cmd->add_option("--resource-tag", o->resource_tags, "KEY=VALUE tag of the resource (aws:ResourceTag)");
  cmd->add_option("--context", o->context, "KEY=VALUE condition key, e.g. aws:SourceVpce=vpce-1a2b");
  cmd->add_flag("--conservative", o->conservative,
                "Treat condition keys not given as unknown (an Allow that needs them does not apply, a Deny does)");
  cmd->footer(
      "Examples:\n"
      "  aip can blueprints/enterprise-ai-platform.yaml DataScientistRole s3:PutObject bucket:silver/features/x.parquet\n"
      "  aip can blueprints/enterprise-ai-platform.yaml AppDeveloperRole s3:GetObject bucket:bronze/raw/x.json\n"
      "  aip can blueprints/enterprise-ai-platform.yaml SemanticSearchFunctionRole bedrock:Retrieve knowledge-base:documents\n\n"
      "The request is exactly what the options describe: it counts as TLS (aws:SecureTransport=true) and, when\n"
      "iam.organization_id is set, as coming from inside that organization (aws:PrincipalOrgID) unless\n"
      "--context says otherwise; other condition keys not given are absent. With --conservative they are unknown\n"
      "instead: an Allow that depends on them does not apply, a Deny does. Guardrails and knowledge bases are\n"
      "named guardrail/NAME and knowledge-base/NAME in their ARN (the real ARN carries an id assigned on deployment).\n"
      "Exit codes: 0 allowed, 1 denied, 2 bad spec, unknown role or bad arguments.");
  cmd->callback([o, &exit_code] { exit_code = run_can(*o); });
}

}  // namespace aip::cli
