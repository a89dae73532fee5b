// IAM policy documents in resource properties, read with lib/iam's parser:
// the grammar (Version, Statement, Effect, Action / NotAction, principals,
// condition operators), a string that must be JSON, and where Principal
// belongs: identity policies have none, trust and resource policies need one;
// identity policies name their Resource, trust policies name none. Errors at
// or under a value an intrinsic computes are not judged.
#include "cfn/schema/checks.hpp"
#include "iam/policy.hpp"

#include <string_view>

namespace aip::cfn::detail {

namespace validate_policies {

enum class PolicyKind { identity, trust, resource, endpoint };

struct PolicyProperty {
  std::string_view type;
  std::string_view property;  // a property of Properties; "Policies/*/PolicyDocument" for inline policies
  PolicyKind kind;
};

constexpr PolicyProperty kPolicyProperties[] = {
    {"AWS::IAM::Role", "AssumeRolePolicyDocument", PolicyKind::trust},
    {"AWS::IAM::Role", "Policies", PolicyKind::identity},
    {"AWS::IAM::User", "Policies", PolicyKind::identity},
    {"AWS::IAM::Group", "Policies", PolicyKind::identity},
    {"AWS::IAM::Policy", "PolicyDocument", PolicyKind::identity},
    {"AWS::IAM::ManagedPolicy", "PolicyDocument", PolicyKind::identity},
    {"AWS::IAM::RolePolicy", "PolicyDocument", PolicyKind::identity},
    {"AWS::IAM::UserPolicy", "PolicyDocument", PolicyKind::identity},
    {"AWS::IAM::GroupPolicy", "PolicyDocument", PolicyKind::identity},
    {"AWS::S3::BucketPolicy", "PolicyDocument", PolicyKind::resource},
    {"AWS::SQS::QueuePolicy", "PolicyDocument", PolicyKind::resource},
    {"AWS::SNS::TopicPolicy", "PolicyDocument", PolicyKind::resource},
    {"AWS::KMS::Key", "KeyPolicy", PolicyKind::resource},
    {"AWS::SecretsManager::ResourcePolicy", "ResourcePolicy", PolicyKind::resource},
    {"AWS::ECR::Repository", "RepositoryPolicyText", PolicyKind::resource},
    {"AWS::Logs::ResourcePolicy", "PolicyDocument", PolicyKind::resource},
    {"AWS::Backup::BackupVault", "AccessPolicy", PolicyKind::resource},
    {"AWS::EFS::FileSystem", "FileSystemPolicy", PolicyKind::resource},
    {"AWS::OpenSearchService::Domain", "AccessPolicies", PolicyKind::resource},
    {"AWS::ApiGateway::RestApi", "Policy", PolicyKind::resource},
    {"AWS::EC2::VPCEndpoint", "PolicyDocument", PolicyKind::endpoint},
};

std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= path.size() && !path.empty()) {
    const auto slash = path.find('/', start);
    out.push_back(path.substr(start, slash == std::string::npos ? std::string::npos : slash - start));
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  return out;
}

// Whether an intrinsic sits on the way from `doc` to `segments` (or at it):
// what it computes is only known at deploy time.
bool behind_intrinsic(const nlohmann::json& doc, const std::vector<std::string>& segments) {
  const nlohmann::json* at = &doc;
  for (const auto& seg : segments) {
    if (!intrinsic_name(*at).empty()) return true;
    if (at->is_object()) {
      auto it = at->find(seg);
      if (it == at->end()) return false;
      at = &*it;
    } else if (at->is_array()) {
      const std::size_t i = std::strtoul(seg.c_str(), nullptr, 10);
      if (i >= at->size()) return false;
      at = &(*at)[i];
    } else {
      return false;
    }
  }
  return !intrinsic_name(*at).empty();
}

bool has_intrinsic_statement(const nlohmann::json& statement) {
  return !intrinsic_name(statement).empty();
}

void check_document(const Context& ctx, const nlohmann::json& value, PolicyKind kind, const JsonPath& path) {
  if (!intrinsic_name(value).empty()) return;
  nlohmann::json parsed;
  const nlohmann::json* doc = &value;
  if (value.is_string()) {
    // Some services take the document as a string of JSON.
    parsed = nlohmann::json::parse(value.get_ref<const std::string&>(), nullptr, false);
    if (parsed.is_discarded()) {
      ctx.add(path, "policy-grammar", "policy document is a string that is not JSON");
      return;
    }
    doc = &parsed;
  }
  const bool in_string = value.is_string();
  const auto at = [&](const std::string& p) {
    JsonPath full = path;
    if (in_string) return full;  // no location inside a string
    for (auto& s : split_path(p)) full.push_back(std::move(s));
    return full;
  };
  const iam::ParseResult result = iam::parse_policy(*doc);
  for (const iam::PolicyError& e : result.errors) {
    if (behind_intrinsic(*doc, split_path(e.path))) continue;
    ctx.add(at(e.path), "policy-grammar", e.message);
  }
  auto statements = doc->is_object() ? doc->find("Statement") : doc->end();
  if (!doc->is_object() || statements == doc->end() || !intrinsic_name(*statements).empty()) return;
  const bool one = statements->is_object();
  const std::size_t n = one ? 1 : statements->is_array() ? statements->size() : 0;
  for (std::size_t i = 0; i < n; ++i) {
    const nlohmann::json& s = one ? *statements : (*statements)[i];
    if (!s.is_object() || has_intrinsic_statement(s)) continue;
    const std::string where = one ? "Statement" : "Statement/" + std::to_string(i);
    const bool principal = s.contains("Principal") || s.contains("NotPrincipal");
    const bool resource = s.contains("Resource") || s.contains("NotResource");
    if (kind == PolicyKind::identity && principal) {
      ctx.add(at(where + (s.contains("Principal") ? "/Principal" : "/NotPrincipal")), "policy-principal",
              "an identity policy must not name a Principal; the principal is whoever the policy is attached to");
    } else if ((kind == PolicyKind::trust || kind == PolicyKind::resource) && !principal) {
      ctx.add(at(where), "policy-principal",
              std::string(kind == PolicyKind::trust ? "a trust policy" : "a resource policy") + " statement needs a Principal");
    }
    if (kind == PolicyKind::identity && !resource) {
      ctx.add(at(where), "policy-principal", "an identity policy statement needs a Resource or NotResource");
    } else if (kind == PolicyKind::trust && resource) {
      ctx.add(at(where + (s.contains("Resource") ? "/Resource" : "/NotResource")), "policy-principal",
              "a trust policy must not name a Resource; the resource is the role itself");
    }
  }
}

}  // namespace validate_policies

