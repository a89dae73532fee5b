// Shared accounts in a spec with environments (docs/environments.md): an
// account that no environment names holds what every environment shares (a
// central event bus, a model registry, a promotion function). Each
// environment's read renders those elements too, with its own names; here
// they are kept once, as the shared part renders them (spec::load_shared_part),
// and each environment's references to them get the shared names.
#pragma once

#include <vector>

#include "base/diagnostics.hpp"
#include "cfn/model.hpp"
#include "spec/spec.hpp"

namespace aip::driver {

// Keeps only the shared accounts' stacks in `shared`; checks that every
// environment renders exactly those (an overlay may not change a shared
// element: an error at the element otherwise), rewrites each environment's
// references to shared names ("<platform>-<env>-bus" -> "<platform>-bus") and
// removes the shared stacks from the environments' assemblies.
// Removes from each environment's assembly the stacks of other environments'
// accounts: an element that names an environment's account is that
// environment's alone (its own read renders it).
void keep_own_stacks(const std::vector<spec::Spec>& specs, std::vector<cfn::Assembly>& assemblies);

bool share_accounts(const spec::Spec& shared_spec, cfn::Assembly& shared, const std::vector<spec::Spec>& specs,
                    std::vector<cfn::Assembly>& assemblies, Diagnostics& diags);

}  // namespace aip::driver
