#include "cfn/schema/template_loader.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>

namespace aip::cfn {

namespace {

using Path = std::vector<std::string>;
using Locations = std::map<std::string, SourceLocation>;

std::string location_message(const std::string& message, SourceLocation where) {
  return std::to_string(where.line) + ":" + std::to_string(where.column) + ": " + message;
}

// ---- JSON -----------------------------------------------------------------

SourceLocation location_of_offset(std::string_view text, std::size_t offset) {
  SourceLocation loc{1, 1};
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++loc.line;
      loc.column = 1;
    } else {
      ++loc.column;
    }
  }
  return loc;
}

// nlohmann reports the offset just past the offending token; point at its
// first character instead, as editors and cfn-lint do.
std::size_t token_start(std::string_view text, std::size_t byte) {
  if (byte == 0 || byte > text.size()) return std::min(byte, text.size());
  std::size_t i = byte - 1;
  if (text[i] == '"') {
    while (i > 0) {
      --i;
      if (text[i] == '"' && (i == 0 || text[i - 1] != '\\')) return i;
    }
    return i;
  }
  while (i > 0 && (std::isalnum(static_cast<unsigned char>(text[i - 1])) || text[i - 1] == '.' || text[i - 1] == '-' ||
                   text[i - 1] == '+')) {
    --i;
  }
  return i;
}

// Walks JSON text that nlohmann already accepted, recording where each key
// and list item starts and rejecting duplicate keys (nlohmann keeps the last
// silently; CloudFormation rejects the template).
class JsonLocator {
 public:
  JsonLocator(std::string_view text, Locations& out) : s_(text), out_(out) {}

  void run() {
    skip_ws();
    Path path;
    out_[""] = here();
    value(path);
  }

 private:
  SourceLocation here() const { return {line_, col_}; }

  void advance() {
    if (s_[i_] == '\n') {
      ++line_;
      col_ = 1;
    } else {
      ++col_;
    }
    ++i_;
  }

  void skip_ws() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\n' || s_[i_] == '\r')) advance();
  }

  std::string string_token() {
    const std::size_t start = i_;
    bool escaped = false;
    advance();  // opening quote
    while (i_ < s_.size() && s_[i_] != '"') {
      if (s_[i_] == '\\') {
        escaped = true;
        advance();
      }
      advance();
    }
    advance();  // closing quote
    const std::string_view raw = s_.substr(start, i_ - start);
    if (!escaped) return std::string(raw.substr(1, raw.size() - 2));
    return nlohmann::json::parse(raw).get<std::string>();
  }

  void value(Path& path) {
    skip_ws();
    if (i_ >= s_.size()) return;
    const char c = s_[i_];
    if (c == '{') {
      advance();
      std::set<std::string> seen;
      skip_ws();
      while (i_ < s_.size() && s_[i_] != '}') {
        const SourceLocation key_loc = here();
        std::string key = string_token();
        if (!seen.insert(key).second) {
          throw TemplateLoadError("duplicate key \"" + key + "\"", key_loc);
        }
        path.push_back(std::move(key));
        out_[json_pointer(path)] = key_loc;
        skip_ws();
        advance();  // ':'
        value(path);
        path.pop_back();
        skip_ws();
        if (i_ < s_.size() && s_[i_] == ',') advance();
        skip_ws();
      }
      advance();
    } else if (c == '[') {
      advance();
      skip_ws();
      std::size_t index = 0;
      while (i_ < s_.size() && s_[i_] != ']') {
        path.push_back(std::to_string(index++));
        out_[json_pointer(path)] = here();
        value(path);
        path.pop_back();
        skip_ws();
        if (i_ < s_.size() && s_[i_] == ',') advance();
        skip_ws();
      }
      advance();
    } else if (c == '"') {
      string_token();
    } else {
      while (i_ < s_.size() && s_[i_] != ',' && s_[i_] != '}' && s_[i_] != ']' && !std::isspace(static_cast<unsigned char>(s_[i_]))) advance();
    }
  }

  std::string_view s_;
  Locations& out_;
  std::size_t i_ = 0;
  int line_ = 1;
  int col_ = 1;
};

LoadedTemplate load_yaml(std::string_view text);

LoadedTemplate load_json(std::string_view text) {
  LoadedTemplate t;
  try {
    t.json = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    // CloudFormation falls back to its YAML parser, which takes JSON with
    // trailing commas, comments and the like; so do we, and report the JSON
    // error only when YAML cannot make sense of the text either.
    try {
      return load_yaml(text);
    } catch (const TemplateLoadError&) {
    }
    const SourceLocation where = location_of_offset(text, token_start(text, e.byte));
    std::string what = e.what();
    // Keep nlohmann's explanation, drop its "[json.exception...] parse error at line x, column y: " prefix.
    if (auto pos = what.find(": "); pos != std::string::npos && what.find("column") < pos) what = what.substr(pos + 2);
    throw TemplateLoadError("invalid JSON: " + what, where);
  }
  JsonLocator(text, t.locations).run();
  return t;
}

// ---- YAML -----------------------------------------------------------------

SourceLocation location_of(const YAML::Mark& m) {
  if (m.line < 0) return {0, 0};
  return {m.line + 1, m.column + 1};
}

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
  if (is_plain_float(s)) return std::strtod(s.c_str(), nullptr);
  return s;
}