void check_policies(const Context& ctx) {
  using namespace validate_policies;
  const auto* resources = ctx.section("Resources");
  if (!resources) return;
  for (const auto& [id, type] : ctx.resource_types) {
    if (!ctx.in_focus(id)) continue;
    for (const PolicyProperty& pp : kPolicyProperties) {
      if (pp.type != type) continue;
      const auto& res = resources->at(id);
      auto props = res.find("Properties");
      if (props == res.end() || !props->is_object()) break;
      auto value = props->find(std::string(pp.property));
      if (value == props->end()) continue;
      JsonPath path{"Resources", id, "Properties", std::string(pp.property)};
      if (pp.property != "Policies") {
        check_document(ctx, *value, pp.kind, path);
        continue;
      }
      if (!value->is_array()) continue;  // type-mismatch
      for (std::size_t i = 0; i < value->size(); ++i) {
        const auto& policy = (*value)[i];
        if (!policy.is_object() || !intrinsic_name(policy).empty()) continue;
        auto doc = policy.find("PolicyDocument");
        if (doc == policy.end()) continue;  // required-property
        JsonPath p = path;
        p.push_back(std::to_string(i));
        p.push_back("PolicyDocument");
        check_document(ctx, *doc, pp.kind, p);
      }
    }
  }
}

}  // namespace aip::cfn::detail
