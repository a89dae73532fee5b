// CIDR prefixes (IPv4 and IPv6) as value types.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace aip::net {

enum class Family : std::uint8_t { v4, v6 };

// A network prefix such as 10.0.0.0/16 or 2001:db8::/32. Always canonical:
// no host bits are set below the prefix length (parse() rejects those).
class Prefix {
 public:
  // Strict parse. On failure returns nullopt and sets *error (if non-null) to
  // a sentence that says what was wrong and, for host bits set, what was meant:
  //   "10.0.1.0/16 has host bits set; did you mean 10.0.0.0/16?"
  // Rejected: missing "/len", leading zeros in octets or length, whitespace,
  // zone ids, brackets. Accepted: upper-case hex, an embedded dotted IPv4 tail
  // in IPv6 (::ffff:1.2.3.4/128).
  static std::optional<Prefix> parse(std::string_view text, std::string* error);

  Family family() const { return family_; }
  int length() const { return length_; }
  int max_length() const { return family_ == Family::v4 ? 32 : 128; }

  // Canonical text: dotted quad for v4, RFC 5952 compressed form for v6
  // (IPv4-mapped ::ffff:a.b.c.d keeps its mixed notation, per RFC 5952 s5).
  std::string str() const;

  bool contains(const Prefix& other) const;  // same family, other inside this (or equal)
  bool overlaps(const Prefix& other) const;  // same family and one contains the other

  // Number of addresses as a power of two: max_length() - length().
  int size_log2() const { return max_length() - length_; }
  // Number of addresses, saturated at UINT64_MAX for huge v6 prefixes.
  std::uint64_t size() const;

  // The i-th sub-prefix of the given longer length (0-based). Precondition:
  // new_length >= length() and i < 2^(new_length-length()); checked even in
  // release builds: throws std::invalid_argument (length) / std::out_of_range (i).
  // More than 64 bits below this prefix, chain two calls.
  Prefix subnet(int new_length, std::uint64_t index) const;

  // First and last address as 128-bit big-endian byte arrays (v4 in the last 4 bytes).
  const std::array<std::uint8_t, 16>& network() const { return bytes_; }
  std::array<std::uint8_t, 16> last() const;

  friend bool operator==(const Prefix&, const Prefix&) = default;
  // Orders by family, then network address, then length (shorter first), so a
  // containing prefix sorts before the prefixes inside it.
  friend bool operator<(const Prefix& a, const Prefix& b);

 private:
  Family family_ = Family::v4;
  int length_ = 0;
  std::array<std::uint8_t, 16> bytes_{};  // network address, big-endian, v4 in bytes 12..15
};

}  // namespace aip::net
