// Fuzz target: CIDR text, one prefix per line. A parsed prefix must print in
// canonical form and parse back to itself; the O(n log n) overlap sweep must
// report exactly the prefixes a pairwise check finds inside another.
#include <cstdint>
#include <cstdlib>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "net/overlap.hpp"

namespace {

void check(bool ok) {
  if (!ok) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  std::vector<aip::net::Prefix> prefixes;
  std::size_t start = 0;
  while (start <= text.size() && prefixes.size() < 256) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    std::string error;
    if (auto p = aip::net::Prefix::parse(text.substr(start, end - start), &error)) {
      const auto again = aip::net::Prefix::parse(p->str(), nullptr);
      check(again && *again == *p);
      check(p->contains(*p) && p->size_log2() == p->max_length() - p->length());
      prefixes.push_back(*p);
    } else {
      check(!error.empty());
    }
    start = end + 1;
  }
  std::set<std::size_t> swept;
  for (const aip::net::Overlap& o : aip::net::find_overlaps(prefixes)) {
    check(o.outer != o.inner && prefixes[o.outer].contains(prefixes[o.inner]));
    swept.insert(o.inner);
  }
  std::set<std::size_t> pairwise;
  for (std::size_t i = 0; i < prefixes.size(); ++i) {
    for (std::size_t j = 0; j < prefixes.size(); ++j) {
      if (i != j && prefixes[j].contains(prefixes[i])) pairwise.insert(i);
    }
  }
  check(swept == pairwise);
  return 0;
}
