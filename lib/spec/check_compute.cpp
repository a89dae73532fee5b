// Checks of the `compute:` area across elements and areas: VPCs, tiers,
// security groups, buckets, load balancers and listener rule priorities.
#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "base/did_you_mean.hpp"
#include "base/pattern.hpp"
#include "spec/load.hpp"
#include "spec/placement.hpp"
#include "spec/tables.hpp"

namespace aip::spec {
namespace {

// Environment variables a service gets from `database:`.
const std::vector<std::string> kDatabaseVariables = {"DB_HOST", "DB_PORT", "DB_NAME", "DB_USERNAME", "DB_PASSWORD",
                                                     "DB_IAM_AUTH", "DB_READ_HOST"};
const Vpc* check_vpc_ref(const Spec& spec, std::string_view kind, const std::string& name,
                         const Located<std::string>& vpc, Diagnostics& diags) {
  const Vpc* found = spec.find_vpc(vpc.value);
  if (found == nullptr && !vpc.value.empty()) {
    diags.error(vpc.location, fmt::format("{} '{}' refers to vpc '{}', which is not defined{}", kind, name, vpc.value,
                                          did_you_mean(vpc.value, names_of(spec.network.vpcs))));
  }
  return found;
}

// A tier named by an element, or the first of the wanted kind.
void check_tier(std::string_view kind, const std::string& name, const Located<std::string>& tier, const Vpc& vpc,
                bool want_public, Location where, Diagnostics& diags) {
  if (tier.value.empty()) {
    TierKind want = want_public ? TierKind::public_ : TierKind::private_;
    bool found = std::any_of(vpc.tiers.begin(), vpc.tiers.end(), [&](const Tier& t) { return t.kind == want; });
    if (!found) {
      diags.error(where, fmt::format("{} '{}' needs a {} tier in vpc '{}', or 'tier: NAME'", kind, name,
                                     want_public ? "public" : "private", vpc.name));
    }
    return;
  }
  auto t = std::find_if(vpc.tiers.begin(), vpc.tiers.end(), [&](const Tier& x) { return x.name == tier.value; });
  if (t == vpc.tiers.end()) {
    diags.error(tier.location, fmt::format("{} '{}' refers to tier '{}', which vpc '{}' does not have{}", kind, name,
                                           tier.value, vpc.name, did_you_mean(tier.value, names_of(vpc.tiers))));
  } else if (want_public && t->kind != TierKind::public_) {
    diags.error(tier.location, fmt::format("internet-facing {} '{}' needs a public tier; '{}' is {}", kind, name,
                                           tier.value, to_string(t->kind)));
  } else if (!want_public && t->kind == TierKind::public_) {
    diags.error(tier.location, fmt::format("{} '{}' must not be placed in public tier '{}'", kind, name, tier.value));
  }
}

void check_group_ref(const Spec& spec, std::string_view kind, const std::string& name,
                     const Located<std::string>& group, const std::string& vpc, Diagnostics& diags) {
  if (group.value.empty()) return;
  const SecurityGroup* sg = spec.find_security_group(group.value);
  if (sg == nullptr) {
    diags.error(group.location, fmt::format("{} '{}' refers to security group '{}', which is not defined{}", kind, name,
                                            group.value,
                                            did_you_mean(group.value, names_of(spec.network.security_groups))));
  } else if (sg->vpc.value != vpc) {
    Diagnostic& d = diags.error(group.location, fmt::format("{} '{}' (vpc '{}') cannot use security group '{}' of "
                                                            "vpc '{}'",
                                                            kind, name, vpc, sg->name, sg->vpc.value));
    d.notes.push_back({Severity::note, sg->location, "security group declared here", {}});
  }
}

// Buckets a service or load balancer uses must be in its account and region:
// aip grants access by IAM in one account, and ELB logs only to its own region.
void check_bucket_ref(const Spec& spec, std::string_view kind, const std::string& name, const Vpc& vpc,
                      const Located<std::string>& bucket, Diagnostics& diags) {
  const Bucket* b = spec.storage.find(bucket.value);
  if (b == nullptr) {
    diags.error(bucket.location, fmt::format("{} '{}' refers to bucket '{}', which is not defined{}", kind, name,
                                             bucket.value, did_you_mean(bucket.value, names_of(spec.storage.buckets))));
    return;
  }
  const Account* mine = vpc.account.value.empty() ? &spec.accounts.front() : spec.find_account(vpc.account.value);
  const Account* theirs = b->account.value.empty() ? &spec.accounts.front() : spec.find_account(b->account.value);
  if (mine == nullptr || theirs == nullptr) return;  // reported elsewhere
  std::string my_region = vpc.region.value.empty() ? mine->region.value : vpc.region.value;
  std::string their_region = b->region.value.empty() ? theirs->region.value : b->region.value;
  if (mine != theirs || my_region != their_region) {
    Diagnostic& d = diags.error(bucket.location, fmt::format("{} '{}' ({} {}) cannot use bucket '{}' in {} {}; use a "
                                                             "bucket of its own account and region",
                                                             kind, name, mine->name, my_region, b->name, theirs->name,
                                                             their_region));
    d.notes.push_back({Severity::note, b->location, "bucket declared here", {}});
  }
}

void check_load_balancer(const Spec& spec, const LoadBalancer& lb, Diagnostics& diags) {
  const Vpc* vpc = check_vpc_ref(spec, "load balancer", lb.name, lb.vpc, diags);
  if (vpc == nullptr) return;
  if (vpc->azs.value < 2) {
    diags.error(lb.vpc.location, fmt::format("load balancer '{}' needs subnets in at least 2 AZs; vpc '{}' has {}",
                                             lb.name, vpc->name, vpc->azs.value));
  }
  check_tier("load balancer", lb.name, lb.tier, *vpc, !lb.internal.value, lb.location, diags);
  check_group_ref(spec, "load balancer", lb.name, lb.security_group, lb.vpc.value, diags);
  const Account* account = spec.find_account(vpc->account.value);
  if (account == nullptr && !spec.accounts.empty() && vpc->account.value.empty()) account = &spec.accounts.front();
  if (account != nullptr && !lb.certificate.value.empty()) {
    // arn:aws:acm:REGION:ACCOUNT:certificate/ID
    std::vector<std::string> parts;
    std::string part;
    for (char c : lb.certificate.value) {
      if (c == ':') { parts.push_back(part); part.clear(); } else { part += c; }
    }
    parts.push_back(part);
    std::string region = vpc->region.value.empty() ? account->region.value : vpc->region.value;
    if (parts.size() >= 5 && parts[3] != region) {
      diags.error(lb.certificate.location, fmt::format("certificate of load balancer '{}' is in region {}; it must be "
                                                       "in the load balancer's region {}",
                                                       lb.name, parts[3], region));
    } else if (parts.size() >= 5 && parts[4] != account->id.value) {
      diags.error(lb.certificate.location, fmt::format("certificate of load balancer '{}' belongs to account {}; it "
                                                       "must be in the load balancer's account {}",
                                                       lb.name, parts[4], account->id.value));
    }
  }
  if (!lb.access_logs_bucket.value.empty()) {
    check_bucket_ref(spec, "load balancer", lb.name, *vpc, lb.access_logs_bucket, diags);
    const Bucket* b = spec.storage.find(lb.access_logs_bucket.value);
    // An existing bucket's policy is its owner's (docs/existing.md).
    if (b != nullptr && !b->existing() && std::none_of(b->receives.begin(), b->receives.end(), [](const Located<LogSource>& r) {
          return r.value == LogSource::alb_access;
        })) {
      Diagnostic& d = diags.error(lb.access_logs_bucket.location,
                                  fmt::format("bucket '{}' does not accept ALB access logs; give it `receives: "
                                              "[alb-access-logs]`",
                                              b->name));
      d.notes.push_back({Severity::note, b->location, "bucket declared here", {}});
    }
  }
}

void check_container_names(const Service& s, Diagnostics& diags) {
  std::set<std::string> reserved;
  if (!s.database.value.empty()) reserved.insert(kDatabaseVariables.begin(), kDatabaseVariables.end());
  std::map<std::string, Location> seen;
  auto note = [&](const Located<std::string>& var) {
    if (reserved.count(var.value) != 0) {
      diags.error(var.location, fmt::format("variable '{}' is set by 'database: {}'", var.value, s.database.value));
      return;
    }
    auto [it, inserted] = seen.emplace(var.value, var.location);
    if (!inserted) {
      Diagnostic& d = diags.error(var.location, fmt::format("variable '{}' is set twice", var.value));
      d.notes.push_back({Severity::note, it->second, "first set here", {}});
    }
  };
  for (const auto& [k, v] : s.app.environment) note(k);
  for (const auto& ref : s.app.secrets) note(ref.env);
}

// `deployment:`: blue-green and canary shift a load balancer's traffic, so
// they need `alb`; `canary:` belongs to the canary strategy; the alarms that
// roll a deployment back are alarms of the spec.
void check_service_deployment(const Spec& spec, const Service& s, Diagnostics& diags) {
  const std::string& strategy = s.deploy_strategy.value;
  if (strategy != "rolling" && !s.route) {
    diags.error(s.deploy_strategy.location,
                fmt::format("service '{}' deploys {}, which shifts load balancer traffic between two target groups; "
                            "give it an 'alb' route or deploy 'rolling'",
                            s.name, strategy));
  }
  if (s.canary_location.valid() && strategy != "canary") {
    diags.error(s.canary_location, fmt::format("service '{}' has 'canary' settings but deploys '{}'; set 'strategy: "
                                               "canary'",
                                               s.name, strategy));
  }
  if (s.bake_minutes.location.valid() && strategy == "rolling") {
    diags.error(s.bake_minutes.location,
                fmt::format("'bake_minutes' of service '{}' applies to blue-green and canary deployments", s.name));
  }
  std::vector<std::string> names;
  for (const Alarm& a : spec.observability.alarms) names.push_back(a.name);
  for (const Located<std::string>& alarm : s.deploy_alarms) {
    if (std::find(names.begin(), names.end(), alarm.value) == names.end()) {
      diags.error(alarm.location, fmt::format("deployment of service '{}' rolls back on alarm '{}', which is not "
                                              "defined in observability.alarms{}",
                                              s.name, alarm.value, did_you_mean(alarm.value, names)));
    }
  }
}

void check_service(const Spec& spec, const Service& s, std::map<std::pair<std::string, int>, const Service*>& priorities,
                   Diagnostics& diags) {
  const EcsCluster* cluster = spec.compute.find_cluster(s.cluster.value);
  if (cluster == nullptr) {
    if (!s.cluster.value.empty()) {
      diags.error(s.cluster.location, fmt::format("service '{}' refers to cluster '{}', which is not defined{}",
                                                  s.name, s.cluster.value,
                                                  did_you_mean(s.cluster.value, names_of(spec.compute.clusters))));
    }
    return;
  }
  const Vpc* vpc = spec.find_vpc(cluster->vpc.value);
  if (vpc != nullptr) check_tier("service", s.name, s.tier, *vpc, false, s.location, diags);
  check_group_ref(spec, "service", s.name, s.security_group, cluster->vpc.value, diags);
  check_container_names(s, diags);

  int sidecar_cpu = 0, sidecar_memory = 0;
  Location cpu_at, memory_at;  // the first sidecar that reserves any
  for (const Container& c : s.sidecars) {
    if (c.cpu) {
      sidecar_cpu += c.cpu->value;
      if (!cpu_at.valid()) cpu_at = c.cpu->location;
    }
    if (c.memory) {
      sidecar_memory += c.memory->value;
      if (!memory_at.valid()) memory_at = c.memory->location;
    }
  }
  if (sidecar_cpu >= s.cpu.value) {
    diags.error(cpu_at, fmt::format("sidecars of service '{}' reserve {} of its {} CPU units, leaving none for the "
                                    "service",
                                    s.name, sidecar_cpu, s.cpu.value));
  }
  if (sidecar_memory >= s.memory.value) {
    diags.error(memory_at, fmt::format("sidecars of service '{}' reserve {} of its {} MiB, leaving none for the service",
                                       s.name, sidecar_memory, s.memory.value));
  }

  if (!s.database.value.empty()) {
    const Database* db = spec.data.find_database(s.database.value);
    if (db == nullptr) {
      diags.error(s.database.location, fmt::format("service '{}' refers to database '{}', which is not defined{}",
                                                   s.name, s.database.value,
                                                   did_you_mean(s.database.value, names_of(spec.data.databases))));
    } else if (db->vpc.value != cluster->vpc.value) {
      Diagnostic& d = diags.error(s.database.location,
                                  fmt::format("service '{}' (vpc '{}') cannot reach database '{}' in vpc '{}'", s.name,
                                              cluster->vpc.value, db->name, db->vpc.value));
      d.notes.push_back({Severity::note, db->location, "database declared here", {}});
    }
  }
  for (const auto* list : {&s.read_buckets, &s.write_buckets}) {
    for (const auto& b : *list) {
      if (vpc != nullptr) check_bucket_ref(spec, "service", s.name, *vpc, b, diags);
    }
  }
  check_service_deployment(spec, s, diags);
  if (!s.route) return;
  const Route& r = *s.route;
  if (!s.app.port) {
    diags.error(r.location, fmt::format("service '{}' is routed from a load balancer but has no 'port'", s.name));
  }
  const LoadBalancer* lb = spec.compute.find_load_balancer(r.load_balancer.value);
  if (lb == nullptr) {
    if (!r.load_balancer.value.empty()) {
      diags.error(r.load_balancer.location,
                  fmt::format("service '{}' refers to load balancer '{}', which is not defined{}", s.name,
                              r.load_balancer.value,
                              did_you_mean(r.load_balancer.value, names_of(spec.compute.load_balancers))));
    }
    return;
  }
  if (lb->vpc.value != cluster->vpc.value) {
    Diagnostic& d = diags.error(r.load_balancer.location,
                                fmt::format("service '{}' (vpc '{}') cannot be a target of load balancer '{}' in vpc "
                                            "'{}'",
                                            s.name, cluster->vpc.value, lb->name, lb->vpc.value));
    d.notes.push_back({Severity::note, lb->location, "load balancer declared here", {}});
  }
  if (r.priority.location.valid()) {
    auto [it, inserted] = priorities.emplace(std::make_pair(lb->name, r.priority.value), &s);
    if (!inserted) {
      Diagnostic& d = diags.error(r.priority.location,
                                  fmt::format("load balancer '{}' already has a rule with priority {} (service '{}'); "
                                              "priorities must be unique per load balancer",
                                              lb->name, r.priority.value, it->second->name));
      d.notes.push_back({Severity::note, it->second->route->priority.location, "priority first used here", {}});
    }
  }
}

}  // namespace

void check_compute(const Spec& spec, Diagnostics& diags) {
  for (const EcsCluster& c : spec.compute.clusters) check_vpc_ref(spec, "cluster", c.name, c.vpc, diags);
  for (const LoadBalancer& lb : spec.compute.load_balancers) check_load_balancer(spec, lb, diags);
  std::map<std::pair<std::string, int>, const Service*> priorities;
  for (const Service& s : spec.compute.services) check_service(spec, s, priorities, diags);
}

}  // namespace aip::spec
