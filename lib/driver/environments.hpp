// What no single environment's checks can see: two environments of one spec
// writing the same stack or the same physical name (docs/environments.md).
#pragma once

#include <vector>

#include "base/diagnostics.hpp"
#include "cfn/model.hpp"
#include "spec/spec.hpp"

namespace aip::driver {

// `specs[i]` planned into `assemblies[i]`. Reports each clash at the later
// environment's element, with a note at the earlier one; false when it did.
bool check_environments(const std::vector<spec::Spec>& specs, const std::vector<cfn::Assembly>& assemblies,
                        Diagnostics& diags);

}  // namespace aip::driver
