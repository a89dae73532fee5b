#include "base/did_you_mean.hpp"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

namespace aip {

std::size_t edit_distance(std::string_view a, std::string_view b, bool ignore_case) {
  auto same = [ignore_case](char x, char y) {
    if (!ignore_case) return x == y;
    return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
  };
  // Three rolling rows: the swap looks two back.
  const std::size_t m = b.size();
  std::vector<std::size_t> two(m + 1), one(m + 1), cur(m + 1);
  for (std::size_t j = 0; j <= m; ++j) one[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= m; ++j) {
      cur[j] = std::min({one[j] + 1, cur[j - 1] + 1, one[j - 1] + (same(a[i - 1], b[j - 1]) ? 0 : 1)});
      if (i > 1 && j > 1 && same(a[i - 1], b[j - 2]) && same(a[i - 2], b[j - 1])) {
        cur[j] = std::min(cur[j], two[j - 2] + 1);
      }
    }
    std::swap(two, one);
    std::swap(one, cur);
  }
  return one[m];
}

std::string closest_match(std::string_view word, const std::vector<std::string>& candidates) {
  // Typos are a few edits; a looser bound suggests unrelated names for long words.
  const std::size_t limit = std::clamp<std::size_t>(word.size() / 3, 1, 3);
  const std::string* best = nullptr;
  std::size_t best_distance = limit + 1, best_exact = 0;
  for (const std::string& c : candidates) {
    if (c == word) continue;
    // Lengths that differ by more than the limit cannot be close enough.
    const std::size_t length_gap = c.size() > word.size() ? c.size() - word.size() : word.size() - c.size();
    if (length_gap > limit) continue;
    const std::size_t d = edit_distance(word, c);
    if (d > best_distance) continue;
    const std::size_t exact = edit_distance(word, c, false);
    if (d < best_distance || exact < best_exact) {
      best = &c;
      best_distance = d;
      best_exact = exact;
    }
  }
  return best == nullptr ? std::string() : *best;
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates, Quote quote) {
  std::string best = closest_match(word, candidates);
  if (best.empty()) return {};
  return quote == Quote::single ? fmt::format("; did you mean '{}'?", best) : fmt::format("; did you mean \"{}\"?", best);
}

}  // namespace aip
