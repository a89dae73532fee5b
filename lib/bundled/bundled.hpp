// Files built into aip: the blueprints (blueprints/*.yaml), the starter spec
// `aip init` writes (templates/starter.yaml) and the JSON Schema of the spec
// format `aip schema` prints (templates/spec.schema.json).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace aip::bundled {

// A file a blueprint reads next to it (a workflow definition), at its path
// relative to the blueprint: "enterprise-ai-platform/batch-inference.asl.yaml".
struct BlueprintFile {
  std::string path;
  std::string_view text;
};

struct Blueprint {
  std::string name;         // file name without .yaml, e.g. "lang-portal"
  std::string description;  // the spec's `description:`; "" when it has none
  std::string_view text;    // the whole file
  std::vector<BlueprintFile> files;  // blueprints/NAME/*, sorted by path
};

// Every bundled blueprint, sorted by name.
const std::vector<Blueprint>& blueprints();
const Blueprint* find_blueprint(std::string_view name);

std::string_view starter_spec();
// templates/spec.schema.json with `rule_ids` as the values a suppression's
// `rule` may take, so editors complete them (the rule registry is lib/lint's,
// which this library does not depend on), and `resource_types` (the bundled
// CloudFormation schemas', lib/cfn's) as the types a raw resource may take.
std::string spec_schema(const std::vector<std::string>& rule_ids, const std::vector<std::string>& resource_types = {});

}  // namespace aip::bundled
