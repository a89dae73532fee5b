#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

#include "net/carve.hpp"
#include "net_test_util.hpp"

using aip::net::carve;
using aip::net::Prefix;
using aip::net::test::P;
using aip::net::test::strs;
using Strings = std::vector<std::string>;

namespace {

// Carves and expects success; returns the blocks as text.
Strings carved(const char* parent, const std::vector<int>& lengths, const std::vector<Prefix>& taken = {}) {
  std::string error;
  auto out = carve(P(parent), lengths, &error, taken);
  INFO("carve error: " << error);
  REQUIRE(out.has_value());
  return strs(*out);
}

// Carves and expects failure; returns the message.
std::string carve_error(const char* parent, const std::vector<int>& lengths, const std::vector<Prefix>& taken = {}) {
  std::string error;
  auto out = carve(P(parent), lengths, &error, taken);
  REQUIRE_FALSE(out.has_value());
  return error;
}

}  // namespace

TEST_CASE("carve: nine /24 from a /16 are consecutive", "[net][carve]") {
  // Three tiers over three AZs, the seed case.
  CHECK(carved("10.0.0.0/16", std::vector<int>(9, 24)) ==
        Strings{"10.0.0.0/24", "10.0.1.0/24", "10.0.2.0/24", "10.0.3.0/24", "10.0.4.0/24", "10.0.5.0/24",
                "10.0.6.0/24", "10.0.7.0/24", "10.0.8.0/24"});
}

TEST_CASE("carve: mixed sizes are aligned to their own size", "[net][carve]") {
  CHECK(carved("10.0.0.0/16", {24, 20, 26, 22}) ==
        Strings{"10.0.0.0/24", "10.0.16.0/20", "10.0.32.0/26", "10.0.36.0/22"});
  // Largest first leaves no gaps.
  CHECK(carved("10.0.0.0/23", {24, 25, 25}) == Strings{"10.0.0.0/24", "10.0.1.0/25", "10.0.1.128/25"});
  // The whole parent as one block, and the last block ending at the parent's end.
  CHECK(carved("10.0.0.0/16", {16}) == Strings{"10.0.0.0/16"});
  CHECK(carved("255.255.255.0/24", {25, 25}) == Strings{"255.255.255.0/25", "255.255.255.128/25"});
  CHECK(carved("10.0.0.0/16", {}).empty());
}

TEST_CASE("carve: taken blocks are skipped", "[net][carve]") {
  // A taken block equal to a candidate.
  CHECK(carved("10.0.0.0/16", {24, 24, 24}, {P("10.0.1.0/24")}) ==
        Strings{"10.0.0.0/24", "10.0.2.0/24", "10.0.3.0/24"});
  // A taken block smaller than, and inside, a candidate.
  CHECK(carved("10.0.0.0/16", {24, 24}, {P("10.0.0.128/25")}) == Strings{"10.0.1.0/24", "10.0.2.0/24"});
  // A taken block larger than the candidates.
  CHECK(carved("10.0.0.0/16", {24, 24}, {P("10.0.0.0/22")}) == Strings{"10.0.4.0/24", "10.0.5.0/24"});
  // Several taken blocks, given out of order; a smaller request fits in between.
  CHECK(carved("10.0.0.0/16", {24, 25, 24}, {P("10.0.3.0/24"), P("10.0.1.0/25")}) ==
        Strings{"10.0.0.0/24", "10.0.1.128/25", "10.0.2.0/24"});
  // Blocks outside the parent are irrelevant.
  CHECK(carved("10.0.0.0/16", {24}, {P("192.168.0.0/16"), P("10.1.0.0/24")}) == Strings{"10.0.0.0/24"});
  // A taken block covering the parent start, bigger than the parent itself.
  CHECK(carve_error("10.0.0.0/24", {26}, {P("10.0.0.0/8")}) ==
        "10.0.0.0/24 has no room for subnet 1 of 1 (/26) after skipping taken blocks and alignment gaps");
}

