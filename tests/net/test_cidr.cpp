#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <stdexcept>

#include "net/cidr.hpp"
#include "net_test_util.hpp"

using aip::net::Family;
using aip::net::Prefix;
using aip::net::test::P;
using aip::net::test::parse_error;

TEST_CASE("IPv4 prefixes parse and print canonically", "[net][cidr]") {
  for (const char* text : {"10.0.0.0/16", "0.0.0.0/0", "255.255.255.255/32", "192.168.1.128/25", "172.16.0.0/12"}) {
    Prefix p = P(text);
    CHECK(p.str() == text);
    CHECK(p.family() == Family::v4);
    CHECK(p.max_length() == 32);
  }
  CHECK(P("10.0.0.0/16").length() == 16);
}

TEST_CASE("IPv4 parse errors name the problem", "[net][cidr]") {
  CHECK(parse_error("10.0.1.0/16") == "10.0.1.0/16 has host bits set; did you mean 10.0.0.0/16?");
  CHECK(parse_error("192.168.1.1/24") == "192.168.1.1/24 has host bits set; did you mean 192.168.1.0/24?");
  CHECK(parse_error("10.0.0.0") == "'10.0.0.0' has no prefix length (write it as 10.0.0.0/32 for one address)");
  CHECK(parse_error("10.0.256.0/24") == "'10.0.256.0/24' has octet 256, which is greater than 255");
  CHECK(parse_error("1111.0.0.0/8") == "'1111.0.0.0/8' has octet 1111, which is greater than 255");
  CHECK(parse_error("010.0.0.0/8") ==
        "'010.0.0.0/8' has octet '010' with a leading zero, which is ambiguous (octal or decimal?)");
  CHECK(parse_error("10.0.0/8") == "'10.0.0/8' has 3 octets; an IPv4 address needs 4");
  CHECK(parse_error("1.2.3.4.5/32") == "'1.2.3.4.5/32' has 5 octets; an IPv4 address needs 4");
  CHECK(parse_error("10/8") == "'10/8' has 1 octet; an IPv4 address needs 4");
  CHECK(parse_error("10..0.0/8") == "'10..0.0/8' has an empty octet");
  CHECK(parse_error("10.0.0.0./8") == "'10.0.0.0./8' has an empty octet");
  CHECK(parse_error("10.0.a.0/24") == "'10.0.a.0/24' has octet 'a', which is not a decimal number");
  CHECK(parse_error("10.0.-1.0/24") == "'10.0.-1.0/24' has octet '-1', which is not a decimal number");
}

TEST_CASE("prefix length and overall syntax errors", "[net][cidr]") {
  CHECK(parse_error("10.0.0.0/33") == "'10.0.0.0/33' has prefix length 33, but an IPv4 prefix is at most /32");
  CHECK(parse_error("10.0.0.0/99999999999") ==
        "'10.0.0.0/99999999999' has prefix length 99999999999, but an IPv4 prefix is at most /32");
  CHECK(parse_error("10.0.0.0/") == "'10.0.0.0/' has an empty prefix length after '/'");
  CHECK(parse_error("10.0.0.0/x") == "'10.0.0.0/x' has prefix length 'x', which is not a decimal number");
  CHECK(parse_error("10.0.0.0/-1") == "'10.0.0.0/-1' has prefix length '-1', which is not a decimal number");
  CHECK(parse_error("10.0.0.0/+8") == "'10.0.0.0/+8' has prefix length '+8', which is not a decimal number");
  CHECK(parse_error("10.0.0.0/08") == "'10.0.0.0/08' has prefix length '08' with a leading zero");
  CHECK(parse_error("10.0.0.0/8/9") == "'10.0.0.0/8/9' has more than one '/'");
  CHECK(parse_error("") == "the CIDR is empty; expected a prefix such as 10.0.0.0/16");
  CHECK(parse_error(" 10.0.0.0/8") == "' 10.0.0.0/8' contains whitespace");
  CHECK(parse_error("10.0.0.0/8\n") == "'10.0.0.0/8\n' contains whitespace");
  CHECK(parse_error("10.0.0.0 /8") == "'10.0.0.0 /8' contains whitespace");
  CHECK(parse_error("/8") == "'/8' has no address before the '/'");
  CHECK(parse_error("foo/8") == "'foo/8' is not an IPv4 or IPv6 prefix");
  CHECK(parse_error("localhost") == "'localhost' is not an IPv4 or IPv6 prefix");
}

TEST_CASE("parse accepts a null error pointer", "[net][cidr]") {
  CHECK_FALSE(Prefix::parse("10.0.1.0/16", nullptr).has_value());
  CHECK_FALSE(Prefix::parse("", nullptr).has_value());
  CHECK(Prefix::parse("10.0.0.0/16", nullptr).has_value());
}

