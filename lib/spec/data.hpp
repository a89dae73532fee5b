// The `data:` area of the spec.
#pragma once

#include <string>
#include <vector>

#include "spec/located.hpp"

namespace aip::spec {

struct Data {
  Location location;  // where `data:` was written; invalid when absent
};

}  // namespace aip::spec
