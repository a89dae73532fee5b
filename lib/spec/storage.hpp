// The `storage:` area of the spec: S3 buckets (with presets for a medallion lake).
#pragma once

#include <string>
#include <vector>

#include "spec/located.hpp"

namespace aip::spec {

// Other areas refer to buckets by name (compute: task access; identity and iam:
// personas; compute: ALB access logs), so `name` and `location` keep these names.
struct Bucket {
  std::string name;
  Location location;
};

struct Storage {
  Location location;  // where `storage:` was written; invalid when absent
  std::vector<Bucket> buckets;
};

}  // namespace aip::spec
