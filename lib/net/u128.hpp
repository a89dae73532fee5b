// Internal to aip_net: a minimal unsigned 128-bit integer for address arithmetic.
// (unsigned __int128 would do, but -Wpedantic rejects it as non-ISO.)
#pragma once

#include <algorithm>
#include <array>
#include <compare>
#include <cstdint>
#include <string>

namespace aip::net::detail {

struct U128 {
  std::uint64_t hi = 0;
  std::uint64_t lo = 0;
  // Member order (hi, lo) makes the defaulted comparison numeric.
  friend auto operator<=>(const U128&, const U128&) = default;
};

inline U128 operator&(U128 a, U128 b) { return {a.hi & b.hi, a.lo & b.lo}; }
inline U128 operator|(U128 a, U128 b) { return {a.hi | b.hi, a.lo | b.lo}; }
inline U128 operator^(U128 a, U128 b) { return {a.hi ^ b.hi, a.lo ^ b.lo}; }
inline U128 operator~(U128 a) { return {~a.hi, ~a.lo}; }

// Shifts accept 0..128; shifting by the full width yields zero (unlike built-ins).
inline U128 shl(U128 a, int n) {
  if (n >= 128) return {};
  if (n >= 64) return {a.lo << (n - 64), 0};
  if (n == 0) return a;
  return {(a.hi << n) | (a.lo >> (64 - n)), a.lo << n};
}

inline U128 shr(U128 a, int n) {
  if (n >= 128) return {};
  if (n >= 64) return {0, a.hi >> (n - 64)};
  if (n == 0) return a;
  return {a.hi >> n, (a.lo >> n) | (a.hi << (64 - n))};
}

// 2^bits - 1 for bits in 0..128.
inline U128 low_mask(int bits) {
  if (bits >= 128) return {~0ULL, ~0ULL};
  if (bits >= 64) return {(bits == 64) ? 0 : (~0ULL >> (128 - bits)), ~0ULL};
  return {0, bits == 0 ? 0 : (~0ULL >> (64 - bits))};
}

// Wrapping add; *carry (if given) reports overflow past 2^128.
inline U128 add(U128 a, U128 b, bool* carry = nullptr) {
  U128 r{a.hi + b.hi, a.lo + b.lo};
  bool c_lo = r.lo < a.lo;
  r.hi += c_lo ? 1 : 0;
  if (carry) *carry = r.hi < a.hi || (c_lo && r.hi == a.hi);
  return r;
}

inline U128 sub(U128 a, U128 b) {
  U128 r{a.hi - b.hi, a.lo - b.lo};
  if (a.lo < b.lo) r.hi -= 1;
  return r;
}

inline U128 from_bytes(const std::array<std::uint8_t, 16>& b) {
  U128 r;
  for (int i = 0; i < 8; ++i) r.hi = (r.hi << 8) | b[i];
  for (int i = 8; i < 16; ++i) r.lo = (r.lo << 8) | b[i];
  return r;
}

inline std::array<std::uint8_t, 16> to_bytes(U128 v) {
  std::array<std::uint8_t, 16> b{};
  for (int i = 7; i >= 0; --i, v.hi >>= 8) b[i] = static_cast<std::uint8_t>(v.hi & 0xff);
  for (int i = 15; i >= 8; --i, v.lo >>= 8) b[i] = static_cast<std::uint8_t>(v.lo & 0xff);
  return b;
}

// Decimal text, for address counts in messages (a v6 count can exceed 64 bits).
inline std::string to_decimal(U128 v) {
  if (v.hi == 0) return std::to_string(v.lo);
  std::string digits;
  while (v.hi != 0 || v.lo != 0) {
    // Long division by 10 over two 64-bit halves, 32 bits at a time.
    std::uint64_t rem = 0;
    std::uint32_t parts[4] = {static_cast<std::uint32_t>(v.hi >> 32), static_cast<std::uint32_t>(v.hi),
                              static_cast<std::uint32_t>(v.lo >> 32), static_cast<std::uint32_t>(v.lo)};
    for (auto& p : parts) {
      std::uint64_t cur = (rem << 32) | p;
      p = static_cast<std::uint32_t>(cur / 10);
      rem = cur % 10;
    }
    v.hi = (std::uint64_t{parts[0]} << 32) | parts[1];
    v.lo = (std::uint64_t{parts[2]} << 32) | parts[3];
    digits.push_back(static_cast<char>('0' + rem));
  }
  std::reverse(digits.begin(), digits.end());
  return digits;
}

}  // namespace aip::net::detail
