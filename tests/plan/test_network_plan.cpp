// Network planning: the resources and properties each spec setting produces.
#include <catch2/catch.hpp>

#include "cfn/render.hpp"
#include "plan/plan.hpp"
#include "support/spec_text.hpp"

using aip::cfn::Json;
using aip::test::kHeader;
using aip::test::load_text;

namespace {

struct Planned {
  aip::test::LoadedSpec loaded;
  std::optional<aip::cfn::Assembly> assembly;

  const aip::cfn::Stack& stack(std::size_t i = 0) const { return assembly->stacks.at(i); }
  const aip::cfn::Resource& resource(const std::string& id) const {
    const aip::cfn::Resource* r = stack().find(id);
    INFO("resource " << id);
    REQUIRE(r != nullptr);
    return *r;
  }
  bool has(const std::string& id) const { return stack().find(id) != nullptr; }
  std::size_t count(const std::string& type) const {
    std::size_t n = 0;
    for (const auto& r : stack().resources) n += r.type == type ? 1 : 0;
    return n;
  }
};

Planned plan(const std::string& body, const char* header = kHeader) {
  Planned p;
  p.loaded = load_text(std::string(header) + body);
  INFO(p.loaded.messages());
  REQUIRE(p.loaded.spec);
  p.assembly = aip::plan::plan_platform(*p.loaded.spec, p.loaded.diags);
  INFO(p.loaded.messages());
  REQUIRE(p.assembly);
  return p;
}

const char* kThreeTiers =
    "network:\n"
    "  vpcs:\n"
    "    main:\n"
    "      cidr: 10.0.0.0/16\n"
    "      azs: 3\n"
    "      tiers: {public: 24, private: 24, isolated: 24}\n";

}  // namespace

TEST_CASE("subnets are carved per tier and AZ, in the order written") {
  auto p = plan(std::string(kThreeTiers) + "      nat: single\n");
  CHECK(p.stack().id == "test-dev-network");
  CHECK(p.stack().environment() == "aws://123456789012/us-east-1");
  CHECK(p.resource("MainVpcPublicSubnet1").properties["CidrBlock"] == "10.0.0.0/24");
  CHECK(p.resource("MainVpcPublicSubnet3").properties["CidrBlock"] == "10.0.2.0/24");
  CHECK(p.resource("MainVpcPrivateSubnet1").properties["CidrBlock"] == "10.0.3.0/24");
  CHECK(p.resource("MainVpcIsolatedSubnet3").properties["CidrBlock"] == "10.0.8.0/24");
  CHECK(p.resource("MainVpcIsolatedSubnet3").properties["AvailabilityZone"] ==
        Json::parse(R"({"Fn::Select": [2, {"Fn::GetAZs": ""}]})"));
  CHECK(p.resource("MainVpcPublicSubnet1").properties["MapPublicIpOnLaunch"] == false);
  CHECK(p.resource("MainVpc").properties["EnableDnsHostnames"] == true);
  CHECK(p.count("AWS::EC2::Subnet") == 9);
  CHECK(p.count("AWS::EC2::RouteTable") == 9);
  CHECK(p.count("AWS::EC2::SubnetRouteTableAssociation") == 9);
}

TEST_CASE("public tiers route to the internet gateway, private tiers to NAT, isolated nowhere") {
  auto p = plan(std::string(kThreeTiers) + "      nat: single\n");
  const auto& public_route = p.resource("MainVpcPublicRouteTable2DefaultRoute");
  CHECK(public_route.properties["GatewayId"] == Json::parse(R"({"Ref": "MainVpcInternetGateway"})"));
  CHECK(public_route.depends_on == std::vector<std::string>{"MainVpcInternetGatewayAttachment"});
  CHECK(p.resource("MainVpcPrivateRouteTable3DefaultRoute").properties["NatGatewayId"] ==
        Json::parse(R"({"Ref": "MainVpcNatGateway1"})"));
  CHECK_FALSE(p.has("MainVpcIsolatedRouteTable1DefaultRoute"));
  CHECK(p.count("AWS::EC2::NatGateway") == 1);
  CHECK(p.count("AWS::EC2::EIP") == 1);
  CHECK(p.resource("MainVpcNatGateway1").properties["SubnetId"] == Json::parse(R"({"Ref": "MainVpcPublicSubnet1"})"));
  CHECK(p.resource("MainVpcNatEip1").properties["Domain"] == "vpc");
}

