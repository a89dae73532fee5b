// Checks of the `iam:` area across elements and areas: accounts, buckets and the
// other elements roles are granted.
#include <set>

#include <fmt/format.h>

#include "base/did_you_mean.hpp"
#include "base/pattern.hpp"
#include "iam/templates.hpp"
#include "spec/placement.hpp"
#include "spec/load.hpp"
#include "spec/regions.hpp"
#include "spec/tables.hpp"

namespace aip::spec {
namespace {

void check_account_ref(const Spec& spec, const Located<std::string>& name, const std::string& what,
                       Diagnostics& diags) {
  if (spec.find_account(name.value) != nullptr) return;
  std::vector<std::string> names;
  for (const Account& a : spec.accounts) names.push_back(a.name);
  diags.error(name.location, fmt::format("{} refers to account '{}', which is not defined{}", what, name.value,
                                         did_you_mean(name.value, names)));
}

void check_buckets(const Spec& spec, const std::string& what, const std::vector<Located<std::string>>& accounts,
                   const std::vector<Located<std::string>>& list, Diagnostics& diags) {
  std::vector<std::string> names;
  for (const Bucket& b : spec.storage.buckets) names.push_back(b.name);
  for (const auto& name : list) {
    const Bucket* b = spec.storage.find(name.value);
    if (b == nullptr) {
      diags.error(name.location, fmt::format("{} refers to bucket '{}', which is not defined{}", what, name.value,
                                             did_you_mean(name.value, names)));
      continue;
    }
    // Another account's bucket also needs its bucket and key policies to say
    // yes; aip writes grants only where one identity policy is enough.
    const Account* bucket_account = b->account.value.empty() ? &spec.accounts.front() : spec.find_account(b->account.value);
    for (const auto& a : accounts) {
      if (bucket_account != nullptr && a.value != bucket_account->name && spec.find_account(a.value) != nullptr) {
        Diagnostic& d = diags.error(name.location, fmt::format("{} is created in account '{}' but bucket '{}' "
                                                               "lives in account '{}': cross-account bucket access is "
                                                               "not generated; use a cross_account role in '{}'",
                                                               what, a.value, name.value,
                                                               bucket_account->name, bucket_account->name));
        d.notes.push_back({Severity::note, b->location, "bucket declared here", {}});
      }
    }
  }
}

}  // namespace

void check_iam(const Spec& spec, Diagnostics& diags) {
  std::set<std::pair<std::string, std::string>> role_names;  // (account, IAM name)
  std::vector<std::string> spec_roles;
  for (const IamRole& r : spec.iam.roles) spec_roles.push_back(r.name);
  std::set<std::string> seen;
  for (const IamRole& r : spec.iam.roles) {
    const std::string what = fmt::format("{} '{}'", to_string(r.kind), r.name);
    if (!seen.insert(r.name).second) {
      diags.error(r.location, fmt::format("{}: another persona, github or cross-account role already has this name",
                                          what));
    }
    if (r.existing()) continue;  // nothing of it is created (docs/existing.md)
    if (r.stackset) {
      if (!r.accounts.empty()) {
        diags.error(r.accounts.front().location, fmt::format("{} is deployed by its stackset to whole organizational "
                                                             "units; remove 'accounts'",
                                                             what));
      }
      check_account_ref(spec, r.stackset->account, what, diags);
      if (r.stackset->regions.size() > 1) {
        diags.error(r.stackset->regions[1].location, fmt::format("{}: IAM roles are global, so a stackset of roles "
                                                                 "deploys to one region; a second region would create "
                                                                 "the same role twice",
                                                                 what));
      }
      if (!r.permissions.buckets.read.empty() || !r.permissions.buckets.read_write.empty() ||
          !r.permissions.buckets.write.empty()) {
        diags.error(r.stackset->location, fmt::format("{} lands in every account of its organizational units, where "
                                                      "this spec's buckets do not exist; give bucket access to a role "
                                                      "in the bucket's account",
                                                      what));
      }
    } else if (r.accounts.empty()) {
      if (spec.accounts.size() != 1) {
        diags.error(r.location, fmt::format("{} needs 'accounts' (where the role is created): the spec has {} "
                                            "accounts",
                                            what, spec.accounts.size()));
      }
    }
    for (const auto& a : r.accounts) check_account_ref(spec, a, what, diags);
    std::vector<std::string> accounts;
    for (const auto& a : r.accounts) accounts.push_back(a.value);
    if (accounts.empty() && !r.stackset && !spec.accounts.empty()) accounts.push_back(spec.accounts.front().name);
    for (const std::string& a : accounts) {
      if (r.role_name.value.empty()) continue;  // the default, PascalCase(name) + "Role", is unique with the name
      if (!role_names.insert({a, r.role_name.value}).second) {
        diags.error(r.role_name.location.valid() ? r.role_name.location : r.location,
                    fmt::format("{}: account '{}' already gets a role named {}", what, a, r.role_name.value));
      }
    }
    std::vector<Located<std::string>> placed = r.accounts;
    if (placed.empty() && !spec.accounts.empty() && !r.stackset) placed.push_back({spec.accounts.front().name, r.location});
    const BucketGrants& g = r.permissions.buckets;
    for (const auto* list : {&g.read, &g.read_write, &g.write}) check_buckets(spec, what, placed, *list, diags);
    for (const Restriction& d : r.permissions.deny) {
      if (d.name == "buckets") check_buckets(spec, what, {}, d.buckets, diags);
    }
    if (r.permissions.bedrock && !r.permissions.bedrock->tenant_tag.value.empty() &&
        r.permissions.bedrock->knowledge_bases.empty() && r.permissions.bedrock->invoke.empty()) {
      diags.error(r.permissions.bedrock->tenant_tag.location,
                  fmt::format("{}: 'tenant_tag' scopes knowledge bases and models; grant 'invoke' or "
                              "'knowledge_bases'",
                              what));
    }
    if (r.kind == RoleKind::persona && r.trust.kind == TrustKind::accounts) {
      for (const auto& a : r.trust.accounts) {
        if (!aws_account_id().matches(a.value)) check_account_ref(spec, a, what, diags);
      }
      bool third_party = std::any_of(r.trust.accounts.begin(), r.trust.accounts.end(),
                                     [&](const auto& a) { return spec.find_account(a.value) == nullptr; });
      if (!third_party && r.trust.roles.empty() && spec.iam.organization_id.value.empty() &&
          r.trust.external_id.value.empty()) {
        diags.error(r.trust.location, fmt::format("{} trusts whole accounts: name the 'roles' that may assume it, or "
                                                  "set iam.organization_id (aws:PrincipalOrgID)",
                                                  what));
      }
      if (third_party && r.trust.external_id.value.empty() && r.trust.roles.empty()) {
        diags.error(r.trust.location, fmt::format("{} trusts an account outside this spec: name its 'roles' or set "
                                                  "'external_id' (the confused-deputy guard)",
                                                  what));
      }
    }
    for (const RolePrincipal& p : r.assumed_by) {
      if (p.account.value.empty()) {
        const IamRole* other = spec.iam.find(p.role.value);
        if (other == nullptr) {
          diags.error(p.role.location, fmt::format("{} is assumed by '{}', which is not a role of this spec{}; name "
                                                   "another account's role as {{account: NAME, role: ROLE_NAME}}",
                                                   what, p.role.value, did_you_mean(p.role.value, spec_roles)));
        } else if (other->stackset) {
          diags.error(p.role.location, fmt::format("{} cannot be assumed by '{}': that role is deployed by a "
                                                   "stackset to many accounts",
                                                   what, p.role.value));
        } else if (other == &r) {
          diags.error(p.role.location, fmt::format("{} cannot be assumed by itself", what));
        }
      } else if (!aws_account_id().matches(p.account.value)) {
        check_account_ref(spec, p.account, what, diags);
      }
    }
  }
}

}  // namespace aip::spec
