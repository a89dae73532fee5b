// The `iam:` area of the spec: roles generated from intent, never from
// hand-written JSON. Three kinds share one permission grammar:
//   personas       people, trusted through IAM Identity Center, a SAML provider
//                  or named principals of other accounts (seed 001);
//   github         GitHub Actions deploy roles behind the account's OIDC
//                  provider, pinned to repositories and branches/environments (seed 002);
//   cross_account  roles in target accounts assumable only by named roles of
//                  another account, optionally rolled out to whole OUs as a
//                  StackSet (seed 002).
// Names in the permissions are spec names (buckets, models) that become exact ARNs.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "spec/located.hpp"

namespace aip::spec {

// `buckets: {read: [gold], read_write: [silver]}`: buckets of this spec.
struct BucketGrants {
  std::vector<Located<std::string>> read;
  std::vector<Located<std::string>> read_write;
  std::vector<Located<std::string>> write;
};

// `bedrock: {invoke: [model ids], list_models: true, tenant_tag: TenantId}`.
struct BedrockGrants {
  std::vector<Located<std::string>> invoke;  // foundation model ids or cross-region inference profile ids
  Located<bool> list_models{false, {}};
  // ABAC (seed 000): knowledge-base retrieval only where the resource's tag
  // equals the caller's, and nothing at all without the principal tag.
  Located<std::string> tenant_tag;
  // Knowledge bases of the bedrock area by name: bedrock:Retrieve on exactly
  // them (plan/bedrock.cpp attaches it). `true` (every knowledge base of the
  // account) is refused with a migration message.
  std::vector<Located<std::string>> knowledge_bases;
};

// `sagemaker: develop`: a service and a level, looked up in templates/iam/intents.json.
struct ServiceGrant {
  Located<std::string> service;
  Located<std::string> level;
};

// One entry of `deny:`: a named restriction (templates/iam/restrictions.json)
// or `{buckets: [bronze, silver]}` (no access at all to those buckets).
struct Restriction {
  Location location;
  std::string name;  // "buckets" for the object form
  std::vector<Located<std::string>> buckets;
};

struct Permissions {
  BucketGrants buckets;
  std::optional<BedrockGrants> bedrock;
  std::vector<ServiceGrant> services;
  std::vector<Restriction> deny;
};

enum class TrustKind { identity_center, saml, accounts };

struct PersonaTrust {
  Location location;
  TrustKind kind = TrustKind::identity_center;
  Located<std::string> permission_set;  // identity_center: the permission set whose sessions may assume
  Located<std::string> saml_provider;   // saml: a provider name in the role's account, or its ARN
  std::vector<Located<std::string>> accounts;  // accounts: spec account names or 12-digit ids
  std::vector<Located<std::string>> roles;     // accounts: role names there (pins aws:PrincipalArn)
  Located<std::string> external_id;            // accounts: sts:ExternalId (third parties)
};

// `assumed_by: [{account: shared, role: PromotionRole}]` or the name of another
// role of this spec.
struct RolePrincipal {
  Location location;
  Located<std::string> role;     // an IAM role name, or a role of this spec
  Located<std::string> account;  // empty: `role` names a role of this spec
};

struct GithubTrust {
  std::vector<Located<std::string>> repositories;  // "org/repo", never a wildcard
  std::vector<Located<std::string>> branches;      // "main", "release/*"
  std::vector<Located<std::string>> environments;  // GitHub deployment environments
  Located<bool> pull_requests{false, {}};
};

// Service-managed StackSet that lands the role in every account of some OUs.
struct StackSetTarget {
  Location location;
  Located<std::string> account;  // where the StackSet lives (management or delegated admin)
  std::vector<Located<std::string>> organizational_units;
  std::vector<Located<std::string>> regions;
  Located<bool> delegated_admin{true, {}};
};

enum class RoleKind { persona, github, cross_account };
const char* to_string(RoleKind kind);

struct IamRole {
  std::string name;
  Location location;
  RoleKind kind = RoleKind::persona;
  Located<std::string> role_name;                // the IAM name; empty: PascalCase(name) + "Role" (plan)
  std::vector<Located<std::string>> accounts;    // where it is created
  std::optional<StackSetTarget> stackset;        // cross_account: instead of accounts
  Located<int> max_session_hours{1, {}};
  Located<bool> boundary{false, {}};             // a permissions boundary equal to its intent
  PersonaTrust trust;                            // persona
  GithubTrust github;                            // github
  std::vector<RolePrincipal> assumed_by;         // cross_account
  Permissions permissions;
  Located<std::string> clearance;       // the highest level of `classification:` it may use; empty: the lowest
  Tags tags;
  // `existing: {arn}` on a persona: a role deployed elsewhere (docs/existing.md).
  // aip creates nothing of it; `role_name` is the ARN's path and name, and
  // `accounts` the spec's account of the ARN's id (empty for another account).
  Located<std::string> existing_arn;
  bool existing() const { return !existing_arn.value.empty(); }
  // `per_tenant:` on a persona (seed 000, a role per tenant): the reader
  // stamps one role per tenant, named `<persona>-<tenant>` and tagged with
  // bedrock.tenant_tag = tenant; `stamped_from` is the persona as written.
  std::string stamped_from;
  std::string tenant;
  std::string profile_tag;  // the tag of the tenant's application inference profiles
  std::string group() const { return stamped_from.empty() ? name : stamped_from; }
};

struct Iam {
  Location location;  // where `iam:` was written; invalid when absent
  Located<std::string> organization_id;  // o-xxxxxxxxxx: aws:PrincipalOrgID on cross-account trust
  std::vector<IamRole> roles;            // personas, then github, then cross_account, as written

  const IamRole* find(std::string_view name) const {
    for (const IamRole& r : roles) {
      if (r.name == name) return &r;
    }
    return nullptr;
  }
  // A role by name, or every role stamped from a `per_tenant:` persona.
  std::vector<const IamRole*> named(std::string_view name) const {
    std::vector<const IamRole*> out;
    for (const IamRole& r : roles) {
      if (r.name == name || r.stamped_from == name) out.push_back(&r);
    }
    return out;
  }
};

}  // namespace aip::spec
