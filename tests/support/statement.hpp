// The statement of a policy document with a given Sid; fails the test when
// there is none.
#pragma once

#include <catch2/catch.hpp>

#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

namespace aip::test {

inline const nlohmann::json& statement(const nlohmann::json& policy, const std::string& sid) {
  for (const nlohmann::json& s : policy["Statement"]) {
    if (s.value("Sid", "") == sid) return s;
  }
  FAIL("no statement " << sid);
  throw std::logic_error("unreachable");
}

}  // namespace aip::test
