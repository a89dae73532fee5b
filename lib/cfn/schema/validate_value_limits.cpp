// The registry schema's value keywords, which CloudFormation (or the service
// behind it) enforces: pattern, minLength/maxLength, minimum/maximum,
// minItems/maxItems, uniqueItems, and the property-set rules required_xor,
// required_or, dependent_required and dependent_excluded. Values computed by
// an intrinsic function are not known before deploy time and are skipped.
#include "base/did_you_mean.hpp"
#include "base/pattern.hpp"
#include "cfn/schema/checks.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <mutex>

namespace aip::cfn::detail {

std::string value_as_text(const nlohmann::json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); }

std::optional<double> number_value(const nlohmann::json& v) {
  if (v.is_number()) return v.get<double>();
  if (!v.is_string()) return std::nullopt;
  const std::string& s = v.get_ref<const std::string&>();
  char* end = nullptr;
  const double d = std::strtod(s.c_str(), &end);
  if (s.empty() || end != s.c_str() + s.size() || !std::isfinite(d)) return std::nullopt;
  return d;
}

namespace validate_value_limits {

// "255", "-1", "0.5": limits read as doubles, printed as the schema wrote them.
std::string number_text(double d) {
  if (std::floor(d) == d && std::fabs(d) < 1e15) return std::to_string(static_cast<long long>(d));
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", d);
  return buf;
}

// JSON Schema counts characters, not bytes: UTF-8 continuation bytes do not count.
std::size_t code_points(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

bool is_ascii(std::string_view s) {
  for (unsigned char c : s) {
    if (c >= 0x80) return false;
  }
  return true;
}

// The ASCII characters of a Unicode property class \p{name} (\P{name} when
// `negated`), written for use inside [...]; nullopt for the classes left out
// (Print, Graph and other non-category names). Exact for what is matched:
// only ASCII values are (see check_value_limits). C and Cc are the control
// bytes, written raw: Pattern matches bytes.
std::optional<std::string> ascii_members(std::string_view name, bool negated) {
  static const std::string controls = std::string(1, '\0') + "-\x1f\x7f";
  static const std::string all = std::string(1, '\0') + "-\x7f";
  if (negated) {
    if (name == "C" || name == "Cc") return std::string(" -~");  // printable ASCII
    if (name == "M" || name == "Cf") return all;
    return std::nullopt;
  }
  if (name == "L") return std::string("A-Za-z");
  if (name == "N" || name == "Nd") return std::string("0-9");
  if (name == "Z" || name == "Zs") return std::string(" ");
  if (name == "P") return std::string(R"(!"#%&'()*,\-./:;?@\[\\\]_\{\})");
  if (name == "S") return std::string(R"($+<=>\^`|~)");
  if (name == "M" || name == "Cf") return std::string();  // no ASCII character is one
  if (name == "C" || name == "Cc") return controls;
  if (name == "ASCII") return all;
  return std::nullopt;
}

// `p` with each \p{...} / \P{...} replaced by its ASCII characters (a class of
// its own outside [...]); nullopt when one of them has no replacement.
std::optional<std::string> with_ascii_classes(std::string_view p) {
  std::string out;
  bool in_class = false;
  for (std::size_t i = 0; i < p.size(); ++i) {
    const char c = p[i];
    if (c == '\\' && i + 2 < p.size() && (p[i + 1] == 'p' || p[i + 1] == 'P') && p[i + 2] == '{') {
      const std::size_t close = p.find('}', i + 3);
      if (close == std::string_view::npos) return std::nullopt;
      const auto members = ascii_members(p.substr(i + 3, close - i - 3), p[i + 1] == 'P');
      if (!members || (!in_class && members->empty())) return std::nullopt;
      // [\p{L}-_] is no range in ECMAScript; as ranges of letters it would be one.
      if (in_class && ((close + 1 < p.size() && p[close + 1] == '-') || (i > 0 && p[i - 1] == '-'))) return std::nullopt;
      out += in_class ? *members : "[" + *members + "]";
      i = close;
      continue;
    }
    if (c == '\\' && i + 1 < p.size()) {
      out += p.substr(i, 2);
      ++i;
      continue;
    }
    if (c == '[' && !in_class) {
      in_class = true;
      out += c;
      if (i + 1 < p.size() && p[i + 1] == '^') out += p[++i];
      if (i + 1 < p.size() && p[i + 1] == ']') out += p[++i];  // a leading ']' is a member
      continue;
    }
    if (c == ']' && in_class) in_class = false;
    out += c;
  }
  return out;
}

// The schema pattern as aip::Pattern takes it, or nullopt when Pattern cannot
// match it as ECMAScript does.
std::optional<std::string> aip_pattern(std::string_view schema_pattern) {
  auto rewritten = with_ascii_classes(schema_pattern);
  if (!rewritten) return std::nullopt;
  const std::string_view p = *rewritten;
  for (std::size_t i = 0; i < p.size(); ++i) {
    const auto c = static_cast<unsigned char>(p[i]);
    if (c >= 0x80) return std::nullopt;  // Pattern matches bytes, the schema means characters
    if (c == '\\') {
      if (i + 1 == p.size()) return std::nullopt;
      const char e = p[++i];
      // Letters and digits after a backslash are classes or escapes; Pattern
      // knows only these. Escaped punctuation is a literal.
      if (std::isalnum(static_cast<unsigned char>(e)) && std::string_view("dDsSwWnt").find(e) == std::string_view::npos) {
        return std::nullopt;
      }
    }
    if (c == '(' && p.substr(i + 1, 1) == "?" && p.substr(i + 1, 2) != "?:") return std::nullopt;  // lookaround, named groups
  }
  try {
    Pattern compiled(p);
  } catch (const std::invalid_argument&) {
    return std::nullopt;  // e.g. a literal "{": legal in ECMAScript, not in Pattern
  }
  return rewritten;
}

// The compiled pattern, or nullptr when Pattern cannot match it faithfully.
// Schemas repeat the same few hundred patterns, so each is compiled once.
const Pattern* compiled_pattern(const std::string& text) {
  static std::mutex mutex;
  static std::map<std::string, std::unique_ptr<Pattern>, std::less<>> cache;
  std::lock_guard lock(mutex);
  auto it = cache.find(text);
  if (it == cache.end()) {
    std::unique_ptr<Pattern> p;
    if (const auto ours = aip_pattern(text)) p = std::make_unique<Pattern>(*ours);
    it = cache.emplace(text, std::move(p)).first;
  }
  return it->second.get();
}

void add(std::vector<SchemaFinding>& out, const JsonPath& path, const char* rule, std::string message) {
  out.push_back({path, std::move(message), rule});
}

// A property counts as set unless it is {"Ref": "AWS::NoValue"}; it is only
// maybe set when an Fn::If may remove it.
bool possibly_set(const nlohmann::json& obj, const std::string& name) {
  auto it = obj.find(name);
  return it != obj.end() && !is_no_value(*it);
}

bool surely_set(const nlohmann::json& obj, const std::string& name) {
  if (!possibly_set(obj, name)) return false;
  const auto& v = obj.at(name);
  return intrinsic_name(v) != "Fn::If";
}

std::string quoted_list(const std::vector<std::string>& names, const char* conjunction) {
  std::string s;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i) s += (i + 1 == names.size()) ? std::string(" ") + conjunction + " " : ", ";
    s += "\"" + names[i] + "\"";
  }
  return s;
}

}  // namespace validate_value_limits

