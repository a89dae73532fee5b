// Which CIDR each subnet of a VPC gets: explicit tiers keep theirs, the other
// tiers are carved from what is left, in the order they were written.
#pragma once

#include <string>
#include <vector>

#include "net/cidr.hpp"
#include "spec/spec.hpp"

namespace aip::spec {

struct PlannedSubnet {
  const Tier* tier = nullptr;
  int az = 0;  // 0-based AZ index
  net::Prefix cidr;
};

struct LayoutError {
  Location location;
  std::string message;
};

// Subnets in tier order, then AZ order. Errors (too small a VPC, a CIDR outside
// the VPC, overlaps, a wrong number of explicit CIDRs) go to *errors.
std::vector<PlannedSubnet> layout_subnets(const Vpc& vpc, std::vector<LayoutError>* errors);

}  // namespace aip::spec
