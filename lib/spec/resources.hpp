// The way out for what the spec does not model (issue #16):
//   resources:  raw CloudFormation resources of any bundled schema type, whose
//               properties may reference spec elements with !ref, !arn, !attr
//               and !sub (docs/resources.md);
//   overrides:  on every element, patches to the resources it renders,
//               applied after planning.
// lib/spec reads their shape; what needs the resource schemas (types,
// properties, attributes, override paths) is checked by lib/plan
// (plan/resources.cpp, plan/overrides.cpp), which may use lib/cfn.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostics.hpp"
#include "base/yaml_tree.hpp"
#include "spec/env_value.hpp"
#include "spec/located.hpp"

namespace aip::spec {

// `KIND:NAME` (with `.Attribute` for !attr and inside !sub), as written.
struct ElementRef {
  Located<std::string> kind;  // vpc, bucket, resource, ...
  Located<std::string> name;
  std::string attribute;      // !attr, or ${kind:name.Attr} in !sub; empty otherwise
  Location location;          // the tagged node (or the !sub string)
};

struct RawResource {
  std::string name;
  Location location;                 // the name key
  Located<std::string> type;         // AWS::S3::AccessPoint
  Located<std::string> account;      // optional with one account
  Located<std::string> region;       // optional: the account's
  Located<std::string> stack{"resources", {}};  // the layer stack that holds it
  YamlNode properties;               // CloudFormation properties with aip's reference tags
  bool has_properties = false;
  std::vector<ElementRef> depends_on;
  Located<std::string> deletion_policy;        // Delete | Retain | Snapshot | RetainExceptOnCreate
  Located<std::string> update_replace_policy;  // Delete | Retain | Snapshot
};

// The element kinds a reference may name; the plan library knows where each
// kind's main resource lives (plan/resources.cpp keeps both lists in step).
const std::vector<std::string>& element_ref_kinds();

// Parses "kind:name" (attribute: "kind:name.Attr") at `where`; reports a bad
// shape to `diags` and returns false.
bool parse_element_ref(std::string_view text, bool with_attribute, Location where, ElementRef& out,
                       Diagnostics& diags);

// One patch of `overrides:`: `Properties.A.B[0].C: value` (null deletes).
struct OverridePatch {
  Located<std::string> path;          // as written
  std::vector<std::string> segments;  // after "Properties": {"A", "B", "[0]", "C"}; "[n]" marks an index
  YamlNode value;
};

// `overrides:` of one element: the patches of one logical id (empty: the one
// resource the element renders).
struct ElementOverride {
  std::string what;                 // "bucket 'data'"
  Location element;                 // as LintSuppression: the element's span
  Location element_end;
  Located<std::string> logical_id;  // empty value: omitted
  Location at;                      // the `overrides` key, or the logical id key
  std::vector<OverridePatch> patches;

  bool covers(const Location& where) const;
};

// While one is alive, element overrides read on this thread are appended to
// `out` (read_spec holds one), as LintSuppressionCollector does for `lint:`.
class OverrideCollector {
 public:
  explicit OverrideCollector(std::vector<ElementOverride>& out);
  ~OverrideCollector();
  OverrideCollector(const OverrideCollector&) = delete;
  OverrideCollector& operator=(const OverrideCollector&) = delete;

 private:
  std::vector<ElementOverride>* previous_;
};

// Reads `overrides:` of the element `what`, whose map is `element` and which
// starts at `start` (called by Fields for every element, like `lint:`).
void read_element_overrides(const YamlNode& overrides, std::string_view what, Location start,
                            const YamlNode& element, Diagnostics& diags);

struct Spec;
// The top-level `resources:` map.
void read_resources(const YamlNode& node, Spec& spec, Diagnostics& diags);
// Placement, references and cycles of the raw resources (check_resources.cpp).
void check_resources(const Spec& spec, Diagnostics& diags);
// The references in functions' and services' `environment:` (check_resources.cpp).
void check_environment_references(const Spec& spec, Diagnostics& diags);

// The references inside a raw resource's properties (well-formed ones; the
// reader reported the others), in document order.
std::vector<ElementRef> property_references(const YamlNode& properties);

// A value of `environment:` (spec/env_value.hpp): a string, untagged or with
// one of the reference tags; reports anything else at `n` and returns false.
bool read_env_value(const YamlNode& n, std::string_view variable, EnvValue& out, Diagnostics& diags);

// The references of an environment value (well-formed ones), in order.
std::vector<ElementRef> env_value_references(const EnvValue& value);

// The elements of `kind` the spec declares: name and where it is declared.
// Subnets are named "vpc.tier.N" (N the AZ, from 1).
std::vector<std::pair<std::string, Location>> element_names(const Spec& spec, std::string_view kind);

}  // namespace aip::spec
