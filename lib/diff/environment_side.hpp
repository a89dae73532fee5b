// `aip diff SPEC --env A --env B`: two environments of one spec, compared as two
// versions of one platform (docs/environments.md). What differs between
// environments by construction (the `<platform>-<env>` prefix of stack and
// physical names, the account's name, id and region) is rewritten on the old
// side to the new side's, so the diff shows exactly what the overlays change.
#pragma once

#include <string>

#include "diff/load_side.hpp"

namespace aip::diff {

// Loads environment `environment` of the spec at `path`. Errors as load_side.
struct EnvironmentSide {
  LoadResult loaded;
  std::string name;        // "<platform>-<env>"
  std::string account;     // the account's name in the spec
  std::string account_id;
  std::string region;
};
EnvironmentSide load_environment_side(const std::string& path, const std::string& environment,
                                      const spec::LoadOptions& options = driver::spec_load_options());

// Rewrites `from`'s constructed names to `to`'s, in stack names and every
// string of its templates.
void rebase_environment(EnvironmentSide& from, const EnvironmentSide& to);

}  // namespace aip::diff
