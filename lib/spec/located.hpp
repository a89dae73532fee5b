// A value and the place in the spec it was written.
#pragma once

#include <map>
#include <string>

#include "base/source.hpp"

namespace aip::spec {

template <class T>
struct Located {
  T value{};
  Location location;
};

using Tags = std::map<std::string, Located<std::string>>;

}  // namespace aip::spec
