// A value of `environment:` (functions, service containers): a literal string,
// or one of the reference tags that raw resources' properties take (!ref, !arn,
// !attr, !sub; docs/resources.md). The reader checks the tag's shape
// (spec/resources.hpp: read_env_value), check_resources.cpp the element it
// names, and plan/resources.cpp resolves it after the raw resources are
// planned, with the same exports, imports and errors as a raw resource's.
// A reference is data (an address, a name), never a grant.
#pragma once

#include <string>

#include "spec/located.hpp"

namespace aip::spec {

struct EnvValue : Located<std::string> {
  std::string tag;  // "!ref", "!arn", "!attr" or "!sub"; empty: value is the literal

  bool is_reference() const { return !tag.empty(); }
  // What a planner writes until the reference is resolved (and what a
  // function's version digest covers): the tag and its text as written.
  std::string written() const { return tag.empty() ? value : tag + " " + value; }
};

}  // namespace aip::spec
