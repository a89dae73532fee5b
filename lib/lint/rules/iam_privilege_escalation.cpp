// AIP-IAM-005: a principal's permissions complete a privilege-escalation path
// of the catalogue (data/escalation-paths.json, iam/escalation.hpp).
#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "iam/escalation.hpp"
#include "iam/evaluate.hpp"
#include "iam/wildcard.hpp"
#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace iam_privilege_escalation {

using Key = std::pair<const Template*, std::string>;

// The documents that make up one principal's effective permissions.
struct Principal {
  std::vector<const PolicyDoc*> identity;
  const PolicyDoc* boundary = nullptr;
};

void add_resource_docs(const Context& ctx, const ResourceRef& r, PolicyKind kind, std::vector<const PolicyDoc*>& out) {
  for (const PolicyDoc* d : ctx.policies().of(r)) {
    if (d->kind == kind && std::find(out.begin(), out.end(), d) == out.end()) out.push_back(d);
  }
}

std::vector<const Json*> items(const Json* v) {
  std::vector<const Json*> out;
  if (v == nullptr) return out;
  if (v->is_array()) {
    for (const Json& e : *v) out.push_back(&e);
  } else {
    out.push_back(v);
  }
  return out;
}

std::map<Key, Principal> principals(const Context& ctx) {
  std::map<Key, Principal> out;
  // Policies a principal attaches through ManagedPolicyArns are not principals of their own.
  std::set<Key> attached_by_arn;
  for (const char* type : {"AWS::IAM::Role", "AWS::IAM::User", "AWS::IAM::Group"}) {
    for (const ResourceRef& r : ctx.resources(type)) {
      for (const Json* v : items(member(r.properties(), "ManagedPolicyArns"))) {
        if (auto policy = ctx.resolve(*r.tmpl, *v)) attached_by_arn.insert({policy->tmpl, policy->logical_id});
      }
    }
  }
  // Policies attached from the policy's side: AWS::IAM::Policy / ManagedPolicy Roles, Users, Groups.
  for (const PolicyDoc& d : policy_documents(ctx)) {
    if (d.kind != PolicyKind::identity) continue;
    std::string type = d.owner.type();
    if (type == "AWS::IAM::Role" || type == "AWS::IAM::User" || type == "AWS::IAM::Group") {
      out[{d.owner.tmpl, d.owner.logical_id}].identity.push_back(&d);
      continue;
    }
    bool attached = false;
    for (const char* key : {"Roles", "Users", "Groups", "RoleName", "UserName", "GroupName"}) {
      for (const Json* v : items(member(d.owner.properties(), key))) {
        if (auto p = ctx.resolve(*d.owner.tmpl, *v)) {
          auto& list = out[{p->tmpl, p->logical_id}].identity;
          if (std::find(list.begin(), list.end(), &d) == list.end()) list.push_back(&d);
          attached = true;
        }
      }
    }
    if (!attached && attached_by_arn.count({d.owner.tmpl, d.owner.logical_id}) == 0) {
      out[{d.owner.tmpl, d.owner.logical_id}].identity.push_back(&d);
    }
  }
  // From the principal's side: ManagedPolicyArns, a user's Groups, the PermissionsBoundary.
  for (const char* type : {"AWS::IAM::Role", "AWS::IAM::User", "AWS::IAM::Group"}) {
    for (const ResourceRef& r : ctx.resources(type)) {
      Principal& p = out[{r.tmpl, r.logical_id}];
      for (const Json* v : items(member(r.properties(), "ManagedPolicyArns"))) {
        if (auto policy = ctx.resolve(*r.tmpl, *v)) add_resource_docs(ctx, *policy, PolicyKind::identity, p.identity);
      }
      if (std::string(type) == "AWS::IAM::User") {
        for (const Json* v : items(member(r.properties(), "Groups"))) {
          if (auto group = ctx.resolve(*r.tmpl, *v)) {
            add_resource_docs(ctx, *group, PolicyKind::identity, p.identity);
            auto it = out.find({group->tmpl, group->logical_id});
            if (it != out.end()) {
              for (const PolicyDoc* d : it->second.identity) {
                if (std::find(p.identity.begin(), p.identity.end(), d) == p.identity.end()) p.identity.push_back(d);
              }
            }
          }
        }
      }
      if (const Json* b = member(r.properties(), "PermissionsBoundary")) {
        if (auto policy = ctx.resolve(*r.tmpl, *b)) {
          std::vector<const PolicyDoc*> docs;
          add_resource_docs(ctx, *policy, PolicyKind::boundary, docs);
          if (!docs.empty()) p.boundary = docs.front();
        }
      }
    }
  }
  return out;
}

