#include "guard/ast.hpp"

namespace aip::guard {

bool is_unary(Operator op) {
  switch (op) {
    case Operator::eq: case Operator::lt: case Operator::le: case Operator::gt: case Operator::ge: case Operator::in:
      return false;
    default:
      return true;
  }
}

std::string operator_text(Operator op, bool negated) {
  const std::string no = negated ? "!" : "";
  switch (op) {
    case Operator::eq: return negated ? "!=" : "==";
    case Operator::lt: return negated ? ">=" : "<";
    case Operator::le: return negated ? ">" : "<=";
    case Operator::gt: return negated ? "<=" : ">";
    case Operator::ge: return negated ? "<" : ">=";
    case Operator::in: return negated ? "not in" : "in";
    case Operator::exists: return no + "exists";
    case Operator::empty: return no + "empty";
    case Operator::is_string: return no + "is_string";
    case Operator::is_list: return no + "is_list";
    case Operator::is_struct: return no + "is_struct";
    case Operator::is_int: return no + "is_int";
    case Operator::is_float: return no + "is_float";
    case Operator::is_bool: return no + "is_bool";
    case Operator::is_null: return no + "is_null";
  }
  return "?";
}

}  // namespace aip::guard