TEST_CASE("carve: errors", "[net][carve]") {
  CHECK(carve_error("10.0.0.0/24", std::vector<int>(9, 24)) ==
        "10.0.0.0/24 is too small: 9 subnets need 2304 addresses (/24 x 9), it has 256");
  CHECK(carve_error("10.0.0.0/24", {25, 25, 26}) ==
        "10.0.0.0/24 is too small: 3 subnets need 320 addresses (/25 x 2, /26 x 1), it has 256");
  CHECK(carve_error("10.0.0.0/16", {8}) == "a /8 subnet cannot fit in 10.0.0.0/16");
  CHECK(carve_error("10.0.0.0/16", {24, 33}) ==
        "/33 is not a valid IPv4 prefix length (it must be between /0 and /32)");
  CHECK(carve_error("10.0.0.0/16", {-1}) == "/-1 is not a valid IPv4 prefix length (it must be between /0 and /32)");
  CHECK(carve_error("2001:db8::/32", {129}) ==
        "/129 is not a valid IPv6 prefix length (it must be between /0 and /128)");
  // Enough addresses in total, but the order wastes space on alignment.
  CHECK(carve_error("10.0.0.0/23", {25, 24, 25}) ==
        "10.0.0.0/23 has no room for subnet 3 of 3 (/25) after alignment gaps (listing larger subnets first avoids "
        "them)");
  CHECK(carve_error("10.0.0.0/24", {25, 25}, {P("10.0.0.0/26")}) ==
        "10.0.0.0/24 has no room for subnet 2 of 2 (/25) after skipping taken blocks and alignment gaps");
  CHECK(carve_error("10.0.0.0/16", {24}, {P("2001:db8::/64")}) ==
        "taken block 2001:db8::/64 is IPv6, but 10.0.0.0/16 is IPv4");

  std::string error;
  CHECK_FALSE(carve(P("10.0.0.0/24"), {23}, nullptr).has_value());  // null error pointer is fine
  CHECK(carve(P("10.0.0.0/24"), {24}, &error).has_value());
}

TEST_CASE("carve: IPv6", "[net][carve]") {
  CHECK(carved("2001:db8:0:100::/56", {64, 64, 64, 64}) ==
        Strings{"2001:db8:0:100::/64", "2001:db8:0:101::/64", "2001:db8:0:102::/64", "2001:db8:0:103::/64"});
  auto all = carved("2001:db8:0:100::/56", std::vector<int>(256, 64));
  REQUIRE(all.size() == 256);
  CHECK(all.back() == "2001:db8:0:1ff::/64");
  CHECK(carve_error("2001:db8:0:100::/56", std::vector<int>(257, 64)) ==
        "2001:db8:0:100::/56 is too small: 257 subnets need 4740813226943354765312 addresses (/64 x 257), "
        "it has 4722366482869645213696");
  // More than 64 bits below the parent.
  CHECK(carved("2001:db8::/32", {128, 128}) == Strings{"2001:db8::/128", "2001:db8::1/128"});
  CHECK(carved("2001:db8::/32", {64, 128}) == Strings{"2001:db8::/64", "2001:db8:0:1::/128"});
  CHECK(carved("2001:db8::/32", {64}, {P("2001:db8::/48")}) == Strings{"2001:db8:1::/64"});
  // The whole address space.
  CHECK(carved("::/0", {0}) == Strings{"::/0"});
  CHECK(carved("::/0", {1, 1}) == Strings{"::/1", "8000::/1"});
  CHECK(carved("::/0", {1, 2, 2}) == Strings{"::/1", "8000::/2", "c000::/2"});
  CHECK(carve_error("::/0", {1, 1, 1}) ==
        "::/0 is too small: 3 subnets need more than 2^128 addresses (/1 x 3), "
        "it has 340282366920938463463374607431768211456");
  CHECK(carve_error("::/0", {2, 1, 2}) ==
        "::/0 has no room for subnet 3 of 3 (/2) after alignment gaps (listing larger subnets first avoids them)");
}

TEST_CASE("carve: random requests give disjoint aligned blocks in order", "[net][carve]") {
  std::mt19937 rng(20240611);
  Prefix parent = P("10.0.0.0/16");
  int successes = 0;
  for (int round = 0; round < 200; ++round) {
    std::vector<int> lengths(rng() % 8 + 1);
    for (int& len : lengths) len = static_cast<int>(20 + rng() % 9);  // /20../28
    std::vector<Prefix> taken(rng() % 4);
    for (Prefix& t : taken) {
      int len = static_cast<int>(18 + rng() % 11);
      t = parent.subnet(len, rng() % (1u << (len - 16)));
    }
    std::string error;
    auto out = carve(parent, lengths, &error, taken);
    if (!out) continue;
    ++successes;
    REQUIRE(out->size() == lengths.size());
    for (std::size_t i = 0; i < out->size(); ++i) {
      const Prefix& b = (*out)[i];
      CHECK(b.length() == lengths[i]);
      CHECK(parent.contains(b));
      for (const Prefix& t : taken) CHECK_FALSE(b.overlaps(t));
      if (i > 0) CHECK((*out)[i - 1].last() < b.network());  // sequential, disjoint
    }
  }
  CHECK(successes > 100);
}
