// Checks of the `identity:` area across elements: app clients' OAuth settings,
// user pool accounts and tiers, identity pools' user pools and clients.
#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "base/did_you_mean.hpp"
#include "base/pattern.hpp"
#include "spec/load.hpp"
#include "spec/placement.hpp"
#include "spec/regions.hpp"
#include "spec/tables.hpp"

namespace aip::spec {
namespace {

bool has(const std::vector<Located<std::string>>& list, std::string_view value) {
  return std::any_of(list.begin(), list.end(), [&](const auto& e) { return e.value == value; });
}

void check_client(const UserPool& pool, const UserPoolClient& c, Diagnostics& diags) {
  const OAuthSettings& o = c.oauth;
  if (!o.location.valid()) return;
  for (const auto& flow : o.flows) {
    if (flow.value == "client-credentials" && c.kind.value != "server") {
      diags.error(flow.location, fmt::format("app client '{}' uses client-credentials, which needs a secret; set "
                                             "'kind: server'",
                                             c.name));
    }
  }
  if (has(o.flows, "client-credentials") && o.flows.size() > 1) {
    diags.error(o.flows.front().location, "Cognito does not combine client-credentials with code or implicit flows");
  }
  bool user_flows = has(o.flows, "code") || has(o.flows, "implicit");
  if (user_flows && o.callback_urls.empty()) {
    diags.error(o.location, fmt::format("app client '{}' of user pool '{}' needs 'callback_urls' for its OAuth "
                                        "flows",
                                        c.name, pool.name));
  }
  for (const auto& scope : o.scopes) {
    if ((scope.value == "email" || scope.value == "profile" || scope.value == "phone") && !has(o.scopes, "openid")) {
      diags.error(scope.location, fmt::format("scope '{}' needs 'openid' in the same list", scope.value));
    }
  }
  if (pool.domain.value.empty()) {
    diags.error(o.location, fmt::format("app client '{}' uses OAuth, which needs a hosted UI: give user pool '{}' a "
                                        "'domain'",
                                        c.name, pool.name));
  }
}

void check_user_pool(const Spec& spec, const UserPool& pool, Diagnostics& diags) {
  if (!pool.account.value.empty() && spec.find_account(pool.account.value) == nullptr) {
    diags.error(pool.account.location,
                fmt::format("user pool '{}' refers to account '{}', which is not defined{}", pool.name,
                            pool.account.value, did_you_mean(pool.account.value, names_of(spec.accounts))));
  } else if (pool.account.value.empty() && spec.accounts.size() > 1) {
    diags.error(pool.location, fmt::format("user pool '{}' needs 'account': the spec has {} accounts", pool.name,
                                           spec.accounts.size()));
  }
  if (pool.advanced_security.value != "off" && pool.tier.location.valid() && pool.tier.value != "plus") {
    diags.error(pool.tier.location,
                fmt::format("advanced_security: {} (threat protection) needs tier: plus; use tier: plus or "
                            "advanced_security: off",
                            pool.advanced_security.value));
  }
  if (has(pool.recovery, "admin-only") && pool.recovery.size() > 1) {
    diags.error(pool.recovery.front().location, "'recovery: admin-only' cannot be combined with other mechanisms");
  }
  if (has(pool.recovery, "email") && !has(pool.required_attributes, "email") && pool.sign_in.value != "email") {
    diags.error(pool.recovery.front().location,
                fmt::format("user pool '{}' recovers accounts by email but does not require 'email'; add it to "
                            "attributes.required",
                            pool.name));
  }
  for (const CustomAttribute& c : pool.custom_attributes) {
    const std::vector<std::string>& standard = cognito_standard_attributes();
    if (std::find(standard.begin(), standard.end(), c.name) != standard.end()) {
      diags.error(c.location, fmt::format("'{}' is a standard attribute; list it under 'required' (or leave it out: "
                                          "standard attributes are always available)",
                                          c.name));
    }
  }
  for (const UserPoolClient& c : pool.clients) check_client(pool, c, diags);
}

void check_identity_pool(const Spec& spec, const IdentityPool& ip, Diagnostics& diags) {
  const UserPool* pool = spec.identity.find_user_pool(ip.user_pool.value);
  if (pool == nullptr) {
    if (!ip.user_pool.value.empty()) {
      diags.error(ip.user_pool.location,
                  fmt::format("identity pool '{}' refers to user pool '{}', which is not defined{}", ip.name,
                              ip.user_pool.value,
                              did_you_mean(ip.user_pool.value, names_of(spec.identity.user_pools))));
    }
    return;
  }
  if (pool->clients.empty()) {
    diags.error(ip.user_pool.location,
                fmt::format("identity pool '{}' needs an app client of user pool '{}' to sign in with; the pool has "
                            "none",
                            ip.name, pool->name));
  }
  for (const auto& c : ip.clients) {
    auto same = [&](const UserPoolClient& pc) { return pc.name == c.value; };
    if (std::none_of(pool->clients.begin(), pool->clients.end(), same)) {
      diags.error(c.location, fmt::format("identity pool '{}' refers to app client '{}', which user pool '{}' does not "
                                          "define{}",
                                          ip.name, c.value, pool->name, did_you_mean(c.value, names_of(pool->clients))));
    }
  }
}

}  // namespace

void check_identity(const Spec& spec, Diagnostics& diags) {
  for (const UserPool& pool : spec.identity.user_pools) check_user_pool(spec, pool, diags);
  for (const IdentityPool& ip : spec.identity.identity_pools) check_identity_pool(spec, ip, diags);
}

}  // namespace aip::spec
