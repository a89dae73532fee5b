// `network.vpns` rendered into the network stack of the VPC: one virtual
// private gateway per VPC (attached, propagating routes to the chosen tiers),
// and per connection a customer gateway, the VPN connection with strong
// tunnel options and tunnel logs, static routes to the on-premises ranges and
// HTTPS from those ranges to the VPC's interface endpoints.
#include <map>
#include <set>

#include <fmt/format.h>

#include "cfn/logical_id.hpp"
#include "plan/names.hpp"
#include "plan/plan.hpp"
#include "plan/resource_helpers.hpp"

namespace aip::plan {
namespace {

using cfn::Json;
namespace fn = cfn::intrinsic;

// IKEv2 with AES-256, SHA-2 and DH groups of at least 2048 bits: what current
// guidance (NIST SP 800-77r1) accepts; AWS's defaults still allow IKEv1, SHA-1
// and group 2.
Json tunnel_options(const std::string& log_group) {
  auto values = [](std::initializer_list<Json> items) {
    Json out = Json::array();
    for (const Json& v : items) out.push_back({{"Value", v}});
    return out;
  };
  Json tunnel = {{"IKEVersions", values({"ikev2"})},
                 {"Phase1EncryptionAlgorithms", values({"AES256", "AES256-GCM-16"})},
                 {"Phase2EncryptionAlgorithms", values({"AES256", "AES256-GCM-16"})},
                 {"Phase1IntegrityAlgorithms", values({"SHA2-256", "SHA2-384", "SHA2-512"})},
                 {"Phase2IntegrityAlgorithms", values({"SHA2-256", "SHA2-384", "SHA2-512"})},
                 {"Phase1DHGroupNumbers", values({14, 19, 20, 21})},
                 {"Phase2DHGroupNumbers", values({14, 19, 20, 21})},
                 {"LogOptions",
                  {{"CloudwatchLogOptions",
                    {{"LogEnabled", true}, {"LogGroupArn", fn::get_att(log_group, "Arn")}, {"LogOutputFormat", "json"}}}}}};
  return Json::array({tunnel, tunnel});
}

// "192.168.0.0/16" -> "192168000000Slash16": ids from the range itself, so
// adding a range never renames the others.
std::string cidr_id(const net::Prefix& p) {
  std::string out;
  std::string text = p.str();
  std::size_t slash = text.find('/');
  std::string octet;
  for (std::size_t i = 0; i <= slash; ++i) {
    if (i == slash || text[i] == '.') {
      out += std::string(3 - octet.size(), '0') + octet;
      octet.clear();
    } else {
      octet += text[i];
    }
  }
  return out + "Slash" + text.substr(slash + 1);
}

std::string route_table_id(const spec::Vpc& vpc, const std::string& tier, int az) {
  return vpc_logical_id(vpc) + cfn::pascal_case(tier) + "RouteTable" + std::to_string(az);
}

void plan_gateway(const spec::Spec& spec, cfn::Stack& stack, const spec::Vpc& vpc,
                  const std::vector<const spec::VpnConnection*>& vpns) {
  const std::string gateway = vpn_gateway_id(vpc.name);
  const std::string attachment = gateway + "Attachment";
  const spec::VpnConnection& first = *vpns.front();
  cfn::Resource& g = add_resource(stack, gateway, "AWS::EC2::VPNGateway", {{"Type", "ipsec.1"}}, first.location, vpc.tags);
  g.tags["Name"] = fmt::format("{}-{}-vgw", spec.name.value, vpc.name);
  add_resource(stack, attachment, "AWS::EC2::VPCGatewayAttachment",
               {{"VpcId", fn::ref(vpc_logical_id(vpc))}, {"VpnGatewayId", fn::ref(gateway)}}, first.location);
  // The tiers that learn the on-premises routes, over all connections.
  std::set<std::string> tiers;
  for (const spec::VpnConnection* v : vpns) {
    for (const auto& t : v->propagate_to) tiers.insert(t.value);
    if (v->propagate_to.empty()) {
      for (const spec::Tier& t : vpc.tiers) {
        if (t.kind == spec::TierKind::private_) tiers.insert(t.name);
      }
    }
  }
  Json tables = Json::array();
  for (const spec::Tier& t : vpc.tiers) {  // in the VPC's order, not the set's
    if (tiers.count(t.name) == 0) continue;
    for (int az = 1; az <= vpc.azs.value; ++az) tables.push_back(fn::ref(route_table_id(vpc, t.name, az)));
  }
  cfn::Resource& propagation = add_resource(stack, gateway + "RoutePropagation", "AWS::EC2::VPNGatewayRoutePropagation",
                                            {{"RouteTableIds", tables}, {"VpnGatewayId", fn::ref(gateway)}},
                                            first.location);
  // Routes propagate only from an attached gateway.
  propagation.depends_on.push_back(attachment);
}

void plan_connection(const spec::Spec& spec, cfn::Stack& stack, const spec::Vpc& vpc, const spec::VpnConnection& v) {
  const std::string id = id_for(v.name, "Vpn");
  const std::string customer = id + "CustomerGateway";
  const std::string logs = id + "TunnelLogGroup";
  cfn::Resource& c = add_resource(stack, customer, "AWS::EC2::CustomerGateway",
                                  {{"Type", "ipsec.1"}, {"IpAddress", v.ip.value}, {"BgpAsn", v.asn.value}},
                                  v.ip.location, v.tags);
  c.tags["Name"] = fmt::format("{}-{}", spec.name.value, v.name);
  cfn::Resource& l = add_resource(stack, logs, "AWS::Logs::LogGroup", {{"RetentionInDays", v.log_retention_days.value}},
                                  v.location, v.tags);
  l.deletion_policy = "Retain";  // tunnel logs are audit evidence
  const bool static_routes = v.routing.value == "static";
  cfn::Resource& connection =
      add_resource(stack, id + "Connection", "AWS::EC2::VPNConnection",
                   {{"Type", "ipsec.1"},
                    {"CustomerGatewayId", fn::ref(customer)},
                    {"VpnGatewayId", fn::ref(vpn_gateway_id(vpc.name))},
                    {"StaticRoutesOnly", static_routes},
                    {"VpnTunnelOptionsSpecifications", tunnel_options(logs)}},
                   v.location, v.tags);
  connection.tags["Name"] = fmt::format("{}-{}", spec.name.value, v.name);
  connection.depends_on.push_back(vpn_gateway_id(vpc.name) + "Attachment");

  std::vector<net::Prefix> ranges;
  for (const auto& r : v.routes) ranges.push_back(r.value);
  if (ranges.empty()) {
    for (const auto& r : spec.network.on_prem) ranges.push_back(r.value);
  }
  if (static_routes) {
    for (const net::Prefix& r : ranges) {
      add_resource(stack, id + "Route" + cidr_id(r), "AWS::EC2::VPNConnectionRoute",
                   {{"DestinationCidrBlock", r.str()}, {"VpnConnectionId", fn::ref(id + "Connection")}}, v.location);
    }
  }
  if (!v.reach_endpoints.value || vpc.interface_endpoints.empty()) return;
  // On-premises clients use PrivateLink (bedrock-runtime, execute-api, ...)
  // over the tunnel: HTTPS to the endpoints' group, from each range.
  Location where = v.reach_endpoints.location.valid() ? v.reach_endpoints.location : v.location;
  for (const net::Prefix& r : ranges) {
    add_resource(stack, id + "EndpointIngress" + cidr_id(r), "AWS::EC2::SecurityGroupIngress",
                 {{"GroupId", fn::get_att(vpc_logical_id(vpc) + "EndpointSecurityGroup", "GroupId")},
                  {"IpProtocol", "tcp"},
                  {"FromPort", 443},
                  {"ToPort", 443},
                  {"CidrIp", r.str()},
                  {"Description", fmt::format("HTTPS from on-premises {} over VPN {}", r.str(), v.name)}},
                 where);
  }
}

}  // namespace

void plan_vpns(const spec::Spec& spec, cfn::Assembly& assembly) {
  // Connections by VPC, in the order the VPCs are written.
  for (const spec::Vpc& vpc : spec.network.vpcs) {
    std::vector<const spec::VpnConnection*> vpns;
    for (const spec::VpnConnection& v : spec.network.vpns) {
      if (v.vpc.value == vpc.name) vpns.push_back(&v);
    }
    if (vpns.empty()) continue;
    cfn::Stack& stack = vpc_stack(spec, assembly, vpc);
    plan_gateway(spec, stack, vpc, vpns);
    for (const spec::VpnConnection* v : vpns) plan_connection(spec, stack, vpc, *v);
  }
}

}  // namespace aip::plan
