// Templates made comparable before diffing, and where IAM documents live.
#include <algorithm>

#include "diff/values.hpp"
#include "iam/policy.hpp"

namespace aip::diff {

namespace {

// Resource type -> properties whose value is one IAM policy document.
struct DocProperty {
  const char* type;
  const char* property;
};
constexpr DocProperty kDocuments[] = {
    {"AWS::IAM::Role", "AssumeRolePolicyDocument"},
    {"AWS::IAM::Policy", "PolicyDocument"},
    {"AWS::IAM::ManagedPolicy", "PolicyDocument"},
    {"AWS::S3::BucketPolicy", "PolicyDocument"},
    {"AWS::SQS::QueuePolicy", "PolicyDocument"},
    {"AWS::SNS::TopicPolicy", "PolicyDocument"},
    {"AWS::KMS::Key", "KeyPolicy"},
    {"AWS::Events::EventBus", "Policy"},
    {"AWS::SecretsManager::ResourcePolicy", "ResourcePolicy"},
    {"AWS::ECR::Repository", "RepositoryPolicyText"},
    {"AWS::S3::AccessPoint", "Policy"},
    {"AWS::EFS::FileSystem", "FileSystemPolicy"},
    {"AWS::OpenSearchService::Domain", "AccessPolicies"},
    {"AWS::Elasticsearch::Domain", "AccessPolicies"},
    {"AWS::ApiGateway::RestApi", "Policy"},
    {"AWS::Backup::BackupVault", "AccessPolicy"},
};

// Types with a list of inline policies {PolicyName, PolicyDocument}.
constexpr const char* kInlinePolicies[] = {"AWS::IAM::Role", "AWS::IAM::User", "AWS::IAM::Group"};

bool is_document(const Json& v) { return v.is_object() && v.contains("Statement"); }

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
  for (const auto& d : kDocuments) {
    if (type != d.type) continue;
    auto it = properties.find(d.property);
    if (it != properties.end() && is_document(*it)) {
      out.push_back({d.property, {d.property}, std::string(d.property) == "AssumeRolePolicyDocument"});
    }
  }
  if (std::find_if(std::begin(kInlinePolicies), std::end(kInlinePolicies),
                   [&](const char* t) { return type == t; }) != std::end(kInlinePolicies)) {
    auto it = properties.find("Policies");
    if (it != properties.end() && it->is_array()) {
      for (std::size_t i = 0; i < it->size(); ++i) {
        const Json& p = (*it)[i];
        if (!p.is_object() || !p.contains("PolicyDocument") || !is_document(p["PolicyDocument"])) continue;
        std::string name = p.contains("PolicyName") ? p["PolicyName"].is_string() ? p["PolicyName"].get<std::string>()
                                                                                   : render_value(p["PolicyName"])
                                                    : std::to_string(i);
        out.push_back({"Policies[PolicyName=" + name + "]", {"Policies", index_segment(i), "PolicyDocument"}, false});
      }
    }
  }
  return out;
}

Json normalize_template(const Json& tmpl) {
  Json out = tmpl;
  normalize_value(out);
  auto resources = out.find("Resources");
  if (resources == out.end() || !resources->is_object()) return out;
  for (auto& [id, r] : resources->items()) {
    if (!r.is_object()) continue;
    if (auto dep = r.find("DependsOn"); dep != r.end()) {
      if (dep->is_string()) *dep = Json::array({*dep});
      if (dep->is_array()) std::sort(dep->begin(), dep->end());
    }
    auto props = r.find("Properties");
    if (props == r.end() || !r.contains("Type") || !r["Type"].is_string()) continue;
    for (const auto& doc : policy_documents(r["Type"].get<std::string>(), *props)) {
      if (Json* v = at(*props, doc.path)) *v = canonical_document(*v);
    }
  }
  return out;
}

}  // namespace aip::diff
