#include "spec/field_reader.hpp"

#include <algorithm>
#include <charconv>

#include <fmt/format.h>

#include "base/did_you_mean.hpp"
#include "base/pattern.hpp"
#include "spec/lint_suppressions.hpp"
#include "spec/resources.hpp"
#include "spec/placement.hpp"
#include "spec/regions.hpp"

namespace aip::spec {

namespace {
thread_local const FieldsObserver* g_observer = nullptr;
}  // namespace

void set_fields_observer(const FieldsObserver* observer) { g_observer = observer; }

Fields::Fields(const YamlNode& map, std::string what, Diagnostics& diags, Location where)
    : map_(map), what_(std::move(what)), diags_(diags), where_(where.valid() ? where : map.location) {
  if (!map.is_map()) {
    diags_.error(map.location, fmt::format("{} must be a map of keys, got {}", what_, map.describe()));
    ok_ = false;
  }
}

Fields::~Fields() { finish(); }

const YamlNode* Fields::required(std::string_view key) {
  const YamlNode* n = optional(key);
  if (n == nullptr && ok_) {
    diags_.error(where_, fmt::format("{} is missing required key '{}'", what_, key));
  }
  return n;
}

const YamlNode* Fields::optional(std::string_view key) {
  known_.emplace_back(key);
  return ok_ ? map_.find(key) : nullptr;
}

const YamlNode* Fields::ask(std::string_view key, Presence presence) {
  return presence == Presence::required ? required(key) : optional(key);
}

namespace field_reader {

// One typed read: ask for the key, read its node with `read` (which reports a
// bad value and returns nullopt), store the value with the node's location.
// `Out` is Located<T> or std::optional<Located<T>>; both take a Located<T>.
template <class Out, class Read>
bool read_into(const YamlNode* node, Out& out, Read read) {
  if (node == nullptr) return false;
  auto value = read(*node);
  if (!value) return false;
  out = Located<typename decltype(value)::value_type>{std::move(*value), node->location};
  return true;
}

}  // namespace field_reader

bool Fields::text(std::string_view key, Located<std::string>& out, Presence presence) {
  return field_reader::read_into(ask(key, presence), out,
                                 [&](const YamlNode& n) { return read_string(n, key, diags_); });
}
bool Fields::text(std::string_view key, std::optional<Located<std::string>>& out, Presence presence) {
  return field_reader::read_into(ask(key, presence), out,
                                 [&](const YamlNode& n) { return read_string(n, key, diags_); });
}

namespace field_reader {

std::optional<std::string> read_shaped(const YamlNode& n, std::string_view key, const Pattern& shape,
                                       std::string_view message, Diagnostics& diags) {
  auto s = read_string(n, key, diags);
  if (s && !shape.matches(*s)) {
    diags.error(n.location, fmt::format(fmt::runtime(message), *s));
    return std::nullopt;
  }
  return s;
}

}  // namespace field_reader

bool Fields::text(std::string_view key, const Pattern& shape, std::string_view message, Located<std::string>& out,
                  Presence presence) {
  return field_reader::read_into(ask(key, presence), out, [&](const YamlNode& n) {
    return field_reader::read_shaped(n, key, shape, message, diags_);
  });
}
bool Fields::text(std::string_view key, const Pattern& shape, std::string_view message,
                  std::optional<Located<std::string>>& out, Presence presence) {
  return field_reader::read_into(ask(key, presence), out, [&](const YamlNode& n) {
    return field_reader::read_shaped(n, key, shape, message, diags_);
  });
}

bool Fields::integer(std::string_view key, IntRange range, Located<int>& out, Presence presence) {
  return field_reader::read_into(ask(key, presence), out,
                                 [&](const YamlNode& n) { return read_int(n, key, range.min, range.max, diags_); });
}
bool Fields::integer(std::string_view key, IntRange range, std::optional<Located<int>>& out, Presence presence) {
  return field_reader::read_into(ask(key, presence), out,
                                 [&](const YamlNode& n) { return read_int(n, key, range.min, range.max, diags_); });
}

bool Fields::flag(std::string_view key, Located<bool>& out, Presence presence) {
  return field_reader::read_into(ask(key, presence), out, [&](const YamlNode& n) { return read_bool(n, key, diags_); });
}
bool Fields::flag(std::string_view key, std::optional<Located<bool>>& out, Presence presence) {
  return field_reader::read_into(ask(key, presence), out, [&](const YamlNode& n) { return read_bool(n, key, diags_); });
}

bool Fields::choice(std::string_view key, const std::vector<std::string>& choices, Located<std::string>& out,
                    Presence presence) {
  return field_reader::read_into(ask(key, presence), out,
                                 [&](const YamlNode& n) { return read_choice(n, key, choices, diags_); });
}
bool Fields::choice(std::string_view key, const std::vector<std::string>& choices,
                    std::optional<Located<std::string>>& out, Presence presence) {
  return field_reader::read_into(ask(key, presence), out,
                                 [&](const YamlNode& n) { return read_choice(n, key, choices, diags_); });
}

bool Fields::prefix(std::string_view key, Located<net::Prefix>& out, Presence presence) {
  return field_reader::read_into(ask(key, presence), out,
                                 [&](const YamlNode& n) { return read_prefix(n, key, diags_); });
}
bool Fields::prefix(std::string_view key, std::optional<Located<net::Prefix>>& out, Presence presence) {
  return field_reader::read_into(ask(key, presence), out,
                                 [&](const YamlNode& n) { return read_prefix(n, key, diags_); });
}

bool Fields::region(std::string_view key, Located<std::string>& out, Presence presence) {
  return field_reader::read_into(ask(key, presence), out, [&](const YamlNode& n) { return read_region(n, diags_); });
}
bool Fields::region(std::string_view key, std::optional<Located<std::string>>& out, Presence presence) {
  return field_reader::read_into(ask(key, presence), out, [&](const YamlNode& n) { return read_region(n, diags_); });
}

bool Fields::log_retention(std::string_view key, Located<int>& out, Presence presence) {
  return field_reader::read_into(ask(key, presence), out,
                                 [&](const YamlNode& n) { return read_log_retention(n, key, diags_); });
}
bool Fields::log_retention(std::string_view key, std::optional<Located<int>>& out, Presence presence) {
  return field_reader::read_into(ask(key, presence), out,
                                 [&](const YamlNode& n) { return read_log_retention(n, key, diags_); });
}

bool Fields::strings(std::string_view key, std::vector<Located<std::string>>& out, Presence presence) {
  const YamlNode* n = ask(key, presence);
  if (n == nullptr) return false;
  out = read_strings(*n, key, diags_);
  return true;
}

bool Fields::strings(std::string_view key, const Pattern& shape, std::string_view message,
                     std::vector<Located<std::string>>& out, Presence presence) {
  const YamlNode* n = ask(key, presence);
  if (n == nullptr) return false;
  out.clear();
  for (Located<std::string>& item : read_strings(*n, key, diags_)) {
    if (shape.matches(item.value)) {
      out.push_back(std::move(item));
    } else {
      diags_.error(item.location, fmt::format(fmt::runtime(message), item.value));
    }
  }
  return true;
}

bool Fields::choices(std::string_view key, const std::vector<std::string>& choices,
                     std::vector<Located<std::string>>& out, Presence presence) {
  const YamlNode* n = ask(key, presence);
  if (n == nullptr) return false;
  out.clear();
  for (const YamlNode* item : read_list(*n, key, diags_)) {
    if (auto v = read_choice(*item, key, choices, diags_)) out.push_back(located(*v, *item));
  }
  return true;
}

bool Fields::regions(std::string_view key, std::vector<Located<std::string>>& out, Presence presence) {
  const YamlNode* n = ask(key, presence);
  if (n == nullptr) return false;
  out.clear();
  for (const YamlNode* item : read_list(*n, key, diags_)) {
    if (auto r = read_region(*item, diags_)) out.push_back(located(*r, *item));
  }
  return true;
}

bool Fields::prefixes(std::string_view key, std::vector<Located<net::Prefix>>& out, Presence presence) {
  const YamlNode* n = ask(key, presence);
  if (n == nullptr) return false;
  out.clear();
  for (const YamlNode* item : read_list(*n, key, diags_)) {
    if (auto p = read_prefix(*item, key, diags_)) out.push_back(located(*p, *item));
  }
  return true;
}

bool Fields::tags(Tags& out) {
  const YamlNode* n = optional("tags");
  if (n == nullptr) return false;
  out = read_tags(*n, diags_);
  return true;
}

void Fields::finish() {
  if (!ok_) return;
  if (g_observer != nullptr) {
    std::vector<std::string> keys = known_;
    if (lint_allowed_) keys.emplace_back("lint");
    if (overrides_allowed_) keys.emplace_back("overrides");
    (*g_observer)(map_, keys);
  }
  for (const auto& [key, value] : map_.entries) {
    if (!key.is_scalar()) {
      diags_.error(key.location, fmt::format("keys in {} must be plain words", what_));
      continue;
    }
    if (std::find(known_.begin(), known_.end(), key.scalar) != known_.end()) continue;
    // `lint` is every element's, unless its reader asked for the key itself.
    if (lint_allowed_ && key.scalar == "lint") {
      read_element_lint(value, what_, where_, map_, diags_);
      continue;
    }
    if (overrides_allowed_ && key.scalar == "overrides") {
      read_element_overrides(value, what_, where_, map_, diags_);
      continue;
    }
    std::vector<std::string> candidates = known_;
    if (lint_allowed_) candidates.emplace_back("lint");
    if (overrides_allowed_) candidates.emplace_back("overrides");
    diags_.error(key.location,
                 fmt::format("unknown key '{}' in {}{}", key.scalar, what_, did_you_mean(key.scalar, candidates)));
  }
}

std::optional<std::string> read_string(const YamlNode& n, std::string_view key, Diagnostics& diags) {
  if (!n.is_scalar()) {
    diags.error(n.location, fmt::format("'{}' must be a string, got {}", key, n.describe()));
    return std::nullopt;
  }
  return n.scalar;
}

std::optional<int> read_int(const YamlNode& n, std::string_view key, int min, int max, Diagnostics& diags) {
  int value = 0;
  const std::string& s = n.scalar;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (!n.is_scalar() || n.quoted || s.empty() || ec != std::errc() || end != s.data() + s.size()) {
    diags.error(n.location, fmt::format("'{}' must be a whole number, got {}", key, n.describe()));
    return std::nullopt;
  }
  if (value < min || value > max) {
    diags.error(n.location, fmt::format("'{}' must be between {} and {}, got {}", key, min, max, value));
    return std::nullopt;
  }
  return value;
}

std::optional<bool> read_bool(const YamlNode& n, std::string_view key, Diagnostics& diags) {
  if (n.is_scalar() && !n.quoted) {
    if (n.scalar == "true" || n.scalar == "True" || n.scalar == "TRUE") return true;
    if (n.scalar == "false" || n.scalar == "False" || n.scalar == "FALSE") return false;
  }
  diags.error(n.location, fmt::format("'{}' must be true or false, got {}", key, n.describe()));
  return std::nullopt;
}

std::optional<net::Prefix> read_prefix(const YamlNode& n, std::string_view key, Diagnostics& diags) {
  if (!n.is_scalar()) {
    diags.error(n.location, fmt::format("'{}' must be a CIDR such as 10.0.0.0/16, got {}", key, n.describe()));
    return std::nullopt;
  }
  std::string error;
  auto prefix = net::Prefix::parse(n.scalar, &error);
  if (!prefix) diags.error(n.location, fmt::format("invalid CIDR in '{}': {}", key, error));
  return prefix;
}

std::optional<std::string> read_choice(const YamlNode& n, std::string_view key,
                                       const std::vector<std::string>& choices, Diagnostics& diags) {
  auto s = read_string(n, key, diags);
  if (!s) return std::nullopt;
  if (std::find(choices.begin(), choices.end(), *s) != choices.end()) return s;
  std::string all;
  for (const std::string& c : choices) all += (all.empty() ? "" : ", ") + c;
  diags.error(n.location, fmt::format("'{}' must be one of {}, got '{}'{}", key, all, *s, did_you_mean(*s, choices)));
  return std::nullopt;
}

std::vector<const YamlNode*> read_list(const YamlNode& n, std::string_view key, Diagnostics& diags) {
  std::vector<const YamlNode*> out;
  if (n.is_sequence()) {
    for (const YamlNode& item : n.items) out.push_back(&item);
  } else if (n.is_scalar()) {
    out.push_back(&n);
  } else if (!n.is_null()) {
    diags.error(n.location, fmt::format("'{}' must be a list, got {}", key, n.describe()));
  }
  return out;
}

bool check_name(const YamlNode& key, std::string_view kind, Diagnostics& diags) {
  static const Pattern pattern("[A-Za-z][A-Za-z0-9_-]{0,63}");
  if (key.is_scalar() && pattern.matches(key.scalar)) return true;
  diags.error(key.location, fmt::format("{} name {} must start with a letter and use only letters, digits, "
                                        "'-' and '_' (at most 64 characters)",
                                        kind, key.describe()));
  return false;
}

Tags read_tags(const YamlNode& n, Diagnostics& diags) {
  Tags tags;
  if (!n.is_map()) {
    diags.error(n.location, fmt::format("'tags' must be a map of tag names to values, got {}", n.describe()));
    return tags;
  }
  for (const auto& [key, value] : n.entries) {
    if (!key.is_scalar() || key.scalar.empty() || key.scalar.size() > 128) {
      diags.error(key.location, "tag keys must be 1 to 128 characters");
      continue;
    }
    if (key.scalar.rfind("aws:", 0) == 0 || key.scalar.rfind("aip:", 0) == 0) {
      diags.error(key.location, fmt::format("tag key '{}' uses a reserved prefix ('aws:' belongs to AWS, "
                                            "'aip:' to aip)",
                                            key.scalar));
      continue;
    }
    auto text = read_string(value, key.scalar, diags);
    if (!text) continue;
    if (text->size() > 256) {
      diags.error(value.location, fmt::format("tag '{}' has a value longer than 256 characters", key.scalar));
      continue;
    }
    tags[key.scalar] = Located<std::string>{*text, value.location};
  }
  return tags;
}

}  // namespace aip::spec

