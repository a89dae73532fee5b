// iam/documents: the one table of where policy documents live. Every type it
// lists yields its document, and nothing else does.
#include <catch2/catch.hpp>

#include <set>

#include "iam/documents.hpp"

using aip::iam::DocumentForm;
using aip::iam::DocumentKind;
using aip::iam::DocumentSite;
using aip::iam::documents_in;
using nlohmann::json;

namespace {

struct Expected {
  const char* type;
  const char* property;
  DocumentKind kind;
};

// Written out here, not read from the table: dropping a row must fail a test.
const Expected kDocumentProperties[] = {
    {"AWS::IAM::Role", "AssumeRolePolicyDocument", DocumentKind::trust},
    {"AWS::IAM::Policy", "PolicyDocument", DocumentKind::identity},
    {"AWS::IAM::ManagedPolicy", "PolicyDocument", DocumentKind::boundary_candidate},
    {"AWS::IAM::RolePolicy", "PolicyDocument", DocumentKind::identity},
    {"AWS::IAM::UserPolicy", "PolicyDocument", DocumentKind::identity},
    {"AWS::IAM::GroupPolicy", "PolicyDocument", DocumentKind::identity},
    {"AWS::S3::BucketPolicy", "PolicyDocument", DocumentKind::resource},
    {"AWS::S3::AccessPoint", "Policy", DocumentKind::resource},
    {"AWS::SQS::QueuePolicy", "PolicyDocument", DocumentKind::resource},
    {"AWS::SQS::QueueInlinePolicy", "PolicyDocument", DocumentKind::resource},
    {"AWS::SNS::TopicPolicy", "PolicyDocument", DocumentKind::resource},
    {"AWS::SNS::TopicInlinePolicy", "PolicyDocument", DocumentKind::resource},
    {"AWS::KMS::Key", "KeyPolicy", DocumentKind::resource},
    {"AWS::Events::EventBus", "Policy", DocumentKind::resource},
    {"AWS::SecretsManager::ResourcePolicy", "ResourcePolicy", DocumentKind::resource},
    {"AWS::ECR::Repository", "RepositoryPolicyText", DocumentKind::resource},
    {"AWS::ApiGateway::RestApi", "Policy", DocumentKind::resource},
    {"AWS::EFS::FileSystem", "FileSystemPolicy", DocumentKind::resource},
    {"AWS::OpenSearchService::Domain", "AccessPolicies", DocumentKind::resource},
    {"AWS::Elasticsearch::Domain", "AccessPolicies", DocumentKind::resource},
    {"AWS::Backup::BackupVault", "AccessPolicy", DocumentKind::resource},
    {"AWS::SageMaker::ModelPackageGroup", "ModelPackageGroupPolicy", DocumentKind::resource},
};
const char* const kInlineListTypes[] = {"AWS::IAM::Role", "AWS::IAM::User", "AWS::IAM::Group"};

json a_document() {
  return {{"Version", "2012-10-17"},
          {"Statement", json::array({{{"Effect", "Allow"}, {"Action", "s3:GetObject"}, {"Resource", "*"}}})}};
}

}  // namespace

TEST_CASE("the documents table finds the document of every type it lists") {
  for (const Expected& e : kDocumentProperties) {
    INFO(e.type << " " << e.property);
    const json props = {{e.property, a_document()}, {"Description", "x"}};
    std::vector<DocumentSite> sites = documents_in(e.type, props);
    REQUIRE(sites.size() == 1);
    CHECK(sites[0].path == std::vector<std::string>{e.property});
    CHECK(sites[0].kind == e.kind);
    CHECK(sites[0].form == DocumentForm::document);
    CHECK(sites[0].document == &props[e.property]);
    CHECK(sites[0].label == (e.kind == DocumentKind::trust ? "trust" : "policy"));
    CHECK(aip::iam::parse_document(sites[0]).ok());
  }
}

TEST_CASE("inline Policies of roles, users and groups are one site per entry, named by PolicyName") {
  for (const char* type : kInlineListTypes) {
    INFO(type);
    const json props = {{"Policies",
                         {{{"PolicyName", "read"}, {"PolicyDocument", a_document()}},
                          {{"PolicyName", "no-document"}},
                          {{"PolicyDocument", a_document()}}}}};
    std::vector<DocumentSite> sites = documents_in(type, props);
    REQUIRE(sites.size() == 2);
    CHECK(sites[0].path == std::vector<std::string>{"Policies", "0", "PolicyDocument"});
    CHECK(sites[0].label == "read");
    REQUIRE(sites[0].policy_name != nullptr);
    CHECK(*sites[0].policy_name == "read");
    CHECK(sites[0].kind == DocumentKind::identity);
    CHECK(sites[1].path == std::vector<std::string>{"Policies", "2", "PolicyDocument"});
    CHECK(sites[1].label == "policy-2");
    CHECK(sites[1].policy_name == nullptr);
  }
}

