// Checks of the `search:` area across elements and areas: placement, VPC
// access, who may use each collection, collection names.
#include <algorithm>

#include <fmt/format.h>

#include "base/did_you_mean.hpp"
#include "base/pattern.hpp"
#include "spec/load.hpp"
#include "spec/placement.hpp"
#include "spec/regions.hpp"
#include "spec/tables.hpp"

namespace aip::spec {
namespace {

// Who a grant names: a role of the iam area, a function or an ECS service.
struct Grantee {
  std::string kind;  // "iam role", "function", "service"
  Placement where;
};

Placement service_placement(const Spec& spec, const Service& svc) {
  for (const EcsCluster& cl : spec.compute.clusters) {
    if (cl.name != svc.cluster.value) continue;
    if (const Vpc* vpc = spec.find_vpc(cl.vpc.value)) return place(spec, vpc->account, vpc->region);
  }
  return {};
}

void check_grantee(const Spec& spec, const SearchCollection& c, const Placement& here, const Located<std::string>& name,
                   Diagnostics& diags) {
  std::vector<Grantee> found;
  std::vector<std::string> names;
  for (const IamRole& r : spec.iam.roles) {
    names.push_back(r.name);
    if (r.name != name.value) continue;
    if (r.stackset) {
      diags.error(name.location, fmt::format("collection '{}' grants access to role '{}', which is rolled out as a "
                                             "StackSet; name a role created in account {}",
                                             c.name, r.name, here.account ? here.account->name : "?"));
      return;
    }
    bool in_account = r.accounts.empty() ? spec.accounts.size() == 1
                                         : std::any_of(r.accounts.begin(), r.accounts.end(), [&](const auto& a) {
                                             return here.account != nullptr && a.value == here.account->name;
                                           });
    Placement p = here;
    if (!in_account) p.account = nullptr;
    found.push_back({"iam role", p});
  }
  for (const Function& fn : spec.functions.items) {
    names.push_back(fn.name);
    if (fn.name == name.value) found.push_back({"function", function_placement(spec, fn)});
  }
  for (const Service& svc : spec.compute.services) {
    names.push_back(svc.name);
    if (svc.name == name.value) found.push_back({"service", service_placement(spec, svc)});
  }
  if (found.empty()) {
    diags.error(name.location, fmt::format("collection '{}' grants access to '{}', which is not a role of the iam "
                                           "area, a function or a service{}",
                                           c.name, name.value, did_you_mean(name.value, names)));
    return;
  }
  if (found.size() > 1) {
    diags.error(name.location, fmt::format("'{}' names both a {} and a {}; rename one so the grant of collection "
                                           "'{}' is unambiguous",
                                           name.value, found[0].kind, found[1].kind, c.name));
    return;
  }
  if (here.known() && found[0].where != here) {
    diags.error(name.location, fmt::format("collection '{}' ({}) grants access to {} '{}', which is not in the same "
                                           "account and region",
                                           c.name, here.str(), found[0].kind, name.value));
  }
}

void check_collection(const Spec& spec, const SearchCollection& c, Diagnostics& diags) {
  const std::string what = fmt::format("collection '{}'", c.name);
  Placement here;
  const Vpc* vpc = nullptr;
  if (!c.vpc.value.empty()) {
    vpc = spec.find_vpc(c.vpc.value);
    if (vpc == nullptr) {
      std::vector<std::string> names;
      for (const Vpc& v : spec.network.vpcs) names.push_back(v.name);
      diags.error(c.vpc.location, fmt::format("{} refers to vpc '{}', which is not defined{}", what, c.vpc.value,
                                              did_you_mean(c.vpc.value, names)));
    } else {
      here = place(spec, vpc->account, vpc->region);
    }
    if (c.public_access.value) {
      diags.error(c.public_access.location, fmt::format("{} is either reached through the endpoint in vpc '{}' or "
                                                        "public; remove one of 'vpc' and 'public'",
                                                        what, c.vpc.value));
    }
    const Located<std::string>& placed = !c.account.value.empty() ? c.account : c.region;
    if (!placed.value.empty()) {
      diags.error(placed.location, fmt::format("{} lives where its vpc '{}' lives; remove 'account' and 'region'",
                                               what, c.vpc.value));
    }
  } else {
    here = place(spec, c.account, c.region, what, c.location, diags);
    if (!c.public_access.value) {
      diags.error(c.location, fmt::format("{} needs a 'vpc' whose endpoint may reach it, or `public: true` to allow "
                                          "access from the internet on purpose",
                                          what));
    }
  }
  if (vpc != nullptr && !c.subnets.value.empty()) {
    auto tier = std::find_if(vpc->tiers.begin(), vpc->tiers.end(), [&](const Tier& t) { return t.name == c.subnets.value; });
    if (tier == vpc->tiers.end()) {
      std::vector<std::string> names;
      for (const Tier& t : vpc->tiers) names.push_back(t.name);
      diags.error(c.subnets.location, fmt::format("vpc '{}' has no tier '{}'{}", vpc->name, c.subnets.value,
                                                  did_you_mean(c.subnets.value, names)));
    } else if (tier->kind == TierKind::public_) {
      diags.error(c.subnets.location, fmt::format("the endpoint of {} belongs in a private or isolated tier, not the "
                                                  "public tier '{}'",
                                                  what, tier->name));
    }
  } else if (vpc != nullptr) {
    bool inner = std::any_of(vpc->tiers.begin(), vpc->tiers.end(), [](const Tier& t) { return t.kind != TierKind::public_; });
    if (!inner) {
      diags.error(c.vpc.location, fmt::format("vpc '{}' has no private or isolated tier for the endpoint of {}",
                                              vpc->name, what));
    }
  }
  if (!c.subnets.value.empty() && vpc == nullptr && c.vpc.value.empty()) {
    diags.error(c.subnets.location, fmt::format("'subnets' of {} needs a 'vpc'", what));
  }
  if (!c.security_group.value.empty()) {
    const SecurityGroup* sg = spec.find_security_group(c.security_group.value);
    if (c.vpc.value.empty()) {
      diags.error(c.security_group.location, fmt::format("'security_group' of {} needs a 'vpc'", what));
    } else if (sg == nullptr) {
      std::vector<std::string> names;
      for (const SecurityGroup& g : spec.network.security_groups) names.push_back(g.name);
      diags.error(c.security_group.location,
                  fmt::format("{} refers to security group '{}', which is not defined{}", what,
                              c.security_group.value, did_you_mean(c.security_group.value, names)));
    } else if (sg->vpc.value != c.vpc.value) {
      diags.error(c.security_group.location, fmt::format("security group '{}' is in vpc '{}', not in vpc '{}' of {}",
                                                         sg->name, sg->vpc.value, c.vpc.value, what));
    }
  }
  const std::string name = collection_name(spec, c);
  if (c.collection_name.value.empty() && !aoss_name().matches(name)) {
    diags.error(c.location, fmt::format("{} would be named '{}', which OpenSearch Serverless refuses (3 to 32 "
                                        "lowercase letters, digits and '-'); set 'collection_name'",
                                        what, name));
  }
  const bool vector_store = std::any_of(spec.bedrock.knowledge_bases.begin(), spec.bedrock.knowledge_bases.end(),
                                       [&](const KnowledgeBase& kb) { return kb.collection.value == c.name; });
  if (c.access.read.empty() && c.access.write.empty() && !vector_store) {
    diags.error(c.location, fmt::format("{} grants no data access: name roles under 'access: {{read: [...], write: "
                                        "[...]}}'",
                                        what));
  }
  std::vector<std::string> seen;
  for (const auto* list : {&c.access.write, &c.access.read}) {
    for (const Located<std::string>& g : *list) {
      if (std::find(seen.begin(), seen.end(), g.value) != seen.end()) {
        diags.error(g.location, fmt::format("{} names '{}' twice in 'access'; write includes read", what, g.value));
        continue;
      }
      seen.push_back(g.value);
      check_grantee(spec, c, here, g, diags);
    }
  }
}

}  // namespace

void check_search(const Spec& spec, Diagnostics& diags) {
  std::vector<std::pair<std::string, const SearchCollection*>> names;
  for (const SearchCollection& c : spec.search.collections) {
    check_collection(spec, c, diags);
    std::string name = collection_name(spec, c);
    for (const auto& [other, oc] : names) {
      if (other == name) {
        Diagnostic& d = diags.error(c.location, fmt::format("collections '{}' and '{}' would both be named '{}'",
                                                            oc->name, c.name, name));
        d.notes.push_back({Severity::note, oc->location, "first collection declared here", {}});
      }
    }
    names.emplace_back(name, &c);
  }
}

}  // namespace aip::spec
