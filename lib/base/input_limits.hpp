// Bounds that keep hostile input (specs and CloudFormation templates, YAML or
// JSON) from exhausting time or memory, and the messages that report a breach:
// one place, so every reader refuses the same things in the same words.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace aip {

struct InputLimits {
  std::size_t max_bytes = 16u << 20;        // whole document
  std::size_t max_depth = 64;               // nesting of maps and lists
  std::size_t max_nodes = 1'000'000;        // keys, values and collections (after alias expansion)
  std::size_t max_scalar_bytes = 1u << 20;  // one string, after unescaping
};

namespace limit_message {
std::string file_too_large(std::size_t size, std::size_t limit);
std::string too_deep(std::size_t limit);
std::string too_many_nodes(std::size_t limit);
std::string string_too_long(std::size_t size, std::size_t limit);
std::string invalid_utf8(std::size_t offset);
std::string duplicate_key(std::string_view key);
}  // namespace limit_message

// Byte offset of the first invalid UTF-8 sequence, or npos when the text is
// valid. Strict (RFC 3629): overlong forms, surrogates and code points above
// U+10FFFF are invalid, as they are to nlohmann::json, which would otherwise
// throw when it writes such a string into a template.
std::size_t invalid_utf8_offset(std::string_view s);

}  // namespace aip
