// AIP-CLS-001: a role's identity policy reaches data classified above the
// role's clearance (tag aip:clearance; without it, the lowest level).
#include <fmt/format.h>

#include "lint/rules/classification_levels.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace cls_role_clearance {

using namespace classification_levels;

// The roles a document's permissions land on: the role itself, or the Roles
// of an AWS::IAM::Policy / ManagedPolicy.
std::vector<ResourceRef> roles_of(const Context& ctx, const PolicyDoc& d) {
  std::vector<ResourceRef> out;
  if (d.owner.type() == "AWS::IAM::Role") {
    out.push_back(d.owner);
    return out;
  }
  const Json* roles = member(d.owner.properties(), "Roles");
  if (roles == nullptr || !roles->is_array()) return out;
  for (const Json& r : *roles) {
    if (auto role = ctx.resolve(*d.owner.tmpl, r); role && role->type() == "AWS::IAM::Role") out.push_back(*role);
  }
  return out;
}

void check(Context& ctx) {
  const std::map<std::string, int> ranks = level_ranks(ctx);
  if (ranks.empty()) return;
  const std::vector<NamedResource> named = named_classified(ctx);
  for (const PolicyDoc& d : policy_documents(ctx)) {
    if (d.kind != PolicyKind::identity) continue;
    std::vector<ResourceRef> roles = roles_of(ctx, d);
    if (roles.empty()) continue;
    for (std::size_t i = 0; i < d.policy.statements.size(); ++i) {
      if (d.policy.statements[i].effect != iam::Effect::Allow) continue;
      Path path = d.statement_path(i);
      const Json* statement = value_at(*d.owner.json, path);
      if (statement == nullptr || !statement->is_object()) continue;
      const Json* resources = member(*statement, "Resource");
      if (resources == nullptr) continue;
      std::vector<ResourceRef> reached;
      collect_classified(ctx, *d.owner.tmpl, *resources, named, reached);
      for (const ResourceRef& role : roles) {
        std::string clearance = tag_value(role, spec::kClearanceTag);
        // A clearance of a level no key or spec ranks cannot be compared: not judged.
        std::optional<int> known = clearance.empty() ? std::optional<int>(0) : rank_of(ranks, clearance);
        if (!known) continue;
        const int cleared = *known;
        for (const ResourceRef& data : reached) {
          std::string level = tag_value(data, spec::kClassificationTag);
          std::optional<int> rank = rank_of(ranks, level);
          if (!rank || *rank <= cleared) continue;
          path.push_back("Resource");
          ctx.report(d.owner, path,
                     fmt::format("{} may use {} (classified '{}'), but the role is {}: a role reaches only data of "
                                 "its clearance or below",
                                 role.display(), data.display(), level,
                                 clearance.empty() ? "cleared for the lowest level only (no aip:clearance tag)"
                                                   : fmt::format("cleared for '{}'", clearance)))
              .note(ctx.locate(data, {}), fmt::format("{} is classified '{}' here", data.display(), level));
          path.pop_back();
        }
      }
    }
  }
}

}  // namespace cls_role_clearance

const Rule& rule_cls_role_clearance() {
  static const Rule rule{
      {"AIP-CLS-001", "Role granted data above its clearance", Severity::error,
       {"classification", "iam", "hipaa", "pci-dss", "gdpr", "iso27001", "nist-800-53", "soc2", "sox"},
       "Data classification (seed 003: public, internal, confidential, restricted) only protects data if the "
       "workloads that reach a level are the ones cleared for it. A role whose identity policy names a resource of "
       "a higher classification than its clearance (tag aip:clearance; without one, the lowest level) can read or "
       "write data it was never approved for: a reporting function with `clearance: internal` granted the "
       "restricted patient bucket, or its key. aip tags classified resources and their level's KMS key with "
       "aip:classification and roles with aip:clearance; the rule follows Ref, Fn::GetAtt, Fn::ImportValue, Fn::Sub "
       "and ARNs by name.",
       "Give the workload the clearance it needs (`clearance: LEVEL` on the function, service or iam role) if it "
       "is approved for that data; otherwise remove the grant, or give it a copy of the data at its level."},
      &cls_role_clearance::check};
  return rule;
}

}  // namespace aip::lint
