// Zero-trust zones (network.vpcs.<vpc>.zones): subnets and a security group per
// zone, flows only between adjacent zones, egress written from ingress.
#include <catch2/catch.hpp>

#include "support/plan_text.hpp"

using aip::cfn::Json;
using aip::test::errors_of;
using aip::test::kHeader;
using aip::test::plan_text;

namespace {

const char* kZones =
    "network:\n"
    "  vpcs:\n"
    "    main:\n"
    "      cidr: 10.0.0.0/16\n"
    "      azs: 2\n"
    "      zones:\n"
    "        dmz: {size: 24, ingress: [{port: 443, from: 0.0.0.0/0}]}\n"
    "        application: {size: 24, ingress: [{port: 8080, from: dmz}, {port: 22, from: management}]}\n"
    "        data: {size: 24, ingress: [{port: 5432, from: application}]}\n"
    "        management: {size: 26, ingress: [{port: 22, from: 10.99.0.0/16}]}\n";

Json tag(const aip::cfn::Resource& r, const std::string& key) {
  auto it = r.tags.find(key);
  return it == r.tags.end() ? Json() : Json(it->second);
}

}  // namespace

TEST_CASE("zones get subnets, a group each, and egress only towards the zones they feed") {
  auto p = plan_text(std::string(kHeader) + kZones);
  CHECK(p.schema_findings().empty());
  const auto& net = p.stack("test-dev-network");
  // Subnets per zone and AZ, carved in the order written; the dmz is public.
  CHECK(net.find("MainVpcDmzSubnet1")->properties["CidrBlock"] == "10.0.0.0/24");
  CHECK(net.find("MainVpcApplicationSubnet2")->properties["CidrBlock"] == "10.0.3.0/24");
  CHECK(net.find("MainVpcDataSubnet1")->properties["CidrBlock"] == "10.0.4.0/24");
  CHECK(tag(*net.find("MainVpcDataSubnet1"), "aip:zone") == "data");
  CHECK(net.find("MainVpcInternetGateway") != nullptr);
  CHECK(net.find("MainVpcDataRouteTable1DefaultRoute") == nullptr);  // isolated
  // One group per zone, tagged with the zone.
  const auto& dmz = *net.find("MainDmzSecurityGroup");
  CHECK(tag(dmz, "aip:zone") == "dmz");
  CHECK(dmz.properties["SecurityGroupIngress"][0]["CidrIp"] == "0.0.0.0/0");
  // The dmz may only talk to the application zone on the port it accepts.
  const auto& dmz_out = *net.find("MainDmzSecurityGroupEgressToMainApplicationTcp8080");
  CHECK(dmz_out.properties["DestinationSecurityGroupId"] ==
        Json::parse(R"({"Fn::GetAtt": ["MainApplicationSecurityGroup", "GroupId"]})"));
  CHECK(dmz.properties["SecurityGroupEgress"][0]["CidrIp"] == "255.255.255.255/32");  // nothing else
  const auto& app_in = *net.find("MainApplicationSecurityGroupIngressFromMainDmzTcp8080");
  CHECK(app_in.properties["SourceSecurityGroupId"] ==
        Json::parse(R"({"Fn::GetAtt": ["MainDmzSecurityGroup", "GroupId"]})"));
  CHECK(net.find("MainApplicationSecurityGroupEgressToMainDataTcp5432") != nullptr);
  CHECK(net.find("MainManagementSecurityGroupEgressToMainApplicationTcp22") != nullptr);
  // No path from the dmz to the data zone, and the data zone starts nothing.
  CHECK(net.find("MainDmzSecurityGroupEgressToMainDataTcp5432") == nullptr);
  CHECK(net.find("MainDataSecurityGroup")->properties["SecurityGroupEgress"][0]["CidrIp"] == "255.255.255.255/32");
}

