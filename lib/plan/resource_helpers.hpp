// Small builders the functions, api and vpn areas share: adding a resource
// with its provenance and tags, IAM policy documents and statements.
#pragma once

#include <string>

#include "cfn/intrinsics.hpp"
#include "cfn/model.hpp"
#include "spec/located.hpp"
#include "spec/spec.hpp"

namespace aip::plan {

// Where a planned element goes: its account and region.
struct Env {
  const spec::Account* account = nullptr;
  std::string region;
};

inline cfn::Resource& add_resource(cfn::Stack& stack, std::string id, std::string type, cfn::Json properties,
                                   Location where, const spec::Tags& tags = {}) {
  cfn::Resource r;
  r.logical_id = std::move(id);
  r.type = std::move(type);
  r.properties = std::move(properties);
  r.provenance = where;
  for (const auto& [k, v] : tags) r.tags[k] = v.value;
  return stack.add(std::move(r));
}

inline cfn::Json policy_doc(cfn::Json statements) {
  return {{"Version", "2012-10-17"}, {"Statement", std::move(statements)}};
}

inline cfn::Json allow(const std::string& sid, cfn::Json actions, cfn::Json resources) {
  return {{"Sid", sid}, {"Effect", "Allow"}, {"Action", std::move(actions)}, {"Resource", std::move(resources)}};
}

// Trust for a service principal ("lambda.amazonaws.com").
inline cfn::Json trust_service(const std::string& service) {
  return policy_doc(cfn::Json::array(
      {{{"Effect", "Allow"}, {"Principal", {{"Service", service}}}, {"Action", "sts:AssumeRole"}}}));
}

// The key policy statement that keeps a customer-managed key administrable by
// the account (IAM policies decide who else may use it).
inline cfn::Json account_administers_key() {
  return {{"Sid", "AccountAdministers"},
          {"Effect", "Allow"},
          {"Principal", {{"AWS", cfn::intrinsic::sub("arn:${AWS::Partition}:iam::${AWS::AccountId}:root")}}},
          {"Action", "kms:*"},
          {"Resource", "*"}};
}

// A log group ARN as services that reject the ":*" of GetAtt Arn want it.
inline cfn::Json log_group_arn(const std::string& log_group_id) {
  return cfn::intrinsic::sub("arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:${" +
                             log_group_id + "}");
}

}  // namespace aip::plan
