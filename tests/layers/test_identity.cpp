// The identity area: Cognito user pools, app clients, domains, groups and
// identity pools; their secure defaults, their wiring and their errors.
#include <catch2/catch.hpp>

#include "support/plan_text.hpp"

using aip::cfn::Json;
using aip::test::kHeader;
using aip::test::errors_of;
using aip::test::plan_text;

namespace {

const char* kPortal =
    "identity:\n"
    "  user_pools:\n"
    "    users:\n"
    "      attributes:\n"
    "        required: [email, given_name]\n"
    "        custom: {preferred_language: string, level: number}\n"
    "      domain: test-portal\n"
    "      clients:\n"
    "        web:\n"
    "          oauth:\n"
    "            callback_urls: [https://app.example.com/callback, http://localhost:3000/callback]\n"
    "            logout_urls: [https://app.example.com/logout]\n"
    "        backend: {kind: server, auth_flows: [admin-user-password], tokens: {access_minutes: 15}}\n"
    "      groups:\n"
    "        admins: {description: Administrators, precedence: 0}\n"
    "        learners:\n"
    "  identity_pools:\n"
    "    portal: {user_pool: users, clients: [web]}\n";

}  // namespace

TEST_CASE("identity: a user pool with nothing but a name is secure by default") {
  auto p = plan_text(std::string(kHeader) + "identity:\n  user_pools:\n    users: {}\n");
  CHECK(p.schema_findings().empty());
  const auto& stack = p.stack("test-dev-identity");
  CHECK(stack.environment() == "aws://123456789012/us-east-1");
  const auto& pool = p.resource("UsersUserPool");
  CHECK(pool.type == "AWS::Cognito::UserPool");
  CHECK(pool.provenance.line == 7);
  CHECK(pool.deletion_policy == "Retain");
  const Json& props = pool.properties;
  CHECK(props["UserPoolName"] == "test-users");
  CHECK(props["Policies"] == Json::parse(R"({"PasswordPolicy": {"MinimumLength": 12, "RequireLowercase": true,
      "RequireUppercase": true, "RequireNumbers": true, "RequireSymbols": true, "TemporaryPasswordValidityDays": 7}})"));
  CHECK(props["MfaConfiguration"] == "OPTIONAL");
  CHECK(props["EnabledMfas"] == Json::parse(R"(["SOFTWARE_TOKEN_MFA"])"));
  CHECK(props["UserPoolAddOns"] == Json::parse(R"({"AdvancedSecurityMode": "ENFORCED"})"));
  CHECK(props["UserPoolTier"] == "PLUS");
  CHECK(props["AccountRecoverySetting"] ==
        Json::parse(R"({"RecoveryMechanisms": [{"Name": "verified_email", "Priority": 1}]})"));
  CHECK(props["AdminCreateUserConfig"]["AllowAdminCreateUserOnly"] == true);
  CHECK(props["UsernameAttributes"] == Json::parse(R"(["email"])"));
  CHECK(props["AutoVerifiedAttributes"] == Json::parse(R"(["email"])"));
  CHECK(props["Schema"] == Json::parse(R"([{"Name": "email", "AttributeDataType": "String", "Mutable": true,
                                          "Required": true}])"));
  CHECK(props["DeletionProtection"] == "ACTIVE");
  CHECK(p.rendered_properties("UsersUserPool")["UserPoolTags"]["aip:stack"] == "test-dev-identity");
  CHECK_FALSE(props.contains("DeviceConfiguration"));
  CHECK_FALSE(p.has("UsersUserPoolDomain"));
}

