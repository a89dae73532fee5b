#include "net/carve.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <utility>

#include "net/u128.hpp"

namespace aip::net {

namespace {

using detail::U128;

const char* family_name(Family f) { return f == Family::v4 ? "IPv4" : "IPv6"; }

// 2^log2 in decimal; 2^128 does not fit in a U128, so it is spelled out.
std::string count_text(int log2) {
  if (log2 >= 128) return "340282366920938463463374607431768211456";
  return detail::to_decimal(detail::shl(U128{0, 1}, log2));
}

bool check_lengths(const Prefix& parent, const std::vector<int>& lengths, std::string* error) {
  for (int len : lengths) {
    if (len < 0 || len > parent.max_length()) {
      if (error) {
        *error = fmt::format("/{} is not a valid {} prefix length (it must be between /0 and /{})", len,
                             family_name(parent.family()), parent.max_length());
      }
      return false;
    }
    if (len < parent.length()) {
      if (error) *error = fmt::format("a /{} subnet cannot fit in {}", len, parent.str());
      return false;
    }
  }
  return true;
}

// Taken blocks that matter: same family (anything else is a caller mistake) and
// overlapping the parent (blocks elsewhere in the address space cannot collide).
std::optional<std::vector<Prefix>> relevant_taken(const Prefix& parent, const std::vector<Prefix>& taken,
                                                  std::string* error) {
  std::vector<Prefix> out;
  for (const Prefix& t : taken) {
    if (t.family() != parent.family()) {
      if (error) {
        *error = fmt::format("taken block {} is {}, but {} is {}", t.str(), family_name(t.family()), parent.str(),
                             family_name(parent.family()));
      }
      return std::nullopt;
    }
    if (t.overlaps(parent)) out.push_back(t);
  }
  std::sort(out.begin(), out.end());
  return out;
}

// "/24 x 3, /26 x 2", lengths in order of first request so it reads like the input.
std::string breakdown(const std::vector<int>& lengths) {
  std::vector<std::pair<int, int>> counts;
  for (int len : lengths) {
    auto it = std::find_if(counts.begin(), counts.end(), [len](const auto& c) { return c.first == len; });
    if (it == counts.end()) {
      counts.emplace_back(len, 1);
    } else {
      ++it->second;
    }
  }
  std::string out;
  for (const auto& [len, n] : counts) {
    if (!out.empty()) out += ", ";
    out += fmt::format("/{} x {}", len, n);
  }
  return out;
}

// Total addresses requested, minus one so that exactly 2^128 (e.g. two /1 in
// ::/0) is representable; nullopt when the total passes 2^128, which cannot fit
// anywhere. Precondition: lengths is not empty.
std::optional<U128> total_need_minus_1(const Prefix& parent, const std::vector<int>& lengths) {
  U128 total = detail::low_mask(parent.max_length() - lengths[0]);
  for (std::size_t i = 1; i < lengths.size(); ++i) {
    int log2 = parent.max_length() - lengths[i];
    if (log2 >= 128) return std::nullopt;
    bool carry = false;
    total = detail::add(total, detail::shl(U128{0, 1}, log2), &carry);
    if (carry) return std::nullopt;
  }
  return total;
}

// Whether the requested sizes add up to at most the parent's size, compared as
// (size - 1) so that a /0 v6 parent (2^128 addresses) needs no wider integer.
bool fits(const Prefix& parent, const std::vector<int>& lengths) {
  if (lengths.empty()) return true;
  auto need = total_need_minus_1(parent, lengths);
  return need && *need <= detail::low_mask(parent.size_log2());
}

std::string need_text(const std::optional<U128>& need_minus_1) {
  if (!need_minus_1) return "more than 2^128";
  bool carry = false;
  U128 need = detail::add(*need_minus_1, U128{0, 1}, &carry);
  return carry ? count_text(128) : detail::to_decimal(need);
}

std::string too_small_message(const Prefix& parent, const std::vector<int>& lengths) {
  std::size_t n = lengths.size();
  return fmt::format("{} is too small: {} subnet{} {} {} addresses ({}), it has {}", parent.str(), n,
                     n == 1 ? "" : "s", n == 1 ? "needs" : "need", need_text(total_need_minus_1(parent, lengths)),
                     breakdown(lengths), count_text(parent.size_log2()));
}

std::string no_room_message(const Prefix& parent, std::size_t k, const std::vector<int>& lengths, bool any_taken) {
  const char* why = any_taken ? "after skipping taken blocks and alignment gaps"
                              : "after alignment gaps (listing larger subnets first avoids them)";
  return fmt::format("{} has no room for subnet {} of {} (/{}) {}", parent.str(), k + 1, lengths.size(), lengths[k],
                     why);
}

// Lowest multiple of 2^host_bits at or above x; nullopt if that passes 2^128.
std::optional<U128> align_up(U128 x, int host_bits) {
  U128 mask = detail::low_mask(host_bits);
  if ((x & mask) == U128{}) return x;
  bool carry = false;
  U128 r = detail::add(x | mask, U128{0, 1}, &carry);
  if (carry) return std::nullopt;
  return r;
}

// First taken block sharing any address with [first, last], if any.
const Prefix* first_collision(const std::vector<Prefix>& taken, U128 first, U128 last) {
  for (const Prefix& t : taken) {
    if (detail::from_bytes(t.network()) <= last && detail::from_bytes(t.last()) >= first) return &t;
  }
  return nullptr;
}

// The block of the given length starting `offset` addresses into parent. Built
// via subnet() so carve needs no private access; subnet() takes a 64-bit index,
// so deeper splits (more than 64 bits below a v6 parent) go in two steps.
Prefix block_at(const Prefix& parent, int len, U128 offset) {
  U128 index = detail::shr(offset, parent.max_length() - len);
  int bits = len - parent.length();
  if (bits <= 64) return parent.subnet(len, index.lo);
  return parent.subnet(len - 64, index.hi).subnet(len, index.lo);
}

// Finds the lowest aligned block of 2^host_bits addresses at or after cursor,
// inside [.., parent_last], clear of taken blocks. Each collision moves the
// cursor past the taken block, so this runs at most taken.size() + 1 rounds.
std::optional<U128> place(U128 cursor, int host_bits, U128 parent_last, const std::vector<Prefix>& taken) {
  for (;;) {
    auto start = align_up(cursor, host_bits);
    if (!start) return std::nullopt;
    U128 end = *start | detail::low_mask(host_bits);
    if (*start > parent_last || end > parent_last) return std::nullopt;
    const Prefix* hit = first_collision(taken, *start, end);
    if (!hit) return start;
    bool carry = false;
    cursor = detail::add(detail::from_bytes(hit->last()), U128{0, 1}, &carry);
    if (carry) return std::nullopt;
  }
}

}  // namespace

std::optional<std::vector<Prefix>> carve(const Prefix& parent, const std::vector<int>& lengths, std::string* error,
                                         const std::vector<Prefix>& taken) {
  if (!check_lengths(parent, lengths, error)) return std::nullopt;
  auto blocked = relevant_taken(parent, taken, error);
  if (!blocked) return std::nullopt;
  if (!fits(parent, lengths)) {
    if (error) *error = too_small_message(parent, lengths);
    return std::nullopt;
  }

  const U128 base = detail::from_bytes(parent.network());
  const U128 parent_last = detail::from_bytes(parent.last());
  std::vector<Prefix> out;
  out.reserve(lengths.size());
  U128 cursor = base;
  bool exhausted = false;  // the previous block ended at the very top of the v6 space
  for (std::size_t k = 0; k < lengths.size(); ++k) {
    int host_bits = parent.max_length() - lengths[k];
    auto start = exhausted ? std::nullopt : place(cursor, host_bits, parent_last, *blocked);
    if (!start) {
      if (error) *error = no_room_message(parent, k, lengths, !blocked->empty());
      return std::nullopt;
    }
    out.push_back(block_at(parent, lengths[k], detail::sub(*start, base)));
    bool carry = false;
    cursor = detail::add(*start | detail::low_mask(host_bits), U128{0, 1}, &carry);
    exhausted = carry;
  }
  return out;
}

}  // namespace aip::net
