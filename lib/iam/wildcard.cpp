#include "iam/wildcard.hpp"

#include <array>
#include <cctype>
#include <optional>

namespace aip::iam {

namespace {

bool same(char a, char b, Case c) {
  if (c == Case::Sensitive) return a == b;
  return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
}

// "arn:partition:service:region:account:resource" -> its six parts.
std::optional<std::array<std::string_view, 6>> split_arn(std::string_view s) {
  std::array<std::string_view, 6> parts;
  for (std::size_t i = 0; i < 5; ++i) {
    const auto colon = s.find(':');
    if (colon == std::string_view::npos) return std::nullopt;
    parts[i] = s.substr(0, colon);
    s.remove_prefix(colon + 1);
  }
  parts[5] = s;
  if (parts[0] != "arn") return std::nullopt;
  return parts;
}

}  // namespace

// Greedy matching with one backtrack point: the last `*` seen absorbs one
// more character whenever the rest fails. Linear in practice, never exponential.
bool glob_match(std::string_view pattern, std::string_view text, Case c) {
  std::size_t p = 0, t = 0;
  std::size_t star = std::string_view::npos, star_t = 0;
  while (t < text.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      star_t = t;
    } else if (p < pattern.size() && (pattern[p] == '?' || same(pattern[p], text[t], c))) {
      ++p;
      ++t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++star_t;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

bool action_matches(std::string_view pattern, std::string_view action) {
  return glob_match(pattern, action, Case::Insensitive);
}

bool arn_matches(std::string_view pattern, std::string_view arn) {
  const auto pp = split_arn(pattern);
  if (!pp) return glob_match(pattern, arn);
  const auto ap = split_arn(arn);
  if (!ap) return false;
  for (std::size_t i = 0; i < 6; ++i) {
    if (!glob_match((*pp)[i], (*ap)[i])) return false;
  }
  return true;
}

}  // namespace aip::iam
