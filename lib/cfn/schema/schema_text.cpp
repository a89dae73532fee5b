#include "cfn/schema/schema_text.hpp"

#include <charconv>
#include <cstdint>

namespace aip::cfn::schema_text {

namespace {

// A cursor over one entry's JSON text. Every read returns false on anything
// but the expected kind of value; parse() then gives up on the whole entry.
class Reader {
 public:
  explicit Reader(std::string_view text) : s_(text) {}

  bool at_end() {
    skip_ws();
    return i_ == s_.size();
  }

  bool literal(char c) {
    skip_ws();
    if (i_ >= s_.size() || s_[i_] != c) return false;
    ++i_;
    return true;
  }

  bool peek(char c) {
    skip_ws();
    return i_ < s_.size() && s_[i_] == c;
  }

  // An object's members: calls on_member(key) with the cursor on the value,
  // which must read (or skip) it.
  template <typename F>
  bool members(F&& on_member) {
    if (!literal('{')) return false;
    if (literal('}')) return true;
    std::string key;
    do {
      if (!string(key) || !literal(':') || !on_member(std::string_view(key))) return false;
    } while (literal(','));
    return literal('}');
  }

  // An array's items: calls on_item() with the cursor on each.
  template <typename F>
  bool items(F&& on_item) {
    if (!literal('[')) return false;
    if (literal(']')) return true;
    do {
      if (!on_item()) return false;
    } while (literal(','));
    return literal(']');
  }

  bool string(std::string& out) {
    out.clear();
    if (!literal('"')) return false;
    while (i_ < s_.size()) {
      // Copy the run up to the next quote or escape in one go.
      std::size_t end = i_;
      while (end < s_.size() && s_[end] != '"' && s_[end] != '\\') {
        const auto u = static_cast<unsigned char>(s_[end]);
        if (u < 0x20 || u >= 0x80) return false;  // raw control characters are invalid; non-ASCII: nlohmann checks it
        ++end;
      }
      out.append(s_.substr(i_, end - i_));
      i_ = end;
      if (i_ >= s_.size()) return false;
      if (s_[i_] == '"') {
        ++i_;
        return true;
      }
      if (!escape(out)) return false;
    }
    return false;
  }

  bool strings(std::vector<std::string>& out) {
    out.clear();
    return items([&] {
      out.emplace_back();
      return string(out.back());
    });
  }

  bool boolean(bool& out) {
    skip_ws();
    if (s_.substr(i_, 4) == "true") {
      i_ += 4;
      out = true;
      return true;
    }
    if (s_.substr(i_, 5) == "false") {
      i_ += 5;
      out = false;
      return true;
    }
    return false;
  }

  // The text of a JSON number, not checked beyond its characters.
  std::string_view number_text() {
    skip_ws();
    const std::size_t start = i_;
    while (i_ < s_.size() && (std::string_view("0123456789+-.eE").find(s_[i_]) != std::string_view::npos)) ++i_;
    return s_.substr(start, i_ - start);
  }

  bool number(std::optional<double>& out) {
    const std::string_view text = number_text();
    if (text.empty() || text.front() == '+') return false;
    double v = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || end != text.data() + text.size()) return false;
    out = v;
    return true;
  }

  // An integer as nlohmann writes it back (no leading zeros, no "-0", within
  // int64), or false.
  bool integer_text(std::string& out) {
    const std::string_view text = number_text();
    const std::string_view digits = text.starts_with('-') ? text.substr(1) : text;
    if (digits.empty() || digits.size() > 18 || (digits[0] == '0' && (digits.size() > 1 || text.size() > 1))) return false;
    for (char c : digits) {
      if (c < '0' || c > '9') return false;
    }
    out.assign(text);
    return true;
  }

  // Any value, unread (keys from_json ignores).
  bool skip() {
    skip_ws();
    if (i_ >= s_.size()) return false;
    std::string ignored;
    switch (s_[i_]) {
      case '{': return members([&](std::string_view) { return skip(); });
      case '[': return items([&] { return skip(); });
      case '"': return string(ignored);
      case 't':
      case 'f': {
        bool b = false;
        return boolean(b);
      }
      case 'n':
        if (s_.substr(i_, 4) != "null") return false;
        i_ += 4;
        return true;
      default: {
        std::optional<double> n;
        return number(n);
      }
    }
  }

