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
