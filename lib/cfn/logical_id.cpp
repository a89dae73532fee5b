#include "cfn/logical_id.hpp"

#include <cctype>

namespace aip::cfn {

std::string pascal_case(std::string_view name) {
  std::string out;
  bool upper_next = true;
  for (char c : name) {
    auto u = static_cast<unsigned char>(c);
    if (!std::isalnum(u)) {
      upper_next = true;
      continue;
    }
    out += upper_next ? static_cast<char>(std::toupper(u)) : c;
    upper_next = false;
  }
  return out;
}

}  // namespace aip::cfn
