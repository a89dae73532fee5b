// The iam: area: reading intent, rendering roles, and the invariants every
// generated policy keeps (round trip, no wildcard grants, catalog-known actions).
#include <filesystem>
#include <fstream>
#include <sstream>

#include <catch2/catch.hpp>

#include "iam/action_catalog.hpp"
#include "iam/documents.hpp"
#include "iam/evaluate.hpp"
#include "iam/templates.hpp"
#include "iam/wildcard.hpp"
#include "support/plan_text.hpp"
#include "support/statement.hpp"

using aip::cfn::Json;
using aip::test::errors_of;
using aip::test::kHeader;
using aip::test::plan_text;
namespace iam = aip::iam;
namespace fs = std::filesystem;

using aip::test::statement;

namespace {

const char* kLake =
    "storage:\n"
    "  access_logs_bucket: logs\n"
    "  buckets:\n"
    "    logs: {preset: logs, receives: [s3-access-logs]}\n"
    "    bronze: {preset: bronze}\n"
    "    silver: {preset: silver}\n"
    "    gold: {preset: gold}\n";

std::string slurp(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

const Json& inline_policy(const aip::cfn::Resource& role, const std::string& name) {
  for (const Json& p : role.properties["Policies"]) {
    if (p["PolicyName"] == name) return p["PolicyDocument"];
  }
  FAIL("no inline policy " << name);
  throw std::logic_error("unreachable");
}

// Every spec that ships: blueprints and good examples.
std::vector<fs::path> shipped_specs() {
  std::vector<fs::path> out;
  for (const char* dir : {"blueprints", "examples"}) {
    for (const auto& e : fs::directory_iterator(fs::path(AIP_SOURCE_DIR) / dir)) {
      if (e.path().extension() == ".yaml") out.push_back(e.path());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("personas: intent becomes exact ARNs, restrictions become explicit denies") {
  auto p = plan_text(std::string(kHeader) + kLake +
                     "iam:\n  personas:\n"
                     "    data-scientist:\n"
                     "      role_name: DataScientistRole\n"
                     "      trust: {identity_center: DataScientist}\n"
                     "      max_session_hours: 4\n"
                     "      buckets: {read_write: [silver]}\n"
                     "      bedrock: {invoke: [amazon.titan-embed-text-v2:0]}\n"
                     "      deny: [iam-changes]\n"
                     "    app-developer:\n"
                     "      trust: {saml: CorporateAD}\n"
                     "      buckets: {read: [gold]}\n"
                     "      deny: [training-data]\n");
  REQUIRE(p.assembly);
  CHECK(p.schema_findings().empty());
  const auto& ds = p.resource("DataScientistRole");
  CHECK(ds.properties["RoleName"] == "DataScientistRole");
  CHECK(ds.properties["MaxSessionDuration"] == 14400);
  CHECK(ds.properties["PermissionsBoundary"] == Json{{"Ref", "DataScientistBoundary"}});
  const Json& perms = inline_policy(ds, "permissions");
  CHECK(statement(perms, "WriteObjects")["Resource"] ==
        Json::array({"arn:aws:s3:::test-silver-123456789012-us-east-1/*"}));
  CHECK(statement(perms, "InvokeModels")["Resource"] ==
        Json::array({"arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-embed-text-v2:0"}));
  CHECK(statement(perms, "EncryptObjects")["Condition"]["StringEquals"]["kms:ViaService"] ==
        Json::array({"s3.us-east-1.amazonaws.com"}));
  CHECK(statement(inline_policy(ds, "restrictions"), "DenyIamChanges")["Effect"] == "Deny");
  const Json& trust = ds.properties["AssumeRolePolicyDocument"]["Statement"][0];
  CHECK(trust["Condition"]["ArnLike"]["aws:PrincipalArn"][0] ==
        "arn:aws:iam::123456789012:role/aws-reserved/sso.amazonaws.com/*/AWSReservedSSO_DataScientist_*");

  const auto& app = p.resource("AppDeveloperRole");  // default name: PascalCase + Role
  const Json& deny = statement(inline_policy(app, "restrictions"), "DenyTrainingData");
  CHECK(deny["Resource"] == Json::array({"arn:aws:s3:::test-bronze-123456789012-us-east-1",
                                         "arn:aws:s3:::test-bronze-123456789012-us-east-1/*",
                                         "arn:aws:s3:::test-silver-123456789012-us-east-1",
                                         "arn:aws:s3:::test-silver-123456789012-us-east-1/*"}));
  const Json& saml = app.properties["AssumeRolePolicyDocument"]["Statement"][0];
  CHECK(saml["Principal"]["Federated"][0] == "arn:aws:iam::123456789012:saml-provider/CorporateAD");
  CHECK(saml["Condition"]["StringEquals"]["SAML:aud"][0] == "https://signin.aws.amazon.com/saml");
}

TEST_CASE("an intent with a service role passes exactly that role to exactly that service") {
  auto p = plan_text(std::string(kHeader) +
                     "iam:\n  personas:\n    ds:\n      trust: {identity_center: DS}\n      sagemaker: develop\n");
  REQUIRE(p.assembly);
  CHECK(p.schema_findings().empty());
  const Json& pass = statement(inline_policy(p.resource("DsRole"), "permissions"), "PassSageMakerExecutionRole");
  CHECK(pass["Resource"] == Json::array({"arn:aws:iam::123456789012:role/DsRoleSageMakerExecution"}));
  CHECK(pass["Condition"]["StringEquals"]["iam:PassedToService"][0] == "sagemaker.amazonaws.com");
  const auto& service = p.resource("DsRoleSageMakerExecution");
  CHECK(service.properties["AssumeRolePolicyDocument"]["Statement"][0]["Principal"]["Service"][0] ==
        "sagemaker.amazonaws.com");
}

TEST_CASE("GitHub deploy roles: one OIDC provider per account, aud and sub pinned") {
  auto p = plan_text(std::string(kHeader) +
                     "iam:\n  github:\n"
                     "    deploy:\n      repositories: [acme/app]\n      branches: [main, release/*]\n"
                     "      environments: [prod]\n      cdk: deploy\n"
                     "    pipelines:\n      repositories: [acme/ml]\n      environments: [dev]\n"
                     "      sagemaker: pipelines\n");
  REQUIRE(p.assembly);
  CHECK(p.schema_findings().empty());
  const auto& provider = p.resource("GithubOidcProvider");
  CHECK(provider.properties["Url"] == "https://token.actions.githubusercontent.com");
  CHECK(provider.properties["ClientIdList"] == Json::array({"sts.amazonaws.com"}));
  const Json& trust = p.resource("DeployRole").properties["AssumeRolePolicyDocument"]["Statement"][0];
  CHECK(trust["Principal"]["Federated"][0] == Json{{"Ref", "GithubOidcProvider"}});
  CHECK(trust["Condition"]["StringEquals"]["token.actions.githubusercontent.com:aud"][0] == "sts.amazonaws.com");
  // A wildcard branch makes the subject test StringLike, never a bare repo:org/*.
  CHECK(trust["Condition"]["StringLike"]["token.actions.githubusercontent.com:sub"] ==
        Json::array({"repo:acme/app:environment:prod", "repo:acme/app:ref:refs/heads/main",
                     "repo:acme/app:ref:refs/heads/release/*"}));
  const Json& exact = p.resource("PipelinesRole").properties["AssumeRolePolicyDocument"]["Statement"][0];
  CHECK(exact["Condition"]["StringEquals"]["token.actions.githubusercontent.com:sub"] ==
        Json::array({"repo:acme/ml:environment:dev"}));
}

TEST_CASE("cross-account roles trust named roles, StackSets land roles in whole OUs") {
  auto p = plan_text(
      "aip: 1\nname: test\naccounts:\n"
      "  shared: {id: \"111111111111\", region: us-east-1}\n"
      "  prod: {id: \"222222222222\", region: us-east-1}\n"
      "iam:\n  organization_id: o-a1b2c3d4e5\n  github:\n"
      "    deploy: {accounts: [shared], repositories: [acme/app], environments: [prod]}\n"
      "  cross_account:\n"
      "    deployer: {accounts: [prod], assumed_by: [deploy], cdk: deploy}\n"
      "    audit:\n"
      "      stackset: {account: shared, organizational_units: [ou-ab12-cd34ef56], regions: [us-east-1]}\n"
      "      assumed_by: [{account: shared, role: Auditor}]\n      cloudwatch: read\n");
  REQUIRE(p.assembly);
  CHECK(p.schema_findings().empty());
  const Json& trust = p.resource("DeployerRole").properties["AssumeRolePolicyDocument"]["Statement"][0];
  CHECK(trust["Principal"]["AWS"] == Json::array({"arn:aws:iam::111111111111:root"}));
  CHECK(trust["Condition"]["ArnEquals"]["aws:PrincipalArn"] == Json::array({"arn:aws:iam::111111111111:role/DeployRole"}));
  CHECK(trust["Condition"]["StringEquals"]["aws:PrincipalOrgID"] == Json::array({"o-a1b2c3d4e5"}));
  const auto& set = p.resource("AuditStackSet");
  CHECK(set.type == "AWS::CloudFormation::StackSet");
  CHECK(set.properties["PermissionModel"] == "SERVICE_MANAGED");
  CHECK(set.properties["AutoDeployment"]["Enabled"] == true);
  CHECK(set.properties["StackInstancesGroup"][0]["DeploymentTargets"]["OrganizationalUnitIds"] ==
        Json::array({"ou-ab12-cd34ef56"}));
  // The StackSet's own template is valid too, and one template serves every account.
  Json body = Json::parse(set.properties["TemplateBody"].get<std::string>());
  CHECK(body["Resources"]["AuditRole"]["Type"] == "AWS::IAM::Role");
  CHECK(body.dump().find("${AWS::AccountId}") != std::string::npos);
}

TEST_CASE("a role named in a cross-account trust by account and IAM name may assume it, nobody else") {
  auto p = plan_text(
      "aip: 1\nname: test\naccounts:\n"
      "  shared: {id: \"111111111111\", region: us-east-1}\n"
      "  prod: {id: \"222222222222\", region: us-east-1}\n"
      "iam:\n  github:\n"
      "    deploy: {accounts: [shared], repositories: [acme/app], environments: [prod]}\n"
      "    other: {role_name: OtherRole, accounts: [shared], repositories: [acme/other], environments: [prod]}\n"
      "  cross_account:\n"
      "    recorder: {accounts: [prod], assumed_by: [{account: shared, role: DeployRole}], cloudwatch: read}\n"
      "    elsewhere: {accounts: [prod], assumed_by: [{account: prod, role: DeployRole}], cloudwatch: read}\n");
  REQUIRE(p.assembly);
  CHECK(p.schema_findings().empty());
  // The trust names the role in shared; the role in shared gets sts:AssumeRole on exactly that role
  // (not on `elsewhere`, which trusts a DeployRole of prod).
  Json assume = statement(inline_policy(p.resource("DeployRole"), "permissions"), "AssumeCrossAccountRoles");
  CHECK(assume["Action"] == Json::array({"sts:AssumeRole"}));
  CHECK(assume["Resource"] == Json::array({"arn:aws:iam::222222222222:role/RecorderRole"}));
  CHECK(p.resource("OtherRole").properties.dump().find("sts:AssumeRole\"") == std::string::npos);
}

// Retrieval from named knowledge bases, with the tenant tag condition, is
// attached by the bedrock area (tests/layers/test_bedrock.cpp checks it).
TEST_CASE("tenant isolation: nothing without the tenant tag") {
  auto p = plan_text(std::string(kHeader) +
                     "iam:\n  personas:\n    tenant:\n      trust: {identity_center: Tenant}\n"
                     "      bedrock: {invoke: [us.anthropic.claude-haiku-4-5-20251001-v1:0], "
                     "tenant_tag: TenantId}\n      deny: [model-customization]\n");
  REQUIRE(p.assembly);
  const auto& role = p.resource("TenantRole");
  const Json& perms = inline_policy(role, "permissions");
  CHECK(statement(perms, "DenyWithoutTenantTag")["Action"].dump().find("bedrock:Retrieve") != std::string::npos);
  CHECK(statement(perms, "DenyWithoutTenantTag")["Condition"]["Null"]["aws:PrincipalTag/TenantId"][0] == "true");
  CHECK(statement(inline_policy(role, "restrictions"), "DenyModelCustomization")["Action"].size() == 4);
  CHECK(role.properties["AssumeRolePolicyDocument"]["Statement"][0]["Action"] ==
        Json::array({"sts:AssumeRole", "sts:TagSession"}));
}

// Seed 000: an IAM role per tenant, each calling its models only through its
// tenant's application inference profiles (the seed's AllowedTenant condition).
TEST_CASE("per_tenant: a role per tenant, tagged, with its tenant's inference profiles") {
  auto p = plan_text(std::string(kHeader) +
                     "iam:\n  personas:\n    tenant:\n      role_name: TenantRole\n"
                     "      per_tenant: {tenants: &t [acme, globex]}\n      trust: {identity_center: Tenant}\n"
                     "      bedrock: {invoke: [us.anthropic.claude-haiku-4-5-20251001-v1:0], tenant_tag: TenantId}\n"
                     "    tenant-admin:\n      per_tenant: {tenants: *t}\n      trust: {identity_center: Admin}\n"
                     "      bedrock: {invoke: [us.anthropic.claude-haiku-4-5-20251001-v1:0], tenant_tag: TenantId}\n");
  REQUIRE(p.assembly);
  for (const char* tenant : {"acme", "globex"}) {
    INFO(tenant);
    const std::string id = std::string("Tenant") + (tenant[0] == 'a' ? "Acme" : "Globex");
    const auto& role = p.resource(id + "Role");
    CHECK(role.properties["RoleName"] == std::string("TenantRole-") + tenant);
    CHECK(role.tags.at("TenantId") == tenant);
    CHECK(role.properties["PermissionsBoundary"]["Ref"] == "TenantBoundary");
    const Json& trust = role.properties["AssumeRolePolicyDocument"]["Statement"][0];
    CHECK(trust["Condition"]["StringEqualsIfExists"]["aws:RequestTag/TenantId"][0] == tenant);
    // The persona's policies are shared by its tenants' roles, not copied inline.
    CHECK_FALSE(role.properties.contains("Policies"));
    CHECK(role.properties["ManagedPolicyArns"] == Json::parse(R"([{"Ref": "TenantPermissionsPolicy"}])"));
    const Json& perms = p.resource("TenantPermissionsPolicy").properties["PolicyDocument"];
    const Json& profiles = statement(perms, "InvokeTenantProfiles");
    CHECK(profiles["Resource"] == Json::array({"arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/*"}));
    CHECK(profiles["Condition"]["StringEquals"]["aws:ResourceTag/AllowedTenant"] ==
          Json::array({"${aws:PrincipalTag/TenantId}"}));
    // The models by exact ARN, never the system profile (that would skip the tenant's).
    CHECK(statement(perms, "InvokeModels")["Resource"] ==
          Json::array({"arn:aws:bedrock:*::foundation-model/anthropic.claude-haiku-4-5-20251001-v1:0"}));
    CHECK(perms.dump().find(":inference-profile/") == std::string::npos);
    // One profile per tenant and model, shared by both personas.
    const auto& profile = p.resource(id.substr(6) + "UsAnthropicClaudeHaiku4520251001V10Profile");
    CHECK(profile.type == "AWS::Bedrock::ApplicationInferenceProfile");
    CHECK(profile.tags.at("AllowedTenant") == tenant);
    CHECK(profile.properties["ModelSource"]["CopyFrom"] ==
          "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-haiku-4-5-20251001-v1:0");
  }
  CHECK(p.resource("TenantAdminAcmeRole").tags.at("TenantId") == "acme");
  CHECK(p.resource("TenantBoundary").properties["ManagedPolicyName"] == "TenantRole-boundary");
  CHECK(p.resource("TenantPermissionsPolicy").properties["ManagedPolicyName"] == "TenantRole-permissions");
  // A persona whose role aip names shares under that name, not a tenant's cut short.
  CHECK(p.resource("TenantAdminBoundary").properties["ManagedPolicyName"] == "TenantAdminRole-boundary");
  CHECK(p.resource("TenantAdminPermissionsPolicy").properties["ManagedPolicyName"] == "TenantAdminRole-permissions");
  CHECK(p.resource("TenantAdminGlobexRole").properties["ManagedPolicyArns"] ==
        Json::parse(R"([{"Ref": "TenantAdminPermissionsPolicy"}])"));
  CHECK(p.schema_findings().empty());
}

TEST_CASE("per_tenant: errors at the key, with a did-you-mean") {
  CHECK_THAT(errors_of("iam:\n  personas:\n    x:\n      trust: {identity_center: X}\n"
                       "      per_tenant: {tenants: [a, b]}\n"),
             Catch::Contains("spec.yaml:9:19:") && Catch::Contains("has 'per_tenant' but no 'bedrock.tenant_tag'"));
  CHECK_THAT(errors_of("iam:\n  personas:\n    x:\n      trust: {identity_center: X}\n"
                       "      bedrock: {tenant_tag: TenantId}\n      per_tenant: {tenants: [a, a]}\n"),
             Catch::Contains("spec.yaml:10:33:") && Catch::Contains("tenant 'a' is listed twice"));
  CHECK_THAT(errors_of("iam:\n  personas:\n    x:\n      trust: {identity_center: X}\n"
                       "      bedrock: {tenant_tag: TenantId}\n      per_tenant: {tenant: [a]}\n"),
             Catch::Contains("did you mean 'tenants'?"));
  CHECK_THAT(errors_of("iam:\n  personas:\n    x:\n      trust: {identity_center: X}\n"
                       "      bedrock: {tenant_tag: TenantId}\n      per_tenant: {tenants: [Acme]}\n"),
             Catch::Contains("tenant 'Acme' must be 1 to 32 lowercase letters"));
}

TEST_CASE("iam: bad intent is reported at the key with a did-you-mean") {
  CHECK_THAT(errors_of("iam:\n  personas:\n    x:\n      trust: {identity_center: X}\n      sagemaker: devlop\n"),
             Catch::Contains("spec.yaml:9:18:") && Catch::Contains("did you mean 'develop'?"));
  CHECK_THAT(errors_of("iam:\n  personas:\n    x:\n      trust: {identity_center: X}\n      deny: [iam-change]\n"),
             Catch::Contains("unknown restriction 'iam-change'") && Catch::Contains("did you mean 'iam-changes'?"));
  CHECK_THAT(errors_of("iam:\n  personas:\n    x:\n      trust: {identity_center: X}\n      buckets: {read: [gold]}\n"),
             Catch::Contains("refers to bucket 'gold', which is not defined"));
  CHECK_THAT(errors_of("iam:\n  github:\n    d: {repositories: [acme/*], branches: [main]}\n"),
             Catch::Contains("is not one repository"));
  CHECK_THAT(errors_of("iam:\n  github:\n    d: {repositories: [acme/app]}\n"),
             Catch::Contains("must name branches, environments or pull_requests"));
  CHECK_THAT(errors_of("iam:\n  personas:\n    x:\n      trust: {accounts: [dev]}\n"),
             Catch::Contains("trusts whole accounts"));
  CHECK_THAT(errors_of("iam:\n  personas:\n    x:\n      trust: {accounts: [\"999999999999\"]}\n"),
             Catch::Contains("outside this spec"));
  CHECK_THAT(errors_of("iam:\n  cross_account:\n    r: {assumed_by: [nobody]}\n"),
             Catch::Contains("'nobody', which is not a role of this spec"));
  CHECK_THAT(errors_of("iam:\n  cross_account:\n    r:\n      assumed_by: [{account: dev, role: A}]\n"
                       "      stackset: {account: dev, organizational_units: [ou-ab12-cd34ef56], "
                       "regions: [us-east-1, us-west-2]}\n"),
             Catch::Contains("IAM roles are global"));
}

TEST_CASE("policy templates: every action is in the catalog, every probe is refused by its restriction") {
  const auto& catalog = iam::ActionCatalog::embedded();
  const auto& templates = iam::PolicyTemplates::embedded();
  auto check_actions = [&](const std::vector<iam::TemplateStatement>& statements) {
    for (const auto& s : statements) {
      for (const std::string& a : s.actions) {
        INFO(s.sid << ": " << a);
        CHECK_FALSE(catalog.expand(a).empty());
      }
    }
  };
  for (const iam::IntentTemplate* t : templates.all_intents()) check_actions(t->statements);
  iam::Placeholders values = {{"Partition", "aws"}, {"Region", "us-east-1"}, {"Account", "123456789012"},
                              {"Platform", "p"}, {"Role", "R"}};
  for (const std::string& name : templates.restrictions()) {
    const iam::RestrictionTemplate* r = templates.restriction(name);
    check_actions(r->statements);
    REQUIRE_FALSE(r->probes.empty());
    iam::PolicySet set;
    iam::Policy deny;
    for (const auto& s : r->statements) deny.statements.push_back(iam::instantiate(s, iam::Effect::Deny, values));
    iam::Policy allow_all = iam::parse_policy_or_throw(
        Json::parse(R"({"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]})"));
    set.identity = {{"deny", deny}, {"all", allow_all}};
    for (const iam::Probe& probe : r->probes) {
      iam::Request req;
      req.principal = "arn:aws:iam::123456789012:role/R";
      req.action = probe.action;
      req.resource = iam::fill(probe.resource, values);
      req.resource_tags = probe.resource_tags;
      req.context_complete = true;
      INFO(name << ": " << probe.action << " on " << req.resource);
      CHECK(iam::evaluate(set, req).decision == iam::Decision::ExplicitDeny);
    }
  }
}

TEST_CASE("every policy aip generates round-trips, grants no wildcard action, and scopes resources") {
  const auto& catalog = iam::ActionCatalog::embedded();
  std::size_t documents = 0;
  for (const fs::path& path : shipped_specs()) {
    auto p = plan_text(slurp(path), path.string());
    INFO(path.filename().string());
    REQUIRE(p.assembly);
    for (const aip::cfn::Stack& stack : p.assembly->stacks) {
      Json tmpl = aip::cfn::render_template(*p.assembly, stack);
      std::vector<Json> nested;
      for (const iam::TemplateDocument& d : iam::documents_in_template(tmpl, nested)) {
        ++documents;
        INFO(stack.id << "/" << d.file_name());
        auto parsed = iam::parse_policy(*d.site.document);
        REQUIRE(parsed.ok());
        // Canonical form is a fixed point: parse(render(canonical)) == canonical.
        iam::Policy canonical = iam::canonical(parsed.policy);
        CHECK(iam::parse_policy(iam::render_policy(canonical)).policy == canonical);
        for (const iam::Statement& s : parsed.policy.statements) {
          if (s.effect != iam::Effect::Allow || !s.action || d.site.kind == iam::DocumentKind::trust) continue;
          if (d.site.kind == iam::DocumentKind::resource) {
            // In a resource policy "*" is the resource itself. The one
            // service-wide grant allowed is AWS's default key policy: kms:* to
            // the key's own account root, which hands control to IAM policies.
            for (const std::string& a : *s.action) {
              INFO(a);
              CHECK(a != "*");
              if (a.substr(a.find(':') + 1) != "*") continue;
              CHECK(d.type == "AWS::KMS::Key");
              CHECK(a == "kms:*");
              REQUIRE(s.principal);
              for (const Json& principal : s.principal->by_kind.at("AWS")) {
                CHECK(principal.dump().find(":root") != std::string::npos);
              }
            }
            continue;
          }
          bool any_resource = s.resource && std::any_of(s.resource->begin(), s.resource->end(),
                                                        [](const Json& r) { return r == "*"; });
          for (const std::string& a : *s.action) {
            INFO(a);
            CHECK(a != "*");
            CHECK(a.substr(a.find(':') + 1) != "*");
            CHECK_FALSE(catalog.expand(a).empty());
            if (!any_resource) continue;
            for (const std::string& x : catalog.expand(a)) {
              INFO(x << " on Resource *");
              CHECK((!catalog.supports_resource_level(x) || iam::needs_any_resource(x)));
            }
          }
        }
      }
    }
  }
  CHECK(documents > 100);
}
