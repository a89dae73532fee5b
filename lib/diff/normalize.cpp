// Templates made comparable before diffing, and the IAM documents of a
// resource (iam/documents.hpp's table) as lib/diff labels them.
#include <algorithm>

#include "diff/values.hpp"
#include "iam/documents.hpp"
#include "iam/policy.hpp"

namespace aip::diff {

namespace {

// The canonical form when the document parses cleanly; as written otherwise
// (a document aip cannot read is still diffed, just without normalisation).
Json canonical_document(const Json& doc) {
  auto parsed = iam::parse_policy(doc);
  if (!parsed.ok()) return doc;
  return iam::render_policy(parsed.policy);
}

void normalize_value(Json& v) {
  if (v.is_object()) {
    for (auto& [k, e] : v.items()) {
      if (k == "Fn::GetAtt" && e.is_string()) {
        const std::string s = e.get<std::string>();
        const auto dot = s.find('.');
        e = dot == std::string::npos ? Json::array({s}) : Json::array({s.substr(0, dot), s.substr(dot + 1)});
        continue;
      }
      normalize_value(e);
    }
  } else if (v.is_array()) {
    for (auto& e : v) normalize_value(e);
  }
}

Json* at(Json& root, const Path& path) {
  Json* cur = &root;
  for (const auto& seg : path) {
    if (cur->is_object()) {
      auto it = cur->find(seg);
      if (it == cur->end()) return nullptr;
      cur = &*it;
    } else if (cur->is_array() && is_index_segment(seg)) {
      std::size_t i = std::stoul(seg.substr(1, seg.size() - 2));
      if (i >= cur->size()) return nullptr;
      cur = &(*cur)[i];
    } else {
      return nullptr;
    }
  }
  return cur;
}

}  // namespace

std::vector<PolicyDocumentRef> policy_documents(const std::string& type, const Json& properties) {
  std::vector<PolicyDocumentRef> out;
  if (!properties.is_object()) return out;
  for (const iam::DocumentSite& site : iam::documents_in(type, properties)) {
    PolicyDocumentRef ref;
    ref.trust = site.kind == iam::DocumentKind::trust;
    ref.single_statement = site.form == iam::DocumentForm::statement;
    ref.document = site.document;
    if (site.path.size() == 3 && site.path[0] == "Policies") {
      // An inline policy is named by its PolicyName, as the list diff keys it.
      const std::string index = site.path[1];
      std::string name = site.policy_name == nullptr      ? index
                         : site.policy_name->is_string() ? site.policy_name->get<std::string>()
                                                         : render_value(*site.policy_name);
      ref.label = "Policies[PolicyName=" + name + "]";
      ref.path = {"Policies", index_segment(std::stoul(index)), "PolicyDocument"};
    } else {
      ref.label = site.path.front();
      ref.path = site.path;
    }
    out.push_back(std::move(ref));
  }
  return out;
}

void normalize_template_in_place(Json& out) {
  normalize_value(out);
  auto resources = out.find("Resources");
  if (resources == out.end() || !resources->is_object()) return;
  for (auto& [id, r] : resources->items()) {
    if (!r.is_object()) continue;
    if (auto dep = r.find("DependsOn"); dep != r.end()) {
      if (dep->is_string()) *dep = Json::array({*dep});
      if (dep->is_array()) std::sort(dep->begin(), dep->end());
    }
    auto props = r.find("Properties");
    if (props == r.end() || !r.contains("Type") || !r["Type"].is_string()) continue;
    for (const auto& doc : policy_documents(r["Type"].get<std::string>(), *props)) {
      if (doc.single_statement) continue;  // compared as written, as it always was
      if (Json* v = at(*props, doc.path)) *v = canonical_document(*v);
    }
  }
}

Json normalize_template(const Json& tmpl) {
  Json out = tmpl;
  normalize_template_in_place(out);
  return out;
}

}  // namespace aip::diff
