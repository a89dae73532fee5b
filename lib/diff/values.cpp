// Value equality, readable rendering, paths and similarity.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <map>
#include <optional>

#include "base/did_you_mean.hpp"
#include "diff/values.hpp"

namespace aip::diff {

namespace {

// Number(text) as JavaScript (and so cdk diff) reads it: blanks trimmed, ""
// is 0, anything else must be a whole number literal. nullopt is NaN.
std::optional<double> js_number(const Json& v) {
  if (v.is_number()) return v.get<double>();
  if (v.is_boolean()) return v.get<bool>() ? 1.0 : 0.0;
  if (!v.is_string()) return std::nullopt;
  std::string s = v.get<std::string>();
  const auto not_space = [](unsigned char c) { return !std::isspace(c); };
  s.erase(s.begin(), std::find_if(s.begin(), s.end(), not_space));
  s.erase(std::find_if(s.rbegin(), s.rend(), not_space).base(), s.end());
  if (s.empty()) return 0.0;
  if (s == "Infinity" || s == "+Infinity") return HUGE_VAL;
  if (s == "-Infinity") return -HUGE_VAL;
  for (char c : s) {
    // strtod also reads "inf", "nan" and hex floats, which Number() does not.
    if (std::isalpha(static_cast<unsigned char>(c)) && c != 'e' && c != 'E' && c != 'x' && c != 'X' &&
        !std::isxdigit(static_cast<unsigned char>(c))) {
      return std::nullopt;
    }
  }
  char* end = nullptr;
  double d = std::strtod(s.c_str(), &end);
  if (end != s.c_str() + s.size()) return std::nullopt;
  return d;
}

Json getatt_list(const Json& v) {
  if (v.is_string()) {
    const std::string s = v.get<std::string>();
    const auto dot = s.find('.');
    if (dot == std::string::npos) return Json::array({s});
    return Json::array({s.substr(0, dot), s.substr(dot + 1)});
  }
  return v;
}

bool depends_on_equal(const Json& a, const Json& b) {
  const auto as_list = [](const Json& v) {
    std::vector<std::string> out;
    if (v.is_string()) out.push_back(v.get<std::string>());
    if (v.is_array()) {
      for (const auto& e : v) out.push_back(e.is_string() ? e.get<std::string>() : e.dump());
    }
    std::sort(out.begin(), out.end());
    return out;
  };
  return as_list(a) == as_list(b);
}

std::string quoted(const std::string& s) { return Json(s).dump(); }

std::string render_list(const Json& list) {
  std::string out = "[";
  bool first = true;
  for (const auto& e : list) {
    if (!first) out += ", ";
    first = false;
    out += render_value(e);
  }
  return out + "]";
}

void flatten(const Json& v, const std::string& prefix, std::map<std::string, Json>& out) {
  if (v.is_object() && !v.empty()) {
    for (const auto& [k, e] : v.items()) flatten(e, prefix + "/" + k, out);
  } else if (v.is_array() && !v.empty()) {
    for (std::size_t i = 0; i < v.size(); ++i) flatten(v[i], prefix + "/" + std::to_string(i), out);
  } else {
    out[prefix] = v;
  }
}

double leaf_similarity(const Json& a, const Json& b) {
  if (cfn_equal(a, b)) return 1.0;
  if (a.is_string() && b.is_string()) {
    const auto& x = a.get_ref<const std::string&>();
    const auto& y = b.get_ref<const std::string&>();
    const std::size_t longest = std::max(x.size(), y.size());
    if (longest == 0 || longest > 400) return 0.0;
    return 1.0 - static_cast<double>(edit_distance(x, y, false)) / static_cast<double>(longest);
  }
  return 0.0;
}

// At least leaf_similarity(a, b): the edit distance of two strings is at
// least the larger number of characters one has and the other lacks.
// Coarse (not `fine`): 1 for any two strings.
double leaf_similarity_bound(const Json& a, const Json& b, bool fine) {
  if (!a.is_string() || !b.is_string()) return leaf_similarity(a, b);
  const auto& x = a.get_ref<const std::string&>();
  const auto& y = b.get_ref<const std::string&>();
  if (!fine || x == y || cfn_equal(a, b)) return 1.0;
  const std::size_t longest = std::max(x.size(), y.size());
  if (longest == 0 || longest > 400) return 0.0;
  int count[256] = {};
  for (unsigned char c : x) ++count[c];
  for (unsigned char c : y) --count[c];
  std::size_t only_x = 0, only_y = 0;
  for (int n : count) {
    if (n > 0) only_x += static_cast<std::size_t>(n);
    if (n < 0) only_y += static_cast<std::size_t>(-n);
  }
  return 1.0 - static_cast<double>(std::max(only_x, only_y)) / static_cast<double>(longest);
}

}  // namespace

bool cfn_equal(const Json& a, const Json& b) {
  if (a == b) return true;
  if ((a.is_string() && b.is_boolean()) || (a.is_boolean() && b.is_string())) {
    const Json& s = a.is_string() ? a : b;
    const Json& t = a.is_string() ? b : a;
    if (s.get<std::string>() == (t.get<bool>() ? "true" : "false")) return true;
  }
  if (a.is_string() || b.is_string()) {
    const auto x = js_number(a);
    const auto y = js_number(b);
    if (x && y && *x == *y) return true;
  }
  if (a.is_number() && b.is_number()) return a.get<double>() == b.get<double>();
  if (a.is_array() && b.is_array()) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
      if (!cfn_equal(a[i], b[i])) return false;
    }
    return true;
  }
  if (a.is_object() && b.is_object()) {
    if (a.size() != b.size()) return false;
    for (const auto& [k, v] : a.items()) {
      auto it = b.find(k);
      if (it == b.end()) return false;
      if (k == "DependsOn") {
        if (!depends_on_equal(v, *it)) return false;
      } else if (k == "Fn::GetAtt") {
        if (getatt_list(v) != getatt_list(*it)) return false;
      } else if (!cfn_equal(v, *it)) {
        return false;
      }
    }
    return true;
  }
  return false;
}

