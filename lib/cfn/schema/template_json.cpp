// JSON templates: nlohmann::json parses (after the limit pass), JsonLocator
// walks the accepted text for line:col of every key and item and for
// duplicate keys, which nlohmann would silently collapse to the last.
#include "cfn/schema/template_loader_impl.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

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
// silently; CloudFormation rejects the template). The JSON pointer of the
// current place is kept as one string, extended and cut back as the walk
// enters and leaves a value, rather than rebuilt from the path for each key.
class JsonLocator {
 public:
  JsonLocator(std::string_view text, Locations& out) : s_(text), out_(out) {}

  void run() {
    skip_ws();
    out_[""] = here();
    value();
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

  // Steps over a string token; its text between the quotes, and whether it
  // holds escapes.
  std::string_view skip_string(bool& escaped) {
    escaped = false;
    advance();  // opening quote
    const std::size_t start = i_;
    while (i_ < s_.size() && s_[i_] != '"') {
      if (s_[i_] == '\\') {
        escaped = true;
        advance();
      }
      advance();
    }
    const std::string_view raw = s_.substr(start, i_ - start);
    advance();  // closing quote
    return raw;
  }

  // A key as its value (escapes decoded into `buffer` when it has any).
  std::string_view key(std::string& buffer) {
    bool escaped = false;
    const std::string_view raw = skip_string(escaped);
    if (!escaped) return raw;
    buffer = nlohmann::json::parse("\"" + std::string(raw) + "\"").get<std::string>();
    return buffer;
  }

  // Appends one RFC 6901 segment ("~" -> "~0", "/" -> "~1"), as json_pointer() writes it.
  void push_segment(std::string_view segment) {
    pointer_ += '/';
    for (char c : segment) {
      if (c == '~') {
        pointer_ += "~0";
      } else if (c == '/') {
        pointer_ += "~1";
      } else {
        pointer_ += c;
      }
    }
  }

  void value() {
    skip_ws();
    if (i_ >= s_.size()) return;
    const char c = s_[i_];
    const std::size_t parent = pointer_.size();
    if (c == '{') {
      advance();
      skip_ws();
      std::string buffer;
      while (i_ < s_.size() && s_[i_] != '}') {
        const SourceLocation key_loc = here();
        const std::string_view name = key(buffer);
        push_segment(name);
        // Distinct keys of one object have distinct pointers, and no other
        // place has this one: a pointer seen before is a duplicate key.
        if (!out_.emplace(pointer_, key_loc).second) {
          throw TemplateLoadError(limit_message::duplicate_key(std::string(name)), key_loc);
        }
        skip_ws();
        advance();  // ':'
        value();
        pointer_.resize(parent);
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
        char digits[24];
        const auto end = std::to_chars(digits, digits + sizeof digits, index++).ptr;
        push_segment(std::string_view(digits, static_cast<std::size_t>(end - digits)));
        out_[pointer_] = here();
        value();
        pointer_.resize(parent);
        skip_ws();
        if (i_ < s_.size() && s_[i_] == ',') advance();
        skip_ws();
      }
      advance();
    } else if (c == '"') {
      bool escaped = false;
      skip_string(escaped);
    } else {
      while (i_ < s_.size() && s_[i_] != ',' && s_[i_] != '}' && s_[i_] != ']' && !std::isspace(static_cast<unsigned char>(s_[i_]))) advance();
    }
  }

  std::string_view s_;
  Locations& out_;
  std::string pointer_;  // of the value being walked
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
