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

namespace {

// The statements of every policy of a role's inline policies, by Sid.
Json statement(const aip::cfn::Resource& role, const std::string& sid) {
  for (const Json& p : role.properties.value("Policies", Json::array())) {
    for (const Json& s : p["PolicyDocument"]["Statement"]) {
      if (s.value("Sid", "") == sid) return s;
    }
  }
  return nullptr;
}

const char* kFunction =
    "functions:\n"
    "  scorer:\n"
    "    runtime: python3.12\n"
    "    handler: index.handler\n"
    "    code: {inline: \"def handler(event, context): return 1\"}\n";

}  // namespace

TEST_CASE("existing bucket: nothing rendered, grants on its exact ARN and on its key only") {
  auto p = plan_text(std::string(kHeader) +
                     "storage:\n"
                     "  buckets:\n"
                     "    archive:\n"
                     "      existing:\n"
                     "        name: data-team-archive\n"
                     "        key: arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab\n"
                     "    reference:\n"
                     "      existing: {name: {ssm: /landing-zone/buckets/reference}}\n" +
                     kFunction + "    buckets: {read: [reference], write: [archive]}\n");
  CHECK(p.schema_findings().empty());
  for (const auto& s : p.assembly->stacks) {
    CHECK(s.id != "test-dev-storage");  // it would hold nothing: not rendered at all
    for (const auto& r : s.resources) {
      CHECK(r.type != "AWS::S3::Bucket");
      // No key for the existing buckets; the function's stack has only its operations key (its logs).
      CHECK((r.type != "AWS::KMS::Key" || r.logical_id == "OperationsKey"));
    }
  }
  const auto& role = p.resource("ScorerFunctionRole");
  CHECK(statement(role, "ListBuckets")["Resource"] ==
        Json::parse(R"([{"Fn::Sub": "arn:${AWS::Partition}:s3:::{{resolve:ssm:/landing-zone/buckets/reference}}"}])"));
  CHECK(statement(role, "WriteObjects")["Resource"] ==
        Json::parse(R"([{"Fn::Sub": "arn:${AWS::Partition}:s3:::data-team-archive/*"}])"));
  // The key that encrypts the archive, and no other: the reference bucket names none.
  CHECK(statement(role, "EncryptObjects")["Resource"] ==
        Json::parse(R"(["arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"])"));
  CHECK(statement(role, "DecryptObjects").is_null());
  const auto& fn = p.resource("ScorerFunction");
  CHECK(fn.properties["Environment"]["Variables"]["BUCKET_ARCHIVE_NAME"] == "data-team-archive");
}

TEST_CASE("existing bucket: keys of a created bucket, typos and alias ARNs are errors at their line") {
  const std::string e = errors_of(
      "storage:\n"
      "  buckets:\n"
      "    archive:\n"
      "      versioning: true\n"
      "      existing: {nmae: data-team-archive, key: \"arn:aws:kms:us-east-1:123456789012:alias/archive\"}\n");
  CHECK(e.find("spec.yaml:8:7: bucket 'archive' is existing: 'versioning' describes what aip creates; its name is "
               "existing.name, its KMS key existing.key") != std::string::npos);
  CHECK(e.find("spec.yaml:9:18: unknown key 'nmae' in existing bucket 'archive'; did you mean 'name'?") !=
        std::string::npos);
  CHECK(e.find("spec.yaml:9:48: 'key' must be the ARN of a KMS key such as arn:aws:kms:eu-west-1:123456789012:key/"
               "1234abcd-12ab-34cd-56ef-1234567890ab, got 'arn:aws:kms:us-east-1:123456789012:alias/archive'") !=
        std::string::npos);
}

TEST_CASE("existing bus: rules on it by ARN, put_events and targets to it, none on a bus outside the spec") {
  auto p = plan_text(std::string(kHeader) +
                     "events:\n"
                     "  buses:\n"
                     "    lz:\n"
                     "      existing: {arn: \"arn:aws:events:us-east-1:123456789012:event-bus/landing-zone\"}\n"
                     "    audit:\n"
                     "      existing: {arn: \"arn:aws:events:us-east-1:999999999999:event-bus/audit\"}\n"
                     "  rules:\n"
                     "    to-audit:\n"
                     "      bus: lz\n"
                     "      pattern: {source: [claims]}\n"
                     "      targets: [{bus: audit}]\n" +
                     kFunction + "    put_events: [lz]\n");
  CHECK(p.schema_findings().empty());
  CHECK_FALSE(p.has("LzEventBus"));
  CHECK_FALSE(p.has("AuditEventBus"));
  const auto& rule = p.resource("ToAuditRule");
  CHECK(rule.properties["EventBusName"] == "arn:aws:events:us-east-1:123456789012:event-bus/landing-zone");
  CHECK(rule.properties["Targets"][0]["Arn"] == "arn:aws:events:us-east-1:999999999999:event-bus/audit");
  const auto& role = p.resource("ScorerFunctionRole");
  CHECK(statement(role, "PutEvents")["Resource"] ==
        Json::parse(R"(["arn:aws:events:us-east-1:123456789012:event-bus/landing-zone"])"));
  CHECK(p.resource("ScorerFunction").properties["Environment"]["Variables"]["EVENT_BUS_LZ_NAME"] ==
        "arn:aws:events:us-east-1:123456789012:event-bus/landing-zone");
}

TEST_CASE("existing user pool: app clients and groups on its id, identity pools use it, no pool rendered") {
  auto p = plan_text(std::string(kHeader) +
                     "identity:\n"
                     "  user_pools:\n"
                     "    customers:\n"
                     "      existing: {id: us-east-1_AbCdEf123}\n"
                     "      clients: {web: {auth_flows: [user-srp]}}\n"
                     "      groups: {admins: {precedence: 0}}\n"
                     "  identity_pools:\n"
                     "    portal: {user_pool: customers}\n");
  CHECK(p.schema_findings().empty());
  CHECK_FALSE(p.has("CustomersUserPool"));
  CHECK(p.resource("CustomersUserPoolWebClient").properties["UserPoolId"] == "us-east-1_AbCdEf123");
  CHECK(p.resource("CustomersUserPoolAdminsGroup").properties["UserPoolId"] == "us-east-1_AbCdEf123");
  CHECK(p.resource("PortalIdentityPool").properties["CognitoIdentityProviders"][0]["ProviderName"] ==
        Json::parse(R"({"Fn::Sub": "cognito-idp.${AWS::Region}.${AWS::URLSuffix}/us-east-1_AbCdEf123"})"));

  const std::string e = errors_of(
      "identity:\n"
      "  user_pools:\n"
      "    customers:\n"
      "      mfa: required\n"
      "      existing: {id: eu-west-1_AbCdEf123}\n");
  CHECK(e.find("spec.yaml:8:7: user pool 'customers' is existing: 'mfa' describes what aip creates; aip adds only app "
               "clients and groups to an existing pool") != std::string::npos);
  CHECK(e.find("spec.yaml:9:22: user pool 'customers' is in eu-west-1 (its id says so), but the spec places it in "
               "us-east-1; set `region: eu-west-1`") != std::string::npos);
}

TEST_CASE("existing role: trust and grants name its ARN, nothing of it is created") {
  auto p = plan_text(std::string(kHeader) +
                     "iam:\n"
                     "  personas:\n"
                     "    admin:\n"
                     "      existing: {arn: \"arn:aws:iam::123456789012:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Admin_0123\"}\n"
                     "  cross_account:\n"
                     "    deployer:\n"
                     "      assumed_by: [admin]\n"
                     "      cloudwatch: read\n" +
                     kFunction + "    assume: [admin]\n");
  CHECK(p.schema_findings().empty());
  CHECK_FALSE(p.has("AdminRole"));
  const auto& role = p.resource("ScorerFunctionRole");
  CHECK(statement(role, "AssumeRoles")["Resource"] ==
        Json::parse(R"(["arn:aws:iam::123456789012:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Admin_0123"])"));
  const std::string trust = p.resource("DeployerRole").properties["AssumeRolePolicyDocument"].dump();
  CHECK(trust.find("role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Admin_0123") != std::string::npos);

  const std::string e = errors_of(
      "iam:\n"
      "  personas:\n"
      "    admin:\n"
      "      trust: {identity_center: Admin}\n"
      "      existing: {arn: \"arn:aws:iam::123456789012:user/admin\"}\n");
  CHECK(e.find("spec.yaml:8:7: persona 'admin' is existing: 'trust' describes what aip creates; an existing role's "
               "trust and permissions are its owner's") != std::string::npos);
  CHECK(e.find("spec.yaml:9:23: 'arn' must be an IAM role ARN such as arn:aws:iam::123456789012:role/Analyst, got "
               "'arn:aws:iam::123456789012:user/admin'") != std::string::npos);
}

TEST_CASE("existing elements are referenced by raw resources as literals") {
  auto p = plan_text(std::string(kHeader) + kExisting +
                     "storage:\n"
                     "  buckets:\n"
                     "    archive:\n"
                     "      existing: {name: data-team-archive}\n"
                     "dns:\n"
                     "  zones:\n"
                     "    corp: {domain: corp.example.com, id: Z0123456789ABCDEFGHIJ}\n"
                     "resources:\n"
                     "  point:\n"
                     "    type: AWS::S3::AccessPoint\n"
                     "    properties:\n"
                     "      Bucket: !ref bucket:archive\n"
                     "      VpcConfiguration: {VpcId: !ref vpc:shared}\n"
                     "      PublicAccessBlockConfiguration:\n"
                     "        {BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true}\n"
                     "  arn:\n"
                     "    type: AWS::SSM::Parameter\n"
                     "    depends_on: [bucket:archive]\n"
                     "    properties: {Type: String, Value: !sub \"${bucket:archive.Arn} in ${zone:corp}\"}\n");
  CHECK(p.schema_findings().empty());
  const auto& point = p.resource("Point");
  CHECK(point.properties["Bucket"] == "data-team-archive");
  CHECK(point.properties["VpcConfiguration"]["VpcId"] == "vpc-0a1b2c3d4e5f60718");
  const auto& arn = p.resource("Arn");
  CHECK(arn.depends_on.empty());  // an existing element is already there
  CHECK(arn.properties["Value"] ==
        Json::parse(R"({"Fn::Sub": ["${Ref1} in ${Ref2}", {"Ref1": {"Fn::Sub": "arn:${AWS::Partition}:s3:::data-team-archive"},
                                                        "Ref2": "Z0123456789ABCDEFGHIJ"}]})"));
  for (const auto& s : p.assembly->stacks) {  // no exports for literals
    for (const auto& [name, output] : s.outputs) {
      CHECK(name.find("Archive") == std::string::npos);
      CHECK(name.find("Corp") == std::string::npos);
      CHECK(name.find("SharedVpc") == std::string::npos);
    }
  }
}
