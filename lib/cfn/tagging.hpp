// Which resource types take tags, and in which shape.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace aip::cfn {

enum class TagStyle { none, list, map };

// The shape of the `Tags` property of a resource type (from the CloudFormation
// resource schemas): a list of {Key, Value}, a map, or no tags at all.
TagStyle tag_style(std::string_view type);

// The Tags property value for `tags` in the given style (keys sorted).
nlohmann::json tags_property(const std::map<std::string, std::string>& tags, TagStyle style);

}  // namespace aip::cfn
