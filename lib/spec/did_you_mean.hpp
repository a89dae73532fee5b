// "did you mean ...?" suggestions by edit distance.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace aip {

// Edit distance (insert, delete, substitute, swap two neighbours), case-insensitive.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The closest candidate within a distance that scales with the word's length
// (a third of it, at least 1, at most 3); empty when none is close enough.
// Ties go to the earlier candidate, so the answer is stable.
std::string closest_match(std::string_view word, const std::vector<std::string>& candidates);

// "; did you mean 'x'?" or "" — ready to append to a message.
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace aip