 private:
  void skip_ws() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\n' || s_[i_] == '\r')) ++i_;
  }

  bool hex4(std::uint32_t& out) {
    if (i_ + 4 > s_.size()) return false;
    const auto [end, ec] = std::from_chars(s_.data() + i_, s_.data() + i_ + 4, out, 16);
    if (ec != std::errc() || end != s_.data() + i_ + 4) return false;
    i_ += 4;
    return true;
  }

  // After a backslash: the escaped character, \uXXXX (surrogate pairs
  // joined) as UTF-8, as nlohmann decodes it.
  bool escape(std::string& out) {
    ++i_;  // the backslash
    if (i_ >= s_.size()) return false;
    const char c = s_[i_++];
    switch (c) {
      case '"': out += '"'; return true;
      case '\\': out += '\\'; return true;
      case '/': out += '/'; return true;
      case 'b': out += '\b'; return true;
      case 'f': out += '\f'; return true;
      case 'n': out += '\n'; return true;
      case 'r': out += '\r'; return true;
      case 't': out += '\t'; return true;
      case 'u': break;
      default: return false;
    }
    std::uint32_t cp = 0;
    if (!hex4(cp)) return false;
    if (cp >= 0xDC00 && cp <= 0xDFFF) return false;  // a lone low surrogate
    if (cp >= 0xD800 && cp <= 0xDBFF) {
      std::uint32_t low = 0;
      if (s_.substr(i_, 2) != "\\u") return false;
      i_ += 2;
      if (!hex4(low) || low < 0xDC00 || low > 0xDFFF) return false;
      cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
    }
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
    return true;
  }

  std::string_view s_;
  std::size_t i_ = 0;
};

// Each key once: nlohmann keeps the last of duplicates, which this reader
// does not imitate; such an entry goes the nlohmann way.
class SeenKeys {
 public:
  bool first(std::string_view key) {
    for (std::string_view k : keys_) {
      if (k == key) return false;
    }
    keys_.push_back(key);
    return true;
  }

 private:
  std::vector<std::string_view> keys_;  // the key names below are literals
};

bool read_property(Reader& r, PropertySchema& p) {
  SeenKeys seen;
  bool has_type = false;
  std::string text;
  const bool ok = r.members([&](std::string_view key) {
    if (key == "type") {
      if (!seen.first("type") || !r.string(text)) return false;
      p.type = parse_type_expr(text);
      has_type = true;
      return true;
    }
    if (key == "required") return seen.first("required") && r.boolean(p.required);
    if (key == "uniqueItems") return seen.first("uniqueItems") && r.boolean(p.limits.unique_items);
    if (key == "pattern") return seen.first("pattern") && r.string(p.limits.pattern);
    if (key == "keyPattern") return seen.first("keyPattern") && r.string(p.key_pattern);
    if (key == "enum") {
      if (!seen.first("enum")) return false;
      return r.items([&] {
        p.enum_values.emplace_back();
        return r.peek('"') ? r.string(p.enum_values.back()) : r.integer_text(p.enum_values.back());
      });
    }
    // The numeric keywords (a value of another kind would be ignored by
    // from_json: let it decide).
    static constexpr std::pair<std::string_view, std::optional<double> ValueLimits::*> kNumbers[] = {
        {"minLength", &ValueLimits::min_length}, {"maxLength", &ValueLimits::max_length},
        {"minimum", &ValueLimits::minimum},      {"maximum", &ValueLimits::maximum},
        {"minItems", &ValueLimits::min_items},   {"maxItems", &ValueLimits::max_items}};
    for (const auto& [name, member] : kNumbers) {
      if (key == name) return seen.first(name) && r.number(p.limits.*member);
    }
    return r.skip();
  });
  return ok && has_type;
}

bool read_name_lists(Reader& r, std::map<std::string, std::vector<std::string>, std::less<>>& out) {
  return r.members([&](std::string_view name) {
    std::vector<std::string> list;
    return r.strings(list) && out.emplace(name, std::move(list)).second;
  });
}

