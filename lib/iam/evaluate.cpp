// The decision procedure, after AWS's policy evaluation logic, reduced to the
// policy types aip renders: identity policies, a permissions boundary and
// resource policies. SCPs, session policies and RCPs are not modelled.
#include "iam/evaluate.hpp"

#include <algorithm>
#include <cctype>
#include <fmt/format.h>

#include "iam/eval_context.hpp"
#include "iam/wildcard.hpp"

namespace aip::iam {

namespace {

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

bool is_account_principal(const std::string& v) {
  return v.size() == 12 ? !arn_account(v).empty() : v.starts_with("arn:") && v.ends_with(":root");
}

Tri principal_value(const std::string& kind, const std::string& v, const Request& r) {
  if (v == "*") return Tri::Yes;
  if (kind == "AWS") {
    if (is_account_principal(v)) return tri(arn_account(v) == arn_account(r.principal));
    return tri(v == r.principal || v == principal_arn(r.principal));
  }
  if (kind == "Service") return tri(iequals(v, r.principal));
  return tri(v == r.principal);  // Federated, CanonicalUser
}

Tri principals(const Principals& p, const EvalContext& ctx) {
  if (p.any) return Tri::Yes;
  Tri out = Tri::No;
  for (const auto& [kind, values] : p.by_kind) {
    for (const auto& v : values) {
      const auto s = ctx.value(v);
      out = tri_or(out, s ? principal_value(kind, *s, ctx.request()) : Tri::Unknown);
    }
  }
  return out;
}

Tri actions(const std::vector<std::string>& patterns, const std::string& action) {
  for (const auto& p : patterns) {
    if (action_matches(p, action)) return Tri::Yes;
  }
  return Tri::No;
}

Tri resources(const std::vector<Json>& patterns, const EvalContext& ctx) {
  Tri out = Tri::No;
  for (const auto& v : patterns) {
    const auto s = ctx.value(v);
    out = tri_or(out, s ? tri(arn_matches(*s, ctx.request().resource)) : Tri::Unknown);
  }
  return out;
}

Tri statement(const Statement& s, const EvalContext& ctx, bool resource_policy) {
  Tri t = Tri::Yes;
  if (resource_policy && s.principal) t = tri_and(t, principals(*s.principal, ctx));
  if (resource_policy && s.not_principal) t = tri_and(t, tri_not(principals(*s.not_principal, ctx)));
  if (s.action) t = tri_and(t, actions(*s.action, ctx.request().action));
  if (s.not_action) t = tri_and(t, tri_not(actions(*s.not_action, ctx.request().action)));
  if (t == Tri::No) return t;
  if (s.resource) t = tri_and(t, resources(*s.resource, ctx));
  if (s.not_resource) t = tri_and(t, tri_not(resources(*s.not_resource, ctx)));
  if (t == Tri::No) return t;
  return tri_and(t, evaluate_conditions(s.condition, ctx));
}

// What one policy says about the request.
struct Findings {
  std::optional<StatementRef> deny;
  bool deny_unknown = false;  // the recorded deny applied only through an unknown
  std::optional<StatementRef> allow;
  std::vector<StatementRef> undecided;
};

void scan(const NamedPolicy& np, const Request& r, const Resolver& resolver, bool resource_policy, Findings& f,
          Findings* allows) {
  const EvalContext ctx(r, resolver, np.policy.version == "2012-10-17");
  for (std::size_t i = 0; i < np.policy.statements.size(); ++i) {
    const Statement& s = np.policy.statements[i];
    const Tri t = statement(s, ctx, resource_policy);
    if (t == Tri::No) continue;
    StatementRef ref{np.name, s.sid, i};
    if (s.effect == Effect::Deny) {
      // A certain Deny is the better explanation than an assumed one.
      if (!f.deny || (f.deny_unknown && t == Tri::Yes)) {
        f.deny = ref;
        f.deny_unknown = t == Tri::Unknown;
      }
    } else if (t == Tri::Yes) {
      if (!allows->allow) allows->allow = ref;
    } else {
      f.undecided.push_back(ref);
    }
  }
}

}  // namespace

std::string StatementRef::describe() const {
  return sid.empty() ? fmt::format("{}/Statement/{}", policy, index) : fmt::format("{}/{}", policy, sid);
}

const char* to_string(Decision d) {
  switch (d) {
    case Decision::Allow: return "Allow";
    case Decision::ImplicitDeny: return "ImplicitDeny";
    case Decision::ExplicitDeny: return "ExplicitDeny";
  }
  return "?";
}

Evaluation evaluate(const PolicySet& set, const Request& r, const Resolver& resolver) {
  Findings all, identity, boundary, resource;
  for (const auto& p : set.identity) scan(p, r, resolver, false, all, &identity);
  if (set.boundary) scan(*set.boundary, r, resolver, false, all, &boundary);
  for (const auto& p : set.resource) scan(p, r, resolver, true, all, &resource);

  Evaluation ev;
  ev.undecided = all.undecided;
  if (all.deny) {
    ev.decision = Decision::ExplicitDeny;
    ev.by = all.deny;
    ev.conservative = all.deny_unknown;
    ev.reason = fmt::format("{} on {} is denied by {}{}", r.action, r.resource, all.deny->describe(),
                            all.deny_unknown ? " (it may not apply: some of it could not be evaluated)" : "");
    return ev;
  }
  const std::string principal_account = arn_account(r.principal);
  const std::string resource_account = r.resource_account.empty() ? arn_account(r.resource) : r.resource_account;
  const bool cross_account =
      !principal_account.empty() && !resource_account.empty() && principal_account != resource_account;
  // Conservatively the boundary caps resource-policy grants too (AWS exempts
  // grants naming an IAM user or a role session directly).
  const bool boundary_ok = !set.boundary || boundary.allow;
  const auto deny = [&](std::string reason) {
    ev.decision = Decision::ImplicitDeny;
    ev.reason = std::move(reason);
    return ev;
  };
  const auto allow = [&](const StatementRef& by, std::string reason) {
    ev.decision = Decision::Allow;
    ev.by = by;
    ev.reason = std::move(reason);
    return ev;
  };

  if (!identity.allow && !resource.allow) {
    return deny(fmt::format("no statement allows {} on {}", r.action, r.resource));
  }
  if (!boundary_ok) {
    const StatementRef& by = identity.allow ? *identity.allow : *resource.allow;
    return deny(fmt::format("{} allows {} but the permissions boundary {} does not", by.describe(), r.action,
                            set.boundary->name));
  }
  if (cross_account) {
    if (!identity.allow) {
      return deny(fmt::format("cross-account: {} allows {} but no identity policy of the principal does",
                              resource.allow->describe(), r.action));
    }
    if (!resource.allow) {
      return deny(fmt::format("cross-account: {} allows {} but no resource policy of account {} does",
                              identity.allow->describe(), r.action, resource_account));
    }
    return allow(*identity.allow, fmt::format("allowed by {} and {}", identity.allow->describe(),
                                              resource.allow->describe()));
  }
  const StatementRef& by = identity.allow ? *identity.allow : *resource.allow;
  return allow(by, fmt::format("allowed by {}", by.describe()));
}

}  // namespace aip::iam
