// Property values compared key by key; how each list is compared.
#include <algorithm>
#include <set>

#include "diff/values.hpp"

namespace aip::diff {

namespace {

bool is_intrinsic(const Json& v) {
  if (!v.is_object() || v.size() != 1) return false;
  const std::string& k = v.begin().key();
  return k == "Ref" || k == "Condition" || k.rfind("Fn::", 0) == 0;
}

const std::set<std::string>& unordered_everywhere() {
  // Lists that are sets wherever they appear: the service stores them
  // without order (security group ids, managed policy attachments), or
  // CloudFormation ignores their order (DependsOn).
  static const std::set<std::string> names = {"ManagedPolicyArns", "SecurityGroupIds", "VpcSecurityGroupIds",
                                              "DependsOn"};
  return names;
}

bool starts_with(const Path& path, const Path& prefix) {
  return path.size() >= prefix.size() && std::equal(prefix.begin(), prefix.end(), path.begin());
}

}  // namespace

ListMode DiffContext::list_mode(const Path& path) const {
  using K = ListMode::Kind;
  if (path.empty()) return {};
  const std::string& last = path.back();
  if (unordered_everywhere().count(last)) return {K::Unordered, ""};
  if (path.size() == 2 && path[0] == "Properties") {
    // Tags: AWS keeps them as a map; the list form is keyed by Key.
    if (last == "Tags") return {K::Keyed, "Key"};
    // EC2 security group rules are a set: order means nothing to EC2.
    if (resource_type == "AWS::EC2::SecurityGroup" && (last == "SecurityGroupIngress" || last == "SecurityGroupEgress")) {
      return {K::Unordered, ""};
    }
    // Inline policies are identified by name.
    if (last == "Policies" && (resource_type == "AWS::IAM::Role" || resource_type == "AWS::IAM::User" ||
                               resource_type == "AWS::IAM::Group")) {
      return {K::Keyed, "PolicyName"};
    }
    // Attachments of a policy: sets of roles, users, groups.
    if ((last == "Roles" || last == "Users" || last == "Groups") &&
        (resource_type == "AWS::IAM::Policy" || resource_type == "AWS::IAM::ManagedPolicy")) {
      return {K::Unordered, ""};
    }
  }
  // Inside an IAM policy document every list is a set: statements (IAM
  // decisions never depend on their order) and the action, resource,
  // principal and condition value lists of a statement.
  for (const Path& doc : documents) {
    if (starts_with(path, doc) && path.size() > doc.size()) return {K::Unordered, ""};
  }
  return {};
}

void diff_values(const Json& old_v, const Json& new_v, const Path& path, const DiffContext& ctx,
                 std::vector<ValueChange>& out) {
  using Op = ValueChange::Op;
  if (old_v.is_null() && new_v.is_null()) return;
  if (cfn_equal(old_v, new_v)) return;
  if (old_v.is_null()) {
    out.push_back({Op::Added, path, nullptr, new_v, {}, {}});
    return;
  }
  if (new_v.is_null()) {
    out.push_back({Op::Removed, path, old_v, nullptr, {}, {}});
    return;
  }
  if (old_v.is_object() && new_v.is_object() && !is_intrinsic(old_v) && !is_intrinsic(new_v)) {
    std::set<std::string> keys;
    for (const auto& [k, v] : old_v.items()) keys.insert(k);
    for (const auto& [k, v] : new_v.items()) keys.insert(k);
    for (const auto& k : keys) {
      Path p = path;
      p.push_back(k);
      const Json& a = old_v.contains(k) ? old_v[k] : Json();
      const Json& b = new_v.contains(k) ? new_v[k] : Json();
      diff_values(a, b, p, ctx, out);
    }
    return;
  }
  if (old_v.is_array() && new_v.is_array()) {
    diff_lists(old_v, new_v, path, ctx, out);
    return;
  }
  out.push_back({Op::Changed, path, old_v, new_v, {}, {}});
}

}  // namespace aip::diff
