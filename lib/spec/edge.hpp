// The `edge:` area of the spec.
#pragma once

#include <string>
#include <vector>

#include "spec/located.hpp"

namespace aip::spec {

struct Edge {
  Location location;  // where `edge:` was written; invalid when absent
};

}  // namespace aip::spec
