// YAML templates: read through the spec's YAML tree (so the same limits,
// duplicate-key and UTF-8 checks apply), then short-form tags (!Ref, !GetAtt
// A.B, !Sub ...) become their long forms and plain scalars get YAML 1.2 types.
#include "cfn/schema/template_loader_impl.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>

#include "base/yaml_tree.hpp"

namespace aip::cfn::detail {

namespace {

SourceLocation location_of(const Location& l) { return {l.line, l.column}; }

bool is_plain_integer(const std::string& s) {
  std::size_t i = (s[0] == '-' || s[0] == '+') ? 1 : 0;
  if (i >= s.size()) return false;
  if (s[i] == '0' && s.size() > i + 1) return false;  // "0123" stays a string (account IDs, codes)
  return std::all_of(s.begin() + static_cast<std::ptrdiff_t>(i), s.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; });
}

bool is_plain_float(const std::string& s) {
  if (s.find_first_of(".eE") == std::string::npos) return false;
  std::size_t i = (s[0] == '-' || s[0] == '+') ? 1 : 0;
  bool digits = false, dot = false, exp = false;
  for (; i < s.size(); ++i) {
    const char c = s[i];
    if (std::isdigit(static_cast<unsigned char>(c))) {
      digits = true;
    } else if (c == '.' && !dot && !exp) {
      dot = true;
    } else if ((c == 'e' || c == 'E') && digits && !exp) {
      exp = true;
      digits = false;
      if (i + 1 < s.size() && (s[i + 1] == '-' || s[i + 1] == '+')) ++i;
    } else {
      return false;
    }
  }
  return digits;
}

}  // namespace

