// IAM statement changes, like `cdk diff`'s security table: every statement
// added to or removed from an identity policy (roles, users, groups, IAM
// policies), a trust policy or a resource policy (buckets, queues, topics,
// keys, event buses, Lambda permissions ...), compared in canonical form so
// reformatting is not a change, and a verdict on each: an added Allow that no
// existing Allow already covers, or a removed Deny that no remaining Deny
// covers, broadens access.
#include <algorithm>
#include <map>
#include <set>

#include "diff/analysis.hpp"
#include "iam/policy.hpp"
#include "iam/wildcard.hpp"

namespace aip::diff {

namespace {

struct Located {
  std::string resource;
  std::string type;
  std::string label;
  bool trust = false;
  iam::Statement statement;
  std::string key;     // resource, label, target and canonical statement
  std::string target;  // what a standalone resource policy applies to ("!Ref QueueB"); "" otherwise
};

// The property naming what a standalone resource policy is attached to: the
// same document on another queue, topic or bucket grants access to that one.
const char* policy_target_property(const std::string& type) {
  if (type == "AWS::SQS::QueuePolicy") return "Queues";
  if (type == "AWS::SNS::TopicPolicy") return "Topics";
  if (type == "AWS::S3::BucketPolicy") return "Bucket";
  if (type == "AWS::SQS::QueueInlinePolicy") return "Queue";
  if (type == "AWS::SNS::TopicInlinePolicy") return "TopicArn";
  return nullptr;
}

// One entry per target ("" when the type has none or the property is absent).
std::vector<std::string> policy_targets(const std::string& type, const Json& props) {
  const char* property = policy_target_property(type);
  if (property == nullptr || !props.is_object() || !props.contains(property)) return {""};
  const Json& value = props[property];
  std::vector<std::string> out;
  if (value.is_array()) {
    for (const auto& v : value) out.push_back(text(v));
  } else {
    out.push_back(text(value));
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  if (out.empty()) out.push_back("");
  return out;
}

void add_document(const std::string& id, const std::string& type, const std::string& label, bool trust, const Json& doc,
                  std::vector<Located>& out, const std::vector<std::string>& targets = {""}) {
  auto parsed = iam::parse_policy(doc);
  if (!parsed.ok()) return;
  for (auto& s : iam::canonical(parsed.policy).statements) {
    for (const std::string& target : targets) {
      std::string key = id + "\x1f" + label + "\x1f" + target + "\x1f" + iam::render_statement(s).dump();
      out.push_back({id, type, label, trust, s, std::move(key), target});
    }
  }
}

// A Lambda permission is one resource-policy statement on the function.
Json lambda_permission_document(const Json& p) {
  Json statement = {{"Effect", "Allow"}};
  if (p.contains("Action")) statement["Action"] = p["Action"];
  if (p.contains("FunctionName")) statement["Resource"] = p["FunctionName"];
  if (p.contains("Principal")) {
    const Json& who = p["Principal"];
    const bool service = who.is_string() && who.get<std::string>().find(".amazonaws.com") != std::string::npos;
    statement["Principal"] = who.is_string() && who.get<std::string>() == "*" ? Json("*") : Json{{service ? "Service" : "AWS", who}};
  }
  Json condition = Json::object();
  if (p.contains("SourceArn")) condition["ArnLike"]["aws:SourceArn"] = p["SourceArn"];
  if (p.contains("SourceAccount")) condition["StringEquals"]["aws:SourceAccount"] = p["SourceAccount"];
  if (p.contains("PrincipalOrgID")) condition["StringEquals"]["aws:PrincipalOrgID"] = p["PrincipalOrgID"];
  if (!condition.empty()) statement["Condition"] = condition;
  return {{"Version", "2012-10-17"}, {"Statement", Json::array({statement})}};
}

std::vector<Located> statements_of(const Json& resources) {
  std::vector<Located> out;
  for (const auto& [id, r] : resources.items()) {
    if (!r.is_object() || !r.contains("Type") || !r["Type"].is_string()) continue;
    const std::string type = r["Type"].get<std::string>();
    const Json props = r.contains("Properties") ? r["Properties"] : Json::object();
    const std::vector<std::string> targets = policy_targets(type, props);
    for (const auto& d : policy_documents(type, props)) {
      if (d.single_statement) {
        add_document(id, type, d.label, d.trust,
                     {{"Version", "2012-10-17"}, {"Statement", Json::array({*d.document})}}, out, targets);
      } else {
        add_document(id, type, d.label, d.trust, *d.document, out, targets);
      }
    }
    if (type == "AWS::Lambda::Permission" && props.is_object()) {
      add_document(id, type, "Permission", false, lambda_permission_document(props), out);
    }
  }
  return out;
}

// ------------------------------------------------------------ coverage

bool value_covered(const Json& inner, const std::vector<Json>& outer, bool arn) {
  for (const auto& o : outer) {
    if (cfn_equal(o, inner)) return true;
    if (o.is_string() && o.get<std::string>() == "*") return true;
    if (o.is_string() && inner.is_string()) {
      const auto& p = o.get_ref<const std::string&>();
      const auto& v = inner.get_ref<const std::string&>();
      if (arn ? iam::arn_matches(p, v) : iam::glob_match(p, v)) return true;
    }
  }
  return false;
}

bool principals_covered(const std::optional<iam::Principals>& inner, const std::optional<iam::Principals>& outer) {
  if (!outer) return !inner;
  if (!inner) return false;
  if (outer->any) return true;
  if (inner->any) return false;
  for (const auto& [kind, values] : inner->by_kind) {
    auto it = outer->by_kind.find(kind);
    if (it == outer->by_kind.end()) return false;
    for (const auto& v : values) {
      if (!value_covered(v, it->second, kind == "AWS")) return false;
    }
  }
  return true;
}

bool actions_covered(const iam::Statement& inner, const iam::Statement& outer) {
  if (inner.not_action || outer.not_action) return inner.not_action == outer.not_action && inner.action == outer.action;
  if (!inner.action || !outer.action) return !inner.action && !outer.action;
  for (const auto& a : *inner.action) {
    bool ok = std::any_of(outer.action->begin(), outer.action->end(),
                          [&](const std::string& p) { return iam::action_matches(p, a); });
    if (!ok) return false;
  }
  return true;
}

bool resources_covered(const iam::Statement& inner, const iam::Statement& outer) {
  if (inner.not_resource || outer.not_resource) {
    return inner.not_resource == outer.not_resource && inner.resource == outer.resource;
  }
  if (!outer.resource) return true;
  if (!inner.resource) return value_covered(Json("*"), *outer.resource, true);
  for (const auto& r : *inner.resource) {
    if (!value_covered(r, *outer.resource, true)) return false;
  }
  return true;
}

bool subset(const std::vector<Json>& a, const std::vector<Json>& b) {
  return std::all_of(a.begin(), a.end(), [&](const Json& x) {
    return std::any_of(b.begin(), b.end(), [&](const Json& y) { return cfn_equal(x, y); });
  });
}

// Whether every request `inner`'s conditions admit, `outer`'s admit too.
bool conditions_covered(const iam::Conditions& inner, const iam::Conditions& outer) {
  for (const auto& [op, keys] : outer) {
    auto it = inner.find(op);
    if (it == inner.end()) return false;
    const bool negated = op.find("Not") != std::string::npos;
    const bool listy = op.find("String") != std::string::npos || op.find("Arn") != std::string::npos ||
                       op.find("IpAddress") != std::string::npos;
    for (const auto& [key, values] : keys) {
      auto k = it->second.find(key);
      if (k == it->second.end()) return false;
      const auto& mine = k->second;
      if (negated ? !subset(values, mine) : listy ? !subset(mine, values) : !(subset(mine, values) && subset(values, mine))) {
        return false;
      }
    }
  }
  return true;
}

// Every request `inner` applies to, `outer` applies to as well.
bool covered(const iam::Statement& inner, const iam::Statement& outer) {
  return inner.effect == outer.effect && principals_covered(inner.principal, outer.principal) &&
         inner.not_principal == outer.not_principal && actions_covered(inner, outer) &&
         resources_covered(inner, outer) && conditions_covered(inner.condition, outer.condition);
}

bool shares_action(const iam::Statement& a, const iam::Statement& b) {
  if (!a.action || !b.action) return false;
  for (const auto& x : *a.action) {
    if (std::find(b.action->begin(), b.action->end(), x) != b.action->end()) return true;
  }
  return false;
}

// ------------------------------------------------------------ rendering

std::vector<std::string> principal_text(const std::optional<iam::Principals>& p, const char* prefix) {
  std::vector<std::string> out;
  if (!p) return out;
  if (p->any) out.push_back(std::string(prefix) + "*");
  for (const auto& [kind, values] : p->by_kind) {
    for (const auto& v : values) out.push_back(std::string(prefix) + kind + ":" + text(v));
  }
  return out;
}

IamStatementChange describe(const Located& l, bool added) {
  IamStatementChange c;
  c.added = added;
  c.resource = l.resource;
  c.resource_type = l.type;
  c.property = l.label;
  c.target = l.target;
  const iam::Statement& s = l.statement;
  c.effect = iam::to_string(s.effect);
  c.principals = principal_text(s.principal, "");
  for (auto& p : principal_text(s.not_principal, "NOT ")) c.principals.push_back(p);
  if (s.action) c.actions = *s.action;
  if (s.not_action) {
    for (const auto& a : *s.not_action) c.actions.push_back("NOT " + a);
  }
  if (s.resource) {
    for (const auto& r : *s.resource) c.resources.push_back(text(r));
  }
  if (s.not_resource) {
    for (const auto& r : *s.not_resource) c.resources.push_back("NOT " + text(r));
  }
  if (l.trust && c.resources.empty()) c.resources.push_back("(assume role " + l.resource + ")");
  for (const auto& [op, keys] : s.condition) {
    for (const auto& [key, values] : keys) {
      std::string line = op + " " + key + " =";
      for (std::size_t i = 0; i < values.size(); ++i) line += (i ? ", " : " ") + text(values[i]);
      c.conditions.push_back(line);
    }
  }
  return c;
}

// Statements of one group are compared for coverage: a resource policy's
// statements on one target do not cover the same statements on another.
std::string group_of(const Located& l) {
  return l.resource + (l.trust ? "\x1ftrust" : "\x1fpermissions") + "\x1f" + l.target;
}

void managed_policy_changes(StackDiff& sd, const Json& old_resources, const Json& new_resources) {
  // (principal, policy) pairs: a role's ManagedPolicyArns, and an IAM policy's Roles / Users / Groups.
  const auto pairs = [](const Json& resources) {
    std::set<std::pair<std::string, std::string>> out;
    for (const auto& [id, r] : resources.items()) {
      if (!r.is_object() || !r.contains("Properties") || !r["Properties"].is_object()) continue;
      const std::string type = resource_type(r);
      const Json& p = r["Properties"];
      if ((type == "AWS::IAM::Role" || type == "AWS::IAM::User" || type == "AWS::IAM::Group") &&
          p.contains("ManagedPolicyArns") && p["ManagedPolicyArns"].is_array()) {
        for (const auto& arn : p["ManagedPolicyArns"]) out.insert({id, text(arn)});
      }
      if (type == "AWS::IAM::Policy" || type == "AWS::IAM::ManagedPolicy") {
        for (const char* list : {"Roles", "Users", "Groups"}) {
          if (!p.contains(list) || !p[list].is_array()) continue;
          for (const auto& who : p[list]) {
            std::string target = referenced_id(who);
            out.insert({target.empty() ? text(who) : target, id});
          }
        }
      }
    }
    return out;
  };
  auto before = pairs(old_resources);
  for (const auto& r : sd.renames) {
    std::set<std::pair<std::string, std::string>> mapped;
    for (auto [who, policy] : before) {
      if (who == r.from) who = r.to;
      if (policy == r.from) policy = r.to;
      mapped.insert({who, policy});
    }
    before = std::move(mapped);
  }
  const auto after = pairs(new_resources);
  for (const auto& [who, policy] : after) {
    if (!before.count({who, policy})) sd.managed_policies.push_back({true, who, policy, true});
  }
  for (const auto& [who, policy] : before) {
    if (!after.count({who, policy})) sd.managed_policies.push_back({false, who, policy, false});
  }
}

}  // namespace

void collect_iam_changes(StackDiff& sd, const Json& old_resources, const Json& new_resources) {
  std::vector<Located> before = statements_of(old_resources);
  // The old side seen through the likely renames: a renamed role with the
  // same statements is not an IAM change.
  for (auto& l : before) {
    for (const auto& r : sd.renames) {
      if (l.resource != r.from) continue;
      l.key = r.to + l.key.substr(l.resource.size());
      l.resource = r.to;
    }
  }
  const std::vector<Located> after = statements_of(new_resources);
  std::set<std::string> before_keys, after_keys;
  for (const auto& l : before) before_keys.insert(l.key);
  for (const auto& l : after) after_keys.insert(l.key);
  std::vector<const Located*> added, removed;
  for (const auto& l : after) {
    if (!before_keys.count(l.key)) added.push_back(&l);
  }
  for (const auto& l : before) {
    if (!after_keys.count(l.key)) removed.push_back(&l);
  }

  for (const Located* l : added) {
    IamStatementChange c = describe(*l, true);
    const iam::Statement& s = l->statement;
    if (s.effect == iam::Effect::Allow) {
      bool already = std::any_of(before.begin(), before.end(), [&](const Located& o) {
        return group_of(o) == group_of(*l) && covered(s, o.statement);
      });
      if (already) {
        c.why = "already allowed by an existing statement";
      } else {
        c.broadens = true;
        c.why = "new Allow";
        const bool moved = !l->target.empty() && std::any_of(before.begin(), before.end(), [&](const Located& o) {
          return o.resource == l->resource && o.trust == l->trust && o.target != l->target && covered(s, o.statement);
        });
        if (moved) c.why = "new target " + l->target + ": the policy now grants access to it";
        for (const Located* r : removed) {
          if (moved) break;
          if (group_of(*r) != group_of(*l) || r->statement.effect != iam::Effect::Allow) continue;
          if (covered(r->statement, s)) {
            const bool same_scope = principals_covered(s.principal, r->statement.principal) &&
                                    actions_covered(s, r->statement) && resources_covered(s, r->statement);
            c.why = same_scope ? "drops or loosens a condition" : "widens an existing Allow";
            break;
          }
          if (shares_action(s, r->statement)) c.why = "widens an existing Allow";
        }
      }
    } else {
      c.why = "adds a Deny";
    }
    sd.iam.push_back(std::move(c));
  }
  for (const Located* l : removed) {
    IamStatementChange c = describe(*l, false);
    const iam::Statement& s = l->statement;
    if (s.effect == iam::Effect::Deny) {
      bool still = std::any_of(after.begin(), after.end(), [&](const Located& n) {
        return group_of(n) == group_of(*l) && covered(s, n.statement);
      });
      c.broadens = !still;
      c.why = still ? "still denied by another statement" : "removes a Deny";
    } else {
      c.why = "removes an Allow";
    }
    sd.iam.push_back(std::move(c));
  }
  managed_policy_changes(sd, old_resources, new_resources);
}

}  // namespace aip::diff
