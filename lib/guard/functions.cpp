// Guard's built-in functions. Each takes the values of its first argument
// (a query or a variable) and returns new values; the others are literals.
#include <cctype>
#include <charconv>
#include <chrono>
#include <cstdio>

#include "base/pattern_captures.hpp"
#include "guard/engine.hpp"

namespace aip::guard {

namespace functions {

using json = nlohmann::json;

std::string url_decode(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
      out += static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

// Days from 1970-01-01 to a civil date (Howard Hinnant's algorithm).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

// RFC 3339 ("2024-05-01T12:00:00Z", "+02:00" offsets, fractions ignored) -> seconds since the epoch.
std::optional<std::int64_t> parse_epoch(const std::string& s) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0;
  int consumed = 0;
  if (std::sscanf(s.c_str(), "%4d-%2d-%2d%*1[Tt ]%2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &sec, &consumed) != 6) return std::nullopt;
  std::size_t i = static_cast<std::size_t>(consumed);
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
  }
  std::int64_t offset = 0;
  if (i < s.size() && (s[i] == 'Z' || s[i] == 'z')) {
    ++i;
  } else if (i + 6 == s.size() && (s[i] == '+' || s[i] == '-') && s[i + 3] == ':') {
    const int oh = std::stoi(s.substr(i + 1, 2)), om = std::stoi(s.substr(i + 4, 2));
    offset = (s[i] == '+' ? 1 : -1) * (oh * 3600 + om * 60);
    i += 6;
  } else {
    return std::nullopt;
  }
  if (i != s.size() || mo < 1 || mo > 12 || d < 1 || d > 31) return std::nullopt;
  return days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d)) * 86400 + h * 3600 + mi * 60 + sec - offset;
}

// As cfn-guard does it: the replacement expanded once per match, the results
// concatenated (the text between matches is not kept). `$0` / `${0}` is the match.
// Guard's regex_replace (Rust's captures_iter and Captures::expand): for each
// match, the replacement with $N / ${N} the N-th group ($0 the match), $$ a
// '$'; a name that is not a group number ($name, ${name}: Guard patterns have
// no named groups here) is empty, as Rust makes an unknown group.
void expand_replacement(const std::string& text, const std::vector<PatternSpan>& groups,
                        const std::string& replacement, std::string& out) {
  auto group_text = [&](const std::string& name) {
    if (name.empty() || name.find_first_not_of("0123456789") != std::string::npos || name.size() > 6) return std::string();
    const std::size_t k = std::stoul(name);
    if (k >= groups.size() || groups[k].first == std::string::npos) return std::string();
    return text.substr(groups[k].first, groups[k].second - groups[k].first);
  };
  auto name_char = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_'; };
  for (std::size_t i = 0; i < replacement.size(); ++i) {
    if (replacement[i] != '$' || i + 1 >= replacement.size()) {
      out += replacement[i];
      continue;
    }
    if (replacement[i + 1] == '$') {
      out += '$';
      ++i;
      continue;
    }
    if (replacement[i + 1] == '{') {
      const std::size_t close = replacement.find('}', i + 2);
      if (close == std::string::npos) {
        out += '$';
        continue;
      }
      out += group_text(replacement.substr(i + 2, close - i - 2));
      i = close;
      continue;
    }
    std::size_t end = i + 1;
    while (end < replacement.size() && name_char(replacement[end])) ++end;
    if (end == i + 1) {
      out += '$';
      continue;
    }
    out += group_text(replacement.substr(i + 1, end - i - 1));
    i = end - 1;
  }
}

std::string regex_replace(const std::string& text, const std::string& expression, const std::string& replacement) {
  const Pattern pattern(expression);
  std::string out;
  std::size_t at = 0;
  while (at <= text.size()) {
    std::vector<PatternSpan> groups;
    if (auto captured = pattern_captures(expression, text, at)) {
      groups = std::move(*captured);
    } else if (auto match = pattern.find(text, at)) {
      groups = {*match};  // no groups to be had (a pathological pattern): $0 only
    } else {
      break;
    }
    const auto [begin, end] = groups[0];
    expand_replacement(text, groups, replacement, out);
    at = end > begin ? end : begin + 1;
  }
  return out;
}

std::string scalar_text(const json& v) {
  if (v.is_string()) return v.get<std::string>();
  return v.dump();
}

}  // namespace functions

