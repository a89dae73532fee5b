// Internal helpers of lib/diff: value equality as CloudFormation sees it,
// readable rendering of values with intrinsics, paths, and the element-wise
// diff of property values (objects here, lists in list_diff.cpp).
#pragma once

#include <map>

#include <string>
#include <vector>

#include "diff/diff.hpp"

namespace aip::diff {

using Path = std::vector<std::string>;

// Equality as CloudFormation (and cdk diff) treat template values: 10 == "10",
// true == "true", GetAtt "A.B" == ["A","B"], DependsOn order and string vs
// one-element list do not matter.
bool cfn_equal(const Json& a, const Json& b);

// A resource's Type, or "" when the resource is not an object or its Type is
// not a string: templates are diffed before (or without) validation.
std::string resource_type(const Json& resource);

// `!Ref X`, `!GetAtt X.Y`, `!Sub "..."`, `!ImportValue ...`, `!Join [...]`;
// strings quoted, objects and lists inline.
std::string render_value(const Json& v);
// A string as it is, anything else as render_value shows it.
std::string text(const Json& v);

// Properties.Tags[Key=Name].Value -> "Tags[Key=Name].Value" (the leading
// "Properties" is dropped); list indices are stored as "[3]".
std::string path_text(const Path& path);
inline std::string index_segment(std::size_t i) { return "[" + std::to_string(i) + "]"; }
bool is_index_segment(const std::string& s);

// 0..1: how alike two values are (leaf by leaf; strings by edit distance).
double similarity(const Json& a, const Json& b);

// A value's leaves by path, flattened once for many similarity() calls.
using Leaves = std::map<std::string, Json>;
Leaves leaves_of(const Json& v);
// similarity() of two flattened values; a negative number as soon as the
// score cannot reach `at_least` (the same score as similarity() otherwise).
double similarity(const Leaves& a, const Leaves& b, double at_least);

// How a list at a path is compared. The schemas carry no insertionOrder, so
// lists are ordered unless aip knows better (docs/diff.md lists the cases).
struct ListMode {
  enum class Kind { Ordered, Unordered, Keyed };
  Kind kind = Kind::Ordered;
  std::string key;  // for Keyed: the element field that identifies an element
};

// What the value diff needs to know about the resource being compared.
struct DiffContext {
  std::string resource_type;
  std::vector<Path> documents;  // IAM policy documents in this resource (paths from "Properties")
  ListMode list_mode(const Path& path) const;  // path includes "Properties"
};

// Appends the changes between two values at `path` (either may be null:
// absent). Objects are compared key by key, lists element by element.
void diff_values(const Json& old_v, const Json& new_v, const Path& path, const DiffContext& ctx,
                 std::vector<ValueChange>& out);
void diff_lists(const Json& old_v, const Json& new_v, const Path& path, const DiffContext& ctx,
                std::vector<ValueChange>& out);

// Templates made comparable: Fn::GetAtt short form to list, DependsOn to a
// sorted list, IAM policy documents in canonical form. In place (a diff of two
// sides it owns), or as a copy.
void normalize_template_in_place(Json& tmpl);
Json normalize_template(const Json& tmpl);

// The IAM policy documents of a resource, found through iam/documents.hpp's
// table, with lib/diff's labels and paths.
struct PolicyDocumentRef {
  std::string label;  // "PolicyDocument", "Policies[PolicyName=x]", "Statement"
  Path path;          // under Properties, list indices as "[i]"
  bool trust = false; // a role's AssumeRolePolicyDocument
  bool single_statement = false;     // AWS::Events::EventBusPolicy: the value is one statement
  const Json* document = nullptr;    // into the properties passed in
};
std::vector<PolicyDocumentRef> policy_documents(const std::string& type, const Json& properties);

// The logical id a value refers to: {"Ref": X} or {"Fn::GetAtt": [X, ...]}; "" otherwise.
std::string referenced_id(const Json& v);

// Stateful resource types (data lives in them) and the ones whose
// DeletionPolicy / UpdateReplacePolicy may be Snapshot.
bool is_stateful(const std::string& type);
bool supports_snapshot(const std::string& type);

}  // namespace aip::diff
