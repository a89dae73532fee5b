// The `classification:` area of the spec: data classification levels, lowest
// first (seed 003: public, internal, confidential, restricted). Each level that
// an element uses gets one customer-managed KMS key per account and region
// (plan/classification.cpp); buckets, databases, tables, queues, topics and
// search collections name their level (`classification: LEVEL`) and are
// encrypted with its key. Functions, services and roles of the iam area name
// the level they are cleared for (`clearance: LEVEL`); without one they are
// cleared for the lowest level only. Lint (AIP-CLS-*) reports data that flows
// to a place of a lower level, and roles granted data above their clearance.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "spec/located.hpp"

namespace aip::spec {

struct Classification {
  Location location;                         // where `classification:` was written; invalid when absent
  std::vector<Located<std::string>> levels;  // lowest first

  bool defined() const { return !levels.empty(); }
  // The position of a level (0: lowest), or -1 when it is not one.
  int rank(std::string_view level) const {
    for (std::size_t i = 0; i < levels.size(); ++i) {
      if (levels[i].value == level) return static_cast<int>(i);
    }
    return -1;
  }
  std::vector<std::string> names() const {
    std::vector<std::string> out;
    for (const auto& l : levels) out.push_back(l.value);
    return out;
  }
};

// The tags aip writes: a classified resource and its level's key carry
// kClassificationTag (the level), the key also kClassificationRankTag (its
// position, "0" lowest), a role kClearanceTag (the level it is cleared for).
// Lint reads them, so hand-written templates can use them too.
inline constexpr const char* kClassificationTag = "aip:classification";
inline constexpr const char* kClassificationRankTag = "aip:classification-rank";
inline constexpr const char* kClearanceTag = "aip:clearance";

}  // namespace aip::spec