TEST_CASE("per-az NAT puts one gateway in each AZ and routes each AZ to its own") {
  auto p = plan(std::string(kThreeTiers) + "      nat: per-az\n");
  CHECK(p.count("AWS::EC2::NatGateway") == 3);
  CHECK(p.count("AWS::EC2::EIP") == 3);
  CHECK(p.resource("MainVpcNatGateway2").properties["SubnetId"] == Json::parse(R"({"Ref": "MainVpcPublicSubnet2"})"));
  CHECK(p.resource("MainVpcPrivateRouteTable2DefaultRoute").properties["NatGatewayId"] ==
        Json::parse(R"({"Ref": "MainVpcNatGateway2"})"));
}

TEST_CASE("no NAT and no public tier: no gateways, no default routes") {
  auto p = plan("network:\n  vpcs:\n    main: {cidr: 10.0.0.0/16, azs: 3, tiers: {private: 24}}\n");
  CHECK(p.count("AWS::EC2::InternetGateway") == 0);
  CHECK(p.count("AWS::EC2::NatGateway") == 0);
  CHECK(p.count("AWS::EC2::Route") == 0);
}

TEST_CASE("interface endpoints: private DNS, private tier, their own 443-only group") {
  auto p = plan(std::string(kThreeTiers) + "      endpoints: {interface: [bedrock-runtime, ecr.api], gateway: [s3, dynamodb]}\n");
  const auto& e = p.resource("MainVpcBedrockRuntimeEndpoint");
  CHECK(e.properties["VpcEndpointType"] == "Interface");
  CHECK(e.properties["PrivateDnsEnabled"] == true);
  CHECK(e.properties["ServiceName"] == Json::parse(R"({"Fn::Sub": "com.amazonaws.${AWS::Region}.bedrock-runtime"})"));
  CHECK(e.properties["SubnetIds"] == Json::parse(R"([{"Ref": "MainVpcPrivateSubnet1"}, {"Ref": "MainVpcPrivateSubnet2"},
                                                      {"Ref": "MainVpcPrivateSubnet3"}])"));
  CHECK(e.properties["SecurityGroupIds"] == Json::parse(R"([{"Fn::GetAtt": ["MainVpcEndpointSecurityGroup", "GroupId"]}])"));
  CHECK(p.has("MainVpcEcrApiEndpoint"));
  const auto& sg = p.resource("MainVpcEndpointSecurityGroup");
  CHECK(sg.properties["SecurityGroupIngress"] == Json::parse(R"([{"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443,
      "CidrIp": "10.0.0.0/16", "Description": "HTTPS from the VPC to the interface endpoints"}])"));
  const auto& s3 = p.resource("MainVpcS3Endpoint");
  CHECK(s3.properties["VpcEndpointType"] == "Gateway");
  CHECK(s3.properties["RouteTableIds"].size() == 6);  // private and isolated, not public
  CHECK(s3.properties["RouteTableIds"][0] == Json::parse(R"({"Ref": "MainVpcPrivateRouteTable1"})"));
  CHECK(s3.properties["RouteTableIds"][5] == Json::parse(R"({"Ref": "MainVpcIsolatedRouteTable3"})"));
  CHECK(p.has("MainVpcDynamodbEndpoint"));
}

TEST_CASE("flow logs go to a retained log group through a scoped role") {
  auto p = plan(std::string(kThreeTiers) + "      flow_logs: {retention_days: 90, traffic: REJECT}\n");
  const auto& group = p.resource("MainVpcFlowLogGroup");
  CHECK(group.properties["RetentionInDays"] == 90);
  CHECK(group.deletion_policy == "Retain");
  const auto& log = p.resource("MainVpcFlowLog");
  CHECK(log.properties["TrafficType"] == "REJECT");
  CHECK(log.properties["ResourceType"] == "VPC");
  CHECK(log.properties["LogDestinationType"] == "cloud-watch-logs");
  CHECK(log.properties["DeliverLogsPermissionArn"] == Json::parse(R"({"Fn::GetAtt": ["MainVpcFlowLogRole", "Arn"]})"));
  const auto& role = p.resource("MainVpcFlowLogRole");
  const Json& statement = role.properties["Policies"][0]["PolicyDocument"]["Statement"][0];
  CHECK(statement["Resource"] == Json::parse(R"({"Fn::GetAtt": ["MainVpcFlowLogGroup", "Arn"]})"));
  CHECK(role.properties["AssumeRolePolicyDocument"]["Statement"][0]["Principal"]["Service"] ==
        "vpc-flow-logs.amazonaws.com");

  auto off = plan(std::string(kThreeTiers) + "      flow_logs: false\n");
  CHECK_FALSE(off.has("MainVpcFlowLog"));
}

