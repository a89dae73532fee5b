// AIP-CICD-004: a function whose alias CodeDeploy shifts, invoked by its bare
// ARN (its $LATEST), so traffic shifting and rollback do not reach that caller.
#include <string>
#include <vector>

#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace cicd_alias_bypassed {

struct Shifted {
  const Template* tmpl;
  std::string function;
  std::string alias;
};

bool is_shifted(const std::vector<Shifted>& shifted, const ResourceRef& r) {
  for (const Shifted& s : shifted) {
    if (s.tmpl == r.tmpl && s.function == r.logical_id) return true;
  }
  return false;
}

// The first place under `value` that refers to a shifted function itself.
bool find_bare(const Context& ctx, const Template& t, const std::vector<Shifted>& shifted, const Json& value,
               Path& path) {
  if (value.is_object()) {
    if (value.contains("Ref") || value.contains("Fn::GetAtt") || value.contains("Fn::ImportValue")) {
      if (auto target = ctx.resolve(t, value); target && is_shifted(shifted, *target)) return true;
    }
    for (const auto& [k, v] : value.items()) {
      path.push_back(k);
      if (find_bare(ctx, t, shifted, v, path)) return true;
      path.pop_back();
    }
  } else if (value.is_array()) {
    for (std::size_t i = 0; i < value.size(); ++i) {
      path.push_back(std::to_string(i));
      if (find_bare(ctx, t, shifted, value[i], path)) return true;
      path.pop_back();
    }
  }
  return false;
}

void check(Context& ctx) {
  std::vector<Shifted> shifted;
  for (const ResourceRef& a : ctx.resources("AWS::Lambda::Alias")) {
    if (member_path(*a.json, {"UpdatePolicy", "CodeDeployLambdaAliasUpdate"}) == nullptr) continue;
    const Json* name = member(a.properties(), "FunctionName");
    if (name == nullptr) continue;
    if (auto f = ctx.resolve(*a.tmpl, *name); f && f->type() == "AWS::Lambda::Function") {
      shifted.push_back({f->tmpl, f->logical_id, a.logical_id});
    }
  }
  if (shifted.empty()) return;
  // What invokes a function: these properties, where the alias ARN belongs.
  static const std::vector<std::pair<std::string, std::string>> kInvokers = {
      {"AWS::Lambda::EventSourceMapping", "FunctionName"},  {"AWS::Lambda::Permission", "FunctionName"},
      {"AWS::Events::Rule", "Targets"},                      {"AWS::ApiGateway::Method", "Integration"},
      {"AWS::ApiGateway::Authorizer", "AuthorizerUri"},      {"AWS::SecretsManager::RotationSchedule", "RotationLambdaARN"},
      {"AWS::StepFunctions::StateMachine", "DefinitionSubstitutions"}, {"AWS::SNS::Subscription", "Endpoint"},
      {"AWS::Pipes::Pipe", "Target"}};
  for (const auto& [type, property] : kInvokers) {
    for (const ResourceRef& r : ctx.resources(type)) {
      const Json* value = member(r.properties(), property);
      if (value == nullptr) continue;
      Path path{"Properties", property};
      if (!find_bare(ctx, *r.tmpl, shifted, *value, path)) continue;
      ctx.report(r, path,
                 fmt::format("{} invokes a function by its bare ARN although CodeDeploy shifts its alias: this "
                             "caller always gets $LATEST, so canary, linear shifting and rollback do not reach it",
                             r.display()));
    }
  }
}

}  // namespace cicd_alias_bypassed

const Rule& rule_cicd_alias_bypassed() {
  static const Rule rule{
      {"AIP-CICD-004", "Function with a CodeDeploy-shifted alias invoked by its bare ARN", Severity::warning,
       {"resilience", "soc2"},
       "CodeDeploy shifts a Lambda alias from one version to the next. A caller that names the function itself "
       "(its ARN without the alias) invokes $LATEST: it gets the new code at once, before the canary has proven "
       "it, and keeps it after a rollback. The deployment's safety applies only to the callers of the alias.",
       "Invoke the alias: its Ref (the alias ARN) in integrations, permissions, event targets, event source "
       "mappings and state machines (aip does this for every function with `deployment:`)."},
      &cicd_alias_bypassed::check};
  return rule;
}

}  // namespace aip::lint
