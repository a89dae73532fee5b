// How other areas (compute, functions) reach the resources of the registries,
// secrets and discovery areas.
#pragma once

#include <string>

#include "cfn/model.hpp"
#include "spec/spec.hpp"

namespace aip::plan {

// The stack of a repository: "<platform>-<account>[-<region>]-registries".
cfn::Stack& repository_stack(const spec::Spec& spec, cfn::Assembly& assembly, const spec::Repository& repo);
// The image `<repository URI>:<tag>` and the repository's ARN, as seen from
// `from`: imported in the repository's own account and region, written out
// from the account's id otherwise (cross-account pulls).
cfn::Json repository_image(const spec::Spec& spec, cfn::Assembly& assembly, cfn::Stack& from,
                           const spec::Repository& repo, const std::string& tag);
cfn::Json repository_arn(const spec::Spec& spec, cfn::Assembly& assembly, cfn::Stack& from,
                         const spec::Repository& repo);

// The stack of a secret ("...-secrets"); a database's secret is that database's
// master secret, in the data stack.
cfn::Stack& secret_stack(const spec::Spec& spec, cfn::Assembly& assembly, const spec::Secret& secret);
// The secret's ARN and the ARN of the key that encrypts it, referenced from `from`.
cfn::Json secret_arn(const spec::Spec& spec, cfn::Assembly& assembly, cfn::Stack& from, const spec::Secret& secret);
cfn::Json secret_key_arn(const spec::Spec& spec, cfn::Assembly& assembly, cfn::Stack& from,
                         const spec::Secret& secret);

// The stack of a namespace ("...-discovery", where its VPC lives).
cfn::Stack& namespace_stack(const spec::Spec& spec, cfn::Assembly& assembly, const spec::Namespace& ns);

}  // namespace aip::plan