TEST_CASE("IPv6 prefixes print in RFC 5952 form", "[net][cidr]") {
  CHECK(P("2001:DB8::/32").str() == "2001:db8::/32");
  CHECK(P("2001:0db8:0000:0000:0000:0000:0000:0000/32").str() == "2001:db8::/32");
  CHECK(P("::/0").str() == "::/0");
  CHECK(P("::1/128").str() == "::1/128");
  CHECK(P("fe80::/10").str() == "fe80::/10");
  // Longest zero run wins; the first one on a tie; a single zero group stays.
  CHECK(P("2001:0:0:1:0:0:0:1/128").str() == "2001:0:0:1::1/128");
  CHECK(P("2001:db8:0:0:1:0:0:1/128").str() == "2001:db8::1:0:0:1/128");
  CHECK(P("2001:db8:0:1:1:1:1:1/128").str() == "2001:db8:0:1:1:1:1:1/128");
  CHECK(P("1:2:3:4:5:6:7::/128").str() == "1:2:3:4:5:6:7:0/128");
  CHECK(P("1::/16").str() == "1::/16");
  CHECK(P("0:0:0:0:0:0:0:0/0").str() == "::/0");
  CHECK(P("2001:db8:abcd:12::/64").family() == Family::v6);
  CHECK(P("2001:db8:abcd:12::/64").max_length() == 128);
}

TEST_CASE("IPv6 with an embedded IPv4 address", "[net][cidr]") {
  // IPv4-mapped addresses keep the mixed notation (RFC 5952 section 5).
  CHECK(P("::ffff:1.2.3.4/128").str() == "::ffff:1.2.3.4/128");
  CHECK(P("::ffff:0102:0304/128").str() == "::ffff:1.2.3.4/128");
  CHECK(P("::FFFF:0:0/96").str() == "::ffff:0.0.0.0/96");
  // Other embeddings print as plain hex.
  CHECK(P("64:ff9b::192.0.2.33/128").str() == "64:ff9b::c000:221/128");
  CHECK(parse_error("::1.2.3.4:5/128") == "'::1.2.3.4:5/128' has an embedded IPv4 address that is not at the end");
  CHECK(parse_error("::ffff:1.2.3.256/128") == "'::ffff:1.2.3.256/128' has octet 256, which is greater than 255");
  CHECK(parse_error("::ffff:1.2.3/128") == "'::ffff:1.2.3/128' has 3 octets; an IPv4 address needs 4");
}

TEST_CASE("IPv6 parse errors name the problem", "[net][cidr]") {
  CHECK(parse_error("1::2::3/64") == "'1::2::3/64' has more than one '::'");
  CHECK(parse_error("2001:db8:12345::/48") == "'2001:db8:12345::/48' has group '12345' with more than 4 hex digits");
  CHECK(parse_error("2001:db8::g/64") == "'2001:db8::g/64' has group 'g', which is not hexadecimal");
  CHECK(parse_error("fe80::1%eth0/128") == "'fe80::1%eth0/128' has group '1%eth0', which is not hexadecimal");
  CHECK(parse_error("1:2:3:4:5:6:7/64") ==
        "'1:2:3:4:5:6:7/64' has 7 groups; an IPv6 address needs 8 (or '::' to stand for zero groups)");
  CHECK(parse_error("1:2:3:4:5:6:7:8:9/128") ==
        "'1:2:3:4:5:6:7:8:9/128' has 9 groups; an IPv6 address needs 8 (or '::' to stand for zero groups)");
  CHECK(parse_error("1:2:3:4::5:6:7:8/128") ==
        "'1:2:3:4::5:6:7:8/128' has 8 groups besides '::', but an IPv6 address holds only 8");
  CHECK(parse_error(":1:2:3:4:5:6:7/128") == "':1:2:3:4:5:6:7/128' has an empty group (a lone ':')");
  CHECK(parse_error("1:2:3:4:5:6:7:/128") == "'1:2:3:4:5:6:7:/128' has an empty group (a lone ':')");
  CHECK(parse_error("2001:db8::1") ==
        "'2001:db8::1' has no prefix length (write it as 2001:db8::1/128 for one address)");
  CHECK(parse_error("2001:db8::1/64") == "2001:db8::1/64 has host bits set; did you mean 2001:db8::/64?");
  CHECK(parse_error("2001:db8::/129") == "'2001:db8::/129' has prefix length 129, but an IPv6 prefix is at most /128");
}

