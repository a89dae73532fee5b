#include "iam/access_check.hpp"

#include <fmt/format.h>

#include "base/arn.hpp"
#include "base/aws_regions.hpp"
#include "iam/documents.hpp"
#include "iam/eval_context.hpp"

namespace aip::iam {

namespace {

using Json = nlohmann::json;

// Lookups that tolerate any JSON shape (templates come from files too).
const Json& field(const Json& j, const char* key) {
  static const Json kNull;
  if (!j.is_object()) return kNull;
  auto it = j.find(key);
  return it == j.end() ? kNull : *it;
}
std::string text(const Json& j, const char* key) {
  const Json& v = field(j, key);
  return v.is_string() ? v.get<std::string>() : "";
}

// The policy of a resource that holds one document (a managed policy, a
// bucket policy), found through the documents table; empty when it has none.
Policy own_policy(const Json& resource) {
  std::vector<DocumentSite> sites = documents_in(text(resource, "Type"), field(resource, "Properties"));
  return sites.empty() ? Policy{} : parse_document(sites.front()).policy;
}

struct RoleMatch {
  const StackTemplate* where = nullptr;
  std::string logical_id;
  const Json* resource = nullptr;
  std::string name;
};

std::string role_name_of(const std::string& logical_id, const Json& resource) {
  std::string name = text(field(resource, "Properties"), "RoleName");
  return name.empty() ? logical_id : name;
}

// The ARN a Ref / GetAtt Arn of a resource stands for, when its name is literal.
std::optional<std::string> arn_of(const StackTemplate& t, const std::string& id) {
  const Json& r = field(field(*t.tmpl, "Resources"), id.c_str());
  if (!r.is_object()) return std::nullopt;
  const std::string type = text(r, "Type");
  const Json& props = field(r, "Properties");
  const std::string partition = aws::partition_of(t.region);
  auto literal = [&](const char* key) -> std::optional<std::string> {
    std::string v = text(props, key);
    if (v.empty()) return std::nullopt;
    return v;
  };
  if (type == "AWS::S3::Bucket") {
    if (auto n = literal("BucketName")) return aws::arn(partition, "s3", "", "", *n);
  } else if (type == "AWS::IAM::ManagedPolicy") {
    if (auto n = literal("ManagedPolicyName")) return aws::arn(partition, "iam", "", t.account_id, "policy/" + *n);
  } else if (type == "AWS::IAM::Role") {
    if (auto n = literal("RoleName")) return aws::arn(partition, "iam", "", t.account_id, "role/" + *n);
  } else if (type == "AWS::Bedrock::Guardrail") {
    // The real ARN carries an id Bedrock assigns; `aip can` names it by its Name.
    if (auto n = literal("Name")) return aws::arn(partition, "bedrock", t.region, t.account_id, "guardrail/" + *n);
  } else if (type == "AWS::Bedrock::KnowledgeBase") {
    if (auto n = literal("Name")) return aws::arn(partition, "bedrock", t.region, t.account_id, "knowledge-base/" + *n);
  }
  return std::nullopt;
}

// The ARN attributes arn_of answers for.
bool arn_attribute(const Json& name) {
  return name == "Arn" || name == "GuardrailArn" || name == "KnowledgeBaseArn";
}

// The value an export of another stack stands for, and the stack it is in.
const Json* export_value(const std::vector<StackTemplate>& all, const std::string& name, const StackTemplate** where) {
  for (const StackTemplate& t : all) {
    const Json& outputs = field(*t.tmpl, "Outputs");
    if (!outputs.is_object()) continue;
    for (const auto& [id, o] : outputs.items()) {
      if (text(field(o, "Export"), "Name") != name) continue;
      *where = &t;
      return &field(o, "Value");
    }
  }
  return nullptr;
}

Resolver resolver_for(const StackTemplate& t, const std::vector<StackTemplate>& all) {
  return [&t, &all](const Json& v) -> std::optional<std::string> {
    if (field(v, "Ref").is_string()) return arn_of(t, text(v, "Ref"));
    const Json& att = field(v, "Fn::GetAtt");
    if (att.is_array() && att.size() == 2 && att[0].is_string() && arn_attribute(att[1])) {
      return arn_of(t, att[0].get<std::string>());
    }
    if (const Json& import = field(v, "Fn::ImportValue"); import.is_string()) {
      const StackTemplate* where = nullptr;
      const Json* value = export_value(all, import.get<std::string>(), &where);
      if (value == nullptr) return std::nullopt;
      if (value->is_string()) return value->get<std::string>();
      if (field(*value, "Fn::ImportValue").is_null()) return resolver_for(*where, all)(*value);
    }
    return std::nullopt;
  };
}

// The references of a policy to resources of its own stack (and imports),
// written as the ARNs they stand for: a policy attached from another stack is
// then evaluated with the role's context alone.
void resolve_references(Json& v, const Resolver& resolve) {
  if (v.is_object()) {
    if (v.size() == 1 && (v.contains("Fn::GetAtt") || v.contains("Fn::ImportValue") ||
                          (v.contains("Ref") && v["Ref"].is_string() &&
                           v["Ref"].get_ref<const std::string&>().rfind("AWS::", 0) != 0))) {
      if (auto arn = resolve(v)) v = *arn;
      return;
    }
    for (auto& [k, item] : v.items()) resolve_references(item, resolve);
  } else if (v.is_array()) {
    for (Json& item : v) resolve_references(item, resolve);
  }
}

// Whether a `Roles` entry of an AWS::IAM::Policy in `t` names the role
// `logical_id` of `home` (a Ref in its own stack, an import of its Ref, or its name).
bool names_role(const Json& entry, const StackTemplate& t, const std::vector<StackTemplate>& all,
                const StackTemplate& home, const std::string& logical_id, const std::string& role_name) {
  if (entry.is_string()) return entry.get<std::string>() == role_name;
  if (field(entry, "Ref").is_string()) return &t == &home && text(entry, "Ref") == logical_id;
  if (const Json& import = field(entry, "Fn::ImportValue"); import.is_string()) {
    const StackTemplate* where = nullptr;
    const Json* value = export_value(all, import.get<std::string>(), &where);
    return value != nullptr && where == &home && text(*value, "Ref") == logical_id;
  }
  return false;
}


}  // namespace

AccessAnswer check_access(const std::vector<StackTemplate>& templates, const AccessQuestion& question) {
  AccessAnswer answer;
  std::vector<RoleMatch> matches;
  const bool is_arn = question.principal.rfind("arn:", 0) == 0;
  for (const StackTemplate& t : templates) {
    if (!t.principals) continue;
    const Json& resources = field(*t.tmpl, "Resources");
    if (!resources.is_object()) continue;
    for (const auto& [id, r] : resources.items()) {
      if (text(r, "Type") != "AWS::IAM::Role") continue;
      const std::string name = role_name_of(id, r);
      bool hit = is_arn ? arn_of(t, id) == question.principal : (name == question.principal || id == question.principal);
      if (hit) matches.push_back({&t, id, &r, name});
    }
  }
  if (matches.empty()) {
    answer.error = fmt::format("no role '{}' in the rendered platform", question.principal);
    return answer;
  }
  if (matches.size() > 1) {
    // The same role in several accounts: the resource's account decides.
    const std::string account = arn_account(question.request.resource);
    std::vector<RoleMatch> same;
    for (const RoleMatch& m : matches) {
      if (m.where->account_id == account) same.push_back(m);
    }
    if (same.size() != 1) {
      std::string where;
      for (const RoleMatch& m : matches) where += fmt::format(" {}", m.where->stack);
      answer.error = fmt::format("role '{}' exists in several stacks ({} ); give its ARN", question.principal, where);
      return answer;
    }
    matches = same;
  }
  const RoleMatch& role = matches.front();
  const StackTemplate& home = *role.where;
  PolicySet set;
  const Json& props = field(*role.resource, "Properties");
  for (const DocumentSite& site : documents_in("AWS::IAM::Role", props)) {
    if (site.kind != DocumentKind::identity) continue;
    std::string name = fmt::format("{}/{}.{}", home.stack, role.logical_id, site.label);
    set.identity.push_back({name, parse_document(site).policy});
    answer.policies.push_back(name);
  }
  auto managed = [&](const Json& ref) -> const Json* {
    if (!field(ref, "Ref").is_string()) return nullptr;
    const Json& r = field(field(*home.tmpl, "Resources"), text(ref, "Ref").c_str());
    return text(r, "Type") == "AWS::IAM::ManagedPolicy" ? &r : nullptr;
  };
  if (const Json& list = field(props, "ManagedPolicyArns"); list.is_array()) {
    for (const Json& ref : list) {
      if (const Json* m = managed(ref)) {
        std::string name = fmt::format("{}/{}.policy", home.stack, text(ref, "Ref"));
        set.identity.push_back({name, own_policy(*m)});
        answer.policies.push_back(name);
      }
    }
  }
  if (const Json& b = field(props, "PermissionsBoundary"); !b.is_null()) {
    if (const Json* m = managed(b)) {
      std::string name = fmt::format("{}/{}.policy (boundary)", home.stack, text(b, "Ref"));
      set.boundary = NamedPolicy{name, own_policy(*m)};
      answer.policies.push_back(name);
    }
  }
  // Policies attached to the role from outside it (AWS::IAM::Policy, in its
  // stack or another: the knowledge bases' grants; AWS::IAM::RolePolicy, the
  // one inline policy of a role it names: a raw resource's grant).
  for (const StackTemplate& t : templates) {
    const Json& resources = field(*t.tmpl, "Resources");
    if (!resources.is_object()) continue;
    for (const auto& [id, r] : resources.items()) {
      const std::string type = text(r, "Type");
      bool attached = false;
      if (type == "AWS::IAM::Policy") {
        const Json& roles = field(field(r, "Properties"), "Roles");
        if (!roles.is_array()) continue;
        for (const Json& entry : roles) attached = attached || names_role(entry, t, templates, home, role.logical_id, role.name);
      } else if (type == "AWS::IAM::RolePolicy") {
        const Json& entry = field(field(r, "Properties"), "RoleName");
        attached = !entry.is_null() && names_role(entry, t, templates, home, role.logical_id, role.name);
      }
      if (!attached) continue;
      std::string name = fmt::format("{}/{}.policy", t.stack, id);
      Json resolved = r;
      if (&t != &home) resolve_references(resolved, resolver_for(t, templates));
      set.identity.push_back({name, own_policy(resolved)});
      answer.policies.push_back(name);
    }
  }
  // A bucket's own policy takes part for S3 resources.
  const std::string& resource = question.request.resource;
  const StackTemplate* resource_home = &home;
  bool resource_policy = false;
  if (resource.find(":s3:::") != std::string::npos) {
    const std::string bucket_arn = resource.substr(0, resource.find('/'));
    for (const StackTemplate& t : templates) {
      const Json& resources = field(*t.tmpl, "Resources");
      if (!resources.is_object()) continue;
      for (const auto& [id, r] : resources.items()) {
        if (text(r, "Type") != "AWS::S3::BucketPolicy") continue;
        const Json& bp = field(r, "Properties");
        auto target = resolver_for(t, templates)(field(bp, "Bucket"));
        if (!target || *target != bucket_arn) continue;
        std::string name = fmt::format("{}/{}.policy", t.stack, id);
        set.resource.push_back({name, own_policy(r)});
        answer.policies.push_back(name);
        resource_home = &t;
        resource_policy = true;
      }
    }
  }
  // A model registry's resource policy takes part for its group and versions
  // (seed 002's cross-account registries).
  if (!resource_policy && resource.find(":sagemaker:") != std::string::npos) {
    const std::string versions = ":model-package/";
    const std::string groups = ":model-package-group/";
    std::string group;
    if (auto at = resource.find(versions); at != std::string::npos) {
      group = resource.substr(at + versions.size());
      group = group.substr(0, group.find('/'));
    } else if (auto g = resource.find(groups); g != std::string::npos) {
      group = resource.substr(g + groups.size());
    }
    for (const StackTemplate& t : templates) {
      const Json& resources = field(*t.tmpl, "Resources");
      if (group.empty() || !resources.is_object()) continue;
      for (const auto& [id, r] : resources.items()) {
        if (text(r, "Type") != "AWS::SageMaker::ModelPackageGroup") continue;
        if (text(field(r, "Properties"), "ModelPackageGroupName") != group) continue;
        if (arn_account(resource) != t.account_id) continue;
        std::string name = fmt::format("{}/{}.policy", t.stack, id);
        set.resource.push_back({name, own_policy(r)});
        answer.policies.push_back(name);
        resource_home = &t;
        resource_policy = true;
      }
    }
  }
  // A role's trust policy is the resource policy of sts:AssumeRole on it
  // (seed 002: the promotion function assumes the governance account's
  // writer). A role a StackSet lands in many accounts is found by its name.
  bool account_from_arn = false;  // a StackSet role: the account the ARN names
  if (!resource_policy && resource.find(":iam::") != std::string::npos && resource.find(":role/") != std::string::npos) {
    const std::string wanted_name = resource.substr(resource.rfind('/') + 1);
    auto add_trust = [&](const Json& role_props, const std::string& name) {
      for (const DocumentSite& site : documents_in("AWS::IAM::Role", role_props)) {
        if (site.kind != DocumentKind::trust) continue;
        set.resource.push_back({name, parse_document(site).policy});
        answer.policies.push_back(name);
        resource_policy = true;
      }
    };
    for (const StackTemplate& t : templates) {
      const Json& resources = field(*t.tmpl, "Resources");
      if (!resources.is_object()) continue;
      for (const auto& [id, r] : resources.items()) {
        if (text(r, "Type") == "AWS::IAM::Role" && arn_of(t, id) == resource) {
          add_trust(field(r, "Properties"), fmt::format("{}/{}.trust", t.stack, id));
          resource_home = &t;
        } else if (text(r, "Type") == "AWS::CloudFormation::StackSet") {
          const Json body = Json::parse(text(field(r, "Properties"), "TemplateBody"), nullptr, false);
          const Json& inner = field(body, "Resources");
          if (!inner.is_object()) continue;
          for (const auto& [inner_id, role_r] : inner.items()) {
            if (text(role_r, "Type") != "AWS::IAM::Role") continue;
            if (text(field(role_r, "Properties"), "RoleName") != wanted_name) continue;
            add_trust(field(role_r, "Properties"), fmt::format("{}/{}/{}.trust", t.stack, id, inner_id));
            account_from_arn = true;
          }
        }
      }
    }
  }
  Request request = question.request;
  answer.principal_arn = arn_of(home, role.logical_id).value_or(role.name);
  request.principal = answer.principal_arn;
  request.account_id = home.account_id;
  request.region = home.region;
  request.partition = aws::partition_of(home.region);
  if (request.resource_account.empty() && resource_policy && !account_from_arn) {
    request.resource_account = resource_home->account_id;
  }
  Resolver own = resolver_for(home, templates);
  Resolver other = resolver_for(*resource_home, templates);
  answer.evaluation = evaluate(set, request, [&](const Json& v) {
    if (auto r = own(v)) return r;
    return other(v);
  });
  return answer;
}

}  // namespace aip::iam
