// Reading typed values out of YAML maps with precise errors: unknown keys get a
// did-you-mean, missing keys and wrong types name the key and point at it.
#pragma once

#include <functional>
#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "base/diagnostics.hpp"
#include "base/yaml_tree.hpp"
#include "net/cidr.hpp"
#include "spec/spec.hpp"

namespace aip {
class Pattern;
}  // namespace aip

namespace aip::spec {

// How a typed read treats an absent key: `required` reports it missing.
enum class Presence { optional, required };

// The inclusive range a whole number must lie in.
struct IntRange {
  int min;
  int max;
};

// Reads the keys of one YAML map. Ask for every key the element knows, with a
// typed read (text, integer, ...) or with required()/optional() where a value
// needs handling of its own; finish() then reports the keys nobody asked for.
// Every element map also takes `lint: {suppress: [...]}` without its reader
// asking for it (see spec/lint_suppressions.hpp).
//
// A new key needs an entry in templates/spec.schema.json too (`aip schema`);
// tests/spec/test_spec_schema.cpp checks the examples and blueprints against it.
class Fields {
 public:
  // `what` names the element in messages, e.g. "vpc 'main'"; a missing
  // required key is reported at `where` (the element's name), else at the map.
  Fields(const YamlNode& map, std::string what, Diagnostics& diags, Location where = {});
  ~Fields();
  Fields(const Fields&) = delete;
  Fields& operator=(const Fields&) = delete;

  const YamlNode* required(std::string_view key);
  const YamlNode* optional(std::string_view key);

  // Typed reads: each names its key once. A good value is written to `out`
  // with its location, and the read returns true; an absent key or a bad
  // value (reported with the read_* messages below) leaves `out` as it was.
  bool text(std::string_view key, Located<std::string>& out, Presence presence = Presence::optional);
  bool text(std::string_view key, std::optional<Located<std::string>>& out, Presence presence = Presence::optional);
  // A string that must match `shape`; one that does not is reported with
  // `message`, a format string given the value ("... got '{}'").
  bool text(std::string_view key, const Pattern& shape, std::string_view message, Located<std::string>& out,
            Presence presence = Presence::optional);
  bool text(std::string_view key, const Pattern& shape, std::string_view message,
            std::optional<Located<std::string>>& out, Presence presence = Presence::optional);
  bool integer(std::string_view key, IntRange range, Located<int>& out, Presence presence = Presence::optional);
  bool integer(std::string_view key, IntRange range, std::optional<Located<int>>& out,
               Presence presence = Presence::optional);
  bool flag(std::string_view key, Located<bool>& out, Presence presence = Presence::optional);
  bool flag(std::string_view key, std::optional<Located<bool>>& out, Presence presence = Presence::optional);
  bool choice(std::string_view key, const std::vector<std::string>& choices, Located<std::string>& out,
              Presence presence = Presence::optional);
  bool choice(std::string_view key, const std::vector<std::string>& choices,
              std::optional<Located<std::string>>& out, Presence presence = Presence::optional);
  bool prefix(std::string_view key, Located<net::Prefix>& out, Presence presence = Presence::optional);
  bool prefix(std::string_view key, std::optional<Located<net::Prefix>>& out, Presence presence = Presence::optional);
  bool region(std::string_view key, Located<std::string>& out, Presence presence = Presence::optional);
  bool region(std::string_view key, std::optional<Located<std::string>>& out, Presence presence = Presence::optional);
  // A retention period CloudWatch Logs accepts (read_log_retention).
  bool log_retention(std::string_view key, Located<int>& out, Presence presence = Presence::optional);
  bool log_retention(std::string_view key, std::optional<Located<int>>& out, Presence presence = Presence::optional);
  // Lists (or one value standing for a one-element list); `out` becomes the
  // good items, and the read returns whether the key was there.
  bool strings(std::string_view key, std::vector<Located<std::string>>& out, Presence presence = Presence::optional);
  // The same, keeping the items that match `shape` and reporting the others
  // with `message` (given the item).
  bool strings(std::string_view key, const Pattern& shape, std::string_view message,
               std::vector<Located<std::string>>& out, Presence presence = Presence::optional);
  bool choices(std::string_view key, const std::vector<std::string>& choices, std::vector<Located<std::string>>& out,
               Presence presence = Presence::optional);
  bool regions(std::string_view key, std::vector<Located<std::string>>& out, Presence presence = Presence::optional);
  bool prefixes(std::string_view key, std::vector<Located<net::Prefix>>& out, Presence presence = Presence::optional);
  // `tags: {Key: value}` (read_tags).
  bool tags(Tags& out);
  bool ok() const { return ok_; }  // false when the node was not a map
  // This map is not a spec element (a suppression itself): `lint` is an unknown key here.
  void without_lint() {
    lint_allowed_ = false;
    overrides_allowed_ = false;
  }
  // The map is the top level: no `overrides` (spec/resources.hpp) either.
  void without_overrides() { overrides_allowed_ = false; }

