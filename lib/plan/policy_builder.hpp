// The one way planners write IAM policies into templates: identity policies
// (a role's Policies), trust policies (AssumeRolePolicyDocument) and resource
// policies (bucket, queue, topic, key, bus, API). Values stay JSON as the
// planner gives them: one action stays a string, a list stays a list, and
// intrinsics ({"Fn::GetAtt": ...}) stay intrinsics, so the template says
// exactly what the planner wrote. Keys come out sorted (nlohmann::json).
//
// lib/plan/iam.cpp builds intent roles on the iam::Policy model instead: it
// canonicalises them (sorted, merged) and measures them against IAM quotas.
#pragma once

#include <string>
#include <string_view>

#include "cfn/model.hpp"

namespace aip::plan {

// The policy language version of every document aip writes.
inline constexpr const char* kPolicyVersion = "2012-10-17";

// One statement, written in the order a reader thinks of it:
//   PolicyStatement::allow("ReadObjects").action("s3:GetObject").resource(objects)
class PolicyStatement {
 public:
  static PolicyStatement allow(std::string sid = "");
  static PolicyStatement deny(std::string sid = "");

  // "Principal": {kind: who}; kinds are AWS, Service, Federated.
  PolicyStatement& principal(const std::string& kind, cfn::Json who);
  PolicyStatement& service(cfn::Json service) { return principal("Service", std::move(service)); }
  PolicyStatement& aws(cfn::Json who) { return principal("AWS", std::move(who)); }
  PolicyStatement& federated(cfn::Json who) { return principal("Federated", std::move(who)); }
  // "Principal": "*" (resource policies that deny everyone but a few).
  PolicyStatement& anyone();
  PolicyStatement& action(cfn::Json actions);
  PolicyStatement& resource(cfn::Json resources);
  // "Condition": {op: {key: value}}; a second key under one operator joins it.
  PolicyStatement& condition(const std::string& op, const std::string& key, cfn::Json value);
  // Confused-deputy guard: only requests on behalf of this account.
  PolicyStatement& from_this_account();

  const cfn::Json& json() const { return json_; }

 private:
  PolicyStatement(const char* effect, std::string sid);
  cfn::Json json_;
};

// Lets a PolicyStatement stand wherever JSON is expected (Json::array({...}), push_back).
void to_json(cfn::Json& j, const PolicyStatement& s);

// {"Version": kPolicyVersion, "Statement": statements}.
cfn::Json policy_doc(cfn::Json statements);

// The usual identity statement: Sid, Allow, actions on resources.
PolicyStatement allow(const std::string& sid, cfn::Json actions, cfn::Json resources);

// A service principal ("lambda.amazonaws.com") may assume the role; no Sid.
PolicyStatement service_assumes_role(const std::string& service);

// The trust policy of a role only `service` assumes.
cfn::Json trust_service(const std::string& service);

// Refuses every request over plain HTTP ("aws:SecureTransport": "false").
PolicyStatement deny_insecure_transport(cfn::Json actions, cfn::Json resources);

// Amazon Polly speech synthesis (services and functions with `polly: true`):
// polly:SynthesizeSpeech on "*", as speech without a lexicon is authorized on
// "*" (the lexicon is the action's only, optional, resource).
PolicyStatement polly_statement();
// Custom metrics in one namespace: PutMetricData has no resource-level
// permissions, so "*" narrowed by the cloudwatch:namespace condition.
PolicyStatement put_metrics_statement(const std::string& metrics_namespace);

// This account's root principal, as Fn::Sub: arn:${AWS::Partition}:iam::${AWS::AccountId}:root.
cfn::Json this_account_root();
// Another account's root principal, as Fn::Sub over the partition only.
cfn::Json account_root(std::string_view account_id);

// The key policy statement that keeps a customer-managed key administrable by
// the account (IAM policies decide who else may use it).
PolicyStatement account_administers_key(std::string sid = "AccountAdministers");

// The key policy statement that lets CloudWatch Logs of the stack's region
// encrypt and decrypt with the key for the log groups `log_groups` names (an
// ARN, a list of them, or a pattern such as log-group:* under `op` ArnLike),
// through the encryption context Logs adds to every call.
PolicyStatement cloudwatch_logs_use_key(cfn::Json log_groups, const std::string& op = "ArnEquals");

}  // namespace aip::plan
