// The `secrets:` area: Secrets Manager secrets, how their values come about
// and how they rotate, read (checks: check_secrets.cpp).
#include <fmt/format.h>

#include "base/pattern.hpp"
#include "spec/field_reader.hpp"
#include "spec/load.hpp"

namespace aip::spec {
namespace {

void read_generate(const YamlNode& n, Secret& s, Diagnostics& diags) {
  SecretGenerate g;
  g.location = n.location;
  Fields f(n, fmt::format("generate of secret '{}'", s.name), diags);
  if (!f.ok()) return;
  f.integer("length", {8, 4096}, g.length);
  f.flag("punctuation", g.punctuation);
  f.text("exclude_characters", g.exclude_characters);
  static const Pattern json_key("[A-Za-z0-9_.-]{1,256}");
  f.text("key", json_key, "'key' must be a JSON key such as password, got '{}'", g.key);
  // Explicit: the other JSON keys of the secret, a map of names to strings.
  if (const YamlNode* v = f.optional("fields")) {
    if (!v->is_map()) {
      diags.error(v->location, fmt::format("'fields' must map JSON keys to values, got {}", v->describe()));
    } else {
      for (const auto& [k, fv] : v->entries) {
        if (!k.is_scalar() || !json_key.matches(k.scalar)) {
          diags.error(k.location, fmt::format("'fields' key {} must be a JSON key such as username", k.describe()));
          continue;
        }
        if (auto value = read_string(fv, k.scalar, diags)) g.fields.emplace_back(located(k.scalar, k), located(*value, fv));
      }
      if (!g.fields.empty() && g.key.value.empty()) {
        diags.error(v->location, fmt::format("'fields' of secret '{}' needs 'key': the JSON key of the generated "
                                             "value",
                                             s.name));
      }
    }
  }
  s.generate = std::move(g);
}

void read_rotation(const YamlNode& n, Secret& s, Diagnostics& diags) {
  SecretRotation r;
  r.location = n.location;
  Fields f(n, fmt::format("rotation of secret '{}'", s.name), diags);
  if (!f.ok()) return;
  f.integer("days", {1, 1000}, r.days);
  f.text("function", r.function);
  s.rotation = std::move(r);
}

void read_secret(const YamlNode& key, const YamlNode& value, Spec& spec, Diagnostics& diags) {
  if (!check_name(key, "secret", diags)) return;
  Secret s;
  s.name = key.scalar;
  s.location = key.location;
  Fields f(value, fmt::format("secret '{}'", s.name), diags, key.location);
  if (!f.ok()) return;
  f.text("account", s.account);
  f.region("region", s.region);
  static const Pattern secret_name("[A-Za-z0-9/_+=.@-]{1,512}");
  f.text("secret_name", secret_name, "secret name '{}' must be letters, digits and /_+=.@- (Secrets Manager's rule)",
         s.secret_name);
  f.text("description", s.description);
  if (const YamlNode* v = f.optional("generate")) read_generate(*v, s, diags);
  f.flag("placeholder", s.placeholder);
  f.text("database", s.database);
  if (const YamlNode* v = f.optional("rotation")) read_rotation(*v, s, diags);
  f.tags(s.tags);
  // Exclusive ways for a value to come about: say which one.
  const YamlNode* generate = value.find("generate");
  const YamlNode* database = value.find("database");
  if (generate != nullptr && s.placeholder.value) {
    diags.error(s.placeholder.location, fmt::format("secret '{}' is either generated or a placeholder; remove "
                                                    "'generate' or 'placeholder'",
                                                    s.name));
  }
  if (database != nullptr && (generate != nullptr || s.placeholder.value || !s.secret_name.value.empty())) {
    diags.error(database->location, fmt::format("secret '{}' is the master secret of database '{}', which RDS "
                                                "creates; remove 'generate', 'placeholder' and 'secret_name'",
                                                s.name, s.database.value));
  }
  spec.secrets.items.push_back(std::move(s));
}

}  // namespace

std::string secret_name(const Spec& spec, const Secret& s) {
  if (!s.secret_name.value.empty()) return s.secret_name.value;
  return spec.name.value + "/" + s.name;
}

void read_secrets(const YamlNode& node, Spec& spec, Diagnostics& diags) {
  spec.secrets.location = node.location;
  if (!node.is_map()) {
    diags.error(node.location, fmt::format("'secrets' must map secret names to their settings, got {}",
                                           node.describe()));
    return;
  }
  for (const auto& [k, v] : node.entries) read_secret(k, v, spec, diags);
}

}  // namespace aip::spec
