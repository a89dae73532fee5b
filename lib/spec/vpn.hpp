// Site-to-site VPN from a VPC to the on-premises ranges of `network.on_prem`
// (seed 000: hospital data centers and SAP reach the platform through an
// encrypted tunnel): a customer gateway, a virtual private gateway attached to
// the VPC, a VPN connection with static routes and route propagation.
#pragma once

#include <string>
#include <vector>

#include "net/cidr.hpp"
#include "spec/located.hpp"

namespace aip::spec {

struct VpnConnection {
  std::string name;
  Location location;
  Located<std::string> vpc;
  Located<std::string> ip;                    // the customer gateway's public IPv4 address
  Located<int> asn{65000, {}};                // the customer gateway's BGP ASN
  Located<std::string> routing{"static", {}};  // static | bgp
  // Ranges routed into the tunnel (static routing); default: every on_prem range.
  std::vector<Located<net::Prefix>> routes;
  // Tiers whose route tables learn the on-premises routes; default: the private tiers.
  std::vector<Located<std::string>> propagate_to;
  // On-premises clients may reach the VPC's interface endpoints (PrivateLink:
  // bedrock-runtime, execute-api, ...) over HTTPS.
  Located<bool> reach_endpoints{true, {}};
  Located<int> log_retention_days{365, {}};   // tunnel logs
  Tags tags;
};

}  // namespace aip::spec
