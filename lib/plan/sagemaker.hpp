// What other planners need of the sagemaker area: the permissions a registry
// grants per verb, so plan/iam.cpp can give a role of the iam area the
// identity side of exactly what a registry's resource policy lets it do.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "iam/policy.hpp"
#include "spec/spec.hpp"

namespace aip::plan {

struct RegistryGrant {
  std::string sid;                     // "CentralRegistryApprove"
  std::vector<std::string> actions;
  std::vector<std::string> resources;  // literal ARNs of the group and its versions
  iam::Conditions condition;           // `record`: the approval keys must be absent
};

// Everything the registries of the spec grant to the iam role `role`, as
// identity statements with literal ARNs in `partition`.
std::vector<RegistryGrant> registry_grants(const spec::Spec& spec, const spec::IamRole& role);

}  // namespace aip::plan