std::string text(const Json& v) { return v.is_string() ? v.get<std::string>() : render_value(v); }

std::string render_value(const Json& v) {
  if (v.is_null()) return "(none)";
  if (v.is_string()) return quoted(v.get<std::string>());
  if (v.is_array()) return render_list(v);
  if (!v.is_object()) return v.dump();
  if (v.size() == 1) {
    const auto it = v.begin();
    const std::string& key = it.key();
    const Json& arg = it.value();
    if (key == "Ref" && arg.is_string()) return "!Ref " + arg.get<std::string>();
    if (key == "Fn::GetAtt") {
      const Json l = getatt_list(arg);
      if (l.is_array() && l.size() == 2 && l[0].is_string() && l[1].is_string()) {
        return "!GetAtt " + l[0].get<std::string>() + "." + l[1].get<std::string>();
      }
    }
    if (key == "Fn::Sub" && arg.is_string()) return "!Sub " + quoted(arg.get<std::string>());
    if (key == "Condition" && arg.is_string()) return "!Condition " + arg.get<std::string>();
    if (key.rfind("Fn::", 0) == 0) return "!" + key.substr(4) + " " + render_value(arg);
  }
  std::string out = "{";
  bool first = true;
  for (const auto& [k, e] : v.items()) {
    if (!first) out += ", ";
    first = false;
    out += k + ": " + render_value(e);
  }
  return out + "}";
}

bool is_index_segment(const std::string& s) {
  return s.size() >= 3 && s.front() == '[' && s.back() == ']' && s.find('=') == std::string::npos;
}

std::string path_text(const Path& path) {
  std::string out;
  std::size_t start = (!path.empty() && path[0] == "Properties" && path.size() > 1) ? 1 : 0;
  for (std::size_t i = start; i < path.size(); ++i) {
    const std::string& seg = path[i];
    if (!seg.empty() && seg.front() == '[') {
      out += seg;
    } else {
      if (!out.empty()) out += ".";
      out += seg;
    }
  }
  return out;
}

Leaves leaves_of(const Json& v) {
  Leaves out;
  flatten(v, "", out);
  return out;
}

double similarity(const Leaves& fa, const Leaves& fb, double at_least) {
  // Keys of both (one merge walk: both maps are sorted), so that a pair that
  // cannot reach `at_least` stops before its edit distances.
  std::size_t common = 0;
  for (auto x = fa.begin(), y = fb.begin(); x != fa.end() && y != fb.end();) {
    if (x->first < y->first) {
      ++x;
    } else if (y->first < x->first) {
      ++y;
    } else {
      ++common;
      ++x;
      ++y;
    }
  }
  const std::size_t keys = fa.size() + fb.size() - common;
  if (keys == 0) return 1.0;
  const double needed = at_least * static_cast<double>(keys) - 1e-9;
  if (static_cast<double>(common) < needed) return -1.0;
  if (at_least > 0) {
    // Upper bounds first, without edit distances: unequal strings count 1,
    // then, finer, as alike as their character counts allow.
    for (const bool fine : {false, true}) {
      double bound = 0;
      for (auto x = fa.begin(), y = fb.begin(); x != fa.end() && y != fb.end();) {
        if (x->first < y->first) {
          ++x;
        } else if (y->first < x->first) {
          ++y;
        } else {
          bound += leaf_similarity_bound(x->second, y->second, fine);
          ++x;
          ++y;
        }
      }
      if (bound < needed) return -1.0;
    }
  }
  double score = 0;
  for (const auto& [k, va] : fa) {
    if (auto it = fb.find(k); it != fb.end()) score += leaf_similarity(va, it->second);
  }
  return score / static_cast<double>(keys);
}

double similarity(const Json& a, const Json& b) { return similarity(leaves_of(a), leaves_of(b), 0.0); }

std::string referenced_id(const Json& v) {
  if (!v.is_object() || v.size() != 1) return "";
  if (auto it = v.find("Ref"); it != v.end() && it->is_string()) return it->get<std::string>();
  if (auto it = v.find("Fn::GetAtt"); it != v.end()) {
    const Json l = getatt_list(*it);
    if (l.is_array() && !l.empty() && l[0].is_string()) return l[0].get<std::string>();
  }
  return "";
}

std::string resource_type(const Json& resource) {
  if (!resource.is_object()) return "";
  auto it = resource.find("Type");
  return it != resource.end() && it->is_string() ? it->get<std::string>() : "";
}

}  // namespace aip::diff
