#include "plan/policy_builder.hpp"

#include "base/arn.hpp"
#include "cfn/intrinsics.hpp"

namespace aip::plan {

using cfn::Json;
namespace fn = cfn::intrinsic;

PolicyStatement::PolicyStatement(const char* effect, std::string sid) {
  json_ = Json::object();
  if (!sid.empty()) json_["Sid"] = std::move(sid);
  json_["Effect"] = effect;
}

PolicyStatement PolicyStatement::allow(std::string sid) { return PolicyStatement("Allow", std::move(sid)); }
PolicyStatement PolicyStatement::deny(std::string sid) { return PolicyStatement("Deny", std::move(sid)); }

PolicyStatement& PolicyStatement::principal(const std::string& kind, Json who) {
  json_["Principal"][kind] = std::move(who);
  return *this;
}

PolicyStatement& PolicyStatement::anyone() {
  json_["Principal"] = "*";
  return *this;
}

PolicyStatement& PolicyStatement::action(Json actions) {
  json_["Action"] = std::move(actions);
  return *this;
}

PolicyStatement& PolicyStatement::resource(Json resources) {
  json_["Resource"] = std::move(resources);
  return *this;
}

PolicyStatement& PolicyStatement::condition(const std::string& op, const std::string& key, Json value) {
  json_["Condition"][op][key] = std::move(value);
  return *this;
}

PolicyStatement& PolicyStatement::from_this_account() {
  return condition("StringEquals", "aws:SourceAccount", fn::ref("AWS::AccountId"));
}

void to_json(Json& j, const PolicyStatement& s) { j = s.json(); }

Json policy_doc(Json statements) { return {{"Version", kPolicyVersion}, {"Statement", std::move(statements)}}; }

PolicyStatement allow(const std::string& sid, Json actions, Json resources) {
  return std::move(PolicyStatement::allow(sid).action(std::move(actions)).resource(std::move(resources)));
}

PolicyStatement service_assumes_role(const std::string& service) {
  return std::move(PolicyStatement::allow().service(service).action("sts:AssumeRole"));
}

Json trust_service(const std::string& service) { return policy_doc(Json::array({service_assumes_role(service)})); }

PolicyStatement deny_insecure_transport(Json actions, Json resources) {
  return std::move(PolicyStatement::deny("DenyInsecureTransport")
                       .anyone()
                       .action(std::move(actions))
                       .resource(std::move(resources))
                       .condition("Bool", "aws:SecureTransport", "false"));
}

PolicyStatement polly_statement() { return allow("SynthesizeSpeech", "polly:SynthesizeSpeech", "*"); }
PolicyStatement put_metrics_statement(const std::string& metrics_namespace) {
  return allow("PutCustomMetrics", "cloudwatch:PutMetricData", "*")
      .condition("StringEquals", "cloudwatch:namespace", metrics_namespace);
}

Json this_account_root() { return fn::sub(aws::account_root_arn(aws::kThisPartition, aws::kThisAccount)); }

Json account_root(std::string_view account_id) {
  return fn::sub(aws::account_root_arn(aws::kThisPartition, account_id));
}

PolicyStatement account_administers_key(std::string sid) {
  return std::move(PolicyStatement::allow(std::move(sid)).aws(this_account_root()).action("kms:*").resource("*"));
}

PolicyStatement cloudwatch_logs_use_key(Json log_groups, const std::string& op) {
  return std::move(PolicyStatement::allow("CloudWatchLogsEncrypt")
                       .service(fn::sub("logs.${AWS::Region}.amazonaws.com"))
                       .action(Json::array({"kms:Decrypt*", "kms:Describe*", "kms:Encrypt*", "kms:GenerateDataKey*",
                                            "kms:ReEncrypt*"}))
                       .resource("*")
                       .condition(op, "kms:EncryptionContext:aws:logs:arn", std::move(log_groups)));
}

}  // namespace aip::plan
