// Checks of the `secrets:` area: placement, database secrets, rotation, and
// the secrets that services and functions name.
#include <algorithm>
#include <map>
#include <tuple>

#include <fmt/format.h>

#include "base/did_you_mean.hpp"
#include "spec/load.hpp"
#include "spec/placement.hpp"

namespace aip::spec {
namespace check_secrets_cpp {

Placement database_placement(const Spec& spec, const Database& db) {
  if (const Vpc* vpc = spec.find_vpc(db.vpc.value)) return place(spec, vpc->account, vpc->region);
  return {};
}

Placement secret_placement(const Spec& spec, const Secret& s) {
  if (const Database* db = spec.data.find_database(s.database.value)) return database_placement(spec, *db);
  return place(spec, s.account, s.region);
}

Placement service_placement_of(const Spec& spec, const Service& svc) {
  if (const EcsCluster* cl = spec.compute.find_cluster(svc.cluster.value)) {
    if (const Vpc* vpc = spec.find_vpc(cl->vpc.value)) return place(spec, vpc->account, vpc->region);
  }
  return {};
}

void check_secret(const Spec& spec, const Secret& s, Diagnostics& diags) {
  const std::string what = fmt::format("secret '{}'", s.name);
  Placement here;
  if (!s.database.value.empty()) {
    const Database* db = spec.data.find_database(s.database.value);
    if (db == nullptr) {
      diags.error(s.database.location, fmt::format("{} refers to database '{}', which is not defined{}", what,
                                                   s.database.value,
                                                   did_you_mean(s.database.value, names_of(spec.data.databases))));
    } else {
      here = database_placement(spec, *db);
    }
    const Located<std::string>& placed = !s.account.value.empty() ? s.account : s.region;
    if (!placed.value.empty()) {
      diags.error(placed.location, fmt::format("{} lives where database '{}' lives; remove 'account' and 'region'",
                                               what, s.database.value));
    }
    if (s.rotation && !s.rotation->function.value.empty()) {
      diags.error(s.rotation->function.location,
                  fmt::format("{} is rotated by RDS (managed rotation of the master secret); remove 'function'", what));
    }
    return;
  }
  here = place(spec, s.account, s.region, what, s.location, diags);
  if (!s.rotation) return;
  const SecretRotation& r = *s.rotation;
  if (r.function.value.empty()) {
    diags.error(r.location, fmt::format("rotation of {} needs a 'function' of the spec that rotates it (only a "
                                        "database's master secret rotates without one)",
                                        what));
    return;
  }
  const Function* fn = spec.functions.find(r.function.value);
  if (fn == nullptr) {
    diags.error(r.function.location, fmt::format("{} is rotated by function '{}', which is not defined{}", what,
                                                 r.function.value,
                                                 did_you_mean(r.function.value, names_of(spec.functions.items))));
    return;
  }
  Placement there = function_placement(spec, *fn);
  if (here.known() && there.known() && here != there) {
    Diagnostic& d = diags.error(r.function.location, fmt::format("{} ({}) is rotated by function '{}' ({}); Secrets "
                                                                 "Manager invokes a function of its own account and "
                                                                 "region",
                                                                 what, here.str(), fn->name, there.str()));
    d.notes.push_back({Severity::note, fn->location, "function declared here", {}});
  }
}

// A secret a service or function names: `who` runs at `here`.
void check_reference(const Spec& spec, const std::string& who, const Placement& here, const Located<std::string>& ref,
                     Diagnostics& diags) {
  const Secret* s = spec.secrets.find(ref.value);
  if (s == nullptr) {
    diags.error(ref.location, fmt::format("{} refers to secret '{}', which is not defined{}", who, ref.value,
                                          did_you_mean(ref.value, names_of(spec.secrets.items))));
    return;
  }
  Placement there = secret_placement(spec, *s);
  if (here.known() && there.known() && here != there) {
    Diagnostic& d = diags.error(ref.location, fmt::format("{} ({}) cannot read secret '{}' ({}); use a secret of its "
                                                          "own account and region",
                                                          who, here.str(), s->name, there.str()));
    d.notes.push_back({Severity::note, s->location, "secret declared here", {}});
  }
}

}  // namespace check_secrets_cpp

void check_secrets(const Spec& spec, Diagnostics& diags) {
  using namespace check_secrets_cpp;
  std::map<std::tuple<const Account*, std::string, std::string>, const Secret*> names;
  std::map<std::string, const Secret*> databases;
  for (const Secret& s : spec.secrets.items) {
    check_secret(spec, s, diags);
    if (!s.database.value.empty()) {
      auto [it, inserted] = databases.emplace(s.database.value, &s);
      if (!inserted) {
        Diagnostic& d = diags.error(s.database.location, fmt::format("secrets '{}' and '{}' both stand for the master "
                                                                     "secret of database '{}'",
                                                                     it->second->name, s.name, s.database.value));
        d.notes.push_back({Severity::note, it->second->location, "first secret declared here", {}});
      }
      continue;
    }
    Placement p = place(spec, s.account, s.region);
    if (!p.known()) continue;
    auto [it, inserted] = names.emplace(std::make_tuple(p.account, p.region, secret_name(spec, s)), &s);
    if (!inserted) {
      Diagnostic& d = diags.error(s.location, fmt::format("secrets '{}' and '{}' would both be named '{}' in {}",
                                                          it->second->name, s.name, secret_name(spec, s), p.str()));
      d.notes.push_back({Severity::note, it->second->location, "first secret declared here", {}});
    }
  }
  // Services: `secrets: {ENV: NAME}` names a secret of the spec, or (with a '/'
  // in it, or in a spec without `secrets:`) an existing secret by its full name.
  for (const Service& svc : spec.compute.services) {
    Placement here = service_placement_of(spec, svc);
    std::vector<const Container*> containers{&svc.app};
    for (const Container& c : svc.sidecars) containers.push_back(&c);
    for (const Container* c : containers) {
      for (const SecretRef& ref : c->secrets) {
        bool external = spec.secrets.find(ref.secret.value) == nullptr &&
                        (ref.secret.value.find('/') != std::string::npos || !spec.secrets.location.valid());
        if (external) continue;
        check_reference(spec, fmt::format("container '{}'", c->name), here, ref.secret, diags);
      }
    }
    for (const Located<std::string>& ref : svc.read_secrets) {
      check_reference(spec, fmt::format("service '{}'", svc.name), here, ref, diags);
    }
  }
  for (const Function& fn : spec.functions.items) {
    Placement here = function_placement(spec, fn);
    for (const Located<std::string>& ref : fn.secrets) {
      check_reference(spec, fmt::format("function '{}'", fn.name), here, ref, diags);
    }
  }
}

}  // namespace aip::spec
