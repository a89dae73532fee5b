#include "net/overlap.hpp"

#include <algorithm>
#include <tuple>

#include "net/u128.hpp"

namespace aip::net {

namespace {

// A prefix reduced to integers, so the sort compares a few words instead of
// byte arrays. Ordering (family, address, length, index) is Prefix's operator<
// with the input index as tie-break: containers come before what they contain,
// and equal prefixes keep input order whatever the sort algorithm does.
struct Key {
  int family;
  detail::U128 address;
  int length;
  std::size_t index;

  friend bool operator<(const Key& a, const Key& b) {
    return std::tie(a.family, a.address, a.length, a.index) < std::tie(b.family, b.address, b.length, b.index);
  }
  bool same_prefix(const Key& o) const { return family == o.family && address == o.address && length == o.length; }
  int max_length() const { return family == static_cast<int>(Family::v4) ? 32 : 128; }
  bool contains(const Key& o) const {
    return family == o.family && length <= o.length &&
           detail::shr(address ^ o.address, max_length() - length) == detail::U128{};
  }
};

std::vector<Key> sorted_keys(const std::vector<Prefix>& prefixes) {
  std::vector<Key> keys;
  keys.reserve(prefixes.size());
  for (std::size_t i = 0; i < prefixes.size(); ++i) {
    const Prefix& p = prefixes[i];
    keys.push_back({static_cast<int>(p.family()), detail::from_bytes(p.network()), p.length(), i});
  }
  std::sort(keys.begin(), keys.end());
  return keys;
}

// End (exclusive) of the run of keys with the same prefix as keys[begin].
std::size_t equal_run_end(const std::vector<Key>& keys, std::size_t begin) {
  std::size_t end = begin + 1;
  while (end < keys.size() && keys[end].same_prefix(keys[begin])) ++end;
  return end;
}

}  // namespace

// Sweep invariant: `chain` holds a nested chain of prefixes (each contains the
// next) ending at the most recent prefix that can still contain later ones.
// Because CIDR blocks are disjoint or nested and containers sort first, a
// prefix popped here can never contain anything later in the order, and every
// container of the current prefix is still on the chain, the innermost on top.
// Equal prefixes are handled as one run: only the lowest index goes on the
// chain, so "innermost container" ties resolve to the lowest input index.
std::vector<Overlap> find_overlaps(const std::vector<Prefix>& prefixes) {
  const std::vector<Key> keys = sorted_keys(prefixes);
  std::vector<const Key*> chain;
  std::vector<Overlap> out;
  for (std::size_t begin = 0; begin < keys.size();) {
    const std::size_t end = equal_run_end(keys, begin);
    const Key& first = keys[begin];
    while (!chain.empty() && !chain.back()->contains(first)) chain.pop_back();
    if (end - begin > 1) {
      // Duplicates are each other's innermost containers: the first points at
      // the second, the rest at the first.
      out.push_back({keys[begin + 1].index, first.index});
      for (std::size_t k = begin + 1; k < end; ++k) out.push_back({first.index, keys[k].index});
    } else if (!chain.empty()) {
      out.push_back({chain.back()->index, first.index});
    }
    chain.push_back(&first);
    begin = end;
  }
  return out;
}

}  // namespace aip::net
