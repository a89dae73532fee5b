// Checks of the `registries:` area: where each repository lives, the accounts
// that may pull, and the services' `repository:` and `tag:` references.
#include <algorithm>
#include <map>
#include <tuple>

#include <fmt/format.h>

#include "base/did_you_mean.hpp"
#include "spec/load.hpp"
#include "spec/placement.hpp"

namespace aip::spec {
namespace check_registries_cpp {

Placement placement_of_service(const Spec& spec, const Service& svc) {
  if (const EcsCluster* cl = spec.compute.find_cluster(svc.cluster.value)) {
    if (const Vpc* vpc = spec.find_vpc(cl->vpc.value)) return place(spec, vpc->account, vpc->region);
  }
  return {};
}

void check_repository(const Spec& spec, const Repository& r, Diagnostics& diags) {
  const std::string what = fmt::format("repository '{}'", r.name);
  Placement here = place(spec, r.account, r.region, what, r.location, diags);
  std::vector<std::string> seen;
  for (const Located<std::string>& a : r.pull_accounts) {
    const Account* account = spec.find_account(a.value);
    if (account == nullptr) {
      diags.error(a.location, fmt::format("{} lets account '{}' pull, which is not an account of the spec{}", what,
                                          a.value, did_you_mean(a.value, names_of(spec.accounts))));
    } else if (here.known() && account == here.account) {
      diags.error(a.location, fmt::format("{} lives in account '{}'; its own account pulls without being listed in "
                                          "'pull_accounts'",
                                          what, a.value));
    } else if (std::find(seen.begin(), seen.end(), a.value) != seen.end()) {
      diags.error(a.location, fmt::format("{} lists account '{}' twice in 'pull_accounts'", what, a.value));
    }
    seen.push_back(a.value);
  }
}

void check_container(const Spec& spec, const Service& svc, const Container& c, Diagnostics& diags) {
  const std::string what = fmt::format("container '{}'", c.name);
  if (c.repository.value.empty()) {
    if (!c.tag.value.empty()) {
      diags.error(c.tag.location, fmt::format("'tag' of {} needs 'repository' (an image URI carries its own tag)",
                                              what));
    }
    return;
  }
  if (!c.image.value.empty()) {
    diags.error(c.repository.location, fmt::format("{} names both 'image' and 'repository'; use one", what));
    return;
  }
  const Repository* r = spec.registries.find(c.repository.value);
  if (r == nullptr) {
    diags.error(c.repository.location,
                fmt::format("{} refers to repository '{}', which is not defined{}", what, c.repository.value,
                            did_you_mean(c.repository.value, names_of(spec.registries.repositories))));
    return;
  }
  if (c.tag.value.empty()) {
    diags.error(c.repository.location, fmt::format("{} names repository '{}' without a 'tag'; name the image's "
                                                   "tag (immutable tags make a release reproducible)",
                                                   what, r->name));
  }
  Placement service = placement_of_service(spec, svc);
  Placement repo = place(spec, r->account, r->region);
  if (!service.known() || !repo.known() || service.account == repo.account) return;
  bool allowed = std::any_of(r->pull_accounts.begin(), r->pull_accounts.end(),
                             [&](const Located<std::string>& a) { return a.value == service.account->name; });
  if (!allowed) {
    Diagnostic& d = diags.error(c.repository.location,
                                fmt::format("service '{}' runs in account '{}', which repository '{}' does not let "
                                            "pull; add '{}' to its 'pull_accounts'",
                                            svc.name, service.account->name, r->name, service.account->name));
    d.notes.push_back({Severity::note, r->location, "repository declared here", {}});
  }
}

}  // namespace check_registries_cpp

void check_registries(const Spec& spec, Diagnostics& diags) {
  using namespace check_registries_cpp;
  std::map<std::tuple<const Account*, std::string, std::string>, const Repository*> names;
  for (const Repository& r : spec.registries.repositories) {
    check_repository(spec, r, diags);
    Placement p = place(spec, r.account, r.region);
    if (!p.known()) continue;
    auto [it, inserted] = names.emplace(std::make_tuple(p.account, p.region, repository_name(spec, r)), &r);
    if (!inserted) {
      Diagnostic& d = diags.error(r.location, fmt::format("repositories '{}' and '{}' would both be named '{}' in {}",
                                                          it->second->name, r.name, repository_name(spec, r), p.str()));
      d.notes.push_back({Severity::note, it->second->location, "first repository declared here", {}});
    }
  }
  for (const Service& svc : spec.compute.services) {
    check_container(spec, svc, svc.app, diags);
    for (const Container& c : svc.sidecars) check_container(spec, svc, c, diags);
  }
}

}  // namespace aip::spec