Founds Engine::call(const FunctionCall& call, const Scope& scope) {
  using json = nlohmann::json;
  Founds out;
  auto result = [&](json v) { out.push_back(Found{own(std::move(v)), true, false, "", "", nullptr}); };
  if (call.name == "now") {
    const std::int64_t now = options_.now ? *options_.now
                                          : std::chrono::duration_cast<std::chrono::seconds>(
                                                std::chrono::system_clock::now().time_since_epoch()).count();
    result(now);
    return out;
  }
  const Founds input = operand(call.arguments[0], scope);
  auto literal = [&](std::size_t i) -> const json& {
    static const json none;
    const Founds v = operand(call.arguments[i], scope);
    return v.empty() ? none : *own(*v[0].value);
  };
  if (call.name == "count") {
    std::int64_t n = 0;
    for (const Found& f : input) n += f.resolved ? 1 : 0;
    result(n);
    return out;
  }
  if (call.name == "join") {
    const json& delimiter = literal(1);
    std::string joined;
    bool first = true;
    for (const Found& f : input) {
      if (!f.resolved) continue;
      const json& v = *f.value;
      const json items = v.is_array() ? v : json::array({v});
      for (const json& item : items) {
        if (!first) joined += delimiter.is_string() ? delimiter.get<std::string>() : functions::scalar_text(delimiter);
        joined += functions::scalar_text(item);
        first = false;
      }
    }
    result(joined);
    return out;
  }
  for (const Found& f : input) {
    if (!f.resolved) continue;
    const json& v = *f.value;
    if (call.name == "json_parse") {
      if (!v.is_string()) continue;
      json parsed = json::parse(v.get<std::string>(), nullptr, false);
      if (!parsed.is_discarded()) result(std::move(parsed));
    } else if (call.name == "to_lower" || call.name == "to_upper") {
      if (!v.is_string()) continue;
      std::string s = v.get<std::string>();
      for (char& c : s) {
        c = static_cast<char>(call.name == "to_lower" ? std::tolower(static_cast<unsigned char>(c)) : std::toupper(static_cast<unsigned char>(c)));
      }
      result(s);
    } else if (call.name == "substring") {
      if (!v.is_string()) continue;
      const json& from = literal(1);
      const json& to = literal(2);
      if (!from.is_number_integer() || !to.is_number_integer()) continue;
      const std::string& s = v.get_ref<const std::string&>();
      const auto a = from.get<std::int64_t>(), b = to.get<std::int64_t>();
      if (a < 0 || b < a || static_cast<std::size_t>(b) > s.size()) continue;
      result(s.substr(static_cast<std::size_t>(a), static_cast<std::size_t>(b - a)));
    } else if (call.name == "regex_replace") {
      if (!v.is_string()) continue;
      const json& extract = literal(1);
      const json& replacement = literal(2);
      if (!extract.is_string() || !replacement.is_string()) continue;
      result(functions::regex_replace(v.get<std::string>(), extract.get<std::string>(), replacement.get<std::string>()));
    } else if (call.name == "url_decode") {
      if (v.is_string()) result(functions::url_decode(v.get<std::string>()));
    } else if (call.name == "parse_int") {
      if (v.is_number()) {
        result(v.get<std::int64_t>());
      } else if (v.is_string()) {
        const std::string& s = v.get_ref<const std::string&>();
        std::int64_t n = 0;
        const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
        if (ec == std::errc() && end == s.data() + s.size()) result(n);
      }
    } else if (call.name == "parse_float") {
      if (v.is_number()) {
        result(v.get<double>());
      } else if (v.is_string()) {
        try {
          std::size_t used = 0;
          const double d = std::stod(v.get<std::string>(), &used);
          if (used == v.get_ref<const std::string&>().size()) result(d);
        } catch (const std::exception&) {
          // not a number: no value
        }
      }
    } else if (call.name == "parse_boolean") {
      if (v.is_boolean()) {
        result(v);
      } else if (v.is_string()) {
        std::string s = v.get<std::string>();
        for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (s == "true" || s == "false") result(s == "true");
      }
    } else if (call.name == "parse_string") {
      if (!v.is_array() && !v.is_object()) result(functions::scalar_text(v));
    } else if (call.name == "parse_char") {
      const std::string s = functions::scalar_text(v);
      if (s.size() == 1) result(s);
    } else if (call.name == "parse_epoch") {
      if (v.is_string()) {
        if (auto t = functions::parse_epoch(v.get<std::string>())) result(*t);
      }
    }
  }
  return out;
}

}  // namespace aip::guard
