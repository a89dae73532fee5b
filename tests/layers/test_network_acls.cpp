// Network ACLs derived from zones (`network_acls: derived`): denies where zone
// adjacency forbids, and no flow the spec declares is broken (checked by
// evaluating the rendered entries as AWS does: lowest rule number first).
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>

#include "net/cidr.hpp"
#include "support/plan_text.hpp"

using aip::cfn::Json;
using aip::test::errors_of;
using aip::test::kHeader;
using aip::test::plan_text;

namespace {

const char* kAclZones =
    "network:\n"
    "  vpcs:\n"
    "    main:\n"
    "      cidr: 10.80.0.0/16\n"
    "      azs: 2\n"
    "      zones:\n"
    "        dmz:\n"
    "          size: 24\n"
    "          ingress: [{port: 443, from: 0.0.0.0/0, description: web}]\n"
    "        application:\n"
    "          size: 24\n"
    "          ingress: [{port: 8080, from: dmz, description: lb}, {port: 22, from: management, description: ssh}]\n"
    "          egress: [{port: 443, to: 0.0.0.0/0, description: apis}]\n"
    "        data:\n"
    "          size: 24\n"
    "          ingress: [{port: 5432, from: application, description: db}]\n"
    "        management:\n"
    "          size: 26\n"
    "          ingress: [{port: 443, from: 192.168.50.0/24, description: ops}]\n"
    "      endpoints: {interface: [logs]}\n";

struct Acl {
  std::vector<const Json*> in, out;  // entries' properties by rule number
};

struct Acls {
  std::map<std::string, Acl> by_zone;                 // zone -> its ACL
  std::map<std::string, std::vector<std::string>> cidrs;  // zone -> subnet CIDRs
};

Acls acls_of_stack(const aip::cfn::Stack& s) {
  Acls out;
  std::map<std::string, std::string> acl_zone;  // ACL id -> zone
  for (const auto& r : s.resources) {
    if (r.type == "AWS::EC2::NetworkAcl") acl_zone[r.logical_id] = r.tags.at("aip:zone");
    if (r.type == "AWS::EC2::Subnet" && r.tags.count("aip:zone") != 0) {
      out.cidrs[r.tags.at("aip:zone")].push_back(r.properties["CidrBlock"].get<std::string>());
    }
  }
  for (const auto& r : s.resources) {
    if (r.type != "AWS::EC2::NetworkAclEntry") continue;
    Acl& acl = out.by_zone[acl_zone.at(r.properties["NetworkAclId"]["Ref"].get<std::string>())];
    (r.properties["Egress"] == true ? acl.out : acl.in).push_back(&r.properties);
  }
  for (auto& [zone, acl] : out.by_zone) {
    for (auto* list : {&acl.in, &acl.out}) {
      std::sort(list->begin(), list->end(),
                [](const Json* a, const Json* b) { return (*a)["RuleNumber"] < (*b)["RuleNumber"]; });
    }
  }
  return out;
}

// First matching entry decides; none matching: the implicit deny.
bool acl_passes(const std::vector<const Json*>& entries, const std::string& address, int protocol, int port) {
  auto host = aip::net::Prefix::parse(address + "/32", nullptr);
  for (const Json* e : entries) {
    auto cidr = aip::net::Prefix::parse((*e)["CidrBlock"].get<std::string>(), nullptr);
    if (!cidr->contains(*host)) continue;
    int p = (*e)["Protocol"].get<int>();
    if (p != -1 && p != protocol) continue;
    if (e->contains("PortRange") && (port < (*e)["PortRange"]["From"] || port > (*e)["PortRange"]["To"])) continue;
    return (*e)["RuleAction"] == "allow";
  }
  return false;
}

std::string acl_host_in(const std::string& cidr) {
  return cidr.substr(0, cidr.rfind('.')) + ".10";
}

// A TCP connection from a host of zone `from` to a host of zone `to` on `port`,
// with its replies (ephemeral port 50000), through both zones' ACLs.
bool acl_connects(const Acls& a, const std::string& from, const std::string& to, int port) {
  std::string src = acl_host_in(a.cidrs.at(from).front()), dst = acl_host_in(a.cidrs.at(to).back());
  return acl_passes(a.by_zone.at(from).out, dst, 6, port) && acl_passes(a.by_zone.at(to).in, src, 6, port) &&
         acl_passes(a.by_zone.at(to).out, src, 6, 50000) && acl_passes(a.by_zone.at(from).in, dst, 6, 50000);
}

}  // namespace

