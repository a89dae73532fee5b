// Lists compared element by element. Ordered lists are aligned on their
// longest common subsequence, so an inserted element is one addition (not a
// change of every later element) and an element that changed place is
// reported as moved. Unordered lists (sets) match equal elements wherever
// they are; keyed lists (Tags by Key, inline policies by PolicyName) match by
// key.
#include <algorithm>
#include <map>

#include "diff/values.hpp"

namespace aip::diff {

namespace {

using Op = ValueChange::Op;

Path with(const Path& path, std::string seg) {
  Path p = path;
  p.push_back(std::move(seg));
  return p;
}

// Keyed comparison; false when an element lacks the key or a key repeats.
bool diff_keyed(const Json& a, const Json& b, const std::string& key, const Path& path, const DiffContext& ctx,
                std::vector<ValueChange>& out) {
  std::map<std::string, const Json*> old_by, new_by;
  const auto index = [&](const Json& list, std::map<std::string, const Json*>& by) {
    for (const auto& e : list) {
      if (!e.is_object() || !e.contains(key)) return false;
      const Json& k = e[key];
      std::string text = k.is_string() ? k.get<std::string>() : render_value(k);
      if (!by.emplace(text, &e).second) return false;
    }
    return true;
  };
  if (!index(a, old_by) || !index(b, new_by)) return false;
  std::map<std::string, std::pair<const Json*, const Json*>> all;
  for (const auto& [k, e] : old_by) all[k].first = e;
  for (const auto& [k, e] : new_by) all[k].second = e;
  for (const auto& [k, pair] : all) {
    diff_values(pair.first ? *pair.first : Json(), pair.second ? *pair.second : Json(),
                with(path, "[" + key + "=" + k + "]"), ctx, out);
  }
  return true;
}

// Pairs the leftover elements of two sides by similarity, best pairs first.
std::vector<std::pair<std::size_t, std::size_t>> pair_by_similarity(const Json& a, const Json& b,
                                                                    const std::vector<std::size_t>& olds,
                                                                    const std::vector<std::size_t>& news) {
  struct Candidate {
    double score;
    std::size_t o, n;
  };
  std::vector<Candidate> candidates;
  for (std::size_t o : olds) {
    for (std::size_t n : news) {
      double s = similarity(a[o], b[n]);
      if (s >= 0.5) candidates.push_back({s, o, n});
    }
  }
  std::stable_sort(candidates.begin(), candidates.end(),
                   [](const Candidate& x, const Candidate& y) { return x.score > y.score; });
  std::vector<std::pair<std::size_t, std::size_t>> pairs;
  std::vector<bool> used_o(a.size()), used_n(b.size());
  for (const auto& c : candidates) {
    if (used_o[c.o] || used_n[c.n]) continue;
    used_o[c.o] = used_n[c.n] = true;
    pairs.emplace_back(c.o, c.n);
  }
  return pairs;
}

void diff_unordered(const Json& a, const Json& b, const Path& path, const DiffContext& ctx,
                    std::vector<ValueChange>& out) {
  std::vector<bool> used_o(a.size()), used_n(b.size());
  for (std::size_t n = 0; n < b.size(); ++n) {
    for (std::size_t o = 0; o < a.size(); ++o) {
      if (!used_o[o] && cfn_equal(a[o], b[n])) {
        used_o[o] = used_n[n] = true;
        break;
      }
    }
  }
  std::vector<std::size_t> olds, news;
  for (std::size_t o = 0; o < a.size(); ++o) {
    if (!used_o[o]) olds.push_back(o);
  }
  for (std::size_t n = 0; n < b.size(); ++n) {
    if (!used_n[n]) news.push_back(n);
  }
  for (const auto& [o, n] : pair_by_similarity(a, b, olds, news)) {
    used_o[o] = used_n[n] = true;
    diff_values(a[o], b[n], with(path, index_segment(n)), ctx, out);
  }
  for (std::size_t o : olds) {
    if (!used_o[o]) out.push_back({Op::Removed, with(path, index_segment(o)), a[o], nullptr, {}, {}});
  }
  for (std::size_t n : news) {
    if (!used_n[n]) out.push_back({Op::Added, with(path, index_segment(n)), nullptr, b[n], {}, {}});
  }
}

void diff_ordered(const Json& a, const Json& b, const Path& path, const DiffContext& ctx,
                  std::vector<ValueChange>& out) {
  const std::size_t n = a.size(), m = b.size();
  // Longest common subsequence of equal elements.
  std::vector<std::vector<std::size_t>> lcs(n + 1, std::vector<std::size_t>(m + 1, 0));
  for (std::size_t i = n; i-- > 0;) {
    for (std::size_t j = m; j-- > 0;) {
      lcs[i][j] = cfn_equal(a[i], b[j]) ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  std::vector<std::pair<std::size_t, std::size_t>> anchors;
  for (std::size_t i = 0, j = 0; i < n && j < m;) {
    if (cfn_equal(a[i], b[j])) {
      anchors.emplace_back(i, j);
      ++i;
      ++j;
    } else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
      ++i;
    } else {
      ++j;
    }
  }
  std::vector<bool> used_o(n), used_n(m);
  for (const auto& [i, j] : anchors) used_o[i] = used_n[j] = true;

  // Equal elements outside the common subsequence changed place.
  for (std::size_t j = 0; j < m; ++j) {
    if (used_n[j]) continue;
    for (std::size_t i = 0; i < n; ++i) {
      if (!used_o[i] && cfn_equal(a[i], b[j])) {
        used_o[i] = used_n[j] = true;
        out.push_back({Op::Moved, with(path, index_segment(j)), a[i], b[j], {},
                       "moved from position " + std::to_string(i) + " to " + std::to_string(j)});
        break;
      }
    }
  }

  // What is left between two anchors was changed in place (paired by
  // position), inserted or deleted.
  anchors.emplace_back(n, m);
  std::size_t prev_i = 0, prev_j = 0;
  for (const auto& [ai, aj] : anchors) {
    std::vector<std::size_t> olds, news;
    for (std::size_t i = prev_i; i < ai; ++i) {
      if (!used_o[i]) olds.push_back(i);
    }
    for (std::size_t j = prev_j; j < aj; ++j) {
      if (!used_n[j]) news.push_back(j);
    }
    const std::size_t paired = std::min(olds.size(), news.size());
    for (std::size_t k = 0; k < paired; ++k) {
      diff_values(a[olds[k]], b[news[k]], with(path, index_segment(news[k])), ctx, out);
    }
    for (std::size_t k = paired; k < olds.size(); ++k) {
      out.push_back({Op::Removed, with(path, index_segment(olds[k])), a[olds[k]], nullptr, {}, {}});
    }
    for (std::size_t k = paired; k < news.size(); ++k) {
      out.push_back({Op::Added, with(path, index_segment(news[k])), nullptr, b[news[k]], {}, {}});
    }
    prev_i = ai + 1;
    prev_j = aj + 1;
  }
}

}  // namespace

void diff_lists(const Json& a, const Json& b, const Path& path, const DiffContext& ctx, std::vector<ValueChange>& out) {
  const ListMode mode = ctx.list_mode(path);
  if (mode.kind == ListMode::Kind::Keyed && diff_keyed(a, b, mode.key, path, ctx, out)) return;
  if (mode.kind == ListMode::Kind::Ordered) {
    diff_ordered(a, b, path, ctx, out);
  } else {
    diff_unordered(a, b, path, ctx, out);
  }
}

}  // namespace aip::diff
