// The `dns:` area of the spec: Route 53 hosted zones (public, private, or
// existing ones by id) with their alias records, and ACM certificates
// validated through DNS in a zone of the spec (docs/areas/dns.md).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "spec/located.hpp"

namespace aip::spec {

// An alias record of a zone: `name` is relative to the zone ("@" the apex).
struct DnsRecord {
  std::string name;
  Location location;
  Located<std::string> load_balancer;  // a compute load balancer
  Located<std::string> distribution;   // an edge distribution
  Located<std::string> api;            // a REST API with a custom domain
};

struct HostedZone {
  std::string name;
  Location location;
  Located<std::string> domain;   // app-example.net (no trailing dot)
  Located<std::string> account;
  Located<std::string> region;   // the region of its dns stack (public zones); private: its VPCs'
  Located<std::string> id;       // an existing zone: renders nothing, records use the id
  std::vector<Located<std::string>> vpcs;  // a private zone's VPCs
  std::vector<DnsRecord> records;
  Tags tags;

  bool existing() const { return !id.value.empty(); }
  bool is_private() const { return !vpcs.empty(); }
  // The record's fully qualified name without the trailing dot.
  std::string fqdn(const DnsRecord& r) const { return r.name == "@" ? domain.value : r.name + "." + domain.value; }
};

struct Certificate {
  std::string name;
  Location location;
  Located<std::string> account;
  Located<std::string> domain;                       // may start with "*."
  std::vector<Located<std::string>> alternative_names;
  Located<bool> external{false, {}};                 // validated outside the spec: no zone needed
  Located<std::string> zone;                         // the zone validating every name; empty: each name's
  Tags tags;
};

struct Dns {
  Location location;  // where `dns:` was written; invalid when absent
  std::vector<HostedZone> zones;
  std::vector<Certificate> certificates;

  const HostedZone* find_zone(std::string_view name) const {
    for (const HostedZone& z : zones) {
      if (z.name == name) return &z;
    }
    return nullptr;
  }
  const Certificate* find_certificate(std::string_view name) const {
    for (const Certificate& c : certificates) {
      if (c.name == name) return &c;
    }
    return nullptr;
  }
  // The public zone of the spec that holds `domain`: the one with the longest
  // matching domain; nullptr when none does.
  const HostedZone* zone_of(std::string_view domain) const;
  // The zone that validates `name` of certificate `c`: its `zone`, or zone_of(name).
  const HostedZone* validating_zone(const Certificate& c, std::string_view name) const {
    return c.zone.value.empty() ? zone_of(name) : find_zone(c.zone.value);
  }
};

// Does `name` (possibly "*.x") lie in `zone_domain` (equal, or below it)?
bool domain_in_zone(std::string_view name, std::string_view zone_domain);
// Does certificate name `pattern` ("*.x" or "a.x") cover host `host`?
bool certificate_covers(std::string_view pattern, std::string_view host);

}  // namespace aip::spec