TEST_CASE("derived network ACLs keep every declared flow and deny the forbidden ones") {
  auto p = plan_text(std::string(kHeader) + kAclZones + "      network_acls: derived\n");
  CHECK(p.schema_findings().empty());
  const auto& s = p.stack("test-dev-network");
  Acls a = acls_of_stack(s);
  REQUIRE(a.by_zone.size() == 4);
  // Declared flows (the zones' ingress), and HTTPS to the endpoints in the application zone.
  CHECK(acl_connects(a, "dmz", "application", 8080));
  CHECK(acl_connects(a, "management", "application", 22));
  CHECK(acl_connects(a, "application", "data", 5432));
  CHECK(acl_connects(a, "data", "application", 443));
  CHECK(acl_connects(a, "dmz", "application", 443));
  // Forbidden by adjacency: dmz -> data, data -> dmz, anything into management,
  // data -> application on anything but the endpoints' port.
  CHECK_FALSE(acl_connects(a, "dmz", "data", 5432));
  CHECK_FALSE(acl_connects(a, "data", "dmz", 443));
  CHECK_FALSE(acl_connects(a, "application", "management", 22));
  CHECK_FALSE(acl_connects(a, "data", "application", 22));
  // (data -> application on 8080 acl_passes the ACLs: ports 1024-65535 must stay open
  // for the replies of application -> data; the security groups refuse it.)
  // Outside the VPC: the internet reaches the dmz on 443 (and gets replies),
  // the application zone calls out on 443, operations reach management.
  const auto& dmz = a.by_zone.at("dmz");
  CHECK(acl_passes(dmz.in, "203.0.113.7", 6, 443));
  CHECK(acl_passes(dmz.out, "203.0.113.7", 6, 50000));
  CHECK_FALSE(acl_passes(dmz.in, "203.0.113.7", 6, 22));
  const auto& app = a.by_zone.at("application");
  CHECK(acl_passes(app.out, "203.0.113.7", 6, 443));
  CHECK(acl_passes(app.in, "203.0.113.7", 6, 50000));
  CHECK_FALSE(acl_passes(app.in, "203.0.113.7", 6, 443));
  CHECK(acl_passes(a.by_zone.at("management").in, "192.168.50.9", 6, 443));
  CHECK_FALSE(acl_passes(a.by_zone.at("management").in, "192.168.51.9", 6, 443));
  CHECK_FALSE(acl_passes(a.by_zone.at("data").in, "203.0.113.7", 6, 50000));
  // Each zone subnet is associated with its zone's ACL.
  CHECK(s.find("MainVpcDataSubnet2NetworkAclAssociation")->properties["NetworkAclId"] ==
        Json::parse(R"({"Ref": "MainVpcDataNetworkAcl"})"));
}

TEST_CASE("the NAT gateway's zone acl_passes the traffic of the private zones it serves") {
  auto p = plan_text(std::string(kHeader) + kAclZones + "      nat: single\n      network_acls: derived\n");
  Acls a = acls_of_stack(p.stack("test-dev-network"));
  // management -> dmz is outward (forbidden), but management's internet traffic crosses the NAT in the dmz.
  std::string mgmt = acl_host_in(a.cidrs.at("management").front());
  CHECK(acl_passes(a.by_zone.at("dmz").in, mgmt, 6, 443));
  CHECK(acl_passes(a.by_zone.at("dmz").out, mgmt, 6, 50000));
  // The isolated data zone has no route to the NAT: still denied.
  CHECK_FALSE(acl_passes(a.by_zone.at("dmz").in, acl_host_in(a.cidrs.at("data").front()), 6, 443));
  // What the application zone sends out (443 to anywhere) leaves through the NAT's subnets, and its replies come back.
  CHECK(acl_passes(a.by_zone.at("dmz").out, "203.0.113.10", 6, 443));
  CHECK(acl_passes(a.by_zone.at("dmz").in, "203.0.113.10", 6, 50000));
  // Nothing else goes out to the internet from the dmz.
  CHECK_FALSE(acl_passes(a.by_zone.at("dmz").out, "203.0.113.10", 6, 22));
}

