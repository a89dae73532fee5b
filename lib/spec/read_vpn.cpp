// `network.vpns`: site-to-site VPN connections to the on-premises ranges, read
// (checks: check_vpn.cpp).
#include <algorithm>

#include <fmt/format.h>

#include "base/did_you_mean.hpp"
#include "base/pattern.hpp"
#include "spec/field_reader.hpp"
#include "spec/load.hpp"
#include "spec/placement.hpp"

namespace aip::spec {
namespace {

// A customer gateway must be reachable from the internet: private, shared,
// loopback, link-local, multicast and reserved addresses cannot terminate a
// VPN to a virtual private gateway. (The documentation ranges of RFC 5737
// pass, so examples need no real address.)
bool public_ipv4(const net::Prefix& ip) {
  static const std::vector<std::string> kNotPublic = {"0.0.0.0/8",      "10.0.0.0/8",   "100.64.0.0/10",
                                                      "127.0.0.0/8",    "169.254.0.0/16", "172.16.0.0/12",
                                                      "192.0.0.0/24",   "192.168.0.0/16", "198.18.0.0/15",
                                                      "224.0.0.0/3"};
  for (const std::string& text : kNotPublic) {
    if (net::Prefix::parse(text, nullptr)->contains(ip)) return false;
  }
  return true;
}

void read_vpn(const YamlNode& key, const YamlNode& value, Spec& spec, Diagnostics& diags) {
  if (!check_name(key, "VPN", diags)) return;
  VpnConnection v;
  v.name = key.scalar;
  v.location = key.location;
  Fields f(value, fmt::format("VPN '{}'", v.name), diags, key.location);
  if (!f.ok()) return;
  f.text("vpc", v.vpc, Presence::required);
  // Explicit: an IPv4 address that must also be public.
  if (const YamlNode* n = f.required("ip")) {
    static const Pattern dotted("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
    auto s = read_string(*n, "ip", diags);
    std::optional<net::Prefix> ip;
    if (s && dotted.matches(*s)) ip = net::Prefix::parse(*s + "/32", nullptr);
    if (s && !ip) {
      diags.error(n->location, fmt::format("'ip' must be the customer gateway's IPv4 address, such as 198.51.100.7, "
                                           "got '{}'",
                                           *s));
    } else if (ip && !public_ipv4(*ip)) {
      diags.error(n->location, fmt::format("'ip' {} is not a public address; the customer gateway must be reachable "
                                           "from the internet (the VPN runs over it)",
                                           *s));
    } else if (ip) {
      v.ip = located(*s, *n);
    }
  }
  // 2-byte and 4-byte ASNs that fit CloudFormation's BgpAsn integer.
  f.integer("asn", {1, 2147483647}, v.asn);
  f.choice("routing", {"static", "bgp"}, v.routing);
  f.prefixes("routes", v.routes);
  f.strings("propagate_to", v.propagate_to);
  f.flag("reach_endpoints", v.reach_endpoints);
  f.log_retention("log_retention_days", v.log_retention_days);
  f.tags(v.tags);
  spec.network.vpns.push_back(std::move(v));
}

}  // namespace

void read_vpns(const YamlNode& node, Spec& spec, Diagnostics& diags) {
  if (!node.is_map()) {
    diags.error(node.location, fmt::format("'vpns' must map VPN names to their settings, got {}", node.describe()));
    return;
  }
  for (const auto& [k, v] : node.entries) read_vpn(k, v, spec, diags);
}

}  // namespace aip::spec
