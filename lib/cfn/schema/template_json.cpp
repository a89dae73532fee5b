// JSON templates: nlohmann::json parses (after the limit pass), JsonLocator
// walks the accepted text for line:col of every key and item and for
// duplicate keys, which nlohmann would silently collapse to the last.
#include "cfn/schema/template_loader_impl.hpp"

#include <algorithm>
#include <cctype>
#include <set>

namespace aip::cfn::detail {

namespace {

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
          throw TemplateLoadError(limit_message::duplicate_key(key), key_loc);
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

}  // namespace

LoadedTemplate load_json(std::string_view text, const InputLimits& limits) {
  check_json_limits(text, limits);
  LoadedTemplate t;
  try {
    t.json = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    // CloudFormation falls back to its YAML parser, which takes JSON with
    // trailing commas, comments and the like; so do we, and report the JSON
    // error only when YAML cannot make sense of the text either.
    try {
      return load_yaml(text, limits);
    } catch (const TemplateLoadError&) {
    }
    const SourceLocation where = location_of_offset(text, token_start(text, e.byte));
    std::string what = e.what();
    // Keep nlohmann's explanation, drop its "[json.exception...] parse error at line x, column y: " prefix.
    if (auto pos = what.find(": "); pos != std::string::npos && what.find("column") < pos) what = what.substr(pos + 2);
    throw TemplateLoadError("invalid JSON: " + what, where);
  }
  // Recursion below is bounded by the depth limit checked above.
  JsonLocator(text, t.locations).run();
  return t;
}

}  // namespace aip::cfn::detail
