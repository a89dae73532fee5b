// Internal to the evaluator: three-valued logic, request-key lookup and value
// resolution shared by the statement matcher and the condition operators.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "iam/evaluate.hpp"

namespace aip::iam {

enum class Tri { No, Yes, Unknown };

inline Tri tri(bool b) { return b ? Tri::Yes : Tri::No; }
inline Tri tri_not(Tri t) { return t == Tri::Yes ? Tri::No : t == Tri::No ? Tri::Yes : Tri::Unknown; }
// Accumulators: start from Tri::No (or) / Tri::Yes (and).
inline Tri tri_or(Tri a, Tri b) {
  if (a == Tri::Yes || b == Tri::Yes) return Tri::Yes;
  return a == Tri::Unknown || b == Tri::Unknown ? Tri::Unknown : Tri::No;
}
inline Tri tri_and(Tri a, Tri b) {
  if (a == Tri::No || b == Tri::No) return Tri::No;
  return a == Tri::Unknown || b == Tri::Unknown ? Tri::Unknown : Tri::Yes;
}

struct KeyValues {
  enum class State { Present, Absent, Unknown } state = State::Unknown;
  std::vector<std::string> values;
};

class EvalContext {
 public:
  EvalContext(const Request& request, const Resolver& resolver, bool policy_variables)
      : request_(request), resolver_(resolver), variables_(policy_variables) {}

  const Request& request() const { return request_; }

  // A condition key's values in this request (context_keys.cpp).
  KeyValues lookup(std::string_view key) const;

  // A policy value as a string: intrinsics resolved, then ${policy:variables}
  // substituted (Version 2012-10-17 only). nullopt = unknown (resolve_value.cpp).
  std::optional<std::string> value(const Json& v) const;

 private:
  std::optional<std::string> intrinsic(const Json& v) const;
  std::optional<std::string> sub(const Json& args) const;
  std::optional<std::string> variables(const std::string& s) const;

  const Request& request_;
  const Resolver& resolver_;
  bool variables_;
};

// The account of an IAM / STS ARN, or of a bare 12-digit account id; "" if none.
std::string arn_account(std::string_view arn);

// An assumed-role session ARN as its role's ARN (without the role's path,
// which a session ARN does not carry); any other principal unchanged.
std::string principal_arn(const std::string& principal);

// Condition block of one statement (conditions.cpp).
Tri evaluate_conditions(const Conditions& conditions, const EvalContext& ctx);

}  // namespace aip::iam