TEST_CASE("contains and overlaps", "[net][cidr]") {
  Prefix ten = P("10.0.0.0/8");
  Prefix ten_one = P("10.1.0.0/16");
  Prefix eleven = P("11.0.0.0/8");
  CHECK(ten.contains(ten_one));
  CHECK(ten.contains(ten));
  CHECK_FALSE(ten_one.contains(ten));
  CHECK_FALSE(ten.contains(eleven));
  CHECK(P("0.0.0.0/0").contains(P("255.255.255.255/32")));
  CHECK_FALSE(P("10.0.0.0/24").contains(P("10.0.1.0/24")));
  CHECK(P("10.0.0.0/23").contains(P("10.0.1.0/24")));

  CHECK(ten.overlaps(ten_one));
  CHECK(ten_one.overlaps(ten));
  CHECK(ten.overlaps(ten));
  CHECK_FALSE(ten.overlaps(eleven));
  CHECK_FALSE(P("10.0.0.0/24").overlaps(P("10.0.1.0/24")));

  CHECK(P("2001:db8::/32").contains(P("2001:db8:ffff:ffff::/64")));
  CHECK_FALSE(P("2001:db8::/32").contains(P("2001:db9::/64")));
  CHECK(P("::/0").contains(P("::1/128")));
  // Same bit pattern in the low 32 bits, different families: never related.
  CHECK_FALSE(P("0.0.0.0/0").contains(P("::/0")));
  CHECK_FALSE(P("::/0").contains(P("10.0.0.0/8")));
  CHECK_FALSE(P("::a00:0/104").overlaps(P("10.0.0.0/8")));
}

TEST_CASE("size and size_log2", "[net][cidr]") {
  CHECK(P("10.0.0.0/16").size() == 65536);
  CHECK(P("10.0.0.0/16").size_log2() == 16);
  CHECK(P("10.0.0.1/32").size() == 1);
  CHECK(P("0.0.0.0/0").size() == (std::uint64_t{1} << 32));
  CHECK(P("2001:db8::/65").size() == (std::uint64_t{1} << 63));
  CHECK(P("2001:db8::/64").size() == UINT64_MAX);  // 2^64 saturates
  CHECK(P("2001:db8::/64").size_log2() == 64);
  CHECK(P("::/0").size() == UINT64_MAX);
  CHECK(P("::/0").size_log2() == 128);
  CHECK(P("::1/128").size() == 1);
}

TEST_CASE("subnet picks the i-th sub-prefix", "[net][cidr]") {
  Prefix vpc = P("10.0.0.0/16");
  CHECK(vpc.subnet(24, 0).str() == "10.0.0.0/24");
  CHECK(vpc.subnet(24, 5).str() == "10.0.5.0/24");
  CHECK(vpc.subnet(24, 255).str() == "10.0.255.0/24");
  CHECK(vpc.subnet(16, 0) == vpc);
  CHECK(vpc.subnet(17, 1).str() == "10.0.128.0/17");
  CHECK(P("10.0.0.0/8").subnet(32, (1u << 24) - 1).str() == "10.255.255.255/32");
  CHECK(P("2001:db8::/32").subnet(48, 0xabcd).str() == "2001:db8:abcd::/48");
  CHECK(P("2001:db8:0:100::/56").subnet(64, 3).str() == "2001:db8:0:103::/64");
  CHECK(P("::/0").subnet(128, 1).str() == "::1/128");
  CHECK(P("::/0").subnet(64, UINT64_MAX).str() == "ffff:ffff:ffff:ffff::/64");

  CHECK_THROWS_AS(vpc.subnet(24, 256), std::out_of_range);
  CHECK_THROWS_AS(vpc.subnet(8, 0), std::invalid_argument);
  CHECK_THROWS_AS(vpc.subnet(33, 0), std::invalid_argument);
}

TEST_CASE("network and last addresses", "[net][cidr]") {
  using Bytes = std::array<std::uint8_t, 16>;
  Prefix vpc = P("10.0.0.0/16");
  CHECK(vpc.network() == Bytes{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 10, 0, 0, 0});
  CHECK(vpc.last() == Bytes{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 10, 0, 255, 255});
  CHECK(P("0.0.0.0/0").last() == Bytes{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 255, 255, 255, 255});
  Prefix v6 = P("2001:db8::/32");
  CHECK(v6.network() == Bytes{0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
  CHECK(v6.last() == Bytes{0x20, 0x01, 0x0d, 0xb8, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255});
  CHECK(P("::1/128").last() == P("::1/128").network());
}

TEST_CASE("ordering: family, then address, then shorter first", "[net][cidr]") {
  std::vector<Prefix> ps = {P("2001:db8::/32"), P("10.0.1.0/24"), P("::/0"),        P("10.0.0.0/16"),
                            P("11.0.0.0/8"),    P("10.0.0.0/8"),  P("10.0.0.0/24"), P("2001:db8::/48")};
  std::sort(ps.begin(), ps.end());
  CHECK(aip::net::test::strs(ps) == std::vector<std::string>{"10.0.0.0/8", "10.0.0.0/16", "10.0.0.0/24",
                                                              "10.0.1.0/24", "11.0.0.0/8", "::/0", "2001:db8::/32",
                                                              "2001:db8::/48"});
  CHECK(P("10.0.0.0/8") < P("10.0.0.0/9"));
  CHECK_FALSE(P("10.0.0.0/9") < P("10.0.0.0/8"));
  CHECK_FALSE(P("10.0.0.0/8") < P("10.0.0.0/8"));
  CHECK(P("255.255.255.255/32") < P("::/0"));
  CHECK(P("10.0.0.0/8") == P("10.0.0.0/8"));
  CHECK_FALSE(P("10.0.0.0/8") == P("10.0.0.0/9"));
}