TEST_CASE("security group rules: inline for CIDRs and prefix lists, standalone for groups") {
  auto p = plan(std::string(kThreeTiers) +
                "  security_groups:\n"
                "    alb:\n"
                "      vpc: main\n"
                "      ingress:\n"
                "        - {port: 443, from: 0.0.0.0/0, description: HTTPS from anywhere}\n"
                "        - {port: 443, from: pl-0123456789abcdef0}\n"
                "        - {port: 443, from: \"2001:db8::/32\"}\n"
                "    api:\n"
                "      vpc: main\n"
                "      ingress: [{port: 8000, from: sg:alb}, {ports: 9000-9001, protocol: udp, from: sg:api}]\n"
                "      egress: [{port: 443, to: 0.0.0.0/0}]\n");
  const auto& alb = p.resource("AlbSecurityGroup");
  CHECK(alb.properties["SecurityGroupIngress"] == Json::parse(R"([
      {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "CidrIp": "0.0.0.0/0", "Description": "HTTPS from anywhere"},
      {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "SourcePrefixListId": "pl-0123456789abcdef0",
       "Description": "tcp 443 from pl-0123456789abcdef0"},
      {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "CidrIpv6": "2001:db8::/32",
       "Description": "tcp 443 from 2001:db8::/32"}])"));
  // No egress written: only the VPC's own range.
  CHECK(alb.properties["SecurityGroupEgress"] == Json::parse(R"json([{"IpProtocol": "-1", "CidrIp": "10.0.0.0/16",
      "Description": "all traffic to vpc main (aip default)"}])json"));
  const auto& from_alb = p.resource("ApiSecurityGroupIngressFromAlbTcp8000");
  CHECK(from_alb.type == "AWS::EC2::SecurityGroupIngress");
  CHECK(from_alb.properties["SourceSecurityGroupId"] == Json::parse(R"({"Fn::GetAtt": ["AlbSecurityGroup", "GroupId"]})"));
  CHECK(from_alb.properties["GroupId"] == Json::parse(R"({"Fn::GetAtt": ["ApiSecurityGroup", "GroupId"]})"));
  CHECK(from_alb.properties["Description"] == "tcp 8000 from sg alb");
  const auto& self = p.resource("ApiSecurityGroupIngressFromApiUdp9000to9001");
  CHECK(self.properties["IpProtocol"] == "udp");
  CHECK(self.properties["FromPort"] == 9000);
  CHECK(self.properties["ToPort"] == 9001);
  CHECK(p.resource("ApiSecurityGroup").properties["SecurityGroupEgress"].size() == 1);
}

TEST_CASE("an egress list of only group rules still replaces the default allow-all") {
  auto p = plan(std::string(kThreeTiers) +
                "  security_groups:\n"
                "    db: {vpc: main}\n"
                "    api: {vpc: main, egress: [{port: 5432, to: sg:db}]}\n");
  CHECK(p.resource("ApiSecurityGroup").properties["SecurityGroupEgress"] ==
        Json::parse(R"([{"IpProtocol": "icmp", "FromPort": 252, "ToPort": 86, "CidrIp": "255.255.255.255/32",
                         "Description": "Disallow all traffic"}])"));
  CHECK(p.has("ApiSecurityGroupEgressToDbTcp5432"));
}

TEST_CASE("renaming one element changes only that element's logical ids") {
  std::string a = std::string(kThreeTiers) + "    edge:\n      cidr: 10.1.0.0/16\n      tiers: {private: 24}\n";
  std::string b = std::string(kThreeTiers) + "    border:\n      cidr: 10.1.0.0/16\n      tiers: {private: 24}\n";
  auto before = plan(a);
  auto after = plan(b);
  std::set<std::string> ids_before, ids_after;
  for (const auto& r : before.stack().resources) ids_before.insert(r.logical_id);
  for (const auto& r : after.stack().resources) ids_after.insert(r.logical_id);
  std::vector<std::string> only_before, only_after;
  std::set_difference(ids_before.begin(), ids_before.end(), ids_after.begin(), ids_after.end(),
                      std::back_inserter(only_before));
  std::set_difference(ids_after.begin(), ids_after.end(), ids_before.begin(), ids_before.end(),
                      std::back_inserter(only_after));
  CHECK(only_before.size() == only_after.size());
  for (const auto& id : only_before) CHECK(id.rfind("EdgeVpc", 0) == 0);
  for (const auto& id : only_after) CHECK(id.rfind("BorderVpc", 0) == 0);
  // The untouched VPC's resources render identically.
  for (const auto& r : before.stack().resources) {
    if (r.logical_id.rfind("MainVpc", 0) == 0) CHECK(after.stack().find(r.logical_id)->properties == r.properties);
  }
}