TEST_CASE("identity: MFA, advanced security, tier, recovery and sign-in settings") {
  auto p = plan_text(std::string(kHeader) +
                     "identity:\n"
                     "  user_pools:\n"
                     "    users:\n"
                     "      sign_in: username\n"
                     "      mfa: off\n"
                     "      advanced_security: off\n"
                     "      recovery: admin-only\n"
                     "      self_sign_up: true\n"
                     "      remember_devices: true\n"
                     "      deletion_protection: false\n"
                     "      password: {min_length: 8, require_symbols: false, temporary_days: 3}\n"
                     "      tags: {Team: identity}\n");
  CHECK(p.schema_findings().empty());
  const auto& pool = p.resource("UsersUserPool");
  const Json& props = pool.properties;
  CHECK(props["MfaConfiguration"] == "OFF");
  CHECK_FALSE(props.contains("EnabledMfas"));
  CHECK(props["UserPoolAddOns"]["AdvancedSecurityMode"] == "OFF");
  CHECK(props["UserPoolTier"] == "ESSENTIALS");
  CHECK(props["AccountRecoverySetting"]["RecoveryMechanisms"][0]["Name"] == "admin_only");
  CHECK(props["AdminCreateUserConfig"]["AllowAdminCreateUserOnly"] == false);
  CHECK(props["DeviceConfiguration"] ==
        Json::parse(R"({"ChallengeRequiredOnNewDevice": true, "DeviceOnlyRememberedOnUserPrompt": true})"));
  CHECK(props["DeletionProtection"] == "INACTIVE");
  CHECK(pool.deletion_policy.empty());
  CHECK_FALSE(props.contains("UsernameAttributes"));
  CHECK_FALSE(props.contains("Schema"));
  CHECK(props["Policies"]["PasswordPolicy"]["MinimumLength"] == 8);
  CHECK(props["Policies"]["PasswordPolicy"]["RequireSymbols"] == false);
  CHECK(props["Policies"]["PasswordPolicy"]["TemporaryPasswordValidityDays"] == 3);
  CHECK(p.rendered_properties("UsersUserPool")["UserPoolTags"]["Team"] == "identity");

  auto required = plan_text(std::string(kHeader) + "identity:\n  user_pools:\n    users: {mfa: required}\n");
  CHECK(required.resource("UsersUserPool").properties["MfaConfiguration"] == "ON");
}

