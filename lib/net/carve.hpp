// Carving subnets out of a VPC range.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "net/cidr.hpp"

namespace aip::net {

// Allocates one block per requested prefix length, in request order, each at the
// lowest address at or after the previous block that is aligned to its size.
// Sequential order keeps results predictable: tiers {public, private, isolated}
// of /24 over 3 AZs from 10.0.0.0/16 give 10.0.0-2, 10.0.3-5, 10.0.6-8.
// Blocks listed in `taken` (explicit CIDRs elsewhere in the VPC) are skipped over.
// Taken blocks of the other family are an error; those outside parent are ignored.
// On failure returns nullopt and sets *error (if non-null), e.g.
//   "10.0.0.0/24 is too small: 9 subnets need 2304 addresses (/24 x 9), it has 256"
//   "a /8 subnet cannot fit in 10.0.0.0/16"
//   "10.0.0.0/23 has no room for subnet 3 of 3 (/25) after alignment gaps (...)"
std::optional<std::vector<Prefix>> carve(const Prefix& parent, const std::vector<int>& lengths,
                                         std::string* error,
                                         const std::vector<Prefix>& taken = {});

}  // namespace aip::net