TEST_CASE("a group of its own in a zone: the zone that feeds it may send it what it accepts") {
  auto p = plan_text(std::string(kHeader) + kZones +
                     "  security_groups:\n"
                     "    reports: {vpc: main, zone: application, ingress: [{port: 8443, from: sg:main-dmz}]}\n"
                     "    cache: {vpc: main, zone: data, ingress: [{port: 6379, from: sg:main-dmz}]}\n");
  CHECK(p.schema_findings().empty());
  const auto& net = p.stack("test-dev-network");
  CHECK(tag(*net.find("ReportsSecurityGroup"), "aip:zone") == "application");
  CHECK(net.find("MainDmzSecurityGroupEgressToReportsTcp8443") != nullptr);
  // dmz -> data is not a flow aip opens (lint AIP-NET-007 reports the ingress).
  CHECK(net.find("MainDmzSecurityGroupEgressToCacheTcp6379") == nullptr);
}

TEST_CASE("zone errors point at the spec") {
  auto with = [](const std::string& zones) {
    return errors_of("network:\n  vpcs:\n    main:\n      cidr: 10.0.0.0/16\n      zones:\n" + zones);
  };
  CHECK(with("        dmx: {size: 24}\n") ==
        "spec.yaml:10:9: unknown zone 'dmx' in vpc 'main'; zones are dmz, application, data and management; did you "
        "mean 'dmz'?\n");
  CHECK(with("        dmz: {size: 24}\n        application: {size: 24}\n"
             "        data: {size: 24, ingress: [{port: 5432, from: dmz}]}\n") ==
        "spec.yaml:12:55: zone flow dmz -> data skips zone application; traffic enters zone 'data' only from the zone "
        "before it, from management and from itself\n");
  CHECK(with("        application: {size: 24, ingress: [{port: 80, from: data}]}\n        data: {size: 24}\n") ==
        "spec.yaml:10:60: zone flow data -> application goes outward, against dmz -> application -> data; traffic "
        "enters zone 'application' only from the zone before it, from management and from itself\n");
  CHECK(with("        data: {size: 24, ingress: [{port: 5432, from: application}]}\n") ==
        "spec.yaml:10:55: zone 'data' takes traffic from zone 'application', which vpc 'main' does not declare\n");
  CHECK(with("        data: {size: 24, ingress: [{port: 5432, from: 10.0.0.0/8}]}\n") ==
        "spec.yaml:10:55: zone 'data' accepts traffic only from zones (application, management, data); traffic from "
        "outside enters through dmz or management\n");
  CHECK(with("        dmz: {size: 24, egress: [{port: 8080, to: application}]}\n        application: {size: 24}\n") ==
        "spec.yaml:10:51: egress to zone 'application' follows from that zone's ingress (aip writes it); remove this "
        "rule\n");
  CHECK(with("        dmz: {}\n") == "spec.yaml:10:9: zone 'dmz' needs 'size' (a prefix length) or 'cidrs'\n");
  // The zone's description is its group's GroupDescription: EC2's character set.
  CHECK(with("        dmz: {size: 24, description: \"Web tier's entry\"}\n") ==
        "spec.yaml:10:38: a security group description may use only letters, digits, spaces and "
        "._-:/()#,@[]+=&;{}!$* (at most 255 characters), got 'Web tier's entry'\n");
  // A group of another VPC naming a zone's group: one error, at its rule.
  CHECK(errors_of("network:\n  vpcs:\n    main: {cidr: 10.0.0.0/16, zones: {dmz: {size: 24}}}\n"
                  "    other: {cidr: 10.1.0.0/16, tiers: {private: 24}}\n"
                  "  security_groups:\n    app: {vpc: other, ingress: [{port: 80, from: sg:main-dmz}]}\n") ==
        "spec.yaml:10:50: security group 'app' (vpc 'other') cannot refer to 'main-dmz' in another vpc ('main')\n");
  CHECK(errors_of("network:\n  vpcs:\n    main: {cidr: 10.0.0.0/16, tiers: {private: 24}}\n"
                  "  security_groups:\n    app: {vpc: main, zone: application}\n") ==
        "spec.yaml:9:28: security group 'app' is in zone 'application', which vpc 'main' does not declare under "
        "'zones'\n");
}
