// Small builders shared by the evaluator tests.
#pragma once

#include "iam/evaluate.hpp"

namespace iam_test {

inline aip::iam::NamedPolicy named(std::string name, const char* text) {
  return {std::move(name), aip::iam::parse_policy_or_throw(aip::iam::Json::parse(text))};
}

inline aip::iam::Request request(std::string action, std::string resource,
                                 std::string principal = "arn:aws:iam::111122223333:role/app") {
  aip::iam::Request r;
  r.principal = std::move(principal);
  r.action = std::move(action);
  r.resource = std::move(resource);
  r.region = "us-east-1";
  r.account_id = "111122223333";
  return r;
}

}  // namespace iam_test
