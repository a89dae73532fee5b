#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "net/overlap.hpp"
#include "net_test_util.hpp"

using aip::net::find_overlaps;
using aip::net::Overlap;
using aip::net::Prefix;
using aip::net::test::P;
using Pairs = std::vector<std::pair<std::size_t, std::size_t>>;  // (outer, inner)

namespace {

std::vector<Prefix> prefixes(const std::vector<const char*>& texts) {
  std::vector<Prefix> out;
  for (const char* t : texts) out.push_back(P(t));
  return out;
}

Pairs as_pairs(const std::vector<Overlap>& overlaps) {
  Pairs out;
  for (const auto& o : overlaps) out.emplace_back(o.outer, o.inner);
  return out;
}

Pairs overlaps_of(const std::vector<const char*>& texts) { return as_pairs(find_overlaps(prefixes(texts))); }

// O(n^2) reference: for each prefix contained in some other input prefix, its
// innermost (longest) container, ties to the lowest index. Sorted by inner index.
Pairs brute_force(const std::vector<Prefix>& ps) {
  Pairs out;
  for (std::size_t j = 0; j < ps.size(); ++j) {
    std::size_t best = ps.size();
    for (std::size_t i = 0; i < ps.size(); ++i) {
      if (i == j || !ps[i].contains(ps[j])) continue;
      if (best == ps.size() || ps[i].length() > ps[best].length()) best = i;
    }
    if (best != ps.size()) out.emplace_back(best, j);
  }
  return out;
}

// Random prefix of length in [min_len, max_len] inside base.
Prefix random_inside(std::mt19937_64& rng, const Prefix& base, int min_len, int max_len) {
  int len = min_len + static_cast<int>(rng() % static_cast<unsigned>(max_len - min_len + 1));
  int bits = len - base.length();
  std::uint64_t index = bits >= 64 ? rng() : rng() % (std::uint64_t{1} << bits);
  return base.subnet(len, index);
}

}  // namespace

TEST_CASE("overlaps: nested prefixes report their innermost container", "[net][overlap]") {
  // Input deliberately unsorted; indices refer to input positions.
  CHECK(overlaps_of({"10.1.2.0/24", "192.168.0.0/16", "10.0.0.0/8", "10.1.0.0/16"}) == Pairs{{2, 3}, {3, 0}});
  // After a deep nest, a sibling goes back to the outer container.
  CHECK(overlaps_of({"10.0.0.0/8", "10.0.0.0/16", "10.0.0.0/24", "10.1.0.0/16", "10.1.0.128/25"}) ==
        Pairs{{0, 1}, {1, 2}, {0, 3}, {3, 4}});
}

TEST_CASE("overlaps: equal prefixes contain each other", "[net][overlap]") {
  CHECK(overlaps_of({"10.0.0.0/16", "10.0.0.0/16"}) == Pairs{{1, 0}, {0, 1}});
  // Three copies plus one inside: ties go to the lowest index.
  CHECK(overlaps_of({"10.0.1.0/24", "10.0.0.0/16", "10.0.0.0/16", "10.0.0.0/16"}) ==
        Pairs{{2, 1}, {1, 2}, {1, 3}, {1, 0}});
  CHECK(overlaps_of({"2001:db8::/64", "2001:db8::/64"}) == Pairs{{1, 0}, {0, 1}});
}

TEST_CASE("overlaps: disjoint and trivial inputs report nothing", "[net][overlap]") {
  CHECK(overlaps_of({}).empty());
  CHECK(overlaps_of({"10.0.0.0/8"}).empty());
  CHECK(overlaps_of({"10.0.0.0/24", "10.0.1.0/24", "10.0.2.0/23", "192.168.0.0/16", "2001:db8::/32"}).empty());
}

TEST_CASE("overlaps: families never mix", "[net][overlap]") {
  // ::a00:0/104 has the same low 32 bits as 10.0.0.0/8 but is IPv6.
  CHECK(overlaps_of({"0.0.0.0/0", "::/0", "10.0.0.0/8", "2001:db8::/32", "::a00:0/104"}) ==
        Pairs{{0, 2}, {1, 4}, {1, 3}});
  CHECK(overlaps_of({"10.0.0.0/8", "::a00:0/104"}).empty());
}

TEST_CASE("overlaps: output is ordered by inner prefix, then inner index", "[net][overlap]") {
  auto ps = prefixes({"10.0.3.0/24", "10.0.0.0/16", "10.0.1.0/24", "10.0.0.0/24", "10.0.0.0/24"});
  auto got = find_overlaps(ps);
  REQUIRE(got.size() == 4);
  for (std::size_t k = 1; k < got.size(); ++k) {
    const Prefix& a = ps[got[k - 1].inner];
    const Prefix& b = ps[got[k].inner];
    CHECK((a < b || (a == b && got[k - 1].inner < got[k].inner)));
  }
}

TEST_CASE("overlaps: sweep agrees with brute force on random prefixes", "[net][overlap]") {
  std::mt19937_64 rng(0x5eed);
  // Narrow bases and short length ranges make nesting and duplicates common.
  const Prefix v4_base = P("10.0.0.0/8");
  const Prefix v6_base = P("2001:db8::/32");
  for (int round = 0; round < 5; ++round) {
    std::vector<Prefix> ps;
    for (int i = 0; i < 300; ++i) {
      if (rng() % 5 == 0) {
        ps.push_back(random_inside(rng, v6_base, 33, 42));
      } else {
        ps.push_back(random_inside(rng, v4_base, 9, 18));
      }
    }
    ps.push_back(ps[7]);  // guaranteed duplicates
    ps.push_back(ps[7]);

    Pairs got = as_pairs(find_overlaps(ps));
    Pairs want = brute_force(ps);
    REQUIRE(want.size() > 50);  // the input really exercises nesting
    // Same inner set and same innermost container per inner.
    std::sort(got.begin(), got.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
    CHECK(got == want);
  }
}
