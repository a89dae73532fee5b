// The operations key: after every area and raw resource is planned, each stack that has a log
// group without KmsKeyId or a Lambda function with environment variables and
// no KmsKeyArn gets one customer-managed key, OperationsKey (alias
// alias/<stack>/operations), and they get it (lint AIP-ENC-045, AIP-ENC-046).
// What an area or a raw resource gave a key of its own (observability's
// `kms: true`, API stage and firewall logs, a raw KmsKeyId) keeps it.
//
// The key policy names no log group: CloudWatch Logs of the region may use it
// for any log group of the account (ArnLike log-group:*), so a log group's
// KmsKeyId (GetAtt Arn) is its only tie to the key and nothing is circular.
// Services that write to the groups (VPC flow logs, WAF, CloudFront, ECS,
// CodeBuild, Step Functions, Lambda) need no grant: CloudWatch Logs encrypts.
// A function's execution role may decrypt with it through Lambda only.
#include <fmt/format.h>

#include "plan/names.hpp"
#include "plan/plan.hpp"
#include "plan/resource_helpers.hpp"

namespace aip::plan {

namespace operations_key {

using cfn::Json;
namespace fn = cfn::intrinsic;

bool has_key(const Json& properties, const char* name) {
  auto it = properties.find(name);
  return it != properties.end() && !(it->is_string() && it->get<std::string>().empty());
}

bool has_environment(const Json& properties) {
  auto env = properties.find("Environment");
  if (env == properties.end() || !env->is_object()) return false;
  auto vars = env->find("Variables");
  return vars != env->end() && !(vars->is_object() && vars->empty());
}

// The role of the stack a function's Role names as GetAtt <Role>.Arn.
cfn::Resource* function_role(cfn::Stack& stack, const Json& function) {
  auto role = function.find("Role");
  if (role == function.end() || !role->is_object() || !role->contains("Fn::GetAtt")) return nullptr;
  const Json& att = (*role)["Fn::GetAtt"];
  if (!att.is_array() || att.size() != 2 || !att[0].is_string() || att[1] != "Arn") return nullptr;
  cfn::Resource* r = stack.find(att[0].get<std::string>());
  return r != nullptr && r->type == "AWS::IAM::Role" ? r : nullptr;
}

// kms:Decrypt on the key for the role's functions, only as Lambda calls it,
// once per role (functions may share one).
void grant_decrypt(cfn::Resource& role, const Json& key) {
  PolicyStatement decrypt = allow("DecryptEnvironment", "kms:Decrypt", key);
  decrypt.condition("StringEquals", "kms:ViaService", fn::sub("lambda.${AWS::Region}.amazonaws.com"));
  Json& policies = role.properties["Policies"];
  if (!policies.is_array() || policies.empty()) {
    policies = Json::array({{{"PolicyName", "environment-key"}, {"PolicyDocument", policy_doc(Json::array())}}});
  }
  Json& statements = policies[0]["PolicyDocument"]["Statement"];
  for (const Json& s : statements) {
    if (s.value("Sid", "") == "DecryptEnvironment") return;
  }
  statements.push_back(decrypt);
}

void plan_stack(cfn::Stack& stack, const Location& where) {
  const Json key = fn::get_att(kOperationsKeyId, "Arn");
  bool needed = false, logs = false, environments = false;
  for (cfn::Resource& r : stack.resources) {
    const bool group = r.type == "AWS::Logs::LogGroup" && !has_key(r.properties, "KmsKeyId");
    const bool function =
        r.type == "AWS::Lambda::Function" && has_environment(r.properties) && !has_key(r.properties, "KmsKeyArn");
    if (!group && !function) continue;
    needed = true;
    if (group) {
      r.properties["KmsKeyId"] = key;
      logs = true;
    } else {
      r.properties["KmsKeyArn"] = key;
      environments = true;
      if (cfn::Resource* role = function_role(stack, r.properties)) grant_decrypt(*role, key);
    }
  }
  if (!needed) return;

  Json statements = Json::array({account_administers_key()});
  if (logs) statements.push_back(cloudwatch_logs_use_key(stack_arn("logs", "log-group:*"), "ArnLike"));
  cfn::Resource& k = add_resource(
      stack, kOperationsKeyId, "AWS::KMS::Key",
      {{"Description", fmt::format("Encrypts the {} of stack {}",
                                   logs && environments ? "log groups and function environment variables"
                                   : logs               ? "log groups"
                                                        : "function environment variables",
                                   stack.id)},
       {"EnableKeyRotation", true},
       {"PendingWindowInDays", 30},
       {"KeyPolicy", policy_doc(std::move(statements))}},
      where);
  k.deletion_policy = "Retain";  // deleting it would make the logs unreadable
  add_resource(stack, kOperationsKeyAliasId, "AWS::KMS::Alias",
               {{"AliasName", fmt::format("alias/{}/operations", stack.id)}, {"TargetKeyId", fn::ref(kOperationsKeyId)}},
               where);
}

}  // namespace operations_key

void plan_operations_keys(const spec::Spec& spec, cfn::Assembly& assembly) {
  // No one element asked for the key: it comes from the spec's `name:`, so no element's
  // `lint:` suppressions or `overrides:` reach it.
  const Location where = spec.name.location.valid() ? spec.name.location : Location{spec.file, 1, 1};
  for (cfn::Stack& stack : assembly.stacks) operations_key::plan_stack(stack, where);
}

}  // namespace aip::plan