TEST_CASE("a role's trust policy comes before its inline policies") {
  const json props = {{"Policies", {{{"PolicyName", "app"}, {"PolicyDocument", a_document()}}}},
                      {"AssumeRolePolicyDocument", a_document()}};
  std::vector<DocumentSite> sites = documents_in("AWS::IAM::Role", props);
  REQUIRE(sites.size() == 2);
  CHECK(sites[0].kind == DocumentKind::trust);
  CHECK(sites[1].label == "app");
}

TEST_CASE("an EventBusPolicy's Statement is one statement, read as a document of it") {
  const json statement = {{"Effect", "Allow"}, {"Principal", "*"}, {"Action", "events:PutEvents"}, {"Resource", "*"}};
  const json props = {{"StatementId", "s"}, {"EventBusName", "bus"}, {"Statement", statement}};
  std::vector<DocumentSite> sites = documents_in("AWS::Events::EventBusPolicy", props);
  REQUIRE(sites.size() == 1);
  CHECK(sites[0].form == DocumentForm::statement);
  CHECK(sites[0].kind == DocumentKind::resource);
  CHECK(sites[0].path == std::vector<std::string>{"Statement"});
  CHECK(sites[0].as_document() == json{{"Version", "2012-10-17"}, {"Statement", json::array({statement})}});
  auto parsed = aip::iam::parse_document(sites[0]);
  REQUIRE(parsed.ok());
  REQUIRE(parsed.policy.statements.size() == 1);
  CHECK(parsed.policy.statements[0].principal->any);
  // The older form without a Statement (Action, Principal as properties) holds no document.
  CHECK(documents_in("AWS::Events::EventBusPolicy", json{{"Action", "events:PutEvents"}, {"Principal", "*"}}).empty());
}

TEST_CASE("the table lists exactly these types") {
  std::set<std::string> expected;
  for (const Expected& e : kDocumentProperties) expected.insert(e.type);
  for (const char* t : kInlineListTypes) expected.insert(t);
  expected.insert("AWS::Events::EventBusPolicy");
  std::set<std::string> listed;
  for (const aip::iam::DocumentRow& row : aip::iam::document_table()) listed.insert(row.type);
  CHECK(listed == expected);
  for (const std::string& t : expected) CHECK(aip::iam::has_documents(t));
}

TEST_CASE("no document where there is none") {
  SECTION("a listed type without the property, or with a value that is no document") {
    for (const Expected& e : kDocumentProperties) {
      INFO(e.type);
      CHECK(documents_in(e.type, json::object()).empty());
      CHECK(documents_in(e.type, json{{e.property, "{\"Statement\": []}"}}).empty());  // a string, not a document
      CHECK(documents_in(e.type, json{{e.property, {{"Fn::If", {"C", a_document(), a_document()}}}}}).empty());
      CHECK(documents_in(e.type, json{{e.property, json::array({a_document()})}}).empty());
    }
    for (const char* type : kInlineListTypes) CHECK(documents_in(type, json{{"Policies", a_document()}}).empty());
    CHECK(documents_in("AWS::IAM::Role", json::array()).empty());  // Properties that are not an object
  }
  SECTION("a document under another type's property") {
    CHECK(documents_in("AWS::IAM::RolePolicy", json{{"KeyPolicy", a_document()}}).empty());
    CHECK(documents_in("AWS::KMS::Key", json{{"PolicyDocument", a_document()}}).empty());
    CHECK(documents_in("AWS::IAM::User", json{{"AssumeRolePolicyDocument", a_document()}}).empty());
  }
  SECTION("types that hold no IAM-grammar document") {
    // OpenSearch Serverless policies are Rules / Principal lists in a string, not IAM grammar.
    const json aoss = {{"Name", "p"}, {"Type", "data"}, {"Policy", a_document()}};
    CHECK(documents_in("AWS::OpenSearchServerless::AccessPolicy", aoss).empty());
    CHECK(documents_in("AWS::OpenSearchServerless::SecurityPolicy", aoss).empty());
    CHECK(documents_in("AWS::S3::Bucket", json{{"PolicyDocument", a_document()}}).empty());
    CHECK(documents_in("AWS::Lambda::Permission", json{{"Action", "lambda:InvokeFunction"}}).empty());
    CHECK_FALSE(aip::iam::has_documents("AWS::S3::Bucket"));
  }
}