// The keys of a StructSchema, which a resource entry and a "types" entry
// share. Returns nullopt for a key that is not one of them.
std::optional<bool> read_struct_key(Reader& r, std::string_view key, SeenKeys& seen, StructSchema& s,
                                    bool& has_properties) {
  if (key == "properties") {
    if (!seen.first("properties")) return false;
    has_properties = true;
    return r.members([&](std::string_view name) {
      PropertySchema p;
      return read_property(r, p) && s.properties.emplace(name, std::move(p)).second;
    });
  }
  if (key == "exactlyOne") return seen.first("exactlyOne") && r.strings(s.exactly_one);
  if (key == "atLeastOne") return seen.first("atLeastOne") && r.strings(s.at_least_one);
  if (key == "requires") return seen.first("requires") && read_name_lists(r, s.requires_also);
  if (key == "excludes") return seen.first("excludes") && read_name_lists(r, s.excludes);
  return std::nullopt;
}

bool read_nested_type(Reader& r, StructSchema& s) {
  SeenKeys seen;
  bool has_properties = false;
  const bool ok = r.members([&](std::string_view key) {
    if (auto done = read_struct_key(r, key, seen, s, has_properties)) return *done;
    return r.skip();
  });
  return ok && has_properties;
}

bool read_tagging(Reader& r, TagInfo& t) {
  SeenKeys seen;
  bool has_property = false, has_variant = false;
  const bool ok = r.members([&](std::string_view key) {
    if (key == "property") return (has_property = seen.first("property")) && r.string(t.property);
    if (key == "variant") return (has_variant = seen.first("variant")) && r.string(t.variant);
    return r.skip();
  });
  return ok && has_property && has_variant;
}

bool read_entry(Reader& r, ResourceSchema& out) {
  SeenKeys seen;
  bool has_type = false, has_properties = false;
  std::string text;
  const bool ok = r.members([&](std::string_view key) {
    if (auto done = read_struct_key(r, key, seen, out.properties, has_properties)) return *done;
    if (key == "type") return (has_type = seen.first("type")) && r.string(out.type_name);
    if (key == "types") {
      return seen.first("types") && r.members([&](std::string_view name) {
        StructSchema s;
        return read_nested_type(r, s) && out.types.emplace(name, std::move(s)).second;
      });
    }
    if (key == "attributeTypes") {
      return seen.first("attributeTypes") && r.members([&](std::string_view name) {
        return r.string(text) && out.attribute_types.emplace(name, parse_type_expr(text)).second;
      });
    }
    if (key == "tagging") {
      if (!seen.first("tagging")) return false;
      out.tagging.emplace();
      return read_tagging(r, *out.tagging);
    }
    if (key == "transform") return seen.first("transform") && r.string(out.transform);
    static constexpr std::pair<std::string_view, std::vector<std::string> ResourceSchema::*> kLists[] = {
        {"createOnly", &ResourceSchema::create_only},
        {"conditionalCreateOnly", &ResourceSchema::conditional_create_only},
        {"attributes", &ResourceSchema::attributes},
        {"dynamicAttributes", &ResourceSchema::dynamic_attributes},
        {"primaryIdentifier", &ResourceSchema::primary_identifier},
        {"cfnRefIdentifier", &ResourceSchema::cfn_ref_identifier}};
    for (const auto& [name, member] : kLists) {
      if (key == name) return seen.first(name) && r.strings(out.*member);
    }
    return r.skip();
  });
  return ok && has_type && has_properties && r.at_end();
}

}  // namespace

bool parse_tagging(std::string_view line, std::optional<TagInfo>& out) {
  Reader r(line);
  out.reset();
  bool seen = false;
  const bool ok = r.members([&](std::string_view key) {
    if (key != "tagging") return r.skip();
    if (seen) return false;
    seen = true;
    out.emplace();
    return read_tagging(r, *out);
  });
  if (!ok || !r.at_end()) out.reset();
  return ok && r.at_end();
}

std::optional<ResourceSchema> parse(std::string_view line) {
  Reader r(line);
  ResourceSchema out;
  if (!read_entry(r, out)) return std::nullopt;
  return out;
}

}  // namespace aip::cfn::schema_text
