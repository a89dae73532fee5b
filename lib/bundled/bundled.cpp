#include "bundled/bundled.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "base/yaml_tree.hpp"
#include "bundled/bundled_data.hpp"

namespace aip::bundled {
namespace {

std::string_view file(std::string_view name) {
  for (const data::EmbeddedFile& f : data::files()) {
    if (f.name == name) return f.text;
  }
  return {};
}

// The spec's top-level `description:`; a blueprint that does not parse has
// none (tests keep every blueprint valid).
std::string description_of(std::string_view name, std::string_view text) {
  SourceFile source{std::string(name), std::string(text)};
  Diagnostics diags;
  auto root = parse_yaml(source, diags);
  const YamlNode* d = root ? root->find("description") : nullptr;
  return d != nullptr && d->is_scalar() ? d->scalar : std::string();
}

}  // namespace

const std::vector<Blueprint>& blueprints() {
  static const std::vector<Blueprint> all = [] {
    constexpr std::string_view kDir = "blueprints/", kExt = ".yaml";
    std::vector<Blueprint> out;  // files() is sorted by name, so this is too
    for (const data::EmbeddedFile& f : data::files()) {
      if (f.name.substr(0, kDir.size()) != kDir || f.name.size() <= kDir.size() + kExt.size()) continue;
      std::string_view rest = f.name.substr(kDir.size());
      if (rest.find('/') != std::string_view::npos || rest.substr(rest.size() - kExt.size()) != kExt) continue;
      std::string_view stem = rest.substr(0, rest.size() - kExt.size());
      Blueprint b{std::string(stem), description_of(f.name, f.text), f.text, {}};
      const std::string own_dir = std::string(stem) + "/";
      for (const data::EmbeddedFile& g : data::files()) {
        std::string_view path = g.name.substr(std::min(g.name.size(), kDir.size()));
        if (g.name.substr(0, kDir.size()) == kDir && path.substr(0, own_dir.size()) == own_dir) {
          b.files.push_back(BlueprintFile{std::string(path), g.text});
        }
      }
      out.push_back(std::move(b));
    }
    return out;
  }();
  return all;
}

const Blueprint* find_blueprint(std::string_view name) {
  for (const Blueprint& b : blueprints()) {
    if (b.name == name) return &b;
  }
  return nullptr;
}

std::string_view starter_spec() { return file("templates/starter.yaml"); }
std::string spec_schema(const std::vector<std::string>& rule_ids, const std::vector<std::string>& resource_types) {
  // ordered_json keeps the file's key order: properties stay in reading order.
  auto schema = nlohmann::ordered_json::parse(file("templates/spec.schema.json"));
  schema["definitions"]["suppression"]["properties"]["rule"]["enum"] = rule_ids;
  // The resource types of raw resources, so that editors complete them: from
  // the resource schemas the binary carries, not a second copy in the file.
  if (!resource_types.empty()) schema["definitions"]["raw_resource"]["properties"]["type"]["enum"] = resource_types;
  return schema.dump(2) + "\n";
}

}  // namespace aip::bundled
