#include "cfn/schema/check_catalog.hpp"

#include <array>

namespace aip::cfn {

namespace check_catalog_table {

using enum CheckSeverity;

// Numbers leave room inside each family for the checks still to come.
constexpr std::array kChecks{
    CheckInfo{"AIP-CFN-E001", "template-shape", error, "template", "AWSTemplateFormatVersion, sections and resources have the shapes CloudFormation accepts"},
    CheckInfo{"AIP-CFN-E002", "unknown-section", error, "template", "every top-level key is a template section"},
    CheckInfo{"AIP-CFN-E003", "parameter-shape", error, "template", "every parameter is an object with a Type"},
    CheckInfo{"AIP-CFN-E004", "no-resources", error, "template", "the template declares at least one resource"},
    CheckInfo{"AIP-CFN-E005", "limit", error, "template", "template limits: resources, parameters, outputs, mappings, dynamic references, sizes"},
    CheckInfo{"AIP-CFN-E006", "logical-id", error, "template", "logical IDs are alphanumeric and at most 255 characters"},
    CheckInfo{"AIP-CFN-E010", "missing-type", error, "resources", "every resource has a Type"},
    CheckInfo{"AIP-CFN-E011", "unknown-resource-type", error, "resources", "the resource type exists in the CloudFormation registry"},
    CheckInfo{"AIP-CFN-E012", "unknown-resource-attribute", error, "resources", "resource attributes are Type, Properties, DependsOn, Condition, policies and Metadata"},
    CheckInfo{"AIP-CFN-E020", "unknown-property", error, "properties", "every property exists in the resource's schema"},
    CheckInfo{"AIP-CFN-E021", "required-property", error, "properties", "required properties are present (ServiceToken for custom resources)"},
    CheckInfo{"AIP-CFN-E022", "type-mismatch", error, "properties", "a value has the type its schema declares"},
    CheckInfo{"AIP-CFN-E023", "invalid-enum", error, "properties", "a value is one of the schema's allowed values"},
    CheckInfo{"AIP-CFN-E024", "null-value", error, "properties", "no null values"},
    CheckInfo{"AIP-CFN-E030", "pattern-mismatch", error, "schema keywords", "a string matches the schema's pattern"},
    CheckInfo{"AIP-CFN-E031", "string-length", error, "schema keywords", "a string's length is within the schema's minLength and maxLength"},
    CheckInfo{"AIP-CFN-E032", "number-range", error, "schema keywords", "a number is within the schema's minimum and maximum"},
    CheckInfo{"AIP-CFN-E033", "list-length", error, "schema keywords", "a list's length is within the schema's minItems and maxItems"},
    CheckInfo{"AIP-CFN-E034", "duplicate-item", error, "schema keywords", "a list the schema marks uniqueItems has no repeated item"},
    CheckInfo{"AIP-CFN-E035", "exactly-one-of", error, "schema keywords", "exactly one of a set of mutually exclusive properties is set"},
    CheckInfo{"AIP-CFN-E036", "at-least-one-of", error, "schema keywords", "at least one of a set of properties is set"},
    CheckInfo{"AIP-CFN-E037", "dependent-required", error, "schema keywords", "a property that needs another has it"},
    CheckInfo{"AIP-CFN-E038", "dependent-excluded", error, "schema keywords", "properties that exclude each other are not set together"},
    CheckInfo{"AIP-CFN-E039", "map-key-pattern", error, "schema keywords", "a map's keys match the pattern the schema gives them"},
    CheckInfo{"AIP-CFN-E040", "unresolved-ref", error, "references", "Ref names a resource, parameter or pseudo parameter"},
    CheckInfo{"AIP-CFN-E041", "ref-in-conditions", error, "references", "Ref inside Conditions names a parameter"},
    CheckInfo{"AIP-CFN-E042", "unresolved-getatt", error, "references", "Fn::GetAtt names a resource"},
    CheckInfo{"AIP-CFN-E043", "invalid-attribute", error, "references", "Fn::GetAtt names an attribute the resource type has"},
    CheckInfo{"AIP-CFN-E044", "unresolved-sub", error, "references", "every ${Name} of Fn::Sub is a resource, parameter, pseudo parameter or Sub variable"},
    CheckInfo{"AIP-CFN-E045", "unresolved-depends-on", error, "references", "DependsOn names a resource"},
    CheckInfo{"AIP-CFN-E046", "unknown-condition", error, "references", "Condition attributes, Fn::If and Condition inside Conditions name a condition in Conditions"},
    CheckInfo{"AIP-CFN-E047", "unknown-mapping", error, "references", "Fn::FindInMap names a mapping in Mappings"},
    CheckInfo{"AIP-CFN-E048", "unknown-function", error, "references", "every Fn:: key is an intrinsic function"},
    CheckInfo{"AIP-CFN-E049", "malformed-intrinsic", error, "references", "intrinsic functions have the arguments CloudFormation accepts"},
    CheckInfo{"AIP-CFN-E050", "dependency-cycle", error, "references", "resources do not depend on each other in a cycle"},
    CheckInfo{"AIP-CFN-E060", "output-shape", error, "outputs", "every output is an object with a string Value, and Export has a Name of 1 to 255 letters, digits, colons and hyphens"},
    CheckInfo{"AIP-CFN-E061", "duplicate-export", error, "outputs", "export names are unique per account and region"},
    CheckInfo{"AIP-CFN-E070", "parameter-type", error, "parameters", "a parameter's Type is one CloudFormation knows"},
    CheckInfo{"AIP-CFN-E071", "parameter-attribute", error, "parameters", "parameter attributes exist and have their shapes (AllowedValues a list, NoEcho a boolean, lengths and values numbers)"},
    CheckInfo{"AIP-CFN-E072", "parameter-default", error, "parameters", "a Default satisfies AllowedValues, AllowedPattern, MinLength/MaxLength and MinValue/MaxValue"},
    CheckInfo{"AIP-CFN-E080", "condition-shape", error, "conditions", "a condition is Fn::Equals (two values), Fn::Not (one condition), Fn::And / Fn::Or (2 to 10) or Condition"},
    CheckInfo{"AIP-CFN-E081", "rule-shape", error, "rules", "every rule is an object with Assertions (each an Assert and an optional AssertDescription) and an optional RuleCondition"},
    CheckInfo{"AIP-CFN-E082", "rule-function", error, "rules", "rule conditions and assertions use the rule functions with the arguments CloudFormation accepts"},
    CheckInfo{"AIP-CFN-E083", "ref-in-rules", error, "rules", "Ref and Fn::ValueOf inside Rules name a parameter"},
    CheckInfo{"AIP-CFN-E084", "mapping-shape", error, "mappings", "a mapping maps top-level keys to objects whose values are strings, numbers, booleans or lists"},
    CheckInfo{"AIP-CFN-E085", "mapping-key", error, "mappings", "Fn::FindInMap's literal top-level and second-level keys exist in the mapping"},
    CheckInfo{"AIP-CFN-E086", "select-index", error, "functions", "Fn::Select's index is a non-negative integer within a literal list"},
    CheckInfo{"AIP-CFN-E087", "needs-language-extensions", error, "functions", "Fn::Length, Fn::ToJsonString and Fn::FindInMap's DefaultValue come with Transform AWS::LanguageExtensions"},
    CheckInfo{"AIP-CFN-E088", "policy-grammar", error, "policies", "IAM policy documents follow the policy grammar: Version, Statement, Effect, Action or NotAction, principals, condition operators; a string document is JSON"},
    CheckInfo{"AIP-CFN-E089", "policy-principal", error, "policies", "identity policies name no Principal and a Resource; trust and resource policies name a Principal; trust policies no Resource"},
    CheckInfo{"AIP-CFN-E090", "subnet-outside-vpc", error, "network", "a subnet's literal CidrBlock is inside its VPC's IPv4 blocks"},
    CheckInfo{"AIP-CFN-E091", "subnet-overlap", error, "network", "subnets of one VPC do not overlap"},
    CheckInfo{"AIP-CFN-E092", "ref-type-mismatch", error, "references", "a Ref returns what the property takes: a string (every resource, most parameters) or a list (List<...> and CommaDelimitedList parameters)"},
    CheckInfo{"AIP-CFN-E093", "getatt-type-mismatch", error, "references", "an Fn::GetAtt returns what the property takes: a string, a list or an object, as the attribute's schema type says"},
    CheckInfo{"AIP-CFN-W001", "unused-parameter", warning, "parameters", "every parameter is used by a Ref or an Fn::Sub"},
    CheckInfo{"AIP-CFN-W002", "unused-condition", warning, "conditions", "every condition is used by a Condition attribute, an Fn::If or another condition"},
    CheckInfo{"AIP-CFN-W003", "sub-needed", warning, "functions", "no ${Name} of a parameter, resource or pseudo parameter in a plain string, where only Fn::Sub replaces it"},
    CheckInfo{"AIP-CFN-W004", "unused-sub-variable", warning, "functions", "every variable of an Fn::Sub variable map is used in its string"},
    CheckInfo{"AIP-CFN-W005", "sub-not-needed", warning, "functions", "an Fn::Sub string has something to substitute"},
};

}  // namespace check_catalog_table

std::span<const CheckInfo> check_catalog() { return check_catalog_table::kChecks; }

const CheckInfo* find_check(std::string_view rule_or_id) {
  for (const CheckInfo& c : check_catalog_table::kChecks) {
    if (c.rule == rule_or_id || c.id == rule_or_id) return &c;
  }
  return nullptr;
}

std::string check_label(std::string_view rule) {
  const CheckInfo* c = find_check(rule);
  return c ? std::string(c->id) + " " + std::string(rule) : std::string(rule);
}

CheckSeverity check_severity(std::string_view rule) {
  const CheckInfo* c = find_check(rule);
  return c ? c->severity : CheckSeverity::error;
}

std::string_view severity_name(CheckSeverity severity) {
  return severity == CheckSeverity::error ? "error" : "warning";
}

}  // namespace aip::cfn
