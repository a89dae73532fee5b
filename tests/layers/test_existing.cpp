// Existing infrastructure (`existing:` on a VPC, docs/existing.md): nothing of
// the VPC is rendered, and what is placed in it names its literal ids.
#include <catch2/catch.hpp>

#include "support/plan_text.hpp"

using aip::cfn::Json;
using aip::test::errors_of;
using aip::test::kHeader;
using aip::test::plan_text;

namespace {

const char* kExisting =
    "network:\n"
    "  vpcs:\n"
    "    shared:\n"
    "      cidr: 10.40.0.0/16\n"
    "      existing:\n"
    "        id: vpc-0a1b2c3d4e5f60718\n"
    "        subnets:\n"
    "          private: [subnet-0a1b2c3d4e5f60001, subnet-0a1b2c3d4e5f60002]\n"
    "          data: {kind: isolated, ids: [subnet-0a1b2c3d4e5f60003, subnet-0a1b2c3d4e5f60004]}\n"
    "        route_tables: [rtb-0a1b2c3d4e5f60011]\n"
    "      endpoints: {interface: [logs], gateway: [s3]}\n"
    "  security_groups:\n"
    "    app:\n"
    "      vpc: shared\n"
    "      description: App\n"
    "functions:\n"
    "  scorer:\n"
    "    runtime: python3.12\n"
    "    handler: index.handler\n"
    "    code: {inline: \"def handler(event, context): return 1\"}\n"
    "    vpc: shared\n"
    "    security_groups: [app]\n";

// kExisting with another security group after 'app'.
std::string with_group(const std::string& group) {
  std::string spec = kExisting;
  const std::string after = "      description: App\n";
  spec.insert(spec.find(after) + after.size(), group);
  return spec;
}

}  // namespace

TEST_CASE("existing vpc: nothing of it is rendered, its ids are used where it is referenced") {
  auto p = plan_text(std::string(kHeader) + kExisting);
  CHECK(p.schema_findings().empty());
  const auto& net = p.stack("test-dev-network");
  for (const auto& r : net.resources) {
    INFO(r.logical_id);
    CHECK(r.type != "AWS::EC2::VPC");
    CHECK(r.type != "AWS::EC2::Subnet");
    CHECK(r.type != "AWS::EC2::RouteTable");
    CHECK(r.type != "AWS::EC2::FlowLog");
  }
  CHECK(net.find("AppSecurityGroup")->properties["VpcId"] == "vpc-0a1b2c3d4e5f60718");
  const auto& logs = *net.find("SharedVpcLogsEndpoint");
  CHECK(logs.properties["VpcId"] == "vpc-0a1b2c3d4e5f60718");
  CHECK(logs.properties["SubnetIds"] == Json::parse(R"(["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"])"));
  CHECK(net.find("SharedVpcS3Endpoint")->properties["RouteTableIds"] == Json::parse(R"(["rtb-0a1b2c3d4e5f60011"])"));
  // The endpoint group admits the VPC's range, as for a VPC aip creates.
  CHECK(net.find("SharedVpcEndpointSecurityGroup")->properties["SecurityGroupIngress"][0]["CidrIp"] == "10.40.0.0/16");
  // The function's subnets are literal ids: no export, no import.
  const auto& fn = p.resource("ScorerFunction");
  CHECK(fn.properties["VpcConfig"]["SubnetIds"] ==
        Json::parse(R"(["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"])"));
  for (const auto& [name, output] : net.outputs) CHECK(name.find("Subnet") == std::string::npos);
  // The AZ count is the subnet lists' length.
  CHECK(p.loaded.spec->network.vpcs.front().azs.value == 2);
}

