// Overlap detection over many prefixes by sort-and-sweep, O(n log n).
#pragma once

#include <cstddef>
#include <vector>

#include "net/cidr.hpp"

namespace aip::net {

// Two CIDR prefixes either are disjoint or one contains the other, so a sorted
// sweep with a stack of enclosing prefixes finds every overlapping element.
struct Overlap {
  std::size_t outer;  // index into the input of the containing (or equal) prefix
  std::size_t inner;  // index into the input of the contained prefix
};

// For every input prefix that lies inside (or equals) another input prefix,
// reports one pair with its innermost container (the longest one). Prefixes of
// different families never overlap. Ties between equal containers go to the
// lowest input index; so for duplicates, the first copy's outer is the second
// copy and every later copy's outer is the first.
// Output is sorted by the inner prefix (operator< order: family, address,
// length), then by inner index, so it is deterministic for a given input.
std::vector<Overlap> find_overlaps(const std::vector<Prefix>& prefixes);

}  // namespace aip::net
