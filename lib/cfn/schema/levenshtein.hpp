#pragma once
// Edit distance and "did you mean" suggestions for unknown names.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace aip::cfn {

// Classic Levenshtein distance (insert/delete/substitute cost 1), byte-wise.
std::size_t levenshtein(std::string_view a, std::string_view b);

// The candidate closest to `word`, compared case-insensitively (so "Vpc"
// finds "VPC"), if it is close enough to be a plausible typo: distance at most
// len/3, clamped to 1..3. Ties go to the exact-case distance, then the smaller string.
std::optional<std::string> closest_match(std::string_view word, const std::vector<std::string>& candidates);

// "; did you mean \"X\"?" or "" when there is no plausible candidate.
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace aip::cfn
