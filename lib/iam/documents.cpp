#include "iam/documents.hpp"

#include <algorithm>

namespace aip::iam {

// Helpers in a namespace of their own: unity builds compile several files as one.
namespace documents {

using Json = nlohmann::json;
using K = DocumentKind;
using F = DocumentForm;

// Policies that look alike but are not IAM grammar stay out: OpenSearch
// Serverless access, network and encryption policies
// (AWS::OpenSearchServerless::AccessPolicy / SecurityPolicy) are JSON strings
// of Rules / Principal lists, with no Statement (lint/rules/aoss_policy.hpp
// reads them). A Lambda permission (AWS::Lambda::Permission) is properties,
// not a document; lib/diff builds a statement from it.
const std::vector<DocumentRow> kTable = {
    {"AWS::IAM::Role", "AssumeRolePolicyDocument", K::trust},
    {"AWS::IAM::Role", "Policies", K::identity, F::inline_list},
    {"AWS::IAM::User", "Policies", K::identity, F::inline_list},
    {"AWS::IAM::Group", "Policies", K::identity, F::inline_list},
    {"AWS::IAM::Policy", "PolicyDocument", K::identity},
    {"AWS::IAM::ManagedPolicy", "PolicyDocument", K::boundary_candidate},
    {"AWS::IAM::RolePolicy", "PolicyDocument", K::identity},
    {"AWS::IAM::UserPolicy", "PolicyDocument", K::identity},
    {"AWS::IAM::GroupPolicy", "PolicyDocument", K::identity},
    {"AWS::S3::BucketPolicy", "PolicyDocument", K::resource},
    {"AWS::S3::AccessPoint", "Policy", K::resource},
    {"AWS::SQS::QueuePolicy", "PolicyDocument", K::resource},
    {"AWS::SQS::QueueInlinePolicy", "PolicyDocument", K::resource},
    {"AWS::SNS::TopicPolicy", "PolicyDocument", K::resource},
    {"AWS::SNS::TopicInlinePolicy", "PolicyDocument", K::resource},
    {"AWS::KMS::Key", "KeyPolicy", K::resource},
    {"AWS::Events::EventBus", "Policy", K::resource},
    {"AWS::Events::EventBusPolicy", "Statement", K::resource, F::statement},
    {"AWS::SecretsManager::ResourcePolicy", "ResourcePolicy", K::resource},
    {"AWS::ECR::Repository", "RepositoryPolicyText", K::resource},
    {"AWS::ApiGateway::RestApi", "Policy", K::resource},
    {"AWS::EFS::FileSystem", "FileSystemPolicy", K::resource},
    {"AWS::OpenSearchService::Domain", "AccessPolicies", K::resource},
    {"AWS::Elasticsearch::Domain", "AccessPolicies", K::resource},
    {"AWS::Backup::BackupVault", "AccessPolicy", K::resource},
    {"AWS::SageMaker::ModelPackageGroup", "ModelPackageGroupPolicy", K::resource},
};

bool is_document(const Json* v) { return v != nullptr && v->is_object() && v->contains("Statement"); }
bool is_statement(const Json* v) { return v != nullptr && v->is_object(); }

const Json* member(const Json& o, const char* key) {
  if (!o.is_object()) return nullptr;
  auto it = o.find(key);
  return it == o.end() ? nullptr : &*it;
}

void add_inline_list(const Json& list, DocumentKind kind, std::vector<DocumentSite>& out) {
  if (!list.is_array()) return;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const Json* d = member(list[i], "PolicyDocument");
    if (!is_document(d)) continue;
    const Json* name = member(list[i], "PolicyName");
    std::string label = name != nullptr && name->is_string() ? name->get<std::string>() : "policy-" + std::to_string(i);
    out.push_back({{"Policies", std::to_string(i), "PolicyDocument"}, label, kind, F::document, d, name});
  }
}

}  // namespace documents

using documents::F;
using documents::K;
using documents::Json;

const std::vector<DocumentRow>& document_table() { return documents::kTable; }

bool has_documents(std::string_view type) {
  return std::any_of(documents::kTable.begin(), documents::kTable.end(), [&](const DocumentRow& row) { return type == row.type; });
}

Json DocumentSite::as_document() const {
  if (document == nullptr) return Json();
  if (form == F::statement) return Json{{"Version", "2012-10-17"}, {"Statement", Json::array({*document})}};
  return *document;
}

std::vector<DocumentSite> documents_in(std::string_view type, const Json& properties) {
  std::vector<DocumentSite> out;
  for (const DocumentRow& row : documents::kTable) {
    if (type != row.type) continue;
    const Json* value = documents::member(properties, row.property);
    if (value == nullptr) continue;
    switch (row.form) {
      case F::inline_list: documents::add_inline_list(*value, row.kind, out); break;
      case F::statement:
        if (documents::is_statement(value)) out.push_back({{row.property}, "policy", row.kind, F::statement, value, nullptr});
        break;
      case F::document: {
        const char* label = row.kind == K::trust ? "trust" : "policy";
        if (documents::is_document(value)) out.push_back({{row.property}, label, row.kind, F::document, value, nullptr});
        break;
      }
    }
  }
  return out;
}

ParseResult parse_document(const DocumentSite& site) {
  if (site.form == F::statement) return parse_policy(site.as_document());
  return parse_policy(*site.document);
}

std::string TemplateDocument::file_name() const {
  // Policy names allow [\w+=,.@-]; none of them leaves the directory.
  return logical_id + "." + site.label + ".json";
}

std::vector<TemplateDocument> documents_in_template(const Json& tmpl) {
  std::vector<TemplateDocument> out;
  const Json* resources = documents::member(tmpl, "Resources");
  if (resources == nullptr || !resources->is_object()) return out;
  for (const auto& [id, resource] : resources->items()) {  // nlohmann keeps keys sorted
    const Json* type = documents::member(resource, "Type");
    const Json* props = documents::member(resource, "Properties");
    if (type == nullptr || !type->is_string() || props == nullptr) continue;
    for (DocumentSite& site : documents_in(type->get<std::string>(), *props)) {
      out.push_back({id, type->get<std::string>(), std::move(site)});
    }
  }
  return out;
}

std::vector<TemplateDocument> documents_in_template(const Json& tmpl, std::vector<Json>& nested) {
  std::vector<TemplateDocument> out = documents_in_template(tmpl);
  // A StackSet carries its template as a string; its documents count too.
  const Json* resources = documents::member(tmpl, "Resources");
  if (resources == nullptr || !resources->is_object()) return out;
  for (const auto& [id, resource] : resources->items()) {
    const Json* type = documents::member(resource, "Type");
    const Json* props = documents::member(resource, "Properties");
    if (type == nullptr || *type != "AWS::CloudFormation::StackSet" || props == nullptr) continue;
    const Json* body = documents::member(*props, "TemplateBody");
    if (body == nullptr || !body->is_string()) continue;
    Json inner = Json::parse(body->get<std::string>(), nullptr, false);
    if (inner.is_discarded()) continue;
    nested.push_back(std::move(inner));
  }
  // Pointers into `nested` stay valid: it is not touched after this loop.
  for (const Json& inner : nested) {
    for (TemplateDocument d : documents_in_template(inner)) {
      d.logical_id = "stackset." + d.logical_id;
      out.push_back(std::move(d));
    }
  }
  return out;
}

Json review_form(const Json& document) {
  ParseResult parsed = parse_policy(document);
  return parsed.ok() ? render_policy(parsed.policy) : document;
}

Json review_form(const DocumentSite& site) { return review_form(site.as_document()); }

}  // namespace aip::iam
