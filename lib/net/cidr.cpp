#include "net/cidr.hpp"

#include <fmt/format.h>

#include <cstdint>
#include <stdexcept>
#include <tuple>
#include <vector>

#include "net/u128.hpp"

namespace aip::net {

namespace {

using detail::U128;
using Bytes = std::array<std::uint8_t, 16>;

// Error sink that tolerates a null pointer, so callers that only want a yes/no
// answer may pass nullptr.
bool fail(std::string* error, std::string message) {
  if (error) *error = std::move(message);
  return false;
}

std::string quoted(std::string_view s) { return fmt::format("'{}'", s); }

bool is_digit(char c) { return c >= '0' && c <= '9'; }

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (;;) {
    std::size_t pos = s.find(sep, start);
    if (pos == std::string_view::npos) {
      parts.push_back(s.substr(start));
      return parts;
    }
    parts.push_back(s.substr(start, pos - start));
    start = pos + 1;
  }
}

// One decimal octet. Leading zeros are rejected because some tools (inet_aton)
// read "010" as octal 8, so accepting it would silently mean different things.
bool parse_octet(std::string_view s, std::string_view whole, std::uint8_t& out, std::string* error) {
  if (s.empty()) return fail(error, fmt::format("{} has an empty octet", quoted(whole)));
  for (char c : s) {
    if (!is_digit(c)) {
      return fail(error, fmt::format("{} has octet '{}', which is not a decimal number", quoted(whole), s));
    }
  }
  if (s.size() > 1 && s[0] == '0') {
    return fail(error, fmt::format("{} has octet '{}' with a leading zero, which is ambiguous (octal or decimal?)",
                                   quoted(whole), s));
  }
  int value = 0;
  for (char c : s) {
    value = value * 10 + (c - '0');
    if (value > 255) break;  // also stops overflow on absurdly long digit runs
  }
  if (value > 255) return fail(error, fmt::format("{} has octet {}, which is greater than 255", quoted(whole), s));
  out = static_cast<std::uint8_t>(value);
  return true;
}

bool parse_v4(std::string_view addr, std::string_view whole, std::array<std::uint8_t, 4>& out, std::string* error) {
  auto parts = split(addr, '.');
  // Octet errors first: "10..0.0" is better explained as an empty octet than a count.
  for (std::size_t i = 0; i < parts.size(); ++i) {
    std::uint8_t octet = 0;
    if (!parse_octet(parts[i], whole, octet, error)) return false;
    if (i < 4) out[i] = octet;
  }
  if (parts.size() != 4) {
    return fail(error, fmt::format("{} has {} octet{}; an IPv4 address needs 4", quoted(whole), parts.size(),
                                   parts.size() == 1 ? "" : "s"));
  }
  return true;
}

bool parse_hex_group(std::string_view s, std::string_view whole, std::uint16_t& out, std::string* error) {
  if (s.empty()) return fail(error, fmt::format("{} has an empty group (a lone ':')", quoted(whole)));
  for (char c : s) {
    if (hex_value(c) < 0) {
      return fail(error, fmt::format("{} has group '{}', which is not hexadecimal", quoted(whole), s));
    }
  }
  if (s.size() > 4) {
    return fail(error, fmt::format("{} has group '{}' with more than 4 hex digits", quoted(whole), s));
  }
  unsigned value = 0;
  for (char c : s) value = value * 16 + static_cast<unsigned>(hex_value(c));
  out = static_cast<std::uint16_t>(value);
  return true;
}

// The ':'-separated groups on one side of "::". An embedded dotted IPv4 address
// (as in ::ffff:1.2.3.4) is allowed only as the very last piece of the address
// and counts as two groups.
bool parse_v6_side(std::string_view side, std::string_view whole, bool is_address_end,
                   std::vector<std::uint16_t>& groups, std::string* error) {
  if (side.empty()) return true;
  auto pieces = split(side, ':');
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    if (pieces[i].find('.') == std::string_view::npos) {
      std::uint16_t g = 0;
      if (!parse_hex_group(pieces[i], whole, g, error)) return false;
      groups.push_back(g);
      continue;
    }
    if (!is_address_end || i + 1 != pieces.size()) {
      return fail(error, fmt::format("{} has an embedded IPv4 address that is not at the end", quoted(whole)));
    }
    std::array<std::uint8_t, 4> v4{};
    if (!parse_v4(pieces[i], whole, v4, error)) return false;
    groups.push_back(static_cast<std::uint16_t>((v4[0] << 8) | v4[1]));
    groups.push_back(static_cast<std::uint16_t>((v4[2] << 8) | v4[3]));
  }
  return true;
}

