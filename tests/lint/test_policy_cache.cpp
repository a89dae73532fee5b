// The policy documents lint rules read: found through iam/documents' table,
// parsed once per run into the Context's PolicyCache.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "iam/documents.hpp"
#include "lint/rule_support.hpp"
#include "lint_test_support.hpp"

using aip::lint::test::lint_template;
using nlohmann::json;
namespace lint = aip::lint;

namespace {

const char* const kPolicyTemplate = R"(
Resources:
  Boundary:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Statement: [{Effect: Allow, Action: "s3:*", Resource: "*"}]
  Attached:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Statement: [{Effect: Allow, Action: s3:GetObject, Resource: "*"}]
  Bus:
    Type: AWS::Events::EventBusPolicy
    Properties:
      StatementId: s
      Statement: {Effect: Allow, Principal: "*", Action: events:PutEvents, Resource: "*"}
  Broken:
    Type: AWS::IAM::RolePolicy
    Properties:
      RoleName: app
      PolicyName: broken
      PolicyDocument:
        Statement: {Effect: Maybe, Action: s3:GetObject, Resource: "*"}
  Role:
    Type: AWS::IAM::Role
    Properties:
      PermissionsBoundary: !Ref Boundary
      ManagedPolicyArns: [!Ref Attached]
      AssumeRolePolicyDocument:
        Statement: [{Effect: Allow, Principal: {Service: ecs-tasks.amazonaws.com}, Action: sts:AssumeRole}]
      Policies:
        - PolicyName: app
          PolicyDocument:
            Statement: [{Effect: Allow, Action: s3:GetObject, Resource: "*"}]
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: plain
)";