TEST_CASE("existing vpc: bad ids, created-only keys, uneven tiers and missing route tables are errors at their line") {
  const std::string bad_id = errors_of(
      "network:\n"
      "  vpcs:\n"
      "    shared:\n"
      "      cidr: 10.40.0.0/16\n"
      "      existing: {id: vpc-123, subnets: {private: [subnet-0a1b2c3d4e5f60001]}}\n");
  CHECK(bad_id.find("spec.yaml:9:22: 'id' must be a VPC id such as vpc-0123456789abcdef0, got 'vpc-123'") !=
        std::string::npos);

  const std::string created = errors_of(
      "network:\n"
      "  vpcs:\n"
      "    shared:\n"
      "      cidr: 10.40.0.0/16\n"
      "      nat: single\n"
      "      tiers: {private: 24}\n"
      "      existing: {id: vpc-0a1b2c3d4e5f60718, subnets: {private: [subnet-0a1b2c3d4e5f60001]}}\n");
  CHECK(created.find("spec.yaml:9:12: vpc 'shared' is existing: 'nat' describes what aip creates; an existing VPC's "
                     "tiers and AZs come from existing.subnets") != std::string::npos);
  CHECK(created.find("spec.yaml:10:14: vpc 'shared' is existing: 'tiers' describes what aip creates") !=
        std::string::npos);

  const std::string uneven = errors_of(
      "network:\n"
      "  vpcs:\n"
      "    shared:\n"
      "      cidr: 10.40.0.0/16\n"
      "      existing:\n"
      "        id: vpc-0a1b2c3d4e5f60718\n"
      "        subnets:\n"
      "          private: [subnet-0a1b2c3d4e5f60001, subnet-0a1b2c3d4e5f60002]\n"
      "          app: [subnet-0a1b2c3d4e5f60003]\n"
      "          web: [subnet-0a1b2c3d4e5f6000g]\n");
  CHECK(uneven.find("spec.yaml:13:11: tier 'app' is not public, private or isolated; write it as {kind: private, "
                    "ids: [...]}") != std::string::npos);
  CHECK(uneven.find("spec.yaml:14:17: 'subnet-0a1b2c3d4e5f6000g' is not a subnet id") != std::string::npos);

  const std::string counts = errors_of(
      "network:\n"
      "  vpcs:\n"
      "    shared:\n"
      "      cidr: 10.40.0.0/16\n"
      "      existing:\n"
      "        id: vpc-0a1b2c3d4e5f60718\n"
      "        subnets:\n"
      "          private: [subnet-0a1b2c3d4e5f60001, subnet-0a1b2c3d4e5f60002]\n"
      "          public: [subnet-0a1b2c3d4e5f60003]\n");
  CHECK(counts.find("spec.yaml:13:11: tier 'public' lists 1 subnets but tier 'private' lists 2; give one subnet per "
                    "AZ in every tier") != std::string::npos);

  const std::string tables = errors_of(
      "network:\n"
      "  vpcs:\n"
      "    shared:\n"
      "      cidr: 10.40.0.0/16\n"
      "      existing: {id: vpc-0a1b2c3d4e5f60718, subnets: {private: [subnet-0a1b2c3d4e5f60001]}}\n"
      "      endpoints: {gateway: [s3]}\n");
  CHECK(tables.find("spec.yaml:10:29: gateway endpoints in existing vpc 'shared' need its route tables: list them in "
                    "existing.route_tables") != std::string::npos);
}

TEST_CASE("existing vpc: a VPN cannot attach to it") {
  const std::string vpn = errors_of(
      "network:\n"
      "  on_prem: [192.168.0.0/16]\n"
      "  vpcs:\n"
      "    shared:\n"
      "      cidr: 10.40.0.0/16\n"
      "      existing: {id: vpc-0a1b2c3d4e5f60718, subnets: {private: [subnet-0a1b2c3d4e5f60001]}}\n"
      "  vpns:\n"
      "    dc: {vpc: shared, ip: 203.0.113.10, asn: 65000, routes: [192.168.0.0/16]}\n");
  CHECK(vpn.find("vpc 'shared', which is existing: aip attaches VPN gateways and propagates routes only in VPCs it "
                 "creates") != std::string::npos);
}

TEST_CASE("existing security group: its rules are separate resources on its id, peers name it by id") {
  auto p = plan_text(std::string(kHeader) + with_group("    proxy:\n"
                                                       "      vpc: shared\n"
                                                       "      existing: {id: sg-0a1b2c3d4e5f60021}\n"
                                                       "      ingress:\n"
                                                       "        - {port: 3128, from: \"sg:app\", description: App to the proxy}\n"
                                                       "        - {port: 3128, from: 10.40.0.0/16, description: The VPC to the proxy}\n"));
  CHECK(p.schema_findings().empty());
  const auto& net = p.stack("test-dev-network");
  CHECK_FALSE(p.has("ProxySecurityGroup"));
  const auto& from_app = *net.find("ProxySecurityGroupIngress1");
  CHECK(from_app.type == "AWS::EC2::SecurityGroupIngress");
  CHECK(from_app.properties["GroupId"] == "sg-0a1b2c3d4e5f60021");
  CHECK(from_app.properties["SourceSecurityGroupId"] == Json::parse(R"({"Fn::GetAtt": ["AppSecurityGroup", "GroupId"]})"));
  const auto& from_vpc = *net.find("ProxySecurityGroupIngress2");
  CHECK(from_vpc.properties["CidrIp"] == "10.40.0.0/16");
  CHECK(from_vpc.properties["GroupId"] == "sg-0a1b2c3d4e5f60021");
  // Its egress is not aip's to set: no default rule is added.
  CHECK_FALSE(p.has("ProxySecurityGroupEgress1"));

  const std::string bad = errors_of(with_group("    proxy:\n"
                                               "      vpc: shared\n"
                                               "      description: Proxy\n"
                                               "      existing: {id: sg-42}\n"));
  CHECK(bad.find("spec.yaml:23:22: 'id' must be a security group id such as sg-0123456789abcdef0, got 'sg-42'") !=
        std::string::npos);
  CHECK(bad.find("spec.yaml:22:20: security group 'proxy' is existing: its description is set where it was created") !=
        std::string::npos);
}
