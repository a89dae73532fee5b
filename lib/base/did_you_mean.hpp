// "did you mean ...?" suggestions by edit distance: the one implementation
// every reader, the template validator, the policy parser and the CLI use.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace aip {

// Optimal string alignment distance: insert, delete, substitute, or swap two
// neighbours, each one edit ("mian" is one edit from "main").
std::size_t edit_distance(std::string_view a, std::string_view b, bool ignore_case = true);

// The closest candidate within a distance that scales with the word's length
// (a third of it, at least 1, at most 3), compared case-insensitively (so
// "Vpc" finds "VPC"); empty when none is close enough. Ties go to the smaller
// exact-case distance, then to the earlier candidate, so the answer is stable.
std::string closest_match(std::string_view word, const std::vector<std::string>& candidates);

// How a suggestion quotes the name: specs say 'x' (YAML style), templates,
// policies and rule ids "X" (JSON style).
enum class Quote { single, double_ };

// "; did you mean 'x'?" or "" — ready to append to a message.
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates,
                         Quote quote = Quote::single);

}  // namespace aip
