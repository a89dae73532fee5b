// The `storage:` area of the spec.
#pragma once

#include <string>
#include <vector>

#include "spec/located.hpp"

namespace aip::spec {

struct Storage {
  Location location;  // where `storage:` was written; invalid when absent
};

}  // namespace aip::spec
