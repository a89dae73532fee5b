// The `observability:` area of the spec.
#pragma once

#include <string>
#include <vector>

#include "spec/located.hpp"

namespace aip::spec {

struct Observability {
  Location location;  // where `observability:` was written; invalid when absent
};

}  // namespace aip::spec
