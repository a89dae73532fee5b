// The `identity:` area of the spec.
#pragma once

#include <string>
#include <vector>

#include "spec/located.hpp"

namespace aip::spec {

struct Identity {
  Location location;  // where `identity:` was written; invalid when absent
};

}  // namespace aip::spec
