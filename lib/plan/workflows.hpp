// How the events area reaches the workflows area's resources: rules that start
// a workflow, and queue and topic keys that admit a workflow's role.
#pragma once

#include "cfn/model.hpp"
#include "spec/spec.hpp"

namespace aip::plan {

cfn::Stack& workflow_stack(const spec::Spec& spec, cfn::Assembly& assembly, const spec::Workflow& w);
// The state machine's ARN (Ref), and its execution role's ARN, from `from`.
cfn::Json state_machine_arn(const spec::Spec& spec, cfn::Assembly& assembly, cfn::Stack& from,
                            const spec::Workflow& w);
cfn::Json workflow_role_arn(const spec::Spec& spec, cfn::Assembly& assembly, cfn::Stack& from,
                            const spec::Workflow& w);
// The ARN by name (Fn::Sub in the stack's partition, region and account), for policies.
cfn::Json state_machine_arn_by_name(const spec::Spec& spec, const spec::Workflow& w);
// Whether a Task of the workflow sends to the queue / publishes to the topic.
bool workflow_uses(const spec::Workflow& w, spec::AslService service, const std::string& name);

}  // namespace aip::plan
