// The `dns:` area: hosted zones with their alias records, and certificates,
// read (checks: check_dns.cpp).
#include <fmt/format.h>

#include "base/pattern.hpp"
#include "spec/field_reader.hpp"
#include "spec/load.hpp"

namespace aip::spec {
namespace read_dns_area {

const Pattern& domain_shape() {
  // Lowercase labels of letters, digits and '-', at least two of them.
  static const Pattern shape("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+");
  return shape;
}

const Pattern& certificate_name_shape() {
  static const Pattern shape("(\\*\\.)?[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+");
  return shape;
}

void read_record(const YamlNode& key, const YamlNode& value, HostedZone& zone, Diagnostics& diags) {
  static const Pattern label("@|(\\*\\.)?[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9])?(\\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9])?)*");
  if (!key.is_scalar() || !label.matches(key.scalar)) {
    diags.error(key.location, fmt::format("record name {} of zone '{}' must be '@' (the zone's apex) or lowercase "
                                          "labels relative to the zone, such as www or api.v2",
                                          key.describe(), zone.name));
    return;
  }
  DnsRecord r;
  r.name = key.scalar;
  r.location = key.location;
  Fields f(value, fmt::format("record '{}' of zone '{}'", r.name, zone.name), diags, key.location);
  if (!f.ok()) return;
  f.text("load_balancer", r.load_balancer);
  f.text("distribution", r.distribution);
  f.text("api", r.api);
  int targets = (r.load_balancer.value.empty() ? 0 : 1) + (r.distribution.value.empty() ? 0 : 1) +
                (r.api.value.empty() ? 0 : 1);
  if (targets != 1 && f.ok()) {
    diags.error(key.location, fmt::format("record '{}' of zone '{}' needs exactly one alias target: "
                                          "'load_balancer', 'distribution' or 'api'",
                                          r.name, zone.name));
    return;
  }
  for (const DnsRecord& other : zone.records) {
    if (other.name == r.name) {
      Diagnostic& d = diags.error(key.location, fmt::format("record '{}' is defined twice in zone '{}'", r.name, zone.name));
      d.notes.push_back({Severity::note, other.location, "first defined here", {}});
      return;
    }
  }
  zone.records.push_back(std::move(r));
}

void read_zone(const YamlNode& key, const YamlNode& value, Spec& spec, Diagnostics& diags) {
  if (!check_name(key, "zone", diags)) return;
  HostedZone z;
  z.name = key.scalar;
  z.location = key.location;
  Fields f(value, fmt::format("zone '{}'", z.name), diags, key.location);
  if (!f.ok()) return;
  f.text("domain", domain_shape(), "'domain' must be a lowercase domain name such as example.com, got '{}'", z.domain,
         Presence::required);
  f.text("account", z.account);
  f.region("region", z.region);
  static const Pattern zone_id("Z[A-Z0-9]{1,31}");
  f.text("id", zone_id, "'id' must be a Route 53 hosted zone id such as Z0123456789ABCDEFGHIJ, got '{}'", z.id);
  f.strings("vpcs", z.vpcs);
  if (!z.vpcs.empty() && !z.region.value.empty()) {
    diags.error(z.region.location, fmt::format("zone '{}' is private: it lives in the region of its VPCs; leave out "
                                               "'region'",
                                               z.name));
  }
  read_named(f, "records", "record", diags,
             [&](const YamlNode& k, const YamlNode& v) { read_record(k, v, z, diags); });
  f.tags(z.tags);
  spec.dns.zones.push_back(std::move(z));
}

void read_certificate(const YamlNode& key, const YamlNode& value, Spec& spec, Diagnostics& diags) {
  if (!check_name(key, "certificate", diags)) return;
  Certificate c;
  c.name = key.scalar;
  c.location = key.location;
  Fields f(value, fmt::format("certificate '{}'", c.name), diags, key.location);
  if (!f.ok()) return;
  const char* message = "'{}' is not a domain name a certificate can name (lowercase, optionally starting with '*.')";
  f.text("domain", certificate_name_shape(), message, c.domain, Presence::required);
  f.strings("alternative_names", certificate_name_shape(), message, c.alternative_names);
  f.text("account", c.account);
  f.flag("external", c.external);
  f.text("zone", c.zone);
  if (c.external.value && !c.zone.value.empty()) {
    diags.error(c.zone.location, fmt::format("certificate '{}' is external: leave out 'zone'", c.name));
  }
  f.tags(c.tags);
  spec.dns.certificates.push_back(std::move(c));
}

}  // namespace read_dns_area

void read_dns(const YamlNode& node, Spec& spec, Diagnostics& diags) {
  spec.dns.location = node.location;
  Fields f(node, "'dns'", diags);
  if (!f.ok()) return;
  read_named(f, "zones", "zone", diags,
             [&](const YamlNode& k, const YamlNode& v) { read_dns_area::read_zone(k, v, spec, diags); });
  read_named(f, "certificates", "certificate", diags,
             [&](const YamlNode& k, const YamlNode& v) { read_dns_area::read_certificate(k, v, spec, diags); });
}

bool domain_in_zone(std::string_view name, std::string_view zone_domain) {
  if (name.rfind("*.", 0) == 0) name.remove_prefix(2);
  if (name == zone_domain) return true;
  return name.size() > zone_domain.size() && name.substr(name.size() - zone_domain.size()) == zone_domain &&
         name[name.size() - zone_domain.size() - 1] == '.';
}

bool certificate_covers(std::string_view pattern, std::string_view host) {
  if (pattern.rfind("*.", 0) != 0) return pattern == host;
  std::string_view parent = pattern.substr(2);
  std::size_t dot = host.find('.');
  return dot != std::string_view::npos && host.substr(dot + 1) == parent;
}

const HostedZone* Dns::zone_of(std::string_view domain) const {
  const HostedZone* best = nullptr;
  for (const HostedZone& z : zones) {
    if (z.is_private() || !domain_in_zone(domain, z.domain.value)) continue;
    if (best == nullptr || z.domain.value.size() > best->domain.value.size()) best = &z;
  }
  return best;
}

}  // namespace aip::spec