bool schema_pattern_supported(std::string_view p) { return validate_value_limits::aip_pattern(p).has_value(); }

void check_value_limits(const nlohmann::json& v, const ValueLimits& limits, const JsonPath& path,
                        std::vector<SchemaFinding>& out) {
  using namespace validate_value_limits;
  if (limits.empty()) return;
  const std::string text = value_as_text(v);
  // A dynamic reference is replaced by the secret or parameter at deploy time.
  if (text.find("{{resolve:") != std::string::npos) return;
  if (!limits.pattern.empty() && is_ascii(text)) {
    if (const Pattern* p = compiled_pattern(limits.pattern); p && !p->found_in(text)) {
      add(out, path, "pattern-mismatch",
          "value \"" + (text.size() > 60 ? text.substr(0, 60) + "..." : text) + "\" does not match the pattern " +
              limits.pattern);
    }
  }
  if (v.is_string() && (limits.min_length || limits.max_length)) {
    const std::size_t n = code_points(text);
    if (limits.min_length && static_cast<double>(n) < *limits.min_length) {
      add(out, path, "string-length",
          "value is " + std::to_string(n) + " characters long; the minimum is " + number_text(*limits.min_length));
    } else if (limits.max_length && static_cast<double>(n) > *limits.max_length) {
      add(out, path, "string-length",
          "value is " + std::to_string(n) + " characters long; the maximum is " + number_text(*limits.max_length));
    }
  }
  if (limits.minimum || limits.maximum) {
    if (const auto d = number_value(v)) {
      if (limits.minimum && *d < *limits.minimum) {
        add(out, path, "number-range", "value " + text + " is below the minimum " + number_text(*limits.minimum));
      } else if (limits.maximum && *d > *limits.maximum) {
        add(out, path, "number-range", "value " + text + " is above the maximum " + number_text(*limits.maximum));
      }
    }
  }
}

