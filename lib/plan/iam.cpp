// The iam: area: roles from intent. Each role lands in the iam stack of every
// account it names (or, for a stackset role, in a StackSet that deploys it to
// whole organizational units). Its permissions come from templates/iam/ filled
// in with literal ARNs of the account and region it lives in, so the policy a
// reviewer reads in policies/ is exactly what IAM evaluates.
#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "base/arn.hpp"
#include "base/aws_regions.hpp"
#include "cfn/intrinsics.hpp"
#include "iam/templates.hpp"
#include "plan/bedrock.hpp"
#include "plan/names.hpp"
#include "plan/plan.hpp"
#include "plan/policy_builder.hpp"
#include "plan/sagemaker.hpp"
#include "spec/load.hpp"
#include "spec/placement.hpp"

namespace aip::plan {

namespace {

using Json = nlohmann::json;
using iam::Effect;
using iam::Statement;

constexpr const char* kGithubHost = "token.actions.githubusercontent.com";
// Inline policies of one role may hold 10,240 characters together, a managed
// policy (the boundary) 6,144, both without whitespace (IAM quotas).
constexpr std::size_t kInlinePolicyQuota = 10240;
constexpr std::size_t kManagedPolicyQuota = 6144;

std::string role_name(const spec::IamRole& r) {
  return r.role_name.value.empty() ? cfn::pascal_case(r.name) + "Role" : r.role_name.value;
}

// The name a persona's tenant roles share their policies and boundary under:
// the persona's role name without the tenant ("<role_name>-<tenant>" when
// the persona names its role, "<Persona>Role" when aip does).
std::string shared_role_name(const spec::IamRole& r) {
  if (r.tenant.empty()) return role_name(r);
  const std::string suffix = "-" + r.tenant;
  const std::string& named = r.role_name.value;
  if (named.size() > suffix.size() && named.ends_with(suffix)) return named.substr(0, named.size() - suffix.size());
  return cfn::pascal_case(r.group()) + "Role";
}

// Where a role is being rendered: literal values, or CloudFormation pseudo
// parameters inside a StackSet template (one template for many accounts).
struct Place {
  iam::Placeholders values;
  std::string account_id;
  std::string region;
  bool templated = false;  // values are ${AWS::...}: strings need Fn::Sub
};

Place literal_place(const spec::Spec& spec, const spec::Account& account, const std::string& role) {
  Place p;
  p.account_id = account.id.value;
  p.region = account.region.value;
  p.values = {{"Partition", aws::partition_of(p.region)}, {"Region", p.region}, {"Account", p.account_id},
              {"Platform", spec.name.value}, {"Role", role}};
  return p;
}

Place stackset_place(const spec::Spec& spec, const std::string& role) {
  Place p;
  p.templated = true;
  p.values = {{"Partition", "${AWS::Partition}"}, {"Region", "${AWS::Region}"}, {"Account", "${AWS::AccountId}"},
              {"Platform", spec.name.value}, {"Role", role}};
  return p;
}

Statement allow_statement(std::string sid, std::vector<std::string> actions, std::vector<Json> resources) {
  Statement s;
  s.sid = std::move(sid);
  s.effect = Effect::Allow;
  std::sort(actions.begin(), actions.end());
  s.action = std::move(actions);
  s.resource = std::move(resources);
  return s;
}

std::string bucket_arn(const spec::Spec& spec, const spec::Bucket& b, const spec::Account& account) {
  const std::string region = b.region.value.empty() ? account.region.value : b.region.value;
  return aws::arn(aws::partition_of(region), "s3", "", "", spec::s3_bucket_name(spec, b, region));
}

const spec::Account& bucket_account(const spec::Spec& spec, const spec::Bucket& b) {
  return account_of(spec, b.account);
}

// s3 grants by access level; KMS through S3 only, for the buckets' keys.
void bucket_statements(const spec::Spec& spec, const spec::BucketGrants& g, std::vector<Statement>& out) {
  std::vector<Json> list, read_objects, write_objects, decrypt, encrypt;
  std::vector<std::string> via;
  auto add = [&](const spec::Located<std::string>& name, bool read, bool write) {
    const spec::Bucket* b = spec.storage.find(name.value);
    if (b == nullptr) return;
    const spec::Account& account = bucket_account(spec, *b);
    const std::string arn = bucket_arn(spec, *b, account);
    const std::string region = b->region.value.empty() ? account.region.value : b->region.value;
    if (std::find(list.begin(), list.end(), Json(arn)) == list.end()) list.emplace_back(arn);
    if (read) read_objects.emplace_back(arn + "/*");
    if (write) write_objects.emplace_back(arn + "/*");
    if (b->encryption.value == "kms") {
      std::string key = aws::arn(aws::partition_of(region), "kms", region, account.id.value, "key/*");
      if (read || write) decrypt.emplace_back(key);
      if (write) encrypt.emplace_back(key);
      via.push_back(fmt::format("s3.{}.amazonaws.com", region));
    }
  };
  for (const auto& n : g.read) add(n, true, false);
  for (const auto& n : g.read_write) add(n, true, true);
  for (const auto& n : g.write) add(n, false, true);
  if (list.empty()) return;
  out.push_back(allow_statement("ListBuckets", {"s3:GetBucketLocation", "s3:ListBucket"}, list));
  if (!read_objects.empty()) out.push_back(allow_statement("ReadObjects", {"s3:GetObject", "s3:GetObjectVersion"}, read_objects));
  if (!write_objects.empty()) {
    out.push_back(allow_statement("WriteObjects", {"s3:AbortMultipartUpload", "s3:DeleteObject", "s3:PutObject"}, write_objects));
  }
  std::sort(via.begin(), via.end());
  via.erase(std::unique(via.begin(), via.end()), via.end());
  std::vector<Json> via_json(via.begin(), via.end());
  // Each bucket's key is created with it; "key/*" with kms:ViaService S3 lets
  // the role use a key only for S3 requests it is already allowed to make.
  auto kms = [&](const char* sid, std::vector<std::string> actions, std::vector<Json> keys) {
    if (keys.empty()) return;
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    Statement s = allow_statement(sid, std::move(actions), std::move(keys));
    s.condition["StringEquals"]["kms:ViaService"] = via_json;
    out.push_back(std::move(s));
  };
  std::vector<Json> decrypt_only;
  for (const Json& k : decrypt) {
    if (std::find(encrypt.begin(), encrypt.end(), k) == encrypt.end()) decrypt_only.push_back(k);
  }
  kms("DecryptObjects", {"kms:Decrypt"}, decrypt_only);
  kms("EncryptObjects", {"kms:Decrypt", "kms:GenerateDataKey"}, encrypt);
}

// The application inference profile of a tenant for a model (seed 000: the
// seed's condition needs tagged resources, and foundation models carry none).
std::string tenant_profile_id(const spec::IamRole& r, std::string_view model) {
  return cfn::pascal_case(r.tenant + "-" + std::string(model)) + "Profile";
}

std::string tenant_profile_name(const spec::Spec& spec, const spec::IamRole& r, std::string_view model) {
  // The name allows letters, digits and single ' ', '_' or '-' between them.
  std::string_view m = model.substr(model.find('.') + 1);  // without the provider
  if (is_inference_profile(model)) m = m.substr(m.find('.') + 1);  // and the geography
  std::string out = spec.name.value + "-" + r.tenant + "-";
  for (char c : m) {
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (alnum) {
      out += c;
    } else if (out.back() != '-') {
      out += '-';
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

void bedrock_statements(const spec::IamRole& r, const Place& at, std::vector<Statement>& out) {
  const spec::BedrockGrants& b = *r.permissions.bedrock;
  const std::string& partition = at.values.at("Partition");
  const std::string& region = at.values.at("Region");
  const std::string& account = at.values.at("Account");
  std::vector<Json> models;
  if (!r.tenant.empty() && !b.invoke.empty()) {
    // A role per tenant calls the models through its tenant's application
    // inference profiles only: the seed's condition, the profile's tag equal
    // to the role's tenant tag. The models themselves are named exactly.
    Statement s = allow_statement("InvokeTenantProfiles", {"bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"},
                                  {aws::arn(partition, "bedrock", region, account, "application-inference-profile/*")});
    s.condition["StringEquals"]["aws:ResourceTag/" + r.profile_tag] = {
        fmt::format("${{aws:PrincipalTag/{}}}", b.tenant_tag.value)};
    out.push_back(std::move(s));
    for (const auto& m : b.invoke) {
      const bool profile = is_inference_profile(m.value);
      models.emplace_back(aws::arn(partition, "bedrock", profile ? "*" : region, "",
                                   "foundation-model/" + (profile ? m.value.substr(m.value.find('.') + 1) : m.value)));
    }
  }
  for (const auto& m : b.invoke) {
    if (!r.tenant.empty()) break;  // above: through the tenant's profiles
    if (is_inference_profile(m.value)) {
      // A cross-region profile routes to the model in any region it covers.
      models.emplace_back(aws::arn(partition, "bedrock", region, account, "inference-profile/" + m.value));
      models.emplace_back(aws::arn(partition, "bedrock", "*", "", "foundation-model/" + m.value.substr(m.value.find('.') + 1)));
    } else {
      models.emplace_back(aws::arn(partition, "bedrock", region, "", "foundation-model/" + m.value));
    }
  }
  if (!models.empty()) {
    out.push_back(allow_statement("InvokeModels", {"bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"}, models));
  }
  if (b.list_models.value) out.push_back(allow_statement("ListModels", {"bedrock:ListFoundationModels"}, {"*"}));
  const std::string& tag = b.tenant_tag.value;
  // Retrieval from the knowledge bases the role names is attached by the
  // bedrock area (plan/bedrock.cpp): their ARNs exist only once they do.
  if (!tag.empty()) {
    Statement deny;
    deny.sid = "DenyWithoutTenantTag";
    deny.effect = Effect::Deny;
    deny.action = std::vector<std::string>{"bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream",
                                           "bedrock:Retrieve"};
    deny.resource = std::vector<Json>{"*"};
    deny.condition["Null"]["aws:PrincipalTag/" + tag] = {"true"};
    out.push_back(std::move(deny));
  }
}

std::vector<Json> restricted_bucket_arns(const spec::Spec& spec, const spec::Restriction& r) {
  std::vector<const spec::Bucket*> buckets;
  if (r.name == "training-data") {
    for (const spec::Bucket& b : spec.storage.buckets) {
      if (b.preset.value == "bronze" || b.preset.value == "silver") buckets.push_back(&b);
    }
  } else {
    for (const auto& n : r.buckets) {
      if (const spec::Bucket* b = spec.storage.find(n.value)) buckets.push_back(b);
    }
  }
  std::vector<Json> arns;
  for (const spec::Bucket* b : buckets) {
    const std::string arn = bucket_arn(spec, *b, bucket_account(spec, *b));
    arns.emplace_back(arn);
    arns.emplace_back(arn + "/*");
  }
  return arns;
}

// Sids must be unique within a policy; a second use gets a number.
void unique_sids(std::vector<Statement>& statements) {
  std::map<std::string, int> seen;
  for (Statement& s : statements) {
    int n = ++seen[s.sid];
    if (n > 1) s.sid += std::to_string(n);
  }
}

struct RolePolicies {
  std::vector<Statement> allow;  // permissions
  std::vector<Statement> deny;   // restrictions
  std::vector<const iam::ServiceRoleTemplate*> service_roles;
  // One entry per `deny:` entry, in order: {name, probes: [{action, resource,
  // resource_tags?}]}, the requests the restriction must refuse. Written into
  // the role's Metadata (aip.restrictions) for AIP-IAM-012.
  Json restrictions = Json::array();
};

Json probe(const std::string& action, const std::string& resource) {
  return {{"action", action}, {"resource", resource}};
}

// The requests a restriction refuses: the template's probes filled in for this
// role; for buckets, listing each bucket and reading and writing its objects.
Json restriction_probes(const spec::Spec& spec, const spec::Restriction& d, const Place& at) {
  Json probes = Json::array();
  if (d.name == "buckets" || d.name == "training-data") {
    std::vector<Json> arns = restricted_bucket_arns(spec, d);
    for (std::size_t i = 0; i + 1 < arns.size(); i += 2) {
      probes.push_back(probe("s3:ListBucket", arns[i].get<std::string>()));
      probes.push_back(probe("s3:GetObject", arns[i + 1].get<std::string>()));
      probes.push_back(probe("s3:PutObject", arns[i + 1].get<std::string>()));
    }
    return probes;
  }
  if (const iam::RestrictionTemplate* t = iam::PolicyTemplates::embedded().restriction(d.name)) {
    for (const iam::Probe& p : t->probes) {
      Json j = probe(p.action, iam::fill(p.resource, at.values));
      if (!p.resource_tags.empty()) j["resource_tags"] = p.resource_tags;
      probes.push_back(std::move(j));
    }
  }
  return probes;
}

// Collections of the search area whose data access policy names this role:
// the role needs aoss:APIAccessAll on them (the data access policy then decides
// what it may do inside). In the role's intent, so a boundary allows it too.
void search_statements(const spec::Spec& spec, const spec::IamRole& r, const Place& at, std::vector<Statement>& out) {
  std::map<std::string, std::vector<std::string>> by_region;
  for (const spec::SearchCollection& c : spec.search.collections) {
    bool named = false;
    for (const auto* list : {&c.access.read, &c.access.write}) {
      for (const auto& g : *list) named = named || g.value == r.name;
    }
    if (!named) continue;
    const spec::Vpc* vpc = c.vpc.value.empty() ? nullptr : spec.find_vpc(c.vpc.value);
    spec::Placement where = vpc != nullptr ? spec::place(spec, vpc->account, vpc->region)
                                           : spec::place(spec, c.account, c.region);
    by_region[where.region].push_back(spec::collection_name(spec, c));
  }
  for (auto& [region, names] : by_region) {
    // Collection ARNs end in a generated id: name the collections by the aoss:collection key.
    Statement s = allow_statement(by_region.size() == 1 ? "SearchCollections" : "SearchCollections" + cfn::pascal_case(region),
                        {"aoss:APIAccessAll"},
                        {aws::arn(at.values.at("Partition"), "aoss", region, at.values.at("Account"), "collection/*")});
    s.condition["StringEquals"]["aoss:collection"] = std::vector<Json>(names.begin(), names.end());
    out.push_back(std::move(s));
  }
}

void assume_statements(const spec::Spec& spec, const spec::IamRole& r, const Place& at, std::vector<Statement>& out);

RolePolicies role_policies(const spec::Spec& spec, const spec::IamRole& r, const Place& at) {
  const auto& templates = iam::PolicyTemplates::embedded();
  RolePolicies p;
  if (!at.templated) bucket_statements(spec, r.permissions.buckets, p.allow);
  if (r.permissions.bedrock) bedrock_statements(r, at, p.allow);
  for (const spec::ServiceGrant& g : r.permissions.services) {
    const iam::IntentTemplate* t = templates.intent(g.service.value, g.level.value);
    if (t == nullptr) continue;  // the reader only accepts known intents
    for (const iam::TemplateStatement& s : t->statements) p.allow.push_back(iam::instantiate(s, Effect::Allow, at.values));
    if (!t->service_role.empty()) {
      const iam::ServiceRoleTemplate* sr = templates.service_role(t->service_role);
      if (std::find(p.service_roles.begin(), p.service_roles.end(), sr) != p.service_roles.end()) continue;
      p.service_roles.push_back(sr);
      const std::string name = at.values.at("Role") + sr->suffix;
      // The role may hand exactly this role to exactly this service.
      Statement pass = allow_statement("Pass" + sr->suffix + "Role", {"iam:PassRole"},
                             {aws::arn(at.values.at("Partition"), "iam", "", at.values.at("Account"), "role/" + name)});
      pass.condition["StringEquals"]["iam:PassedToService"] = {sr->service};
      p.allow.push_back(std::move(pass));
    }
  }
  if (!at.templated) search_statements(spec, r, at, p.allow);
  if (!at.templated) assume_statements(spec, r, at, p.allow);
  // Model registries (sagemaker area) that name this role: the identity side
  // of what their resource policies allow, on those registries only.
  if (!at.templated) {
    for (const RegistryGrant& g : registry_grants(spec, r)) {
      Statement s = allow_statement(g.sid, g.actions, std::vector<Json>(g.resources.begin(), g.resources.end()));
      s.condition = g.condition;
      p.allow.push_back(std::move(s));
    }
  }
  for (const spec::Restriction& d : r.permissions.deny) {
    p.restrictions.push_back({{"name", d.name}, {"probes", restriction_probes(spec, d, at)}});
    if (d.name == "buckets" || d.name == "training-data") {
      std::vector<Json> arns = restricted_bucket_arns(spec, d);
      if (arns.empty()) continue;
      Statement s;
      s.sid = d.name == "buckets" ? "DenyBuckets" : "DenyTrainingData";
      s.effect = Effect::Deny;
      s.action = std::vector<std::string>{"s3:*"};
      s.resource = std::move(arns);
      p.deny.push_back(std::move(s));
      continue;
    }
    if (const iam::RestrictionTemplate* t = templates.restriction(d.name)) {
      for (const iam::TemplateStatement& s : t->statements) p.deny.push_back(iam::instantiate(s, Effect::Deny, at.values));
    }
  }
  unique_sids(p.allow);
  unique_sids(p.deny);
  return p;
}

Json document(std::vector<Statement> statements) {
  iam::Policy policy;
  policy.version = kPolicyVersion;
  policy.statements = std::move(statements);
  return iam::render_policy(iam::canonical(policy));
}

// Inside a StackSet template one document serves every account: strings that
// name ${AWS::AccountId} and friends become Fn::Sub, and IAM's own ${...}
// variables are escaped as ${!...} so CloudFormation leaves them alone.
Json substitute(const Json& v) {
  if (v.is_string()) {
    const std::string s = v.get<std::string>();
    if (s.find("${AWS::") == std::string::npos) return v;
    std::string escaped;
    for (std::size_t i = 0; i < s.size(); ++i) {
      escaped += s[i];
      if (s[i] == '$' && i + 1 < s.size() && s[i + 1] == '{' && s.compare(i + 2, 5, "AWS::") != 0) escaped += "{!", ++i;
    }
    return cfn::intrinsic::sub(escaped);
  }
  Json out = v;
  if (v.is_object()) {
    for (auto& [k, e] : out.items()) e = substitute(e);
  } else if (v.is_array()) {
    for (auto& e : out) e = substitute(e);
  }
  return out;
}

std::size_t policy_size(const Json& doc) {
  std::size_t n = 0;
  for (char c : doc.dump()) n += (c != ' ' && c != '\n') ? 1 : 0;
  return n;
}

struct Principal {
  std::string account_id;
  std::string role;  // IAM role name
};

// Trust to named roles of other accounts: the account's root as principal
// and aws:PrincipalArn pinning the role, so the trust policy can be created
// before the other account's role exists (a role ARN as principal cannot).
Statement trust_roles(const spec::Spec& spec, const std::vector<Principal>& principals, const std::string& partition) {
  Statement s;
  s.sid = "AssumeFromNamedRoles";
  s.effect = Effect::Allow;
  s.action = std::vector<std::string>{"sts:AssumeRole"};
  s.principal.emplace();
  std::vector<Json> roots, arns;
  for (const Principal& p : principals) {
    Json root = aws::account_root_arn(partition, p.account_id);
    if (std::find(roots.begin(), roots.end(), root) == roots.end()) roots.push_back(root);
    arns.emplace_back(aws::arn(partition, "iam", "", p.account_id, "role/" + p.role));
  }
  s.principal->by_kind["AWS"] = roots;
  s.condition["ArnEquals"]["aws:PrincipalArn"] = arns;
  if (!spec.iam.organization_id.value.empty()) {
    s.condition["StringEquals"]["aws:PrincipalOrgID"] = {spec.iam.organization_id.value};
  }
  return s;
}

std::string account_id_of(const spec::Spec& spec, const std::string& name_or_id) {
  if (const spec::Account* a = spec.find_account(name_or_id)) return a->id.value;
  return name_or_id;
}

// A cross-account role that trusts this role (`assumed_by: [this]`) is of use
// only if this role may call sts:AssumeRole on it: the trust alone lets
// nobody in. Roles in named accounts by their ARNs; a StackSet role lands in
// accounts unknown until deployment, so any account, inside the organization
// when the spec names it.
void assume_statements(const spec::Spec& spec, const spec::IamRole& r, const Place& at, std::vector<Statement>& out) {
  const std::string& partition = at.values.at("Partition");
  std::vector<Json> named;
  std::vector<Json> anywhere;
  for (const spec::IamRole& x : spec.iam.roles) {
    if (x.kind != spec::RoleKind::cross_account) continue;
    // By its spec name, or as {account, role} naming its IAM name in the account
    // it is created in here (an environment's role: that environment's only).
    bool trusts_r = std::any_of(x.assumed_by.begin(), x.assumed_by.end(), [&](const spec::RolePrincipal& p) {
      if (p.account.value.empty()) return p.role.value == r.name;
      return p.role.value == role_name(r) && account_id_of(spec, p.account.value) == at.values.at("Account");
    });
    if (!trusts_r) continue;
    if (x.stackset) {
      anywhere.emplace_back(aws::arn(partition, "iam", "", "*", "role/" + role_name(x)));
      continue;
    }
    if (x.accounts.empty()) named.emplace_back(aws::arn(partition, "iam", "", spec.accounts.front().id.value, "role/" + role_name(x)));
    for (const auto& a : x.accounts) {
      named.emplace_back(aws::arn(partition, "iam", "", account_id_of(spec, a.value), "role/" + role_name(x)));
    }
  }
  if (!named.empty()) out.push_back(allow_statement("AssumeCrossAccountRoles", {"sts:AssumeRole"}, named));
  if (!anywhere.empty()) {
    Statement s = allow_statement("AssumeStackSetRoles", {"sts:AssumeRole"}, anywhere);
    if (!spec.iam.organization_id.value.empty()) {
      s.condition["StringEquals"]["aws:ResourceOrgID"] = {spec.iam.organization_id.value};
    }
    out.push_back(std::move(s));
  }
}

Statement persona_trust(const spec::Spec& spec, const spec::IamRole& r, const Place& at) {
  const std::string& partition = at.values.at("Partition");
  const spec::PersonaTrust& t = r.trust;
  const bool tags = r.permissions.bedrock && !r.permissions.bedrock->tenant_tag.value.empty();
  Statement s;
  s.effect = Effect::Allow;
  s.principal.emplace();
  switch (t.kind) {
    case spec::TrustKind::identity_center:
      // Identity Center sessions are roles AWSReservedSSO_<set>_<id> in this account.
      s.sid = "AssumeFromIdentityCenter";
      s.principal->by_kind["AWS"] = {aws::account_root_arn(partition, at.account_id)};
      s.action = std::vector<std::string>{"sts:AssumeRole"};
      s.condition["ArnLike"]["aws:PrincipalArn"] = {
          aws::arn(partition, "iam", "", at.account_id,
                   "role/aws-reserved/sso.amazonaws.com/*/AWSReservedSSO_" + t.permission_set.value + "_*")};
      break;
    case spec::TrustKind::saml: {
      s.sid = "AssumeWithSaml";
      const std::string& p = t.saml_provider.value;
      s.principal->by_kind["Federated"] = {p.rfind("arn:", 0) == 0
                                               ? p
                                               : aws::arn(partition, "iam", "", at.account_id, "saml-provider/" + p)};
      s.action = std::vector<std::string>{"sts:AssumeRoleWithSAML"};
      s.condition["StringEquals"]["SAML:aud"] = {"https://signin.aws.amazon.com/saml"};
      break;
    }
    case spec::TrustKind::accounts: {
      if (!t.roles.empty()) {
        std::vector<Principal> principals;
        for (const auto& a : t.accounts) {
          for (const auto& role : t.roles) principals.push_back({account_id_of(spec, a.value), role.value});
        }
        s = trust_roles(spec, principals, partition);
      } else {
        s.sid = "AssumeFromAccounts";
        std::vector<Json> roots;
        for (const auto& a : t.accounts) {
          roots.emplace_back(aws::account_root_arn(partition, account_id_of(spec, a.value)));
        }
        s.principal->by_kind["AWS"] = roots;
        s.action = std::vector<std::string>{"sts:AssumeRole"};
        if (!spec.iam.organization_id.value.empty()) {
          s.condition["StringEquals"]["aws:PrincipalOrgID"] = {spec.iam.organization_id.value};
        }
      }
      if (!t.external_id.value.empty()) s.condition["StringEquals"]["sts:ExternalId"] = {t.external_id.value};
      break;
    }
  }
  // Session tags carry the tenant for attribute-based access (seed 000).
  if (tags) s.action->push_back("sts:TagSession");
  // A tenant's own role: a session tag, if any, must name the same tenant.
  if (!r.tenant.empty()) {
    s.condition["StringEqualsIfExists"]["aws:RequestTag/" + r.permissions.bedrock->tenant_tag.value] = {r.tenant};
  }
  return s;
}

Statement github_trust(const spec::IamRole& r, Json provider) {
  Statement s;
  s.sid = "AssumeFromGithubActions";
  s.effect = Effect::Allow;
  s.principal.emplace();
  s.principal->by_kind["Federated"] = {std::move(provider)};
  s.action = std::vector<std::string>{"sts:AssumeRoleWithWebIdentity"};
  s.condition["StringEquals"][std::string(kGithubHost) + ":aud"] = {"sts.amazonaws.com"};
  std::vector<Json> subjects;
  bool wildcard = false;
  for (const auto& repo : r.github.repositories) {
    for (const auto& b : r.github.branches) {
      subjects.emplace_back(fmt::format("repo:{}:ref:refs/heads/{}", repo.value, b.value));
      wildcard = wildcard || b.value.find('*') != std::string::npos;
    }
    for (const auto& e : r.github.environments) {
      subjects.emplace_back(fmt::format("repo:{}:environment:{}", repo.value, e.value));
    }
    if (r.github.pull_requests.value) subjects.emplace_back(fmt::format("repo:{}:pull_request", repo.value));
  }
  s.condition[wildcard ? "StringLike" : "StringEquals"][std::string(kGithubHost) + ":sub"] = subjects;
  return s;
}

std::vector<Principal> assumed_by(const spec::Spec& spec, const spec::IamRole& r) {
  std::vector<Principal> out;
  for (const spec::RolePrincipal& p : r.assumed_by) {
    if (!p.account.value.empty()) {
      out.push_back({account_id_of(spec, p.account.value), p.role.value});
      continue;
    }
    const spec::IamRole* other = spec.iam.find(p.role.value);
    if (other == nullptr) continue;
    if (other->existing()) {  // in the account of its ARN, which may be outside the spec
      out.push_back({aws::arn_part(other->existing_arn.value, 4), role_name(*other)});
      continue;
    }
    if (other->accounts.empty()) {
      out.push_back({spec.accounts.front().id.value, role_name(*other)});
    }
    for (const auto& a : other->accounts) out.push_back({account_id_of(spec, a.value), role_name(*other)});
  }
  return out;
}

// The role's resources, as they go into a stack or a StackSet template.
struct RoleResources {
  std::vector<cfn::Resource> resources;
  // Of a persona's tenants together (its boundary, their profiles): added
  // once to the stack by the first tenant that brings them.
  std::vector<cfn::Resource> shared;
};

Json trust_document(const spec::Spec& spec, const spec::IamRole& r, const Place& at, const std::string& provider_id) {
  Statement s;
  switch (r.kind) {
    case spec::RoleKind::persona: s = persona_trust(spec, r, at); break;
    case spec::RoleKind::github:
      s = github_trust(r, cfn::intrinsic::ref(provider_id));
      break;
    case spec::RoleKind::cross_account:
      s = trust_roles(spec, assumed_by(spec, r), at.values.at("Partition"));
      break;
  }
  return document({s});
}

RoleResources role_resources(const spec::Spec& spec, const spec::IamRole& r, const Place& at,
                             const std::string& provider_id) {
  RoleResources out;
  const std::string name = role_name(r);
  const std::string id = iam_role_id(r.name);
  RolePolicies p = role_policies(spec, r, at);
  Json policies = Json::array();
  if (!p.allow.empty()) policies.push_back({{"PolicyName", "permissions"}, {"PolicyDocument", document(p.allow)}});
  if (!p.deny.empty()) policies.push_back({{"PolicyName", "restrictions"}, {"PolicyDocument", document(p.deny)}});
  std::size_t inline_size = 0;
  for (const Json& pol : policies) inline_size += policy_size(pol["PolicyDocument"]);
  if (inline_size > kInlinePolicyQuota) {
    throw SpecLimit(r.location, fmt::format("{} '{}': its policies take {} characters, more than the {} IAM allows "
                                            "inline on one role; split it into two roles",
                                            to_string(r.kind), r.name, inline_size, kInlinePolicyQuota));
  }
  Json props = {{"RoleName", name},
                {"Description", fmt::format("{} {} of platform {}, generated by aip from intent", to_string(r.kind),
                                            r.name, spec.name.value)},
                {"AssumeRolePolicyDocument", trust_document(spec, r, at, provider_id)},
                {"MaxSessionDuration", r.max_session_hours.value * 3600}};
  // A persona's tenants share its policies as managed policies, attached to
  // every tenant's role: their permissions are the same (the tenant is in the
  // role's tag, which the conditions read), and 50 inline copies would make
  // the iam template several times larger.
  const std::string ceiling = shared_role_name(r);
  if (!r.tenant.empty()) {
    Json arns = Json::array();
    for (Json& pol : policies) {
      const std::string kind = pol["PolicyName"].get<std::string>();
      Json& doc = pol["PolicyDocument"];
      if (policy_size(doc) > kManagedPolicyQuota) {
        throw SpecLimit(r.location, fmt::format("{} '{}': its {} take {} characters, more than the {} of a managed "
                                                "policy that its tenants' roles share; split the persona",
                                                to_string(r.kind), r.name, kind, policy_size(doc), kManagedPolicyQuota));
      }
      cfn::Resource shared;
      shared.logical_id = iam_tenant_policy_id(r.group(), kind);
      shared.type = "AWS::IAM::ManagedPolicy";
      shared.properties = {{"ManagedPolicyName", ceiling + "-" + kind},
                           {"Description", fmt::format("The {} of {} of every tenant", kind, ceiling)},
                           {"PolicyDocument", std::move(doc)}};
      shared.provenance = r.location;
      out.shared.push_back(std::move(shared));
      arns.push_back(cfn::intrinsic::ref(iam_tenant_policy_id(r.group(), kind)));
    }
    if (!arns.empty()) props["ManagedPolicyArns"] = std::move(arns);
  } else if (!policies.empty()) {
    props["Policies"] = policies;
  }
  if (r.boundary.value) {
    // The boundary equals the role's intent: whatever is attached to the role
    // later, it can never do more than the spec says.
    std::vector<Statement> all = p.allow;
    // Retrieval is granted on exactly the named knowledge bases by a policy the
    // bedrock area attaches (plan/bedrock.cpp); their ARNs end in generated ids,
    // so the ceiling names the account's knowledge bases (and the tenant tag).
    if (r.permissions.bedrock && !r.permissions.bedrock->knowledge_bases.empty()) {
      Statement kb = allow_statement("RetrieveFromKnowledgeBases", {"bedrock:Retrieve", "bedrock:RetrieveAndGenerate"},
                                     {aws::arn(at.values.at("Partition"), "bedrock", at.values.at("Region"),
                                               at.values.at("Account"), "knowledge-base/*")});
      const std::string& tag = r.permissions.bedrock->tenant_tag.value;
      if (!tag.empty()) {
        kb.condition["StringEquals"]["aws:ResourceTag/" + tag] = {fmt::format("${{aws:PrincipalTag/{}}}", tag)};
      }
      all.push_back(std::move(kb));
    }
    all.insert(all.end(), p.deny.begin(), p.deny.end());
    Json doc = document(all);
    if (policy_size(doc) > kManagedPolicyQuota) {
      throw SpecLimit(r.location, fmt::format("{} '{}': its permissions boundary takes {} characters, more than the "
                                              "{} of a managed policy; set 'boundary: false' or split the role",
                                              to_string(r.kind), r.name, policy_size(doc), kManagedPolicyQuota));
    }
    // A persona's tenants share its boundary, as they share its policies.
    cfn::Resource boundary;
    boundary.logical_id = iam_boundary_id(r.group());
    boundary.type = "AWS::IAM::ManagedPolicy";
    boundary.properties = {{"ManagedPolicyName", ceiling + "-boundary"},
                           {"Description", fmt::format("Permissions boundary of {}: at most its intent",
                                                       r.tenant.empty() ? name : ceiling + " of every tenant")},
                           {"PolicyDocument", doc}};
    boundary.provenance = r.location;
    (r.tenant.empty() ? out.resources : out.shared).push_back(std::move(boundary));
    props["PermissionsBoundary"] = cfn::intrinsic::ref(iam_boundary_id(r.group()));
  }
  if (!r.tenant.empty()) {
    // The tenant's application inference profile of each model, tagged with
    // the tenant (the seed's aws:ResourceTag/AllowedTenant); shared by the
    // personas stamped for the same tenant.
    for (const auto& m : r.permissions.bedrock->invoke) {
      const std::string profile_name = tenant_profile_name(spec, r, m.value);
      if (profile_name.size() > 64) {
        throw SpecLimit(m.location, fmt::format("the inference profile name '{}' of tenant '{}' is longer than the 64 "
                                                "characters Bedrock allows; shorten the tenant or platform name",
                                                profile_name, r.tenant));
      }
      const std::string& partition = at.values.at("Partition");
      const std::string& region = at.values.at("Region");
      cfn::Resource profile;
      profile.logical_id = tenant_profile_id(r, m.value);
      profile.type = "AWS::Bedrock::ApplicationInferenceProfile";
      profile.properties = {
          {"InferenceProfileName", profile_name},
          {"Description", "Model access of tenant " + r.tenant + " generated by aip"},
          {"ModelSource",
           {{"CopyFrom", is_inference_profile(m.value)
                             ? aws::arn(partition, "bedrock", region, at.values.at("Account"), "inference-profile/" + m.value)
                             : aws::arn(partition, "bedrock", region, "", "foundation-model/" + m.value)}}}};
      profile.tags[r.profile_tag] = r.tenant;
      profile.provenance = m.location;
      out.shared.push_back(std::move(profile));
    }
  }
  cfn::Resource role;
  role.logical_id = id;
  role.type = "AWS::IAM::Role";
  role.properties = std::move(props);
  role.provenance = r.location;
  // What the restrictions must refuse, so `aip lint` can re-check the rendered
  // role (also a template on its own) with lib/iam's evaluator. StackSet
  // templates carry no Metadata: their ARNs are ${AWS::...} placeholders.
  if (!at.templated && !p.restrictions.empty()) role.metadata["aip"]["restrictions"] = p.restrictions;
  for (const auto& [k, v] : r.tags) role.tags[k] = v.value;
  clear_role(role, r.clearance.value);
  out.resources.push_back(std::move(role));

  for (const iam::ServiceRoleTemplate* sr : p.service_roles) {
    std::vector<Statement> statements;
    iam::Placeholders values = at.values;
    values["ServiceRole"] = name + sr->suffix;
    for (const iam::TemplateStatement& s : sr->statements) statements.push_back(iam::instantiate(s, Effect::Allow, values));
    // The service works on the data its owner may use.
    if (!at.templated) bucket_statements(spec, r.permissions.buckets, statements);
    unique_sids(statements);
    Statement trust;
    trust.sid = "AssumeByService";
    trust.effect = Effect::Allow;
    trust.principal.emplace();
    trust.principal->by_kind["Service"] = {sr->service};
    trust.action = std::vector<std::string>{"sts:AssumeRole"};
    trust.condition["StringEquals"]["aws:SourceAccount"] = {at.values.at("Account")};
    cfn::Resource service;
    service.logical_id = id + sr->suffix;
    service.type = "AWS::IAM::Role";
    service.properties = {{"RoleName", name + sr->suffix},
                          {"Description", fmt::format("{} service role of {}, generated by aip", sr->service, name)},
                          {"AssumeRolePolicyDocument", document({trust})},
                          {"Policies", Json::array({{{"PolicyName", "service"}, {"PolicyDocument", document(statements)}}})}};
    service.provenance = r.location;
    out.resources.push_back(std::move(service));
  }
  return out;
}

void plan_github_provider(cfn::Stack& stack, const spec::IamRole& r) {
  if (stack.find(kGithubOidcProviderId) != nullptr) return;
  cfn::Resource provider;
  provider.logical_id = kGithubOidcProviderId;
  provider.type = "AWS::IAM::OIDCProvider";
  provider.properties = {{"Url", std::string("https://") + kGithubHost}, {"ClientIdList", Json::array({"sts.amazonaws.com"})}};
  provider.provenance = r.location;
  stack.add(std::move(provider));
}

// A StackSet's template as CloudFormation expects it: a JSON string.
Json stackset_template(const spec::Spec& spec, const spec::IamRole& r, const RoleResources& rr) {
  Json resources = Json::object();
  for (const cfn::Resource& res : rr.resources) {
    Json props = substitute(res.properties);
    Json tags = Json::array();
    std::map<std::string, std::string> all;
    for (const auto& [k, v] : spec.tags) all[k] = v.value;
    for (const auto& [k, v] : res.tags) all[k] = v;
    for (const auto& [k, v] : all) tags.push_back({{"Key", k}, {"Value", v}});
    if (res.type == "AWS::IAM::Role" && !tags.empty()) props["Tags"] = tags;
    resources[res.logical_id] = {{"Type", res.type}, {"Properties", props}};
  }
  Json body = {{"AWSTemplateFormatVersion", "2010-09-09"},
               {"Description", fmt::format("Role {} of platform {} in every account of its organizational units, "
                                           "generated by aip",
                                           role_name(r), spec.name.value)},
               {"Resources", resources}};
  return body;
}

void plan_stackset(const spec::Spec& spec, cfn::Assembly& assembly, const spec::IamRole& r) {
  const spec::StackSetTarget& t = *r.stackset;
  const spec::Account* admin = spec.find_account(t.account.value);
  if (admin == nullptr) return;
  Place at = stackset_place(spec, role_name(r));
  RoleResources rr = role_resources(spec, r, at, "");
  cfn::Stack& stack = stack_for(assembly, spec, kLayerIam, *admin, "");
  Json ous = Json::array(), regions = Json::array();
  for (const auto& ou : t.organizational_units) ous.push_back(ou.value);
  for (const auto& rg : t.regions) regions.push_back(rg.value);
  cfn::Resource set;
  set.logical_id = iam_stackset_id(r.name);
  set.type = "AWS::CloudFormation::StackSet";
  set.properties = {{"StackSetName", fmt::format("{}-{}", spec.name.value, r.name)},
                    {"Description", fmt::format("Deploys role {} to every account of {} organizational unit(s), "
                                                "generated by aip",
                                                role_name(r), t.organizational_units.size())},
                    {"PermissionModel", "SERVICE_MANAGED"},
                    {"AutoDeployment", {{"Enabled", true}, {"RetainStacksOnAccountRemoval", false}}},
                    {"CallAs", t.delegated_admin.value ? "DELEGATED_ADMIN" : "SELF"},
                    {"Capabilities", Json::array({"CAPABILITY_NAMED_IAM"})},
                    {"ManagedExecution", {{"Active", true}}},
                    {"OperationPreferences", {{"FailureToleranceCount", 0}, {"MaxConcurrentCount", 1}}},
                    {"StackInstancesGroup",
                     Json::array({{{"DeploymentTargets", {{"OrganizationalUnitIds", ous}}}, {"Regions", regions}}})},
                    {"TemplateBody", stackset_template(spec, r, rr).dump(2)}};
  set.provenance = r.location;
  stack.add(std::move(set));
}

}  // namespace

std::string iam_role_name(const spec::IamRole& role) { return role_name(role); }

void plan_iam(const spec::Spec& spec, cfn::Assembly& assembly) {
  for (const spec::IamRole& r : spec.iam.roles) {
    if (r.existing()) {  // docs/existing.md: its id stands for its name and ARN
      const spec::Account& account = r.accounts.empty() ? spec.accounts.front() : *spec.find_account(r.accounts.front().value);
      cfn::Stack& stack = stack_for(assembly, spec, kLayerIam, account, "");
      const std::string name = r.role_name.value.substr(r.role_name.value.rfind('/') + 1);
      stack.existing[iam_role_id(r.name)] = name;
      stack.existing_attributes[{iam_role_id(r.name), "Arn"}] = r.existing_arn.value;
      continue;
    }
    if (r.stackset) {
      plan_stackset(spec, assembly, r);
      continue;
    }
    std::vector<const spec::Account*> accounts;
    for (const auto& a : r.accounts) {
      if (const spec::Account* acc = spec.find_account(a.value)) accounts.push_back(acc);
    }
    if (r.accounts.empty()) accounts.push_back(&spec.accounts.front());
    for (const spec::Account* account : accounts) {
      cfn::Stack& stack = stack_for(assembly, spec, kLayerIam, *account, "");
      if (r.kind == spec::RoleKind::github) plan_github_provider(stack, r);
      RoleResources rr = role_resources(spec, r, literal_place(spec, *account, role_name(r)), kGithubOidcProviderId);
      for (cfn::Resource& res : rr.resources) stack.add(std::move(res));
      for (cfn::Resource& res : rr.shared) {
        const cfn::Resource* earlier = stack.find(res.logical_id);
        if (earlier == nullptr) {
          stack.add(std::move(res));
        } else if (earlier->properties != res.properties) {
          // Tenants of one persona differ only by their tag and trust; a
          // difference here would be aip's mistake, never silently dropped.
          throw SpecLimit(r.location, fmt::format("the tenant roles of persona '{}' would share '{}' but differ in "
                                                  "it (an aip defect: please report it)",
                                                  r.group(), res.logical_id));
        }
      }
    }
  }
}

}  // namespace aip::plan
