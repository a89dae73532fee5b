// Checks of the `dns:` area across elements and areas: zones and their VPCs,
// alias records and their targets, certificates and the zones that validate
// them, each within one account and region (CloudFormation exports do not
// cross regions).
#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "base/did_you_mean.hpp"
#include "base/pattern.hpp"
#include "spec/dns_placement.hpp"
#include "spec/load.hpp"

namespace aip::spec {

Placement zone_placement(const Spec& spec, const HostedZone& zone) {
  if (zone.is_private()) {
    const Vpc* vpc = spec.find_vpc(zone.vpcs.front().value);
    if (vpc == nullptr) return {};
    return place(spec, vpc->account, vpc->region);
  }
  return place(spec, zone.account, zone.region);
}

Placement load_balancer_placement(const Spec& spec, const LoadBalancer& lb) {
  const Vpc* vpc = spec.find_vpc(lb.vpc.value);
  if (vpc == nullptr) return {};
  return place(spec, vpc->account, vpc->region);
}

Placement distribution_placement(const Spec& spec, const Distribution& d) {
  Placement p = place(spec, d.account, {});
  if (p.known()) p.region = kCloudFrontRegion;
  return p;
}

Placement bucket_placement(const Spec& spec, const Bucket& b) { return place(spec, b.account, b.region); }

std::vector<Placement> certificate_placements(const Spec& spec, const Certificate& c) {
  std::vector<Placement> out;
  auto add = [&](Placement p) {
    if (!p.known()) return;
    bool seen = std::any_of(out.begin(), out.end(), [&](const Placement& q) { return q == p; });
    if (!seen) out.push_back(p);
  };
  for (const LoadBalancer& lb : spec.compute.load_balancers) {
    if (lb.certificate.value == c.name) add(load_balancer_placement(spec, lb));
  }
  for (const Distribution& d : spec.edge.distributions) {
    if (d.certificate.value == c.name) add(distribution_placement(spec, d));
  }
  for (const RestApi& api : spec.api.rest_apis) {
    if (api.certificate.value == c.name) add(api_placement(spec, api));
  }
  if (out.empty()) add(place(spec, c.account, {}));
  std::sort(out.begin(), out.end(), [](const Placement& a, const Placement& b) {
    return std::make_pair(a.account->name, a.region) < std::make_pair(b.account->name, b.region);
  });
  return out;
}

bool is_certificate_arn(std::string_view text) { return text.rfind("arn:", 0) == 0; }

std::string certificate_arn_region(std::string_view arn) {
  // arn:PARTITION:acm:REGION:ACCOUNT:certificate/ID
  std::size_t start = 0;
  for (int i = 0; i < 3 && start != std::string_view::npos; ++i) {
    start = arn.find(':', start);
    if (start != std::string_view::npos) ++start;
  }
  if (start == std::string_view::npos) return "";
  return std::string(arn.substr(start, arn.find(':', start) - start));
}

namespace check_dns_area {

void check_zone(const Spec& spec, const HostedZone& z, std::map<std::string, const HostedZone*>& public_domains,
                Diagnostics& diags) {
  if (z.is_private()) {
    if (z.existing()) {
      diags.error(z.vpcs.front().location, fmt::format("zone '{}' is an existing zone (id {}); associate its VPCs "
                                                       "where it is managed, not here",
                                                       z.name, z.id.value));
      return;
    }
    Placement first;
    for (const auto& v : z.vpcs) {
      const Vpc* vpc = spec.find_vpc(v.value);
      if (vpc == nullptr) {
        diags.error(v.location, fmt::format("zone '{}' refers to VPC '{}', which is not defined{}", z.name, v.value,
                                            did_you_mean(v.value, names_of(spec.network.vpcs))));
        continue;
      }
      Placement p = place(spec, vpc->account, vpc->region);
      if (!first.known()) {
        first = p;
      } else if (p.known() && p != first) {
        diags.error(v.location, fmt::format("zone '{}' is associated with VPCs in {} and {}; aip renders a private "
                                            "zone with VPCs of one account and region",
                                            z.name, first.str(), p.str()));
      }
    }
    if (!z.account.value.empty() && first.known() && z.account.value != first.account->name) {
      diags.error(z.account.location, fmt::format("private zone '{}' lives in the account of its VPCs ({}), not '{}'",
                                                  z.name, first.account->name, z.account.value));
    }
  } else {
    place(spec, z.account, z.region, fmt::format("zone '{}'", z.name), z.location, diags);
    Placement p = place(spec, z.account, z.region);
    if (p.known()) {
      auto [it, inserted] = public_domains.emplace(p.account->name + "/" + z.domain.value, &z);
      if (!inserted) {
        Diagnostic& d = diags.error(z.domain.location, fmt::format("public zone '{}' has the domain {} of zone '{}'",
                                                                   z.name, z.domain.value, it->second->name));
        d.notes.push_back({Severity::note, it->second->location, "zone declared here", {}});
      }
    }
  }
  Placement zp = zone_placement(spec, z);
  for (const DnsRecord& r : z.records) {
    Placement target;
    std::string what;
    Location declared;
    if (!r.load_balancer.value.empty()) {
      const LoadBalancer* lb = spec.compute.find_load_balancer(r.load_balancer.value);
      if (lb == nullptr) {
        diags.error(r.load_balancer.location,
                    fmt::format("record '{}' of zone '{}' refers to load balancer '{}', which is not defined{}", r.name,
                                z.name, r.load_balancer.value,
                                did_you_mean(r.load_balancer.value, names_of(spec.compute.load_balancers))));
        continue;
      }
      target = load_balancer_placement(spec, *lb);
      what = fmt::format("load balancer '{}'", lb->name);
      declared = lb->location;
    } else if (!r.api.value.empty()) {
      const RestApi* api = spec.api.find(r.api.value);
      if (api == nullptr) {
        diags.error(r.api.location, fmt::format("record '{}' of zone '{}' refers to API '{}', which is not defined{}",
                                                r.name, z.name, r.api.value,
                                                did_you_mean(r.api.value, names_of(spec.api.rest_apis))));
        continue;
      }
      if (api->domain.value.empty()) {
        diags.error(r.api.location, fmt::format("record '{}' of zone '{}' aliases API '{}', which has no custom "
                                                "'domain'",
                                                r.name, z.name, api->name));
        continue;
      }
      if (api->domain.value != z.fqdn(r)) {
        diags.error(r.location, fmt::format("record '{}' of zone '{}' is {}, but API '{}' answers for {}", r.name,
                                            z.name, z.fqdn(r), api->name, api->domain.value));
        continue;
      }
      target = api_placement(spec, *api);
      what = fmt::format("API '{}'", api->name);
      declared = api->location;
    } else {
      const Distribution* d = spec.edge.find_distribution(r.distribution.value);
      if (d == nullptr) {
        diags.error(r.distribution.location,
                    fmt::format("record '{}' of zone '{}' refers to distribution '{}', which is not defined{}", r.name,
                                z.name, r.distribution.value,
                                did_you_mean(r.distribution.value, names_of(spec.edge.distributions))));
        continue;
      }
      target = distribution_placement(spec, *d);
      what = fmt::format("distribution '{}'", d->name);
      declared = d->location;
    }
    if (!target.known() || !zp.known()) continue;
    if (target.account != zp.account || (!z.existing() && target.region != zp.region)) {
      Diagnostic& d = diags.error(
          r.location, fmt::format("record '{}' of zone '{}' ({}) aliases {} ({}); aip renders the record with its "
                                  "target and names the zone by reference, which CloudFormation cannot pass across "
                                  "accounts or regions: {}",
                                  r.name, z.name, zp.str(), what, target.str(),
                                  target.account != zp.account ? "put the zone in the target's account"
                                                               : fmt::format("give the zone `region: {}`, or name an "
                                                                             "existing zone by `id`",
                                                                             target.region)));
      d.notes.push_back({Severity::note, declared, "target declared here", {}});
    }
  }
}

void check_certificate(const Spec& spec, const Certificate& c, Diagnostics& diags) {
  Placement own = place(spec, c.account, {}, fmt::format("certificate '{}'", c.name), c.location, diags);
  if (!own.known()) return;
  std::vector<const Located<std::string>*> names = {&c.domain};
  for (const auto& n : c.alternative_names) names.push_back(&n);
  if (c.external.value) return;
  if (!c.zone.value.empty()) {
    const HostedZone* z = spec.dns.find_zone(c.zone.value);
    if (z == nullptr) {
      diags.error(c.zone.location, fmt::format("certificate '{}' refers to zone '{}', which is not defined{}", c.name,
                                               c.zone.value, did_you_mean(c.zone.value, names_of(spec.dns.zones))));
      return;
    }
    if (z->is_private()) {
      diags.error(c.zone.location, fmt::format("zone '{}' is private; ACM validates certificates through public "
                                               "zones only",
                                               z->name));
      return;
    }
    for (const Located<std::string>* n : names) {
      if (!domain_in_zone(n->value, z->domain.value)) {
        diags.error(n->location, fmt::format("certificate '{}' names {}, which is not in its zone '{}' ({})", c.name,
                                             n->value, z->name, z->domain.value));
      }
    }
  }
  std::vector<std::string> zone_domains;
  for (const HostedZone& z : spec.dns.zones) {
    if (!z.is_private()) zone_domains.push_back(z.domain.value);
  }
  for (const Located<std::string>* n : names) {
    const HostedZone* z = spec.dns.validating_zone(c, n->value);
    if (z != nullptr && !domain_in_zone(n->value, z->domain.value)) continue;  // reported above
    if (z == nullptr) {
      diags.error(n->location, fmt::format("certificate '{}' names {}, which lies in no public zone of the spec; add "
                                           "its zone under dns.zones (an existing one by `id`), or give the "
                                           "certificate `external: true` and create its validation records "
                                           "yourself",
                                           c.name, n->value));
      continue;
    }
    Placement zp = zone_placement(spec, *z);
    if (!zp.known()) continue;
    if (zp.account != own.account) {
      diags.error(n->location, fmt::format("certificate '{}' ({}) names {} of zone '{}' in account {}; DNS validation "
                                           "needs the zone in the certificate's account",
                                           c.name, own.account->name, n->value, z->name, zp.account->name));
      continue;
    }
    if (z->existing()) continue;
    for (const Placement& p : certificate_placements(spec, c)) {
      if (p.region == zp.region) continue;
      Diagnostic& d = diags.error(
          n->location, fmt::format("certificate '{}' is needed in {} but is validated in zone '{}' ({}); "
                                   "CloudFormation cannot pass the zone's id across regions: give the zone `region: "
                                   "{}`, or name an existing zone by `id`",
                                   c.name, p.region, z->name, zp.region, p.region));
      d.notes.push_back({Severity::note, z->location, "zone declared here", {}});
      break;
    }
  }
}

}  // namespace check_dns_area

void check_dns(const Spec& spec, Diagnostics& diags) {
  std::map<std::string, const HostedZone*> public_domains;
  for (const HostedZone& z : spec.dns.zones) check_dns_area::check_zone(spec, z, public_domains, diags);
  for (const Certificate& c : spec.dns.certificates) check_dns_area::check_certificate(spec, c, diags);
  // REST APIs with a custom domain: a regional certificate covering it.
  for (const RestApi& api : spec.api.rest_apis) {
    if (api.domain.value.empty() && api.certificate.value.empty()) continue;
    if (api.domain.value.empty() || api.certificate.value.empty()) {
      diags.error(api.location, fmt::format("API '{}' needs both 'domain' and 'certificate' for a custom domain",
                                            api.name));
      continue;
    }
    if (api.is_private()) {
      diags.error(api.domain.location, fmt::format("API '{}' is private; aip renders custom domains for regional "
                                                   "APIs only",
                                                   api.name));
      continue;
    }
    Placement ap = api_placement(spec, api);
    if (is_certificate_arn(api.certificate.value)) {
      if (ap.known() && certificate_arn_region(api.certificate.value) != ap.region) {
        diags.error(api.certificate.location, fmt::format("certificate of API '{}' is in {}; a regional custom "
                                                          "domain takes a certificate of the API's region {}",
                                                          api.name, certificate_arn_region(api.certificate.value),
                                                          ap.region));
      }
      continue;
    }
    const Certificate* c = spec.dns.find_certificate(api.certificate.value);
    if (c == nullptr) {
      diags.error(api.certificate.location,
                  fmt::format("API '{}' refers to certificate '{}', which is not defined{}", api.name,
                              api.certificate.value, did_you_mean(api.certificate.value, names_of(spec.dns.certificates))));
      continue;
    }
    bool covered = certificate_covers(c->domain.value, api.domain.value);
    for (const auto& n : c->alternative_names) covered = covered || certificate_covers(n.value, api.domain.value);
    if (!covered) {
      Diagnostic& e = diags.error(api.domain.location, fmt::format("certificate '{}' does not cover {}; add it to "
                                                                   "the certificate's alternative_names",
                                                                   c->name, api.domain.value));
      e.notes.push_back({Severity::note, c->location, "certificate declared here", {}});
    }
  }
  // Load balancers that name a certificate of the spec.
  for (const LoadBalancer& lb : spec.compute.load_balancers) {
    if (lb.certificate.value.empty() || is_certificate_arn(lb.certificate.value)) continue;
    const Certificate* c = spec.dns.find_certificate(lb.certificate.value);
    if (c == nullptr) {
      diags.error(lb.certificate.location,
                  fmt::format("load balancer '{}' refers to certificate '{}', which is not defined{}", lb.name,
                              lb.certificate.value, did_you_mean(lb.certificate.value, names_of(spec.dns.certificates))));
      continue;
    }
    Placement lp = load_balancer_placement(spec, lb);
    Placement cp = place(spec, c->account, {});
    if (lp.known() && cp.known() && lp.account != cp.account) {
      diags.error(lb.certificate.location, fmt::format("load balancer '{}' ({}) cannot use certificate '{}' of "
                                                       "account {}",
                                                       lb.name, lp.str(), c->name, cp.account->name));
    }
  }
}

}  // namespace aip::spec