bool parse_v6(std::string_view addr, std::string_view whole, Bytes& out, std::string* error) {
  std::size_t gap = addr.find("::");
  if (gap != std::string_view::npos && addr.find("::", gap + 1) != std::string_view::npos) {
    return fail(error, fmt::format("{} has more than one '::'", quoted(whole)));
  }
  bool has_gap = gap != std::string_view::npos;
  std::string_view left = has_gap ? addr.substr(0, gap) : addr;
  std::string_view right = has_gap ? addr.substr(gap + 2) : std::string_view{};
  std::vector<std::uint16_t> head, tail;
  if (!parse_v6_side(left, whole, !has_gap, head, error)) return false;
  if (!parse_v6_side(right, whole, true, tail, error)) return false;
  std::size_t n = head.size() + tail.size();
  if (!has_gap && n != 8) {
    return fail(error, fmt::format("{} has {} groups; an IPv6 address needs 8 (or '::' to stand for zero groups)",
                                   quoted(whole), n));
  }
  if (has_gap && n > 7) {
    return fail(error, fmt::format("{} has {} groups besides '::', but an IPv6 address holds only 8", quoted(whole), n));
  }
  std::array<std::uint16_t, 8> groups{};
  for (std::size_t i = 0; i < head.size(); ++i) groups[i] = head[i];
  for (std::size_t i = 0; i < tail.size(); ++i) groups[8 - tail.size() + i] = tail[i];
  for (std::size_t i = 0; i < 8; ++i) {
    out[2 * i] = static_cast<std::uint8_t>(groups[i] >> 8);
    out[2 * i + 1] = static_cast<std::uint8_t>(groups[i] & 0xff);
  }
  return true;
}

// Prefix length: plain decimal, no sign, no leading zero (so "/08" is not
// silently taken as /8 by us and as something else by another tool).
bool parse_length(std::string_view s, std::string_view whole, Family family, int& out, std::string* error) {
  if (s.empty()) return fail(error, fmt::format("{} has an empty prefix length after '/'", quoted(whole)));
  for (char c : s) {
    if (!is_digit(c)) {
      return fail(error, fmt::format("{} has prefix length '{}', which is not a decimal number", quoted(whole), s));
    }
  }
  if (s.size() > 1 && s[0] == '0') {
    return fail(error, fmt::format("{} has prefix length '{}' with a leading zero", quoted(whole), s));
  }
  int max = family == Family::v4 ? 32 : 128;
  int value = 0;
  for (char c : s) {
    value = value * 10 + (c - '0');
    if (value > max) break;  // stop before overflow on long digit runs
  }
  if (value > max) {
    return fail(error, fmt::format("{} has prefix length {}, but an {} prefix is at most /{}", quoted(whole), s,
                                   family == Family::v4 ? "IPv4" : "IPv6", max));
  }
  out = value;
  return true;
}

bool has_whitespace(std::string_view s) {
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f') return true;
  }
  return false;
}

bool all_digits(std::string_view s) {
  for (char c : s) {
    if (!is_digit(c)) return false;
  }
  return true;
}

// Bits below the prefix length, in the U128 layout where v4 uses the low 32 bits.
U128 host_mask(int max_length, int length) { return detail::low_mask(max_length - length); }

std::string format_v4(const Bytes& b) { return fmt::format("{}.{}.{}.{}", b[12], b[13], b[14], b[15]); }

// Longest run of two or more zero groups, first one on ties (RFC 5952 4.2.2-4.2.3).
// Returns {start, length}; length 0 means nothing to compress.
std::pair<int, int> longest_zero_run(const std::array<unsigned, 8>& g) {
  int best_start = 0, best_len = 0;
  for (int i = 0; i < 8;) {
    if (g[i] != 0) {
      ++i;
      continue;
    }
    int j = i;
    while (j < 8 && g[j] == 0) ++j;
    if (j - i > best_len) best_start = i, best_len = j - i;
    i = j;
  }
  if (best_len < 2) return {0, 0};
  return {best_start, best_len};
}

bool is_v4_mapped(const Bytes& b) {
  for (int i = 0; i < 10; ++i) {
    if (b[i] != 0) return false;
  }
  return b[10] == 0xff && b[11] == 0xff;
}

