// Times aip::net::find_overlaps on 100,000 random prefixes.
// Usage: bench_cidr_overlap [count] [runs]
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "net/cidr.hpp"
#include "net/overlap.hpp"

namespace {

using aip::net::Prefix;

Prefix must_parse(const char* text) {
  std::string error;
  auto p = Prefix::parse(text, &error);
  if (!p) {
    fmt::print(stderr, "bench: {}\n", error);
    std::exit(1);
  }
  return *p;
}

// A random sub-prefix of base with length in [min_len, max_len].
Prefix random_inside(std::mt19937_64& rng, const Prefix& base, int min_len, int max_len) {
  int len = min_len + static_cast<int>(rng() % static_cast<unsigned>(max_len - min_len + 1));
  int bits = len - base.length();
  std::uint64_t index = bits >= 64 ? rng() : rng() % (std::uint64_t{1} << bits);
  return base.subnet(len, index);
}

// About 90% IPv4 /8../28 anywhere in the space (short ones nest a lot), 10% IPv6
// /32../64 inside 2000::/3. Fixed seed, so every run times the same input.
std::vector<Prefix> generate(std::size_t count) {
  std::mt19937_64 rng(42);
  const Prefix v4_all = must_parse("0.0.0.0/0");
  const Prefix v6_global = must_parse("2000::/3");
  std::vector<Prefix> out;
  out.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    if (rng() % 10 == 0) {
      out.push_back(random_inside(rng, v6_global, 32, 64));
    } else {
      out.push_back(random_inside(rng, v4_all, 8, 28));
    }
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t count = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 100000;
  int runs = argc > 2 ? std::atoi(argv[2]) : 5;
  if (runs < 1) runs = 1;
  const std::vector<Prefix> prefixes = generate(count);

  std::vector<double> ms;
  std::size_t found = 0;
  for (int r = 0; r < runs; ++r) {
    auto start = std::chrono::steady_clock::now();
    auto overlaps = aip::net::find_overlaps(prefixes);
    auto stop = std::chrono::steady_clock::now();
    found = overlaps.size();
    ms.push_back(std::chrono::duration<double, std::milli>(stop - start).count());
  }
  std::sort(ms.begin(), ms.end());
  fmt::print("find_overlaps: {} prefixes, {} overlaps, median {:.2f} ms over {} runs (min {:.2f}, max {:.2f})\n",
             prefixes.size(), found, ms[ms.size() / 2], runs, ms.front(), ms.back());
  return 0;
}