const std::map<std::string, std::string, std::less<>>& short_forms() {
  static const std::map<std::string, std::string, std::less<>> m = {
      {"!And", "Fn::And"},         {"!Base64", "Fn::Base64"},   {"!Cidr", "Fn::Cidr"},
      {"!Condition", "Condition"}, {"!Equals", "Fn::Equals"},   {"!FindInMap", "Fn::FindInMap"},
      {"!GetAZs", "Fn::GetAZs"},   {"!GetAtt", "Fn::GetAtt"},   {"!If", "Fn::If"},
      {"!ImportValue", "Fn::ImportValue"}, {"!Join", "Fn::Join"}, {"!Length", "Fn::Length"},
      {"!Not", "Fn::Not"},         {"!Or", "Fn::Or"},           {"!Ref", "Ref"},
      {"!Select", "Fn::Select"},   {"!Split", "Fn::Split"},     {"!Sub", "Fn::Sub"},
      {"!ToJsonString", "Fn::ToJsonString"}, {"!Transform", "Fn::Transform"},
  };
  return m;
}

class YamlConverter {
 public:
  explicit YamlConverter(Locations& out) : out_(out) {}

  nlohmann::json convert(const YAML::Node& node, Path& path) {
    const std::string& tag = node.Tag();
    if (!tag.empty() && tag[0] == '!' && tag != "!") {
      auto it = short_forms().find(tag);
      if (it == short_forms().end()) throw TemplateLoadError("unknown tag " + tag, location_of(node.Mark()));
      return convert_short_form(node, it->second, path);
    }
    return convert_untagged(node, path, tag == "!" || tag == "tag:yaml.org,2002:str");
  }

 private:
  nlohmann::json convert_short_form(const YAML::Node& node, const std::string& fn, Path& path) {
    path.push_back(fn);
    out_[json_pointer(path)] = location_of(node.Mark());
    nlohmann::json args;
    if (fn == "Fn::GetAtt" && node.IsScalar()) {
      // !GetAtt Resource.Attribute.Sub -> ["Resource", "Attribute.Sub"]
      const std::string s = node.Scalar();
      const auto dot = s.find('.');
      args = dot == std::string::npos ? nlohmann::json::array({s})
                                      : nlohmann::json::array({s.substr(0, dot), s.substr(dot + 1)});
      for (std::size_t i = 0; i < args.size(); ++i) {
        path.push_back(std::to_string(i));
        out_[json_pointer(path)] = location_of(node.Mark());
        path.pop_back();
      }
    } else if (node.IsScalar() || node.IsNull()) {
      args = node.IsNull() ? std::string() : node.Scalar();  // tagged scalars are strings
    } else {
      args = convert_untagged(node, path, false);
    }
    path.pop_back();
    return nlohmann::json{{fn, std::move(args)}};
  }

  nlohmann::json convert_untagged(const YAML::Node& node, Path& path, bool quoted) {
    switch (node.Type()) {
      case YAML::NodeType::Undefined:
      case YAML::NodeType::Null:
        return nullptr;
      case YAML::NodeType::Scalar:
        return quoted ? nlohmann::json(node.Scalar()) : plain_scalar(node.Scalar());
      case YAML::NodeType::Sequence: {
        auto arr = nlohmann::json::array();
        std::size_t index = 0;
        for (const auto& item : node) {
          path.push_back(std::to_string(index++));
          out_[json_pointer(path)] = location_of(item.Mark());
          arr.push_back(convert(item, path));
          path.pop_back();
        }
        return arr;
      }
      case YAML::NodeType::Map: {
        auto obj = nlohmann::json::object();
        for (const auto& kv : node) {
          const YAML::Node& key = kv.first;
          if (!key.IsScalar()) throw TemplateLoadError("mapping keys must be scalars", location_of(key.Mark()));
          const std::string& name = key.Scalar();
          if (obj.contains(name)) throw TemplateLoadError("duplicate key \"" + name + "\"", location_of(key.Mark()));
          path.push_back(name);
          out_[json_pointer(path)] = location_of(key.Mark());
          obj[name] = convert(kv.second, path);
          path.pop_back();
        }
        return obj;
      }
    }
    return nullptr;
  }

  Locations& out_;
};

LoadedTemplate load_yaml(std::string_view text) {
  LoadedTemplate t;
  YAML::Node root;
  try {
    root = YAML::Load(std::string(text));
  } catch (const YAML::Exception& e) {
    throw TemplateLoadError("invalid YAML: " + e.msg, location_of(e.mark));
  }
  if (!root.IsMap()) {
    throw TemplateLoadError(root.IsNull() ? "template is empty" : "template must be a mapping of sections",
                            root.IsNull() ? SourceLocation{1, 1} : location_of(root.Mark()));
  }
  Path path;
  t.locations[""] = location_of(root.Mark());
  t.json = YamlConverter(t.locations).convert(root, path);
  return t;
}

}  // namespace

TemplateLoadError::TemplateLoadError(const std::string& message, SourceLocation loc)
    : std::runtime_error(location_message(message, loc)), where(loc), detail(message) {}

std::string json_pointer(const std::vector<std::string>& path) {
  std::string out;
  for (const auto& seg : path) {
    out += '/';
    for (char c : seg) {
      if (c == '~') {
        out += "~0";
      } else if (c == '/') {
        out += "~1";
      } else {
        out += c;
      }
    }
  }
  return out;
}

std::optional<SourceLocation> LoadedTemplate::locate(const std::vector<std::string>& path) const {
  for (std::size_t n = path.size() + 1; n-- > 0;) {
    auto it = locations.find(json_pointer({path.begin(), path.begin() + static_cast<std::ptrdiff_t>(n)}));
    if (it != locations.end() && it->second.line > 0) return it->second;
  }
  return std::nullopt;
}

LoadedTemplate load_template(std::string_view text) {
  if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // UTF-8 BOM
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) throw TemplateLoadError("template is empty", {1, 1});
  if (text[first] == '{') return load_json(text);
  return load_yaml(text);
}

LoadedTemplate load_template_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return load_template(ss.str());
}

}  // namespace aip::cfn
