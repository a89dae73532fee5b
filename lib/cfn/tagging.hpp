// Which resource types take tags, and in which shape.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace aip::cfn {

enum class TagStyle { none, list, map };

// Where a resource type takes its tags (from the CloudFormation resource
// schemas): the property, usually `Tags` (Route 53 zones: `HostedZoneTags`,
// Cognito: `UserPoolTags`, Backup: `BackupVaultTags`, ...), and its shape, a
// list of {Key, Value} or a map; style none for a type without tags.
struct TagPlacement {
  std::string property;
  TagStyle style = TagStyle::none;
};
TagPlacement tag_placement(std::string_view type);

// The Tags property value for `tags` in the given style (keys sorted).
nlohmann::json tags_property(const std::map<std::string, std::string>& tags, TagStyle style);

}  // namespace aip::cfn