namespace aip::spec {

std::optional<std::string> read_existing_id(const YamlNode& n, std::string_view key, const Pattern& shape,
                                            std::string_view message, Diagnostics& diags) {
  static const Pattern parameter("/?[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*(:[0-9]+)?");
  if (n.is_map()) {
    Fields f(n, fmt::format("'{}'", key), diags, n.location);
    f.without_lint();
    Located<std::string> name;
    if (!f.text("ssm", parameter, "'ssm' must be an SSM parameter name such as /landing-zone/vpc/id, got '{}'", name,
                Presence::required)) {
      return std::nullopt;
    }
    return "{{resolve:ssm:" + name.value + "}}";
  }
  auto s = read_string(n, key, diags);
  if (!s) return std::nullopt;
  if (!shape.matches(*s)) {
    diags.error(n.location, fmt::format(fmt::runtime(message), *s));
    return std::nullopt;
  }
  return s;
}

void refuse_on_existing(const YamlNode& map, std::string_view what, std::initializer_list<const char*> keys,
                        Diagnostics& diags, std::string_view hint) {
  for (const char* key : keys) {
    const YamlNode* k = map.find_key(key);
    if (k == nullptr) continue;
    diags.error(k->location, fmt::format("{} is existing: '{}' describes what aip creates{}{}", what, key,
                                         hint.empty() ? "" : "; ", hint));
  }
}

}  // namespace aip::spec
