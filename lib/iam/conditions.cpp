// Condition operators. Within a block every operator and every key must hold
// (AND); the values listed for one key are alternatives (OR), and negated
// operators hold when the request value matches none of them. Anything that
// cannot be interpreted is Tri::Unknown (see evaluate.hpp for what that means).
#include <arpa/inet.h>

#include <array>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "iam/condition_operator.hpp"
#include "iam/eval_context.hpp"
#include "iam/wildcard.hpp"

namespace aip::iam {

namespace {

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::optional<double> number(const std::string& s) {
  if (s.empty()) return std::nullopt;
  char* end = nullptr;
  const double d = std::strtod(s.c_str(), &end);
  if (end != s.c_str() + s.size()) return std::nullopt;
  return d;
}

// Seconds since the epoch for an epoch number or ISO 8601 UTC
// ("2026-01-31", "2026-01-31T12:00:00Z", fractions allowed). Offsets other
// than Z are not understood and leave the value unknown.
std::optional<double> date(const std::string& s) {
  if (auto n = number(s)) return n;
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0, used = 0;
  if (std::sscanf(s.c_str(), "%4d-%2d-%2d%n", &y, &mo, &d, &used) != 3) return std::nullopt;
  std::string rest = s.substr(static_cast<std::size_t>(used));
  if (!rest.empty()) {
    int used2 = 0;
    if (std::sscanf(rest.c_str(), "T%2d:%2d:%2d%n", &h, &mi, &sec, &used2) != 3) return std::nullopt;
    rest = rest.substr(static_cast<std::size_t>(used2));
    if (!rest.empty() && rest[0] == '.') {
      std::size_t i = 1;
      while (i < rest.size() && std::isdigit(static_cast<unsigned char>(rest[i]))) ++i;
      rest = rest.substr(i);
    }
    if (rest != "Z" && !rest.empty()) return std::nullopt;
  }
  const std::chrono::year_month_day ymd{std::chrono::year(y), std::chrono::month(static_cast<unsigned>(mo)),
                                        std::chrono::day(static_cast<unsigned>(d))};
  if (!ymd.ok()) return std::nullopt;
  const auto days = std::chrono::sys_days(ymd).time_since_epoch().count();
  return static_cast<double>(days) * 86400.0 + h * 3600.0 + mi * 60.0 + sec;
}

struct Address {
  int family = 0;
  std::array<unsigned char, 16> bytes{};
  int bits = 0;
};

std::optional<Address> address(const std::string& s) {
  Address a;
  std::string host = s;
  int prefix = -1;
  if (const auto slash = s.find('/'); slash != std::string::npos) {
    host = s.substr(0, slash);
    const auto n = number(s.substr(slash + 1));
    if (!n) return std::nullopt;
    prefix = static_cast<int>(*n);
  }
  if (inet_pton(AF_INET, host.c_str(), a.bytes.data()) == 1) {
    a.family = AF_INET;
    a.bits = 32;
  } else if (inet_pton(AF_INET6, host.c_str(), a.bytes.data()) == 1) {
    a.family = AF_INET6;
    a.bits = 128;
  } else {
    return std::nullopt;
  }
  if (prefix > a.bits) return std::nullopt;
  if (prefix >= 0) a.bits = prefix;
  return a;
}

Tri ip_in(const std::string& ip, const std::string& cidr) {
  const auto a = address(ip);
  const auto net = address(cidr);
  if (!a || !net) return Tri::Unknown;
  if (a->family != net->family) return Tri::No;
  for (int bit = 0; bit < net->bits; ++bit) {
    const auto byte = static_cast<std::size_t>(bit / 8);
    const int mask = 0x80 >> (bit % 8);
    if ((a->bytes[byte] & mask) != (net->bytes[byte] & mask)) return Tri::No;
  }
  return Tri::Yes;
}

Tri compare(std::optional<double> a, std::optional<double> b, BaseOperator op) {
  if (!a || !b) return Tri::Unknown;
  switch (op) {
    case BaseOperator::NumericLessThan: case BaseOperator::DateLessThan: return tri(*a < *b);
    case BaseOperator::NumericLessThanEquals: case BaseOperator::DateLessThanEquals: return tri(*a <= *b);
    case BaseOperator::NumericGreaterThan: case BaseOperator::DateGreaterThan: return tri(*a > *b);
    case BaseOperator::NumericGreaterThanEquals: case BaseOperator::DateGreaterThanEquals: return tri(*a >= *b);
    default: return tri(*a == *b);  // Equals / NotEquals (negation applied by the caller)
  }
}

// Does request value `r` match policy value `p`, in the operator's positive
// sense (StringNotEquals compares like StringEquals; the caller negates)?
Tri pair(BaseOperator op, const std::string& r, const std::string& p) {
  switch (op) {
    case BaseOperator::StringEquals: case BaseOperator::StringNotEquals:
    case BaseOperator::BinaryEquals:
      return tri(r == p);
    case BaseOperator::StringEqualsIgnoreCase: case BaseOperator::StringNotEqualsIgnoreCase:
      return tri(lower(r) == lower(p));
    case BaseOperator::StringLike: case BaseOperator::StringNotLike:
      return tri(glob_match(p, r));
    case BaseOperator::ArnEquals: case BaseOperator::ArnLike:
    case BaseOperator::ArnNotEquals: case BaseOperator::ArnNotLike:
      return tri(arn_matches(p, r));  // ArnEquals takes wildcards too, in IAM
    case BaseOperator::Bool: {
      const std::string a = lower(r), b = lower(p);
      if ((a != "true" && a != "false") || (b != "true" && b != "false")) return Tri::Unknown;
      return tri(a == b);
    }
    case BaseOperator::IpAddress: case BaseOperator::NotIpAddress:
      return ip_in(r, p);
    case BaseOperator::NumericEquals: case BaseOperator::NumericNotEquals:
    case BaseOperator::NumericLessThan: case BaseOperator::NumericLessThanEquals:
    case BaseOperator::NumericGreaterThan: case BaseOperator::NumericGreaterThanEquals:
      return compare(number(r), number(p), op);
    case BaseOperator::DateEquals: case BaseOperator::DateNotEquals:
    case BaseOperator::DateLessThan: case BaseOperator::DateLessThanEquals:
    case BaseOperator::DateGreaterThan: case BaseOperator::DateGreaterThanEquals:
      return compare(date(r), date(p), op);
    case BaseOperator::Null:
      break;
  }
  return Tri::Unknown;
}

// Null: "true" means the key must be absent, "false" present.
Tri null_check(const KeyValues& kv, const std::vector<std::optional<std::string>>& values) {
  Tri out = Tri::No;
  for (const auto& v : values) {
    const std::string want = v ? lower(*v) : "";
    if (!v || (want != "true" && want != "false") || kv.state == KeyValues::State::Unknown) {
      out = tri_or(out, Tri::Unknown);
    } else {
      out = tri_or(out, tri((kv.state == KeyValues::State::Absent) == (want == "true")));
    }
  }
  return out;
}

Tri one_key(const ConditionOperator& op, const std::string& key, const std::vector<Json>& policy_values,
            const EvalContext& ctx) {
  std::vector<std::optional<std::string>> values;
  for (const auto& v : policy_values) values.push_back(ctx.value(v));
  const KeyValues kv = ctx.lookup(key);
  if (op.base == BaseOperator::Null) return null_check(kv, values);
  const bool negated = is_negated(op.base);
  switch (kv.state) {
    case KeyValues::State::Unknown:
      return Tri::Unknown;
    case KeyValues::State::Absent:
      // AWS: IfExists and ForAllValues hold vacuously, ForAnyValue fails,
      // a plain operator fails unless negated ("not equal" to nothing holds).
      if (op.if_exists || op.set == SetQualifier::ForAllValues) return Tri::Yes;
      if (op.set == SetQualifier::ForAnyValue) return Tri::No;
      return tri(negated);
    case KeyValues::State::Present:
      break;
  }
  const auto per_value = [&](const std::string& r) {
    Tri any = Tri::No;
    for (const auto& p : values) any = tri_or(any, p ? pair(op.base, r, *p) : Tri::Unknown);
    return negated ? tri_not(any) : any;
  };
  // Plain positive operators behave like ForAnyValue on several request
  // values, plain negated ones like ForAllValues (no value may match).
  const bool all = op.set == SetQualifier::ForAllValues || (op.set == SetQualifier::None && negated);
  Tri out = all ? Tri::Yes : Tri::No;
  for (const auto& r : kv.values) out = all ? tri_and(out, per_value(r)) : tri_or(out, per_value(r));
  return out;
}

}  // namespace

Tri evaluate_conditions(const Conditions& conditions, const EvalContext& ctx) {
  Tri out = Tri::Yes;
  for (const auto& [name, keys] : conditions) {
    const auto op = parse_condition_operator(name);
    for (const auto& [key, values] : keys) {
      out = tri_and(out, op ? one_key(*op, key, values, ctx) : Tri::Unknown);
    }
  }
  return out;
}

}  // namespace aip::iam
