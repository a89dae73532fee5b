#pragma once
// The catalog of template checks: every finding of validate_template carries
// a short rule name (SchemaFinding::rule); this table gives each a stable id
// (AIP-CFN-Ennn for what CloudFormation or the service rejects, AIP-CFN-Wnnn
// for what is legal but almost certainly wrong), its severity and a summary.
// Ids are never reused or renumbered: `aip validate --list-checks` and
// docs/validate-checks.md list them.
#include <span>
#include <string>
#include <string_view>

namespace aip::cfn {

enum class CheckSeverity { error, warning };

struct CheckInfo {
  std::string_view id;       // "AIP-CFN-E020"
  std::string_view rule;     // "unknown-property", as in SchemaFinding::rule
  CheckSeverity severity;
  std::string_view family;   // "properties", "schema keywords", ...
  std::string_view summary;  // one line
};

// Sorted by id.
std::span<const CheckInfo> check_catalog();

// By rule name or id; nullptr when unknown.
const CheckInfo* find_check(std::string_view rule_or_id);

std::string_view severity_name(CheckSeverity severity);  // "error", "warning"

// What a finding shows in brackets: "AIP-CFN-E020 unknown-property" (the rule
// alone if the catalog does not know it; a test makes sure it knows them all).
std::string check_label(std::string_view rule);

// A finding's severity: the catalog's, error for an unknown rule.
CheckSeverity check_severity(std::string_view rule);

}  // namespace aip::cfn
