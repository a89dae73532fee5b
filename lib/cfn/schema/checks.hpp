#pragma once
// Internal: the individual template checks run by validate_template.
#include "cfn/schema/intrinsics.hpp"
#include "cfn/schema/schema_db.hpp"
#include "cfn/schema/validate.hpp"

#include <map>
#include <optional>
#include <string_view>
#include <set>
#include <string>
#include <vector>

namespace aip::cfn::detail {

// A value as schema keywords compare it: a string as written, anything else
// as JSON text; a number, or a string that is exactly one (CloudFormation
// passes numbers as strings), else nullopt. validate_value_limits.cpp.
std::string value_as_text(const nlohmann::json& v);
std::optional<double> number_value(const nlohmann::json& v);

struct Context {
  const nlohmann::json& tmpl;
  const SchemaDb& db;
  std::vector<SchemaFinding>& findings;

  std::set<std::string, std::less<>> resources;   // logical ids
  std::set<std::string, std::less<>> parameters;
  std::set<std::string, std::less<>> conditions;
  std::map<std::string, std::string, std::less<>> resource_types;  // id -> Type (when a string)
  // A macro (SAM, or any Transform but AWS::LanguageExtensions) or an
  // Fn::ForEach loop may add resources and parameters at deploy time, so
  // references to names we cannot see are not reported.
  bool names_may_be_generated = false;
  bool sam = false;  // Transform AWS::Serverless-2016-10-31: allows the Globals section
  bool language_extensions = false;  // Transform AWS::LanguageExtensions: Fn::Length, Fn::ToJsonString, ...
  // When set (validate_resource), the checks that look at one resource at a
  // time look only at this one: what they find in the others is not asked for.
  std::string_view focus;

  Context(const nlohmann::json& t, const SchemaDb& d, std::vector<SchemaFinding>& out);

  void add(JsonPath path, std::string rule, std::string message) const {
    findings.push_back({std::move(path), std::move(message), std::move(rule)});
  }
  bool in_focus(std::string_view id) const { return focus.empty() || id == focus; }
  // The section object (e.g. "Resources") or nullptr when absent / not an object.
  const nlohmann::json* section(const char* name) const;
};

void check_template_shape(const Context& ctx);   // sections, resource attributes, Type
void check_resource_properties(const Context& ctx);  // validate_properties.cpp
void check_references(const Context& ctx);       // Ref, GetAtt, Sub, DependsOn, conditions
void check_dependency_cycles(const Context& ctx);
void check_outputs(const Context& ctx);          // Value, Export, unique export names
void check_parameters(const Context& ctx);       // types, attributes, Default, unused parameters
void check_conditions(const Context& ctx);       // condition functions' arguments, Condition names, unused
void check_limits(const Context& ctx);
void check_rules(const Context& ctx);            // the Rules section: shapes, rule functions, Refs to parameters
void check_mappings(const Context& ctx);         // the Mappings section's shape
void check_sub_needed(const Context& ctx);       // ${Name} in a plain string that only Fn::Sub would replace
void check_policies(const Context& ctx);         // IAM policy documents: grammar, Principal and Resource placement
void check_cidrs(const Context& ctx);            // subnets inside their VPC, not overlapping each other

// The arguments of Fn::FindInMap (map and keys when literal), Fn::GetAZs,
// Fn::Select (index within a literal list), Fn::Split, Fn::Join, Fn::Base64,
// Fn::Cidr, Fn::GetStackOutput, Fn::ToJsonString and Fn::Length (which need
// the AWS::LanguageExtensions transform), and Fn::Sub's variable map.
// validate_functions.cpp; called by check_references for every intrinsic.
void check_function_arguments(const Context& ctx, std::string_view name, const nlohmann::json& args,
                              const JsonPath& path);

// Drops the warnings a `Metadata: {aip: {suppress: [{rule, reason}]}}` of the
// template or of the resource they are about suppresses (validate.cpp).
void apply_check_suppressions(const nlohmann::json& tmpl, std::vector<SchemaFinding>& findings);

// The registry schema's value keywords (validate_value_limits.cpp): pattern,
// lengths and bounds of a scalar; item counts and duplicates of a list; and
// the property-set rules of an object (exactly one of, at least one of,
// dependent and excluded properties).
void check_value_limits(const nlohmann::json& scalar, const ValueLimits& limits, const JsonPath& path,
                        std::vector<SchemaFinding>& out);
void check_list_limits(const nlohmann::json& list, const ValueLimits& limits, const JsonPath& path,
                       std::vector<SchemaFinding>& out);
// The keys of a map against the pattern the registry gives them (PropertySchema::key_pattern).
void check_map_keys(const nlohmann::json& map, const std::string& key_pattern, const JsonPath& path,
                    std::vector<SchemaFinding>& out);
void check_property_set(const nlohmann::json& obj, const StructSchema& s, const JsonPath& path,
                        std::vector<SchemaFinding>& out);

// Whether aip::Pattern matches a schema pattern as ECMAScript does, with
// Unicode property classes (backslash-p) as their ASCII members. Patterns
// using what Pattern lacks (backslash-u escapes, Print/Graph classes,
// lookaround, back-references, non-ASCII) are skipped, not guessed at; a test
// counts them.
bool schema_pattern_supported(std::string_view pattern);

// Export.Name of an output with ${AWS::StackName} replaced by `stack`, or ""
// when it cannot be known before deploy time.
std::string resolve_export_name(const nlohmann::json& name, std::string_view stack);

// "a string", "an object", ... for messages.
std::string describe_value(const nlohmann::json& v);

}  // namespace aip::cfn::detail

namespace aip::cfn {
// Sorts by stack, path (indices numerically), message, rule; drops duplicates.
void sort_findings(std::vector<SchemaFinding>& findings);
}  // namespace aip::cfn
