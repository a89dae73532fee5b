#include "base/input_limits.hpp"

#include <fmt/format.h>

namespace aip {

namespace limit_message {
std::string file_too_large(std::size_t size, std::size_t limit) {
  return fmt::format("file is {} bytes, larger than the limit of {} bytes", size, limit);
}
std::string too_deep(std::size_t limit) { return fmt::format("nesting is deeper than the limit of {} levels", limit); }
std::string too_many_nodes(std::size_t limit) { return fmt::format("document has more than {} nodes", limit); }
std::string string_too_long(std::size_t size, std::size_t limit) {
  return fmt::format("string of {} bytes is longer than the limit of {} bytes", size, limit);
}
std::string invalid_utf8(std::size_t offset) { return fmt::format("invalid UTF-8 at byte offset {}", offset); }
std::string duplicate_key(std::string_view key) { return fmt::format("duplicate key '{}'", key); }
}  // namespace limit_message

std::size_t invalid_utf8_offset(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    // Lead byte: sequence length and the allowed range of the second byte
    // (the narrowed ranges exclude overlong forms, surrogates and > U+10FFFF).
    std::size_t len = 0;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;
    } else {
      return i;
    }
    if (i + len > s.size()) return i;
    const auto second = static_cast<unsigned char>(s[i + 1]);
    if (second < lo || second > hi) return i;
    for (std::size_t k = 2; k < len; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return i;
    }
    i += len;
  }
  return std::string_view::npos;
}

}  // namespace aip
