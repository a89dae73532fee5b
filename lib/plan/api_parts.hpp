// The pieces of one REST API that api.cpp (API, resources, methods,
// authorizers, deployment) and api_stage.cpp (stage, logging, usage plans)
// share.
#pragma once

#include <string>

#include "cfn/model.hpp"
#include "spec/spec.hpp"

namespace aip::plan {

struct ApiPlan {
  const spec::Spec& spec;
  cfn::Assembly& assembly;
  const spec::RestApi& api;
  cfn::Stack& stack;
  std::string id;    // "<Name>Api", the AWS::ApiGateway::RestApi
  std::string name;  // "<platform>-<name>"
};

// The stage (with its log groups, their key and the account's CloudWatch
// role) serving `deployment`, then the usage plans and API keys on it.
void plan_api_stage(ApiPlan& p, const std::string& deployment);
void plan_usage_plans(ApiPlan& p);

// "/v1/{id}" -> "V1Id", "/" -> "Root": the part of logical ids that names a path.
std::string path_id(const std::string& path);
// A route's path as the stage's MethodSettings address it: "/~1v1~1invoke".
std::string method_settings_path(const std::string& path);

}  // namespace aip::plan
