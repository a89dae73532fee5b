#include "iam/policy.hpp"

namespace aip::iam {

const char* to_string(Effect e) { return e == Effect::Allow ? "Allow" : "Deny"; }

std::string service_prefix(const std::string& action) {
  if (action == "*") return "*";
  const auto colon = action.find(':');
  return colon == std::string::npos ? std::string() : action.substr(0, colon);
}

}  // namespace aip::iam