// "*" and "service:*" are AIP-IAM-001's finding; here they would make every
// path of every admin role a second error.
iam::Policy without_full_wildcards(const iam::Policy& policy) {
  iam::Policy out = policy;
  for (iam::Statement& s : out.statements) {
    if (s.effect != iam::Effect::Allow || !s.action) continue;
    std::vector<std::string> kept;
    for (const std::string& a : *s.action) {
      if (!is_full_wildcard(a)) kept.push_back(a);
    }
    s.action = kept;  // an empty list matches nothing and keeps the statement's index
  }
  return out;
}

bool may_grant(const iam::Statement& s, const std::string& action) {
  if (s.effect != iam::Effect::Allow) return false;
  if (s.action) {
    for (const std::string& a : *s.action) {
      if (iam::action_matches(a, action)) return true;
    }
    return false;
  }
  if (s.not_action) {
    for (const std::string& a : *s.not_action) {
      if (iam::action_matches(a, action)) return false;
    }
    return true;
  }
  return false;
}

struct Grant {
  std::string action;
  const PolicyDoc* doc = nullptr;
  std::size_t statement = 0;
};

class Evaluator {
 public:
  Evaluator(const Context& ctx, const Template& t, const Principal& p, const std::string& name) : principal_(p) {
    pseudo_ = template_request(t);
    // The evaluator needs concrete values; a template file's account and region are placeholders.
    if (t.account_id.empty()) pseudo_.account_id = "123456789012";
    if (t.region.empty()) pseudo_.region = "us-east-1";
    resolver_ = resource_resolver(ctx, t, pseudo_);
    // The documents as written: the evaluator resolves their intrinsics itself, with the
    // concrete account and region above (PolicyDoc::policy reads an unknown account as
    // the text "${AWS::AccountId}", which would not match them).
    for (std::size_t i = 0; i < p.identity.size(); ++i) {
      set_.identity.push_back({std::to_string(i), without_full_wildcards(p.identity[i]->written)});
    }
    if (p.boundary != nullptr) set_.boundary = iam::NamedPolicy{"boundary", p.boundary->written};
    principal_arn_ = fmt::format("arn:{}:iam::{}:role/{}", pseudo_.partition, pseudo_.account_id, name);
  }

  // The statement that lets the principal take this step, if one does.
  std::optional<Grant> step(const iam::EscalationStep& step) const {
    iam::Request req = pseudo_;
    req.principal = principal_arn_;
    req.resource_account = pseudo_.account_id;
    for (const auto& [k, v] : step.context) req.context[k] = {v};
    const std::string probe = iam::policy_value_text(Json{{"Fn::Sub", step.resource}}, pseudo_).value_or("*");
    for (const std::string& action : step.actions) {
      req.action = action;
      for (std::size_t d = 0; d < set_.identity.size(); ++d) {
        for (const iam::Statement& s : set_.identity[d].policy.statements) {
          if (!may_grant(s, action)) continue;
          std::vector<std::optional<std::string>> candidates;
          if (s.resource) {
            for (const Json& v : *s.resource) candidates.push_back(iam::policy_value_text(v, pseudo_, resolver_));
          } else {
            candidates.push_back(std::string("*"));  // NotResource: what it leaves out is for the evaluator
          }
          for (const auto& c : candidates) {
            if (!c) continue;  // cannot be known: no finding
            if (step.wildcard_only && c->find('*') == std::string::npos) continue;
            req.resource = *c == "*" ? probe : *c;
            bool defeated = false;
            for (const std::string& d2 : step.defeated_by) defeated = defeated || iam::arn_matches(d2, req.resource);
            if (defeated) continue;
            const iam::Evaluation ev = iam::evaluate(set_, req, resolver_);
            if (ev.decision != iam::Decision::Allow || !ev.by) continue;
            const std::size_t doc = std::stoul(ev.by->policy);
            return Grant{action, principal_.identity[doc], ev.by->index};
          }
        }
      }
    }
    return std::nullopt;
  }

 private:
  const Principal& principal_;
  iam::Request pseudo_;
  iam::Resolver resolver_;
  iam::PolicySet set_;
  std::string principal_arn_;
};

