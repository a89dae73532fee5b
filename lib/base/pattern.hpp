// A small regular-expression matcher for the fixed shapes aip checks (names,
// ids, versions, ARNs). It replaces std::regex, which cost ~9 s of compile time
// in every file that used it and backtracks exponentially on some inputs.
//
// Syntax (a subset of ECMAScript): literals, `.`, `\d \s \w` and escaped
// punctuation, classes `[a-z0-9_-]` and `[^...]` (with `\d \s \w` inside),
// groups `( )`, alternation `|`, quantifiers `? * + {m} {m,} {m,n}`, and the
// anchors `^` and `$`, and a leading `(?i)` for case-insensitive matching
// (Guard rules use it); a `{` that cannot start a count is a literal, as in
// Rust's regex. No captures, no back-references. Matching tracks the
// set of reachable input positions, so it is O(pattern x input) with no
// backtracking, whatever the input.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace aip {

class Pattern {
 public:
  // Throws std::invalid_argument on a malformed pattern: patterns are
  // compile-time constants of aip, so that is a bug, found by any test.
  explicit Pattern(std::string_view pattern);
  ~Pattern();
  Pattern(Pattern&&) noexcept;
  Pattern& operator=(Pattern&&) noexcept;

  // The whole of `text` matches (std::regex_match).
  bool matches(std::string_view text) const;
  // Some part of `text` matches (std::regex_search).
  bool found_in(std::string_view text) const;
  // The leftmost match at or after `from`, the longest there: [begin, end).
  std::optional<std::pair<std::size_t, std::size_t>> find(std::string_view text, std::size_t from = 0) const;

  struct Node;

 private:
  std::unique_ptr<Node> root_;
};

}  // namespace aip
