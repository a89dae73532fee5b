// The `identity:` area rendered into its stack: Cognito user pools with their
// app clients, hosted UI domain and groups; identity pools with their roles.
#include <cctype>

#include <fmt/format.h>

#include "base/arn.hpp"
#include "cfn/intrinsics.hpp"
#include "cfn/logical_id.hpp"
#include "plan/names.hpp"
#include "plan/plan.hpp"
#include "plan/policy_builder.hpp"

namespace aip::plan {
namespace {

using cfn::Json;
namespace fn = cfn::intrinsic;

std::string client_id(const spec::UserPool& pool, const spec::UserPoolClient& client) {
  return user_pool_id(pool.name) + cfn::pascal_case(client.name) + "Client";
}

std::string upper(std::string s) {
  for (char& c : s) c = c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

Json attribute_type(const std::string& type) {
  if (type == "number") return "Number";
  if (type == "boolean") return "Boolean";
  if (type == "datetime") return "DateTime";
  return "String";
}

cfn::Stack& pool_stack(const spec::Spec& spec, cfn::Assembly& assembly, const spec::UserPool& pool) {
  return stack_for(assembly, spec, kLayerIdentity, account_of(spec, pool.account), pool.region.value);
}

// The app clients and groups of a pool, `pool_ref` its id.
void plan_pool_members(cfn::Stack& stack, const spec::UserPool& pool, const Json& pool_ref) {
  const std::string id = user_pool_id(pool.name);
  for (const spec::UserPoolClient& c : pool.clients) {
    Json flows = Json::array();
    for (const auto& f : c.auth_flows) {
      if (f.value != "refresh-token") flows.push_back("ALLOW_" + upper(f.value) + "_AUTH");
    }
    flows.push_back("ALLOW_REFRESH_TOKEN_AUTH");
    Json p = {{"UserPoolId", pool_ref},
              {"ClientName", c.name},
              {"GenerateSecret", c.kind.value == "server"},
              {"ExplicitAuthFlows", flows},
              {"PreventUserExistenceErrors", "ENABLED"},
              {"EnableTokenRevocation", true},
              {"AccessTokenValidity", c.access_token_minutes.value},
              {"IdTokenValidity", c.id_token_minutes.value},
              {"RefreshTokenValidity", c.refresh_token_days.value},
              {"TokenValidityUnits", {{"AccessToken", "minutes"}, {"IdToken", "minutes"}, {"RefreshToken", "days"}}}};
    if (c.oauth.location.valid()) {
      Json oauth_flows = Json::array();
      for (const auto& f : c.oauth.flows) oauth_flows.push_back(f.value == "client-credentials" ? "client_credentials" : f.value);
      Json scopes = Json::array();
      for (const auto& s : c.oauth.scopes) scopes.push_back(s.value);
      p["AllowedOAuthFlowsUserPoolClient"] = true;
      p["AllowedOAuthFlows"] = oauth_flows;
      p["AllowedOAuthScopes"] = scopes;
      p["SupportedIdentityProviders"] = Json::array({"COGNITO"});
      if (!c.oauth.callback_urls.empty()) {
        Json urls = Json::array();
        for (const auto& u : c.oauth.callback_urls) urls.push_back(u.value);
        p["CallbackURLs"] = urls;
      }
      if (!c.oauth.logout_urls.empty()) {
        Json urls = Json::array();
        for (const auto& u : c.oauth.logout_urls) urls.push_back(u.value);
        p["LogoutURLs"] = urls;
      }
    }
    cfn::Resource r2;
    r2.logical_id = client_id(pool, c);
    r2.type = "AWS::Cognito::UserPoolClient";
    r2.provenance = c.location;
    r2.properties = std::move(p);
    stack.add(std::move(r2));
  }

  for (const spec::UserPoolGroup& g : pool.groups) {
    cfn::Resource r3;
    r3.logical_id = id + cfn::pascal_case(g.name) + "Group";
    r3.type = "AWS::Cognito::UserPoolGroup";
    r3.provenance = g.location;
    r3.properties = {{"UserPoolId", pool_ref}, {"GroupName", g.name}};
    if (!g.description.value.empty()) r3.properties["Description"] = g.description.value;
    if (g.precedence.value >= 0) r3.properties["Precedence"] = g.precedence.value;
    stack.add(std::move(r3));
  }
}

void plan_user_pool(const spec::Spec& spec, cfn::Assembly& assembly, const spec::UserPool& pool) {
  cfn::Stack& stack = pool_stack(spec, assembly, pool);
  const std::string id = user_pool_id(pool.name);
  if (pool.existing()) {  // docs/existing.md: its id stands for the pool; clients and groups are added to it
    const std::string& pool_id = pool.existing_id.value;
    stack.existing[id] = pool_id;
    stack.existing_attributes[{id, "UserPoolId"}] = pool_id;
    stack.existing_attributes[{id, "Arn"}] =
        fn::sub(aws::arn(aws::kThisPartition, "cognito-idp", aws::kThisRegion, aws::kThisAccount, "userpool/" + pool_id));
    stack.existing_attributes[{id, "ProviderName"}] = fn::sub("cognito-idp.${AWS::Region}.${AWS::URLSuffix}/" + pool_id);
    stack.existing_attributes[{id, "ProviderURL"}] =
        fn::sub("https://cognito-idp.${AWS::Region}.${AWS::URLSuffix}/" + pool_id);
    plan_pool_members(stack, pool, Json(pool_id));
    return;
  }

  Json schema = Json::array();
  for (const auto& a : pool.required_attributes) {
    schema.push_back({{"Name", a.value}, {"AttributeDataType", "String"}, {"Mutable", true}, {"Required", true}});
  }
  for (const auto& c : pool.custom_attributes) {
    schema.push_back({{"Name", c.name}, {"AttributeDataType", attribute_type(c.type)}, {"Mutable", true}});
  }
  bool email = pool.sign_in.value == "email";
  for (const auto& a : pool.required_attributes) email = email || a.value == "email";
  Json recovery = Json::array();
  int priority = 1;
  for (const auto& r : pool.recovery) {
    recovery.push_back({{"Name", r.value == "email" ? "verified_email" : "admin_only"}, {"Priority", priority++}});
  }
  const spec::PasswordPolicy& pw = pool.password;
  Json props = {
      {"UserPoolName", fmt::format("{}-{}", spec.name.value, pool.name)},
      {"UserPoolTier", upper(pool.effective_tier())},
      {"Policies",
       {{"PasswordPolicy",
         {{"MinimumLength", pw.min_length.value},
          {"RequireLowercase", pw.require_lowercase.value},
          {"RequireUppercase", pw.require_uppercase.value},
          {"RequireNumbers", pw.require_numbers.value},
          {"RequireSymbols", pw.require_symbols.value},
          {"TemporaryPasswordValidityDays", pw.temporary_days.value}}}}},
      {"MfaConfiguration", pool.mfa.value == "off" ? "OFF" : pool.mfa.value == "required" ? "ON" : "OPTIONAL"},
      {"UserPoolAddOns", {{"AdvancedSecurityMode", upper(pool.advanced_security.value)}}},
      {"AccountRecoverySetting", {{"RecoveryMechanisms", recovery}}},
      {"AdminCreateUserConfig", {{"AllowAdminCreateUserOnly", !pool.self_sign_up.value}}},
      {"UsernameConfiguration", {{"CaseSensitive", false}}},
      {"DeletionProtection", pool.deletion_protection.value ? "ACTIVE" : "INACTIVE"},
  };
  if (pool.mfa.value != "off") props["EnabledMfas"] = Json::array({"SOFTWARE_TOKEN_MFA"});
  if (pool.sign_in.value == "email") props["UsernameAttributes"] = Json::array({"email"});
  if (email) props["AutoVerifiedAttributes"] = Json::array({"email"});
  if (!schema.empty()) props["Schema"] = schema;
  if (pool.remember_devices.value) {
    props["DeviceConfiguration"] = {{"ChallengeRequiredOnNewDevice", true}, {"DeviceOnlyRememberedOnUserPrompt", true}};
  }
  cfn::Resource r;
  r.logical_id = id;
  r.type = "AWS::Cognito::UserPool";
  r.provenance = pool.location;
  r.properties = std::move(props);
  for (const auto& [k, v] : pool.tags) r.tags[k] = v.value;
  // The users are data: keep the pool when the stack goes away.
  if (pool.deletion_protection.value) r.deletion_policy = "Retain";
  stack.add(std::move(r));

  if (!pool.domain.value.empty()) {
    cfn::Resource d;
    d.logical_id = id + "Domain";
    d.type = "AWS::Cognito::UserPoolDomain";
    d.provenance = pool.domain.location;
    d.properties = {{"Domain", pool.domain.value}, {"UserPoolId", fn::ref(id)}};
    stack.add(std::move(d));
  }

  plan_pool_members(stack, pool, fn::ref(id));
}

// The role an identity pool hands out, trusting only web identities of this
// pool (aud) that signed in the way the role is for (amr).
cfn::Resource identity_role(const spec::IdentityPool& ip, const std::string& pool_id, bool authenticated) {
  Json trust = policy_doc(Json::array({PolicyStatement::allow()
                                           .federated("cognito-identity.amazonaws.com")
                                           .action("sts:AssumeRoleWithWebIdentity")
                                           .condition("StringEquals", "cognito-identity.amazonaws.com:aud", fn::ref(pool_id))
                                           .condition("ForAnyValue:StringLike", "cognito-identity.amazonaws.com:amr",
                                                      authenticated ? "authenticated" : "unauthenticated")}));
  cfn::Resource r;
  r.logical_id = pool_id + (authenticated ? "AuthenticatedRole" : "UnauthenticatedRole");
  r.type = "AWS::IAM::Role";
  r.provenance = authenticated ? ip.location : ip.allow_unauthenticated.location;
  r.properties = {{"AssumeRolePolicyDocument", trust},
                  {"Description", fmt::format("{} users of identity pool {}",
                                              authenticated ? "Signed-in" : "Anonymous", ip.name)}};
  for (const auto& [k, v] : ip.tags) r.tags[k] = v.value;
  return r;
}

void plan_identity_pool(const spec::Spec& spec, cfn::Assembly& assembly, const spec::IdentityPool& ip) {
  const spec::UserPool& pool = *spec.identity.find_user_pool(ip.user_pool.value);
  cfn::Stack& stack = pool_stack(spec, assembly, pool);
  const std::string id = cfn::pascal_case(ip.name) + "IdentityPool";
  const std::string upool = user_pool_id(pool.name);

  Json providers = Json::array();
  for (const spec::UserPoolClient& c : pool.clients) {
    bool chosen = ip.clients.empty();
    for (const auto& name : ip.clients) chosen = chosen || name.value == c.name;
    if (!chosen) continue;
    providers.push_back({{"ClientId", fn::ref(client_id(pool, c))},
                         {"ProviderName", assembly.get_att(stack, stack, upool, "ProviderName")},
                         {"ServerSideTokenCheck", true}});
  }
  cfn::Resource r;
  r.logical_id = id;
  r.type = "AWS::Cognito::IdentityPool";
  r.provenance = ip.location;
  r.properties = {{"IdentityPoolName", fmt::format("{}-{}", spec.name.value, ip.name)},
                  {"AllowUnauthenticatedIdentities", ip.allow_unauthenticated.value},
                  {"AllowClassicFlow", false},
                  {"CognitoIdentityProviders", providers}};
  for (const auto& [k, v] : ip.tags) r.tags[k] = v.value;
  stack.add(std::move(r));

  Json roles = {{"authenticated", fn::get_att(id + "AuthenticatedRole", "Arn")}};
  stack.add(identity_role(ip, id, true));
  if (ip.allow_unauthenticated.value) {
    stack.add(identity_role(ip, id, false));
    roles["unauthenticated"] = fn::get_att(id + "UnauthenticatedRole", "Arn");
  }
  cfn::Resource attachment;
  attachment.logical_id = id + "RoleAttachment";
  attachment.type = "AWS::Cognito::IdentityPoolRoleAttachment";
  attachment.provenance = ip.location;
  attachment.properties = {{"IdentityPoolId", fn::ref(id)}, {"Roles", roles}};
  stack.add(std::move(attachment));
}

}  // namespace

void plan_identity(const spec::Spec& spec, cfn::Assembly& assembly) {
  for (const spec::UserPool& pool : spec.identity.user_pools) plan_user_pool(spec, assembly, pool);
  for (const spec::IdentityPool& ip : spec.identity.identity_pools) plan_identity_pool(spec, assembly, ip);
}

}  // namespace aip::plan
