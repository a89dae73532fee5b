// cfn::to_bytes: the bytes of every JSON file aip writes. They are exactly
// what nlohmann::json's dump(2, ' ', false, strict) writes (tests/plan/
// test_to_bytes.cpp compares the two); this writer only gets there faster,
// appending to one string instead of going through the library's output
// adapter a character at a time, and copying plain ASCII strings whole.
// Anything it does not handle itself (non-ASCII text, whose UTF-8 the
// library checks; floating-point numbers, which it formats; binary values)
// is still written by nlohmann::json.
#include "cfn/render.hpp"

#include <charconv>

namespace aip::cfn {
namespace {

// True when `text` is ASCII that needs no escape inside a JSON string.
bool plain_ascii(std::string_view text) {
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u >= 0x80 || c == '"' || c == '\\') return false;
  }
  return true;
}

void append_string(std::string& out, const std::string& text) {
  if (plain_ascii(text)) {
    out += '"';
    out += text;
    out += '"';
    return;
  }
  // The library's escapes (\n, \u001f, ...) and its UTF-8 check (it throws).
  out += Json(text).dump(-1, ' ', false, Json::error_handler_t::strict);
}

template <class Integer>
void append_integer(std::string& out, Integer value) {
  char digits[24];
  const auto [end, ec] = std::to_chars(digits, digits + sizeof digits, value);
  out.append(digits, end);
}

// One value at nesting `depth`, pretty-printed with two spaces per level.
void append_value(std::string& out, const Json& value, std::size_t depth) {
  switch (value.type()) {
    case Json::value_t::object: {
      const auto& object = value.get_ref<const Json::object_t&>();
      if (object.empty()) {
        out += "{}";
        return;
      }
      out += "{\n";
      bool first = true;
      for (const auto& [key, member] : object) {
        if (!first) out += ",\n";
        first = false;
        out.append(2 * (depth + 1), ' ');
        append_string(out, key);
        out += ": ";
        append_value(out, member, depth + 1);
      }
      out += '\n';
      out.append(2 * depth, ' ');
      out += '}';
      return;
    }
    case Json::value_t::array: {
      const auto& array = value.get_ref<const Json::array_t&>();
      if (array.empty()) {
        out += "[]";
        return;
      }
      out += "[\n";
      bool first = true;
      for (const Json& element : array) {
        if (!first) out += ",\n";
        first = false;
        out.append(2 * (depth + 1), ' ');
        append_value(out, element, depth + 1);
      }
      out += '\n';
      out.append(2 * depth, ' ');
      out += ']';
      return;
    }
    case Json::value_t::string: append_string(out, value.get_ref<const std::string&>()); return;
    case Json::value_t::boolean: out += value.get<bool>() ? "true" : "false"; return;
    case Json::value_t::null: out += "null"; return;
    case Json::value_t::number_integer: append_integer(out, value.get<Json::number_integer_t>()); return;
    case Json::value_t::number_unsigned: append_integer(out, value.get<Json::number_unsigned_t>()); return;
    case Json::value_t::number_float:
      // Scalars print the same at any depth.
      out += value.dump(-1, ' ', false, Json::error_handler_t::strict);
      return;
    case Json::value_t::binary:
    case Json::value_t::discarded: {
      // Never in a template; the library's form, its lines indented to `depth`.
      std::string text = value.dump(2, ' ', false, Json::error_handler_t::strict);
      for (std::size_t at = text.find('\n'); at != std::string::npos; at = text.find('\n', at + 1)) {
        text.insert(at + 1, 2 * depth, ' ');
      }
      out += text;
      return;
    }
  }
}

}  // namespace

std::string to_bytes(const Json& document) {
  // nlohmann::json keeps object keys in a std::map, so the order is sorted and
  // does not depend on insertion order or hashing.
  std::string out;
  append_value(out, document, 0);
  out += '\n';
  return out;
}

}  // namespace aip::cfn
