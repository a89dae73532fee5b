// Suppressions written next to what they suppress: a template resource's
//   Metadata: {aip: {suppress: [{rule: AIP-IAM-001, reason: "why this is fine"}]}}
// A reason is mandatory; a suppression without one (or naming no rule aip
// knows) suppresses nothing and is itself a finding (AIP-LINT-001).
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace aip::lint {

struct Suppression {
  std::size_t index = 0;   // position in the suppress list
  std::string rule;
  std::string reason;
  std::string problem;     // "" when well-formed
  bool from_spec = false;  // from: spec, written by aip synth from a spec's `lint:`
  bool valid() const { return problem.empty(); }
};

// The suppressions of one resource ({"Type":..., "Metadata": ...}), in order.
std::vector<Suppression> suppressions_of(const nlohmann::json& resource);

}  // namespace aip::lint