TEST_CASE("identity: app clients, hosted UI domain, groups and the identity pool are wired by name") {
  auto p = plan_text(std::string(kHeader) + kPortal);
  CHECK(p.schema_findings().empty());
  const Json& pool = p.resource("UsersUserPool").properties;
  CHECK(pool["Schema"] == Json::parse(R"([
      {"Name": "email", "AttributeDataType": "String", "Mutable": true, "Required": true},
      {"Name": "given_name", "AttributeDataType": "String", "Mutable": true, "Required": true},
      {"Name": "preferred_language", "AttributeDataType": "String", "Mutable": true},
      {"Name": "level", "AttributeDataType": "Number", "Mutable": true}])"));
  CHECK(p.resource("UsersUserPoolDomain").properties ==
        Json::parse(R"({"Domain": "test-portal", "UserPoolId": {"Ref": "UsersUserPool"}})"));

  const Json& web = p.resource("UsersUserPoolWebClient").properties;
  CHECK(web["UserPoolId"] == Json::parse(R"({"Ref": "UsersUserPool"})"));
  CHECK(web["GenerateSecret"] == false);
  CHECK(web["ExplicitAuthFlows"] == Json::parse(R"(["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"])"));
  CHECK(web["PreventUserExistenceErrors"] == "ENABLED");
  CHECK(web["EnableTokenRevocation"] == true);
  CHECK(web["AllowedOAuthFlowsUserPoolClient"] == true);
  CHECK(web["AllowedOAuthFlows"] == Json::parse(R"(["code"])"));
  CHECK(web["AllowedOAuthScopes"] == Json::parse(R"(["openid", "email", "profile"])"));
  CHECK(web["SupportedIdentityProviders"] == Json::parse(R"(["COGNITO"])"));
  CHECK(web["CallbackURLs"] ==
        Json::parse(R"(["https://app.example.com/callback", "http://localhost:3000/callback"])"));
  CHECK(web["LogoutURLs"] == Json::parse(R"(["https://app.example.com/logout"])"));
  CHECK(web["AccessTokenValidity"] == 60);
  CHECK(web["RefreshTokenValidity"] == 30);
  CHECK(web["TokenValidityUnits"] ==
        Json::parse(R"({"AccessToken": "minutes", "IdToken": "minutes", "RefreshToken": "days"})"));

  const Json& backend = p.resource("UsersUserPoolBackendClient").properties;
  CHECK(backend["GenerateSecret"] == true);
  CHECK(backend["ExplicitAuthFlows"] ==
        Json::parse(R"(["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"])"));
  CHECK(backend["AccessTokenValidity"] == 15);
  CHECK_FALSE(backend.contains("AllowedOAuthFlows"));

  CHECK(p.resource("UsersUserPoolAdminsGroup").properties ==
        Json::parse(R"({"UserPoolId": {"Ref": "UsersUserPool"}, "GroupName": "admins",
                        "Description": "Administrators", "Precedence": 0})"));
  CHECK(p.resource("UsersUserPoolLearnersGroup").properties ==
        Json::parse(R"({"UserPoolId": {"Ref": "UsersUserPool"}, "GroupName": "learners"})"));

  const Json& ip = p.resource("PortalIdentityPool").properties;
  CHECK(ip["AllowUnauthenticatedIdentities"] == false);
  CHECK(ip["AllowClassicFlow"] == false);
  CHECK(ip["CognitoIdentityProviders"] == Json::parse(R"([{"ClientId": {"Ref": "UsersUserPoolWebClient"},
      "ProviderName": {"Fn::GetAtt": ["UsersUserPool", "ProviderName"]}, "ServerSideTokenCheck": true}])"));
  const Json& trust = p.resource("PortalIdentityPoolAuthenticatedRole").properties["AssumeRolePolicyDocument"];
  CHECK(trust["Statement"][0] == Json::parse(R"({"Effect": "Allow",
      "Principal": {"Federated": "cognito-identity.amazonaws.com"}, "Action": "sts:AssumeRoleWithWebIdentity",
      "Condition": {"StringEquals": {"cognito-identity.amazonaws.com:aud": {"Ref": "PortalIdentityPool"}},
                    "ForAnyValue:StringLike": {"cognito-identity.amazonaws.com:amr": "authenticated"}}})"));
  CHECK_FALSE(p.has("PortalIdentityPoolUnauthenticatedRole"));
  CHECK(p.resource("PortalIdentityPoolRoleAttachment").properties ==
        Json::parse(R"({"IdentityPoolId": {"Ref": "PortalIdentityPool"},
            "Roles": {"authenticated": {"Fn::GetAtt": ["PortalIdentityPoolAuthenticatedRole", "Arn"]}}})"));
}

TEST_CASE("identity: unauthenticated identities get their own role, trusted only for unauthenticated sign-ins") {
  auto p = plan_text(std::string(kHeader) +
                     "identity:\n"
                     "  user_pools:\n"
                     "    users: {clients: {web: {}, mobile: {}}}\n"
                     "  identity_pools:\n"
                     "    guests: {user_pool: users, allow_unauthenticated: true}\n");
  CHECK(p.schema_findings().empty());
  CHECK(p.resource("GuestsIdentityPool").properties["CognitoIdentityProviders"].size() == 2);
  const Json& trust = p.resource("GuestsIdentityPoolUnauthenticatedRole").properties["AssumeRolePolicyDocument"];
  CHECK(trust["Statement"][0]["Condition"]["ForAnyValue:StringLike"]["cognito-identity.amazonaws.com:amr"] ==
        "unauthenticated");
  CHECK(p.resource("GuestsIdentityPoolRoleAttachment").properties["Roles"]["unauthenticated"] ==
        Json::parse(R"({"Fn::GetAtt": ["GuestsIdentityPoolUnauthenticatedRole", "Arn"]})"));
}

TEST_CASE("identity: user pools go to the stack of their account and region") {
  const char* two_accounts =
      "aip: 1\n"
      "name: test\n"
      "accounts:\n"
      "  dev: {id: \"123456789012\", region: us-east-1}\n"
      "  prod: {id: \"210987654321\", region: eu-west-1}\n";
  auto p = plan_text(std::string(two_accounts) +
                     "identity:\n"
                     "  user_pools:\n"
                     "    users: {account: prod}\n"
                     "    staff: {account: dev, region: eu-central-1}\n");
  CHECK(p.schema_findings().empty());
  CHECK(p.stack("test-prod-identity").find("UsersUserPool") != nullptr);
  CHECK(p.stack("test-dev-eu-central-1-identity").find("StaffUserPool") != nullptr);

  CHECK(errors_of("identity:\n  user_pools:\n    users: {}\n", two_accounts) ==
        "spec.yaml:8:5: user pool 'users' needs 'account': the spec has 2 accounts\n");
  CHECK(errors_of("identity:\n  user_pools:\n    users: {account: prd}\n", two_accounts) ==
        "spec.yaml:8:22: user pool 'users' refers to account 'prd', which is not defined; did you mean 'prod'?\n");
}

TEST_CASE("identity: bad values are reported at their exact location") {
  CHECK(errors_of("identity:\n  user_pools:\n    users: {mfa: mandatory}\n") ==
        "spec.yaml:7:18: 'mfa' must be one of off, optional, required, got 'mandatory'\n");
  CHECK(errors_of("identity:\n  user_pools:\n    users: {password: {min_length: 6}}\n") ==
        "spec.yaml:7:36: 'min_length' must be between 8 and 99, got 6\n");
  CHECK(errors_of("identity:\n  user_pools:\n    users: {pasword: {}}\n") ==
        "spec.yaml:7:13: unknown key 'pasword' in user pool 'users'; did you mean 'password'?\n");
  CHECK(errors_of("identity:\n  user_pools:\n    users: {advanced_security: enforced, tier: essentials}\n") ==
        "spec.yaml:7:48: advanced_security: enforced (threat protection) needs tier: plus; use tier: plus or "
        "advanced_security: off\n");
  CHECK(errors_of("identity:\n  user_pools:\n    users: {domain: my-aws-login}\n") ==
        "spec.yaml:7:21: Cognito does not allow 'aws', 'amazon' or 'cognito' in a domain prefix, got 'my-aws-login'\n");
  CHECK(errors_of("identity:\n  user_pools:\n    users: {attributes: {required: [emial]}}\n") ==
        "spec.yaml:7:37: 'required' must be one of address, birthdate, email, family_name, gender, given_name, "
        "locale, middle_name, name, nickname, phone_number, picture, preferred_username, profile, updated_at, "
        "website, zoneinfo, got 'emial'; did you mean 'email'?\n");
  CHECK(errors_of("identity:\n  user_pools:\n    users: {attributes: {custom: {email: string}}}\n") ==
        "spec.yaml:7:35: 'email' is a standard attribute; list it under 'required' (or leave it out: standard "
        "attributes are always available)\n");
}

TEST_CASE("identity: OAuth clients are checked against Cognito's rules") {
  std::string pool = "identity:\n  user_pools:\n    users:\n      domain: test-portal\n      clients:\n";
  CHECK(errors_of(pool + "        web: {oauth: {callback_urls: [http://app.example.com/cb]}}\n") ==
        "spec.yaml:10:39: 'callback_urls' must use https; Cognito allows http only for localhost, got "
        "'http://app.example.com/cb'\n");
  CHECK(errors_of(pool + "        web: {oauth: {flows: [code]}}\n") ==
        "spec.yaml:10:22: app client 'web' of user pool 'users' needs 'callback_urls' for its OAuth flows\n");
  CHECK(errors_of(pool + "        web: {oauth: {flows: [client-credentials]}}\n") ==
        "spec.yaml:10:31: app client 'web' uses client-credentials, which needs a secret; set 'kind: server'\n");
  CHECK(errors_of(pool + "        web: {oauth: {scopes: [email], callback_urls: [https://a.example.com/]}}\n") ==
        "spec.yaml:10:32: scope 'email' needs 'openid' in the same list\n");
  CHECK(errors_of("identity:\n  user_pools:\n    users:\n      clients:\n"
                  "        web: {oauth: {callback_urls: [https://a.example.com/]}}\n") ==
        "spec.yaml:9:22: app client 'web' uses OAuth, which needs a hosted UI: give user pool 'users' a 'domain'\n");
}

TEST_CASE("identity: an app client is a reference kind, user_pool_client:POOL.CLIENT (its id, for alarms)") {
  auto p = plan_text(std::string(kHeader) + kPortal +
                     "resources:\n"
                     "  web-client-id:\n"
                     "    type: AWS::SSM::Parameter\n"
                     "    stack: identity\n"
                     "    properties: {Type: String, Value: !ref user_pool_client:users.web}\n");
  CHECK(p.schema_findings().empty());
  CHECK(p.stack("test-dev-identity").find("WebClientId")->properties["Value"] ==
        Json::parse(R"({"Ref": "UsersUserPoolWebClient"})"));
  std::string bad = std::string(kPortal) + "resources:\n  p:\n    type: AWS::SSM::Parameter\n"
                    "    properties: {Type: String, Value: !ref user_pool_client:users.wbe}\n";
  CHECK(errors_of(bad) ==
        "spec.yaml:26:39: resource 'p' refers to user_pool_client 'users.wbe', which is not defined; did you mean "
        "'users.web'?\n");
}

TEST_CASE("identity: identity pools refer to a user pool and its clients by name") {
  std::string pools = "identity:\n  user_pools:\n    users: {clients: {web: {}}}\n  identity_pools:\n";
  CHECK(errors_of(pools + "    portal: {user_pool: user}\n") ==
        "spec.yaml:9:25: identity pool 'portal' refers to user pool 'user', which is not defined; did you mean "
        "'users'?\n");
  CHECK(errors_of(pools + "    portal: {user_pool: users, clients: [wbe]}\n") ==
        "spec.yaml:9:42: identity pool 'portal' refers to app client 'wbe', which user pool 'users' does not "
        "define; did you mean 'web'?\n");
  CHECK(errors_of(pools + "    portal: {clients: [web]}\n") ==
        "spec.yaml:9:5: identity pool 'portal' is missing required key 'user_pool'\n");
}
