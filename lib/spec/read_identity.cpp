// The `identity:` area: Cognito user pools (password policy, MFA, advanced
// security, recovery, attributes, app clients, hosted UI domain, groups) and
// identity pools, read (checks: check_identity.cpp).
#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "base/did_you_mean.hpp"
#include "base/pattern.hpp"
#include "spec/field_reader.hpp"
#include "spec/load.hpp"
#include "spec/placement.hpp"
#include "spec/regions.hpp"
#include "spec/tables.hpp"

namespace aip::spec {
namespace {

const std::vector<std::string> kAuthFlows = {"user-srp", "user-password", "admin-user-password", "custom",
                                             "user-auth", "refresh-token"};
const std::vector<std::string> kOAuthFlows = {"code", "implicit", "client-credentials"};
const std::vector<std::string> kScopes = {"openid", "email", "profile", "phone", "aws.cognito.signin.user.admin"};

// A list (or one value) of choices, each once: a duplicate is an error.
// Returns whether the key was there.
bool read_unique_choices(Fields& f, std::string_view key, const std::vector<std::string>& choices,
                         std::vector<Located<std::string>>& out, Diagnostics& diags) {
  std::vector<Located<std::string>> all;
  if (!f.choices(key, choices, all)) return false;
  out.clear();
  for (Located<std::string>& item : all) {
    auto same = [&](const Located<std::string>& e) { return e.value == item.value; };
    if (std::any_of(out.begin(), out.end(), same)) {
      diags.error(item.location, fmt::format("'{}' lists '{}' twice", key, item.value));
      continue;
    }
    out.push_back(std::move(item));
  }
  return true;
}

// Callback and logout URLs: absolute https, or http only for localhost.
void read_urls(Fields& f, std::string_view key, std::vector<Located<std::string>>& out, Diagnostics& diags) {
  static const Pattern https(R"(https://[^\s/?#]+[^\s#]*)");
  static const Pattern localhost(R"(http://(localhost|127\.0\.0\.1)(:[0-9]{1,5})?(/[^\s#]*)?)");
  std::vector<Located<std::string>> all;
  if (!f.strings(key, all)) return;
  out.clear();
  for (Located<std::string>& url : all) {
    if (https.matches(url.value) || localhost.matches(url.value)) {
      out.push_back(std::move(url));
    } else if (url.value.rfind("http://", 0) == 0) {
      diags.error(url.location, fmt::format("'{}' must use https; Cognito allows http only for localhost, got '{}'",
                                            key, url.value));
    } else {
      diags.error(url.location, fmt::format("'{}' must be absolute URLs such as https://app.example.com/callback, "
                                            "got '{}'",
                                            key, url.value));
    }
  }
}

void read_oauth(const YamlNode& n, UserPoolClient& client, const std::string& what, Diagnostics& diags) {
  OAuthSettings& o = client.oauth;
  o.location = n.location;
  Fields f(n, fmt::format("oauth of {}", what), diags);
  if (!f.ok()) return;
  if (!read_unique_choices(f, "flows", kOAuthFlows, o.flows, diags)) o.flows = {{"code", n.location}};
  if (!read_unique_choices(f, "scopes", kScopes, o.scopes, diags)) {
    for (const char* s : {"openid", "email", "profile"}) o.scopes.push_back({s, n.location});
  }
  read_urls(f, "callback_urls", o.callback_urls, diags);
  read_urls(f, "logout_urls", o.logout_urls, diags);
}

void read_client(const YamlNode& key, const YamlNode& value, UserPool& pool, Diagnostics& diags) {
  if (!check_name(key, "app client", diags)) return;
  UserPoolClient client;
  client.name = key.scalar;
  client.location = key.location;
  std::string what = fmt::format("app client '{}' of user pool '{}'", client.name, pool.name);
  if (!value.is_null()) {
    Fields f(value, what, diags, key.location);
    if (!f.ok()) return;
    f.choice("kind", {"browser", "server"}, client.kind);
    read_unique_choices(f, "auth_flows", kAuthFlows, client.auth_flows, diags);
    if (const YamlNode* v = f.optional("oauth")) read_oauth(*v, client, what, diags);
    if (const YamlNode* t = f.optional("tokens")) {
      Fields tf(*t, fmt::format("tokens of {}", what), diags);
      if (tf.ok()) {
        // Cognito's limits: access and ID tokens 5 minutes to 1 day, refresh tokens up to 10 years.
        tf.integer("access_minutes", {5, 1440}, client.access_token_minutes);
        tf.integer("id_minutes", {5, 1440}, client.id_token_minutes);
        tf.integer("refresh_days", {1, 3650}, client.refresh_token_days);
      }
    }
  }
  if (client.auth_flows.empty()) client.auth_flows.push_back({"user-srp", key.location});
  pool.clients.push_back(std::move(client));
}

void read_group(const YamlNode& key, const YamlNode& value, UserPool& pool, Diagnostics& diags) {
  if (!check_name(key, "group", diags)) return;
  UserPoolGroup group;
  group.name = key.scalar;
  group.location = key.location;
  if (!value.is_null()) {
    Fields f(value, fmt::format("group '{}' of user pool '{}'", group.name, pool.name), diags, key.location);
    if (!f.ok()) return;
    f.text("description", group.description);
    f.integer("precedence", {0, 2147483647}, group.precedence);
  }
  pool.groups.push_back(std::move(group));
}

void read_password(const YamlNode& n, UserPool& pool, Diagnostics& diags) {
  Fields f(n, fmt::format("password of user pool '{}'", pool.name), diags);
  if (!f.ok()) return;
  PasswordPolicy& p = pool.password;
  f.integer("min_length", {8, 99}, p.min_length);
  f.flag("require_lowercase", p.require_lowercase);
  f.flag("require_uppercase", p.require_uppercase);
  f.flag("require_numbers", p.require_numbers);
  f.flag("require_symbols", p.require_symbols);
  f.integer("temporary_days", {1, 365}, p.temporary_days);
}

void read_attributes(const YamlNode& n, UserPool& pool, Diagnostics& diags) {
  Fields f(n, fmt::format("attributes of user pool '{}'", pool.name), diags);
  if (!f.ok()) return;
  read_unique_choices(f, "required", cognito_standard_attributes(), pool.required_attributes, diags);
  if (const YamlNode* c = f.optional("custom")) {
    if (!c->is_map()) {
      diags.error(c->location, fmt::format("'custom' must map attribute names to a type (string, number, boolean "
                                           "or datetime), got {}",
                                           c->describe()));
      return;
    }
    static const Pattern shape("[A-Za-z][A-Za-z0-9_]{0,19}");
    for (const auto& [k, v] : c->entries) {
      if (!k.is_scalar() || !shape.matches(k.scalar)) {
        diags.error(k.location, fmt::format("custom attribute name {} must start with a letter and use only letters, "
                                            "digits and '_', at most 20 characters",
                                            k.describe()));
        continue;
      }
      auto type = read_choice(v, k.scalar, {"string", "number", "boolean", "datetime"}, diags);
      if (type) pool.custom_attributes.push_back({k.scalar, k.location, *type});
    }
  }
}

// `existing: {id}`: a pool deployed elsewhere; its settings are its owner's.
void read_existing_pool(const YamlNode& n, const YamlNode& map, const Spec& spec, UserPool& pool, Diagnostics& diags) {
  static const Pattern pool_id("[a-z]{2}(-[a-z]+)+-[0-9]_[0-9A-Za-z]{1,55}");
  refuse_on_existing(map, fmt::format("user pool '{}'", pool.name),
                     {"sign_in", "password", "mfa", "advanced_security", "tier", "recovery", "attributes",
                      "self_sign_up", "remember_devices", "deletion_protection", "domain", "tags"},
                     diags, "aip adds only app clients and groups to an existing pool");
  Fields f(n, fmt::format("existing user pool '{}'", pool.name), diags, n.location);
  if (!f.ok()) return;
  f.without_lint();
  const YamlNode* id = f.required("id");
  if (id == nullptr) return;
  auto v = read_existing_id(*id, "id", pool_id, "'id' must be a user pool id such as eu-west-1_AbCdEf123, got '{}'", diags);
  if (!v) return;
  pool.existing_id = located(*v, *id);
  pool.domain = {};
  pool.tags.clear();
  if (deploy_time(*v)) return;
  // The id starts with the pool's region, which must be where the spec puts it.
  const std::string region = pool.existing_id.value.substr(0, pool.existing_id.value.find('_'));
  std::string placed = pool.region.value;
  if (placed.empty()) {
    for (const Account& a : spec.accounts) {
      if (a.name == pool.account.value || (pool.account.value.empty() && &a == &spec.accounts.front())) {
        placed = a.region.value;
      }
    }
  }
  if (!placed.empty() && placed != region) {
    diags.error(pool.existing_id.location, fmt::format("user pool '{}' is in {} (its id says so), but the spec places "
                                                       "it in {}; set `region: {}`",
                                                       pool.name, region, placed, region));
  }
}

void read_user_pool(const YamlNode& key, const YamlNode& value, Spec& spec, Diagnostics& diags) {
  if (!check_name(key, "user pool", diags)) return;
  UserPool pool;
  pool.name = key.scalar;
  pool.location = key.location;
  Fields f(value, fmt::format("user pool '{}'", pool.name), diags, key.location);
  if (!f.ok()) return;
  f.text("account", pool.account);
  f.region("region", pool.region);
  f.choice("sign_in", {"email", "username"}, pool.sign_in);
  if (const YamlNode* v = f.optional("password")) read_password(*v, pool, diags);
  f.choice("mfa", {"off", "optional", "required"}, pool.mfa);
  f.choice("advanced_security", {"off", "audit", "enforced"}, pool.advanced_security);
  f.choice("tier", {"lite", "essentials", "plus"}, pool.tier);
  if (!read_unique_choices(f, "recovery", {"email", "admin-only"}, pool.recovery, diags)) {
    pool.recovery.push_back({"email", key.location});
  }
  if (const YamlNode* v = f.optional("attributes")) read_attributes(*v, pool, diags);
  f.flag("self_sign_up", pool.self_sign_up);
  f.flag("remember_devices", pool.remember_devices);
  f.flag("deletion_protection", pool.deletion_protection);
  Located<std::string> domain;
  if (f.text("domain", domain)) {
    // Cognito's rules for a hosted UI prefix.
    static const Pattern prefix("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");
    const std::string& s = domain.value;
    if (!prefix.matches(s)) {
      diags.error(domain.location, fmt::format("'domain' must be a hosted UI prefix of lowercase letters, digits and "
                                               "'-' (at most 63), got '{}'",
                                               s));
    } else if (s.find("aws") != std::string::npos || s.find("amazon") != std::string::npos ||
               s.find("cognito") != std::string::npos) {
      diags.error(domain.location, fmt::format("Cognito does not allow 'aws', 'amazon' or 'cognito' in a domain "
                                               "prefix, got '{}'",
                                               s));
    } else {
      pool.domain = domain;
    }
  }
  read_named(f, "clients", "app client", diags,
             [&](const YamlNode& k, const YamlNode& v) { read_client(k, v, pool, diags); });
  read_named(f, "groups", "group", diags, [&](const YamlNode& k, const YamlNode& v) { read_group(k, v, pool, diags); });
  f.tags(pool.tags);
  if (pool.required_attributes.empty() && pool.sign_in.value == "email") {
    pool.required_attributes.push_back({"email", key.location});
  }
  if (const YamlNode* e = f.optional("existing")) read_existing_pool(*e, value, spec, pool, diags);
  spec.identity.user_pools.push_back(std::move(pool));
}

void read_identity_pool(const YamlNode& key, const YamlNode& value, Spec& spec, Diagnostics& diags) {
  if (!check_name(key, "identity pool", diags)) return;
  IdentityPool pool;
  pool.name = key.scalar;
  pool.location = key.location;
  Fields f(value, fmt::format("identity pool '{}'", pool.name), diags, key.location);
  if (!f.ok()) return;
  f.text("user_pool", pool.user_pool, Presence::required);
  f.strings("clients", pool.clients);
  f.flag("allow_unauthenticated", pool.allow_unauthenticated);
  f.tags(pool.tags);
  spec.identity.identity_pools.push_back(std::move(pool));
}

}  // namespace

void read_identity(const YamlNode& node, Spec& spec, Diagnostics& diags) {
  spec.identity.location = node.location;
  Fields f(node, "'identity'", diags);
  if (!f.ok()) return;
  read_named(f, "user_pools", "user pool", diags,
             [&](const YamlNode& k, const YamlNode& v) { read_user_pool(k, v, spec, diags); });
  read_named(f, "identity_pools", "identity pool", diags,
             [&](const YamlNode& k, const YamlNode& v) { read_identity_pool(k, v, spec, diags); });
}

}  // namespace aip::spec
