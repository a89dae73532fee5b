// "did you mean" for policy grammar errors. lib/spec has one too, but linking
// it would pull yaml-cpp into every user of policies.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace aip::iam {

// `; did you mean "X"?` for the closest candidate (case-insensitive edit
// distance of at most a third of the word, at least 1), or "".
std::string suggest(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace aip::iam