void check_list_limits(const nlohmann::json& list, const ValueLimits& limits, const JsonPath& path,
                       std::vector<SchemaFinding>& out) {
  using namespace validate_value_limits;
  if (!limits.min_items && !limits.max_items && !limits.unique_items) return;
  // Elements an Fn::If or AWS::NoValue may remove make the count unknown.
  bool count_known = true;
  for (const auto& e : list) {
    if (is_no_value(e) || intrinsic_name(e) == "Fn::If") count_known = false;
  }
  const auto n = static_cast<double>(list.size());
  if (count_known && limits.min_items && n < *limits.min_items) {
    add(out, path, "list-length",
        "list has " + std::to_string(list.size()) + " items; the minimum is " + number_text(*limits.min_items));
  } else if (count_known && limits.max_items && n > *limits.max_items) {
    add(out, path, "list-length",
        "list has " + std::to_string(list.size()) + " items; the maximum is " + number_text(*limits.max_items));
  }
  if (!limits.unique_items) return;
  std::map<std::string, std::size_t> first_at;  // canonical JSON text -> first index
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (is_no_value(list[i])) continue;
    auto [it, fresh] = first_at.emplace(list[i].dump(), i);
    if (fresh) continue;
    JsonPath at = path;
    at.push_back(std::to_string(i));
    add(out, at, "duplicate-item", "list items must be unique; this one repeats item " + std::to_string(it->second));
  }
}

namespace validate_value_limits {

// The words of a key pattern that is only a list of them, "^(A|B|C)$", for a
// did-you-mean; empty for any other pattern.
std::vector<std::string> pattern_words(std::string_view pattern) {
  if (pattern.size() < 5 || pattern.substr(0, 2) != "^(" || pattern.substr(pattern.size() - 2) != ")$") return {};
  std::vector<std::string> words(1);
  for (char c : pattern.substr(2, pattern.size() - 4)) {
    if (c == '|') {
      words.emplace_back();
    } else if (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-') {
      words.back() += c;
    } else {
      return {};
    }
  }
  return words;
}

}  // namespace validate_value_limits

void check_map_keys(const nlohmann::json& map, const std::string& key_pattern, const JsonPath& path,
                    std::vector<SchemaFinding>& out) {
  using namespace validate_value_limits;
  const Pattern* p = compiled_pattern(key_pattern);
  if (p == nullptr) return;  // a pattern Pattern cannot match faithfully: no finding rather than a wrong one
  for (const auto& [key, value] : map.get_ref<const nlohmann::json::object_t&>()) {
    if (key == "Fn::Transform" || !is_ascii(key) || p->found_in(key)) continue;
    JsonPath at = path;
    at.push_back(key);
    add(out, at, "map-key-pattern",
        "key \"" + key + "\" does not match the pattern " + key_pattern +
            did_you_mean(key, pattern_words(key_pattern), Quote::double_));
  }
}

void check_property_set(const nlohmann::json& obj, const StructSchema& s, const JsonPath& path,
                        std::vector<SchemaFinding>& out) {
  using namespace validate_value_limits;
  if (!s.exactly_one.empty()) {
    std::vector<std::string> surely;
    bool any = false;
    for (const auto& name : s.exactly_one) {
      any = any || possibly_set(obj, name);
      if (surely_set(obj, name)) surely.push_back(name);
    }
    if (!any) {
      add(out, path, "exactly-one-of", "exactly one of " + quoted_list(s.exactly_one, "or") + " is required; none is set");
    } else if (surely.size() > 1) {
      add(out, path, "exactly-one-of",
          "only one of " + quoted_list(s.exactly_one, "or") + " may be set; found " + quoted_list(surely, "and"));
    }
  }
  if (!s.at_least_one.empty()) {
    bool any = false;
    for (const auto& name : s.at_least_one) any = any || possibly_set(obj, name);
    if (!any) add(out, path, "at-least-one-of", "one of " + quoted_list(s.at_least_one, "or") + " is required; none is set");
  }
  for (const auto& [name, needed] : s.requires_also) {
    if (!surely_set(obj, name)) continue;
    JsonPath at = path;
    at.push_back(name);
    for (const auto& other : needed) {
      if (!possibly_set(obj, other)) {
        add(out, at, "dependent-required", "\"" + name + "\" requires \"" + other + "\", which is not set");
      }
    }
  }
  for (const auto& [name, excluded] : s.excludes) {
    if (!surely_set(obj, name)) continue;
    JsonPath at = path;
    at.push_back(name);
    for (const auto& other : excluded) {
      // Schemas list most exclusions both ways; one conflict is one finding.
      auto reverse = s.excludes.find(other);
      const bool mutual = reverse != s.excludes.end() &&
                          std::find(reverse->second.begin(), reverse->second.end(), name) != reverse->second.end();
      if (mutual && other < name) continue;
      if (surely_set(obj, other)) add(out, at, "dependent-excluded", "\"" + name + "\" cannot be set together with \"" + other + "\"");
    }
  }
}

}  // namespace aip::cfn::detail