std::string read_source(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

TEST_CASE("the policy cache holds every document of the input, parsed, with its kind and path") {
  aip::SourceManager sources;
  const aip::SourceFile& file = sources.add("template.yaml", kPolicyTemplate);
  const aip::cfn::LoadedTemplate loaded = aip::cfn::load_template(kPolicyTemplate);
  const lint::Input input = lint::input_from_template(file, loaded);
  std::vector<lint::Finding> findings;
  lint::Context ctx(input, findings);
  const lint::PolicyCache cache(ctx);

  // Logical-id order; a role's trust policy before its inline policies.
  std::vector<std::string> owners;
  for (const lint::PolicyDoc& d : cache.all()) owners.push_back(d.owner.logical_id);
  CHECK(owners == std::vector<std::string>{"Attached", "Boundary", "Broken", "Bus", "Role", "Role"});
  const auto& docs = cache.all();

  CHECK(docs[0].kind == lint::PolicyKind::identity);  // a managed policy the role attaches grants
  CHECK(docs[1].kind == lint::PolicyKind::boundary);  // the one it names as PermissionsBoundary caps
  CHECK(docs[1].path == lint::Path{"Properties", "PolicyDocument"});
  CHECK(docs[1].statement_path(0) == lint::Path{"Properties", "PolicyDocument", "Statement", "0"});

  // A document with errors is kept, its errors with it.
  CHECK(docs[2].kind == lint::PolicyKind::identity);
  CHECK_FALSE(docs[2].errors.empty());
  CHECK(docs[2].statement_path(0) == lint::Path{"Properties", "PolicyDocument", "Statement"});

  // The EventBusPolicy statement form: one statement at Properties.Statement.
  CHECK(docs[3].kind == lint::PolicyKind::resource);
  CHECK(docs[3].site.form == aip::iam::DocumentForm::statement);
  REQUIRE(docs[3].policy.statements.size() == 1);
  CHECK(docs[3].policy.statements[0].principal->any);
  CHECK(docs[3].statement_path(0) == lint::Path{"Properties", "Statement"});

  CHECK(docs[4].kind == lint::PolicyKind::trust);
  CHECK(docs[5].kind == lint::PolicyKind::identity);
  CHECK(docs[5].path == lint::Path{"Properties", "Policies", "0", "PolicyDocument"});
  CHECK(docs[5].site.label == "app");
  CHECK(docs[5].errors.empty());

  // By resource: a role's two documents; none for a bucket.
  auto role = ctx.find(input.templates[0], "Role");
  REQUIRE(role);
  auto of_role = cache.of(*role);
  REQUIRE(of_role.size() == 2);
  CHECK(of_role[0] == &docs[4]);
  CHECK(of_role[1] == &docs[5]);
  auto bucket = ctx.find(input.templates[0], "Bucket");
  REQUIRE(bucket);
  CHECK(cache.of(*bucket).empty());
}

TEST_CASE("rules see the resource policy of every type the documents table lists") {
  // AIP-EXP-007 (a resource policy open to anyone) as the probe: before the
  // table was one, lint did not know repository, API, file system, domain,
  // access point and vault policies.
  std::size_t types = 0;
  for (const aip::iam::DocumentRow& row : aip::iam::document_table()) {
    if (row.kind != aip::iam::DocumentKind::resource) continue;
    INFO(row.type);
    ++types;
    const json statement = {{"Effect", "Allow"}, {"Principal", "*"}, {"Action", "s3:GetObject"}, {"Resource", "*"}};
    const json value = row.form == aip::iam::DocumentForm::statement
                           ? statement
                           : json{{"Version", "2012-10-17"}, {"Statement", json::array({statement})}};
    const json tmpl = {{"Resources", {{"R", {{"Type", row.type}, {"Properties", {{row.property, value}}}}}}}};
    auto linted = lint_template(tmpl.dump(2), "AIP-EXP-007", "template.json");
    CHECK(linted.count("AIP-EXP-007") == 1);
  }
  CHECK(types >= 15);
}

TEST_CASE("rules take policy documents from the cache, none parses one itself") {
  namespace fs = std::filesystem;
  std::size_t files = 0;
  for (const auto& entry : fs::directory_iterator(fs::path(AIP_SOURCE_DIR) / "lib/lint/rules")) {
    if (entry.path().extension() != ".cpp") continue;
    ++files;
    INFO(entry.path().filename().string());
    const std::string text = read_source(entry.path());
    CHECK(text.find("parse_policy(") == std::string::npos);
    CHECK(text.find("parse_document(") == std::string::npos);
    CHECK(text.find("documents_in(") == std::string::npos);
  }
  CHECK(files > 40);
}

namespace {

// What the AWS CDK writes: ARNs as Fn::Join of pseudo parameters and
// attributes, a GitHub OIDC provider of the same template, a queue policy for
// a topic's deliveries.
const char* const kCdkTemplate = R"({
  "Parameters": {"DeployRole": {"Type": "String"}},
  "Resources": {
    "Provider": {"Type": "AWS::IAM::OIDCProvider", "Properties": {
      "Url": "https://token.actions.githubusercontent.com", "ClientIdList": ["sts.amazonaws.com"]}},
    "Topic": {"Type": "AWS::SNS::Topic"},
    "Queue": {"Type": "AWS::SQS::Queue"},
    "QueuePolicy": {"Type": "AWS::SQS::QueuePolicy", "Properties": {
      "Queues": [{"Ref": "Queue"}],
      "PolicyDocument": {"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Principal": {"Service": "sns.amazonaws.com"}, "Action": "sqs:SendMessage",
        "Resource": {"Fn::GetAtt": ["Queue", "Arn"]},
        "Condition": {"ArnEquals": {"aws:SourceArn": {"Ref": "Topic"}}}}]}}},
    "Deploy": {"Type": "AWS::IAM::Role", "Properties": {
      "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Action": "sts:AssumeRoleWithWebIdentity",
        "Principal": {"Federated": {"Ref": "Provider"}},
        "Condition": {"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"}}}]},
      "ManagedPolicyArns": [{"Fn::Join": ["", ["arn:", {"Ref": "AWS::Partition"}, ":iam::aws:policy/AdministratorAccess"]]}],
      "Policies": [{"PolicyName": "pass", "PolicyDocument": {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": "iam:PassRole",
         "Resource": {"Fn::Join": ["", ["arn:", {"Ref": "AWS::Partition"}, ":iam::", {"Ref": "AWS::AccountId"}, ":role/*"]]}},
        {"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": {"Ref": "DeployRole"}}]}}]}}
  }
})";

}  // namespace

