// AIP-IAM-005: privilege-escalation actions and combinations granted to one principal.
#include <map>

#include <fmt/format.h>

#include "iam/wildcard.hpp"
#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace iam_privilege_escalation {

// Each lets a principal raise its own permissions on its own.
const char* const kEscalation[] = {
    "iam:CreatePolicyVersion", "iam:SetDefaultPolicyVersion", "iam:AttachUserPolicy",  "iam:AttachGroupPolicy",
    "iam:AttachRolePolicy",    "iam:PutUserPolicy",           "iam:PutGroupPolicy",    "iam:PutRolePolicy",
    "iam:CreateAccessKey",     "iam:CreateLoginProfile",      "iam:UpdateLoginProfile", "iam:UpdateAssumeRolePolicy",
    "iam:AddUserToGroup"};
// With iam:PassRole, each runs code (or a stack) with a passed role.
const char* const kPassRoleTargets[] = {"lambda:CreateFunction",   "ec2:RunInstances",        "ecs:RegisterTaskDefinition",
                                        "glue:CreateDevEndpoint",  "cloudformation:CreateStack", "codebuild:CreateProject",
                                        "sagemaker:CreateNotebookInstance"};

bool broad(const iam::Statement& s) {
  if (!s.resource) return false;
  for (const Json& r : *s.resource) {
    if (!r.is_string()) continue;  // an intrinsic names one resource
    if (r.get<std::string>().find('*') != std::string::npos) return true;
  }
  return false;
}

struct Grant {
  const PolicyDoc* doc;
  std::size_t statement;
};

void check(Context& ctx) {
  const std::vector<PolicyDoc>& docs = policy_documents(ctx);
  // Principal (template, logical id) -> its identity policy documents.
  std::map<std::pair<const Template*, std::string>, std::vector<const PolicyDoc*>> by_principal;
  for (const PolicyDoc& d : docs) {
    if (d.kind != PolicyKind::identity) continue;
    std::string type = d.owner.type();
    if (type == "AWS::IAM::Role" || type == "AWS::IAM::User" || type == "AWS::IAM::Group") {
      by_principal[{d.owner.tmpl, d.owner.logical_id}].push_back(&d);
      continue;
    }
    bool attached = false;
    for (const char* key : {"Roles", "Users", "Groups", "RoleName", "UserName", "GroupName"}) {
      const Json* list = member(d.owner.properties(), key);
      if (list == nullptr) continue;
      std::vector<const Json*> items;
      if (list->is_array()) {
        for (const Json& v : *list) items.push_back(&v);
      } else {
        items.push_back(list);
      }
      for (const Json* v : items) {
        if (auto p = ctx.resolve(*d.owner.tmpl, *v)) {
          by_principal[{p->tmpl, p->logical_id}].push_back(&d);
          attached = true;
        }
      }
    }
    if (!attached) by_principal[{d.owner.tmpl, d.owner.logical_id}].push_back(&d);
  }

  for (const auto& [principal, list] : by_principal) {
    std::map<std::string, Grant> granted;  // action -> first statement granting it
    for (const PolicyDoc* d : list) {
      for (std::size_t i = 0; i < d->policy.statements.size(); ++i) {
        const iam::Statement& s = d->policy.statements[i];
        if (s.effect != iam::Effect::Allow || !s.action) continue;
        for (const std::string& pattern : *s.action) {
          if (is_full_wildcard(pattern)) continue;  // AIP-IAM-001
          for (const char* a : kEscalation) {
            if (broad(s) && iam::action_matches(pattern, a)) granted.try_emplace(a, Grant{d, i});
          }
          for (const char* a : kPassRoleTargets) {
            if (iam::action_matches(pattern, a)) granted.try_emplace(a, Grant{d, i});
          }
          if (iam::action_matches(pattern, "iam:PassRole")) granted.try_emplace("iam:PassRole", Grant{d, i});
        }
      }
    }
    std::vector<std::string> found;
    const Grant* at = nullptr;
    for (const char* a : kEscalation) {
      if (auto it = granted.find(a); it != granted.end()) {
        found.push_back(a);
        if (at == nullptr) at = &it->second;
      }
    }
    if (auto pass = granted.find("iam:PassRole"); pass != granted.end()) {
      for (const char* a : kPassRoleTargets) {
        if (auto it = granted.find(a); it != granted.end()) {
          found.push_back(fmt::format("iam:PassRole with {}", a));
          if (at == nullptr) at = &it->second;
        }
      }
    }
    if (found.empty()) continue;
    std::string text;
    for (const std::string& f : found) text += fmt::format("{}{}", text.empty() ? "" : ", ", f);
    Path path = at->doc->statement_path(at->statement);
    path.push_back("Action");
    auto owner = ctx.find(*principal.first, principal.second);
    ctx.report(at->doc->owner, path,
               fmt::format("{} can escalate its own privileges: {}", owner ? owner->display() : principal.second,
                           text));
  }
}

}  // namespace iam_privilege_escalation

const Rule& rule_iam_privilege_escalation() {
  static const Rule rule{
      {"AIP-IAM-005", "Privilege escalation path", Severity::error,
       {"iam", "nist-800-53", "pci-dss", "soc2", "iso27001"},
       "Some IAM permissions let a principal give itself more permissions: creating or switching policy versions, "
       "attaching or writing policies, creating access keys or console passwords for other users, rewriting a "
       "role's trust policy, joining a group. iam:PassRole together with an action that runs code under a passed "
       "role (lambda:CreateFunction, ec2:RunInstances, ecs:RegisterTaskDefinition, glue:CreateDevEndpoint, "
       "cloudformation:CreateStack, codebuild:CreateProject, sagemaker:CreateNotebookInstance) has the same "
       "effect. All identity policies of one role, user or group are considered together. The standalone IAM "
       "actions count when granted on resources with wildcards.",
       "Remove the permission from workload roles; keep IAM administration in a separate, tightly held role. Scope "
       "iam:PassRole to specific roles and services (AIP-IAM-004), and the IAM actions to specific ARNs."},
      &iam_privilege_escalation::check};
  return rule;
}

}  // namespace aip::lint
