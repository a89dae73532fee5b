// AIP-IAM-012: a role's restriction (`deny:` in the spec) that its own Allow
// statements grant. lib/plan writes each restriction's probes (requests it must
// refuse) into the role's Metadata aip.restrictions; this rule evaluates them
// with lib/iam against the role's policies, so it works on a spec and on any
// template that carries the Metadata (aip synth output).
#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <utility>

#include <fmt/format.h>

#include "iam/action_catalog.hpp"
#include "iam/evaluate.hpp"
#include "iam/wildcard.hpp"
#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"
#include "spec/spec.hpp"

namespace aip::lint {

namespace iam_restriction_granted {

struct Probe {
  std::string action;
  std::string resource;
  std::map<std::string, std::string> resource_tags;
};

struct Restriction {
  std::size_t index = 0;  // in Metadata aip.restrictions, and in the spec's `deny:` list
  std::string name;
  std::vector<Probe> probes;
};

// Probes evaluated per role at most: aip writes a few per restriction; a
// hand-made template with thousands must not make lint quadratic.
constexpr std::size_t kMaxProbes = 256;

std::vector<Restriction> restrictions_of(const ResourceRef& role) {
  std::vector<Restriction> out;
  std::size_t budget = kMaxProbes;
  const Json* list = member_path(*role.json, {"Metadata", "aip", "restrictions"});
  if (list == nullptr || !list->is_array()) return out;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const Json& entry = (*list)[i];
    Restriction r;
    r.index = i;
    if (const Json* n = member(entry, "name"); n != nullptr && n->is_string()) r.name = n->get<std::string>();
    const Json* probes = member(entry, "probes");
    if (probes == nullptr || !probes->is_array()) continue;
    for (const Json& p : *probes) {
      if (budget == 0) break;
      const Json* action = member(p, "action");
      const Json* resource = member(p, "resource");
      if (action == nullptr || !action->is_string() || resource == nullptr || !resource->is_string()) continue;
      Probe probe{action->get<std::string>(), resource->get<std::string>(), {}};
      if (const Json* tags = member(p, "resource_tags"); tags != nullptr && tags->is_object()) {
        for (const auto& [k, v] : tags->items()) {
          if (v.is_string()) probe.resource_tags[k] = v.get<std::string>();
        }
      }
      r.probes.push_back(std::move(probe));
      --budget;
    }
    if (!r.probes.empty()) out.push_back(std::move(r));
  }
  return out;
}

// The policies that decide what a role may do: its inline policies, the
// managed policies of its template it attaches (ManagedPolicyArns, or an
// AWS::IAM::Policy / ManagedPolicy naming it in Roles), and its boundary.
// Policies outside the template (AWS managed ones) cannot be evaluated.
iam::PolicySet role_policies(const Context& ctx, const ResourceRef& role) {
  iam::PolicySet set;
  const PolicyCache& policies = ctx.policies();
  const Json& props = role.properties();
  for (const PolicyDoc* d : policies.of(role)) {
    if (d->kind == PolicyKind::trust) continue;  // says who may assume the role, grants it nothing
    const Json* name = d->site.policy_name;
    set.identity.push_back({name != nullptr && name->is_string() ? name->get<std::string>() : "inline", d->policy});
  }
  std::set<std::string> attached;
  if (const Json* list = member(props, "ManagedPolicyArns"); list != nullptr && list->is_array()) {
    for (const Json& ref : *list) {
      if (auto target = ctx.resolve(*role.tmpl, ref); target && target->tmpl == role.tmpl) {
        attached.insert(target->logical_id);
      }
    }
  }
  for (const ResourceRef& r : ctx.resources()) {
    if (r.tmpl != role.tmpl) continue;
    const std::string type = r.type();
    if (type != "AWS::IAM::Policy" && type != "AWS::IAM::ManagedPolicy" && type != "AWS::IAM::RolePolicy") continue;
    bool names_role = attached.count(r.logical_id) > 0;
    if (const Json* roles = member(r.properties(), "Roles"); roles != nullptr && roles->is_array()) {
      for (const Json& v : *roles) names_role = names_role || Context::referenced_id(v) == role.logical_id;
    }
    if (const Json* v = member(r.properties(), "RoleName"); v != nullptr) {
      names_role = names_role || Context::referenced_id(*v) == role.logical_id;
    }
    if (!names_role) continue;
    for (const PolicyDoc* d : policies.of(r)) set.identity.push_back({r.logical_id, d->policy});
  }
  if (const Json* b = member(props, "PermissionsBoundary")) {
    if (auto target = ctx.resolve(*role.tmpl, *b)) {
      for (const PolicyDoc* d : policies.of(*target)) {
        if (d->site.path != Path{"PolicyDocument"}) continue;  // a policy resource's own document
        set.boundary = iam::NamedPolicy{target->logical_id + " (boundary)", d->policy};
      }
    }
  }
  return set;
}

iam::Policy only(const iam::Policy& p, iam::Effect effect) {
  iam::Policy out;
  out.version = p.version;
  for (const iam::Statement& s : p.statements) {
    if (s.effect == effect) out.statements.push_back(s);
  }
  return out;
}

iam::Request request_for(const Template& t, const Probe& p) {
  iam::Request req;
  req.action = p.action;
  req.resource = p.resource;
  req.resource_tags = p.resource_tags;
  req.account_id = t.account_id;
  req.region = t.region;
  return req;
}

// Whether the role's Deny statements take away everything `s` grants for the
// resource entries that match the probe: every action of `s` (expanded with
// the catalog), on each such entry as written (its wildcards included), is
// denied with certainty. Then `s` grants nothing there but what the Deny
// removes: the spec asks for access and forbids it at once. A Deny that only
// carves part out (prod endpoints of all endpoints, one of many actions) or
// applies only under a condition is a restriction working as meant.
// Per role: whether the Deny takes back all of statement S on resource entry E.
using DeadCache = std::map<std::pair<const iam::Statement*, std::string>, bool>;

bool dead_grant(const iam::Statement& s, const Probe& p, const iam::PolicySet& denies, const Template& t,
                DeadCache& cache) {
  if (!s.action || !s.resource || s.not_action || s.not_resource) return false;
  std::vector<std::string> entries;
  for (const Json& v : *s.resource) {
    if (v.is_string() && iam::arn_matches(v.get<std::string>(), p.resource)) entries.push_back(v.get<std::string>());
  }
  if (entries.empty()) return false;
  for (const std::string& entry : entries) {
    auto [it, fresh] = cache.try_emplace({&s, entry}, true);
    if (fresh) {
      std::set<std::string> actions;
      for (const std::string& pattern : *s.action) {
        std::vector<std::string> expanded = iam::ActionCatalog::embedded().expand(pattern);
        if (expanded.empty()) expanded.push_back(pattern);
        actions.insert(expanded.begin(), expanded.end());
      }
      for (const std::string& action : actions) {
        iam::Evaluation ev = iam::evaluate(denies, request_for(t, Probe{action, entry, {}}));
        if (ev.decision != iam::Decision::ExplicitDeny || ev.conservative) {
          it->second = false;
          break;
        }
      }
    }
    if (!it->second) return false;
  }
  return true;
}

struct Problem {
  Severity severity = Severity::warning;
  std::string message;
  std::optional<iam::StatementRef> granted_by;  // the statement of the first probe granted
};

// What is wrong with one restriction of one role, if anything.
std::optional<Problem> check_restriction(const ResourceRef& role, const std::string& role_name, const Restriction& r,
                                         const iam::PolicySet& set, DeadCache& cache) {
  const Template& t = *role.tmpl;
  // Error: the role's complete policies allow a probe.
  std::vector<std::string> allowed;
  std::optional<iam::StatementRef> first_by;
  for (const Probe& p : r.probes) {
    iam::Evaluation ev = iam::evaluate(set, request_for(t, p));
    if (ev.decision == iam::Decision::Allow) {
      if (!first_by) first_by = ev.by;
      allowed.push_back(fmt::format("{} on {} (allowed by {})", p.action, p.resource, ev.by ? ev.by->describe() : "?"));
    }
  }
  if (!allowed.empty()) {
    return Problem{Severity::error,
                   fmt::format("restriction '{}' does not hold: role {} may {}{}", r.name, role_name, allowed.front(),
                               allowed.size() > 1 ? fmt::format(", and {} more of its probes", allowed.size() - 1)
                                                  : std::string()),
                   first_by};
  }
  // Warning: an Allow statement grants a probe and the Deny takes all of it back.
  iam::PolicySet denies;
  for (const iam::NamedPolicy& p : set.identity) denies.identity.push_back({p.name, only(p.policy, iam::Effect::Deny)});
  if (set.boundary) denies.identity.push_back({set.boundary->name, only(set.boundary->policy, iam::Effect::Deny)});
  std::optional<iam::NamedPolicy> boundary_allows;
  if (set.boundary) boundary_allows = iam::NamedPolicy{set.boundary->name, only(set.boundary->policy, iam::Effect::Allow)};
  iam::PolicySet one;  // one Allow statement at a time, under the boundary's Allows
  one.identity.resize(1);
  one.boundary = boundary_allows;
  std::vector<std::string> granted;
  std::optional<iam::StatementRef> first_grant;
  for (const Probe& p : r.probes) {
    for (const iam::NamedPolicy& np : set.identity) {
      bool found = false;
      for (std::size_t i = 0; i < np.policy.statements.size() && !found; ++i) {
        const iam::Statement& s = np.policy.statements[i];
        if (s.effect != iam::Effect::Allow || !s.action) continue;
        if (std::none_of(s.action->begin(), s.action->end(),
                         [&](const std::string& a) { return iam::action_matches(a, p.action); })) {
          continue;
        }
        one.identity[0].name = np.name;
        one.identity[0].policy.version = np.policy.version;
        one.identity[0].policy.statements.assign(1, s);
        if (iam::evaluate(one, request_for(t, p)).decision != iam::Decision::Allow) continue;
        if (!dead_grant(s, p, denies, t, cache)) continue;
        iam::StatementRef ref{np.name, s.sid, i};
        if (!first_grant) first_grant = ref;
        granted.push_back(fmt::format("{} on {} (statement {})", p.action, p.resource, ref.describe()));
        found = true;
      }
      if (found) break;
    }
  }
  if (granted.empty()) return std::nullopt;
  return Problem{Severity::warning,
                 fmt::format("role {} is granted what its restriction '{}' forbids: {}{}; only the explicit Deny "
                             "keeps it out",
                             role_name, r.name, granted.front(),
                             granted.size() > 1 ? fmt::format(", and {} more of its probes", granted.size() - 1)
                                                : std::string()),
                 first_grant};
}

// Where a statement of the role's policies is written: the role's inline
// policy of that name, or the policy resource of that logical id (the names
// role_policies gives). A note at that place shows the grant. nullopt when it
// is neither (the boundary).
std::optional<Location> statement_location(const Context& ctx, const ResourceRef& role, const iam::StatementRef& ref) {
  auto in_document = [&](const ResourceRef& owner, Path path, const Json& doc) {
    const Json* statements = member(doc, "Statement");
    path.push_back("Statement");
    if (statements != nullptr && statements->is_array()) path.push_back(std::to_string(ref.index));
    return ctx.locate(owner, path);
  };
  if (const Json* list = member(role.properties(), "Policies"); list != nullptr && list->is_array()) {
    for (std::size_t i = 0; i < list->size(); ++i) {
      const Json* doc = member((*list)[i], "PolicyDocument");
      const Json* name = member((*list)[i], "PolicyName");
      const std::string written = name != nullptr && name->is_string() ? name->get<std::string>() : "inline";
      if (doc != nullptr && written == ref.policy) {
        return in_document(role, {"Properties", "Policies", std::to_string(i), "PolicyDocument"}, *doc);
      }
    }
  }
  if (auto policy = ctx.find(*role.tmpl, ref.policy)) {
    if (const Json* doc = member(policy->properties(), "PolicyDocument")) {
      return in_document(*policy, {"Properties", "PolicyDocument"}, *doc);
    }
  }
  return std::nullopt;
}

Diagnostic grant_note(const Context& ctx, const ResourceRef& role, const Problem& problem) {
  std::optional<Location> where = statement_location(ctx, role, *problem.granted_by);
  return Diagnostic{Severity::note, where.value_or(Location{}),
                    fmt::format("statement {} grants it", problem.granted_by->describe()), {}};
}

// The spec element of a restriction: the role rendered from `role`, its
// `deny:` entry number `index`.
const spec::Restriction* spec_restriction(const spec::Spec& spec, const Location& provenance, std::size_t index) {
  for (const spec::IamRole& r : spec.iam.roles) {
    if (r.location.file == provenance.file && r.location.line == provenance.line &&
        r.location.column == provenance.column) {
      return index < r.permissions.deny.size() ? &r.permissions.deny[index] : nullptr;
    }
  }
  return nullptr;
}

void check(Context& ctx) {
  // Spec findings go to the restriction's line, once for a role rendered into
  // several accounts (the others become notes). Reported at the end: report()
  // may move earlier findings.
  struct AtSpec {
    Location where;
    Problem problem;
    std::string resource;
    std::vector<Diagnostic> notes;
  };
  std::vector<AtSpec> at_spec;
  for (const ResourceRef& role : ctx.resources("AWS::IAM::Role")) {
    std::vector<Restriction> restrictions = restrictions_of(role);
    if (restrictions.empty()) continue;
    const iam::PolicySet set = role_policies(ctx, role);
    DeadCache cache;
    std::string role_name = role.logical_id;
    if (const Json* n = member(role.properties(), "RoleName"); n != nullptr && n->is_string()) {
      role_name = n->get<std::string>();
    }
    for (const Restriction& r : restrictions) {
      std::optional<Problem> problem = check_restriction(role, role_name, r, set, cache);
      if (!problem) continue;
      const spec::Restriction* written = nullptr;
      if (ctx.spec() != nullptr && role.tmpl->stack != nullptr) {
        written = spec_restriction(*ctx.spec(), ctx.locate(role, {}), r.index);
      }
      if (written == nullptr) {
        Finding& f = ctx.report(role, {"Metadata", "aip", "restrictions", std::to_string(r.index)},
                                problem->message, problem->severity);
        if (problem->granted_by) f.notes.push_back(grant_note(ctx, role, *problem));
        continue;
      }
      const Diagnostic note{Severity::note, Location{},
                            fmt::format("in rendered resource {} ({})", role.display(), role.type()), {}};
      auto same = std::find_if(at_spec.begin(), at_spec.end(), [&](const AtSpec& a) {
        return a.where.line == written->location.line && a.where.column == written->location.column &&
               a.problem.severity == problem->severity;
      });
      if (same != at_spec.end()) {
        same->notes.push_back(note);
        continue;
      }
      at_spec.push_back({written->location, *problem, role.display(), {note}});
      if (problem->granted_by) at_spec.back().notes.push_back(grant_note(ctx, role, *problem));
    }
  }
  for (AtSpec& a : at_spec) {
    Finding& f = ctx.report_at(a.where, a.problem.message);
    f.severity = a.problem.severity;
    f.resource = a.resource;
    f.notes = std::move(a.notes);
  }
}

}  // namespace iam_restriction_granted