TEST_CASE("without a NAT gateway the dmz passes no internet traffic for the private zones") {
  auto p = plan_text(std::string(kHeader) + kAclZones + "      nat: none\n      network_acls: derived\n");
  Acls a = acls_of_stack(p.stack("test-dev-network"));
  CHECK_FALSE(acl_passes(a.by_zone.at("dmz").out, "203.0.113.10", 6, 443));
}

TEST_CASE("without network_acls a VPC keeps its default network ACL") {
  auto p = plan_text(std::string(kHeader) + kAclZones);
  for (const auto& r : p.stack("test-dev-network").resources) CHECK(r.type != "AWS::EC2::NetworkAcl");
}

TEST_CASE("network_acls reader errors") {
  CHECK_THAT(errors_of("network:\n  vpcs:\n    main: {cidr: 10.0.0.0/16, tiers: {private: 24}, network_acls: derived}\n"),
             Catch::Contains("spec.yaml:7:67: `network_acls: derived` derives each zone's network ACL from "
                             "'zones', which vpc 'main' does not have"));
  CHECK_THAT(errors_of(std::string(kAclZones) + "      network_acls: strict\n"),
             Catch::Contains("spec.yaml:25:21: 'network_acls' must be one of none, derived, got 'strict'"));
}

TEST_CASE("endpoints.tier places the interface endpoints in the management zone, and the ACLs follow") {
  std::string spec = std::string(kHeader) + kAclZones;
  spec.replace(spec.find("{interface: [logs]}"), 19, "{interface: [logs], tier: management}");
  auto p = plan_text(spec + "      network_acls: derived\n");
  CHECK(p.schema_findings().empty());
  const auto& s = p.stack("test-dev-network");
  CHECK(s.find("MainVpcLogsEndpoint")->properties["SubnetIds"] ==
        Json::parse(R"([{"Ref": "MainVpcManagementSubnet1"}, {"Ref": "MainVpcManagementSubnet2"}])"));
  Acls a = acls_of_stack(s);
  // Every zone reaches the endpoints on 443; nothing else enters management.
  CHECK(acl_connects(a, "application", "management", 443));
  CHECK(acl_connects(a, "data", "management", 443));
  CHECK(acl_connects(a, "dmz", "management", 443));
  CHECK_FALSE(acl_connects(a, "application", "management", 22));
  // The application zone no longer holds them: data reaches it on 443 no more.
  CHECK_FALSE(acl_connects(a, "data", "application", 443));
}

TEST_CASE("endpoints.tier errors point at the spec") {
  std::string vpc = "network:\n  vpcs:\n    main:\n      cidr: 10.0.0.0/16\n"
                    "      tiers: {public: 24, private: 24, isolated: 24}\n";
  CHECK(aip::test::errors_of(vpc + "      endpoints: {interface: [logs], tier: privat}\n") ==
        "spec.yaml:10:44: endpoints.tier 'privat' is no private or isolated tier of vpc 'main'; did you mean "
        "'private'?\n");
  CHECK(aip::test::errors_of(vpc + "      endpoints: {interface: [logs], tier: public}\n") ==
        "spec.yaml:10:44: endpoints.tier 'public' is no private or isolated tier of vpc 'main'\n");
  CHECK(aip::test::errors_of(vpc + "      endpoints: {gateway: [s3], tier: isolated}\n") ==
        "spec.yaml:10:40: endpoints.tier of vpc 'main' places interface endpoints, and it has none\n");
}
