// Site-to-site VPN (network.vpns): gateways, connection with strong tunnel
// options and logs, static routes to the on-premises ranges, propagation and
// endpoint access from on premises.
#include <catch2/catch.hpp>

#include "support/plan_text.hpp"

using aip::cfn::Json;
using aip::test::errors_of;
using aip::test::kHeader;
using aip::test::plan_text;

namespace {

const char* kNetwork =
    "network:\n"
    "  on_prem: [192.168.0.0/16, 172.20.0.0/16]\n"
    "  vpcs:\n"
    "    main:\n"
    "      cidr: 10.0.0.0/16\n"
    "      azs: 2\n"
    "      tiers: {public: 24, private: 24, data: {kind: isolated, size: 24}}\n"
    "      endpoints: {interface: [bedrock-runtime]}\n"
    "  vpns:\n";

}  // namespace

TEST_CASE("a VPN routes the on-premises ranges into the tunnel and propagates them to private tiers") {
  auto p = plan_text(std::string(kHeader) + kNetwork + "    dc: {vpc: main, ip: 203.0.113.10, asn: 65010}\n");
  CHECK(p.schema_findings().empty());
  const auto& net = p.stack("test-dev-network");
  CHECK(net.find("MainVpcVpnGateway")->properties["Type"] == "ipsec.1");
  CHECK(net.find("MainVpcVpnGatewayAttachment")->properties ==
        Json::parse(R"({"VpcId": {"Ref": "MainVpc"}, "VpnGatewayId": {"Ref": "MainVpcVpnGateway"}})"));
  const Json& customer = net.find("DcVpnCustomerGateway")->properties;
  CHECK(customer["IpAddress"] == "203.0.113.10");
  CHECK(customer["BgpAsn"] == 65010);
  const auto& connection = *net.find("DcVpnConnection");
  CHECK(connection.properties["StaticRoutesOnly"] == true);
  CHECK(connection.depends_on == std::vector<std::string>{"MainVpcVpnGatewayAttachment"});
  const Json& tunnels = connection.properties["VpnTunnelOptionsSpecifications"];
  REQUIRE(tunnels.size() == 2);
  CHECK(tunnels[0]["IKEVersions"] == Json::parse(R"([{"Value": "ikev2"}])"));
  CHECK(tunnels[0]["Phase1IntegrityAlgorithms"] ==
        Json::parse(R"([{"Value": "SHA2-256"}, {"Value": "SHA2-384"}, {"Value": "SHA2-512"}])"));
  CHECK(tunnels[0]["LogOptions"]["CloudwatchLogOptions"]["LogGroupArn"] ==
        Json::parse(R"({"Fn::GetAtt": ["DcVpnTunnelLogGroup", "Arn"]})"));
  CHECK(net.find("DcVpnTunnelLogGroup")->properties["RetentionInDays"] == 365);
  // Every on_prem range, with ids from the range itself.
  CHECK(net.find("DcVpnRoute192168000000Slash16")->properties["DestinationCidrBlock"] == "192.168.0.0/16");
  CHECK(net.find("DcVpnRoute172020000000Slash16")->properties["DestinationCidrBlock"] == "172.20.0.0/16");
  // Private tiers only: public and isolated tables keep no on-premises routes.
  const auto& propagation = *net.find("MainVpcVpnGatewayRoutePropagation");
  CHECK(propagation.properties["RouteTableIds"] ==
        Json::parse(R"([{"Ref": "MainVpcPrivateRouteTable1"}, {"Ref": "MainVpcPrivateRouteTable2"}])"));
  CHECK(propagation.depends_on == std::vector<std::string>{"MainVpcVpnGatewayAttachment"});
  // On-premises clients reach the interface endpoints over HTTPS.
  const Json& ingress = net.find("DcVpnEndpointIngress192168000000Slash16")->properties;
  CHECK(ingress["GroupId"] == Json::parse(R"({"Fn::GetAtt": ["MainVpcEndpointSecurityGroup", "GroupId"]})"));
  CHECK(ingress["FromPort"] == 443);
  CHECK(ingress["CidrIp"] == "192.168.0.0/16");
}

TEST_CASE("two connections share the VPC's gateway, and routes, tiers and endpoint access are chosen") {
  auto p = plan_text(std::string(kHeader) + kNetwork +
                     "    a: {vpc: main, ip: 203.0.113.10, routes: [192.168.10.0/24]}\n"
                     "    b: {vpc: main, ip: 198.51.100.20, routing: bgp, propagate_to: [data], reach_endpoints: false}\n");
  CHECK(p.schema_findings().empty());
  const auto& net = p.stack("test-dev-network");
  CHECK(net.find("AVpnRoute192168010000Slash24") != nullptr);
  CHECK(net.find("AVpnRoute192168000000Slash16") == nullptr);
  CHECK(net.find("BVpnConnection")->properties["StaticRoutesOnly"] == false);
  CHECK(net.find("BVpnEndpointIngress192168000000Slash16") == nullptr);
  CHECK(net.find("MainVpcVpnGatewayRoutePropagation")->properties["RouteTableIds"].size() == 4);
}

TEST_CASE("VPN errors point at the spec") {
  auto errors = [](const std::string& vpn) { return errors_of(std::string(kNetwork) + vpn); };
  CHECK(errors("    dc: {vpc: mian, ip: 203.0.113.10}\n") ==
        "spec.yaml:14:15: VPN 'dc' refers to vpc 'mian', which is not defined; did you mean 'main'?\n");
  CHECK(errors("    dc: {vpc: main, ip: 10.1.2.3}\n") ==
        "spec.yaml:14:25: 'ip' 10.1.2.3 is not a public address; the customer gateway must be reachable from the "
        "internet (the VPN runs over it)\n");
  CHECK(errors("    dc: {vpc: main, ip: 203.0.113}\n") ==
        "spec.yaml:14:25: 'ip' must be the customer gateway's IPv4 address, such as 198.51.100.7, got '203.0.113'\n");
  CHECK(errors("    dc: {vpc: main, ip: 203.0.113.10, routes: [10.9.0.0/16]}\n") ==
        "spec.yaml:14:48: route 10.9.0.0/16 of VPN 'dc' is not inside any range of network.on_prem; add it there "
        "first\n");
  CHECK(errors("    dc: {vpc: main, ip: 203.0.113.10, propagate_to: [public]}\n") ==
        "spec.yaml:14:54: VPN 'dc' would route on-premises traffic from public tier 'public'; propagate to private "
        "or isolated tiers only\n");
  CHECK(errors("    dc: {vpc: main, ip: 203.0.113.10, routing: ospf}\n")
            .find("'routing' must be one of static, bgp, got 'ospf'") != std::string::npos);
  CHECK(errors("    dc: {vpc: main, ip: 203.0.113.10, asm: 65000}\n") ==
        "spec.yaml:14:39: unknown key 'asm' in VPN 'dc'; did you mean 'asn'?\n");
  CHECK(errors_of("network:\n  vpcs:\n    main: {cidr: 10.0.0.0/16, tiers: {private: 24}}\n"
                  "  vpns:\n    dc: {vpc: main, ip: 203.0.113.10}\n") ==
        "spec.yaml:9:5: VPN 'dc' routes the on-premises ranges, but network.on_prem lists none; add them there (aip "
        "checks them against every VPC)\n");
}