TEST_CASE("stacks are split by account and region") {
  const char* two_accounts =
      "aip: 1\nname: multi\naccounts:\n"
      "  dev: {id: \"111111111111\", region: us-east-1}\n"
      "  prod: {id: \"222222222222\", region: eu-west-1}\n";
  auto p = plan("network:\n  vpcs:\n"
                "    a: {account: dev, cidr: 10.0.0.0/16, tiers: {private: 24}}\n"
                "    b: {account: prod, cidr: 10.1.0.0/16, tiers: {private: 24}}\n"
                "    c: {account: prod, region: eu-central-1, cidr: 10.2.0.0/16, tiers: {private: 24}}\n",
                two_accounts);
  REQUIRE(p.assembly->stacks.size() == 3);
  CHECK(p.assembly->stacks[0].id == "multi-dev-network");
  CHECK(p.assembly->stacks[1].id == "multi-prod-eu-central-1-network");
  CHECK(p.assembly->stacks[1].environment() == "aws://222222222222/eu-central-1");
  CHECK(p.assembly->stacks[2].id == "multi-prod-network");
  CHECK(p.assembly->stacks[2].environment() == "aws://222222222222/eu-west-1");
}

TEST_CASE("tags: platform, element and aip's own on every taggable resource, none on the rest") {
  auto p = plan("tags: {CostCenter: ai, Team: platform}\n"
                "network:\n  vpcs:\n    main: {cidr: 10.0.0.0/16, azs: 1, tiers: {public: 24}, tags: {Team: net}}\n");
  Json vpc = aip::cfn::render_template(*p.assembly, p.stack())["Resources"]["MainVpc"]["Properties"]["Tags"];
  CHECK(vpc == Json::parse(R"([{"Key": "CostCenter", "Value": "ai"}, {"Key": "Name", "Value": "test-main"},
      {"Key": "Team", "Value": "net"}, {"Key": "aip:spec", "Value": "test"}, {"Key": "aip:stack", "Value": "test-dev-network"}])"));
  Json association = aip::cfn::render_template(*p.assembly, p.stack())["Resources"]["MainVpcPublicSubnet1RouteTableAssociation"];
  CHECK_FALSE(association["Properties"].contains("Tags"));
}

