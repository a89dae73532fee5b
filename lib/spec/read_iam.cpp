// The `iam:` area: personas, GitHub deploy roles and cross-account roles, read
// and checked. Which intents and restrictions exist comes from the policy
// templates (templates/iam/), so a new intent needs no reader change.
#include <set>

#include <fmt/format.h>

#include "base/did_you_mean.hpp"
#include "base/pattern.hpp"
#include "iam/templates.hpp"
#include "spec/field_reader.hpp"
#include "spec/placement.hpp"
#include "spec/load.hpp"
#include "spec/regions.hpp"
#include "spec/tables.hpp"

namespace aip::spec {

const char* to_string(RoleKind kind) {
  switch (kind) {
    case RoleKind::persona: return "persona";
    case RoleKind::github: return "github role";
    case RoleKind::cross_account: return "cross-account role";
  }
  return "role";
}

namespace {

const Pattern kAccountId("[0-9]{12}");

void read_bucket_grants(const YamlNode& n, BucketGrants& g, Diagnostics& diags) {
  Fields f(n, "'buckets'", diags);
  if (!f.ok()) return;
  f.strings("read", g.read);
  f.strings("read_write", g.read_write);
  f.strings("write", g.write);
}

void read_bedrock(const YamlNode& n, BedrockGrants& b, Diagnostics& diags) {
  Fields f(n, "'bedrock'", diags);
  if (!f.ok()) return;
  static const Pattern model("([a-z]{2,7}\\.)?[a-z0-9-]+\\.[A-Za-z0-9._:-]+\\*?");
  f.strings("invoke", model,
            "'{}' is not a Bedrock model id (provider.model, such as anthropic.claude-sonnet-4-20250514-v1:0 or "
            "amazon.titan-embed-text-v2:0)",
            b.invoke);
  f.flag("list_models", b.list_models);
  f.flag("knowledge_bases", b.knowledge_bases);
  static const Pattern tag("[A-Za-z0-9_.:/=+@-]{1,128}");
  f.text("tenant_tag", tag, "'tenant_tag' must be a tag key (letters, digits and _.:/=+@-), got '{}'", b.tenant_tag);
}

void read_deny(const YamlNode& n, Permissions& p, Diagnostics& diags) {
  const auto& templates = iam::PolicyTemplates::embedded();
  std::vector<std::string> names = templates.restrictions();
  names.push_back("training-data");
  for (const YamlNode* item : read_list(n, "deny", diags)) {
    Restriction r;
    r.location = item->location;
    if (item->is_map()) {
      Fields f(*item, "a restriction", diags);
      f.strings("buckets", r.buckets, Presence::required);
      r.name = "buckets";
      p.deny.push_back(std::move(r));
      continue;
    }
    auto v = read_string(*item, "deny", diags);
    if (!v) continue;
    if (std::find(names.begin(), names.end(), *v) == names.end()) {
      std::string all;
      for (const std::string& x : names) all += (all.empty() ? "" : ", ") + x;
      diags.error(item->location, fmt::format("unknown restriction '{}' (the restrictions are {}, or "
                                              "{{buckets: [names]}}){}",
                                              *v, all, did_you_mean(*v, names)));
      continue;
    }
    r.name = *v;
    p.deny.push_back(std::move(r));
  }
}

// The permission keys every role kind shares. Returns false for a key that is
// not a permission, so the caller's Fields reports it.
void read_permissions(Fields& f, Permissions& p, Diagnostics& diags) {
  const auto& templates = iam::PolicyTemplates::embedded();
  if (const YamlNode* v = f.optional("buckets")) read_bucket_grants(*v, p.buckets, diags);
  if (const YamlNode* v = f.optional("bedrock")) {
    p.bedrock.emplace();
    read_bedrock(*v, *p.bedrock, diags);
  }
  for (const std::string& service : templates.services()) {
    if (service == "bedrock") continue;
    const YamlNode* v = f.optional(service);
    if (v == nullptr) continue;
    auto levels = templates.levels(service);
    for (const YamlNode* item : read_list(*v, service, diags)) {
      if (auto level = read_choice(*item, service, levels, diags)) {
        p.services.push_back({Located<std::string>{service, v->location}, located(*level, *item)});
      }
    }
  }
  if (const YamlNode* v = f.optional("deny")) read_deny(*v, p, diags);
}

void read_role_common(Fields& f, IamRole& r, Diagnostics& diags) {
  f.text("role_name", iam_role_name(), kNotIamRoleName, r.role_name);
  f.strings("accounts", r.accounts);
  f.integer("max_session_hours", {1, 12}, r.max_session_hours);
  f.flag("boundary", r.boundary);
  f.tags(r.tags);
  read_permissions(f, r.permissions, diags);
}

void read_persona_trust(const YamlNode& n, PersonaTrust& t, Diagnostics& diags) {
  t.location = n.location;
  Fields f(n, "'trust'", diags);
  if (!f.ok()) return;
  // Explicit: exactly one kind of trust, and roles/external_id only with accounts.
  const YamlNode* ic = f.optional("identity_center");
  const YamlNode* saml = f.optional("saml");
  const YamlNode* accounts = f.optional("accounts");
  const YamlNode* roles = f.optional("roles");
  const YamlNode* external = f.optional("external_id");
  int given = (ic != nullptr) + (saml != nullptr) + (accounts != nullptr);
  if (given != 1) {
    diags.error(n.location, "'trust' names exactly one of identity_center (a permission set), saml (a provider) or "
                            "accounts");
    return;
  }
  if (ic != nullptr) {
    t.kind = TrustKind::identity_center;
    static const Pattern set_name("[A-Za-z0-9+=,.@-]{1,32}");
    auto x = read_string(*ic, "identity_center", diags);
    if (x && set_name.matches(*x)) {
      t.permission_set = located(*x, *ic);
    } else if (x) {
      diags.error(ic->location, fmt::format("'identity_center' names a permission set (1 to 32 letters, digits and "
                                            "+=,.@-), got '{}'",
                                            *x));
    }
  } else if (saml != nullptr) {
    t.kind = TrustKind::saml;
    if (auto x = read_string(*saml, "saml", diags)) t.saml_provider = located(*x, *saml);
  } else {
    t.kind = TrustKind::accounts;
    t.accounts = read_strings(*accounts, "accounts", diags);
  }
  if (roles != nullptr) t.roles = read_strings(*roles, "roles", diags);
  if (external != nullptr) {
    static const Pattern shape("[A-Za-z0-9+=,.@:/-]{2,1224}");
    auto x = read_string(*external, "external_id", diags);
    if (x && shape.matches(*x)) {
      t.external_id = located(*x, *external);
    } else if (x) {
      diags.error(external->location, "'external_id' is 2 to 1224 letters, digits and +=,.@:/-");
    }
  }
  if (t.kind != TrustKind::accounts) {
    for (const YamlNode* extra : {roles, external}) {
      if (extra != nullptr) diags.error(extra->location, "'roles' and 'external_id' go with 'accounts' trust only");
    }
  }
}

void read_persona(const YamlNode& key, const YamlNode& value, Spec& spec, Diagnostics& diags) {
  if (!check_name(key, "persona", diags)) return;
  IamRole r;
  r.name = key.scalar;
  r.location = key.location;
  r.kind = RoleKind::persona;
  r.boundary = {true, {}};  // people get a boundary unless the spec says otherwise
  Fields f(value, fmt::format("persona '{}'", r.name), diags, key.location);
  if (!f.ok()) return;
  read_role_common(f, r, diags);
  if (const YamlNode* t = f.required("trust")) read_persona_trust(*t, r.trust, diags);
  spec.iam.roles.push_back(std::move(r));
}

void read_github_role(const YamlNode& key, const YamlNode& value, Spec& spec, Diagnostics& diags) {
  if (!check_name(key, "github role", diags)) return;
  IamRole r;
  r.name = key.scalar;
  r.location = key.location;
  r.kind = RoleKind::github;
  Fields f(value, fmt::format("github role '{}'", r.name), diags, key.location);
  if (!f.ok()) return;
  read_role_common(f, r, diags);
  // A GitHub sub claim is repo:ORG/REPO:...; a wildcard in ORG/REPO would let
  // any repository of the organization (or anyone's) deploy.
  static const Pattern repo("[A-Za-z0-9-]{1,39}/[A-Za-z0-9._-]{1,100}");
  f.strings("repositories", repo,
            "'{}' is not one repository (owner/name, no wildcards): a deploy role must trust named repositories only",
            r.github.repositories, Presence::required);
  // Explicit: besides the shape, branches must not be `*` and environments
  // take no wildcard at all.
  static const Pattern ref("[A-Za-z0-9._/*-]{1,255}");
  if (const YamlNode* v = f.optional("branches")) {
    for (auto& x : read_strings(*v, "branches", diags)) {
      if (!ref.matches(x.value) || x.value == "*") {
        diags.error(x.location, fmt::format("branch '{}' must name branches (main, release/*), not every branch", x.value));
        continue;
      }
      r.github.branches.push_back(std::move(x));
    }
  }
  if (const YamlNode* v = f.optional("environments")) {
    for (auto& x : read_strings(*v, "environments", diags)) {
      if (!ref.matches(x.value) || x.value.find('*') != std::string::npos) {
        diags.error(x.location, fmt::format("environment '{}' must be a GitHub environment name without wildcards",
                                            x.value));
        continue;
      }
      r.github.environments.push_back(std::move(x));
    }
  }
  f.flag("pull_requests", r.github.pull_requests);
  if (r.github.branches.empty() && r.github.environments.empty() && !r.github.pull_requests.value) {
    diags.error(key.location, fmt::format("github role '{}' must name branches, environments or pull_requests: "
                                          "trusting every ref of a repository lets any branch deploy",
                                          r.name));
  }
  spec.iam.roles.push_back(std::move(r));
}

void read_stackset(const YamlNode& n, StackSetTarget& s, Diagnostics& diags) {
  s.location = n.location;
  Fields f(n, "'stackset'", diags);
  if (!f.ok()) return;
  f.text("account", s.account, Presence::required);
  static const Pattern ou("(ou-[a-z0-9]{4,32}-[a-z0-9]{8,32}|r-[a-z0-9]{4,32})");
  f.strings("organizational_units", ou,
            "'{}' is not an organizational unit id (ou-xxxx-xxxxxxxx) or root id (r-xxxx)", s.organizational_units,
            Presence::required);
  f.regions("regions", s.regions, Presence::required);
  f.flag("delegated_admin", s.delegated_admin);
}

void read_cross_account_role(const YamlNode& key, const YamlNode& value, Spec& spec, Diagnostics& diags) {
  if (!check_name(key, "cross-account role", diags)) return;
  IamRole r;
  r.name = key.scalar;
  r.location = key.location;
  r.kind = RoleKind::cross_account;
  Fields f(value, fmt::format("cross-account role '{}'", r.name), diags, key.location);
  if (!f.ok()) return;
  read_role_common(f, r, diags);
  if (const YamlNode* v = f.optional("stackset")) {
    r.stackset.emplace();
    read_stackset(*v, *r.stackset, diags);
  }
  if (const YamlNode* v = f.required("assumed_by")) {
    for (const YamlNode* item : read_list(*v, "assumed_by", diags)) {
      RolePrincipal p;
      p.location = item->location;
      if (item->is_map()) {
        Fields pf(*item, "an 'assumed_by' entry", diags);
        pf.text("account", p.account, Presence::required);
        pf.text("role", p.role, Presence::required);
      } else if (auto x = read_string(*item, "assumed_by", diags)) {
        p.role = located(*x, *item);
      }
      r.assumed_by.push_back(std::move(p));
    }
  }
  spec.iam.roles.push_back(std::move(r));
}

}  // namespace

void read_iam(const YamlNode& node, Spec& spec, Diagnostics& diags) {
  spec.iam.location = node.location;
  Fields f(node, "'iam'", diags);
  if (!f.ok()) return;
  static const Pattern org("o-[a-z0-9]{10,32}");
  f.text("organization_id", org, "'organization_id' must look like o-a1b2c3d4e5, got '{}'", spec.iam.organization_id);
  read_named(f, "personas", "persona", diags,
             [&](const YamlNode& k, const YamlNode& v) { read_persona(k, v, spec, diags); });
  read_named(f, "github", "github role", diags,
             [&](const YamlNode& k, const YamlNode& v) { read_github_role(k, v, spec, diags); });
  read_named(f, "cross_account", "cross-account role", diags,
             [&](const YamlNode& k, const YamlNode& v) { read_cross_account_role(k, v, spec, diags); });
}

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
        !r.permissions.bedrock->knowledge_bases.value && r.permissions.bedrock->invoke.empty()) {
      diags.error(r.permissions.bedrock->tenant_tag.location,
                  fmt::format("{}: 'tenant_tag' scopes knowledge bases and models; grant 'invoke' or "
                              "'knowledge_bases'",
                              what));
    }
    if (r.kind == RoleKind::persona && r.trust.kind == TrustKind::accounts) {
      for (const auto& a : r.trust.accounts) {
        if (!kAccountId.matches(a.value)) check_account_ref(spec, a, what, diags);
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
      } else if (!kAccountId.matches(p.account.value)) {
        check_account_ref(spec, p.account, what, diags);
      }
    }
  }
}

}  // namespace aip::spec
