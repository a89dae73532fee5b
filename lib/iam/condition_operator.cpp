#include "iam/condition_operator.hpp"

#include <utility>

namespace aip::iam {

namespace {

const std::vector<std::pair<std::string, BaseOperator>>& table() {
  static const std::vector<std::pair<std::string, BaseOperator>> t = {
      {"StringEquals", BaseOperator::StringEquals},
      {"StringNotEquals", BaseOperator::StringNotEquals},
      {"StringEqualsIgnoreCase", BaseOperator::StringEqualsIgnoreCase},
      {"StringNotEqualsIgnoreCase", BaseOperator::StringNotEqualsIgnoreCase},
      {"StringLike", BaseOperator::StringLike},
      {"StringNotLike", BaseOperator::StringNotLike},
      {"NumericEquals", BaseOperator::NumericEquals},
      {"NumericNotEquals", BaseOperator::NumericNotEquals},
      {"NumericLessThan", BaseOperator::NumericLessThan},
      {"NumericLessThanEquals", BaseOperator::NumericLessThanEquals},
      {"NumericGreaterThan", BaseOperator::NumericGreaterThan},
      {"NumericGreaterThanEquals", BaseOperator::NumericGreaterThanEquals},
      {"DateEquals", BaseOperator::DateEquals},
      {"DateNotEquals", BaseOperator::DateNotEquals},
      {"DateLessThan", BaseOperator::DateLessThan},
      {"DateLessThanEquals", BaseOperator::DateLessThanEquals},
      {"DateGreaterThan", BaseOperator::DateGreaterThan},
      {"DateGreaterThanEquals", BaseOperator::DateGreaterThanEquals},
      {"Bool", BaseOperator::Bool},
      {"BinaryEquals", BaseOperator::BinaryEquals},
      {"IpAddress", BaseOperator::IpAddress},
      {"NotIpAddress", BaseOperator::NotIpAddress},
      {"ArnEquals", BaseOperator::ArnEquals},
      {"ArnLike", BaseOperator::ArnLike},
      {"ArnNotEquals", BaseOperator::ArnNotEquals},
      {"ArnNotLike", BaseOperator::ArnNotLike},
      {"Null", BaseOperator::Null},
  };
  return t;
}

bool consume_prefix(std::string_view& s, std::string_view prefix) {
  if (!s.starts_with(prefix)) return false;
  s.remove_prefix(prefix.size());
  return true;
}

}  // namespace

std::optional<ConditionOperator> parse_condition_operator(std::string_view name) {
  ConditionOperator op;
  if (consume_prefix(name, "ForAllValues:")) {
    op.set = SetQualifier::ForAllValues;
  } else if (consume_prefix(name, "ForAnyValue:")) {
    op.set = SetQualifier::ForAnyValue;
  }
  constexpr std::string_view kIfExists = "IfExists";
  if (name.ends_with(kIfExists)) {
    op.if_exists = true;
    name.remove_suffix(kIfExists.size());
  }
  for (const auto& [text, base] : table()) {
    if (name != text) continue;
    if (base == BaseOperator::Null && (op.if_exists || op.set != SetQualifier::None)) return std::nullopt;
    op.base = base;
    return op;
  }
  return std::nullopt;
}

const std::vector<std::string>& base_operator_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> v;
    for (const auto& entry : table()) v.push_back(entry.first);
    return v;
  }();
  return names;
}

bool is_negated(BaseOperator op) {
  switch (op) {
    case BaseOperator::StringNotEquals:
    case BaseOperator::StringNotEqualsIgnoreCase:
    case BaseOperator::StringNotLike:
    case BaseOperator::NumericNotEquals:
    case BaseOperator::DateNotEquals:
    case BaseOperator::NotIpAddress:
    case BaseOperator::ArnNotEquals:
    case BaseOperator::ArnNotLike:
      return true;
    default:
      return false;
  }
}

}  // namespace aip::iam
