// Capturing groups of a Pattern (base/pattern.hpp), for what needs them
// (Guard's regex_replace with $1): the same syntax, matched by backtracking.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

namespace aip {

using PatternSpan = std::pair<std::size_t, std::size_t>;  // [begin, end) in the text

// The leftmost match of `pattern` at or after `from` as Rust's regex and Perl
// choose it (alternatives in order, quantifiers greedy), with the span of
// every capturing group: [0] the whole match, [k] the k-th `(` (not `(?:`),
// {npos, npos} when that group took no part. nullopt when nothing matches,
// or when finding the groups took more than `budget` steps (a pathological
// pattern) or the text is over 20,000 characters: callers then fall back to
// Pattern::find(). Throws std::invalid_argument on a malformed pattern, as
// Pattern does.
std::optional<std::vector<PatternSpan>> pattern_captures(std::string_view pattern, std::string_view text,
                                                         std::size_t from = 0, std::size_t budget = 1000000);

}  // namespace aip
