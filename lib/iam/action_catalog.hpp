// The IAM action catalog: every service prefix, its actions, their access
// level and the resource types (with ARN formats) they accept, from the AWS
// Service Authorization Reference (data/iam-actions.json, see
// tools/iam-catalog/README.md). Names match case-insensitively, as in IAM.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace aip::iam {

namespace catalog_text {
struct ActionLine;
}

struct CatalogAction {
  std::string service;  // "s3"
  std::string name;     // "GetObject", as the reference spells it
  std::string access;   // "List", "Read", "Write", "Tagging, Write", "Permissions management, Write"
  // Resource types the action can be scoped to; empty when it supports no
  // resource-level permissions (only "Resource": "*" grants it).
  std::vector<std::string> resource_types;
  std::vector<std::string> required_resource_types;  // marked required (*) in the reference
  std::string full_name() const { return service + ":" + name; }
};

class ActionCatalog {
 public:
  // The catalog compiled into aip; each service read from its compact text on first use.
  static const ActionCatalog& embedded();
  // A catalog in the data/iam-actions.json format (tests, other snapshots).
  explicit ActionCatalog(const nlohmann::json& doc);
  ~ActionCatalog();
  ActionCatalog(const ActionCatalog&) = delete;
  ActionCatalog& operator=(const ActionCatalog&) = delete;

  std::string_view source() const { return source_; }  // "<package>@<version> (data of <date>)"
  std::vector<std::string> services() const;           // prefixes, sorted
  bool known_service(std::string_view prefix) const;
  std::string service_name(std::string_view prefix) const;  // "Amazon S3"; "" when unknown

  bool known_action(std::string_view action) const;            // "s3:getobject" -> true
  const CatalogAction* find(std::string_view action) const;    // nullptr when unknown
  // Actions matching an IAM action pattern ("s3:Get*", "*:Describe*", "*"),
  // as "prefix:Name", sorted. Unknown services expand to nothing.
  std::vector<std::string> expand(std::string_view pattern) const;
  // False for actions granted only on "*" and for unknown actions.
  bool supports_resource_level(std::string_view action) const;
  // ARN formats ("arn:${Partition}:s3:::${BucketName}/${ObjectName}") of the
  // resource types the action accepts, in resource-type order.
  std::vector<std::string> resource_arn_formats(std::string_view action) const;
  // The ARN format of one resource type of a service; "" when unknown.
  std::string resource_arn_format(std::string_view prefix, std::string_view resource_type) const;

 private:
  struct Service;
  struct Slot;
  ActionCatalog();
  const Service* service(std::string_view prefix) const;
  // The catalog's line of an action ("s3:getobject"), and its service in *in; nullptr when unknown.
  const catalog_text::ActionLine* action_line(std::string_view action, const Service** in = nullptr) const;

  std::string source_;
  std::vector<std::unique_ptr<Slot>> slots_;  // sorted by prefix
};

}  // namespace aip::iam