void check(Context& ctx) {
  for (const auto& [key, principal] : principals(ctx)) {
    if (principal.identity.empty()) continue;
    auto owner = ctx.find(*key.first, key.second);
    std::string name = key.second;
    if (owner) {
      for (const char* k : {"RoleName", "UserName", "GroupName"}) {
        if (const Json* n = member(owner->properties(), k); n != nullptr && n->is_string()) name = n->get<std::string>();
      }
    }
    const Evaluator eval(ctx, *key.first, principal, name);
    std::vector<std::string> found;
    std::vector<Grant> grants;
    for (const iam::EscalationPath& path : iam::escalation_paths()) {
      std::vector<Grant> steps;
      for (const iam::EscalationStep& s : path.requires_) {
        auto g = eval.step(s);
        if (!g) break;
        steps.push_back(*g);
      }
      if (steps.size() != path.requires_.size()) continue;
      std::string actions;
      for (const Grant& g : steps) actions += fmt::format("{}{}", actions.empty() ? "" : " + ", g.action);
      found.push_back(fmt::format("{} ({}: {})", path.name, path.id, actions));
      grants.insert(grants.end(), steps.begin(), steps.end());
    }
    if (found.empty()) continue;
    std::string text;
    for (const std::string& f : found) text += fmt::format("{}{}", text.empty() ? "" : "; ", f);
    const Grant& at = grants.front();
    Path path = at.doc->statement_path(at.statement);
    path.push_back("Action");
    Finding& f = ctx.report(at.doc->owner, path,
                            fmt::format("{} can escalate its own privileges: {}",
                                        owner ? owner->display() : key.second, text));
    // Each enabling statement once, with the actions it allows.
    std::map<std::pair<const PolicyDoc*, std::size_t>, std::set<std::string>> by_statement;
    std::vector<std::pair<const PolicyDoc*, std::size_t>> order;
    for (const Grant& g : grants) {
      auto k = std::make_pair(g.doc, g.statement);
      if (by_statement.find(k) == by_statement.end()) order.push_back(k);
      by_statement[k].insert(g.action);
    }
    for (const auto& k : order) {
      if (k.first == at.doc && k.second == at.statement) continue;  // the finding's own place
      std::string actions;
      for (const std::string& a : by_statement[k]) actions += fmt::format("{}{}", actions.empty() ? "" : ", ", a);
      Path p = k.first->statement_path(k.second);
      p.push_back("Action");
      f.note(ctx.locate(k.first->owner, p), fmt::format("{} allowed here", actions));
    }
  }
}

}  // namespace iam_privilege_escalation

const Rule& rule_iam_privilege_escalation() {
  static const Rule rule{
      {"AIP-IAM-005", "Privilege escalation path", Severity::error,
       {"iam", "nist-800-53", "pci-dss", "soc2", "iso27001"},
       "Some IAM permissions let a principal give itself more permissions: creating or switching policy versions, "
       "attaching or writing policies, creating access keys or console passwords for other users, rewriting a "
       "role's trust policy, joining a group; iam:PassRole together with the actions that run code under the "
       "passed role (a Lambda function created and invoked, an EC2 instance, a Glue job or development endpoint, "
       "a CloudFormation stack or change set, a CodeBuild project and build, an ECS task definition and task or "
       "service, SageMaker notebooks, training and processing jobs, App Runner, Data Pipeline); and taking over "
       "an existing resource's role without PassRole (lambda:UpdateFunctionCode, glue:UpdateDevEndpoint, "
       "ssm:SendCommand / StartSession, ec2-instance-connect:SendSSHPublicKey). Each path of aip's catalogue "
       "(Rhino Security Labs' 21, pathfinding.cloud and cloudsplaining) is evaluated over the principal's "
       "effective permissions: all its identity policies, within its permissions boundary, with Deny, "
       "NotAction, NotResource and conditions honoured (iam:PassedToService is the path's service; other "
       "conditions that cannot be known make a grant not count). A path counts only when every step is allowed; "
       "the standalone IAM actions only on resources with wildcards, and policy versions not on AWS managed "
       "policies, which nobody can change.",
       "Remove the permission from workload roles; keep IAM administration in a separate, tightly held role. Scope "
       "iam:PassRole to specific roles and services (AIP-IAM-004), the IAM actions to specific ARNs, and the "
       "actions that start code to the resources the workload owns."},
      &iam_privilege_escalation::check};
  return rule;
}

}  // namespace aip::lint