 private:
  void finish();
  const YamlNode* ask(std::string_view key, Presence presence);

  const YamlNode& map_;
  std::string what_;
  Diagnostics& diags_;
  Location where_;
  std::vector<std::string> known_;
  bool ok_ = true;
  bool lint_allowed_ = true;
  bool overrides_allowed_ = true;
};

// Test hook: while one is set (on this thread), it sees every element map a
// Fields finished reading and the keys its reader accepts, `lint` included.
// tests/spec/test_spec_schema.cpp compares them with templates/spec.schema.json.
using FieldsObserver = std::function<void(const YamlNode& map, const std::vector<std::string>& keys)>;
void set_fields_observer(const FieldsObserver* observer);

// Each reader reports a precise error and returns nullopt on a bad value.
// `key` is used in messages ("'azs' must be an integer, got 'three'").
std::optional<std::string> read_string(const YamlNode& n, std::string_view key, Diagnostics& diags);
std::optional<int> read_int(const YamlNode& n, std::string_view key, int min, int max, Diagnostics& diags);
std::optional<bool> read_bool(const YamlNode& n, std::string_view key, Diagnostics& diags);
std::optional<net::Prefix> read_prefix(const YamlNode& n, std::string_view key, Diagnostics& diags);
// One of `choices`, with a did-you-mean when it is not.
std::optional<std::string> read_choice(const YamlNode& n, std::string_view key,
                                       const std::vector<std::string>& choices, Diagnostics& diags);
// A list, or a single value standing for a one-element list.
std::vector<const YamlNode*> read_list(const YamlNode& n, std::string_view key, Diagnostics& diags);

// Element names become logical ids and stack names: letters, digits, '-' and
// '_', starting with a letter, at most 64 characters.
bool check_name(const YamlNode& key, std::string_view kind, Diagnostics& diags);

// `tags: {Key: value}` with AWS's limits on keys and values.
Tags read_tags(const YamlNode& n, Diagnostics& diags);

// A map of names to elements under `key` (`buses: {central: {...}}`): calls
// fn(name, settings) for each; anything but a map is an error naming `what`.
template <class Fn>
void read_named(Fields& f, const char* key, const char* what, Diagnostics& diags, Fn fn) {
  const YamlNode* n = f.optional(key);
  if (n == nullptr) return;
  if (!n->is_map()) {
    diags.error(n->location, fmt::format("'{}' must map {} names to their settings, got {}", key, what, n->describe()));
    return;
  }
  for (const auto& [k, v] : n->entries) fn(k, v);
}

// An element with `existing:` (docs/existing.md) stands for something deployed
// elsewhere: each of `keys` written in `map` describes what aip would create,
// and is an error at its key ("bucket 'x' is existing: 'versioning' describes
// what aip creates"), followed by `hint` when given.
void refuse_on_existing(const YamlNode& map, std::string_view what, std::initializer_list<const char*> keys,
                        Diagnostics& diags, std::string_view hint = {});

// An id or name of existing infrastructure (docs/existing.md): a literal that
// matches `shape` (else `message`, given the value, is reported), or
// `{ssm: /parameter/name}`, a String parameter CloudFormation reads at deploy
// time, which becomes the dynamic reference "{{resolve:ssm:/parameter/name}}".
std::optional<std::string> read_existing_id(const YamlNode& n, std::string_view key, const Pattern& shape,
                                            std::string_view message, Diagnostics& diags);
// Whether a value is read at deploy time (read_existing_id's SSM form).
inline bool deploy_time(std::string_view value) { return value.rfind("{{resolve:", 0) == 0; }

template <class T>
Located<T> located(T value, const YamlNode& n) {
  return Located<T>{std::move(value), n.location};
}

}  // namespace aip::spec
