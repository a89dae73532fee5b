// Condition operator names: "ForAllValues:StringLikeIfExists" split into its
// set qualifier, base operator and IfExists flag.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace aip::iam {

enum class SetQualifier { None, ForAllValues, ForAnyValue };

enum class BaseOperator {
  StringEquals, StringNotEquals, StringEqualsIgnoreCase, StringNotEqualsIgnoreCase,
  StringLike, StringNotLike,
  NumericEquals, NumericNotEquals, NumericLessThan, NumericLessThanEquals,
  NumericGreaterThan, NumericGreaterThanEquals,
  DateEquals, DateNotEquals, DateLessThan, DateLessThanEquals,
  DateGreaterThan, DateGreaterThanEquals,
  Bool, BinaryEquals, IpAddress, NotIpAddress,
  ArnEquals, ArnLike, ArnNotEquals, ArnNotLike,
  Null,
};

struct ConditionOperator {
  SetQualifier set = SetQualifier::None;
  BaseOperator base = BaseOperator::StringEquals;
  bool if_exists = false;
};

// nullopt for anything IAM does not accept (names are case-sensitive; Null
// takes neither IfExists nor a set qualifier).
std::optional<ConditionOperator> parse_condition_operator(std::string_view name);

// Base operator names, for suggestions.
const std::vector<std::string>& base_operator_names();

// Negated operators (StringNotEquals, NotIpAddress, ...) are true when the
// request value matches none of the policy values.
bool is_negated(BaseOperator op);

}  // namespace aip::iam
