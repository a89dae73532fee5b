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

// Suppressions written for other tools, of their rules that an aip rule maps
// to (spec/foreign_rules.hpp), one per aip rule they cover:
//   Metadata: {cfn_nag: {rules_to_suppress: [{id: W35, reason: "..."}]}}
//   Metadata: {checkov: {skip: [{id: CKV_AWS_18, comment: "..."}]}}
//   Metadata: {cdk_nag: {rules_to_suppress: [{id: AwsSolutions-S1, reason: "..."}]}}
//   Metadata: {cfn-lint: {config: {ignore_checks: [W3037]}}}
// `rule` is the aip rule, `reason` the tool's reason with the tool and id
// ("W35 (cfn_nag): ..."). Entries without a reason (cfn-lint has no field
// for one) get "ignored for cfn-lint (W3037)". Malformed entries and unmapped ids are
// left alone: they are the other tool's to judge. Never judged by AIP-LINT-001/002.
std::vector<Suppression> foreign_suppressions_of(const nlohmann::json& resource);

}  // namespace aip::lint
