// Shared helpers for the aip_net tests.
#pragma once

#include <catch2/catch.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "net/cidr.hpp"

namespace aip::net::test {

// Parses text that the test expects to be valid; fails the test with the parse
// error otherwise, so a typo in a fixture is reported as such.
inline Prefix P(std::string_view text) {
  std::string error;
  auto p = Prefix::parse(text, &error);
  INFO("parsing " << text << ": " << error);
  REQUIRE(p.has_value());
  return *p;
}

// The error message for text that must not parse.
inline std::string parse_error(std::string_view text) {
  std::string error;
  auto p = Prefix::parse(text, &error);
  INFO("parsing " << text);
  REQUIRE_FALSE(p.has_value());
  return error;
}

inline std::vector<std::string> strs(const std::vector<Prefix>& ps) {
  std::vector<std::string> out;
  for (const auto& p : ps) out.push_back(p.str());
  return out;
}

}  // namespace aip::net::test
