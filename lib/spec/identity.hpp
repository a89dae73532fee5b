// The `identity:` area of the spec: Cognito user pools with their app clients,
// hosted UI domain and groups, and identity pools that turn pool sign-ins into
// AWS credentials.
#pragma once

#include <string>
#include <vector>

#include "spec/located.hpp"

namespace aip::spec {

struct PasswordPolicy {
  Located<int> min_length{12, {}};
  Located<bool> require_lowercase{true, {}};
  Located<bool> require_uppercase{true, {}};
  Located<bool> require_numbers{true, {}};
  Located<bool> require_symbols{true, {}};
  Located<int> temporary_days{7, {}};  // validity of an admin-set temporary password
};

struct CustomAttribute {
  std::string name;  // without the "custom:" prefix
  Location location;
  std::string type;  // string | number | boolean | datetime
};

struct OAuthSettings {
  Location location;  // invalid when the client has no `oauth:`
  std::vector<Located<std::string>> flows;   // code | implicit | client-credentials
  std::vector<Located<std::string>> scopes;  // openid, email, profile, phone, aws.cognito.signin.user.admin
  std::vector<Located<std::string>> callback_urls;
  std::vector<Located<std::string>> logout_urls;
};

struct UserPoolClient {
  std::string name;
  Location location;
  Located<std::string> kind{"browser", {}};  // browser (no secret) | server (secret)
  std::vector<Located<std::string>> auth_flows;  // user-srp, user-password, ...; refresh-token always
  OAuthSettings oauth;
  Located<int> access_token_minutes{60, {}};
  Located<int> id_token_minutes{60, {}};
  Located<int> refresh_token_days{30, {}};
};

struct UserPoolGroup {
  std::string name;
  Location location;
  Located<std::string> description;
  Located<int> precedence{-1, {}};  // -1: not set
};

struct UserPool {
  std::string name;
  Location location;
  Located<std::string> account;
  Located<std::string> region;
  Located<std::string> sign_in{"email", {}};      // email | username
  PasswordPolicy password;
  Located<std::string> mfa{"optional", {}};        // off | optional | required
  Located<std::string> advanced_security{"enforced", {}};  // off | audit | enforced
  Located<std::string> tier;                       // lite | essentials | plus; empty: derived
  std::vector<Located<std::string>> recovery;      // email | admin-only; default [email]
  std::vector<Located<std::string>> required_attributes;  // default [email]
  std::vector<CustomAttribute> custom_attributes;
  Located<bool> self_sign_up{false, {}};
  Located<bool> remember_devices{false, {}};
  Located<bool> deletion_protection{true, {}};
  Located<std::string> domain;                     // hosted UI prefix; empty: none
  std::vector<UserPoolClient> clients;
  std::vector<UserPoolGroup> groups;
  Tags tags;
  // `existing: {id}`: a pool deployed elsewhere (docs/existing.md). aip
  // creates none of its settings, only its app clients and groups.
  Located<std::string> existing_id;  // "eu-west-1_AbCdEf123"; empty: aip creates the pool
  bool existing() const { return !existing_id.value.empty(); }

  // The tier actually used: the one written, else plus when advanced security is on.
  std::string effective_tier() const {
    if (!tier.value.empty()) return tier.value;
    return advanced_security.value == "off" ? "essentials" : "plus";
  }
};

struct IdentityPool {
  std::string name;
  Location location;
  Located<std::string> user_pool;               // name of a UserPool
  std::vector<Located<std::string>> clients;    // names of that pool's clients; empty: all of them
  Located<bool> allow_unauthenticated{false, {}};
  Tags tags;
};

struct Identity {
  Location location;  // where `identity:` was written; invalid when absent
  std::vector<UserPool> user_pools;
  std::vector<IdentityPool> identity_pools;

  const UserPool* find_user_pool(std::string_view name) const {
    for (const UserPool& p : user_pools) {
      if (p.name == name) return &p;
    }
    return nullptr;
  }
};

}  // namespace aip::spec
