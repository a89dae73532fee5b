// How Guard compares values: `==` and `!=` (with regexes and one-element
// lists), the orderings, `in`, and the unary checks. A value that cannot be
// compared (a number with a regex, a map with `<`) fails the clause.
#include <optional>

#include "guard/engine.hpp"

namespace aip::guard {

namespace compare {

using json = nlohmann::json;

bool is_scalar(const json& v) { return !v.is_array() && !v.is_object(); }

// Guard compares only values of one kind: 1 and 1.0, or "true" and true, are
// not comparable (and so fail `==` and `!=` alike).
enum class Kind { null, boolean, integer, floating, string, list, map };
Kind kind_of(const json& v) {
  if (v.is_null()) return Kind::null;
  if (v.is_boolean()) return Kind::boolean;
  if (v.is_number_integer()) return Kind::integer;
  if (v.is_number_float()) return Kind::floating;
  if (v.is_string()) return Kind::string;
  if (v.is_array()) return Kind::list;
  return Kind::map;
}

// nullopt: not comparable.
std::optional<bool> equal(const Found& lhs, const Found& rhs) {
  const json& l = *lhs.value;
  const json& r = *rhs.value;
  if (rhs.regex != nullptr || lhs.regex != nullptr) {
    const Found& text = rhs.regex != nullptr ? lhs : rhs;
    const Pattern* pattern = rhs.regex != nullptr ? rhs.regex : lhs.regex;
    if (!text.value->is_string()) return std::nullopt;
    return pattern->found_in(text.value->get_ref<const std::string&>());
  }
  if (kind_of(l) != kind_of(r)) return std::nullopt;
  return json_equal(l, r);
}

std::optional<bool> order(Operator op, const json& l, const json& r) {
  int sign = 0;
  if (kind_of(l) == Kind::integer && kind_of(r) == Kind::integer) {
    const auto a = l.get<std::int64_t>(), b = r.get<std::int64_t>();
    sign = a < b ? -1 : (a > b ? 1 : 0);
  } else if (kind_of(l) == Kind::floating && kind_of(r) == Kind::floating) {
    const double a = l.get<double>(), b = r.get<double>();
    sign = a < b ? -1 : (a > b ? 1 : 0);
  } else if (l.is_string() && r.is_string()) {
    const int c = l.get_ref<const std::string&>().compare(r.get_ref<const std::string&>());
    sign = c < 0 ? -1 : (c > 0 ? 1 : 0);
  } else {
    return std::nullopt;
  }
  switch (op) {
    case Operator::lt: return sign < 0;
    case Operator::le: return sign <= 0;
    case Operator::gt: return sign > 0;
    case Operator::ge: return sign >= 0;
    default: return std::nullopt;
  }
}

// Whether `list` (whose elements may be regexes) holds `v`.
bool list_contains(const Found& list, const json& v) {
  for (std::size_t i = 0; i < list.value->size(); ++i) {
    const Pattern* pattern = list.element_patterns != nullptr ? (*list.element_patterns)[i].get() : nullptr;
    if (pattern != nullptr) {
      if (v.is_string() && pattern->found_in(v.get_ref<const std::string&>())) return true;
    } else if (json_equal((*list.value)[i], v)) {
      return true;
    }
  }
  return false;
}

// `lhs in rhs` for one rhs value (Guard's contained_in and string_in).
std::optional<bool> contained(const Found& lhs, const Found& rhs) {
  const json& l = *lhs.value;
  const json& r = *rhs.value;
  if (rhs.regex != nullptr) return equal(lhs, rhs);
  if (l.is_string() && r.is_string()) return r.get_ref<const std::string&>().find(l.get_ref<const std::string&>()) != std::string::npos;
  if (l.is_array()) {
    if (!r.is_array()) return std::nullopt;
    if (!r.empty() && r[0].is_array()) return list_contains(rhs, l);
    for (const json& e : l) {
      if (!list_contains(rhs, e)) return false;
    }
    return true;
  }
  if (r.is_array()) return list_contains(rhs, l);
  return equal(lhs, rhs);
}

Found element(const Found& list, std::size_t i) {
  Found f;
  f.value = &(*list.value)[i];
  if (list.element_patterns != nullptr) f.regex = (*list.element_patterns)[i].get();
  f.path = list.path + "/" + std::to_string(i);
  f.literal = list.literal;
  return f;
}

}  // namespace compare

bool json_equal(const nlohmann::json& a, const nlohmann::json& b) {
  if (compare::kind_of(a) != compare::kind_of(b)) return false;
  if (a.is_number_integer()) return a.get<std::int64_t>() == b.get<std::int64_t>();
  if (a.is_object()) {
    if (a.size() != b.size()) return false;
    for (auto it = a.begin(); it != a.end(); ++it) {
      auto other = b.find(it.key());
      if (other == b.end() || !json_equal(it.value(), *other)) return false;
    }
    return true;
  }
  if (a.is_array()) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
      if (!json_equal(a[i], b[i])) return false;
    }
    return true;
  }
  return a == b;
}

