// Where IAM policy documents live inside CloudFormation resources: the one
// table for everything that needs to find them (lint rules, `aip diff`, the
// policies/ files of an assembly, `aip policy`, `aip can`).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "iam/policy.hpp"

namespace aip::iam {

enum class DocumentKind { identity, trust, resource, boundary_candidate };

// How a property holds its policy.
enum class DocumentForm {
  document,       // the property is a policy document {Version, Statement}
  statement,      // the property is one statement (AWS::Events::EventBusPolicy's Statement)
  inline_list,    // a list of {PolicyName, PolicyDocument} (Policies of roles, users, groups)
};

// One row of the table: resource type, property under Properties, kind.
struct DocumentRow {
  const char* type;
  const char* property;
  DocumentKind kind;
  DocumentForm form = DocumentForm::document;
};
// Every row, in a fixed order (a role's trust policy before its inline policies).
const std::vector<DocumentRow>& document_table();
// Whether any row names `type`.
bool has_documents(std::string_view type);

struct DocumentSite {
  std::vector<std::string> path;  // inside the resource's Properties, e.g. {"Policies", "0", "PolicyDocument"}
  std::string label;              // "trust", the inline PolicyName, or "policy" (the policies/ file name)
  DocumentKind kind = DocumentKind::identity;
  // document, or statement (the EventBusPolicy form); never inline_list: a
  // list entry is a site of its own.
  DocumentForm form = DocumentForm::document;
  const nlohmann::json* document = nullptr;     // the value at `path` (for `statement`: the statement)
  const nlohmann::json* policy_name = nullptr;  // inline entries: PolicyName as written; nullptr when absent
  // The policy as a document: the value itself, or the statement wrapped in one.
  nlohmann::json as_document() const;
};

// The documents of one resource of `type` with `properties` (pointers into
// `properties`). A value counts when it is an object with a Statement (a
// statement object for the statement form). AWS::IAM::ManagedPolicy is a
// boundary_candidate: whether it grants or caps depends on how roles use it.
std::vector<DocumentSite> documents_in(std::string_view type, const nlohmann::json& properties);

// parse_policy of the site's policy as a document.
ParseResult parse_document(const DocumentSite& site);

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
nlohmann::json review_form(const DocumentSite& site);

}  // namespace aip::iam
