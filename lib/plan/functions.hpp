// How other areas (events, api) reach the functions area's resources.
#pragma once

#include "cfn/model.hpp"
#include "spec/spec.hpp"

namespace aip::plan {

// The stack a function lives in: "<platform>-<account>[-<region>]-functions".
cfn::Stack& function_stack(const spec::Spec& spec, cfn::Assembly& assembly, const spec::Function& fn);
// The function's ARN and its execution role's ARN, referenced from `from`
// (imported when `from` is another stack).
cfn::Json function_arn(const spec::Spec& spec, cfn::Assembly& assembly, cfn::Stack& from, const spec::Function& fn);
cfn::Json function_role_arn(const spec::Spec& spec, cfn::Assembly& assembly, cfn::Stack& from,
                            const spec::Function& fn);

}  // namespace aip::plan
