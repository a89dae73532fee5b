// YAML written in a spec (raw resource properties, override values) as the
// JSON CloudFormation gets, typed by the resource schema where it knows the
// property: `Port: 443` stays a number for an integer property and becomes
// "443" for a string one; quoted scalars are always strings. Where the schema
// says nothing (free-form JSON, unknown keys) YAML's core schema decides.
#pragma once

#include <functional>

#include "base/yaml_tree.hpp"
#include "cfn/model.hpp"
#include "cfn/schema/schema_db.hpp"

namespace aip::plan {

// Turns a tagged node (!ref, ...) into its JSON.
using TagResolver = std::function<cfn::Json(const YamlNode&)>;

// A resource's Properties map (`schema` may be nullptr: untyped).
cfn::Json properties_json(const YamlNode& properties, const cfn::ResourceSchema* schema, const TagResolver& resolve);

// The value at a Properties path ("[n]" segments index lists), typed by the
// declaration there.
cfn::Json value_json(const YamlNode& value, const cfn::ResourceSchema* schema, const std::vector<std::string>& path,
                     const TagResolver& resolve);

// The nested type of the properties under `path` (empty: the resource's own
// Properties); nullptr when the path does not lead to an object type.
const cfn::StructSchema* struct_at(const cfn::ResourceSchema& schema, const std::vector<std::string>& path);

}  // namespace aip::plan
