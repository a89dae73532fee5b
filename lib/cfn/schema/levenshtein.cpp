#include "cfn/schema/levenshtein.hpp"

#include <algorithm>
#include <cctype>
#include <tuple>

namespace aip::cfn {

std::size_t levenshtein(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

namespace {
std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}
}  // namespace

std::optional<std::string> closest_match(std::string_view word, const std::vector<std::string>& candidates) {
  const std::string lw = lower(word);
  // Typos are a few edits; a looser bound suggests unrelated names for long ones.
  const std::size_t limit = std::clamp<std::size_t>(word.size() / 3, 1, 3);
  std::optional<std::tuple<std::size_t, std::size_t, std::string>> best;
  for (const auto& c : candidates) {
    if (c == word) continue;
    // Cheap bound: lengths that differ by more than the limit cannot match.
    const std::size_t diff = c.size() > word.size() ? c.size() - word.size() : word.size() - c.size();
    if (diff > limit) continue;
    const std::size_t d = levenshtein(lw, lower(c));
    if (d > limit) continue;
    auto key = std::make_tuple(d, levenshtein(word, c), c);
    if (!best || key < *best) best = std::move(key);
  }
  if (!best) return std::nullopt;
  return std::get<2>(*best);
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
  auto m = closest_match(word, candidates);
  return m ? "; did you mean \"" + *m + "\"?" : std::string();
}

}  // namespace aip::cfn
