// `overrides:` on every element (spec/resources.hpp). Read here: the shape and
// the path syntax; the logical ids and the schema paths are checked when the
// patches are applied (plan/overrides.cpp).
#include <cctype>
#include <tuple>

#include <fmt/format.h>

#include "base/did_you_mean.hpp"
#include "base/pattern.hpp"
#include "spec/field_reader.hpp"
#include "spec/resources.hpp"

namespace aip::spec {
namespace overrides_detail {

thread_local std::vector<ElementOverride>* g_overrides = nullptr;

auto pos(const Location& l) { return std::make_tuple(l.line, l.column); }

Location end_of(const YamlNode& node) {
  Location last = node.location;
  auto later = [&](const Location& l) {
    if (l.file == last.file && pos(l) > pos(last)) last = l;
  };
  for (const YamlNode& item : node.items) later(end_of(item));
  for (const auto& [key, value] : node.entries) {
    later(key.location);
    later(end_of(value));
  }
  return last;
}

// "Properties.A.B[0].C" -> {"A", "B", "[0]", "C"}; false (reported) when malformed.
// Besides an index, a list segment may select by a key ("[Sid=ReadModels]") or append ("[+]", last).
bool parse_path(const YamlNode& key, std::vector<std::string>& out, Diagnostics& diags) {
  const std::string& s = key.scalar;
  std::vector<std::string> segments;
  std::string current;
  auto bad = [&](std::string_view why) {
    diags.error(key.location, fmt::format("override path '{}' {}; write it as Properties.Name.Sub[0].Name", s, why));
    return false;
  };
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '.') {
      if (current.empty() && (segments.empty() || segments.back()[0] != '[')) return bad("has an empty name");
      if (!current.empty()) segments.push_back(current);
      current.clear();
    } else if (c == '[') {
      if (!current.empty()) segments.push_back(current);
      current.clear();
      std::size_t close = s.find(']', i);
      if (close == std::string::npos || close == i + 1) return bad("has a '[' without an index and ']'");
      std::string inside = s.substr(i + 1, close - i - 1);
      std::size_t eq = inside.find('=');
      if (inside == "+") {
        // [+] appends to the list: nothing can follow it.
        if (close + 1 != s.size()) return bad("has '[+]' before its end; [+] appends the value, so it comes last");
      } else if (eq != std::string::npos) {
        // [Key=Value] selects the list's one object whose Key is Value (Statement[Sid=ReadModels]).
        std::string name = inside.substr(0, eq);
        if (name.empty() || eq + 1 == inside.size()) return bad(fmt::format("has a selector '{}' without a key or a value", inside));
        for (char d : name) {
          if (!std::isalnum(static_cast<unsigned char>(d)) && d != '_') {
            return bad(fmt::format("has a selector key '{}' that is not a property name", name));
          }
        }
      } else {
        for (char d : inside) {
          if (!std::isdigit(static_cast<unsigned char>(d))) return bad(fmt::format("has a non-numeric index '{}'", inside));
        }
        if (inside.size() > 6) return bad("has an index that is too large");
      }
      segments.push_back("[" + inside + "]");
      i = close;
      if (i + 1 < s.size() && s[i + 1] != '.' && s[i + 1] != '[') return bad("needs a '.' after ']'");
    } else {
      current += c;
    }
  }
  if (!current.empty()) segments.push_back(current);
  if (segments.empty() || segments.front() != "Properties") {
    std::string first = segments.empty() ? s : segments.front();
    diags.error(key.location, fmt::format("override path '{}' must start with 'Properties'{}", s,
                                          did_you_mean(first, {"Properties"})));
    return false;
  }
  if (segments.size() == 1) return bad("names no property");
  if (segments[1][0] == '[') return bad("indexes Properties itself");
  out.assign(segments.begin() + 1, segments.end());
  return true;
}

bool is_path(const YamlNode& key) {
  return key.is_scalar() && (key.scalar == "Properties" || key.scalar.rfind("Properties.", 0) == 0 ||
                             key.scalar.find('.') != std::string::npos || key.scalar.find('[') != std::string::npos);
}

void read_patches(const YamlNode& map, ElementOverride& out, std::string_view what, Diagnostics& diags) {
  for (const auto& [key, value] : map.entries) {
    if (!key.is_scalar()) {
      diags.error(key.location, fmt::format("override paths in {} must be plain text", what));
      continue;
    }
    OverridePatch p;
    if (!parse_path(key, p.segments, diags)) continue;
    p.path = Located<std::string>{key.scalar, key.location};
    p.value = value;
    out.patches.push_back(std::move(p));
  }
}

}  // namespace overrides_detail

bool ElementOverride::covers(const Location& where) const {
  using overrides_detail::pos;
  return where.valid() && where.file == element.file && pos(element) <= pos(where) && pos(where) <= pos(element_end);
}

OverrideCollector::OverrideCollector(std::vector<ElementOverride>& out) : previous_(overrides_detail::g_overrides) {
  overrides_detail::g_overrides = &out;
}

OverrideCollector::~OverrideCollector() { overrides_detail::g_overrides = previous_; }

void read_element_overrides(const YamlNode& overrides, std::string_view what, Location start,
                            const YamlNode& element, Diagnostics& diags) {
  if (!overrides.is_map() || overrides.entries.empty()) {
    diags.error(overrides.location,
                fmt::format("'overrides' of {} must map logical ids to {{Properties.Path: value}} (or paths to values "
                            "when the element renders one resource), got {}",
                            what, overrides.describe()));
    return;
  }
  ElementOverride base;
  base.what = std::string(what);
  base.element = start.valid() ? start : element.location;
  base.element_end = overrides_detail::end_of(element);
  std::vector<ElementOverride> read;
  if (overrides_detail::is_path(overrides.entries.front().first)) {
    ElementOverride o = base;
    o.at = overrides.location;
    overrides_detail::read_patches(overrides, o, what, diags);
    read.push_back(std::move(o));
  } else {
    static const Pattern id_shape("[A-Za-z0-9]{1,255}");
    for (const auto& [key, value] : overrides.entries) {
      if (!key.is_scalar() || !id_shape.matches(key.scalar)) {
        diags.error(key.location,
                    fmt::format("'overrides' of {} must map logical ids (letters and digits) to patches, got {}", what,
                                key.describe()));
        continue;
      }
      if (!value.is_map()) {
        diags.error(value.location, fmt::format("the overrides of {} must map Properties.Path to values, got {}",
                                                key.scalar, value.describe()));
        continue;
      }
      ElementOverride o = base;
      o.logical_id = Located<std::string>{key.scalar, key.location};
      o.at = key.location;
      overrides_detail::read_patches(value, o, what, diags);
      read.push_back(std::move(o));
    }
  }
  if (overrides_detail::g_overrides == nullptr) return;
  for (ElementOverride& o : read) overrides_detail::g_overrides->push_back(std::move(o));
}

}  // namespace aip::spec
