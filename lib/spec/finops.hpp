// The `finops:` area of the spec.
#pragma once

#include <string>
#include <vector>

#include "spec/located.hpp"

namespace aip::spec {

struct Finops {
  Location location;  // where `finops:` was written; invalid when absent
};

}  // namespace aip::spec
