// Facts about SageMaker instance types that both the planner and lint need.
#pragma once

#include <string_view>

namespace aip::aws {

// Instance families with local NVMe storage: SageMaker encrypts it with a
// hardware key and refuses a KmsKeyId on endpoint configs that use them.
inline bool sagemaker_instance_has_local_storage(std::string_view type) {
  static constexpr std::string_view kFamilies[] = {
      "ml.c5d.",  "ml.c6id.", "ml.g4dn.", "ml.g5.",  "ml.g6.",  "ml.g6e.",  "ml.m5d.",   "ml.m6id.", "ml.p3dn.",
      "ml.p4d.",  "ml.p4de.", "ml.p5.",   "ml.r5d.", "ml.r6id.", "ml.trn1.", "ml.trn1n.", "ml.inf2."};
  for (std::string_view f : kFamilies) {
    if (type.substr(0, f.size()) == f) return true;
  }
  return false;
}

}  // namespace aip::aws