// YAML 1.2 core schema for untagged plain scalars (what cfn-lint and the
// CloudFormation parser agree on for templates); dates stay strings.
nlohmann::json plain_scalar(const std::string& s) {
  if (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL") return nullptr;
  if (s == "true" || s == "True" || s == "TRUE") return true;
  if (s == "false" || s == "False" || s == "FALSE") return false;
  if (is_plain_integer(s)) {
    errno = 0;
    char* end = nullptr;
    const long long v = std::strtoll(s.c_str(), &end, 10);
    if (errno == 0 && end == s.c_str() + s.size()) return v;
    return s;  // out of range: keep the digits
  }
  if (is_plain_float(s)) {
    const double v = std::strtod(s.c_str(), nullptr);
    if (std::isfinite(v)) return v;
    return s;  // out of range (1e999): keep the text, as for integers
  }
  return s;
}

namespace {

const std::map<std::string, std::string, std::less<>>& short_forms() {
  static const std::map<std::string, std::string, std::less<>> m = {
      {"!And", "Fn::And"},         {"!Base64", "Fn::Base64"},   {"!Cidr", "Fn::Cidr"},
      {"!Condition", "Condition"}, {"!Equals", "Fn::Equals"},   {"!FindInMap", "Fn::FindInMap"},
      {"!GetAZs", "Fn::GetAZs"},   {"!GetAtt", "Fn::GetAtt"},   {"!If", "Fn::If"},
      {"!ImportValue", "Fn::ImportValue"}, {"!Join", "Fn::Join"}, {"!Length", "Fn::Length"},
      {"!Not", "Fn::Not"},         {"!Or", "Fn::Or"},           {"!Ref", "Ref"},
      {"!Select", "Fn::Select"},   {"!Split", "Fn::Split"},     {"!Sub", "Fn::Sub"},
      {"!ToJsonString", "Fn::ToJsonString"}, {"!Transform", "Fn::Transform"},
      {"!GetStackOutput", "Fn::GetStackOutput"},
      // Rule functions (the Rules section only):
      {"!Contains", "Fn::Contains"},       {"!EachMemberEquals", "Fn::EachMemberEquals"},
      {"!EachMemberIn", "Fn::EachMemberIn"}, {"!RefAll", "Fn::RefAll"},
      {"!ValueOf", "Fn::ValueOf"},         {"!ValueOfAll", "Fn::ValueOfAll"},
  };
  return m;
}

class YamlConverter {
 public:
  explicit YamlConverter(Locations& out) : out_(out) {}

  nlohmann::json convert(const YamlNode& node, Path& path) {
    const std::string& tag = node.tag;
    if (!tag.empty() && tag[0] == '!') {
      auto it = short_forms().find(tag);
      if (it == short_forms().end()) throw TemplateLoadError("unknown tag " + tag, location_of(node.location));
      return convert_short_form(node, it->second, path);
    }
    return convert_untagged(node, path, node.quoted || tag == "tag:yaml.org,2002:str");
  }

 private:
  nlohmann::json convert_short_form(const YamlNode& node, const std::string& fn, Path& path) {
    path.push_back(fn);
    out_[json_pointer(path)] = location_of(node.location);
    nlohmann::json args;
    if (fn == "Fn::GetAtt" && node.is_scalar()) {
      // !GetAtt Resource.Attribute.Sub -> ["Resource", "Attribute.Sub"]
      const std::string& s = node.scalar;
      const auto dot = s.find('.');
      args = dot == std::string::npos ? nlohmann::json::array({s})
                                      : nlohmann::json::array({s.substr(0, dot), s.substr(dot + 1)});
      for (std::size_t i = 0; i < args.size(); ++i) {
        path.push_back(std::to_string(i));
        out_[json_pointer(path)] = location_of(node.location);
        path.pop_back();
      }
    } else if (node.is_scalar() || node.is_null()) {
      args = node.scalar;  // tagged scalars are strings
    } else {
      args = convert_untagged(node, path, false);
    }
    path.pop_back();
    return nlohmann::json{{fn, std::move(args)}};
  }

  nlohmann::json convert_untagged(const YamlNode& node, Path& path, bool quoted) {
    switch (node.kind) {
      case YamlNode::Kind::null:
        return nullptr;
      case YamlNode::Kind::scalar:
        return quoted ? nlohmann::json(node.scalar) : plain_scalar(node.scalar);
      case YamlNode::Kind::sequence: {
        auto arr = nlohmann::json::array();
        std::size_t index = 0;
        for (const YamlNode& item : node.items) {
          path.push_back(std::to_string(index++));
          out_[json_pointer(path)] = location_of(item.location);
          arr.push_back(convert(item, path));
          path.pop_back();
        }
        return arr;
      }
      case YamlNode::Kind::map: {
        auto obj = nlohmann::json::object();
        // The tree has already refused duplicate keys.
        for (const auto& [key, value] : node.entries) {
          if (!key.is_scalar()) throw TemplateLoadError("mapping keys must be scalars", location_of(key.location));
          path.push_back(key.scalar);
          out_[json_pointer(path)] = location_of(key.location);
          obj[key.scalar] = convert(value, path);
          path.pop_back();
        }
        return obj;
      }
    }
    return nullptr;
  }

  Locations& out_;
};

}  // namespace

LoadedTemplate load_yaml(std::string_view text, const InputLimits& limits) {
  const SourceFile file("<template>", std::string(text));
  Diagnostics diags;
  const std::optional<YamlNode> root = parse_yaml(file, diags, limits);
  if (!root) {
    const Diagnostic first = diags.sorted().front();
    throw TemplateLoadError(first.message, location_of(first.location));
  }
  if (!root->is_map()) {
    throw TemplateLoadError(root->is_null() ? "template is empty" : "template must be a mapping of sections",
                            root->is_null() ? SourceLocation{1, 1} : location_of(root->location));
  }
  LoadedTemplate t;
  Path path;
  t.locations[""] = location_of(root->location);
  t.json = YamlConverter(t.locations).convert(*root, path);
  return t;
}

}  // namespace aip::cfn::detail

namespace aip::cfn {

nlohmann::json yaml_to_json(const YamlNode& node) {
  switch (node.kind) {
    case YamlNode::Kind::null: return nullptr;
    case YamlNode::Kind::scalar: return node.quoted ? nlohmann::json(node.scalar) : detail::plain_scalar(node.scalar);
    case YamlNode::Kind::sequence: {
      auto arr = nlohmann::json::array();
      for (const YamlNode& item : node.items) arr.push_back(yaml_to_json(item));
      return arr;
    }
    case YamlNode::Kind::map: {
      auto obj = nlohmann::json::object();
      for (const auto& [key, value] : node.entries) obj[key.scalar] = yaml_to_json(value);
      return obj;
    }
  }
  return nullptr;
}

}  // namespace aip::cfn