std::vector<Verdict> compare_binary(const Clause& c, const Founds& lhs, const Founds& rhs) {
  using compare::element;
  std::vector<Verdict> out;
  const bool negated = c.op_negated;
  auto judge = [&](const Found& l, std::optional<bool> result) {
    // Not comparable fails whichever way the operator is turned.
    const bool pass = result.has_value() && (*result != negated);
    out.push_back(Verdict{l, pass});
  };
  const bool rhs_literal = rhs.size() == 1 && rhs[0].literal;
  for (const Found& l : lhs) {
    if (!l.resolved) {
      out.push_back(Verdict{l, false});
      continue;
    }
    bool rhs_unresolved = false;
    for (const Found& r : rhs) rhs_unresolved = rhs_unresolved || !r.resolved;
    if (rhs_unresolved || rhs.empty()) {
      out.push_back(Verdict{l, false});
      continue;
    }
    const nlohmann::json& lv = *l.value;
    switch (c.op) {
      case Operator::eq: {
        if (rhs_literal) {
          const Found& r = rhs[0];
          if (r.value->is_array() && r.regex == nullptr) {
            if (compare::is_scalar(lv) && r.value->size() == 1) judge(l, compare::equal(l, element(r, 0)));
            else judge(l, compare::equal(l, r));
          } else if (lv.is_array()) {
            // `Tags == 'x'` with Tags a list: each element is compared.
            if (lv.empty()) judge(l, false);
            for (std::size_t i = 0; i < lv.size(); ++i) {
              const Found e = element(l, i);
              judge(e, compare::equal(e, r));
            }
          } else {
            judge(l, compare::equal(l, r));
          }
        } else {
          // Against a query: equal to one of its values.
          std::optional<bool> any = false;
          for (const Found& r : rhs) {
            const auto e = compare::equal(l, r);
            if (e.value_or(false)) any = true;
          }
          judge(l, any);
        }
        break;
      }
      case Operator::lt: case Operator::le: case Operator::gt: case Operator::ge: {
        Founds lefts;
        if (lv.is_array()) {
          for (std::size_t i = 0; i < lv.size(); ++i) lefts.push_back(element(l, i));
        } else {
          lefts.push_back(l);
        }
        for (const Found& left : lefts) {
          for (const Found& r : rhs) {
            if (r.value->is_array()) {
              for (const nlohmann::json& e : *r.value) judge(left, compare::order(c.op, *left.value, e));
            } else {
              judge(left, compare::order(c.op, *left.value, *r.value));
            }
          }
        }
        break;
      }
      case Operator::in: {
        if (rhs_literal && rhs[0].value->is_string() && lv.is_array()) {
          for (std::size_t i = 0; i < lv.size(); ++i) {
            const Found e = element(l, i);
            judge(e, compare::contained(e, rhs[0]));
          }
        } else if (rhs_literal) {
          judge(l, compare::contained(l, rhs[0]));
        } else {
          std::optional<bool> any = false;
          for (const Found& r : rhs) {
            if (compare::contained(l, r).value_or(false)) any = true;
          }
          judge(l, any);
        }
        break;
      }
      default: break;
    }
  }
  return out;
}

bool unary_holds(Operator op, const Found& f) {
  if (op == Operator::exists) return f.resolved;
  if (op == Operator::empty) {
    if (!f.resolved) return true;  // not there is empty
    const nlohmann::json& v = *f.value;
    if (v.is_array() || v.is_object()) return v.empty();
    if (v.is_string()) return v.get_ref<const std::string&>().empty();
    return false;
  }
  if (!f.resolved) return false;
  const nlohmann::json& v = *f.value;
  switch (op) {
    case Operator::is_string: return v.is_string();
    case Operator::is_list: return v.is_array();
    case Operator::is_struct: return v.is_object();
    case Operator::is_int: return v.is_number_integer();
    case Operator::is_float: return v.is_number_float();
    case Operator::is_bool: return v.is_boolean();
    case Operator::is_null: return v.is_null();
    default: return false;
  }
}

}  // namespace aip::guard