const Rule& rule_iam_restriction_granted() {
  static const Rule rule{
      {"AIP-IAM-012", "A role's restriction is granted by its own Allow statements", Severity::error,
       {"iam", "nist-800-53", "soc2", "iso27001"},
       "A restriction (`deny:` on a persona, GitHub or cross-account role, e.g. training-data on AppDeveloperRole, "
       "seed 001) must refuse its probe requests (templates/iam/restrictions.json; for buckets: listing each "
       "bucket, reading and writing its objects). aip synth writes them into the role's Metadata "
       "(aip.restrictions), and this rule evaluates them with lib/iam against the role's inline policies, the "
       "managed policies of the template it attaches and its permissions boundary (AWS managed policies and "
       "resource policies are not part of it; unknown condition values never widen access). Error: the "
       "complete policies allow a probe, so the restriction does not hold (its Deny was edited out or narrowed). "
       "Warning: an Allow statement grants a probe and the role's Deny statements take back everything that "
       "statement grants there (every action of it on the resource it names, with certainty): the spec asks for "
       "access and forbids it at once (buckets: {read: [bronze]} with deny: [training-data]), and only the "
       "explicit Deny keeps the role out. A restriction that carves part out of a broader grant (prod endpoints "
       "out of all endpoints, training out of SageMaker development, or a Deny under a condition) is working "
       "as meant and is not reported. In a spec the finding is at the restriction; in a template at the "
       "role's Metadata entry.",
       "Decide which the spec means: drop the grant (the bucket from buckets.read, the intent) or the "
       "restriction. In a template, restore the restriction's Deny statements (aip synth renders them into the "
       "role's `restrictions` policy)."},
      &iam_restriction_granted::check};
  return rule;
}

}  // namespace aip::lint
