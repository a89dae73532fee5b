// The `data:` area of the spec: Aurora clusters with RDS Proxy.
#pragma once

#include <string>
#include <vector>

#include "spec/located.hpp"

namespace aip::spec {

// Other areas refer to databases by name (compute: `database: NAME`;
// observability: alarms), so `name`, `location` and `vpc` keep these names.
struct Database {
  std::string name;
  Location location;
  Located<std::string> vpc;
};

struct Data {
  Location location;  // where `data:` was written; invalid when absent
  std::vector<Database> databases;
};

}  // namespace aip::spec
