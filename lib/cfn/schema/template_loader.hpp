#pragma once
// Loads a CloudFormation template from JSON or YAML text for `aip validate`.
// YAML short-form tags (!Ref, !GetAtt A.B, !Sub, ...) become their long forms,
// and every key / list item gets its 1-based line:column so findings can point
// into the file.
#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "base/input_limits.hpp"
#include "base/yaml_tree.hpp"

namespace aip::cfn {

struct SourceLocation {
  int line = 0;    // 1-based
  int column = 0;  // 1-based, in bytes
  friend bool operator==(const SourceLocation&, const SourceLocation&) = default;
};

struct LoadedTemplate {
  nlohmann::json json;
  // JSON pointer (RFC 6901, e.g. "/Resources/Vpc/Properties/CidrBlock") ->
  // where that key (or list item) starts. Short-form tags add their long-form
  // segments, located at the tag.
  std::map<std::string, SourceLocation> locations;

  // Location of `path`, or of its longest located prefix (a missing property
  // points at its parent object); nullopt when nothing matches.
  std::optional<SourceLocation> locate(const std::vector<std::string>& path) const;
};

class TemplateLoadError : public std::runtime_error {
 public:
  TemplateLoadError(const std::string& message, SourceLocation where);
  SourceLocation where;  // line 0: the whole file (its size)
  std::string detail;    // message without the location
};

// Text starting with '{' is read as JSON, anything else as YAML.
// Throws TemplateLoadError ("line:col: message") on malformed input, duplicate
// keys, unknown "!" tags, invalid UTF-8 and input beyond `limits` (the same
// limits, checks and messages as for specs).
LoadedTemplate load_template(std::string_view text, const InputLimits& limits = {});
LoadedTemplate load_template_file(const std::string& path, const InputLimits& limits = {});

// A YAML value as JSON by the same rules as a YAML template's (YAML 1.2 core
// schema: `True` is a boolean, `0123` a string; a quoted scalar is a string);
// tags are ignored. For JSON written inside a spec (event patterns).
nlohmann::json yaml_to_json(const YamlNode& node);

// RFC 6901 pointer for a path ("~" -> "~0", "/" -> "~1").
std::string json_pointer(const std::vector<std::string>& path);

}  // namespace aip::cfn