TEST_CASE("the policy cache resolves intrinsics of the template's own resources before any rule decides") {
  aip::SourceManager sources;
  const aip::SourceFile& file = sources.add("cdk.template.json", kCdkTemplate);
  const aip::cfn::LoadedTemplate loaded = aip::cfn::load_template(kCdkTemplate);
  const lint::Input input = lint::input_from_template(file, loaded);
  std::vector<lint::Finding> findings;
  lint::Context ctx(input, findings);
  const lint::PolicyCache cache(ctx);
  const auto& docs = cache.all();
  REQUIRE(docs.size() == 3);  // Deploy's trust and inline policy, QueuePolicy

  // Principal: the provider's ARN, written by CloudFormation from its Url.
  const aip::iam::Statement& trust = docs[0].policy.statements.at(0);
  REQUIRE(trust.principal->by_kind.at("Federated").size() == 1);
  CHECK(trust.principal->by_kind.at("Federated")[0] ==
        "arn:aws:iam::${AWS::AccountId}:oidc-provider/token.actions.githubusercontent.com");
  CHECK(docs[0].written.statements.at(0).principal->by_kind.at("Federated")[0] == json{{"Ref", "Provider"}});

  // Resources: Fn::Join of pseudo parameters; a parameter cannot be known and stays as written.
  const aip::iam::Policy& inline_policy = docs[1].policy;
  CHECK(inline_policy.statements.at(0).resource->at(0) == "arn:aws:iam::${AWS::AccountId}:role/*");
  CHECK(inline_policy.statements.at(1).resource->at(0) == json{{"Ref", "DeployRole"}});

  // Resource and condition value of a resource policy.
  const aip::iam::Statement& delivery = docs[2].policy.statements.at(0);
  CHECK(delivery.resource->at(0) == "arn:aws:sqs:${AWS::Region}:${AWS::AccountId}:Queue");
  CHECK(delivery.condition.at("ArnEquals").at("aws:SourceArn").at(0) ==
        "arn:aws:sns:${AWS::Region}:${AWS::AccountId}:Topic");
}

TEST_CASE("IAM rules decide on CDK-written intrinsics as on the literal values") {
  // PassRole on every role of the account, written as Fn::Join.
  auto pass = lint_template(kCdkTemplate, "AIP-IAM-004", "cdk.template.json");
  REQUIRE(pass.count("AIP-IAM-004") == 1);
  CHECK(pass.findings[0].message.find("on any role") != std::string::npos);
  // AdministratorAccess through Fn::Join of the partition.
  auto admin = lint_template(kCdkTemplate, "AIP-IAM-010", "cdk.template.json");
  REQUIRE(admin.count("AIP-IAM-010") == 1);
  CHECK(admin.findings[0].message.find("AdministratorAccess") != std::string::npos);
  // The GitHub trust through Ref of the template's own provider, without a sub condition.
  CHECK(lint_template(kCdkTemplate, "AIP-IAM-008", "cdk.template.json").count("AIP-IAM-008") == 1);

  // The nearest non-triggers: PassRole on one role of the template with a
  // PassedToService condition; a managed policy of the template's own account.
  std::string scoped = kCdkTemplate;
  const std::string any_role =
      R"({"Fn::Join": ["", ["arn:", {"Ref": "AWS::Partition"}, ":iam::", {"Ref": "AWS::AccountId"}, ":role/*"]]}})";
  REQUIRE(scoped.find(any_role) != std::string::npos);
  scoped.replace(scoped.find(any_role), any_role.size(),
                 R"({"Fn::GetAtt": ["Deploy", "Arn"]}, "Condition": {"StringEquals": {"iam:PassedToService": "ecs-tasks.amazonaws.com"}}})");
  const std::string admin_arn = ":iam::aws:policy/AdministratorAccess";
  scoped.replace(scoped.find(admin_arn), admin_arn.size(), ":iam::aws:policy/ReadOnlyAccess");
  CHECK(lint_template(scoped, "AIP-IAM-004", "cdk.template.json").findings.empty());
  CHECK(lint_template(scoped, "AIP-IAM-010", "cdk.template.json").findings.empty());

  // A whole other account written as Fn::Join is a whole-account trust; the
  // template's own account (Ref AWS::AccountId) is not reported by AIP-IAM-007.
  auto trust = [](const std::string& account) {
    std::string t = R"({"Resources": {"R": {"Type": "AWS::IAM::Role", "Properties": {
      "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
        "Principal": {"AWS": {"Fn::Join": ["", ["arn:", {"Ref": "AWS::Partition"}, ":iam::", ACCOUNT, ":root"]]}}}]}}}}})";
    t.replace(t.find("ACCOUNT"), 7, account);
    return t;
  };
  CHECK(lint_template(trust(R"("999999999999")"), "AIP-IAM-007", "t.json").count("AIP-IAM-007") == 1);
  CHECK(lint_template(trust(R"({"Ref": "AWS::AccountId"})"), "AIP-IAM-007", "t.json").findings.empty());
}
