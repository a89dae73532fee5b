#pragma once
// Validation of a CloudFormation template against the embedded resource
// schemas and the template rules CloudFormation enforces at create time:
// types, properties, values, required properties, enums, the registry's value
// keywords, Ref / Fn::GetAtt / Fn::Sub / DependsOn targets, dependency cycles,
// Parameters, Conditions, Outputs and exports, limits.
#include "cfn/schema/schema_db.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace aip::cfn {

struct SchemaFinding {
  // JSON path inside the template, e.g. {"Resources","MainVpc","Properties","CidrBlock"}.
  std::vector<std::string> path;
  std::string message;
  // Short rule id:
  //   template:   template-shape, unknown-section, parameter-shape, no-resources, limit, logical-id
  //   resources:  missing-type, unknown-resource-type, unknown-resource-attribute
  //   properties: unknown-property, required-property, type-mismatch, invalid-enum, null-value
  //   references: unresolved-ref, ref-in-conditions, unresolved-getatt, invalid-attribute,
  //               unresolved-sub, unresolved-depends-on, unknown-condition, unknown-mapping,
  //               unknown-function, malformed-intrinsic, dependency-cycle
  //   keywords:   pattern-mismatch, string-length, number-range, list-length, duplicate-item,
  //               exactly-one-of, at-least-one-of, dependent-required, dependent-excluded
  //   outputs:    output-shape, duplicate-export
  //   parameters: parameter-type, parameter-attribute, parameter-default, unused-parameter (warning)
  //   conditions: condition-shape, unused-condition (warning)
  //   rules:      rule-shape, rule-function, ref-in-rules
  //   mappings:   mapping-shape, mapping-key
  //   functions:  select-index, needs-language-extensions, sub-needed, unused-sub-variable and
  //               sub-not-needed (warnings)
  // check_catalog.hpp gives each its stable id (AIP-CFN-E020) and severity.
  std::string rule;
  // Which stack the finding is about; only set by check_unique_exports, whose
  // findings span several templates.
  std::string stack = {};

  friend bool operator==(const SchemaFinding&, const SchemaFinding&) = default;
};

// "Stack/LogicalId/Properties/Path/To/Value": the leading "Resources" segment
// is dropped; other sections keep their name ("Stack/Outputs/VpcId/Value").
// An empty `stack` falls back to finding.stack.
std::string format_finding_path(std::string_view stack, const SchemaFinding& finding);

// All findings for one template, sorted by path, then message, then rule.
std::vector<SchemaFinding> validate_template(const nlohmann::json& tmpl, const SchemaDb& db);

// The findings of validate_template(tmpl, db) whose path is below
// Resources/<logical_id>, the same ones, found without walking the other
// resources' properties, references and policies (which only ever report on
// their own resource). For a trial of one resource's change (overrides).
std::vector<SchemaFinding> validate_resource(const nlohmann::json& tmpl, const SchemaDb& db,
                                             const std::string& logical_id);

// Export names must be unique per account and region: findings for outputs
// whose Export.Name repeats one exported earlier in `stacks_in_one_env`
// (pairs of stack name and template, in deployment order). Names built with
// Fn::Sub / Fn::Join from literals and ${AWS::StackName} are resolved per
// stack; names depending on parameters or imports cannot be compared and are
// skipped.
std::vector<SchemaFinding> check_unique_exports(
    const std::vector<std::pair<std::string, nlohmann::json>>& stacks_in_one_env);

}  // namespace aip::cfn
