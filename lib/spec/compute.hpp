// The `compute:` area of the spec.
#pragma once

#include <string>
#include <vector>

#include "spec/located.hpp"

namespace aip::spec {

struct Compute {
  Location location;  // where `compute:` was written; invalid when absent
};

}  // namespace aip::spec
