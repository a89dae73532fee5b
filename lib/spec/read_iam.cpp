// The `iam:` area: personas, GitHub deploy roles and cross-account roles, read
// (checks: check_iam.cpp). Which intents and restrictions exist comes from the policy
// templates (templates/iam/), so a new intent needs no reader change.
#include <set>

#include <fmt/format.h>

#include "base/arn.hpp"
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
  // `knowledge_bases: true` granted bedrock:Retrieve on knowledge-base/*,
  // knowledge bases the spec could not create; now it names them.
  if (const YamlNode* kb = f.optional("knowledge_bases")) {
    if (kb->is_scalar() && (kb->scalar == "true" || kb->scalar == "false")) {
      diags.error(kb->location, "'knowledge_bases: " + kb->scalar + "' no longer grants every knowledge base of the "
                                "account: name the knowledge bases of the bedrock area the role may query, "
                                "`knowledge_bases: [NAME, ...]` (docs/areas/bedrock.md)");
    } else {
      for (const YamlNode* item : read_list(*kb, "knowledge_bases", diags)) {
        if (auto s = read_string(*item, "knowledge_bases", diags)) b.knowledge_bases.push_back(located(*s, *item));
      }
    }
  }
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
  f.text("clearance", r.clearance);
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

// `existing: {arn}`: a role deployed elsewhere. Every other key of the
// persona describes the role aip would create, so each is an error.
void read_existing_role(const YamlNode& n, const YamlNode& map, const Spec& spec, IamRole& r, Diagnostics& diags) {
  static const Pattern role_arn("arn:aws[a-z-]*:iam::[0-9]{12}:role/([A-Za-z0-9+=,.@_-]+/)*[A-Za-z0-9+=,.@_-]{1,64}");
  for (const auto& [k, v] : map.entries) {
    if (k.scalar == "existing" || k.scalar == "lint") continue;
    diags.error(k.location, fmt::format("persona '{}' is existing: '{}' describes what aip creates; an existing role's "
                                        "trust and permissions are its owner's",
                                        r.name, k.scalar));
  }
  Fields f(n, fmt::format("existing role '{}'", r.name), diags, n.location);
  if (!f.ok()) return;
  f.without_lint();
  if (!f.text("arn", role_arn, "'arn' must be an IAM role ARN such as arn:aws:iam::123456789012:role/Analyst, got '{}'",
              r.existing_arn, Presence::required)) {
    return;
  }
  const std::string resource = aws::arn_part(r.existing_arn.value, 5);
  r.role_name = {resource.substr(std::string_view("role/").size()), r.existing_arn.location};
  r.accounts.clear();
  const std::string account_id = aws::arn_part(r.existing_arn.value, 4);
  for (const Account& a : spec.accounts) {
    if (a.id.value == account_id) r.accounts.push_back({a.name, r.existing_arn.location});
  }
  r.permissions = {};
  r.tags.clear();
  r.boundary = {false, {}};
}

// `per_tenant: {tenants: [a, b], profile_tag: AllowedTenant}` (seed 000, an
// IAM role per tenant): one role per tenant, `<persona>-<tenant>` (IAM name
// `<role_name>-<tenant>`), tagged bedrock.tenant_tag = tenant, so the seed's
// aws:PrincipalTag condition holds the tenant without a session tag.
void stamp_per_tenant(const YamlNode& n, const IamRole& r, Spec& spec, Diagnostics& diags) {
  Fields f(n, fmt::format("'per_tenant' of persona '{}'", r.name), diags);
  if (!f.ok()) return;
  static const Pattern tenant("[a-z0-9]([a-z0-9-]{0,30}[a-z0-9])?");
  std::vector<Located<std::string>> tenants;
  f.strings("tenants", tenant, "tenant '{}' must be 1 to 32 lowercase letters, digits and '-' (it ends role names)",
            tenants, Presence::required);
  Located<std::string> profile_tag{"AllowedTenant", n.location};
  static const Pattern tag("[A-Za-z0-9_.:/=+@-]{1,128}");
  f.text("profile_tag", tag, "'profile_tag' must be a tag key (letters, digits and _.:/=+@-), got '{}'", profile_tag);
  if (r.existing()) {
    diags.error(n.location, fmt::format("persona '{}' is existing: 'per_tenant' stamps roles aip creates", r.name));
    return;
  }
  if (!r.permissions.bedrock || r.permissions.bedrock->tenant_tag.value.empty()) {
    diags.error(n.location, fmt::format("persona '{}' has 'per_tenant' but no 'bedrock.tenant_tag': name the tag that "
                                        "carries the tenant (TenantId)",
                                        r.name));
    return;
  }
  const std::string base = r.role_name.value.empty() ? "" : r.role_name.value;
  std::set<std::string> seen;
  for (const auto& t : tenants) {
    if (!seen.insert(t.value).second) {
      diags.error(t.location, fmt::format("tenant '{}' is listed twice in 'per_tenant' of persona '{}'", t.value, r.name));
      continue;
    }
    IamRole x = r;
    x.name = r.name + "-" + t.value;
    x.stamped_from = r.name;
    x.tenant = t.value;
    x.profile_tag = profile_tag.value;
    if (!base.empty()) {
      x.role_name = {base + "-" + t.value, t.location};
      if (x.role_name.value.size() > 64) {
        diags.error(t.location, fmt::format("role name '{}' of tenant '{}' is longer than the 64 characters IAM allows",
                                            x.role_name.value, t.value));
        continue;
      }
    }
    x.tags[r.permissions.bedrock->tenant_tag.value] = t;
    spec.iam.roles.push_back(std::move(x));
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
  const bool existing = value.find("existing") != nullptr;
  if (const YamlNode* t = existing ? f.optional("trust") : f.required("trust")) read_persona_trust(*t, r.trust, diags);
  if (const YamlNode* e = f.optional("existing")) read_existing_role(*e, value, spec, r, diags);
  if (const YamlNode* t = f.optional("per_tenant")) {
    stamp_per_tenant(*t, r, spec, diags);
    return;
  }
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

}  // namespace

}  // namespace aip::spec
