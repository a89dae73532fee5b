// Where IAM policy documents live inside CloudFormation resources: one table
// for everything that needs to find them (the policies/ files of an assembly,
// `aip policy`, `aip can`).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace aip::iam {

enum class DocumentKind { identity, trust, resource, boundary_candidate };

struct DocumentSite {
  std::vector<std::string> path;  // inside the resource's Properties, e.g. {"Policies", "0", "PolicyDocument"}
  std::string label;              // "trust", the inline PolicyName, or "policy"
  DocumentKind kind = DocumentKind::identity;
  const nlohmann::json* document = nullptr;
};

// The documents of one resource of `type` with `properties` (pointers into
// `properties`). AWS::IAM::ManagedPolicy is a boundary_candidate: whether it
// grants or caps depends on how roles use it.
std::vector<DocumentSite> documents_in(std::string_view type, const nlohmann::json& properties);

struct TemplateDocument {
  std::string logical_id;
  std::string type;
  DocumentSite site;
  std::string file_name() const;  // "<LogicalId>.<label>.json"
};

// Every document of a template's Resources, in logical-id order.
std::vector<TemplateDocument> documents_in_template(const nlohmann::json& tmpl);
// Also the documents of templates that StackSets carry as TemplateBody
// strings (parsed into `nested`, which must outlive the result; their
// logical ids are prefixed "stackset.").
std::vector<TemplateDocument> documents_in_template(const nlohmann::json& tmpl, std::vector<nlohmann::json>& nested);

// The document as aip writes it for review: canonical when it parses cleanly.
nlohmann::json review_form(const nlohmann::json& document);

}  // namespace aip::iam
