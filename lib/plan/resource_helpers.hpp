// Small builders the planners share: adding a resource with its provenance
// and tags, ARNs of this stack's account and region. Policies are built with
// plan/policy_builder.hpp (included here, as every planner needs both).
#pragma once

#include <string>
#include <string_view>

#include "base/arn.hpp"
#include "cfn/intrinsics.hpp"
#include "cfn/model.hpp"
#include "plan/policy_builder.hpp"
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

// An ARN in this stack's partition, as Fn::Sub; region and account default to
// the stack's ("" for global services: iam has no region, s3 neither).
//   stack_arn("sqs", name) -> {"Fn::Sub": "arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:<name>"}
inline cfn::Json stack_arn(std::string_view service, std::string_view resource,
                           std::string_view region = aws::kThisRegion, std::string_view account = aws::kThisAccount) {
  return cfn::intrinsic::sub(aws::arn(aws::kThisPartition, service, region, account, resource));
}

// A log group ARN as services that reject the ":*" of GetAtt Arn want it.
inline cfn::Json log_group_arn(const std::string& log_group_id) {
  return stack_arn("logs", "log-group:${" + log_group_id + "}");
}

}  // namespace aip::plan
