// The `events:` area of the spec.
#pragma once

#include <string>
#include <vector>

#include "spec/located.hpp"

namespace aip::spec {

struct Events {
  Location location;  // where `events:` was written; invalid when absent
};

}  // namespace aip::spec