namespace {

const char* kFirewalled =
    "network:\n"
    "  vpcs:\n"
    "    main:\n"
    "      cidr: 10.30.0.0/16\n"
    "      azs: 2\n"
    "      tiers: {public: 24, private: 22}\n"
    "      firewall:\n"
    "        subnets: [10.30.250.0/28, 10.30.250.16/28]\n"
    "        allow_domains: [\".amazonaws.com\", api.github.com]\n";

// The target of a route, rendered: Ref of a NAT or internet gateway, or the firewall endpoint.
std::string route_target(const aip::cfn::Resource& route) {
  for (const char* key : {"NatGatewayId", "GatewayId"}) {
    if (route.properties.contains(key)) return route.properties[key]["Ref"].get<std::string>();
  }
  const Json& endpoint = route.properties["VpcEndpointId"];
  // {"Fn::Select": [1, {"Fn::Split": [":", {"Fn::Select": [0, {"Fn::GetAtt": [FIREWALL, "EndpointIds"]}]}]}]}
  const Json& list = endpoint["Fn::Select"][1]["Fn::Split"][1]["Fn::Select"];
  CHECK(endpoint["Fn::Select"][0] == 1);
  CHECK(list[0] == 0);
  CHECK(list[1]["Fn::GetAtt"][1] == "EndpointIds");
  return list[1]["Fn::GetAtt"][0].get<std::string>() + ".endpoint";
}

// Every route of the stack as "table destination -> target", sorted.
std::vector<std::string> routes_of(const aip::cfn::Stack& stack) {
  std::vector<std::string> out;
  for (const auto& r : stack.resources) {
    if (r.type != "AWS::EC2::Route") continue;
    out.push_back(r.properties["RouteTableId"]["Ref"].get<std::string>() + " " +
                  r.properties["DestinationCidrBlock"].get<std::string>() + " -> " + route_target(r));
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("a firewall: both directions of every flow out of a private subnet cross its AZ's endpoint") {
  auto p = plan(std::string(kFirewalled) + "      nat: per-az\n");
  // Private 10.30.4.0/22 and 10.30.8.0/22; public 10.30.0.0/24 and 10.30.1.0/24.
  CHECK(routes_of(p.stack()) == std::vector<std::string>{
                                    "MainVpcFirewallRouteTable1 0.0.0.0/0 -> MainVpcNatGateway1",
                                    "MainVpcFirewallRouteTable2 0.0.0.0/0 -> MainVpcNatGateway2",
                                    "MainVpcPrivateRouteTable1 0.0.0.0/0 -> MainVpcFirewall1.endpoint",
                                    "MainVpcPrivateRouteTable1 10.30.0.0/24 -> MainVpcFirewall1.endpoint",
                                    "MainVpcPrivateRouteTable1 10.30.1.0/24 -> MainVpcFirewall1.endpoint",
                                    "MainVpcPrivateRouteTable2 0.0.0.0/0 -> MainVpcFirewall2.endpoint",
                                    "MainVpcPrivateRouteTable2 10.30.0.0/24 -> MainVpcFirewall2.endpoint",
                                    "MainVpcPrivateRouteTable2 10.30.1.0/24 -> MainVpcFirewall2.endpoint",
                                    "MainVpcPublicRouteTable1 0.0.0.0/0 -> MainVpcInternetGateway",
                                    "MainVpcPublicRouteTable1 10.30.4.0/22 -> MainVpcFirewall1.endpoint",
                                    "MainVpcPublicRouteTable1 10.30.8.0/22 -> MainVpcFirewall2.endpoint",
                                    "MainVpcPublicRouteTable2 0.0.0.0/0 -> MainVpcInternetGateway",
                                    "MainVpcPublicRouteTable2 10.30.4.0/22 -> MainVpcFirewall1.endpoint",
                                    "MainVpcPublicRouteTable2 10.30.8.0/22 -> MainVpcFirewall2.endpoint",
                                });
  // The NAT gateways stay in the public subnets; each firewall has its AZ's one subnet.
  CHECK(p.resource("MainVpcNatGateway2").properties["SubnetId"] == Json::parse(R"({"Ref": "MainVpcPublicSubnet2"})"));
  CHECK(p.resource("MainVpcFirewall2").properties["SubnetMappings"] ==
        Json::parse(R"([{"SubnetId": {"Ref": "MainVpcFirewallSubnet2"}}])"));
  CHECK(p.resource("MainVpcFirewallSubnet2").properties["CidrBlock"] == "10.30.250.16/28");
  CHECK(p.resource("MainVpcFirewallSubnet2").properties["AvailabilityZone"] ==
        Json::parse(R"({"Fn::Select": [1, {"Fn::GetAZs": ""}]})"));
  CHECK(p.resource("MainVpcFirewallSubnet2RouteTableAssociation").properties["RouteTableId"] ==
        Json::parse(R"({"Ref": "MainVpcFirewallRouteTable2"})"));
  CHECK(p.count("AWS::NetworkFirewall::Firewall") == 2);
  CHECK(p.count("AWS::NetworkFirewall::FirewallPolicy") == 1);
}

TEST_CASE("a firewall with one NAT gateway: every firewall subnet leaves through it") {
  auto p = plan(std::string(kFirewalled) + "      nat: single\n");
  CHECK(p.resource("MainVpcFirewallRouteTable1DefaultRoute").properties["NatGatewayId"] ==
        Json::parse(R"({"Ref": "MainVpcNatGateway1"})"));
  CHECK(p.resource("MainVpcFirewallRouteTable2DefaultRoute").properties["NatGatewayId"] ==
        Json::parse(R"({"Ref": "MainVpcNatGateway1"})"));
  CHECK(p.count("AWS::EC2::NatGateway") == 1);
  // Without a firewall the private tiers route to the NAT gateway themselves.
  auto direct = plan(std::string(kThreeTiers) + "      nat: single\n");
  CHECK(direct.count("AWS::NetworkFirewall::Firewall") == 0);
  CHECK(direct.resource("MainVpcPrivateRouteTable1DefaultRoute").properties.contains("NatGatewayId"));
}

TEST_CASE("a firewall passes the listed domains from the private tiers, traffic within the VPC, and drops the rest") {
  auto p = plan(std::string(kFirewalled) + "      nat: per-az\n");
  const Json& domains = p.resource("MainVpcFirewallDomainRuleGroup").properties;
  CHECK(domains["Type"] == "STATEFUL");
  CHECK(domains["RuleGroup"]["RuleVariables"]["IPSets"]["HOME_NET"]["Definition"] ==
        Json::parse(R"(["10.30.4.0/22", "10.30.8.0/22"])"));
  CHECK(domains["RuleGroup"]["RulesSource"]["RulesSourceList"] ==
        Json::parse(R"({"GeneratedRulesType": "ALLOWLIST", "TargetTypes": ["TLS_SNI", "HTTP_HOST"],
                        "Targets": [".amazonaws.com", "api.github.com"]})"));
  const Json& internal = p.resource("MainVpcFirewallInternalRuleGroup").properties["RuleGroup"];
  CHECK(internal["RulesSource"]["StatefulRules"][0]["Action"] == "PASS");
  CHECK(internal["RulesSource"]["StatefulRules"][0]["Header"]["Source"] == "10.30.0.0/16");
  CHECK(internal["RulesSource"]["StatefulRules"][0]["Header"]["Destination"] == "10.30.0.0/16");
  const Json& policy = p.resource("MainVpcFirewallPolicy").properties["FirewallPolicy"];
  CHECK(policy["StatelessDefaultActions"] == Json::parse(R"(["aws:forward_to_sfe"])"));
  CHECK(policy["StatefulDefaultActions"] == Json::parse(R"(["aws:drop_established", "aws:alert_established"])"));
  CHECK(policy["StatefulEngineOptions"]["RuleOrder"] == "STRICT_ORDER");
  CHECK(policy["StatefulRuleGroupReferences"] ==
        Json::parse(R"([{"Priority": 1, "ResourceArn": {"Fn::GetAtt": ["MainVpcFirewallInternalRuleGroup", "RuleGroupArn"]}},
                        {"Priority": 2, "ResourceArn": {"Fn::GetAtt": ["MainVpcFirewallDomainRuleGroup", "RuleGroupArn"]}}])"));
  CHECK(p.resource("MainVpcFirewall1").properties["DeleteProtection"] == true);
  auto unprotected = plan(std::string(kFirewalled) + "        deletion_protection: false\n      nat: per-az\n");
  CHECK(unprotected.resource("MainVpcFirewall1").properties["DeleteProtection"] == false);
}

TEST_CASE("a firewall logs alerts and flows of every AZ to two encrypted log groups") {
  auto p = plan(std::string(kFirewalled) + "        log_retention_days: 731\n      nat: per-az\n");
  for (const char* group : {"MainVpcFirewallAlertLogGroup", "MainVpcFirewallFlowLogGroup"}) {
    const auto& g = p.resource(group);
    CHECK(g.properties["RetentionInDays"] == 731);
    CHECK(g.properties["KmsKeyId"] == Json::parse(R"({"Fn::GetAtt": ["MainVpcFirewallLogKey", "Arn"]})"));
    CHECK(g.deletion_policy == "Retain");
  }
  CHECK(p.resource("MainVpcFirewallAlertLogGroup").properties["LogGroupName"] == "/aip/test/main/network-firewall/alert");
  for (const char* logging : {"MainVpcFirewall1Logging", "MainVpcFirewall2Logging"}) {
    const Json& configs = p.resource(logging).properties["LoggingConfiguration"]["LogDestinationConfigs"];
    REQUIRE(configs.size() == 2);
    CHECK(configs[0]["LogType"] == "ALERT");
    CHECK(configs[0]["LogDestination"]["logGroup"] == Json::parse(R"({"Ref": "MainVpcFirewallAlertLogGroup"})"));
    CHECK(configs[1]["LogType"] == "FLOW");
  }
  // The key serves CloudWatch Logs for these two log groups only.
  const Json& statements = p.resource("MainVpcFirewallLogKey").properties["KeyPolicy"]["Statement"];
  REQUIRE(statements.size() == 2);
  CHECK(statements[1]["Condition"]["ArnEquals"]["kms:EncryptionContext:aws:logs:arn"].size() == 2);
  CHECK(p.resource("MainVpcFirewallLogKey").properties["EnableKeyRotation"] == true);
}
