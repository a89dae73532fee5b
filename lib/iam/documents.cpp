#include "iam/documents.hpp"

#include "iam/policy.hpp"

namespace aip::iam {

namespace {

using Json = nlohmann::json;

struct SingleDocument {
  const char* type;
  const char* property;
  DocumentKind kind;
};
constexpr SingleDocument kSingle[] = {
    {"AWS::IAM::Policy", "PolicyDocument", DocumentKind::identity},
    {"AWS::IAM::ManagedPolicy", "PolicyDocument", DocumentKind::boundary_candidate},
    {"AWS::IAM::RolePolicy", "PolicyDocument", DocumentKind::identity},
    {"AWS::IAM::UserPolicy", "PolicyDocument", DocumentKind::identity},
    {"AWS::IAM::GroupPolicy", "PolicyDocument", DocumentKind::identity},
    {"AWS::S3::BucketPolicy", "PolicyDocument", DocumentKind::resource},
    {"AWS::SQS::QueuePolicy", "PolicyDocument", DocumentKind::resource},
    {"AWS::SQS::QueueInlinePolicy", "PolicyDocument", DocumentKind::resource},
    {"AWS::SNS::TopicPolicy", "PolicyDocument", DocumentKind::resource},
    {"AWS::SNS::TopicInlinePolicy", "PolicyDocument", DocumentKind::resource},
    {"AWS::KMS::Key", "KeyPolicy", DocumentKind::resource},
    {"AWS::Events::EventBus", "Policy", DocumentKind::resource},
    {"AWS::SecretsManager::ResourcePolicy", "ResourcePolicy", DocumentKind::resource},
    {"AWS::ECR::Repository", "RepositoryPolicyText", DocumentKind::resource},
    {"AWS::ApiGateway::RestApi", "Policy", DocumentKind::resource},
    {"AWS::OpenSearchService::Domain", "AccessPolicies", DocumentKind::resource},
};

bool is_document(const Json* v) { return v != nullptr && v->is_object() && v->contains("Statement"); }

const Json* member(const Json& o, const char* key) {
  if (!o.is_object()) return nullptr;
  auto it = o.find(key);
  return it == o.end() ? nullptr : &*it;
}

}  // namespace

std::vector<DocumentSite> documents_in(std::string_view type, const Json& properties) {
  std::vector<DocumentSite> out;
  if (type == "AWS::IAM::Role") {
    if (const Json* d = member(properties, "AssumeRolePolicyDocument"); is_document(d)) {
      out.push_back({{"AssumeRolePolicyDocument"}, "trust", DocumentKind::trust, d});
    }
  }
  if (type == "AWS::IAM::Role" || type == "AWS::IAM::User" || type == "AWS::IAM::Group") {
    if (const Json* list = member(properties, "Policies"); list != nullptr && list->is_array()) {
      for (std::size_t i = 0; i < list->size(); ++i) {
        const Json* d = member((*list)[i], "PolicyDocument");
        if (!is_document(d)) continue;
        const Json* name = member((*list)[i], "PolicyName");
        std::string label = name != nullptr && name->is_string() ? name->get<std::string>() : "policy-" + std::to_string(i);
        out.push_back({{"Policies", std::to_string(i), "PolicyDocument"}, label, DocumentKind::identity, d});
      }
    }
    return out;
  }
  for (const SingleDocument& s : kSingle) {
    if (type != s.type) continue;
    if (const Json* d = member(properties, s.property); is_document(d)) out.push_back({{s.property}, "policy", s.kind, d});
  }
  return out;
}

std::string TemplateDocument::file_name() const {
  // Policy names allow [\w+=,.@-]; none of them leaves the directory.
  return logical_id + "." + site.label + ".json";
}

std::vector<TemplateDocument> documents_in_template(const Json& tmpl) {
  std::vector<TemplateDocument> out;
  const Json* resources = member(tmpl, "Resources");
  if (resources == nullptr || !resources->is_object()) return out;
  for (const auto& [id, resource] : resources->items()) {  // nlohmann keeps keys sorted
    const Json* type = member(resource, "Type");
    const Json* props = member(resource, "Properties");
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
  const Json* resources = member(tmpl, "Resources");
  if (resources == nullptr || !resources->is_object()) return out;
  for (const auto& [id, resource] : resources->items()) {
    const Json* type = member(resource, "Type");
    const Json* props = member(resource, "Properties");
    if (type == nullptr || *type != "AWS::CloudFormation::StackSet" || props == nullptr) continue;
    const Json* body = member(*props, "TemplateBody");
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

}  // namespace aip::iam