std::string format_v6(const Bytes& b) {
  // RFC 5952 section 5 recommends mixed notation for IPv4-mapped addresses.
  if (is_v4_mapped(b)) return "::ffff:" + format_v4(b);
  std::array<unsigned, 8> g{};
  for (int i = 0; i < 8; ++i) g[i] = (unsigned{b[2 * i]} << 8) | b[2 * i + 1];
  auto [run_start, run_len] = longest_zero_run(g);
  std::string out;
  for (int i = 0; i < 8; ++i) {
    if (run_len > 0 && i == run_start) {
      out += "::";
      i += run_len - 1;
      continue;
    }
    if (!out.empty() && out.back() != ':') out += ':';
    out += fmt::format("{:x}", g[i]);
  }
  return out;
}

}  // namespace

std::optional<Prefix> Prefix::parse(std::string_view text, std::string* error) {
  if (text.empty()) {
    fail(error, "the CIDR is empty; expected a prefix such as 10.0.0.0/16");
    return std::nullopt;
  }
  if (has_whitespace(text)) {
    fail(error, fmt::format("{} contains whitespace", quoted(text)));
    return std::nullopt;
  }
  std::size_t slash = text.find('/');
  if (slash != std::string_view::npos && text.find('/', slash + 1) != std::string_view::npos) {
    fail(error, fmt::format("{} has more than one '/'", quoted(text)));
    return std::nullopt;
  }
  std::string_view addr = text.substr(0, slash);
  if (addr.empty()) {
    fail(error, fmt::format("{} has no address before the '/'", quoted(text)));
    return std::nullopt;
  }

  Prefix p;
  if (addr.find(':') != std::string_view::npos) {
    p.family_ = Family::v6;
    if (!parse_v6(addr, text, p.bytes_, error)) return std::nullopt;
  } else if (addr.find('.') != std::string_view::npos || all_digits(addr)) {
    p.family_ = Family::v4;
    std::array<std::uint8_t, 4> v4{};
    if (!parse_v4(addr, text, v4, error)) return std::nullopt;
    for (int i = 0; i < 4; ++i) p.bytes_[12 + i] = v4[i];
  } else {
    fail(error, fmt::format("{} is not an IPv4 or IPv6 prefix", quoted(text)));
    return std::nullopt;
  }

  if (slash == std::string_view::npos) {
    fail(error, fmt::format("{} has no prefix length (write it as {}/{} for one address)", quoted(text), text,
                            p.max_length()));
    return std::nullopt;
  }
  if (!parse_length(text.substr(slash + 1), text, p.family_, p.length_, error)) return std::nullopt;

  U128 value = detail::from_bytes(p.bytes_);
  U128 host = host_mask(p.max_length(), p.length_);
  if ((value & host) != U128{}) {
    Prefix meant = p;
    meant.bytes_ = detail::to_bytes(value & ~host);
    fail(error, fmt::format("{} has host bits set; did you mean {}?", text, meant.str()));
    return std::nullopt;
  }
  return p;
}

std::string Prefix::str() const {
  std::string addr = family_ == Family::v4 ? format_v4(bytes_) : format_v6(bytes_);
  return fmt::format("{}/{}", addr, length_);
}

bool Prefix::contains(const Prefix& other) const {
  if (family_ != other.family_ || other.length_ < length_) return false;
  U128 diff = detail::from_bytes(bytes_) ^ detail::from_bytes(other.bytes_);
  return detail::shr(diff, max_length() - length_) == U128{};
}

bool Prefix::overlaps(const Prefix& other) const { return contains(other) || other.contains(*this); }

std::uint64_t Prefix::size() const {
  int bits = size_log2();
  return bits >= 64 ? UINT64_MAX : (std::uint64_t{1} << bits);
}

Prefix Prefix::subnet(int new_length, std::uint64_t index) const {
  // Checked even in release builds: a wrong subnet would be a silent misallocation.
  if (new_length < length_ || new_length > max_length()) {
    throw std::invalid_argument(fmt::format("cannot take a /{} subnet of {}", new_length, str()));
  }
  int bits = new_length - length_;
  if (bits < 64 && (index >> bits) != 0) {
    throw std::out_of_range(fmt::format("{} has no /{} subnet number {}", str(), new_length, index));
  }
  U128 offset = detail::shl(U128{0, index}, max_length() - new_length);
  Prefix p = *this;
  p.length_ = new_length;
  p.bytes_ = detail::to_bytes(detail::from_bytes(bytes_) | offset);
  return p;
}

std::array<std::uint8_t, 16> Prefix::last() const {
  return detail::to_bytes(detail::from_bytes(bytes_) | host_mask(max_length(), length_));
}

bool operator<(const Prefix& a, const Prefix& b) {
  return std::tie(a.family_, a.bytes_, a.length_) < std::tie(b.family_, b.bytes_, b.length_);
}

}  // namespace aip::net
