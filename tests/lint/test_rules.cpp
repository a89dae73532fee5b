// Every rule: a template (or spec) that triggers it and one that does not.
#include <set>

#include <catch2/catch.hpp>

#include <algorithm>

#include "base/lambda_runtimes.hpp"
#include "cfn/render.hpp"
#include "lint/reporters/reporters.hpp"
#include "lint_test_support.hpp"

using aip::lint::test::lint_spec;
using aip::lint::test::lint_template;

namespace {

// Wraps resources (YAML, indented by 2) into a template.
std::string tpl(const std::string& resources) { return "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n" + resources; }

std::string role(const std::string& policy_statements, const std::string& trust = "") {
  std::string t = trust.empty() ? R"(
          - Effect: Allow
            Principal: {Service: lambda.amazonaws.com}
            Action: sts:AssumeRole)"
                                : trust;
  return tpl(R"(
  Fn:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:)" + t + R"(
      Policies:
        - PolicyName: p
          PolicyDocument:
            Version: '2012-10-17'
            Statement:)" + policy_statements + "\n");
}

std::string trust_role(const std::string& trust) { return role(R"(
              - {Effect: Allow, Action: s3:ListAllMyBuckets, Resource: "*"})", trust); }

}  // namespace

// ---------------------------------------------------------------- network

TEST_CASE("AIP-NET-001 subnets overlapping within a VPC") {
  const std::string base = R"(
  Vpc: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.0.0.0/16}}
  A: {Type: AWS::EC2::Subnet, Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.0.0/24}}
)";
  auto bad = lint_template(tpl(base + "  B: {Type: AWS::EC2::Subnet, Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.0.128/25}}\n"),
                           "AIP-NET-001");
  REQUIRE(bad.count("AIP-NET-001") == 1);
  CHECK(bad.findings[0].location.line == 6);
  CHECK(bad.findings[0].message.find("subnet B (10.0.0.128/25) overlaps subnet A (10.0.0.0/24)") != std::string::npos);
  // The other subnet is a located note, drawn the clang way.
  REQUIRE(bad.findings[0].notes.size() == 1);
  const aip::Diagnostic& other = bad.findings[0].notes[0];
  CHECK(other.severity == aip::Severity::note);
  CHECK(other.message == "subnet A (10.0.0.0/24) declared here");
  CHECK(other.location.line == 5);
  CHECK(other.location.column == 61);  // its CidrBlock key
  const std::string a_line = "  A: {Type: AWS::EC2::Subnet, Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.0.0/24}}";
  CHECK(report_text(bad.findings, {}).find("\ntemplate.yaml:5:61: note: subnet A (10.0.0.0/24) declared here\n  " +
                                           a_line + "\n  " + std::string(60, ' ') + "^\n") != std::string::npos);
  auto good = lint_template(tpl(base + "  B: {Type: AWS::EC2::Subnet, Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24}}\n"),
                            "AIP-NET-001");
  CHECK(good.findings.empty());
  // Same ranges in two different VPCs are not this rule's business.
  auto two = lint_template(tpl(base + R"(  Vpc2: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.0.0.0/16}}
  B: {Type: AWS::EC2::Subnet, Properties: {VpcId: !Ref Vpc2, CidrBlock: 10.0.0.0/24}}
)"), "AIP-NET-001");
  CHECK(two.findings.empty());
}

TEST_CASE("AIP-NET-002 subnet outside its VPC") {
  const std::string base = "  Vpc: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.0.0.0/16}}\n";
  auto bad = lint_template(tpl(base + "  A: {Type: AWS::EC2::Subnet, Properties: {VpcId: !Ref Vpc, CidrBlock: 10.1.0.0/24}}\n"),
                           "AIP-NET-002");
  REQUIRE(bad.count("AIP-NET-002") == 1);
  CHECK(bad.findings[0].location.line == 4);
  auto good = lint_template(tpl(base + "  A: {Type: AWS::EC2::Subnet, Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.9.0/24}}\n"),
                            "AIP-NET-002");
  CHECK(good.findings.empty());
  // A secondary block holds it.
  auto secondary = lint_template(tpl(base + R"(  Extra: {Type: AWS::EC2::VPCCidrBlock, Properties: {VpcId: !Ref Vpc, CidrBlock: 10.1.0.0/16}}
  A: {Type: AWS::EC2::Subnet, Properties: {VpcId: !Ref Vpc, CidrBlock: 10.1.0.0/24}}
)"), "AIP-NET-002");
  CHECK(secondary.findings.empty());
}

TEST_CASE("AIP-NET-003 knows an existing VPC's range from the spec") {
  auto l = lint_spec(R"(aip: 1
name: test
accounts:
  dev: {id: "123456789012", region: us-east-1}
network:
  vpcs:
    shared:
      cidr: 10.40.0.0/16
      existing: {id: vpc-0a1b2c3d4e5f60718, subnets: {private: [subnet-0a1b2c3d4e5f60001]}}
    claims: {cidr: 10.40.128.0/20, tiers: {private: 24}}
)", "AIP-NET-003");
  REQUIRE(l.count("AIP-NET-003") == 1);
  const auto& f = l.findings[0];
  CHECK_THAT(f.message, Catch::StartsWith("VPC test-dev-network/ClaimsVpc (10.40.128.0/20) (account 123456789012, "
                                          "us-east-1) overlaps VPC 'shared' (existing vpc-0a1b2c3d4e5f60718) "
                                          "(10.40.0.0/16)"));
  const auto declared = std::find_if(f.notes.begin(), f.notes.end(),
                                     [](const auto& n) { return n.message.find("declared here") != std::string::npos; });
  REQUIRE(declared != f.notes.end());
  CHECK(declared->location.line == 8);  // the existing VPC's cidr in the spec
  // Two existing VPCs that overlap: reported at the later one's cidr.
  auto both = lint_spec(R"(aip: 1
name: test
accounts:
  dev: {id: "123456789012", region: us-east-1}
network:
  vpcs:
    shared:
      cidr: 10.40.0.0/16
      existing: {id: vpc-0a1b2c3d4e5f60718, subnets: {private: [subnet-0a1b2c3d4e5f60001]}}
    legacy:
      cidr: 10.40.0.0/24
      existing: {id: vpc-0a1b2c3d4e5f60719, subnets: {private: [subnet-0a1b2c3d4e5f60002]}}
)", "AIP-NET-003");
  REQUIRE(both.count("AIP-NET-003") == 1);
  CHECK(both.findings[0].location.line == 11);
}

TEST_CASE("AIP-NET-003 VPCs overlapping across VPCs, accounts and regions") {
  auto bad = lint_template(tpl(R"(
  A: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.0.0.0/16}}
  B: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.0.128.0/17}}
)"), "AIP-NET-003");
  REQUIRE(bad.count("AIP-NET-003") == 1);
  CHECK(bad.findings[0].resource == "B");
  REQUIRE(bad.findings[0].notes.size() == 1);  // the VPC it overlaps, where it is
  CHECK(bad.findings[0].notes[0].message == "VPC A (10.0.0.0/16) declared here");
  CHECK(bad.findings[0].notes[0].location.line == 4);
  CHECK(bad.findings[0].notes[0].location.column == 41);  // its CidrBlock key
  auto good = lint_template(tpl(R"(
  A: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.0.0.0/16}}
  B: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.1.0.0/16}}
)"), "AIP-NET-003");
  CHECK(good.findings.empty());

  // In a spec, across accounts: the finding points at the VPC in the spec, with a note naming the rendered resource.
  auto spec = lint_spec(R"(aip: 1
name: x
accounts:
  dev: {id: "111111111111", region: us-east-1}
  prod: {id: "222222222222", region: eu-west-1}
network:
  vpcs:
    a: {account: dev, cidr: 10.0.0.0/16, tiers: {private: 24}}
    b: {account: prod, cidr: 10.0.0.0/16, tiers: {private: 24}}
)", "AIP-NET-003");
  REQUIRE(spec.count("AIP-NET-003") == 1);
  const auto& f = spec.findings[0];
  CHECK(f.location.file->path == "spec.yaml");
  CHECK((f.location.line == 8 || f.location.line == 9));
  REQUIRE(f.notes.size() == 2);
  CHECK(f.notes[0].message.find("in rendered resource x-") != std::string::npos);
  CHECK(f.notes[0].message.find("(AWS::EC2::VPC)") != std::string::npos);
  CHECK(f.notes[0].location.file == nullptr);
  // The other VPC, at its spec line.
  CHECK(f.notes[1].message.rfind("VPC x-", 0) == 0);
  CHECK(f.notes[1].message.find(" (10.0.0.0/16) declared here") != std::string::npos);
  CHECK(f.notes[1].location.file == f.location.file);
  CHECK(f.notes[1].location.line == 17 - f.location.line);
}

TEST_CASE("AIP-NET-004 VPC overlapping on-premises ranges") {
  const std::string head = "aip: 1\nname: x\naccounts:\n  dev: {id: \"111111111111\", region: us-east-1}\nnetwork:\n";
  auto bad = lint_spec(head + "  on_prem: [10.0.0.0/8]\n  vpcs:\n    main: {cidr: 10.20.0.0/16, tiers: {private: 24}}\n",
                       "AIP-NET-004");
  REQUIRE(bad.count("AIP-NET-004") == 1);
  CHECK(bad.findings[0].location.line == 8);
  CHECK(bad.findings[0].location.column == 18);
  // The on-premises range is a located note (it was "declared at spec.yaml:6:13" in the note's text).
  REQUIRE(bad.findings[0].notes.size() == 1);
  CHECK(bad.findings[0].notes[0].message == "on-premises range 10.0.0.0/8 declared here");
  CHECK(bad.findings[0].notes[0].location.line == 6);
  CHECK(bad.findings[0].notes[0].location.column == 13);
  CHECK(report_text(bad.findings, {}).find("[AIP-NET-004]\n      main: {cidr: 10.20.0.0/16, tiers: {private: 24}}\n  " +
                                           std::string(17, ' ') + "^\n"
                                           "spec.yaml:6:13: note: on-premises range 10.0.0.0/8 declared here\n"
                                           "    on_prem: [10.0.0.0/8]\n  " + std::string(12, ' ') + "^\n") !=
        std::string::npos);
  auto good = lint_spec(head + "  on_prem: [192.168.0.0/16]\n  vpcs:\n    main: {cidr: 10.20.0.0/16, tiers: {private: 24}}\n",
                        "AIP-NET-004");
  CHECK(good.findings.empty());
}

TEST_CASE("AIP-NET-005 Docker bridge collision") {
  auto bad = lint_template(tpl("  V: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 172.16.0.0/12}}\n"), "AIP-NET-005");
  CHECK(bad.count("AIP-NET-005") == 1);
  auto good = lint_template(tpl("  V: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 172.18.0.0/16}}\n"), "AIP-NET-005");
  CHECK(good.findings.empty());
}

TEST_CASE("AIP-NET-006 subnet too small") {
  auto endpoints = [](int n) {
    std::string out = R"(
  V: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.0.0.0/16}}
  S: {Type: AWS::EC2::Subnet, Properties: {VpcId: !Ref V, CidrBlock: 10.0.0.0/28}}
)";
    for (int i = 0; i < n; ++i) {
      out += "  E" + std::to_string(i) + ": {Type: AWS::EC2::VPCEndpoint, Properties: {VpcId: !Ref V, VpcEndpointType: Interface, "
             "ServiceName: com.amazonaws.us-east-1.s" + std::to_string(i) + ", SubnetIds: [!Ref S]}}\n";
    }
    return out;
  };
  auto bad = lint_template(tpl(endpoints(12)), "AIP-NET-006");
  REQUIRE(bad.count("AIP-NET-006") == 1);
  CHECK(bad.findings[0].message.find("has 11 usable addresses (16 minus the 5 AWS reserves) but needs 12") !=
        std::string::npos);
  CHECK(lint_template(tpl(endpoints(11)), "AIP-NET-006").findings.empty());

  // ECS tasks at maximum scale, with the deployment surge.
  auto ecs = [](int max) {
    return tpl(R"(
  V: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.0.0.0/16}}
  S1: {Type: AWS::EC2::Subnet, Properties: {VpcId: !Ref V, CidrBlock: 10.0.0.0/27}}
  S2: {Type: AWS::EC2::Subnet, Properties: {VpcId: !Ref V, CidrBlock: 10.0.0.32/27}}
  Svc:
    Type: AWS::ECS::Service
    Properties:
      NetworkConfiguration: {AwsvpcConfiguration: {Subnets: [!Ref S1, !Ref S2]}}
  Scaling:
    Type: AWS::ApplicationAutoScaling::ScalableTarget
    Properties:
      ScalableDimension: ecs:service:DesiredCount
      ServiceNamespace: ecs
      ResourceId: !Join [/, [service, cluster, !GetAtt Svc.Name]]
      MinCapacity: 1
      MaxCapacity: )" + std::to_string(max) + "\n");
  };
  CHECK(lint_template(ecs(30), "AIP-NET-006").count("AIP-NET-006") == 2);  // 30*2/2 = 30 > 27
  CHECK(lint_template(ecs(27), "AIP-NET-006").findings.empty());          // 27 per subnet fits
}

TEST_CASE("AIP-NET-006 in a spec: a /28 tier with many interface endpoints") {
  auto bad = lint_spec(R"(aip: 1
name: x
accounts:
  dev: {id: "111111111111", region: us-east-1}
network:
  vpcs:
    main:
      cidr: 10.0.0.0/24
      tiers: {private: 28}
      endpoints:
        interface: [bedrock-runtime, logs, sts, secretsmanager, ecr.api, ecr.dkr, ssm, ssmmessages, ec2messages, kms, sqs, sns]
)", "AIP-NET-006");
  REQUIRE(bad.count("AIP-NET-006") == 2);  // one per AZ subnet
  CHECK(bad.findings[0].location.line == 9);
}

// ---------------------------------------------------------------- exposure

TEST_CASE("AIP-EXP-001 and AIP-EXP-002 ingress from the internet") {
  auto sg = [](const std::string& rule) {
    return tpl(R"(
  V: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.0.0.0/16}}
  G:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: g
      VpcId: !Ref V
      SecurityGroupEgress: [{IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0}]
      SecurityGroupIngress:
        - )" + rule + "\n");
  };
  auto ssh = lint_template(sg("{IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0}"));
  CHECK(ssh.count("AIP-EXP-001") == 1);
  CHECK(ssh.count("AIP-EXP-002") == 0);
  CHECK(ssh.of("AIP-EXP-001")[0].location.line == 12);
  CHECK(lint_template(sg("{IpProtocol: tcp, FromPort: 5000, ToPort: 6000, CidrIpv6: '::/0'}")).count("AIP-EXP-001") == 1);
  CHECK(lint_template(sg("{IpProtocol: '-1', CidrIp: 0.0.0.0/0}")).count("AIP-EXP-001") == 1);
  auto app = lint_template(sg("{IpProtocol: tcp, FromPort: 8080, ToPort: 8080, CidrIp: 0.0.0.0/0}"));
  CHECK(app.count("AIP-EXP-001") == 0);
  CHECK(app.count("AIP-EXP-002") == 1);
  auto https = lint_template(sg("{IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0}"));
  CHECK(https.count("AIP-EXP-001") + https.count("AIP-EXP-002") == 0);
  auto internal = lint_template(sg("{IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 10.0.0.0/16}"));
  CHECK(internal.count("AIP-EXP-001") + internal.count("AIP-EXP-002") == 0);
  // Standalone ingress resources too.
  auto standalone = lint_template(tpl(R"(
  I: {Type: AWS::EC2::SecurityGroupIngress, Properties: {GroupId: sg-1, IpProtocol: tcp, FromPort: 3389, ToPort: 3389, CidrIp: 0.0.0.0/0}}
)"), "AIP-EXP-001");
  CHECK(standalone.count("AIP-EXP-001") == 1);
}

TEST_CASE("AIP-EXP-003 unrestricted egress") {
  auto sg = [](const std::string& egress) {
    return tpl(R"(
  V: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.0.0.0/16}}
  G:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: g
      VpcId: !Ref V
)" + egress);
  };
  CHECK(lint_template(sg("      SecurityGroupEgress: [{IpProtocol: '-1', CidrIp: 0.0.0.0/0}]\n"), "AIP-EXP-003").count("AIP-EXP-003") == 1);
  CHECK(lint_template(sg(""), "AIP-EXP-003").count("AIP-EXP-003") == 1);  // the default
  CHECK(lint_template(sg("      SecurityGroupEgress: [{IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0}]\n"),
                      "AIP-EXP-003").findings.empty());
  CHECK(lint_template(sg("  E: {Type: AWS::EC2::SecurityGroupEgress, Properties: {GroupId: !Ref G, IpProtocol: tcp, FromPort: 443, "
                         "ToPort: 443, CidrIp: 10.0.0.0/8}}\n"),
                      "AIP-EXP-003").findings.empty());
}

TEST_CASE("AIP-EXP-004 publicly accessible database") {
  CHECK(lint_template(tpl("  D: {Type: AWS::RDS::DBInstance, Properties: {PubliclyAccessible: true, StorageEncrypted: true}}\n"),
                      "AIP-EXP-004").count("AIP-EXP-004") == 1);
  CHECK(lint_template(tpl("  D: {Type: AWS::RDS::DBInstance, Properties: {PubliclyAccessible: false}}\n"), "AIP-EXP-004")
            .findings.empty());
  CHECK(lint_template(tpl("  D: {Type: AWS::RDS::DBInstance, Properties: {}}\n"), "AIP-EXP-004").findings.empty());
}

namespace {
const std::string kGoodBucket = R"(
  B:
    Type: AWS::S3::Bucket
    Properties:
      BucketEncryption:
        ServerSideEncryptionConfiguration: [{ServerSideEncryptionByDefault: {SSEAlgorithm: aws:kms}}]
      PublicAccessBlockConfiguration: {BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true}
      LoggingConfiguration: {DestinationBucketName: !Ref Logs}
  Logs:
    Type: AWS::S3::Bucket
    Properties:
      BucketEncryption:
        ServerSideEncryptionConfiguration: [{ServerSideEncryptionByDefault: {SSEAlgorithm: AES256}}]
      PublicAccessBlockConfiguration: {BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true}
  BP:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref B
      PolicyDocument:
        Statement:
          - {Effect: Deny, Principal: "*", Action: "s3:*", Resource: [!GetAtt B.Arn, !Sub "${B.Arn}/*"], Condition: {Bool: {aws:SecureTransport: "false"}}}
  LP:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Logs
      PolicyDocument:
        Statement:
          - {Effect: Deny, Principal: "*", Action: "s3:*", Resource: [!GetAtt Logs.Arn], Condition: {Bool: {aws:SecureTransport: false}}}
)";
}

TEST_CASE("bucket rules stay quiet on a well-configured bucket") {
  auto good = lint_template(tpl(kGoodBucket));
  for (const char* id : {"AIP-EXP-005", "AIP-ENC-001", "AIP-ENC-002", "AIP-LOG-003", "AIP-EXP-007"}) {
    INFO(id);
    CHECK(good.count(id) == 0);
  }
}

TEST_CASE("AIP-EXP-005 block public access") {
  auto partial = lint_template(tpl(R"(
  B: {Type: AWS::S3::Bucket, Properties: {PublicAccessBlockConfiguration: {BlockPublicAcls: true, BlockPublicPolicy: false}}}
)"), "AIP-EXP-005");
  REQUIRE(partial.count("AIP-EXP-005") == 1);
  CHECK(partial.findings[0].severity == aip::Severity::error);
  CHECK(partial.findings[0].message.find("BlockPublicPolicy, IgnorePublicAcls, RestrictPublicBuckets not true") !=
        std::string::npos);
  auto missing = lint_template(tpl("  B: {Type: AWS::S3::Bucket}\n"), "AIP-EXP-005");
  REQUIRE(missing.count("AIP-EXP-005") == 1);
  CHECK(missing.findings[0].severity == aip::Severity::warning);
}

TEST_CASE("AIP-EXP-006 internet-facing ALB without WAF") {
  const std::string lb = "  LB: {Type: AWS::ElasticLoadBalancingV2::LoadBalancer, Properties: {Subnets: [subnet-1, subnet-2]}}\n";
  CHECK(lint_template(tpl(lb), "AIP-EXP-006").count("AIP-EXP-006") == 1);
  CHECK(lint_template(tpl(lb + "  W: {Type: AWS::WAFv2::WebACLAssociation, Properties: {ResourceArn: !Ref LB, WebACLArn: arn}}\n"),
                      "AIP-EXP-006").findings.empty());
  CHECK(lint_template(tpl("  LB: {Type: AWS::ElasticLoadBalancingV2::LoadBalancer, Properties: {Scheme: internal}}\n"),
                      "AIP-EXP-006").findings.empty());
}

TEST_CASE("AIP-EXP-007 resource policy open to anyone") {
  auto queue = [](const std::string& condition) {
    return tpl(R"(
  Q: {Type: AWS::SQS::Queue}
  P:
    Type: AWS::SQS::QueuePolicy
    Properties:
      Queues: [!Ref Q]
      PolicyDocument:
        Statement:
          - Effect: Allow
            Principal: "*"
            Action: sqs:SendMessage
            Resource: !GetAtt Q.Arn)" + condition + "\n");
  };
  CHECK(lint_template(queue(""), "AIP-EXP-007").count("AIP-EXP-007") == 1);
  CHECK(lint_template(queue("\n            Condition: {ArnEquals: {aws:SourceArn: arn:aws:sns:us-east-1:111111111111:t}}"),
                      "AIP-EXP-007").findings.empty());
}

TEST_CASE("AIP-EXP-008 API method without authorization") {
  auto method = [](const std::string& props) {
    return tpl("  Api: {Type: AWS::ApiGateway::RestApi, Properties: {Name: a}}\n"
               "  M: {Type: AWS::ApiGateway::Method, Properties: {RestApiId: !Ref Api, ResourceId: r, " + props + "}}\n");
  };
  auto open = lint_template(method("HttpMethod: POST, AuthorizationType: NONE"), "AIP-EXP-008");
  REQUIRE(open.count("AIP-EXP-008") == 1);
  CHECK(open.findings[0].location.line == 4);
  CHECK(open.findings[0].message.find("API method M (POST) has AuthorizationType NONE") != std::string::npos);
  // Missing means NONE; an API key does not authorize.
  CHECK(lint_template(method("HttpMethod: GET"), "AIP-EXP-008").count("AIP-EXP-008") == 1);
  auto keyed = lint_template(method("HttpMethod: GET, AuthorizationType: NONE, ApiKeyRequired: true"), "AIP-EXP-008");
  REQUIRE(keyed.count("AIP-EXP-008") == 1);
  CHECK(keyed.findings[0].message.find("an API key identifies callers but does not authorize them") != std::string::npos);
  CHECK(lint_template(method("HttpMethod: OPTIONS, AuthorizationType: NONE"), "AIP-EXP-008").findings.empty());
  CHECK(lint_template(method("HttpMethod: POST, AuthorizationType: CUSTOM, AuthorizerId: x"), "AIP-EXP-008").findings.empty());
  CHECK(lint_template(method("HttpMethod: POST, AuthorizationType: AWS_IAM"), "AIP-EXP-008").findings.empty());
  // HTTP APIs: routes.
  CHECK(lint_template(tpl("  R: {Type: AWS::ApiGatewayV2::Route, Properties: {ApiId: a, RouteKey: 'POST /x'}}\n"),
                      "AIP-EXP-008").count("AIP-EXP-008") == 1);
  CHECK(lint_template(tpl("  R: {Type: AWS::ApiGatewayV2::Route, Properties: {ApiId: a, RouteKey: 'POST /x', "
                          "AuthorizationType: JWT}}\n"),
                      "AIP-EXP-008").findings.empty());
  // WebSocket APIs are authorized on $connect only; their other routes take no AuthorizationType.
  auto websocket = [](const std::string& protocol, const std::string& route) {
    return tpl("  Api: {Type: AWS::ApiGatewayV2::Api, Properties: {Name: a, ProtocolType: " + protocol + "}}\n"
               "  R: {Type: AWS::ApiGatewayV2::Route, Properties: {ApiId: !Ref Api, RouteKey: " + route + "}}\n");
  };
  CHECK(lint_template(websocket("WEBSOCKET", "$default"), "AIP-EXP-008").findings.empty());
  CHECK(lint_template(websocket("WEBSOCKET", "sendMessage"), "AIP-EXP-008").findings.empty());
  CHECK(lint_template(websocket("WEBSOCKET", "$connect"), "AIP-EXP-008").count("AIP-EXP-008") == 1);
  CHECK(lint_template(websocket("HTTP", "$default"), "AIP-EXP-008").count("AIP-EXP-008") == 1);
}

TEST_CASE("AIP-EXP-009 public API stage without WAF") {
  auto api = [](const std::string& endpoint, const std::string& extra) {
    return tpl("  Api: {Type: AWS::ApiGateway::RestApi, Properties: {Name: a" + endpoint + "}}\n"
               "  S: {Type: AWS::ApiGateway::Stage, Properties: {RestApiId: !Ref Api, StageName: v1}}\n" + extra);
  };
  auto bad = lint_template(api("", ""), "AIP-EXP-009");
  REQUIRE(bad.count("AIP-EXP-009") == 1);
  CHECK(bad.findings[0].resource == "S");
  CHECK(lint_template(api(", EndpointConfiguration: {Types: [REGIONAL]}", ""), "AIP-EXP-009").count("AIP-EXP-009") == 1);
  // Private APIs are reachable only through a VPC endpoint.
  CHECK(lint_template(api(", EndpointConfiguration: {Types: [PRIVATE]}", ""), "AIP-EXP-009").findings.empty());
  // Associated by the stage's reference, or by the API's and the stage name.
  CHECK(lint_template(api("", "  W: {Type: AWS::WAFv2::WebACLAssociation, Properties: {WebACLArn: arn, ResourceArn: "
                              "!Sub [\"arn:aws:apigateway:us-east-1::/restapis/${A}/stages/${S}\", {A: !Ref Api, S: !Ref S}]}}\n"),
                      "AIP-EXP-009").findings.empty());
  CHECK(lint_template(api("", "  W: {Type: AWS::WAFv2::WebACLAssociation, Properties: {WebACLArn: arn, ResourceArn: "
                              "!Sub \"arn:aws:apigateway:us-east-1::/restapis/${Api}/stages/v1\"}}\n"),
                      "AIP-EXP-009").findings.empty());
  // Another stage's association does not count.
  CHECK(lint_template(api("", "  W: {Type: AWS::WAFv2::WebACLAssociation, Properties: {WebACLArn: arn, ResourceArn: "
                              "!Sub \"arn:aws:apigateway:us-east-1::/restapis/${Api}/stages/v2\"}}\n"),
                      "AIP-EXP-009").count("AIP-EXP-009") == 1);
}

TEST_CASE("what the api area renders passes the API rules, and a regional API without WAF does not") {
  const std::string spec = R"(aip: 1
name: x
accounts:
  dev: {id: "111111111111", region: us-east-1}
functions:
  router: {runtime: python3.12, handler: a.b, code: {inline: x}}
  auth: {runtime: python3.12, handler: a.b, code: {inline: x}}
api:
  rest_apis:
    gw:
      authorizers: {jwt: {function: auth}}
      routes: {POST /v1/invoke: router}
)";
  const std::string waf = "edge:\n  web_acls:\n    w: {apis: [gw]}\n";
  for (const char* rule : {"AIP-LOG-004", "AIP-EXP-008", "AIP-EXP-009"}) {
    INFO(rule);
    CHECK(lint_spec(spec + waf, rule).findings.empty());
  }
  auto unprotected = lint_spec(spec, "AIP-EXP-009");
  REQUIRE(unprotected.count("AIP-EXP-009") == 1);
  CHECK(unprotected.findings[0].location.line == 10);  // the API, which writes no stage
}

// ---------------------------------------------------------------- encryption

TEST_CASE("AIP-ENC-001 bucket encryption") {
  CHECK(lint_template(tpl("  B: {Type: AWS::S3::Bucket}\n"), "AIP-ENC-001").count("AIP-ENC-001") == 1);
  CHECK(lint_template(tpl(kGoodBucket), "AIP-ENC-001").findings.empty());
}

TEST_CASE("AIP-ENC-002 bucket TLS-only policy") {
  CHECK(lint_template(tpl("  B: {Type: AWS::S3::Bucket}\n"), "AIP-ENC-002").count("AIP-ENC-002") == 1);
  // An Allow on SecureTransport does not enforce anything.
  auto allow = lint_template(tpl(R"(
  B: {Type: AWS::S3::Bucket}
  P:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref B
      PolicyDocument:
        Statement: [{Effect: Allow, Principal: {AWS: arn:aws:iam::111111111111:root}, Action: s3:GetObject, Resource: "*", Condition: {Bool: {aws:SecureTransport: "true"}}}]
)"), "AIP-ENC-002");
  CHECK(allow.count("AIP-ENC-002") == 1);
  CHECK(lint_template(tpl(kGoodBucket), "AIP-ENC-002").findings.empty());
}

TEST_CASE("AIP-ENC-003 database storage encryption") {
  CHECK(lint_template(tpl("  C: {Type: AWS::RDS::DBCluster, Properties: {Engine: aurora-postgresql}}\n"), "AIP-ENC-003")
            .count("AIP-ENC-003") == 1);
  CHECK(lint_template(tpl("  C: {Type: AWS::RDS::DBCluster, Properties: {Engine: aurora-postgresql, StorageEncrypted: false}}\n"),
                      "AIP-ENC-003").count("AIP-ENC-003") == 1);
  CHECK(lint_template(tpl(R"(
  C: {Type: AWS::RDS::DBCluster, Properties: {Engine: aurora-postgresql, StorageEncrypted: true}}
  I: {Type: AWS::RDS::DBInstance, Properties: {DBClusterIdentifier: !Ref C, DBInstanceClass: db.r6g.large}}
)"), "AIP-ENC-003").findings.empty());
}

TEST_CASE("AIP-ENC-004 SNS topic encryption") {
  CHECK(lint_template(tpl("  T: {Type: AWS::SNS::Topic}\n"), "AIP-ENC-004").count("AIP-ENC-004") == 1);
  CHECK(lint_template(tpl("  T: {Type: AWS::SNS::Topic, Properties: {KmsMasterKeyId: alias/aws/sns}}\n"), "AIP-ENC-004")
            .findings.empty());
}

TEST_CASE("AIP-ENC-005 SQS queue encryption") {
  CHECK(lint_template(tpl("  Q: {Type: AWS::SQS::Queue, Properties: {SqsManagedSseEnabled: false}}\n"), "AIP-ENC-005")
            .count("AIP-ENC-005") == 1);
  CHECK(lint_template(tpl("  Q: {Type: AWS::SQS::Queue}\n"), "AIP-ENC-005").findings.empty());
  CHECK(lint_template(tpl("  Q: {Type: AWS::SQS::Queue, Properties: {SqsManagedSseEnabled: false, KmsMasterKeyId: alias/k}}\n"),
                      "AIP-ENC-005").findings.empty());
}

// ---------------------------------------------------------------- logging, resilience

TEST_CASE("AIP-LOG-001 log group retention") {
  CHECK(lint_template(tpl("  L: {Type: AWS::Logs::LogGroup}\n"), "AIP-LOG-001").count("AIP-LOG-001") == 1);
  CHECK(lint_template(tpl("  L: {Type: AWS::Logs::LogGroup, Properties: {RetentionInDays: 30}}\n"), "AIP-LOG-001")
            .findings.empty());
}

TEST_CASE("AIP-LOG-002 ALB access logs") {
  CHECK(lint_template(tpl("  LB: {Type: AWS::ElasticLoadBalancingV2::LoadBalancer}\n"), "AIP-LOG-002").count("AIP-LOG-002") == 1);
  CHECK(lint_template(tpl(R"(
  LB:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      LoadBalancerAttributes: [{Key: access_logs.s3.enabled, Value: "true"}, {Key: access_logs.s3.bucket, Value: logs}]
)"), "AIP-LOG-002").findings.empty());
}

TEST_CASE("AIP-LOG-003 bucket access logs, log buckets exempt") {
  auto l = lint_template(tpl("  B: {Type: AWS::S3::Bucket}\n"), "AIP-LOG-003");
  CHECK(l.count("AIP-LOG-003") == 1);
  CHECK(lint_template(tpl(kGoodBucket), "AIP-LOG-003").findings.empty());  // Logs is B's log target
}


TEST_CASE("AIP-LOG-004 API stage without access logging") {
  const std::string api = "  Api: {Type: AWS::ApiGateway::RestApi, Properties: {Name: a}}\n";
  auto bad = lint_template(tpl(api + "  S: {Type: AWS::ApiGateway::Stage, Properties: {RestApiId: !Ref Api}}\n"),
                           "AIP-LOG-004");
  REQUIRE(bad.count("AIP-LOG-004") == 1);
  CHECK(bad.findings[0].location.line == 4);
  // A destination without a format logs nothing useful (cdk-nag APIG1 asks for both).
  CHECK(lint_template(tpl(api + "  S: {Type: AWS::ApiGateway::Stage, Properties: {RestApiId: !Ref Api, "
                                "AccessLogSetting: {DestinationArn: arn}}}\n"),
                      "AIP-LOG-004").count("AIP-LOG-004") == 1);
  CHECK(lint_template(tpl(api + "  S: {Type: AWS::ApiGateway::Stage, Properties: {RestApiId: !Ref Api, "
                                "AccessLogSetting: {DestinationArn: arn, Format: '$context.requestId'}}}\n"),
                      "AIP-LOG-004").findings.empty());
  CHECK(lint_template(tpl("  S: {Type: AWS::ApiGatewayV2::Stage, Properties: {ApiId: a, StageName: s}}\n"), "AIP-LOG-004")
            .count("AIP-LOG-004") == 1);
  // A deployment that creates its own stage.
  auto deployment = lint_template(tpl(api + "  D: {Type: AWS::ApiGateway::Deployment, Properties: {RestApiId: !Ref Api, "
                                            "StageName: prod}}\n"),
                                  "AIP-LOG-004");
  REQUIRE(deployment.count("AIP-LOG-004") == 1);
  CHECK(deployment.findings[0].message.find("deployment D creates a stage without access logging") != std::string::npos);
  CHECK(lint_template(tpl(api + "  D: {Type: AWS::ApiGateway::Deployment, Properties: {RestApiId: !Ref Api}}\n"),
                      "AIP-LOG-004").findings.empty());
}
TEST_CASE("AIP-RES-001 production database deletion protection") {
  auto db = [](const std::string& env, const std::string& extra) {
    return tpl("  C: {Type: AWS::RDS::DBCluster, Properties: {Engine: aurora-postgresql, StorageEncrypted: true" + extra +
               ", Tags: [{Key: Environment, Value: " + env + "}]}}\n");
  };
  CHECK(lint_template(db("prod", ""), "AIP-RES-001").count("AIP-RES-001") == 1);
  CHECK(lint_template(db("Production", ", DeletionProtection: false"), "AIP-RES-001").count("AIP-RES-001") == 1);
  CHECK(lint_template(db("prod", ", DeletionProtection: true"), "AIP-RES-001").findings.empty());
  CHECK(lint_template(db("dev", ""), "AIP-RES-001").findings.empty());
}

// ---------------------------------------------------------------- IAM

TEST_CASE("AIP-IAM-001 wildcard actions") {
  auto star = lint_template(role(R"(
              - {Effect: Allow, Action: "*", Resource: "*"})"), "AIP-IAM-001");
  REQUIRE(star.count("AIP-IAM-001") == 1);
  CHECK(star.findings[0].location.line == 18);
  CHECK(lint_template(role(R"(
              - {Effect: Allow, Action: ["s3:*"], Resource: "arn:aws:s3:::b/*"})"), "AIP-IAM-001").count("AIP-IAM-001") == 1);
  CHECK(lint_template(role(R"(
              - {Effect: Allow, Action: ["s3:Get*"], Resource: "arn:aws:s3:::b/*"})"), "AIP-IAM-001").findings.empty());
  CHECK(lint_template(role(R"(
              - {Effect: Deny, Action: "*", Resource: "*"})"), "AIP-IAM-001").findings.empty());
}

TEST_CASE("AIP-IAM-001 does not flag AWS's default KMS key policy") {
  auto key = [](const std::string& principal, const std::string& action = "kms:*") {
    return tpl(R"(
  K:
    Type: AWS::KMS::Key
    Properties:
      KeyPolicy:
        Version: '2012-10-17'
        Statement:
          - Sid: Enable IAM User Permissions
            Effect: Allow
            Principal: {AWS: )" + principal + R"(}
            Action: ")" + action + R"("
            Resource: "*"
)");
  };
  CHECK(lint_template(key("!Sub 'arn:${AWS::Partition}:iam::${AWS::AccountId}:root'"), "AIP-IAM-001").findings.empty());
  CHECK(lint_template(key("arn:aws:iam::111111111111:root"), "AIP-IAM-001").findings.empty());
  CHECK(lint_template(key("!Ref AWS::AccountId"), "AIP-IAM-001").findings.empty());
  // Anyone else with kms:* is flagged, and so is "*" for the root.
  CHECK(lint_template(key("arn:aws:iam::111111111111:role/app"), "AIP-IAM-001").count("AIP-IAM-001") == 1);
  CHECK(lint_template(key("arn:aws:iam::111111111111:root", "*"), "AIP-IAM-001").count("AIP-IAM-001") == 1);
}

TEST_CASE("AIP-IAM-002 Resource * only for actions with resource-level permissions") {
  auto scoped = lint_template(role(R"(
              - {Effect: Allow, Action: [s3:GetObject, dynamodb:GetItem], Resource: "*"})"), "AIP-IAM-002");
  REQUIRE(scoped.count("AIP-IAM-002") == 1);
  CHECK(scoped.findings[0].message.find("dynamodb:GetItem") != std::string::npos);
  // These accept only "*": no false positive.
  CHECK(lint_template(role(R"(
              - {Effect: Allow, Action: [ec2:DescribeInstances, s3:ListAllMyBuckets, sts:GetCallerIdentity], Resource: "*"})"),
                      "AIP-IAM-002").findings.empty());
  CHECK(lint_template(role(R"(
              - {Effect: Allow, Action: s3:GetObject, Resource: "arn:aws:s3:::b/*"})"), "AIP-IAM-002").findings.empty());
}

TEST_CASE("AIP-IAM-003 NotAction / NotResource with Allow") {
  CHECK(lint_template(role(R"(
              - {Effect: Allow, NotAction: iam:*, Resource: "*"})"), "AIP-IAM-003").count("AIP-IAM-003") == 1);
  CHECK(lint_template(role(R"(
              - {Effect: Allow, Action: s3:GetObject, NotResource: "arn:aws:s3:::secret/*"})"), "AIP-IAM-003").count("AIP-IAM-003") == 1);
  CHECK(lint_template(role(R"(
              - {Effect: Deny, NotAction: iam:*, Resource: "*"})"), "AIP-IAM-003").findings.empty());
}

TEST_CASE("AIP-IAM-004 iam:PassRole") {
  CHECK(lint_template(role(R"(
              - {Effect: Allow, Action: iam:PassRole, Resource: "*"})"), "AIP-IAM-004").count("AIP-IAM-004") == 1);
  CHECK(lint_template(role(R"(
              - {Effect: Allow, Action: iam:PassRole, Resource: "arn:aws:iam::111111111111:role/task"})"), "AIP-IAM-004")
            .count("AIP-IAM-004") == 1);
  CHECK(lint_template(role(R"(
              - Effect: Allow
                Action: iam:PassRole
                Resource: arn:aws:iam::111111111111:role/task
                Condition: {StringEquals: {iam:PassedToService: ecs-tasks.amazonaws.com}})"), "AIP-IAM-004").findings.empty());
}

TEST_CASE("AIP-IAM-005 privilege escalation") {
  CHECK(lint_template(role(R"(
              - {Effect: Allow, Action: iam:CreatePolicyVersion, Resource: "*"})"), "AIP-IAM-005").count("AIP-IAM-005") == 1);
  // PassRole and CreateFunction run nothing until something invokes the function (issue 23).
  CHECK(lint_template(role(R"(
              - {Effect: Allow, Action: iam:PassRole, Resource: "arn:aws:iam::111111111111:role/x", Condition: {StringEquals: {iam:PassedToService: lambda.amazonaws.com}}}
              - {Effect: Allow, Action: lambda:CreateFunction, Resource: "*"})"), "AIP-IAM-005").findings.empty());
  auto combo = lint_template(role(R"(
              - {Effect: Allow, Action: iam:PassRole, Resource: "arn:aws:iam::111111111111:role/x", Condition: {StringEquals: {iam:PassedToService: lambda.amazonaws.com}}}
              - {Effect: Allow, Action: [lambda:CreateFunction, lambda:InvokeFunction], Resource: "*"})"), "AIP-IAM-005");
  REQUIRE(combo.count("AIP-IAM-005") == 1);
  CHECK(combo.findings[0].message.find("passrole-lambda-invoke: iam:PassRole + lambda:CreateFunction + lambda:InvokeFunction") !=
        std::string::npos);
  // Split over an inline policy and an AWS::IAM::Policy attached to the same role.
  auto split = lint_template(role(R"(
              - {Effect: Allow, Action: ec2:RunInstances, Resource: "*"})") + R"(
  Extra:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: extra
      Roles: [!Ref Fn]
      PolicyDocument:
        Statement: [{Effect: Allow, Action: iam:PassRole, Resource: "arn:aws:iam::111111111111:role/x"}]
)", "AIP-IAM-005");
  CHECK(split.count("AIP-IAM-005") == 1);
  CHECK(lint_template(role(R"(
              - {Effect: Allow, Action: lambda:CreateFunction, Resource: "*"}
              - {Effect: Allow, Action: iam:CreateAccessKey, Resource: "arn:aws:iam::111111111111:user/me"})"), "AIP-IAM-005")
            .findings.empty());
}

TEST_CASE("AIP-IAM-006 trust policy with Principal *") {
  CHECK(lint_template(trust_role(R"(
          - {Effect: Allow, Principal: {AWS: "*"}, Action: sts:AssumeRole})"), "AIP-IAM-006").count("AIP-IAM-006") == 1);
  CHECK(lint_template(trust_role(R"(
          - {Effect: Allow, Principal: "*", Action: sts:AssumeRole, Condition: {StringEquals: {aws:PrincipalOrgID: o-abc}}})"),
                      "AIP-IAM-006").findings.empty());
  CHECK(lint_template(trust_role(""), "AIP-IAM-006").findings.empty());
}

TEST_CASE("AIP-IAM-007 trust of a whole account") {
  CHECK(lint_template(trust_role(R"(
          - {Effect: Allow, Principal: {AWS: "arn:aws:iam::999999999999:root"}, Action: sts:AssumeRole})"), "AIP-IAM-007")
            .count("AIP-IAM-007") == 1);
  CHECK(lint_template(trust_role(R"(
          - {Effect: Allow, Principal: {AWS: "999999999999"}, Action: sts:AssumeRole, Condition: {StringEquals: {sts:ExternalId: s3cr3t}}})"),
                      "AIP-IAM-007").findings.empty());
  CHECK(lint_template(trust_role(R"(
          - {Effect: Allow, Principal: {AWS: !Sub "arn:${AWS::Partition}:iam::${AWS::AccountId}:root"}, Action: sts:AssumeRole})"),
                      "AIP-IAM-007").findings.empty());
  // Service principals with aws:SourceAccount are fine.
  CHECK(lint_template(trust_role(R"(
          - {Effect: Allow, Principal: {Service: vpc-flow-logs.amazonaws.com}, Action: sts:AssumeRole, Condition: {StringEquals: {aws:SourceAccount: "111111111111"}}})"),
                      "").findings.empty());
}

TEST_CASE("AIP-IAM-008 GitHub OIDC trust") {
  auto gh = [](const std::string& condition) {
    return trust_role(R"(
          - Effect: Allow
            Principal: {Federated: !Sub "arn:aws:iam::${AWS::AccountId}:oidc-provider/token.actions.githubusercontent.com"}
            Action: sts:AssumeRoleWithWebIdentity)" + condition);
  };
  CHECK(lint_template(gh(""), "AIP-IAM-008").count("AIP-IAM-008") == 1);
  auto wild = lint_template(gh(R"(
            Condition:
              StringEquals: {token.actions.githubusercontent.com:aud: sts.amazonaws.com}
              StringLike: {token.actions.githubusercontent.com:sub: "repo:my-org/*"})"), "AIP-IAM-008");
  REQUIRE(wild.count("AIP-IAM-008") == 1);
  CHECK(wild.findings[0].message.find("repo:my-org/*") != std::string::npos);
  CHECK(lint_template(gh(R"(
            Condition:
              StringEquals: {token.actions.githubusercontent.com:aud: sts.amazonaws.com}
              StringLike: {token.actions.githubusercontent.com:sub: "repo:my-org/my-repo:ref:refs/heads/main"})"), "AIP-IAM-008")
            .findings.empty());
}

TEST_CASE("AIP-IAM-009 ForAllValues on single-valued keys") {
  CHECK(lint_template(role(R"(
              - {Effect: Allow, Action: s3:GetObject, Resource: "arn:aws:s3:::b/*", Condition: {ForAllValues:StringEquals: {aws:PrincipalOrgID: o-1}}})"),
                      "AIP-IAM-009").count("AIP-IAM-009") == 1);
  CHECK(lint_template(role(R"(
              - {Effect: Allow, Action: s3:PutObjectTagging, Resource: "arn:aws:s3:::b/*", Condition: {ForAllValues:StringEquals: {aws:TagKeys: [a, b]}}})"),
                      "AIP-IAM-009").findings.empty());
}

TEST_CASE("AIP-IAM-010 admin-equivalent managed policies") {
  auto r = [](const std::string& arn) {
    return tpl(R"(
  R:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {Statement: [{Effect: Allow, Principal: {Service: ec2.amazonaws.com}, Action: sts:AssumeRole}]}
      ManagedPolicyArns: [)" + arn + "]\n");
  };
  CHECK(lint_template(r("arn:aws:iam::aws:policy/AdministratorAccess"), "AIP-IAM-010").count("AIP-IAM-010") == 1);
  CHECK(lint_template(r("!Sub 'arn:${AWS::Partition}:iam::aws:policy/PowerUserAccess'"), "AIP-IAM-010").count("AIP-IAM-010") == 1);
  CHECK(lint_template(r("arn:aws:iam::aws:policy/ReadOnlyAccess"), "AIP-IAM-010").findings.empty());
}

TEST_CASE("AIP-IAM-011 unknown services and actions") {
  auto typo = lint_template(role(R"(
              - {Effect: Allow, Action: [s3:GetObjects, dynamo:GetItem, s3:Frobnicate*], Resource: "arn:aws:s3:::b/*"})"), "AIP-IAM-011");
  REQUIRE(typo.count("AIP-IAM-011") == 3);
  bool suggested = false;
  for (const auto& f : typo.findings) suggested = suggested || f.message.find("did you mean") != std::string::npos;
  CHECK(suggested);
  CHECK(lint_template(role(R"(
              - {Effect: Allow, Action: [s3:GetObject, "s3:List*", "bedrock:InvokeModel"], Resource: "arn:aws:s3:::b/*"})"), "AIP-IAM-011")
            .findings.empty());
}

TEST_CASE("AIP-LINT-001 suppressions need a reason and a known rule") {
  auto bad = lint_template(tpl(R"(
  L:
    Type: AWS::Logs::LogGroup
    Metadata:
      aip:
        suppress:
          - {rule: AIP-LOG-001}
          - {rule: AIP-NOPE-999, reason: typo}
)"));
  CHECK(bad.count("AIP-LINT-001") == 2);
  CHECK(bad.count("AIP-LOG-001") == 1);
  CHECK_FALSE(bad.of("AIP-LOG-001")[0].suppressed);  // no reason: not suppressed
  auto good = lint_template(tpl(R"(
  L:
    Type: AWS::Logs::LogGroup
    Metadata:
      aip:
        suppress:
          - {rule: AIP-LOG-001, reason: "kept forever on purpose: legal hold"}
)"));
  CHECK(good.count("AIP-LINT-001") == 0);
  REQUIRE(good.count("AIP-LOG-001") == 1);
  CHECK(good.of("AIP-LOG-001")[0].suppressed);
  CHECK(good.of("AIP-LOG-001")[0].suppression_reason == "kept forever on purpose: legal hold");
}

TEST_CASE("AIP-LINT-001 knows the warnings of aip validate (AIP-CFN-W...), which are suppressed in the same lists") {
  auto cfn = lint_template(tpl(R"(
  L:
    Type: AWS::Logs::LogGroup
    Metadata:
      aip:
        suppress:
          - {rule: AIP-CFN-W003, reason: "the tag documents the Sub syntax"}
          - {rule: AIP-CFN-W999, reason: "no such check"}
)"));
  CHECK(cfn.count("AIP-LINT-001") == 1);  // only the unknown id
}

// ---------------------------------------------------------------- restrictions

namespace {

// A lake with seed 001's layers and one persona; `persona` is its body (indented by 6).
std::string lake(const std::string& persona) {
  return R"(aip: 1
name: lake
accounts:
  dev: {id: "123456789012", region: us-east-1}
storage:
  access_logs_bucket: logs
  buckets:
    logs: {account: dev, preset: logs, receives: [s3-access-logs]}
    bronze: {account: dev, preset: bronze}
    silver: {account: dev, preset: silver}
    gold: {account: dev, preset: gold}
iam:
  personas:
    app-developer:
      role_name: AppDeveloperRole
      trust: {identity_center: AppDeveloper}
      accounts: [dev]
)" + persona;
}

const std::string kBronze = "arn:aws:s3:::lake-bronze-123456789012-us-east-1";

// A role as aip synth renders it: restriction probes in Metadata, an Allow,
// and (when `deny`) the restriction's Deny.
std::string restricted_role(bool deny) {
  std::string t = tpl(R"(
  Dev:
    Type: AWS::IAM::Role
    Metadata:
      aip:
        restrictions:
          - name: training-data
            probes:
              - {action: s3:ListBucket, resource: "arn:aws:s3:::bronze"}
              - {action: s3:GetObject, resource: "arn:aws:s3:::bronze/*"}
    Properties:
      RoleName: Dev
      AssumeRolePolicyDocument: {Statement: [{Effect: Allow, Principal: {Service: ec2.amazonaws.com}, Action: sts:AssumeRole}]}
      Policies:
        - PolicyName: permissions
          PolicyDocument:
            Version: '2012-10-17'
            Statement:
              - {Sid: ReadObjects, Effect: Allow, Action: [s3:GetObject, s3:GetObjectVersion], Resource: ["arn:aws:s3:::bronze/*", "arn:aws:s3:::gold/*"]}
)");
  if (deny) {
    t += R"(        - PolicyName: restrictions
          PolicyDocument:
            Version: '2012-10-17'
            Statement:
              - {Sid: DenyTrainingData, Effect: Deny, Action: "s3:*", Resource: ["arn:aws:s3:::bronze", "arn:aws:s3:::bronze/*"]}
)";
  }
  return t;
}

}  // namespace

TEST_CASE("AIP-IAM-012 a persona granted the lake layers its restriction denies, at the restriction") {
  // Line 19: `      deny: [training-data]`.
  auto l = lint_spec(lake("      buckets: {read: [bronze, silver, gold]}\n      deny: [training-data]\n"), "AIP-IAM-012");
  REQUIRE(l.count("AIP-IAM-012") == 1);
  const auto f = l.of("AIP-IAM-012")[0];
  CHECK(f.severity == aip::Severity::warning);
  CHECK(f.location.line == 19);
  CHECK(f.location.column == 14);
  CHECK(f.tmpl == nullptr);  // a spec finding: the persona's `lint:` suppresses it
  CHECK(f.message == "role AppDeveloperRole is granted what its restriction 'training-data' forbids: s3:ListBucket on " +
                         kBronze + " (statement permissions/ListBuckets), and 3 more of its probes; only the explicit "
                         "Deny keeps it out");
  REQUIRE(f.notes.size() == 2);
  CHECK(f.notes[0].message == "in rendered resource lake-dev-iam/AppDeveloperRole (AWS::IAM::Role)");
  CHECK(f.notes[0].severity == aip::Severity::note);
  CHECK(f.notes[0].location.file == nullptr);  // the rendered resource has no place in the spec
  // The statement that grants it, at the spec element it was rendered from (line 14: `    app-developer:`).
  CHECK(f.notes[1].message == "statement permissions/ListBuckets grants it");
  CHECK(f.notes[1].severity == aip::Severity::note);
  CHECK(f.notes[1].location.file == f.location.file);
  CHECK(f.notes[1].location.line == 14);
  CHECK(f.notes[1].location.column == 5);
  // Suppressed on the persona, with a reason.
  auto suppressed = lint_spec(lake("      buckets: {read: [bronze, gold]}\n      deny: [training-data]\n"
                                   "      lint: {suppress: [{rule: AIP-IAM-012, reason: migration window}]}\n"),
                              "AIP-IAM-012");
  REQUIRE(suppressed.count("AIP-IAM-012") == 1);
  CHECK(suppressed.of("AIP-IAM-012")[0].suppressed);
}

TEST_CASE("AIP-IAM-012 stays quiet on restrictions that carve part out of a grant") {
  // Seed 001: the app developer reads gold only; the data scientist develops on
  // SageMaker but may not delete prod endpoints, train or change IAM or the network.
  CHECK(lint_spec(lake("      buckets: {read: [gold]}\n      lambda: manage\n      deny: [training-data, model-training, "
                       "catalog-changes]\n"),
                  "AIP-IAM-012")
            .findings.empty());
  CHECK(lint_spec(lake("      buckets: {read_write: [silver, gold]}\n      sagemaker: develop\n      glue: read\n"
                       "      deny: [iam-changes, network-changes, prod-endpoint-deletion, model-training]\n"),
                  "AIP-IAM-012")
            .findings.empty());
  // A bucket restriction on a bucket the persona is not granted.
  CHECK(lint_spec(lake("      buckets: {read: [gold]}\n      deny: [{buckets: [bronze]}]\n"), "AIP-IAM-012").findings.empty());
}

TEST_CASE("AIP-IAM-012 on templates: a restriction whose Deny is gone is an error") {
  auto missing = lint_template(restricted_role(false), "AIP-IAM-012");
  REQUIRE(missing.count("AIP-IAM-012") == 1);
  const auto f = missing.of("AIP-IAM-012")[0];
  CHECK(f.severity == aip::Severity::error);
  CHECK(f.message == "restriction 'training-data' does not hold: role Dev may s3:GetObject on arn:aws:s3:::bronze/* "
                     "(allowed by permissions/ReadObjects)");
  CHECK(f.location.line == 9);  // Metadata aip.restrictions[0]
  CHECK(f.location.column == 13);
  // A note at the statement that allows it (Policies[0].PolicyDocument.Statement[0]).
  REQUIRE(f.notes.size() == 1);
  CHECK(f.notes[0].message == "statement permissions/ReadObjects grants it");
  CHECK(f.notes[0].location.line == 21);
  CHECK(f.notes[0].location.column == 17);
  auto held = lint_template(restricted_role(true), "AIP-IAM-012");
  REQUIRE(held.count("AIP-IAM-012") == 1);
  CHECK(held.of("AIP-IAM-012")[0].severity == aip::Severity::warning);
  REQUIRE(held.of("AIP-IAM-012")[0].notes.size() == 1);
  CHECK(held.of("AIP-IAM-012")[0].notes[0].message == "statement permissions/ReadObjects grants it");
  CHECK(held.of("AIP-IAM-012")[0].notes[0].location.line == 21);
  // The synthesized template says what the spec says.
  auto l = lint_spec(lake("      buckets: {read: [bronze, gold]}\n      deny: [training-data]\n"), "AIP-IAM-012");
  for (const auto& stack : l.assembly->stacks) {
    if (stack.id != "lake-dev-iam") continue;
    auto t = lint_template(aip::cfn::to_bytes(aip::cfn::render_template(*l.assembly, stack)), "AIP-IAM-012",
                           "lake-dev-iam.template.json");
    REQUIRE(t.count("AIP-IAM-012") == 1);
    CHECK(t.of("AIP-IAM-012")[0].severity == aip::Severity::warning);
    CHECK(t.of("AIP-IAM-012")[0].resource == "AppDeveloperRole");
  }
  // No Metadata, nothing to check.
  CHECK(lint_template(role(R"(
              - {Effect: Allow, Action: "s3:GetObject", Resource: "arn:aws:s3:::bronze/*"})"), "AIP-IAM-012").findings.empty());
}

// ---------------------------------------------------------------- OpenSearch Serverless

namespace {

std::string aoss(const std::string& type, const std::string& policy_type, const std::string& policy) {
  return tpl(R"(
  P:
    Type: )" + type + R"(
    Properties:
      Name: docs
      Type: )" + policy_type + R"(
      Policy: ')" + policy + "'\n");
}

}  // namespace

TEST_CASE("AIP-EXP-010 OpenSearch Serverless network policy open to the internet") {
  const std::string rules = R"("Rules":[{"ResourceType":"collection","Resource":["collection/docs"]}])";
  auto bad = lint_template(aoss("AWS::OpenSearchServerless::SecurityPolicy", "network",
                                "[{" + rules + R"(,"AllowFromPublic":true}])"),
                           "AIP-EXP-010");
  REQUIRE(bad.count("AIP-EXP-010") == 1);
  CHECK(bad.findings[0].message.find("AllowFromPublic: true") != std::string::npos);
  auto good = lint_template(aoss("AWS::OpenSearchServerless::SecurityPolicy", "network",
                                 "[{" + rules + R"(,"AllowFromPublic":false,"SourceVPCEs":["vpce-0123456789abcdef0"]}])"),
                            "AIP-EXP-010");
  CHECK(good.findings.empty());
  // An Fn::Sub text is read the same way.
  auto sub = lint_template(tpl(R"(
  P:
    Type: AWS::OpenSearchServerless::SecurityPolicy
    Properties:
      Name: docs
      Type: network
      Policy: !Sub '[{"Rules":[],"AllowFromPublic":true,"SourceVPCEs":["${AWS::AccountId}"]}]'
)"), "AIP-EXP-010");
  CHECK(sub.count("AIP-EXP-010") == 1);
  // Encryption policies are not network policies.
  auto other = lint_template(aoss("AWS::OpenSearchServerless::SecurityPolicy", "encryption",
                                  "{" + rules + R"(,"AllowFromPublic":true})"),
                             "AIP-EXP-010");
  CHECK(other.findings.empty());
}

TEST_CASE("AIP-ENC-006 OpenSearch Serverless collection with an AWS-owned key") {
  const std::string rules = R"("Rules":[{"ResourceType":"collection","Resource":["collection/docs"]}])";
  auto bad = lint_template(aoss("AWS::OpenSearchServerless::SecurityPolicy", "encryption",
                                "{" + rules + R"(,"AWSOwnedKey":true})"),
                           "AIP-ENC-006");
  REQUIRE(bad.count("AIP-ENC-006") == 1);
  CHECK(bad.findings[0].severity == aip::Severity::info);
  auto good = lint_template(aoss("AWS::OpenSearchServerless::SecurityPolicy", "encryption",
                                 "{" + rules + R"(,"AWSOwnedKey":false,"KmsARN":"arn:aws:kms:us-east-1:111111111111:key/x"})"),
                            "AIP-ENC-006");
  CHECK(good.findings.empty());
  auto config = lint_template(tpl(R"(
  C:
    Type: AWS::OpenSearchServerless::Collection
    Properties: {Name: docs, EncryptionConfig: {AWSOwnedKey: true}}
)"), "AIP-ENC-006");
  CHECK(config.count("AIP-ENC-006") == 1);
}

TEST_CASE("AIP-EXP-011 OpenSearch Serverless data access to anyone or aoss:*") {
  auto anyone = lint_template(aoss("AWS::OpenSearchServerless::AccessPolicy", "data",
                                   R"([{"Rules":[{"ResourceType":"index","Resource":["index/docs/*"],"Permission":["aoss:ReadDocument"]}],"Principal":["*"]}])"),
                              "AIP-EXP-011");
  REQUIRE(anyone.count("AIP-EXP-011") == 1);
  CHECK(anyone.findings[0].severity == aip::Severity::error);
  auto all = lint_template(aoss("AWS::OpenSearchServerless::AccessPolicy", "data",
                                R"([{"Rules":[{"ResourceType":"index","Resource":["index/docs/*"],"Permission":["aoss:*"]}],"Principal":["arn:aws:iam::111111111111:role/App"]}])"),
                           "AIP-EXP-011");
  REQUIRE(all.count("AIP-EXP-011") == 1);
  CHECK(all.findings[0].severity == aip::Severity::warning);
  auto good = lint_template(aoss("AWS::OpenSearchServerless::AccessPolicy", "data",
                                 R"([{"Rules":[{"ResourceType":"index","Resource":["index/docs/*"],"Permission":["aoss:ReadDocument","aoss:DescribeIndex"]}],"Principal":["arn:aws:iam::111111111111:role/App"]}])"),
                            "AIP-EXP-011");
  CHECK(good.findings.empty());
}

// ---------------------------------------------------------------- zones and compliance packs

TEST_CASE("AIP-NET-007 security group rules between non-adjacent zones") {
  auto groups = [](const std::string& source_zone) {
    return tpl(R"(
  Dmz:
    Type: AWS::EC2::SecurityGroup
    Properties: {GroupDescription: dmz, Tags: [{Key: aip:zone, Value: )" + source_zone + R"(}]}
  Data:
    Type: AWS::EC2::SecurityGroup
    Properties: {GroupDescription: data, Tags: [{Key: aip:zone, Value: data}]}
  DataFromDmz:
    Type: AWS::EC2::SecurityGroupIngress
    Properties: {GroupId: !GetAtt Data.GroupId, IpProtocol: tcp, FromPort: 5432, ToPort: 5432, SourceSecurityGroupId: !GetAtt Dmz.GroupId}
)");
  };
  auto bad = lint_template(groups("dmz"), "AIP-NET-007");
  REQUIRE(bad.count("AIP-NET-007") == 1);
  CHECK(bad.findings[0].message.find("dmz -> data, which skips zone application") != std::string::npos);
  CHECK(lint_template(groups("application"), "AIP-NET-007").findings.empty());
  CHECK(lint_template(groups("management"), "AIP-NET-007").findings.empty());
  // Egress against the direction: data -> application.
  auto egress = lint_template(tpl(R"(
  App:
    Type: AWS::EC2::SecurityGroup
    Properties: {GroupDescription: app, Tags: [{Key: aip:zone, Value: application}]}
  Data:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: data
      Tags: [{Key: aip:zone, Value: data}]
      SecurityGroupEgress: [{IpProtocol: tcp, FromPort: 80, ToPort: 80, DestinationSecurityGroupId: !GetAtt App.GroupId}]
)"), "AIP-NET-007");
  CHECK(egress.count("AIP-NET-007") == 1);
  // Groups without zones are not this rule's business.
  auto plain = lint_template(tpl(R"(
  A: {Type: AWS::EC2::SecurityGroup, Properties: {GroupDescription: a}}
  B:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: b
      SecurityGroupIngress: [{IpProtocol: tcp, FromPort: 80, ToPort: 80, SourceSecurityGroupId: !GetAtt A.GroupId}]
)"), "AIP-NET-007");
  CHECK(plain.findings.empty());
}

TEST_CASE("AIP-NET-007 on a spec: a group that declares its zone") {
  const std::string spec = R"(aip: 1
name: zones
accounts:
  dev: {id: "111111111111", region: us-east-1}
network:
  vpcs:
    main:
      cidr: 10.0.0.0/16
      zones:
        dmz: {size: 24}
        application: {size: 24, ingress: [{port: 8080, from: dmz}]}
        data: {size: 24}
  security_groups:
    db:
      vpc: main
      zone: data
      ingress: [{port: 5432, from: sg:main-dmz}]
)";
  auto l = lint_spec(spec, "AIP-NET-007");
  REQUIRE(l.count("AIP-NET-007") == 1);
  CHECK(l.findings[0].location.line == 17);
}

TEST_CASE("pack-only rules run only when their pack is enabled") {
  using aip::lint::select_rules;
  auto has = [](const std::vector<const aip::lint::Rule*>& rules, const std::string& id) {
    return std::any_of(rules.begin(), rules.end(), [&](const aip::lint::Rule* r) { return r->info.id == id; });
  };
  CHECK_FALSE(has(select_rules({}, nullptr), "AIP-LOG-005"));
  CHECK(has(select_rules({{}, {}, {"sox"}}, nullptr), "AIP-LOG-005"));
  CHECK_FALSE(has(select_rules({{}, {}, {"gdpr"}}, nullptr), "AIP-LOG-005"));
  CHECK(has(select_rules({{"AIP-LOG-005"}, {}}, nullptr), "AIP-LOG-005"));
  CHECK(has(select_rules({{"pci-dss"}, {}}, nullptr), "AIP-LOG-005"));
  CHECK_FALSE(has(select_rules({{}, {"AIP-LOG-005"}, {"sox"}}, nullptr), "AIP-LOG-005"));
  // Default rules stay on with packs enabled.
  CHECK(has(select_rules({{}, {}, {"hipaa"}}, nullptr), "AIP-LOG-001"));
}

TEST_CASE("AIP-LOG-005 log groups kept for less than a year (pci-dss, sox)") {
  auto group = [](const std::string& days) {
    return tpl("  Logs: {Type: AWS::Logs::LogGroup, Properties: {RetentionInDays: " + days + "}}\n");
  };
  auto bad = lint_template(group("90"), "AIP-LOG-005");
  REQUIRE(bad.count("AIP-LOG-005") == 1);
  CHECK(bad.findings[0].message.find("keeps events for 90 days") != std::string::npos);
  CHECK(lint_template(group("365"), "AIP-LOG-005").findings.empty());
  CHECK(lint_template(group("3653"), "AIP-LOG-005").findings.empty());
}

TEST_CASE("AIP-ENC-007 encryption without a customer-managed key (hipaa, pci-dss)") {
  auto bucket = [](const std::string& by_default) {
    return tpl("  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketEncryption:\n"
               "        ServerSideEncryptionConfiguration: [{ServerSideEncryptionByDefault: " + by_default + "}]\n");
  };
  CHECK(lint_template(bucket("{SSEAlgorithm: AES256}"), "AIP-ENC-007").count("AIP-ENC-007") == 1);
  CHECK(lint_template(bucket("{SSEAlgorithm: 'aws:kms'}"), "AIP-ENC-007").count("AIP-ENC-007") == 1);
  CHECK(lint_template(bucket("{SSEAlgorithm: 'aws:kms', KMSMasterKeyID: alias/aws/s3}"), "AIP-ENC-007")
            .count("AIP-ENC-007") == 1);
  CHECK(lint_template(bucket("{SSEAlgorithm: 'aws:kms', KMSMasterKeyID: !GetAtt Key.Arn}"), "AIP-ENC-007")
            .findings.empty());
  CHECK(lint_template(tpl("  Q: {Type: AWS::SQS::Queue, Properties: {}}\n"), "AIP-ENC-007").count("AIP-ENC-007") == 1);
  CHECK(lint_template(tpl("  Q: {Type: AWS::SQS::Queue, Properties: {KmsMasterKeyId: !Ref Key}}\n"), "AIP-ENC-007")
            .findings.empty());
  CHECK(lint_template(tpl("  T: {Type: AWS::SNS::Topic, Properties: {KmsMasterKeyId: alias/aws/sns}}\n"), "AIP-ENC-007")
            .count("AIP-ENC-007") == 1);
}

TEST_CASE("AIP-RES-002 buckets without versioning (hipaa, pci-dss, sox, iso27001)") {
  CHECK(lint_template(tpl("  B: {Type: AWS::S3::Bucket, Properties: {}}\n"), "AIP-RES-002").count("AIP-RES-002") == 1);
  CHECK(lint_template(tpl("  B: {Type: AWS::S3::Bucket, Properties: {VersioningConfiguration: {Status: Suspended}}}\n"),
                      "AIP-RES-002")
            .count("AIP-RES-002") == 1);
  CHECK(lint_template(tpl("  B: {Type: AWS::S3::Bucket, Properties: {VersioningConfiguration: {Status: Enabled}}}\n"),
                      "AIP-RES-002")
            .findings.empty());
}

// ---------------------------------------------------------------- intrinsics, public forms, CIDRs

TEST_CASE("AIP-IAM-001 does not flag the default KMS key policy as the AWS CDK writes it (Fn::Join)") {
  auto key = [](const std::string& principal) {
    return tpl(R"(
  K:
    Type: AWS::KMS::Key
    Properties:
      KeyPolicy:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: {AWS: )" + principal + R"(}
            Action: "kms:*"
            Resource: "*"
)");
  };
  CHECK(lint_template(key(R"({"Fn::Join": ["", ["arn:", {Ref: "AWS::Partition"}, ":iam::", {Ref: "AWS::AccountId"}, ":root"]]})"),
                      "AIP-IAM-001")
            .findings.empty());
  // The same shape naming a role is still every KMS action for someone else.
  CHECK(lint_template(key(R"({"Fn::Join": ["", ["arn:", {Ref: "AWS::Partition"}, ":iam::", {Ref: "AWS::AccountId"}, ":role/app"]]})"),
                      "AIP-IAM-001")
            .count("AIP-IAM-001") == 1);
}

TEST_CASE("AIP-IAM-008 checks a Federated principal that refers to the template's own OIDC provider") {
  auto gh = [](const std::string& federated, const std::string& url, const std::string& condition) {
    return tpl(R"(
  Provider:
    Type: AWS::IAM::OIDCProvider
    Properties:
      Url: )" + url + R"(
      ClientIdList: [sts.amazonaws.com]
  Deploy:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: {Federated: )" + federated + R"(}
            Action: sts:AssumeRoleWithWebIdentity)" + condition + "\n");
  };
  const std::string github = "https://token.actions.githubusercontent.com";
  const std::string pinned = R"(
            Condition:
              StringEquals: {token.actions.githubusercontent.com:aud: sts.amazonaws.com}
              StringLike: {token.actions.githubusercontent.com:sub: "repo:my-org/my-repo:ref:refs/heads/main"})";
  for (const char* federated : {"!Ref Provider", "!GetAtt Provider.Arn", "!Sub '${Provider}'"}) {
    INFO(federated);
    auto open = lint_template(gh(federated, github, ""), "AIP-IAM-008");
    REQUIRE(open.count("AIP-IAM-008") == 1);
    CHECK(open.findings[0].message.find("every repository on GitHub") != std::string::npos);
    CHECK(lint_template(gh(federated, github, pinned), "AIP-IAM-008").findings.empty());
  }
  // Another provider is not GitHub's.
  CHECK(lint_template(gh("!Ref Provider", "https://gitlab.example.com", ""), "AIP-IAM-008").findings.empty());
}

TEST_CASE("AIP-EXP-007 event bus policies in the older form and Lambda permissions for anyone") {
  auto bus = [](const std::string& condition) {
    return tpl("  P:\n    Type: AWS::Events::EventBusPolicy\n    Properties:\n      StatementId: all\n"
               "      Action: events:PutEvents\n      Principal: '*'\n" + condition);
  };
  auto open_bus = lint_template(bus(""), "AIP-EXP-007");
  REQUIRE(open_bus.count("AIP-EXP-007") == 1);
  CHECK(open_bus.findings[0].location.line == 8);
  CHECK(lint_template(bus("      Condition: {Type: StringEquals, Key: aws:PrincipalOrgID, Value: o-abc123}\n"), "AIP-EXP-007")
            .findings.empty());
  auto permission = [](const std::string& principal, const std::string& extra) {
    return tpl("  P:\n    Type: AWS::Lambda::Permission\n    Properties:\n      FunctionName: fn\n"
               "      Action: lambda:InvokeFunction\n      Principal: '" + principal + "'\n" + extra);
  };
  auto anyone = lint_template(permission("*", ""), "AIP-EXP-007");
  REQUIRE(anyone.count("AIP-EXP-007") == 1);
  CHECK(anyone.findings[0].message.find("lets anyone (Principal \"*\") invoke the function") != std::string::npos);
  auto url = lint_template(permission("*", "      FunctionUrlAuthType: NONE\n"), "AIP-EXP-007");
  REQUIRE(url.count("AIP-EXP-007") == 1);
  CHECK(url.findings[0].message.find("function URL without authentication") != std::string::npos);
  CHECK(lint_template(permission("*", "      SourceAccount: '111111111111'\n"), "AIP-EXP-007").findings.empty());
  CHECK(lint_template(permission("s3.amazonaws.com", ""), "AIP-EXP-007").findings.empty());
}

TEST_CASE("CIDRs with host bits set: open to the world for the exposure rules, and AIP-EXP-012") {
  auto sg = [](const std::string& rule) {
    return tpl("  G:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: g\n"
               "      SecurityGroupIngress:\n        - " + rule + "\n");
  };
  CHECK(lint_template(sg("{IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 1.0.0.0/0}"), "AIP-EXP-001").count("AIP-EXP-001") == 1);
  CHECK(lint_template(sg("{IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIpv6: 'ff::/0'}"), "AIP-EXP-001").count("AIP-EXP-001") == 1);
  CHECK(lint_template(sg("{IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 10.0.0.5/8}"), "AIP-EXP-001").findings.empty());
  auto v4 = lint_template(sg("{IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 1.0.0.0/0}"), "AIP-EXP-012");
  REQUIRE(v4.count("AIP-EXP-012") == 1);
  CHECK(v4.findings[0].message.find("CidrIp 1.0.0.0/0, which has host bits set: the range is 0.0.0.0/0, the whole internet") !=
        std::string::npos);
  auto v6 = lint_template(sg("{IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIpv6: 'ff::/0'}"), "AIP-EXP-012");
  REQUIRE(v6.count("AIP-EXP-012") == 1);
  CHECK(v6.findings[0].message.find("the range is ::/0, the whole internet") != std::string::npos);
  auto inner = lint_template(sg("{IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 10.1.2.3/16}"), "AIP-EXP-012");
  REQUIRE(inner.count("AIP-EXP-012") == 1);
  CHECK(inner.findings[0].message.find("the range is 10.1.0.0/16; write it as 10.1.0.0/16") != std::string::npos);
  auto long_v6 = lint_template(sg("{IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIpv6: '2001:db8::1:2:3/100'}"), "AIP-EXP-012");
  REQUIRE(long_v6.count("AIP-EXP-012") == 1);
  CHECK(long_v6.findings[0].message.find("the range is 2001:db8::1:0:0/100") != std::string::npos);
  CHECK(lint_template(sg("{IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0}"), "AIP-EXP-012").findings.empty());
  CHECK(lint_template(sg("{IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: not-a-cidr}"), "AIP-EXP-012").findings.empty());
}

// ---------------------------------------------------------------- SageMaker, Glue

TEST_CASE("AIP-ENC-008 SageMaker endpoint config without a KMS key") {
  const std::string variant = "ProductionVariants: [{VariantName: a, ModelName: m, InstanceType: ";
  CHECK(lint_template(tpl("  C: {Type: AWS::SageMaker::EndpointConfig, Properties: {" + variant + "ml.m5.xlarge}]}}\n"),
                      "AIP-ENC-008")
            .count("AIP-ENC-008") == 1);
  CHECK(lint_template(tpl("  C: {Type: AWS::SageMaker::EndpointConfig, Properties: {KmsKeyId: alias/k, " + variant +
                          "ml.m5.xlarge}]}}\n"),
                      "AIP-ENC-008")
            .findings.empty());
  // Instance storage (NVMe) is encrypted by SageMaker, which refuses a key there.
  CHECK(lint_template(tpl("  C: {Type: AWS::SageMaker::EndpointConfig, Properties: {" + variant + "ml.g5.xlarge}]}}\n"),
                      "AIP-ENC-008")
            .findings.empty());
}

TEST_CASE("AIP-LOG-006 SageMaker endpoint config without data capture") {
  const std::string variants = "ProductionVariants: [{VariantName: a, ModelName: m, InstanceType: ml.m5.xlarge}]";
  CHECK(lint_template(tpl("  C: {Type: AWS::SageMaker::EndpointConfig, Properties: {" + variants + "}}\n"), "AIP-LOG-006")
            .count("AIP-LOG-006") == 1);
  CHECK(lint_template(tpl("  C: {Type: AWS::SageMaker::EndpointConfig, Properties: {" + variants +
                          ", DataCaptureConfig: {EnableCapture: false, DestinationS3Uri: s3://b/p, InitialSamplingPercentage: 10, "
                          "CaptureOptions: [{CaptureMode: Input}]}}}\n"),
                      "AIP-LOG-006")
            .count("AIP-LOG-006") == 1);
  CHECK(lint_template(tpl("  C: {Type: AWS::SageMaker::EndpointConfig, Properties: {" + variants +
                          ", DataCaptureConfig: {EnableCapture: true, DestinationS3Uri: s3://b/p, InitialSamplingPercentage: 10, "
                          "CaptureOptions: [{CaptureMode: Input}]}}}\n"),
                      "AIP-LOG-006")
            .findings.empty());
}

TEST_CASE("AIP-EXP-013 and AIP-EXP-014 SageMaker notebook internet and root access") {
  const std::string base = "  N: {Type: AWS::SageMaker::NotebookInstance, Properties: {InstanceType: ml.t3.medium, RoleArn: "
                           "arn:aws:iam::123456789012:role/r";
  // Both default to Enabled when absent.
  for (const char* id : {"AIP-EXP-013", "AIP-EXP-014"}) {
    INFO(id);
    CHECK(lint_template(tpl(base + "}}\n"), id).count(id) == 1);
    CHECK(lint_template(tpl(base + ", DirectInternetAccess: Enabled, RootAccess: Enabled}}\n"), id).count(id) == 1);
    CHECK(lint_template(tpl(base + ", SubnetId: subnet-1, DirectInternetAccess: Disabled, RootAccess: Disabled}}\n"), id)
              .findings.empty());
  }
}

TEST_CASE("AIP-ENC-009 Glue job or crawler without a security configuration") {
  const std::string job = "  J: {Type: AWS::Glue::Job, Properties: {Role: r, Command: {Name: glueetl, ScriptLocation: s3://b/j.py}";
  const std::string crawler = "  C: {Type: AWS::Glue::Crawler, Properties: {Role: r, Targets: {S3Targets: [{Path: s3://b/p}]}";
  CHECK(lint_template(tpl(job + "}}\n" + crawler + "}}\n"), "AIP-ENC-009").count("AIP-ENC-009") == 2);
  CHECK(lint_template(tpl(job + ", SecurityConfiguration: sc}}\n" + crawler + ", CrawlerSecurityConfiguration: sc}}\n"),
                      "AIP-ENC-009")
            .findings.empty());
}

// ---------------------------------------------------------------- registries and secrets

TEST_CASE("AIP-ECR-001 repository without scan on push") {
  auto repo = [](const std::string& props) { return tpl("  R: {Type: AWS::ECR::Repository, Properties: {" + props + "}}\n"); };
  CHECK(lint_template(repo("ImageTagMutability: IMMUTABLE"), "AIP-ECR-001").count("AIP-ECR-001") == 1);
  CHECK(lint_template(repo("ImageScanningConfiguration: {ScanOnPush: false}"), "AIP-ECR-001").count("AIP-ECR-001") == 1);
  CHECK(lint_template(repo("ImageScanningConfiguration: {ScanOnPush: true}"), "AIP-ECR-001").findings.empty());
}

TEST_CASE("AIP-ECR-002 repository with mutable tags") {
  auto repo = [](const std::string& props) { return tpl("  R: {Type: AWS::ECR::Repository, Properties: {" + props + "}}\n"); };
  CHECK(lint_template(repo("ImageTagMutability: MUTABLE"), "AIP-ECR-002").count("AIP-ECR-002") == 1);
  CHECK(lint_template(repo("RepositoryName: app"), "AIP-ECR-002").count("AIP-ECR-002") == 1);
  CHECK(lint_template(repo("ImageTagMutability: IMMUTABLE"), "AIP-ECR-002").findings.empty());
  CHECK(lint_template(repo("ImageTagMutability: IMMUTABLE_WITH_EXCLUSION"), "AIP-ECR-002").findings.empty());
}

TEST_CASE("AIP-SEC-001 secret without a rotation schedule") {
  const std::string secret = "  S: {Type: AWS::SecretsManager::Secret, Properties: {Name: app/token}}\n";
  CHECK(lint_template(tpl(secret), "AIP-SEC-001").count("AIP-SEC-001") == 1);
  CHECK(lint_template(tpl(secret + "  R: {Type: AWS::SecretsManager::RotationSchedule, Properties: {SecretId: !Ref S,\n"
                                   "      RotationLambdaARN: arn:aws:lambda:us-east-1:123456789012:function:r,\n"
                                   "      RotationRules: {AutomaticallyAfterDays: 30}}}\n"),
                      "AIP-SEC-001")
            .findings.empty());
  // A schedule for another secret does not count.
  CHECK(lint_template(tpl(secret + "  T: {Type: AWS::SecretsManager::Secret, Properties: {Name: app/other}}\n"
                                   "  R: {Type: AWS::SecretsManager::RotationSchedule, Properties: {SecretId: !Ref T,\n"
                                   "      RotationRules: {AutomaticallyAfterDays: 30}}}\n"),
                      "AIP-SEC-001")
            .count("AIP-SEC-001") == 1);
}

TEST_CASE("AIP-SEC-002 master secret given to a container although the proxy takes IAM authentication") {
  auto stack = [](const std::string& iam_auth, const std::string& value_from) {
    return tpl("  Db: {Type: AWS::RDS::DBCluster, Properties: {Engine: aurora-postgresql, StorageEncrypted: true,\n"
               "      ManageMasterUserPassword: true, MasterUsername: dbadmin}}\n"
               "  P: {Type: AWS::RDS::DBProxy, Properties: {DBProxyName: p, EngineFamily: POSTGRESQL, RequireTLS: true,\n"
               "      RoleArn: arn:aws:iam::123456789012:role/p, VpcSubnetIds: [a, b],\n"
               "      Auth: [{AuthScheme: SECRETS, IAMAuth: " + iam_auth + ", SecretArn: !GetAtt Db.MasterUserSecret.SecretArn}]}}\n"
               "  T: {Type: AWS::ECS::TaskDefinition, Properties: {ContainerDefinitions: [{Name: app, Image: app:1,\n"
               "      Secrets: [{Name: DB_PASSWORD, ValueFrom: " + value_from + "}]}]}}\n");
  };
  const std::string joined = "!Join ['', [!GetAtt Db.MasterUserSecret.SecretArn, ':password::']]";
  CHECK(lint_template(stack("REQUIRED", joined), "AIP-SEC-002").count("AIP-SEC-002") == 1);
  CHECK(lint_template(stack("REQUIRED", "!GetAtt Db.MasterUserSecret.SecretArn"), "AIP-SEC-002").count("AIP-SEC-002") == 1);
  CHECK(lint_template(stack("DISABLED", joined), "AIP-SEC-002").findings.empty());
  CHECK(lint_template(stack("REQUIRED", "arn:aws:secretsmanager:us-east-1:123456789012:secret:other"), "AIP-SEC-002")
            .findings.empty());
  // A function handed the secret's ARN in its environment is reported at that variable.
  const std::string function =
      "  F: {Type: AWS::Lambda::Function, Properties: {Runtime: python3.12, Handler: index.handler, Code: {ZipFile: x},\n"
      "      Role: arn:aws:iam::123456789012:role/f, Environment: {Variables: {DB_SECRET_ARN: !GetAtt Db.MasterUserSecret.SecretArn}}}}\n";
  auto fn = lint_template(stack("REQUIRED", "arn:aws:secretsmanager:us-east-1:123456789012:secret:other") + function,
                          "AIP-SEC-002");
  REQUIRE(fn.count("AIP-SEC-002") == 1);
  CHECK(fn.findings[0].logical_id == "F");
  CHECK(fn.findings[0].message.find("function F gets the master secret of database Db in DB_SECRET_ARN") !=
        std::string::npos);
  CHECK(lint_template(stack("DISABLED", "arn:aws:secretsmanager:us-east-1:123456789012:secret:other") + function,
                      "AIP-SEC-002").findings.empty());
}

// ---- CloudFront (edge.distributions) ----

namespace {

// A distribution whose DistributionConfig is `config` plus one custom origin and a default behavior.
std::string distribution(const std::string& config, const std::string& behavior = "redirect-to-https") {
  return tpl("  D:\n    Type: AWS::CloudFront::Distribution\n    Properties:\n      DistributionConfig:\n"
             "        Enabled: true\n" + config +
             "        Origins: [{Id: o, DomainName: origin.example.com, CustomOriginConfig: {OriginProtocolPolicy: https-only}}]\n"
             "        DefaultCacheBehavior: {TargetOriginId: o, ViewerProtocolPolicy: " + behavior +
             ", CachePolicyId: 658327ea-f89d-4fab-a63d-7e88639e58f6}\n");
}

const std::string kTls12 =
    "        ViewerCertificate: {AcmCertificateArn: arn:aws:acm:us-east-1:123456789012:certificate/x, "
    "SslSupportMethod: sni-only, MinimumProtocolVersion: TLSv1.2_2021}\n";

}  // namespace

TEST_CASE("AIP-ENC-010 CloudFront below TLS 1.2 or over plain HTTP") {
  CHECK(lint_template(distribution(kTls12), "AIP-ENC-010").findings.empty());
  CHECK(lint_template(distribution(""), "AIP-ENC-010").count("AIP-ENC-010") == 1);
  CHECK(lint_template(distribution("        ViewerCertificate: {CloudFrontDefaultCertificate: true}\n"), "AIP-ENC-010")
            .count("AIP-ENC-010") == 1);
  std::string old = kTls12;
  old.replace(old.find("TLSv1.2_2021"), 12, "TLSv1.1_2016");
  auto weak = lint_template(distribution(old), "AIP-ENC-010");
  REQUIRE(weak.count("AIP-ENC-010") == 1);
  CHECK(weak.findings[0].message.find("TLSv1.1_2016") != std::string::npos);
  CHECK(lint_template(distribution(kTls12, "allow-all"), "AIP-ENC-010").count("AIP-ENC-010") == 1);
}

TEST_CASE("AIP-EXP-015 CloudFront without a web ACL") {
  CHECK(lint_template(distribution(kTls12), "AIP-EXP-015").count("AIP-EXP-015") == 1);
  CHECK(lint_template(distribution(kTls12 + "        WebACLId: \"\"\n"), "AIP-EXP-015").count("AIP-EXP-015") == 1);
  CHECK(lint_template(distribution(kTls12 + "        WebACLId: arn:aws:wafv2:us-east-1:123456789012:global/webacl/w/1\n"),
                      "AIP-EXP-015")
            .findings.empty());
}

TEST_CASE("AIP-EXP-016 origin bucket reachable other than through its distribution") {
  auto policy = [](const std::string& condition) {
    return tpl(R"(
  B: {Type: AWS::S3::Bucket}
  P:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref B
      PolicyDocument:
        Statement:
          - Effect: Allow
            Principal: {Service: cloudfront.amazonaws.com}
            Action: s3:GetObject
            Resource: !Sub '${B.Arn}/*')" + condition + "\n");
  };
  CHECK(lint_template(policy(""), "AIP-EXP-016").count("AIP-EXP-016") == 1);
  auto wildcard = lint_template(
      policy("\n            Condition: {StringLike: {AWS:SourceArn: 'arn:aws:cloudfront::123456789012:distribution/*'}}"),
      "AIP-EXP-016");
  REQUIRE(wildcard.count("AIP-EXP-016") == 1);
  CHECK(wildcard.findings[0].message.find("wildcard") != std::string::npos);
  CHECK(lint_template(policy("\n            Condition: {StringEquals: {AWS:SourceArn: "
                             "'arn:aws:cloudfront::123456789012:distribution/E1ABCDEF'}}"),
                      "AIP-EXP-016")
            .findings.empty());
  // An S3 origin without origin access control or identity: the bucket must be public.
  auto origin = [](const std::string& extra) {
    return tpl("  D:\n    Type: AWS::CloudFront::Distribution\n    Properties:\n      DistributionConfig:\n"
               "        Enabled: true\n"
               "        Origins: [{Id: s3, DomainName: b.s3.us-east-1.amazonaws.com, S3OriginConfig: {OriginAccessIdentity: ''}" +
               extra + "}]\n"
               "        DefaultCacheBehavior: {TargetOriginId: s3, ViewerProtocolPolicy: redirect-to-https}\n");
  };
  CHECK(lint_template(origin(""), "AIP-EXP-016").count("AIP-EXP-016") == 1);
  CHECK(lint_template(origin(", OriginAccessControlId: E2OAC"), "AIP-EXP-016").findings.empty());
}

TEST_CASE("AIP-LOG-009 CloudFront without access logs") {
  CHECK(lint_template(distribution(kTls12), "AIP-LOG-009").count("AIP-LOG-009") == 1);
  CHECK(lint_template(distribution(kTls12 + "        Logging: {Bucket: logs.s3.amazonaws.com}\n"), "AIP-LOG-009")
            .findings.empty());
  // Standard logging v2: a delivery source naming the distribution.
  std::string v2 = distribution(kTls12) +
                   "  S: {Type: AWS::Logs::DeliverySource, Properties: {Name: s, LogType: ACCESS_LOGS, "
                   "ResourceArn: !Sub 'arn:${AWS::Partition}:cloudfront::${AWS::AccountId}:distribution/${D}'}}\n";
  CHECK(lint_template(v2, "AIP-LOG-009").findings.empty());
  std::string other = v2;
  other.replace(other.find("ACCESS_LOGS"), 11, "CONNECTION_LOGS");
  CHECK(lint_template(other, "AIP-LOG-009").count("AIP-LOG-009") == 1);
}

// ---------------------------------------------------------------- tables and workflows

TEST_CASE("AIP-RES-003 DynamoDB table point-in-time recovery") {
  auto table = [](const std::string& extra) {
    return tpl("  T: {Type: AWS::DynamoDB::Table, Properties: {BillingMode: PAY_PER_REQUEST, "
               "AttributeDefinitions: [{AttributeName: id, AttributeType: S}], KeySchema: [{AttributeName: id, "
               "KeyType: HASH}]" + extra + "}}\n");
  };
  CHECK(lint_template(table(""), "AIP-RES-003").count("AIP-RES-003") == 1);
  CHECK(lint_template(table(", PointInTimeRecoverySpecification: {PointInTimeRecoveryEnabled: false}"), "AIP-RES-003")
            .count("AIP-RES-003") == 1);
  CHECK(lint_template(table(", PointInTimeRecoverySpecification: {PointInTimeRecoveryEnabled: true}"), "AIP-RES-003")
            .findings.empty());
}

TEST_CASE("AIP-LOG-007 and AIP-LOG-008 state machine logging and tracing") {
  auto machine = [](const std::string& extra) {
    return tpl("  M: {Type: AWS::StepFunctions::StateMachine, Properties: {RoleArn: arn:aws:iam::123456789012:role/r, "
               "DefinitionString: x" + extra + "}}\n");
  };
  const std::string logs = ", LoggingConfiguration: {Level: LEVEL, Destinations: [{CloudWatchLogsLogGroup: "
                           "{LogGroupArn: arn:aws:logs:us-east-1:123456789012:log-group:g:*}}]}";
  auto level = [&](const std::string& l) {
    std::string s = logs;
    s.replace(s.find("LEVEL"), 5, l);
    return s;
  };
  CHECK(lint_template(machine(""), "AIP-LOG-007").count("AIP-LOG-007") == 1);
  CHECK(lint_template(machine(level("FATAL")), "AIP-LOG-007").count("AIP-LOG-007") == 1);
  CHECK(lint_template(machine(", LoggingConfiguration: {Level: ALL}"), "AIP-LOG-007").count("AIP-LOG-007") == 1);
  CHECK(lint_template(machine(level("ERROR")), "AIP-LOG-007").findings.empty());
  CHECK(lint_template(machine(level("ALL")), "AIP-LOG-007").findings.empty());
  CHECK(lint_template(machine(""), "AIP-LOG-008").count("AIP-LOG-008") == 1);
  CHECK(lint_template(machine(", TracingConfiguration: {Enabled: false}"), "AIP-LOG-008").count("AIP-LOG-008") == 1);
  CHECK(lint_template(machine(", TracingConfiguration: {Enabled: true}"), "AIP-LOG-008").findings.empty());
}

TEST_CASE("AIP-FLOW-001 rule on a custom bus matching an AWS service source nothing forwards") {
  auto rules = [](const std::string& bus, const std::string& source, const std::string& extra) {
    return tpl("  Bus: {Type: AWS::Events::EventBus, Properties: {Name: project}}\n"
               "  R:\n"
               "    Type: AWS::Events::Rule\n"
               "    Properties:\n" +
               (bus.empty() ? std::string() : "      EventBusName: " + bus + "\n") +
               "      EventPattern: {source: [" + source + "]}\n"
               "      Targets: [{Id: t, Arn: arn:aws:lambda:us-east-1:123456789012:function:f}]\n" + extra);
  };
  // On the custom bus, by Ref and by name: never fires.
  auto by_ref = lint_template(rules("{Ref: Bus}", "aws.sagemaker", ""), "AIP-FLOW-001");
  REQUIRE(by_ref.count("AIP-FLOW-001") == 1);
  CHECK(by_ref.findings[0].severity == aip::Severity::error);
  CHECK(by_ref.findings[0].message.find("aws.sagemaker events on custom bus project") != std::string::npos);
  CHECK(lint_template(rules("project", "app.orders, aws.s3", ""), "AIP-FLOW-001").count("AIP-FLOW-001") == 1);
  // The default bus, by omission, name or ARN; an application or partner source: quiet.
  CHECK(lint_template(rules("", "aws.sagemaker", ""), "AIP-FLOW-001").findings.empty());
  CHECK(lint_template(rules("default", "aws.sagemaker", ""), "AIP-FLOW-001").findings.empty());
  CHECK(lint_template(rules("arn:aws:events:us-east-1:123456789012:event-bus/default", "aws.sagemaker", ""),
                      "AIP-FLOW-001").findings.empty());
  CHECK(lint_template(rules("{Ref: Bus}", "app.orders", ""), "AIP-FLOW-001").findings.empty());
  CHECK(lint_template(rules("{Ref: Bus}", "aws.partner/example.com/123", ""), "AIP-FLOW-001").findings.empty());
  // Forwarded to the bus: by a rule on the default bus, or other accounts may put events on it.
  const std::string forward =
      "  Forward: {Type: AWS::Events::Rule, Properties: {EventPattern: {source: [aws.sagemaker]}, "
      "Targets: [{Id: b, Arn: {Fn::GetAtt: [Bus, Arn]}, RoleArn: arn:aws:iam::123456789012:role/f}]}}\n";
  CHECK(lint_template(rules("{Ref: Bus}", "aws.sagemaker", forward), "AIP-FLOW-001").findings.empty());
  const std::string policy =
      "  P: {Type: AWS::Events::EventBusPolicy, Properties: {EventBusName: {Ref: Bus}, StatementId: s, "
      "Statement: {Effect: Allow, Principal: {AWS: '111111111111'}, Action: 'events:PutEvents', "
      "Resource: {Fn::GetAtt: [Bus, Arn]}}}}\n";
  CHECK(lint_template(rules("{Ref: Bus}", "aws.sagemaker", policy), "AIP-FLOW-001").findings.empty());
  CHECK(lint_template(rules("project", "aws.sagemaker", policy), "AIP-FLOW-001").findings.empty());
}

TEST_CASE("AIP-FLOW-002 workload in subnets without a way out calls a service with no endpoint there") {
  // A function in a private subnet whose route table has only the VPC's local route, allowed to
  // invoke Bedrock, read a secret and send to its own dead-letter queue (which Lambda does itself).
  auto platform = [](const std::string& routes, const std::string& endpoints, const std::string& extra_actions) {
    return tpl("  Vpc: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.0.0.0/16}}\n"
               "  Subnet: {Type: AWS::EC2::Subnet, Properties: {VpcId: {Ref: Vpc}, CidrBlock: 10.0.1.0/24}}\n"
               "  Table: {Type: AWS::EC2::RouteTable, Properties: {VpcId: {Ref: Vpc}}}\n"
               "  Assoc: {Type: AWS::EC2::SubnetRouteTableAssociation, Properties: {SubnetId: {Ref: Subnet}, "
               "RouteTableId: {Ref: Table}}}\n" +
               routes + endpoints +
               "  Dlq: {Type: AWS::SQS::Queue}\n"
               "  Role:\n"
               "    Type: AWS::IAM::Role\n"
               "    Properties:\n"
               "      AssumeRolePolicyDocument: {Version: '2012-10-17', Statement: [{Effect: Allow, "
               "Principal: {Service: lambda.amazonaws.com}, Action: 'sts:AssumeRole'}]}\n"
               "      Policies:\n"
               "        - PolicyName: p\n"
               "          PolicyDocument:\n"
               "            Version: '2012-10-17'\n"
               "            Statement:\n"
               "              - {Effect: Allow, Action: bedrock:InvokeModel, Resource: "
               "'arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-embed-text-v2:0'}\n"
               "              - {Effect: Allow, Action: sqs:SendMessage, Resource: {Fn::GetAtt: [Dlq, Arn]}}\n"
               "              - {Effect: Allow, Action: [logs:CreateLogStream, logs:PutLogEvents], Resource: '*'}\n"
               "              - {Effect: Allow, Action: kms:Decrypt, Resource: '*'}\n" +
               extra_actions +
               "  Fn:\n"
               "    Type: AWS::Lambda::Function\n"
               "    Properties:\n"
               "      Runtime: python3.12\n"
               "      Handler: index.handler\n"
               "      Code: {ZipFile: 'def handler(e, c): pass'}\n"
               "      Role: {Fn::GetAtt: [Role, Arn]}\n"
               "      DeadLetterConfig: {TargetArn: {Fn::GetAtt: [Dlq, Arn]}}\n"
               "      VpcConfig: {SubnetIds: [{Ref: Subnet}], SecurityGroupIds: [sg-0123456789abcdef0]}\n");
  };
  const std::string secret =
      "              - {Effect: Allow, Action: secretsmanager:GetSecretValue, Resource: "
      "'arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf'}\n";
  auto isolated = lint_template(platform("", "", secret), "AIP-FLOW-002");
  REQUIRE(isolated.count("AIP-FLOW-002") == 1);
  CHECK(isolated.findings[0].severity == aip::Severity::error);
  // Bedrock and Secrets Manager are missing; the dead-letter queue, the logs Lambda writes and the
  // KMS decryption services do on the function's behalf are not.
  CHECK(isolated.findings[0].message ==
        "Fn runs in subnet Subnet, which has no route out of VPC Vpc, and the VPC has no endpoint for "
        "bedrock-runtime (bedrock:InvokeModel), secretsmanager (secretsmanager:GetSecretValue): those calls time out");
  // Interface endpoints need private DNS to be used by the SDKs' default names.
  auto endpoint = [](const std::string& service, const std::string& dns) {
    return "  Ep" + service.substr(0, 3) + ": {Type: AWS::EC2::VPCEndpoint, Properties: {VpcId: {Ref: Vpc}, "
           "VpcEndpointType: Interface, ServiceName: {'Fn::Sub': 'com.amazonaws.${AWS::Region}." + service + "'}" +
           dns + "}}\n";
  };
  auto one_left = lint_template(platform("", endpoint("bedrock-runtime", ", PrivateDnsEnabled: true") +
                                                 endpoint("secretsmanager", ""), secret),
                                "AIP-FLOW-002");
  REQUIRE(one_left.count("AIP-FLOW-002") == 1);
  CHECK(one_left.findings[0].message.find("endpoint for secretsmanager (") != std::string::npos);
  CHECK(one_left.findings[0].message.find("bedrock-runtime") == std::string::npos);
  // Nearest non-triggers: every endpoint there; or a NAT route out of the subnet.
  CHECK(lint_template(platform("", endpoint("bedrock-runtime", ", PrivateDnsEnabled: true") +
                                       endpoint("secretsmanager", ", PrivateDnsEnabled: true"), secret),
                      "AIP-FLOW-002").findings.empty());
  const std::string nat = "  Out: {Type: AWS::EC2::Route, Properties: {RouteTableId: {Ref: Table}, "
                          "DestinationCidrBlock: 0.0.0.0/0, NatGatewayId: nat-0123456789abcdef0}}\n";
  CHECK(lint_template(platform(nat, "", secret), "AIP-FLOW-002").findings.empty());
  // S3 through a gateway endpoint counts only on the subnet's route table.
  const std::string s3 = "              - {Effect: Allow, Action: s3:GetObject, Resource: 'arn:aws:s3:::docs/*'}\n";
  auto gateway = [](const std::string& tables) {
    return "  S3: {Type: AWS::EC2::VPCEndpoint, Properties: {VpcId: {Ref: Vpc}, ServiceName: "
           "{'Fn::Sub': 'com.amazonaws.${AWS::Region}.s3'}, RouteTableIds: [" + tables + "]}}\n"
           "  Bedrock: {Type: AWS::EC2::VPCEndpoint, Properties: {VpcId: {Ref: Vpc}, VpcEndpointType: Interface, "
           "PrivateDnsEnabled: true, ServiceName: com.amazonaws.us-east-1.bedrock-runtime}}\n";
  };
  CHECK(lint_template(platform("", gateway("{Ref: Table}"), s3), "AIP-FLOW-002").findings.empty());
  auto elsewhere = lint_template(platform("", gateway("rtb-0123456789abcdef0"), s3), "AIP-FLOW-002");
  REQUIRE(elsewhere.count("AIP-FLOW-002") == 1);
  CHECK(elsewhere.findings[0].message.find("endpoint for s3 (s3:GetObject)") != std::string::npos);
  // A grant attached from outside the role (an AWS::IAM::Policy naming it) counts too.
  const std::string attached =
      "  Kb: {Type: AWS::IAM::Policy, Properties: {PolicyName: kb, Roles: [{Ref: Role}], PolicyDocument: "
      "{Version: '2012-10-17', Statement: [{Effect: Allow, Action: bedrock:Retrieve, Resource: "
      "'arn:aws:bedrock:us-east-1:123456789012:knowledge-base/KB12345678'}]}}}\n";
  auto retrieve = lint_template(platform("", endpoint("bedrock-runtime", ", PrivateDnsEnabled: true") + attached, ""),
                                "AIP-FLOW-002");
  REQUIRE(retrieve.count("AIP-FLOW-002") == 1);
  CHECK(retrieve.findings[0].message.find("endpoint for bedrock-agent-runtime (bedrock:Retrieve)") != std::string::npos);

  // A default route through a Network Firewall is a way out only to the domains it allows.
  auto firewalled = [](const std::string& domains, const std::string& stateless) {
    return "  Out: {Type: AWS::EC2::Route, Properties: {RouteTableId: {Ref: Table}, DestinationCidrBlock: 0.0.0.0/0, "
           "VpcEndpointId: {Fn::Select: [1, {Fn::Split: [':', {Fn::Select: [0, {Fn::GetAtt: [Fw, EndpointIds]}]}]}]}}}\n"
           "  Fw: {Type: AWS::NetworkFirewall::Firewall, Properties: {FirewallName: fw, VpcId: {Ref: Vpc}, "
           "FirewallPolicyArn: {Fn::GetAtt: [Policy, FirewallPolicyArn]}, DeleteProtection: true, "
           "SubnetMappings: [{SubnetId: subnet-0123456789abcdef0}]}}\n"
           "  Policy: {Type: AWS::NetworkFirewall::FirewallPolicy, Properties: {FirewallPolicyName: egress, "
           "FirewallPolicy: {StatelessDefaultActions: [" + stateless + "], StatelessFragmentDefaultActions: "
           "[aws:forward_to_sfe], StatefulEngineOptions: {RuleOrder: STRICT_ORDER}, StatefulDefaultActions: "
           "[aws:drop_established], StatefulRuleGroupReferences: [{Priority: 1, ResourceArn: {Fn::GetAtt: [Within, "
           "RuleGroupArn]}}, {Priority: 2, ResourceArn: {Fn::GetAtt: [Domains, RuleGroupArn]}}]}}}\n"
           "  Within: {Type: AWS::NetworkFirewall::RuleGroup, Properties: {RuleGroupName: within, Type: STATEFUL, "
           "Capacity: 10, RuleGroup: {RulesSource: {StatefulRules: [{Action: PASS, Header: {Protocol: IP, Source: "
           "10.0.0.0/16, SourcePort: ANY, Direction: ANY, Destination: 10.0.0.0/16, DestinationPort: ANY}, "
           "RuleOptions: [{Keyword: sid, Settings: ['1']}]}]}}}}\n"
           "  Domains: {Type: AWS::NetworkFirewall::RuleGroup, Properties: {RuleGroupName: domains, Type: STATEFUL, "
           "Capacity: 100, RuleGroup: {RulesSource: {RulesSourceList: {GeneratedRulesType: ALLOWLIST, TargetTypes: "
           "[TLS_SNI], Targets: [" + domains + "]}}}}}\n";
  };
  auto github_only = lint_template(platform(firewalled("api.github.com", "aws:forward_to_sfe"), "", secret),
                                   "AIP-FLOW-002");
  REQUIRE(github_only.count("AIP-FLOW-002") == 1);
  CHECK(github_only.findings[0].message ==
        "Fn runs in subnet Subnet, whose only way out of VPC Vpc is firewall Fw, and neither its allowed domains nor "
        "an endpoint of the VPC cover bedrock-runtime (bedrock:InvokeModel), secretsmanager "
        "(secretsmanager:GetSecretValue): the firewall drops those calls");
  REQUIRE(github_only.findings[0].notes.size() == 1);
  auto bedrock_only = lint_template(
      platform(firewalled("api.github.com, bedrock-runtime.us-east-1.amazonaws.com", "aws:forward_to_sfe"), "", secret),
      "AIP-FLOW-002");
  REQUIRE(bedrock_only.count("AIP-FLOW-002") == 1);
  CHECK(bedrock_only.findings[0].message.find("cover secretsmanager (secretsmanager:GetSecretValue): the") !=
        std::string::npos);
  // All of AWS by a leading dot; an endpoint for what the list leaves out; a policy that passes
  // what no stateless rule matches (the firewall filters nothing: a way out like a NAT route).
  CHECK(lint_template(platform(firewalled("'.amazonaws.com'", "aws:forward_to_sfe"), "", secret), "AIP-FLOW-002")
            .findings.empty());
  CHECK(lint_template(platform(firewalled("bedrock-runtime.us-east-1.amazonaws.com", "aws:forward_to_sfe"),
                               endpoint("secretsmanager", ", PrivateDnsEnabled: true"), secret),
                      "AIP-FLOW-002")
            .findings.empty());
  CHECK(lint_template(platform(firewalled("api.github.com", "aws:pass"), "", secret), "AIP-FLOW-002").findings.empty());
  // "amazonaws.com" without the dot is that one host, not its subdomains.
  CHECK(lint_template(platform(firewalled("amazonaws.com", "aws:forward_to_sfe"), "", secret), "AIP-FLOW-002")
            .count("AIP-FLOW-002") == 1);
}

TEST_CASE("AIP-FLOW-003 log destination its writer cannot write") {
  // A load balancer logging under `public/` into a bucket whose policy grants ELB `path`.
  auto alb = [](const std::string& path) {
    return tpl("  Logs: {Type: AWS::S3::Bucket, Properties: {BucketName: example-alb-logs}}\n"
               "  LogsPolicy:\n"
               "    Type: AWS::S3::BucketPolicy\n"
               "    Properties:\n"
               "      Bucket: {Ref: Logs}\n"
               "      PolicyDocument: {Version: '2012-10-17', Statement: [{Effect: Allow, Principal: "
               "{Service: logdelivery.elasticloadbalancing.amazonaws.com}, Action: 's3:PutObject', Resource: "
               "{'Fn::Sub': '${Logs.Arn}/" + path + "'}}]}\n"
               "  Lb:\n"
               "    Type: AWS::ElasticLoadBalancingV2::LoadBalancer\n"
               "    Properties:\n"
               "      Subnets: [subnet-0123456789abcdef0, subnet-0123456789abcdef1]\n"
               "      LoadBalancerAttributes:\n"
               "        - {Key: access_logs.s3.enabled, Value: 'true'}\n"
               "        - {Key: access_logs.s3.bucket, Value: {Ref: Logs}}\n"
               "        - {Key: access_logs.s3.prefix, Value: public}\n");
  };
  auto missed = lint_template(alb("AWSLogs/${AWS::AccountId}/*"), "AIP-FLOW-003");
  REQUIRE(missed.count("AIP-FLOW-003") == 1);
  CHECK(missed.findings[0].severity == aip::Severity::error);
  CHECK(missed.findings[0].message.find("under public/AWSLogs/${AWS::AccountId}/, but no policy of the bucket lets "
                                        "ELB put objects there") != std::string::npos);
  CHECK(lint_template(alb("public/AWSLogs/${AWS::AccountId}/*"), "AIP-FLOW-003").findings.empty());
  CHECK(lint_template(alb("*"), "AIP-FLOW-003").findings.empty());

  // A trail into a bucket that admits CloudTrail, or only somebody else.
  auto trail = [](const std::string& service) {
    return tpl("  Audit: {Type: AWS::S3::Bucket}\n"
               "  AuditPolicy:\n"
               "    Type: AWS::S3::BucketPolicy\n"
               "    Properties:\n"
               "      Bucket: {Ref: Audit}\n"
               "      PolicyDocument: {Version: '2012-10-17', Statement: [{Effect: Allow, Principal: {Service: " +
               service + "}, Action: 's3:PutObject', Resource: {'Fn::Sub': '${Audit.Arn}/AWSLogs/${AWS::AccountId}/*'}}]}\n"
               "  Trail: {Type: AWS::CloudTrail::Trail, Properties: {IsLogging: true, S3BucketName: {Ref: Audit}}}\n");
  };
  CHECK(lint_template(trail("cloudtrail.amazonaws.com"), "AIP-FLOW-003").findings.empty());
  auto wrong = lint_template(trail("config.amazonaws.com"), "AIP-FLOW-003");
  REQUIRE(wrong.count("AIP-FLOW-003") == 1);
  CHECK(wrong.findings[0].message.find("trail Trail delivers to bucket Audit") != std::string::npos);

  // A log group whose key admits the logs service, or only the account.
  auto group = [](const std::string& extra_statement) {
    return tpl("  Key:\n"
               "    Type: AWS::KMS::Key\n"
               "    Properties:\n"
               "      KeyPolicy:\n"
               "        Version: '2012-10-17'\n"
               "        Statement:\n"
               "          - {Effect: Allow, Principal: {AWS: {'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:root'}}, "
               "Action: 'kms:*', Resource: '*'}\n" +
               extra_statement +
               "  Group: {Type: AWS::Logs::LogGroup, Properties: {RetentionInDays: 30, KmsKeyId: {Fn::GetAtt: [Key, Arn]}}}\n");
  };
  auto unusable = lint_template(group(""), "AIP-FLOW-003");
  REQUIRE(unusable.count("AIP-FLOW-003") == 1);
  CHECK(unusable.findings[0].message.find("log group Group is encrypted with key Key") != std::string::npos);
  CHECK(lint_template(group("          - {Effect: Allow, Principal: {Service: {'Fn::Sub': 'logs.${AWS::Region}.amazonaws.com'}}, "
                            "Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:GenerateDataKey*'], Resource: '*'}\n"),
                      "AIP-FLOW-003").findings.empty());
}

TEST_CASE("AIP-AI-001 Bedrock guardrail without content filters or a prompt-attack filter") {
  const std::string head = R"(
  G:
    Type: AWS::Bedrock::Guardrail
    Properties:
      Name: g
      BlockedInputMessaging: no
      BlockedOutputsMessaging: no
)";
  auto none = lint_template(tpl(head + "      SensitiveInformationPolicyConfig: {PiiEntitiesConfig: [{Type: EMAIL, Action: ANONYMIZE}]}\n"),
                            "AIP-AI-001");
  REQUIRE(none.count("AIP-AI-001") == 1);
  CHECK(none.findings[0].severity == aip::Severity::warning);
  auto no_attack = lint_template(
      tpl(head + "      ContentPolicyConfig: {FiltersConfig: [{Type: HATE, InputStrength: HIGH, OutputStrength: HIGH}, "
                 "{Type: PROMPT_ATTACK, InputStrength: NONE, OutputStrength: NONE}]}\n"),
      "AIP-AI-001");
  REQUIRE(no_attack.count("AIP-AI-001") == 1);
  CHECK(no_attack.findings[0].message.find("prompt attacks") != std::string::npos);
  auto good = lint_template(
      tpl(head + "      ContentPolicyConfig: {FiltersConfig: [{Type: HATE, InputStrength: HIGH, OutputStrength: HIGH}, "
                 "{Type: PROMPT_ATTACK, InputStrength: HIGH, OutputStrength: NONE}]}\n"),
      "AIP-AI-001");
  CHECK(good.findings.empty());
}

TEST_CASE("AIP-ENC-016 SageMaker feature group store without a customer-managed KMS key") {
  const std::string head = R"(
  F:
    Type: AWS::SageMaker::FeatureGroup
    Properties:
      FeatureGroupName: f
      RecordIdentifierFeatureName: id
      EventTimeFeatureName: t
      FeatureDefinitions: [{FeatureName: id, FeatureType: String}, {FeatureName: t, FeatureType: String}]
      RoleArn: arn:aws:iam::111111111111:role/f
)";
  const std::string key = "arn:aws:kms:us-east-1:111111111111:key/11111111-2222-3333-4444-555555555555";
  // Both stores without keys: two findings.
  auto bad = lint_template(tpl(head + "      OnlineStoreConfig: {EnableOnlineStore: true}\n"
                                      "      OfflineStoreConfig: {S3StorageConfig: {S3Uri: s3://b/p}}\n"),
                           "AIP-ENC-016");
  REQUIRE(bad.count("AIP-ENC-016") == 2);
  CHECK(bad.findings[0].severity == aip::Severity::warning);
  CHECK_THAT(bad.findings[0].message, Catch::Contains("online store without a KMS key"));
  CHECK_THAT(bad.findings[1].message, Catch::Contains("offline store without a KMS key"));
  // The nearest good group: both stores with keys; an online store that is off needs none.
  auto good = lint_template(tpl(head + "      OnlineStoreConfig: {EnableOnlineStore: true, SecurityConfig: {KmsKeyId: " + key +
                                "}}\n      OfflineStoreConfig: {S3StorageConfig: {S3Uri: s3://b/p, KmsKeyId: " + key + "}}\n"),
                            "AIP-ENC-016");
  CHECK(good.findings.empty());
  auto off = lint_template(tpl(head + "      OnlineStoreConfig: {EnableOnlineStore: false}\n"
                                      "      OfflineStoreConfig: {S3StorageConfig: {S3Uri: s3://b/p, KmsKeyId: " + key + "}}\n"),
                           "AIP-ENC-016");
  CHECK(off.findings.empty());
}

TEST_CASE("AIP-ENC-011 Bedrock guardrail without a customer-managed key") {
  const std::string head = R"(
  G:
    Type: AWS::Bedrock::Guardrail
    Properties:
      Name: g
      BlockedInputMessaging: no
      BlockedOutputsMessaging: no
)";
  auto bad = lint_template(tpl(head), "AIP-ENC-011");
  REQUIRE(bad.count("AIP-ENC-011") == 1);
  CHECK(bad.findings[0].severity == aip::Severity::info);
  auto good = lint_template(tpl(head + "      KmsKeyArn: arn:aws:kms:us-east-1:111111111111:key/11111111-2222-3333-4444-555555555555\n"),
                            "AIP-ENC-011");
  CHECK(good.findings.empty());
}

// ---------------------------------------------------------------- rules for parity with cdk-nag and checkov

TEST_CASE("AIP-ENC-020 EFS file system not encrypted") {
  auto fs = [](const std::string& p) { return tpl("  Fs: {Type: AWS::EFS::FileSystem, Properties: {" + p + "}}\n"); };
  auto absent = lint_template(fs("PerformanceMode: generalPurpose"), "AIP-ENC-020");
  REQUIRE(absent.count("AIP-ENC-020") == 1);
  CHECK(absent.findings[0].location.line == 3);
  CHECK(absent.findings[0].message.find("EFS file system Fs is not encrypted at rest") != std::string::npos);
  CHECK(lint_template(fs("Encrypted: false"), "AIP-ENC-020").count("AIP-ENC-020") == 1);
  CHECK(lint_template(fs("Encrypted: true"), "AIP-ENC-020").findings.empty());
  CHECK(lint_template(fs("Encrypted: 'true'"), "AIP-ENC-020").findings.empty());
}

TEST_CASE("AIP-ENC-021 Kinesis stream without server-side encryption") {
  auto s = [](const std::string& p) { return tpl("  S: {Type: AWS::Kinesis::Stream, Properties: {ShardCount: 1" + p + "}}\n"); };
  CHECK(lint_template(s(""), "AIP-ENC-021").count("AIP-ENC-021") == 1);
  CHECK(lint_template(s(", StreamEncryption: {EncryptionType: NONE, KeyId: k}"), "AIP-ENC-021").count("AIP-ENC-021") ==
        1);
  CHECK(lint_template(s(", StreamEncryption: {EncryptionType: KMS, KeyId: alias/aws/kinesis}"), "AIP-ENC-021")
            .findings.empty());
}

TEST_CASE("AIP-ENC-022 ElastiCache replication group encryption") {
  auto g = [](const std::string& p) {
    return tpl("  G: {Type: AWS::ElastiCache::ReplicationGroup, Properties: {ReplicationGroupDescription: c, "
               "Engine: redis, CacheNodeType: cache.t4g.small, NumCacheClusters: 2" + p + "}}\n");
  };
  auto none = lint_template(g(""), "AIP-ENC-022");
  REQUIRE(none.count("AIP-ENC-022") == 2);  // at rest and in transit, each on its own
  CHECK(none.findings[0].message.find("not encrypted at rest") != std::string::npos);
  CHECK(none.findings[1].message.find("not encrypted in transit") != std::string::npos);
  auto transit = lint_template(g(", AtRestEncryptionEnabled: true, TransitEncryptionEnabled: false"), "AIP-ENC-022");
  REQUIRE(transit.count("AIP-ENC-022") == 1);
  CHECK(transit.findings[0].path == aip::lint::Path{"Properties", "TransitEncryptionEnabled"});
  CHECK(lint_template(g(", AtRestEncryptionEnabled: true, TransitEncryptionEnabled: true"), "AIP-ENC-022")
            .findings.empty());
}

TEST_CASE("AIP-ENC-023 and AIP-ENC-024 OpenSearch domain encryption") {
  auto d = [](const std::string& type, const std::string& p) {
    return tpl("  D: {Type: " + type + ", Properties: {DomainName: d" + p + "}}\n");
  };
  const std::string all = ", EncryptionAtRestOptions: {Enabled: true}, NodeToNodeEncryptionOptions: {Enabled: true}, "
                          "DomainEndpointOptions: {EnforceHTTPS: true}";
  for (const char* type : {"AWS::OpenSearchService::Domain", "AWS::Elasticsearch::Domain"}) {
    INFO(type);
    CHECK(lint_template(d(type, ""), "AIP-ENC-023").count("AIP-ENC-023") == 1);
    CHECK(lint_template(d(type, ", EncryptionAtRestOptions: {Enabled: false}"), "AIP-ENC-023").count("AIP-ENC-023") == 1);
    CHECK(lint_template(d(type, all), "AIP-ENC-023").findings.empty());
    auto plain = lint_template(d(type, ""), "AIP-ENC-024");
    REQUIRE(plain.count("AIP-ENC-024") == 2);
    CHECK(plain.findings[0].message.find("between its nodes") != std::string::npos);
    CHECK(plain.findings[1].message.find("accepts plain HTTP") != std::string::npos);
    auto http = lint_template(d(type, ", NodeToNodeEncryptionOptions: {Enabled: true}, DomainEndpointOptions: "
                                      "{EnforceHTTPS: false}"),
                              "AIP-ENC-024");
    REQUIRE(http.count("AIP-ENC-024") == 1);
    CHECK(http.findings[0].path == aip::lint::Path{"Properties", "DomainEndpointOptions", "EnforceHTTPS"});
    CHECK(lint_template(d(type, all), "AIP-ENC-024").findings.empty());
  }
}

TEST_CASE("AIP-ENC-025 EBS volumes created unencrypted") {
  CHECK(lint_template(tpl("  V: {Type: AWS::EC2::Volume, Properties: {AvailabilityZone: us-east-1a, Size: 10}}\n"),
                      "AIP-ENC-025")
            .count("AIP-ENC-025") == 1);
  CHECK(lint_template(tpl("  V: {Type: AWS::EC2::Volume, Properties: {AvailabilityZone: us-east-1a, Size: 10, "
                          "Encrypted: true}}\n"),
                      "AIP-ENC-025")
            .findings.empty());
  // From a snapshot: the snapshot's encryption applies.
  CHECK(lint_template(tpl("  V: {Type: AWS::EC2::Volume, Properties: {AvailabilityZone: us-east-1a, SnapshotId: "
                          "snap-0123456789abcdef0}}\n"),
                      "AIP-ENC-025")
            .findings.empty());
  auto lt = lint_template(tpl("  T: {Type: AWS::EC2::LaunchTemplate, Properties: {LaunchTemplateData: "
                              "{BlockDeviceMappings: [{DeviceName: /dev/xvda, Ebs: {VolumeSize: 20, Encrypted: true}}, "
                              "{DeviceName: /dev/xvdb, Ebs: {VolumeSize: 50}}, {DeviceName: /dev/sdc, VirtualName: "
                              "ephemeral0}]}}}\n"),
                          "AIP-ENC-025");
  REQUIRE(lt.count("AIP-ENC-025") == 1);
  CHECK(lt.findings[0].message.find("/dev/xvdb") != std::string::npos);
  CHECK(lt.findings[0].path ==
        aip::lint::Path{"Properties", "LaunchTemplateData", "BlockDeviceMappings", "1", "Ebs"});
  auto instance = lint_template(tpl("  I: {Type: AWS::EC2::Instance, Properties: {ImageId: ami-12345678, "
                                    "BlockDeviceMappings: [{DeviceName: /dev/xvda, Ebs: {Encrypted: false}}]}}\n"),
                                "AIP-ENC-025");
  REQUIRE(instance.count("AIP-ENC-025") == 1);
  CHECK(instance.findings[0].path == aip::lint::Path{"Properties", "BlockDeviceMappings", "0", "Ebs", "Encrypted"});
  CHECK(lint_template(tpl("  C: {Type: AWS::AutoScaling::LaunchConfiguration, Properties: {ImageId: ami-12345678, "
                          "InstanceType: t3.micro, BlockDeviceMappings: [{DeviceName: /dev/xvda, Ebs: {VolumeSize: 8}}]}}\n"),
                      "AIP-ENC-025")
            .count("AIP-ENC-025") == 1);
  // An instance without mappings uses its AMI's: not something the template says.
  CHECK(lint_template(tpl("  I: {Type: AWS::EC2::Instance, Properties: {ImageId: ami-12345678}}\n"), "AIP-ENC-025")
            .findings.empty());
}

namespace {
std::string redshift(const std::string& extra) {
  return tpl("  W: {Type: AWS::Redshift::Cluster, Properties: {ClusterType: single-node, NodeType: ra3.large, DBName: "
             "dev, MasterUsername: admin, ManageMasterPassword: true" + extra + "}}\n");
}
}  // namespace

TEST_CASE("AIP-LOG-022 Redshift cluster without audit logging") {
  CHECK(lint_template(redshift(""), "AIP-LOG-022").count("AIP-LOG-022") == 1);
  CHECK(lint_template(redshift(", LoggingProperties: {}"), "AIP-LOG-022").count("AIP-LOG-022") == 1);
  CHECK(lint_template(redshift(", LoggingProperties: {LogDestinationType: cloudwatch, LogExports: [connectionlog]}"),
                      "AIP-LOG-022")
            .findings.empty());
}

TEST_CASE("AIP-ENC-027 symmetric KMS key without rotation") {
  auto key = [](const std::string& p) {
    return tpl("  K: {Type: AWS::KMS::Key, Properties: {KeyPolicy: {Version: '2012-10-17', Statement: [{Effect: Allow, "
               "Principal: {AWS: arn:aws:iam::111111111111:root}, Action: 'kms:*', Resource: '*'}]}" + p + "}}\n");
  };
  CHECK(lint_template(key(""), "AIP-ENC-027").count("AIP-ENC-027") == 1);
  CHECK(lint_template(key(", EnableKeyRotation: false"), "AIP-ENC-027").count("AIP-ENC-027") == 1);
  CHECK(lint_template(key(", KeySpec: SYMMETRIC_DEFAULT"), "AIP-ENC-027").count("AIP-ENC-027") == 1);
  CHECK(lint_template(key(", EnableKeyRotation: true"), "AIP-ENC-027").findings.empty());
  // Keys that cannot rotate automatically.
  CHECK(lint_template(key(", KeySpec: RSA_2048, KeyUsage: SIGN_VERIFY"), "AIP-ENC-027").findings.empty());
  CHECK(lint_template(key(", KeySpec: HMAC_256, KeyUsage: GENERATE_VERIFY_MAC"), "AIP-ENC-027").findings.empty());
  CHECK(lint_template(key(", Origin: EXTERNAL"), "AIP-ENC-027").findings.empty());
}

TEST_CASE("AIP-EXP-021 identity pool with unauthenticated identities") {
  auto pool = [](const std::string& v) {
    return tpl("  P: {Type: AWS::Cognito::IdentityPool, Properties: {AllowUnauthenticatedIdentities: " + v + "}}\n");
  };
  auto bad = lint_template(pool("true"), "AIP-EXP-021");
  REQUIRE(bad.count("AIP-EXP-021") == 1);
  CHECK(bad.findings[0].path == aip::lint::Path{"Properties", "AllowUnauthenticatedIdentities"});
  CHECK(lint_template(pool("false"), "AIP-EXP-021").findings.empty());
}

TEST_CASE("AIP-LOG-020 ECS cluster without Container Insights") {
  auto cluster = [](const std::string& p) { return tpl("  C: {Type: AWS::ECS::Cluster, Properties: {" + p + "}}\n"); };
  CHECK(lint_template(cluster(""), "AIP-LOG-020").count("AIP-LOG-020") == 1);
  auto off = lint_template(cluster("ClusterSettings: [{Name: containerInsights, Value: disabled}]"), "AIP-LOG-020");
  REQUIRE(off.count("AIP-LOG-020") == 1);
  CHECK(off.findings[0].path == aip::lint::Path{"Properties", "ClusterSettings", "0", "Value"});
  CHECK(lint_template(cluster("ClusterSettings: [{Name: containerInsights, Value: enabled}]"), "AIP-LOG-020")
            .findings.empty());
  CHECK(lint_template(cluster("ClusterSettings: [{Name: containerInsights, Value: enhanced}]"), "AIP-LOG-020")
            .findings.empty());
}

TEST_CASE("AIP-LOG-021 ECS container without logging") {
  auto td = [](const std::string& second) {
    return tpl("  T: {Type: AWS::ECS::TaskDefinition, Properties: {ContainerDefinitions: [{Name: app, Image: nginx, "
               "LogConfiguration: {LogDriver: awslogs, Options: {awslogs-group: g, awslogs-region: us-east-1, "
               "awslogs-stream-prefix: app}}}, {Name: sidecar, Image: envoy" + second + "}]}}\n");
  };
  auto bad = lint_template(td(""), "AIP-LOG-021");
  REQUIRE(bad.count("AIP-LOG-021") == 1);
  CHECK(bad.findings[0].message.find("container sidecar of task definition T") != std::string::npos);
  CHECK(bad.findings[0].path == aip::lint::Path{"Properties", "ContainerDefinitions", "1"});
  CHECK(lint_template(td(", LogConfiguration: {LogDriver: awsfirelens}"), "AIP-LOG-021").findings.empty());
}

TEST_CASE("AIP-RES-010 automated backups turned off") {
  auto db = [](const std::string& p) {
    return tpl("  D: {Type: AWS::RDS::DBInstance, Properties: {Engine: postgres, DBInstanceClass: db.t4g.micro, "
               "AllocatedStorage: '20'" + p + "}}\n");
  };
  auto off = lint_template(db(", BackupRetentionPeriod: 0"), "AIP-RES-010");
  REQUIRE(off.count("AIP-RES-010") == 1);
  CHECK(off.findings[0].path == aip::lint::Path{"Properties", "BackupRetentionPeriod"});
  CHECK(lint_template(db(", BackupRetentionPeriod: '0'"), "AIP-RES-010").count("AIP-RES-010") == 1);
  CHECK(lint_template(db(""), "AIP-RES-010").findings.empty());  // the default is one day
  CHECK(lint_template(db(", BackupRetentionPeriod: 7"), "AIP-RES-010").findings.empty());
  CHECK(lint_template(db(", BackupRetentionPeriod: 0, SourceDBInstanceIdentifier: primary"), "AIP-RES-010")
            .findings.empty());
  CHECK(lint_template(redshift(", AutomatedSnapshotRetentionPeriod: 0"), "AIP-RES-010").count("AIP-RES-010") == 1);
  CHECK(lint_template(redshift(", AutomatedSnapshotRetentionPeriod: 7"), "AIP-RES-010").findings.empty());
}

TEST_CASE("AIP-ENC-028 topic or queue without a policy that refuses plain HTTP") {
  const std::string queue = "  Q: {Type: AWS::SQS::Queue, Properties: {SqsManagedSseEnabled: true}}\n";
  auto policy = [](const std::string& type, const std::string& target, const std::string& statement) {
    return "  P: {Type: " + type + ", Properties: {" + target +
           ", PolicyDocument: {Version: '2012-10-17', Statement: [" + statement + "]}}}\n";
  };
  const std::string deny = "{Effect: Deny, Principal: '*', Action: 'sqs:*', Resource: !GetAtt Q.Arn, Condition: "
                           "{Bool: {aws:SecureTransport: 'false'}}}";
  const std::string allow = "{Effect: Allow, Principal: {Service: sns.amazonaws.com}, Action: sqs:SendMessage, "
                            "Resource: !GetAtt Q.Arn}";
  auto bare = lint_template(tpl(queue), "AIP-ENC-028");
  REQUIRE(bare.count("AIP-ENC-028") == 1);
  CHECK(bare.findings[0].message.find("queue Q has no queue policy denying requests without TLS") != std::string::npos);
  CHECK(lint_template(tpl(queue + policy("AWS::SQS::QueuePolicy", "Queues: [!Ref Q]", allow)), "AIP-ENC-028")
            .count("AIP-ENC-028") == 1);
  CHECK(lint_template(tpl(queue + policy("AWS::SQS::QueuePolicy", "Queues: [!Ref Q]", allow + ", " + deny)),
                      "AIP-ENC-028")
            .findings.empty());
  CHECK(lint_template(tpl(queue + policy("AWS::SQS::QueueInlinePolicy", "Queue: !Ref Q", deny)), "AIP-ENC-028")
            .findings.empty());
  // A deny for another queue does not cover this one.
  CHECK(lint_template(tpl(queue + "  Other: {Type: AWS::SQS::Queue}\n" +
                          policy("AWS::SQS::QueuePolicy", "Queues: [!Ref Other]", deny)),
                      "AIP-ENC-028")
            .count("AIP-ENC-028") == 1);
  const std::string topic = "  T: {Type: AWS::SNS::Topic, Properties: {KmsMasterKeyId: alias/aws/sns}}\n";
  const std::string topic_deny = "{Effect: Deny, Principal: '*', Action: sns:Publish, Resource: !Ref T, Condition: "
                                 "{Bool: {aws:SecureTransport: false}}}";
  CHECK(lint_template(tpl(topic), "AIP-ENC-028").count("AIP-ENC-028") == 1);
  CHECK(lint_template(tpl(topic + policy("AWS::SNS::TopicPolicy", "Topics: [!Ref T]", topic_deny)), "AIP-ENC-028")
            .findings.empty());
}

TEST_CASE("AIP-LOG-023 VPC without a flow log") {
  const std::string vpc = "  V: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.0.0.0/16}}\n";
  auto flow = [](const std::string& type, const std::string& id) {
    return "  F: {Type: AWS::EC2::FlowLog, Properties: {ResourceType: " + type + ", ResourceId: " + id +
           ", TrafficType: ALL, LogDestinationType: s3, LogDestination: arn:aws:s3:::flow-logs}}\n";
  };
  auto bare = lint_template(tpl(vpc), "AIP-LOG-023");
  REQUIRE(bare.count("AIP-LOG-023") == 1);
  CHECK(bare.findings[0].message.find("VPC V has no flow log") != std::string::npos);
  CHECK(lint_template(tpl(vpc + flow("VPC", "!Ref V")), "AIP-LOG-023").findings.empty());
  // A flow log of something else, or of another VPC, does not count.
  CHECK(lint_template(tpl(vpc + flow("Subnet", "subnet-0123456789abcdef0")), "AIP-LOG-023").count("AIP-LOG-023") == 1);
  CHECK(lint_template(tpl(vpc + flow("VPC", "vpc-0123456789abcdef0")), "AIP-LOG-023").count("AIP-LOG-023") == 1);
}

TEST_CASE("AIP-EXP-022 instance metadata service v1 allowed") {
  auto lt = [](const std::string& options) {
    return tpl("  L: {Type: AWS::EC2::LaunchTemplate, Properties: {LaunchTemplateData: {InstanceType: t3.micro" +
               options + "}}}\n");
  };
  CHECK(lint_template(lt(""), "AIP-EXP-022").count("AIP-EXP-022") == 1);
  auto optional = lint_template(lt(", MetadataOptions: {HttpTokens: optional}"), "AIP-EXP-022");
  REQUIRE(optional.count("AIP-EXP-022") == 1);
  CHECK(optional.findings[0].path ==
        aip::lint::Path{"Properties", "LaunchTemplateData", "MetadataOptions", "HttpTokens"});
  CHECK(lint_template(lt(", MetadataOptions: {HttpTokens: required}"), "AIP-EXP-022").findings.empty());
  CHECK(lint_template(lt(", MetadataOptions: {HttpEndpoint: disabled}"), "AIP-EXP-022").findings.empty());
  auto nb = [](const std::string& extra) {
    return tpl("  N: {Type: AWS::SageMaker::NotebookInstance, Properties: {InstanceType: ml.t3.medium, RoleArn: "
               "arn:aws:iam::111111111111:role/n" + extra + "}}\n");
  };
  CHECK(lint_template(nb(""), "AIP-EXP-022").count("AIP-EXP-022") == 1);
  CHECK(lint_template(nb(", InstanceMetadataServiceConfiguration: {MinimumInstanceMetadataServiceVersion: '1'}"),
                      "AIP-EXP-022")
            .count("AIP-EXP-022") == 1);
  CHECK(lint_template(nb(", InstanceMetadataServiceConfiguration: {MinimumInstanceMetadataServiceVersion: '2'}"),
                      "AIP-EXP-022")
            .findings.empty());
}

TEST_CASE("AIP-IAM-013 Lambda permission for a service without SourceArn or SourceAccount") {
  auto permission = [](const std::string& principal, const std::string& extra) {
    return tpl("  P: {Type: AWS::Lambda::Permission, Properties: {Action: lambda:InvokeFunction, FunctionName: "
               "arn:aws:lambda:us-east-1:111111111111:function:f, Principal: " + principal + extra + "}}\n");
  };
  auto bad = lint_template(permission("s3.amazonaws.com", ""), "AIP-IAM-013");
  REQUIRE(bad.count("AIP-IAM-013") == 1);
  CHECK(bad.findings[0].path == aip::lint::Path{"Properties", "Principal"});
  CHECK(bad.findings[0].message.find("lets s3.amazonaws.com invoke the function") != std::string::npos);
  CHECK(lint_template(permission("events.amazonaws.com", ""), "AIP-IAM-013").count("AIP-IAM-013") == 1);
  CHECK(lint_template(permission("events.amazonaws.com", ", SourceArn: arn:aws:events:us-east-1:111111111111:rule/r"),
                      "AIP-IAM-013")
            .findings.empty());
  CHECK(lint_template(permission("s3.amazonaws.com", ", SourceAccount: '111111111111'"), "AIP-IAM-013").findings.empty());
  // An account principal is not a service acting for others (AIP-EXP-007 judges "*").
  CHECK(lint_template(permission("'111111111111'", ""), "AIP-IAM-013").findings.empty());
}

namespace {

// A role granted a bucket: its clearance and the bucket's level as given.
std::string cleared_role_and_bucket(const std::string& clearance, const std::string& level) {
  std::string role_tags = clearance.empty() ? "" : "\n      Tags: [{Key: aip:clearance, Value: " + clearance + "}]";
  return tpl(R"(
  Key:
    Type: AWS::KMS::Key
    Properties:
      KeyPolicy: {Version: '2012-10-17', Statement: [{Effect: Allow, Principal: {AWS: '*'}, Action: 'kms:*', Resource: '*'}]}
      Tags: [{Key: aip:classification, Value: )" + level + R"(}, {Key: aip:classification-rank, Value: ')" +
             (level == "restricted" ? "3" : level == "internal" ? "1" : "0") + R"('}]
  Lower:
    Type: AWS::KMS::Key
    Properties:
      KeyPolicy: {Version: '2012-10-17', Statement: [{Effect: Allow, Principal: {AWS: '*'}, Action: 'kms:*', Resource: '*'}]}
      Tags: [{Key: aip:classification, Value: internal}, {Key: aip:classification-rank, Value: '1'}]
  Data:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: patients-data
      Tags: [{Key: aip:classification, Value: )" + level + R"(}]
  Reader:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {Version: '2012-10-17', Statement: [{Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: 'sts:AssumeRole'}]})" +
             role_tags + R"(
      Policies:
        - PolicyName: p
          PolicyDocument:
            Version: '2012-10-17'
            Statement:
              - {Effect: Allow, Action: 's3:GetObject', Resource: !Sub '${Data.Arn}/*'}
              - {Effect: Allow, Action: 's3:ListBucket', Resource: !Sub 'arn:${AWS::Partition}:s3:::patients-data'}
              - {Effect: Allow, Action: 'kms:Decrypt', Resource: !GetAtt Key.Arn}
)");
}

}  // namespace

TEST_CASE("AIP-CLS-001 a role reaches data above its clearance") {
  auto bad = lint_template(cleared_role_and_bucket("internal", "restricted"), "AIP-CLS-001");
  // The bucket by Sub, by its ARN by name, and its level's key.
  REQUIRE(bad.count("AIP-CLS-001") == 3);
  CHECK(bad.findings[0].message.find("Reader may use Data (classified 'restricted'), but the role is cleared for "
                                     "'internal'") != std::string::npos);
  CHECK(bad.findings[2].message.find("may use Key (classified 'restricted')") != std::string::npos);
  // Without a clearance tag: the lowest level only.
  auto untagged = lint_template(cleared_role_and_bucket("", "internal"), "AIP-CLS-001");
  CHECK(untagged.count("AIP-CLS-001") == 3);
  CHECK(untagged.findings[0].message.find("cleared for the lowest level only") != std::string::npos);
  // Cleared for the level, or above it: nothing.
  CHECK(lint_template(cleared_role_and_bucket("restricted", "restricted"), "AIP-CLS-001").findings.empty());
  CHECK(lint_template(cleared_role_and_bucket("restricted", "internal"), "AIP-CLS-001").findings.empty());
  // The lowest level needs no clearance.
  CHECK(lint_template(cleared_role_and_bucket("", "public"), "AIP-CLS-001").findings.empty());
}

TEST_CASE("AIP-CLS-001 on a spec: a function granted a bucket above its clearance") {
  auto spec = [](const std::string& clearance) {
    return R"(aip: 1
name: test
accounts:
  dev: {id: "123456789012", region: us-east-1}
classification:
  levels: [public, internal, restricted]
storage:
  buckets:
    patients: {access_logs: false, classification: restricted}
functions:
  report:
    runtime: python3.12
    handler: app.handler
    code: {inline: "def handler(e, c): pass"}
    clearance: )" + clearance + R"(
    buckets: {read: [patients]}
)";
  };
  auto bad = lint_spec(spec("internal"), "AIP-CLS-001");
  REQUIRE(bad.count("AIP-CLS-001") >= 1);
  CHECK(bad.findings[0].location.line == 11);
  CHECK(bad.findings[0].message.find("is cleared for 'internal'") != std::string::npos);
  CHECK(lint_spec(spec("restricted"), "AIP-CLS-001").findings.empty());
}

TEST_CASE("AIP-CLS-002 a bucket replicated into a lower classification") {
  auto buckets = [](const std::string& target_level) {
    std::string target_tags = target_level.empty() ? "" : "\n      Tags: [{Key: aip:classification, Value: " + target_level + "}]";
    return tpl(R"(
  K3: {Type: AWS::KMS::Key, Properties: {KeyPolicy: {}, Tags: [{Key: aip:classification, Value: restricted}, {Key: aip:classification-rank, Value: '3'}]}}
  K1: {Type: AWS::KMS::Key, Properties: {KeyPolicy: {}, Tags: [{Key: aip:classification, Value: internal}, {Key: aip:classification-rank, Value: '1'}]}}
  Source:
    Type: AWS::S3::Bucket
    Properties:
      ReplicationConfiguration:
        Role: arn:aws:iam::123456789012:role/r
        Rules: [{Status: Enabled, Destination: {Bucket: !GetAtt Replica.Arn}}]
      Tags: [{Key: aip:classification, Value: restricted}]
  Replica:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: replica)" + target_tags + "\n");
  };
  auto bad = lint_template(buckets("internal"), "AIP-CLS-002");
  REQUIRE(bad.count("AIP-CLS-002") == 1);
  CHECK(bad.findings[0].message.find("replicates into Replica, which is classified 'internal'") != std::string::npos);
  CHECK(lint_template(buckets(""), "AIP-CLS-002").count("AIP-CLS-002") == 1);
  CHECK(lint_template(buckets("restricted"), "AIP-CLS-002").findings.empty());
}

TEST_CASE("AIP-CLS-003 messages flow into a queue of a lower classification") {
  auto flow = [](const std::string& queue_level) {
    std::string tags = queue_level.empty() ? "" : ", Tags: [{Key: aip:classification, Value: " + queue_level + "}]";
    return tpl(R"(
  K2: {Type: AWS::KMS::Key, Properties: {KeyPolicy: {}, Tags: [{Key: aip:classification, Value: confidential}, {Key: aip:classification-rank, Value: '2'}]}}
  K0: {Type: AWS::KMS::Key, Properties: {KeyPolicy: {}, Tags: [{Key: aip:classification, Value: public}, {Key: aip:classification-rank, Value: '0'}]}}
  Topic: {Type: AWS::SNS::Topic, Properties: {Tags: [{Key: aip:classification, Value: confidential}]}}
  Queue: {Type: AWS::SQS::Queue, Properties: {QueueName: q)" + tags + R"(}}
  Sub: {Type: AWS::SNS::Subscription, Properties: {TopicArn: !Ref Topic, Endpoint: !GetAtt Queue.Arn, Protocol: sqs}}
  Jobs:
    Type: AWS::SQS::Queue
    Properties:
      RedrivePolicy: {deadLetterTargetArn: !GetAtt Queue.Arn, maxReceiveCount: 3}
      Tags: [{Key: aip:classification, Value: confidential}]
)");
  };
  auto bad = lint_template(flow("public"), "AIP-CLS-003");
  REQUIRE(bad.count("AIP-CLS-003") == 2);
  CHECK(bad.findings[0].message.find("classified 'confidential') into Queue, which is classified 'public'") !=
        std::string::npos);
  CHECK(lint_template(flow(""), "AIP-CLS-003").count("AIP-CLS-003") == 2);
  CHECK(lint_template(flow("confidential"), "AIP-CLS-003").findings.empty());
}

TEST_CASE("AIP-ENC-014 a symmetric key without rotation") {
  auto key = [](const std::string& props) {
    return tpl("  K:\n    Type: AWS::KMS::Key\n    Properties: {KeyPolicy: {}" + props + "}\n");
  };
  CHECK(lint_template(key(""), "AIP-ENC-014").count("AIP-ENC-014") == 1);
  CHECK(lint_template(key(", EnableKeyRotation: false"), "AIP-ENC-014").count("AIP-ENC-014") == 1);
  CHECK(lint_template(key(", EnableKeyRotation: true"), "AIP-ENC-014").findings.empty());
  // Keys that cannot rotate.
  CHECK(lint_template(key(", KeySpec: RSA_2048, KeyUsage: SIGN_VERIFY"), "AIP-ENC-014").findings.empty());
  CHECK(lint_template(key(", Origin: EXTERNAL"), "AIP-ENC-014").findings.empty());
}

TEST_CASE("AIP-ENC-015 a classified resource under another key than its level's") {
  auto queue = [](const std::string& key) {
    return tpl(R"(
  Internal: {Type: AWS::KMS::Key, Properties: {KeyPolicy: {}, EnableKeyRotation: true, Tags: [{Key: aip:classification, Value: internal}]}}
  Restricted: {Type: AWS::KMS::Key, Properties: {KeyPolicy: {}, EnableKeyRotation: true, Tags: [{Key: aip:classification, Value: restricted}]}}
  Own: {Type: AWS::KMS::Key, Properties: {KeyPolicy: {}, EnableKeyRotation: true}}
  Q:
    Type: AWS::SQS::Queue
    Properties:
      Tags: [{Key: aip:classification, Value: restricted}])" + key + "\n");
  };
  auto other = lint_template(queue("\n      KmsMasterKeyId: !GetAtt Internal.Arn"), "AIP-ENC-015");
  REQUIRE(other.count("AIP-ENC-015") == 1);
  CHECK(other.findings[0].message.find("encrypted with Internal, the key of level 'internal'") != std::string::npos);
  CHECK(lint_template(queue("\n      KmsMasterKeyId: !Ref Own"), "AIP-ENC-015").count("AIP-ENC-015") == 1);
  CHECK(lint_template(queue(""), "AIP-ENC-015").count("AIP-ENC-015") == 1);
  CHECK(lint_template(queue("\n      KmsMasterKeyId: !GetAtt Restricted.Arn"), "AIP-ENC-015").findings.empty());
  // A literal key ARN cannot be judged here.
  CHECK(lint_template(queue("\n      KmsMasterKeyId: arn:aws:kms:us-east-1:123456789012:key/abc"), "AIP-ENC-015")
            .findings.empty());
}

// ---------------------------------------------------------------- pipelines

namespace {
std::string codebuild_project(const std::string& extra, const std::string& environment_extra = "") {
  return tpl("  B:\n    Type: AWS::CodeBuild::Project\n    Properties:\n"
             "      ServiceRole: arn:aws:iam::123456789012:role/b\n"
             "      Source: {Type: CODEPIPELINE}\n      Artifacts: {Type: CODEPIPELINE}\n" +
             extra +
             "      Environment: {Type: LINUX_CONTAINER, ComputeType: BUILD_GENERAL1_SMALL, Image: i" +
             environment_extra + "}\n");
}
const char* kCodeBuildKey = "      EncryptionKey: arn:aws:kms:eu-west-1:123456789012:key/k\n";
}  // namespace

TEST_CASE("AIP-ENC-012 CodeBuild project without a customer-managed key") {
  CHECK(lint_template(codebuild_project(""), "AIP-ENC-012").count("AIP-ENC-012") == 1);
  CHECK(lint_template(codebuild_project("      EncryptionKey: alias/aws/s3\n"), "AIP-ENC-012").count("AIP-ENC-012") == 1);
  CHECK(lint_template(codebuild_project(kCodeBuildKey), "AIP-ENC-012").findings.empty());
  CHECK(lint_template(codebuild_project("      EncryptionKey: alias/builds\n"), "AIP-ENC-012").findings.empty());
}

TEST_CASE("AIP-ENC-013 pipeline artifact store without a key") {
  auto pipeline = [](const std::string& stores) {
    return tpl("  P:\n    Type: AWS::CodePipeline::Pipeline\n    Properties:\n"
               "      RoleArn: arn:aws:iam::123456789012:role/p\n" + stores +
               "      Stages: []\n");
  };
  CHECK(lint_template(pipeline("      ArtifactStore: {Type: S3, Location: b}\n"), "AIP-ENC-013").count("AIP-ENC-013") == 1);
  CHECK(lint_template(pipeline("      ArtifactStores:\n"
                               "        - {Region: eu-west-1, ArtifactStore: {Type: S3, Location: b, EncryptionKey: {Id: k, Type: KMS}}}\n"
                               "        - {Region: us-east-1, ArtifactStore: {Type: S3, Location: c}}\n"),
                      "AIP-ENC-013")
            .count("AIP-ENC-013") == 1);
  CHECK(lint_template(pipeline("      ArtifactStore: {Type: S3, Location: b, EncryptionKey: {Id: k, Type: KMS}}\n"),
                      "AIP-ENC-013")
            .findings.empty());
}

TEST_CASE("AIP-CICD-001 CodeBuild project in privileged mode") {
  CHECK(lint_template(codebuild_project(kCodeBuildKey, ", PrivilegedMode: true"), "AIP-CICD-001").count("AIP-CICD-001") == 1);
  CHECK(lint_template(codebuild_project(kCodeBuildKey, ", PrivilegedMode: false"), "AIP-CICD-001").findings.empty());
  CHECK(lint_template(codebuild_project(kCodeBuildKey), "AIP-CICD-001").findings.empty());
}

TEST_CASE("AIP-CICD-002 credentials in plaintext build variables") {
  auto vars = [](const std::string& list) {
    return codebuild_project(kCodeBuildKey, ", EnvironmentVariables: [" + list + "]");
  };
  CHECK(lint_template(vars("{Name: DB_PASSWORD, Value: x}"), "AIP-CICD-002").count("AIP-CICD-002") == 1);
  CHECK(lint_template(vars("{Name: AWS_SECRET_ACCESS_KEY, Value: x, Type: PLAINTEXT}"), "AIP-CICD-002")
            .count("AIP-CICD-002") == 1);
  CHECK(lint_template(vars("{Name: github_token, Value: x}"), "AIP-CICD-002").count("AIP-CICD-002") == 1);
  // The same names from Secrets Manager or Parameter Store, and ordinary names in plaintext, are fine.
  CHECK(lint_template(vars("{Name: DB_PASSWORD, Value: arn:aws:secretsmanager:eu-west-1:123456789012:secret:db, "
                           "Type: SECRETS_MANAGER}, {Name: API_KEY, Value: /app/key, Type: PARAMETER_STORE}, "
                           "{Name: STAGE, Value: prod}"),
                      "AIP-CICD-002")
            .findings.empty());
}

namespace {
std::string lambda_deployment_group(const std::string& rollback, const std::string& alarms = "") {
  return "Resources:\n"
         "  Group:\n"
         "    Type: AWS::CodeDeploy::DeploymentGroup\n"
         "    Properties:\n"
         "      ApplicationName: app\n"
         "      ServiceRoleArn: arn:aws:iam::123456789012:role/deploy\n"
         "      DeploymentStyle: {DeploymentType: BLUE_GREEN, DeploymentOption: WITH_TRAFFIC_CONTROL}\n" +
         rollback + alarms;
}

std::string shifted_function(const std::string& invoker, bool update_policy = true) {
  return std::string("Resources:\n"
                     "  Fn:\n"
                     "    Type: AWS::Lambda::Function\n"
                     "    Properties: {Runtime: python3.12, Handler: a.h, Role: arn:aws:iam::123456789012:role/f, "
                     "Code: {ZipFile: x}}\n"
                     "  Live:\n"
                     "    Type: AWS::Lambda::Alias\n") +
         (update_policy ? "    UpdatePolicy: {CodeDeployLambdaAliasUpdate: {ApplicationName: a, DeploymentGroupName: g}}\n"
                        : "") +
         "    Properties: {FunctionName: {Ref: Fn}, FunctionVersion: '1', Name: live}\n" + invoker;
}
}  // namespace

TEST_CASE("AIP-CICD-003 CodeDeploy deployment group without automatic rollback") {
  CHECK(lint_template(lambda_deployment_group(""), "AIP-CICD-003").count("AIP-CICD-003") == 1);
  CHECK(lint_template(lambda_deployment_group("      AutoRollbackConfiguration: {Enabled: false, Events: [DEPLOYMENT_FAILURE]}\n"),
                      "AIP-CICD-003")
            .count("AIP-CICD-003") == 1);
  // Alarms watched but not rolled back on.
  const std::string alarms = "      AlarmConfiguration: {Enabled: true, Alarms: [{Name: x}]}\n";
  CHECK(lint_template(lambda_deployment_group("      AutoRollbackConfiguration: {Enabled: true, Events: [DEPLOYMENT_FAILURE]}\n",
                                              alarms),
                      "AIP-CICD-003")
            .count("AIP-CICD-003") == 1);
  CHECK(lint_template(lambda_deployment_group("      AutoRollbackConfiguration: {Enabled: true, Events: [DEPLOYMENT_FAILURE, "
                                              "DEPLOYMENT_STOP_ON_ALARM]}\n",
                                              alarms),
                      "AIP-CICD-003")
            .findings.empty());
  CHECK(lint_template(lambda_deployment_group("      AutoRollbackConfiguration: {Enabled: true, Events: [DEPLOYMENT_FAILURE]}\n"),
                      "AIP-CICD-003")
            .findings.empty());
}

TEST_CASE("AIP-CICD-004 function with a CodeDeploy-shifted alias invoked by its bare ARN") {
  const std::string bare = "  Mapping:\n"
                           "    Type: AWS::Lambda::EventSourceMapping\n"
                           "    Properties: {EventSourceArn: arn:aws:sqs:us-east-1:123456789012:q, "
                           "FunctionName: {'Fn::GetAtt': [Fn, Arn]}}\n";
  CHECK(lint_template(shifted_function(bare), "AIP-CICD-004").count("AIP-CICD-004") == 1);
  const std::string permission = "  Allow:\n"
                                 "    Type: AWS::Lambda::Permission\n"
                                 "    Properties: {Action: lambda:InvokeFunction, Principal: events.amazonaws.com, "
                                 "FunctionName: {Ref: Fn}}\n";
  CHECK(lint_template(shifted_function(permission), "AIP-CICD-004").count("AIP-CICD-004") == 1);
  // The alias itself, or an alias CodeDeploy does not shift, is fine.
  const std::string alias = "  Mapping:\n"
                            "    Type: AWS::Lambda::EventSourceMapping\n"
                            "    Properties: {EventSourceArn: arn:aws:sqs:us-east-1:123456789012:q, "
                            "FunctionName: {Ref: Live}}\n";
  CHECK(lint_template(shifted_function(alias), "AIP-CICD-004").findings.empty());
  CHECK(lint_template(shifted_function(bare, false), "AIP-CICD-004").findings.empty());
}

TEST_CASE("AIP-EXP-030 Lambda function URL with AuthType NONE") {
  auto url = [](const std::string& auth) {
    return tpl("  U: {Type: AWS::Lambda::Url, Properties: {TargetFunctionArn: arn:aws:lambda:eu-west-1:123456789012:"
               "function:f, AuthType: " + auth + "}}\n");
  };
  auto open = lint_template(url("NONE"), "AIP-EXP-030");
  REQUIRE(open.count("AIP-EXP-030") == 1);
  CHECK(open.findings[0].message.find("Lambda function URL U has AuthType NONE") != std::string::npos);
  CHECK(open.findings[0].location.line == 3);
  CHECK(lint_template(url("AWS_IAM"), "AIP-EXP-030").findings.empty());
}

TEST_CASE("AIP-ENC-030 CodeBuild artifacts with EncryptionDisabled") {
  auto project = [](const std::string& artifacts) {
    return tpl("  B: {Type: AWS::CodeBuild::Project, Properties: {ServiceRole: arn:aws:iam::123456789012:role/b, "
               "Source: {Type: NO_SOURCE, BuildSpec: x}, Environment: {Type: LINUX_CONTAINER, ComputeType: "
               "BUILD_GENERAL1_SMALL, Image: img}, " + artifacts + "}}\n");
  };
  auto off = lint_template(project("Artifacts: {Type: S3, Location: b, EncryptionDisabled: true}"), "AIP-ENC-030");
  REQUIRE(off.count("AIP-ENC-030") == 1);
  CHECK(off.findings[0].message.find("CodeBuild project B writes its artifacts unencrypted") != std::string::npos);
  auto secondary = lint_template(
      project("Artifacts: {Type: NO_ARTIFACTS}, SecondaryArtifacts: [{Type: S3, Location: b, ArtifactIdentifier: a}, "
              "{Type: S3, Location: b, ArtifactIdentifier: c, EncryptionDisabled: true}]"),
      "AIP-ENC-030");
  REQUIRE(secondary.count("AIP-ENC-030") == 1);
  CHECK(secondary.findings[0].message.find("secondary artifact 1 unencrypted") != std::string::npos);
  CHECK(lint_template(project("Artifacts: {Type: S3, Location: b, EncryptionDisabled: false}"), "AIP-ENC-030")
            .findings.empty());
  CHECK(lint_template(project("Artifacts: {Type: S3, Location: b}"), "AIP-ENC-030").findings.empty());
}

TEST_CASE("AIP-LOG-030 CloudTrail trail that records one region") {
  auto trail = [](const std::string& extra) {
    return tpl("  T: {Type: AWS::CloudTrail::Trail, Properties: {IsLogging: true, S3BucketName: logs" + extra +
               "}}\n");
  };
  auto missing = lint_template(trail(""), "AIP-LOG-030");
  REQUIRE(missing.count("AIP-LOG-030") == 1);
  CHECK(missing.findings[0].message.find("CloudTrail trail T records API calls in its own region only") !=
        std::string::npos);
  CHECK(lint_template(trail(", IsMultiRegionTrail: false"), "AIP-LOG-030").count("AIP-LOG-030") == 1);
  CHECK(lint_template(trail(", IsMultiRegionTrail: true"), "AIP-LOG-030").findings.empty());
}

TEST_CASE("AIP-EXP-031 EC2 instance or launch template with a public IP address") {
  auto instance = [](const std::string& associate) {
    return tpl("  I: {Type: AWS::EC2::Instance, Properties: {ImageId: ami-12345678, NetworkInterfaces: [{DeviceIndex: "
               "'0', SubnetId: subnet-1" + associate + "}]}}\n");
  };
  auto open = lint_template(instance(", AssociatePublicIpAddress: true"), "AIP-EXP-031");
  REQUIRE(open.count("AIP-EXP-031") == 1);
  CHECK(open.findings[0].message.find("EC2 instance I gets a public IP address (network interface 0)") !=
        std::string::npos);
  CHECK(lint_template(instance(", AssociatePublicIpAddress: false"), "AIP-EXP-031").findings.empty());
  CHECK(lint_template(instance(""), "AIP-EXP-031").findings.empty());
  auto lt = lint_template(tpl("  L: {Type: AWS::EC2::LaunchTemplate, Properties: {LaunchTemplateData: "
                              "{NetworkInterfaces: [{DeviceIndex: 0, AssociatePublicIpAddress: true}]}}}\n"),
                          "AIP-EXP-031");
  CHECK(lt.count("AIP-EXP-031") == 1);
}

TEST_CASE("AIP-ENC-031 Classic Load Balancer listener without TLS") {
  auto clb = [](const std::string& listener) {
    return tpl("  C: {Type: AWS::ElasticLoadBalancing::LoadBalancer, Properties: {Subnets: [subnet-1], Listeners: [" +
               listener + "]}}\n");
  };
  auto http = lint_template(clb("{LoadBalancerPort: '80', InstancePort: '80', Protocol: HTTP}"), "AIP-ENC-031");
  REQUIRE(http.count("AIP-ENC-031") == 1);
  CHECK(http.findings[0].message.find("Classic Load Balancer C listener 0 accepts HTTP") != std::string::npos);
  CHECK(lint_template(clb("{LoadBalancerPort: '443', InstancePort: '80', InstanceProtocol: HTTP, Protocol: HTTPS, "
                          "SSLCertificateId: arn:aws:acm:eu-west-1:123456789012:certificate/x}"),
                      "AIP-ENC-031")
            .findings.empty());
}

TEST_CASE("AIP-ENC-032 SageMaker notebook or domain without a customer-managed key") {
  auto notebook = [](const std::string& extra) {
    return tpl("  N: {Type: AWS::SageMaker::NotebookInstance, Properties: {InstanceType: ml.t3.medium, RoleArn: "
               "arn:aws:iam::123456789012:role/n" + extra + "}}\n");
  };
  auto bare = lint_template(notebook(""), "AIP-ENC-032");
  REQUIRE(bare.count("AIP-ENC-032") == 1);
  CHECK(bare.findings[0].message.find("SageMaker notebook instance N has no KmsKeyId") != std::string::npos);
  CHECK(lint_template(notebook(", KmsKeyId: alias/notebooks"), "AIP-ENC-032").findings.empty());
  auto domain = [](const std::string& extra) {
    return tpl("  D: {Type: AWS::SageMaker::Domain, Properties: {AuthMode: IAM, DomainName: d, VpcId: vpc-1, "
               "SubnetIds: [subnet-1], DefaultUserSettings: {ExecutionRole: arn:aws:iam::123456789012:role/d}" +
               extra + "}}\n");
  };
  auto plain = lint_template(domain(""), "AIP-ENC-032");
  REQUIRE(plain.count("AIP-ENC-032") == 1);
  CHECK(plain.findings[0].message.find("SageMaker domain D has no KmsKeyId") != std::string::npos);
  CHECK(lint_template(domain(", KmsKeyId: alias/studio"), "AIP-ENC-032").findings.empty());
}

namespace {

std::string firewall_policy(const std::string& body) {
  return tpl("  P:\n    Type: AWS::NetworkFirewall::FirewallPolicy\n    Properties:\n      FirewallPolicyName: egress\n"
             "      FirewallPolicy:\n" + body);
}

const char* kStrictEngine = "        StatefulEngineOptions: {RuleOrder: STRICT_ORDER}\n";
const char* kForward =
    "        StatelessDefaultActions: [aws:forward_to_sfe]\n"
    "        StatelessFragmentDefaultActions: [aws:forward_to_sfe]\n";
const char* kGroup =
    "        StatefulRuleGroupReferences: [{Priority: 1, ResourceArn: arn:aws:network-firewall:us-east-1:111111111111:"
    "stateful-rulegroup/domains}]\n";

}  // namespace

TEST_CASE("AIP-NET-008 Network Firewall policy passes unmatched traffic") {
  // aip's own: forward to the stateful engine, strict order, drop established.
  const std::string drop = "        StatefulDefaultActions: [aws:drop_established, aws:alert_established]\n";
  CHECK(lint_template(firewall_policy(kForward + std::string(kStrictEngine) + drop + kGroup), "AIP-NET-008")
            .findings.empty());
  CHECK(lint_template(firewall_policy(kForward + std::string(kStrictEngine) +
                                      "        StatefulDefaultActions: [aws:drop_strict]\n" + kGroup),
                      "AIP-NET-008")
            .findings.empty());
  // Default action order with rule groups: the groups' own drop rules decide.
  CHECK(lint_template(firewall_policy(kForward + std::string(kGroup)), "AIP-NET-008").findings.empty());

  auto pass = lint_template(firewall_policy("        StatelessDefaultActions: [aws:pass]\n"
                                            "        StatelessFragmentDefaultActions: [aws:pass]\n" +
                                            std::string(kStrictEngine) + drop + kGroup),
                            "AIP-NET-008");
  REQUIRE(pass.count("AIP-NET-008") == 1);
  CHECK(pass.findings[0].path == aip::lint::Path{"Properties", "FirewallPolicy", "StatelessDefaultActions"});
  CHECK(pass.findings[0].message.find("passes every packet no stateless rule matches") != std::string::npos);

  auto alert_only = lint_template(firewall_policy(kForward + std::string(kStrictEngine) +
                                                  "        StatefulDefaultActions: [aws:alert_established]\n" +
                                                  kGroup),
                                  "AIP-NET-008");
  REQUIRE(alert_only.count("AIP-NET-008") == 1);
  CHECK(alert_only.findings[0].path == aip::lint::Path{"Properties", "FirewallPolicy", "StatefulDefaultActions"});
  auto no_default = lint_template(firewall_policy(kForward + std::string(kStrictEngine) + kGroup), "AIP-NET-008");
  REQUIRE(no_default.count("AIP-NET-008") == 1);
  CHECK(no_default.findings[0].path == aip::lint::Path{"Properties", "FirewallPolicy", "StatefulEngineOptions"});

  auto empty = lint_template(firewall_policy(kForward), "AIP-NET-008");
  REQUIRE(empty.count("AIP-NET-008") == 1);
  CHECK(empty.findings[0].message.find("has no stateful rule group") != std::string::npos);
}

TEST_CASE("AIP-NET-009 Network Firewall without delete protection") {
  auto firewall = [](const std::string& extra) {
    return tpl("  F: {Type: AWS::NetworkFirewall::Firewall, Properties: {FirewallName: egress, FirewallPolicyArn: "
               "arn:aws:network-firewall:us-east-1:111111111111:firewall-policy/egress, VpcId: vpc-0123456789abcdef0, "
               "SubnetMappings: [{SubnetId: subnet-0123456789abcdef0}]" + extra + "}}\n");
  };
  CHECK(lint_template(firewall(", DeleteProtection: true"), "AIP-NET-009").findings.empty());
  auto off = lint_template(firewall(", DeleteProtection: false"), "AIP-NET-009");
  REQUIRE(off.count("AIP-NET-009") == 1);
  CHECK(off.findings[0].path == aip::lint::Path{"Properties", "DeleteProtection"});
  CHECK(lint_template(firewall(""), "AIP-NET-009").count("AIP-NET-009") == 1);
}

TEST_CASE("AIP-LOG-014 Network Firewall without alert logs") {
  const std::string firewall =
      "  F: {Type: AWS::NetworkFirewall::Firewall, Properties: {FirewallName: egress, FirewallPolicyArn: "
      "arn:aws:network-firewall:us-east-1:111111111111:firewall-policy/egress, VpcId: vpc-0123456789abcdef0, "
      "SubnetMappings: [{SubnetId: subnet-0123456789abcdef0}]}}\n";
  auto logging = [](const std::string& arn, const std::string& type) {
    return "  L: {Type: AWS::NetworkFirewall::LoggingConfiguration, Properties: {FirewallArn: " + arn +
           ", LoggingConfiguration: {LogDestinationConfigs: [{LogType: " + type +
           ", LogDestinationType: CloudWatchLogs, LogDestination: {logGroup: /fw}}]}}}\n";
  };
  auto bare = lint_template(tpl(firewall), "AIP-LOG-014");
  REQUIRE(bare.count("AIP-LOG-014") == 1);
  CHECK(bare.findings[0].message.find("firewall F has no logging configuration with ALERT logs") != std::string::npos);
  CHECK(lint_template(tpl(firewall + logging("!Ref F", "ALERT")), "AIP-LOG-014").findings.empty());
  // FLOW logs alone record connections, not what the rules dropped; another firewall's logs do not count.
  CHECK(lint_template(tpl(firewall + logging("!Ref F", "FLOW")), "AIP-LOG-014").count("AIP-LOG-014") == 1);
  CHECK(lint_template(tpl(firewall + logging("arn:aws:network-firewall:us-east-1:111111111111:firewall/other", "ALERT")),
                      "AIP-LOG-014")
            .count("AIP-LOG-014") == 1);
}

TEST_CASE("AIP-IAM-014 RDS database without IAM database authentication") {
  auto cluster = [](const std::string& engine, const std::string& extra) {
    return tpl("  C: {Type: AWS::RDS::DBCluster, Properties: {Engine: " + engine + ", MasterUsername: app" + extra +
               "}}\n");
  };
  auto off = lint_template(cluster("aurora-postgresql", ", EnableIAMDatabaseAuthentication: false"), "AIP-IAM-014");
  REQUIRE(off.count("AIP-IAM-014") == 1);
  CHECK(off.findings[0].message.find("database cluster C (aurora-postgresql) does not enable IAM database "
                                     "authentication") != std::string::npos);
  CHECK(off.findings[0].location.line == 3);
  CHECK(lint_template(cluster("aurora-mysql", ""), "AIP-IAM-014").count("AIP-IAM-014") == 1);  // absent: off
  CHECK(lint_template(cluster("aurora-postgresql", ", EnableIAMDatabaseAuthentication: true"), "AIP-IAM-014")
            .findings.empty());
  // Stand-alone instances of engines with IAM authentication; cluster members and other engines are not checked.
  auto instance = [](const std::string& engine, const std::string& extra) {
    return tpl("  I: {Type: AWS::RDS::DBInstance, Properties: {Engine: " + engine +
               ", DBInstanceClass: db.t3.micro" + extra + "}}\n");
  };
  CHECK(lint_template(instance("mysql", ""), "AIP-IAM-014").count("AIP-IAM-014") == 1);
  CHECK(lint_template(instance("mysql", ", EnableIAMDatabaseAuthentication: 'true'"), "AIP-IAM-014").findings.empty());
  CHECK(lint_template(instance("aurora-mysql", ", DBClusterIdentifier: c"), "AIP-IAM-014").findings.empty());
  CHECK(lint_template(instance("sqlserver-se", ""), "AIP-IAM-014").findings.empty());
}

TEST_CASE("AIP-RES-005 RDS instance not Multi-AZ") {
  auto instance = [](const std::string& extra) {
    return tpl("  I: {Type: AWS::RDS::DBInstance, Properties: {DBInstanceClass: db.t3.micro" + extra + "}}\n");
  };
  auto single = lint_template(instance(", Engine: postgres"), "AIP-RES-005");
  REQUIRE(single.count("AIP-RES-005") == 1);
  CHECK(single.findings[0].message.find("database instance I runs in one Availability Zone") != std::string::npos);
  CHECK(lint_template(instance(", Engine: postgres, MultiAZ: false"), "AIP-RES-005").count("AIP-RES-005") == 1);
  CHECK(lint_template(instance(", Engine: postgres, MultiAZ: true"), "AIP-RES-005").findings.empty());
  CHECK(lint_template(instance(", Engine: aurora-postgresql, DBClusterIdentifier: c"), "AIP-RES-005").findings.empty());
  CHECK(lint_template(instance(", Engine: sqlserver-ex"), "AIP-RES-005").findings.empty());
}

TEST_CASE("AIP-ENC-033 load balancer listener without TLS 1.2") {
  auto listener = [](const std::string& props) {
    return tpl("  L: {Type: AWS::ElasticLoadBalancingV2::Listener, Properties: {LoadBalancerArn: arn:aws:"
               "elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/w/1, " + props + "}}\n");
  };
  auto http = lint_template(listener("Protocol: HTTP, Port: 80, DefaultActions: [{Type: forward, TargetGroupArn: tg}]"),
                            "AIP-ENC-033");
  REQUIRE(http.count("AIP-ENC-033") == 1);
  CHECK(http.findings[0].message.find("load balancer listener L serves plain HTTP") != std::string::npos);
  CHECK(lint_template(listener("Protocol: HTTP, Port: 80, DefaultActions: [{Type: redirect, RedirectConfig: "
                               "{Protocol: HTTPS, Port: '443', StatusCode: HTTP_301}}]"),
                      "AIP-ENC-033")
            .findings.empty());
  auto old = lint_template(listener("Protocol: HTTPS, Port: 443, SslPolicy: ELBSecurityPolicy-2016-08, "
                                    "DefaultActions: [{Type: forward, TargetGroupArn: tg}]"),
                           "AIP-ENC-033");
  REQUIRE(old.count("AIP-ENC-033") == 1);
  CHECK(old.findings[0].message.find("HTTPS listener L uses security policy ELBSecurityPolicy-2016-08") !=
        std::string::npos);
  auto none = lint_template(listener("Protocol: TLS, Port: 443, DefaultActions: [{Type: forward, TargetGroupArn: tg}]"),
                            "AIP-ENC-033");
  REQUIRE(none.count("AIP-ENC-033") == 1);
  CHECK(none.findings[0].message.find("has no SslPolicy") != std::string::npos);
  CHECK(lint_template(listener("Protocol: HTTPS, Port: 443, SslPolicy: ELBSecurityPolicy-TLS13-1-2-2021-06, "
                               "DefaultActions: [{Type: forward, TargetGroupArn: tg}]"),
                      "AIP-ENC-033")
            .findings.empty());
  CHECK(lint_template(listener("Protocol: TCP, Port: 5432, DefaultActions: [{Type: forward, TargetGroupArn: tg}]"),
                      "AIP-ENC-033")
            .findings.empty());
}

TEST_CASE("AIP-EXP-032 application load balancer that keeps invalid headers") {
  auto lb = [](const std::string& extra) {
    return tpl("  B: {Type: AWS::ElasticLoadBalancingV2::LoadBalancer, Properties: {Subnets: [s1, s2]" + extra +
               "}}\n");
  };
  auto bare = lint_template(lb(""), "AIP-EXP-032");
  REQUIRE(bare.count("AIP-EXP-032") == 1);
  CHECK(bare.findings[0].message.find("application load balancer B forwards headers with invalid names") !=
        std::string::npos);
  CHECK(lint_template(lb(", LoadBalancerAttributes: [{Key: routing.http.drop_invalid_header_fields.enabled, "
                         "Value: 'false'}]"),
                      "AIP-EXP-032")
            .count("AIP-EXP-032") == 1);
  CHECK(lint_template(lb(", LoadBalancerAttributes: [{Key: routing.http.drop_invalid_header_fields.enabled, "
                         "Value: 'true'}]"),
                      "AIP-EXP-032")
            .findings.empty());
  CHECK(lint_template(lb(", Type: network"), "AIP-EXP-032").findings.empty());
}

TEST_CASE("AIP-LOG-031 API Gateway stage without X-Ray tracing") {
  auto stage = [](const std::string& extra) {
    return tpl("  S: {Type: AWS::ApiGateway::Stage, Properties: {RestApiId: a, DeploymentId: d" + extra + "}}\n");
  };
  auto bare = lint_template(stage(""), "AIP-LOG-031");
  REQUIRE(bare.count("AIP-LOG-031") == 1);
  CHECK(bare.findings[0].message.find("API stage S does not trace requests with X-Ray") != std::string::npos);
  CHECK(lint_template(stage(", TracingEnabled: true"), "AIP-LOG-031").findings.empty());
  auto deployment = lint_template(
      tpl("  D: {Type: AWS::ApiGateway::Deployment, Properties: {RestApiId: a, StageName: prod}}\n"), "AIP-LOG-031");
  REQUIRE(deployment.count("AIP-LOG-031") == 1);
  CHECK(lint_template(tpl("  D: {Type: AWS::ApiGateway::Deployment, Properties: {RestApiId: a, StageName: prod, "
                          "StageDescription: {TracingEnabled: true}}}\n"),
                      "AIP-LOG-031")
            .findings.empty());
}

TEST_CASE("AIP-LOG-032 API Gateway stage without execution logging for all methods") {
  auto stage = [](const std::string& settings) {
    return tpl("  S: {Type: AWS::ApiGateway::Stage, Properties: {RestApiId: a, DeploymentId: d" + settings + "}}\n");
  };
  auto bare = lint_template(stage(""), "AIP-LOG-032");
  REQUIRE(bare.count("AIP-LOG-032") == 1);
  CHECK(bare.findings[0].message.find("API stage S does not write execution logs for all methods") !=
        std::string::npos);
  CHECK(lint_template(stage(", MethodSettings: [{HttpMethod: '*', ResourcePath: '/*', LoggingLevel: 'OFF'}]"),
                      "AIP-LOG-032")
            .count("AIP-LOG-032") == 1);
  CHECK(lint_template(stage(", MethodSettings: [{HttpMethod: GET, ResourcePath: /~1a, LoggingLevel: INFO}]"),
                      "AIP-LOG-032")
            .count("AIP-LOG-032") == 1);
  CHECK(lint_template(stage(", MethodSettings: [{HttpMethod: '*', ResourcePath: '/*', LoggingLevel: ERROR}]"),
                      "AIP-LOG-032")
            .findings.empty());
}

TEST_CASE("AIP-EXP-033 WAF web ACL without the Log4j (Known Bad Inputs) rules") {
  auto acl = [](const std::string& rule) {
    return tpl("  W: {Type: AWS::WAFv2::WebACL, Properties: {Scope: REGIONAL, DefaultAction: {Allow: {}}, "
               "VisibilityConfig: {SampledRequestsEnabled: true, CloudWatchMetricsEnabled: true, MetricName: w}, "
               "Rules: [" + rule + "]}}\n");
  };
  const std::string kbi = "{Name: kbi, Priority: 0, Statement: {ManagedRuleGroupStatement: {VendorName: AWS, Name: "
                          "AWSManagedRulesKnownBadInputsRuleSet";
  const std::string vis = "VisibilityConfig: {SampledRequestsEnabled: true, CloudWatchMetricsEnabled: true, "
                          "MetricName: k}}";
  auto missing = lint_template(acl(""), "AIP-EXP-033");
  REQUIRE(missing.count("AIP-EXP-033") == 1);
  CHECK(missing.findings[0].message.find("web ACL W does not use AWSManagedRulesKnownBadInputsRuleSet") !=
        std::string::npos);
  auto counted = lint_template(acl(kbi + "}}, OverrideAction: {Count: {}}, " + vis), "AIP-EXP-033");
  REQUIRE(counted.count("AIP-EXP-033") == 1);
  CHECK(counted.findings[0].message.find("its OverrideAction counts instead of blocking") != std::string::npos);
  auto excluded = lint_template(
      acl(kbi + ", RuleActionOverrides: [{Name: Log4JRCE_HEADER, ActionToUse: {Count: {}}}]}}, OverrideAction: "
                "{None: {}}, " + vis),
      "AIP-EXP-033");
  REQUIRE(excluded.count("AIP-EXP-033") == 1);
  CHECK(excluded.findings[0].message.find("it overrides Log4JRCE_HEADER not to block") != std::string::npos);
  CHECK(lint_template(acl(kbi + "}}, OverrideAction: {None: {}}, " + vis), "AIP-EXP-033").findings.empty());
}

TEST_CASE("AIP-ENC-034 CloudFront custom origin without HTTPS or with old protocols") {
  auto cdn = [](const std::string& origin) {
    return tpl("  D: {Type: AWS::CloudFront::Distribution, Properties: {DistributionConfig: {Enabled: true, "
               "DefaultCacheBehavior: {TargetOriginId: o, ViewerProtocolPolicy: https-only}, Origins: [{Id: o, "
               "DomainName: app.example.com, CustomOriginConfig: {" + origin + "}}]}}}\n");
  };
  auto http = lint_template(cdn("OriginProtocolPolicy: match-viewer"), "AIP-ENC-034");
  REQUIRE(http.count("AIP-ENC-034") == 1);
  CHECK(http.findings[0].message.find("distribution D reaches origin o with OriginProtocolPolicy match-viewer") !=
        std::string::npos);
  auto tls10 = lint_template(cdn("OriginProtocolPolicy: https-only, OriginSSLProtocols: [TLSv1, TLSv1.2]"),
                             "AIP-ENC-034");
  REQUIRE(tls10.count("AIP-ENC-034") == 1);
  CHECK(tls10.findings[0].message.find("allows TLSv1 to origin o") != std::string::npos);
  CHECK(lint_template(cdn("OriginProtocolPolicy: https-only, OriginSSLProtocols: [TLSv1.2]"), "AIP-ENC-034")
            .findings.empty());
  // S3 origins have no protocol policy of their own.
  CHECK(lint_template(tpl("  D: {Type: AWS::CloudFront::Distribution, Properties: {DistributionConfig: {Enabled: true, "
                          "DefaultCacheBehavior: {TargetOriginId: o, ViewerProtocolPolicy: https-only}, Origins: [{Id: "
                          "o, DomainName: b.s3.amazonaws.com, S3OriginConfig: {}}]}}}\n"),
                      "AIP-ENC-034")
            .findings.empty());
}

TEST_CASE("AIP-ENC-035 SageMaker monitoring job without KMS or inter-container encryption") {
  auto job = [](const std::string& type, const std::string& output, const std::string& extra) {
    return tpl("  J: {Type: AWS::SageMaker::" + type + ", Properties: {RoleArn: r, " + output +
               ": {MonitoringOutputs: [], KmsKeyId: alias/k}, JobResources: {ClusterConfig: {InstanceCount: 1, "
               "InstanceType: ml.m5.xlarge, VolumeSizeInGB: 20, VolumeKmsKeyId: alias/k}}" + extra + "}}\n");
  };
  CHECK(lint_template(job("DataQualityJobDefinition", "DataQualityJobOutputConfig",
                          ", NetworkConfig: {EnableInterContainerTrafficEncryption: true}"),
                      "AIP-ENC-035")
            .findings.empty());
  auto plain = lint_template(job("ModelQualityJobDefinition", "ModelQualityJobOutputConfig", ""), "AIP-ENC-035");
  REQUIRE(plain.count("AIP-ENC-035") == 1);
  CHECK(plain.findings[0].message.find("monitoring job definition J does not set "
                                       "NetworkConfig.EnableInterContainerTrafficEncryption") != std::string::npos);
  auto keyless = lint_template(tpl("  J: {Type: AWS::SageMaker::DataQualityJobDefinition, Properties: {RoleArn: r, "
                                   "DataQualityJobOutputConfig: {MonitoringOutputs: []}, JobResources: {ClusterConfig: "
                                   "{InstanceCount: 1, InstanceType: ml.m5.xlarge, VolumeSizeInGB: 20}}, NetworkConfig: "
                                   "{EnableInterContainerTrafficEncryption: true}}}\n"),
                               "AIP-ENC-035");
  REQUIRE(keyless.count("AIP-ENC-035") == 1);
  CHECK(keyless.findings[0].message.find("DataQualityJobOutputConfig.KmsKeyId (the results in S3), "
                                         "JobResources.ClusterConfig.VolumeKmsKeyId") != std::string::npos);
}

TEST_CASE("AIP-ENC-036 ECS task mounts EFS without encryption in transit") {
  auto task = [](const std::string& efs) {
    return tpl("  T: {Type: AWS::ECS::TaskDefinition, Properties: {ContainerDefinitions: [{Name: a, Image: i}], "
               "Volumes: [{Name: scratch}, {Name: models, EFSVolumeConfiguration: {FilesystemId: fs-1" + efs +
               "}}]}}\n");
  };
  auto bare = lint_template(task(""), "AIP-ENC-036");
  REQUIRE(bare.count("AIP-ENC-036") == 1);
  CHECK(bare.findings[0].message.find("task definition T mounts EFS volume models without TLS") != std::string::npos);
  CHECK(lint_template(task(", TransitEncryption: DISABLED"), "AIP-ENC-036").count("AIP-ENC-036") == 1);
  CHECK(lint_template(task(", TransitEncryption: ENABLED"), "AIP-ENC-036").findings.empty());
}

TEST_CASE("AIP-ENC-037 Glue Data Catalog or security configuration without encryption") {
  auto catalog = [](const std::string& settings) {
    return tpl("  C: {Type: AWS::Glue::DataCatalogEncryptionSettings, Properties: {CatalogId: '123456789012', "
               "DataCatalogEncryptionSettings: {" + settings + "}}}\n");
  };
  auto none = lint_template(catalog("EncryptionAtRest: {CatalogEncryptionMode: DISABLED}"), "AIP-ENC-037");
  REQUIRE(none.count("AIP-ENC-037") == 2);  // metadata and connection passwords
  CHECK(none.findings[0].message.find("leaves the Data Catalog's metadata unencrypted") != std::string::npos);
  CHECK(lint_template(catalog("EncryptionAtRest: {CatalogEncryptionMode: SSE-KMS}, ConnectionPasswordEncryption: "
                              "{ReturnConnectionPasswordEncrypted: true}"),
                      "AIP-ENC-037")
            .findings.empty());
  auto config = [](const std::string& bookmarks) {
    return tpl("  S: {Type: AWS::Glue::SecurityConfiguration, Properties: {Name: s, EncryptionConfiguration: "
               "{S3Encryptions: [{S3EncryptionMode: SSE-KMS, KmsKeyArn: k}], CloudWatchEncryption: "
               "{CloudWatchEncryptionMode: SSE-KMS, KmsKeyArn: k}, JobBookmarksEncryption: "
               "{JobBookmarksEncryptionMode: " + bookmarks + "}}}}\n");
  };
  auto off = lint_template(config("DISABLED"), "AIP-ENC-037");
  REQUIRE(off.count("AIP-ENC-037") == 1);
  CHECK(off.findings[0].message.find("Glue security configuration S does not encrypt job bookmarks") !=
        std::string::npos);
  CHECK(lint_template(config("CSE-KMS, KmsKeyArn: k"), "AIP-ENC-037").findings.empty());
}

TEST_CASE("AIP-IAM-015 IAM policy attached to a user") {
  const std::string doc = "PolicyDocument: {Version: '2012-10-17', Statement: [{Effect: Allow, Action: s3:GetObject, "
                          "Resource: 'arn:aws:s3:::b/*'}]}";
  auto on_user = lint_template(tpl("  P: {Type: AWS::IAM::Policy, Properties: {PolicyName: p, Users: [alice], " + doc +
                                   "}}\n"),
                               "AIP-IAM-015");
  REQUIRE(on_user.count("AIP-IAM-015") == 1);
  CHECK(on_user.findings[0].message.find("policy P is attached to IAM users") != std::string::npos);
  auto user = lint_template(
      tpl("  U: {Type: AWS::IAM::User, Properties: {ManagedPolicyArns: [arn:aws:iam::aws:policy/ReadOnlyAccess]}}\n"),
      "AIP-IAM-015");
  REQUIRE(user.count("AIP-IAM-015") == 1);
  CHECK(user.findings[0].message.find("IAM user U has its own managed policies") != std::string::npos);
  CHECK(lint_template(tpl("  P: {Type: AWS::IAM::Policy, Properties: {PolicyName: p, Groups: [readers], " + doc +
                          "}}\n"),
                      "AIP-IAM-015")
            .findings.empty());
  CHECK(lint_template(tpl("  U: {Type: AWS::IAM::User, Properties: {Groups: [readers]}}\n"), "AIP-IAM-015")
            .findings.empty());
}

TEST_CASE("AIP-LOG-033 OpenSearch domain without error, audit and slow logs") {
  auto domain = [](const std::string& logs) {
    return tpl("  D: {Type: AWS::OpenSearchService::Domain, Properties: {VPCOptions: {SubnetIds: [s]}" + logs +
               "}}\n");
  };
  auto bare = lint_template(domain(""), "AIP-LOG-033");
  REQUIRE(bare.count("AIP-LOG-033") == 1);
  CHECK(bare.findings[0].message.find("search domain D does not publish ES_APPLICATION_LOGS, AUDIT_LOGS, "
                                      "SEARCH_SLOW_LOGS, INDEX_SLOW_LOGS") != std::string::npos);
  auto some = lint_template(domain(", LogPublishingOptions: {ES_APPLICATION_LOGS: {Enabled: true}, AUDIT_LOGS: "
                                   "{Enabled: true}, SEARCH_SLOW_LOGS: {Enabled: true}, INDEX_SLOW_LOGS: {Enabled: "
                                   "false}}"),
                            "AIP-LOG-033");
  REQUIRE(some.count("AIP-LOG-033") == 1);
  CHECK(some.findings[0].message.find("does not publish INDEX_SLOW_LOGS to") != std::string::npos);
  CHECK(lint_template(domain(", LogPublishingOptions: {ES_APPLICATION_LOGS: {Enabled: true}, AUDIT_LOGS: {Enabled: "
                             "true}, SEARCH_SLOW_LOGS: {Enabled: true}, INDEX_SLOW_LOGS: {Enabled: true}}"),
                      "AIP-LOG-033")
            .findings.empty());
}

TEST_CASE("AIP-EXP-034 OpenSearch domain outside a VPC") {
  auto open = lint_template(tpl("  D: {Type: AWS::Elasticsearch::Domain, Properties: {ElasticsearchVersion: '7.10'}}\n"),
                            "AIP-EXP-034");
  REQUIRE(open.count("AIP-EXP-034") == 1);
  CHECK(open.findings[0].message.find("search domain D has a public endpoint") != std::string::npos);
  CHECK(lint_template(tpl("  D: {Type: AWS::OpenSearchService::Domain, Properties: {VPCOptions: {SubnetIds: []}}}\n"),
                      "AIP-EXP-034")
            .count("AIP-EXP-034") == 1);
  CHECK(lint_template(tpl("  D: {Type: AWS::OpenSearchService::Domain, Properties: {VPCOptions: {SubnetIds: "
                          "[subnet-1]}}}\n"),
                      "AIP-EXP-034")
            .findings.empty());
}

TEST_CASE("AIP-EXP-035 Lambda function on a deprecated runtime") {
  auto fn = [](const std::string& runtime) {
    return tpl("  F: {Type: AWS::Lambda::Function, Properties: {Runtime: " + runtime +
               ", Handler: i.h, Role: arn:aws:iam::123456789012:role/f, Code: {ZipFile: x}}}\n");
  };
  auto old = lint_template(fn("nodejs18.x"), "AIP-EXP-035");
  REQUIRE(old.count("AIP-EXP-035") == 1);
  CHECK(old.findings[0].message.find("function F runs on nodejs18.x, a runtime AWS has deprecated") !=
        std::string::npos);
  CHECK(lint_template(fn("python3.9"), "AIP-EXP-035").count("AIP-EXP-035") == 1);
  CHECK(lint_template(fn("python3.12"), "AIP-EXP-035").findings.empty());
  CHECK(lint_template(fn("nodejs22.x"), "AIP-EXP-035").findings.empty());
}

TEST_CASE("AIP-EXP-035 names the newest runtime of the family") {
  auto old = lint_template(tpl("  F: {Type: AWS::Lambda::Function, Properties: {Runtime: python3.9, Handler: i.h, "
                               "Role: arn:aws:iam::123456789012:role/f, Code: {ZipFile: x}}}\n"),
                           "AIP-EXP-035");
  REQUIRE(old.count("AIP-EXP-035") == 1);
  CHECK(old.findings[0].message.find("move to " + std::string(aip::aws::newest_lambda_runtime("python"))) !=
        std::string::npos);
}

TEST_CASE("AIP-EXP-045 Lambda function not on the newest runtime of its language") {
  auto fn = [](const std::string& runtime) {
    return tpl("  F: {Type: AWS::Lambda::Function, Properties: {Runtime: " + runtime +
               ", Handler: i.h, Role: arn:aws:iam::123456789012:role/f, Code: {ZipFile: x}}}\n");
  };
  // The table is aws-cdk-lib 2.276.0's: python3.15, nodejs24.x, java25, dotnet10, ruby4.0, provided.al2023.
  REQUIRE(aip::aws::newest_lambda_runtime("python") == "python3.15");
  auto older = lint_template(fn("python3.12"), "AIP-EXP-045");
  REQUIRE(older.count("AIP-EXP-045") == 1);
  CHECK(older.findings[0].location.line == 3);
  CHECK(older.findings[0].message.find("function F runs on python3.12, and the newest python runtime is python3.15") !=
        std::string::npos);
  CHECK(lint_template(fn("nodejs22.x"), "AIP-EXP-045").count("AIP-EXP-045") == 1);
  CHECK(lint_template(fn("java17.al2023"), "AIP-EXP-045").count("AIP-EXP-045") == 1);
  CHECK(lint_template(fn("provided.al2"), "AIP-EXP-045").count("AIP-EXP-045") == 1);
  CHECK(lint_template(tpl("  F: {Type: AWS::Serverless::Function, Properties: {Runtime: ruby3.4, Handler: i.h, "
                          "CodeUri: s3://b/k.zip}}\n"),
                      "AIP-EXP-045").count("AIP-EXP-045") == 1);
  // The newest of each family raises nothing.
  for (const char* newest : {"python3.15", "nodejs24.x", "java25", "dotnet10", "ruby4.0", "provided.al2023"}) {
    INFO(newest);
    CHECK(lint_template(fn(newest), "AIP-EXP-045").findings.empty());
  }
  // Deprecated runtimes are AIP-EXP-035's finding only; unknown (newer) ones and
  // container images (no Runtime) cannot be judged.
  auto deprecated = lint_template(fn("python3.9"), "");
  CHECK(deprecated.count("AIP-EXP-035") == 1);
  CHECK(deprecated.count("AIP-EXP-045") == 0);
  CHECK(lint_template(fn("go1.x"), "AIP-EXP-045").findings.empty());
  CHECK(lint_template(fn("python3.16"), "AIP-EXP-045").findings.empty());
  CHECK(lint_template(fn("!Ref Runtime"), "AIP-EXP-045").findings.empty());
  CHECK(lint_template(tpl("  F: {Type: AWS::Lambda::Function, Properties: {PackageType: Image, Code: {ImageUri: "
                          "123456789012.dkr.ecr.us-east-1.amazonaws.com/f:1}, Role: arn:aws:iam::123456789012:role/f}}\n"),
                      "AIP-EXP-045").findings.empty());
}

TEST_CASE("AIP-EXP-046 REST API without request validation") {
  const std::string api = "  Api: {Type: AWS::ApiGateway::RestApi, Properties: {Name: a}}\n";
  const std::string method = "  M: {Type: AWS::ApiGateway::Method, Properties: {RestApiId: !Ref Api, ResourceId: r, "
                             "HttpMethod: POST, AuthorizationType: AWS_IAM";
  const std::string validator = "  V: {Type: AWS::ApiGateway::RequestValidator, Properties: {RestApiId: !Ref Api, "
                                "ValidateRequestBody: true, ValidateRequestParameters: true}}\n";
  auto bare = lint_template(tpl(api + method + "}}\n"), "AIP-EXP-046");
  REQUIRE(bare.count("AIP-EXP-046") == 1);  // the API's finding; its method is not reported twice
  CHECK(bare.findings[0].location.line == 3);
  CHECK(bare.findings[0].message.find("REST API Api has no request validator") != std::string::npos);
  // A validator of another API does not count.
  CHECK(lint_template(tpl(api + "  Other: {Type: AWS::ApiGateway::RestApi, Properties: {Name: b}}\n"
                          "  V: {Type: AWS::ApiGateway::RequestValidator, Properties: {RestApiId: !Ref Other}}\n"),
                      "AIP-EXP-046").count("AIP-EXP-046") == 1);
  // A validator the method does not name leaves the method unchecked.
  auto unnamed = lint_template(tpl(api + validator + method + "}}\n"), "AIP-EXP-046");
  REQUIRE(unnamed.count("AIP-EXP-046") == 1);
  CHECK(unnamed.findings[0].message.find("API method M (POST) names no RequestValidatorId") != std::string::npos);
  // Validated: the method names the validator; OPTIONS (CORS preflight) needs none.
  CHECK(lint_template(tpl(api + validator + method + ", RequestValidatorId: !Ref V}}\n"), "AIP-EXP-046")
            .findings.empty());
  CHECK(lint_template(tpl(api + validator +
                          "  O: {Type: AWS::ApiGateway::Method, Properties: {RestApiId: !Ref Api, ResourceId: r, "
                          "HttpMethod: OPTIONS, AuthorizationType: NONE}}\n"),
                      "AIP-EXP-046").findings.empty());
  // An OpenAPI body that declares its validators.
  CHECK(lint_template(tpl("  Api: {Type: AWS::ApiGateway::RestApi, Properties: {Name: a, Body: {openapi: 3.0.1, "
                          "x-amazon-apigateway-request-validators: {all: {validateRequestBody: true}}}}}\n"),
                      "AIP-EXP-046").findings.empty());
}

TEST_CASE("AIP-RES-006 SQS queue without a dead-letter queue") {
  auto lone = lint_template(tpl("  Q: {Type: AWS::SQS::Queue, Properties: {}}\n"), "AIP-RES-006");
  REQUIRE(lone.count("AIP-RES-006") == 1);
  CHECK(lone.findings[0].message.find("queue Q has no dead-letter queue (RedrivePolicy) and is none") !=
        std::string::npos);
  // A queue with a redrive policy, and the queue it redrives to, raise nothing.
  CHECK(lint_template(tpl("  Q: {Type: AWS::SQS::Queue, Properties: {RedrivePolicy: {deadLetterTargetArn: !GetAtt "
                          "D.Arn, maxReceiveCount: 5}}}\n  D: {Type: AWS::SQS::Queue, Properties: {}}\n"),
                      "AIP-RES-006")
            .findings.empty());
  // The dead-letter queue of a rule target or a function is one too.
  CHECK(lint_template(tpl("  R: {Type: AWS::Events::Rule, Properties: {EventPattern: {source: [x]}, Targets: [{Id: t, "
                          "Arn: arn:aws:lambda:eu-west-1:123456789012:function:f, DeadLetterConfig: {Arn: !GetAtt "
                          "D.Arn}}]}}\n  D: {Type: AWS::SQS::Queue, Properties: {}}\n"),
                      "AIP-RES-006")
            .findings.empty());
  CHECK(lint_template(tpl("  F: {Type: AWS::Lambda::Function, Properties: {Runtime: python3.12, Handler: i.h, Role: r, "
                          "Code: {ZipFile: x}, DeadLetterConfig: {TargetArn: !GetAtt D.Arn}}}\n  D: {Type: "
                          "AWS::SQS::Queue, Properties: {}}\n"),
                      "AIP-RES-006")
            .findings.empty());
  // A queue a rule merely sends to is not a dead-letter queue.
  auto target = lint_template(tpl("  R: {Type: AWS::Events::Rule, Properties: {EventPattern: {source: [x]}, Targets: "
                                  "[{Id: t, Arn: !GetAtt Q.Arn}]}}\n  Q: {Type: AWS::SQS::Queue, Properties: {}}\n"),
                              "AIP-RES-006");
  CHECK(target.count("AIP-RES-006") == 1);
}

TEST_CASE("AIP-IAM-016 actions that return credentials without resource constraints") {
  auto policy = [](const std::string& statement) {
    return tpl("  P: {Type: AWS::IAM::ManagedPolicy, Properties: {PolicyDocument: {Version: '2012-10-17', Statement: [" +
               statement + "]}}}\n");
  };
  auto any = lint_template(policy("{Effect: Allow, Action: sts:AssumeRole, Resource: '*'}"), "AIP-IAM-016");
  REQUIRE(any.count("AIP-IAM-016") == 1);
  CHECK(any.findings[0].message.find("policy of P allows sts:AssumeRole without resource constraints") !=
        std::string::npos);
  auto wildcard = lint_template(policy("{Effect: Allow, Action: 'iam:Create*', Resource: '*'}"), "AIP-IAM-016");
  REQUIRE(wildcard.count("AIP-IAM-016") == 1);
  CHECK(wildcard.findings[0].message.find("iam:CreateAccessKey, iam:CreateLoginProfile") != std::string::npos);
  // An action that takes no resource returns credentials whatever the statement names.
  CHECK(lint_template(policy("{Effect: Allow, Action: sts:GetSessionToken, Resource: "
                             "'arn:aws:iam::123456789012:user/u'}"),
                      "AIP-IAM-016")
            .count("AIP-IAM-016") == 1);
  // Scoped to one role, ecr:GetAuthorizationToken (checkov's exclusion), and Deny raise nothing.
  CHECK(lint_template(policy("{Effect: Allow, Action: sts:AssumeRole, Resource: 'arn:aws:iam::123456789012:role/r'}"),
                      "AIP-IAM-016")
            .findings.empty());
  CHECK(lint_template(policy("{Effect: Allow, Action: ecr:GetAuthorizationToken, Resource: '*'}"), "AIP-IAM-016")
            .findings.empty());
  CHECK(lint_template(policy("{Effect: Deny, Action: sts:AssumeRole, Resource: '*'}"), "AIP-IAM-016").findings.empty());
}

TEST_CASE("AIP-ENC-007 covers tables, repositories, secrets and Bedrock agents") {
  auto one = [](const std::string& resource) { return lint_template(tpl("  R: " + resource + "\n"), "AIP-ENC-007"); };
  auto owned = one("{Type: AWS::DynamoDB::Table, Properties: {KeySchema: [{AttributeName: k, KeyType: HASH}], "
                   "AttributeDefinitions: [{AttributeName: k, AttributeType: S}], BillingMode: PAY_PER_REQUEST}}");
  REQUIRE(owned.count("AIP-ENC-007") == 1);
  CHECK(owned.findings[0].message.find("table R is encrypted with a DynamoDB-owned key") != std::string::npos);
  CHECK(one("{Type: AWS::DynamoDB::Table, Properties: {SSESpecification: {SSEEnabled: true}}}").count("AIP-ENC-007") ==
        1);
  CHECK(one("{Type: AWS::DynamoDB::Table, Properties: {SSESpecification: {SSEEnabled: true, SSEType: KMS, "
            "KMSMasterKeyId: !GetAtt Key.Arn}}}")
            .findings.empty());
  auto aes = one("{Type: AWS::ECR::Repository, Properties: {}}");
  REQUIRE(aes.count("AIP-ENC-007") == 1);
  CHECK(aes.findings[0].message.find("repository R is encrypted with S3-managed keys (AES256)") != std::string::npos);
  CHECK(one("{Type: AWS::ECR::Repository, Properties: {EncryptionConfiguration: {EncryptionType: KMS, KmsKey: "
            "!GetAtt Key.Arn}}}")
            .findings.empty());
  CHECK(one("{Type: AWS::SecretsManager::Secret, Properties: {}}").count("AIP-ENC-007") == 1);
  CHECK(one("{Type: AWS::SecretsManager::Secret, Properties: {KmsKeyId: alias/aws/secretsmanager}}")
            .count("AIP-ENC-007") == 1);
  CHECK(one("{Type: AWS::SecretsManager::Secret, Properties: {KmsKeyId: !Ref Key}}").findings.empty());
  CHECK(one("{Type: AWS::Bedrock::Agent, Properties: {AgentName: a}}").count("AIP-ENC-007") == 1);
  CHECK(one("{Type: AWS::Bedrock::Agent, Properties: {AgentName: a, CustomerEncryptionKeyArn: !GetAtt Key.Arn}}")
            .findings.empty());
}

TEST_CASE("AIP-RES-003 checks every replica of a DynamoDB global table") {
  auto global = [](const std::string& second) {
    return tpl("  G: {Type: AWS::DynamoDB::GlobalTable, Properties: {KeySchema: [{AttributeName: k, KeyType: HASH}], "
               "AttributeDefinitions: [{AttributeName: k, AttributeType: S}], BillingMode: PAY_PER_REQUEST, Replicas: "
               "[{Region: eu-west-1, PointInTimeRecoverySpecification: {PointInTimeRecoveryEnabled: true}}, {Region: "
               "eu-central-1" + second + "}]}}\n");
  };
  auto missing = lint_template(global(""), "AIP-RES-003");
  REQUIRE(missing.count("AIP-RES-003") == 1);
  CHECK(missing.findings[0].message.find("global table G has no point-in-time recovery in its replica in "
                                         "eu-central-1") != std::string::npos);
  CHECK(lint_template(global(", PointInTimeRecoverySpecification: {PointInTimeRecoveryEnabled: true}"), "AIP-RES-003")
            .findings.empty());
}

TEST_CASE("AIP-ENC-038 database accepts connections without TLS") {
  auto instance = [](const std::string& engine, const std::string& params, const std::string& extra) {
    return tpl("  G: {Type: AWS::RDS::DBParameterGroup, Properties: {Family: f, Description: d, Parameters: {" + params +
               "}}}\n  I: {Type: AWS::RDS::DBInstance, Properties: {Engine: " + engine +
               ", DBInstanceClass: db.t3.micro, DBParameterGroupName: !Ref G" + extra + "}}\n");
  };
  auto mysql = lint_template(instance("mysql", "max_connections: '10'", ""), "AIP-ENC-038");
  REQUIRE(mysql.count("AIP-ENC-038") == 1);
  CHECK(mysql.findings[0].message.find("database instance I accepts unencrypted connections: its parameter group G "
                                       "does not set require_secure_transport to ON") != std::string::npos);
  CHECK(mysql.findings[0].notes.size() == 1);  // where the group is declared
  CHECK(lint_template(instance("mysql", "require_secure_transport: 'ON'", ""), "AIP-ENC-038").findings.empty());
  CHECK(lint_template(instance("postgres", "rds.force_ssl: '0'", ""), "AIP-ENC-038").count("AIP-ENC-038") == 1);
  CHECK(lint_template(instance("postgres", "rds.force_ssl: 1", ""), "AIP-ENC-038").findings.empty());
  CHECK(lint_template(instance("oracle-ee", "x: '1'", ""), "AIP-ENC-038").findings.empty());  // option groups
  // No group: the engine's default, which forces TLS only for PostgreSQL 15 and later.
  auto bare = [](const std::string& extra) {
    return tpl("  I: {Type: AWS::RDS::DBInstance, Properties: {DBInstanceClass: db.t3.micro" + extra + "}}\n");
  };
  auto mariadb = lint_template(bare(", Engine: mariadb"), "AIP-ENC-038");
  REQUIRE(mariadb.count("AIP-ENC-038") == 1);
  CHECK(mariadb.findings[0].message.find("uses the default parameter group") != std::string::npos);
  CHECK(lint_template(bare(", Engine: postgres, EngineVersion: '13.4'"), "AIP-ENC-038").count("AIP-ENC-038") == 1);
  CHECK(lint_template(bare(", Engine: postgres, EngineVersion: '16.3'"), "AIP-ENC-038").findings.empty());
  // A group named by a literal is defined elsewhere: not checked.
  CHECK(lint_template(bare(", Engine: mysql, DBParameterGroupName: shared-mysql"), "AIP-ENC-038").findings.empty());
  // Clusters and their cluster parameter groups.
  auto cluster = [](const std::string& params) {
    return tpl("  G: {Type: AWS::RDS::DBClusterParameterGroup, Properties: {Family: aurora-postgresql16, Description: "
               "d, Parameters: {" + params + "}}}\n  C: {Type: AWS::RDS::DBCluster, Properties: {Engine: "
               "aurora-postgresql, DBClusterParameterGroupName: !Ref G}}\n");
  };
  CHECK(lint_template(cluster("log_min_duration_statement: '1000'"), "AIP-ENC-038").count("AIP-ENC-038") == 1);
  CHECK(lint_template(cluster("rds.force_ssl: '1'"), "AIP-ENC-038").findings.empty());
  // Redshift.
  auto redshift = [](const std::string& value) {
    return tpl("  G: {Type: AWS::Redshift::ClusterParameterGroup, Properties: {Description: d, ParameterGroupFamily: "
               "redshift-1.0, Parameters: [{ParameterName: require_ssl, ParameterValue: '" + value + "'}]}}\n  R: "
               "{Type: AWS::Redshift::Cluster, Properties: {ClusterType: single-node, NodeType: ra3.xlplus, DBName: "
               "d, MasterUsername: u, ClusterParameterGroupName: !Ref G}}\n");
  };
  auto plain = lint_template(redshift("false"), "AIP-ENC-038");
  REQUIRE(plain.count("AIP-ENC-038") == 1);
  CHECK(plain.findings[0].message.find("Redshift cluster R accepts unencrypted connections") != std::string::npos);
  CHECK(lint_template(redshift("true"), "AIP-ENC-038").findings.empty());
}

TEST_CASE("AIP-IAM-017 Cognito user pool with a weak password policy") {
  auto pool = [](const std::string& policy) {
    return tpl("  P: {Type: AWS::Cognito::UserPool, Properties: {Policies: {PasswordPolicy: {" + policy + "}}}}\n");
  };
  auto short_pw = lint_template(pool("MinimumLength: 6, RequireUppercase: true, RequireNumbers: true, RequireSymbols: "
                                     "true"),
                                "AIP-IAM-017");
  REQUIRE(short_pw.count("AIP-IAM-017") == 1);
  CHECK(short_pw.findings[0].message.find("user pool P accepts weak passwords: its password policy has a minimum "
                                          "length below 8") != std::string::npos);
  auto symbols = lint_template(pool("MinimumLength: 12, RequireUppercase: true, RequireNumbers: true"), "AIP-IAM-017");
  REQUIRE(symbols.count("AIP-IAM-017") == 1);
  CHECK(symbols.findings[0].message.find("has RequireSymbols not true") != std::string::npos);
  CHECK(lint_template(pool("MinimumLength: 12, RequireUppercase: true, RequireNumbers: true, RequireSymbols: true"),
                      "AIP-IAM-017")
            .findings.empty());
  // No password policy: Cognito's default (8 characters, all four classes).
  CHECK(lint_template(tpl("  P: {Type: AWS::Cognito::UserPool, Properties: {}}\n"), "AIP-IAM-017").findings.empty());
}

TEST_CASE("AIP-EXP-036 credentials in plain text in a function, parameter or user data") {
  auto fn = [](const std::string& vars) {
    return tpl("  F: {Type: AWS::Lambda::Function, Properties: {Runtime: python3.12, Handler: i.h, Role: r, Code: "
               "{ZipFile: x}, Environment: {Variables: {" + vars + "}}}}\n");
  };
  auto named = lint_template(fn("DB_PASSWORD: hunter2hunter2"), "AIP-EXP-036");
  REQUIRE(named.count("AIP-EXP-036") == 1);
  CHECK(named.findings[0].message.find("function F sets DB_PASSWORD in plain text (a credential)") !=
        std::string::npos);
  CHECK(named.findings[0].severity == aip::Severity::error);
  auto key = lint_template(fn("UPSTREAM: AKIAIOSFODNN7EXAMPLE"), "AIP-EXP-036");
  REQUIRE(key.count("AIP-EXP-036") == 1);
  CHECK(key.findings[0].message.find("(an AWS access key id)") != std::string::npos);
  // References to secrets, their names and intrinsics are not credentials.
  CHECK(lint_template(fn("DB_PASSWORD_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:db', "
                         "API_TOKEN_NAME: prod/token, DB_PASSWORD: '{{resolve:secretsmanager:db}}', TOKEN: !Ref T, "
                         "MODEL_ID: anthropic.claude"),
                      "AIP-EXP-036")
            .findings.empty());
  auto param = [](const std::string& name, const std::string& value) {
    return tpl("  P: {Type: AWS::SSM::Parameter, Properties: {Type: String, Name: " + name + ", Value: " + value +
               "}}\n");
  };
  auto secret = lint_template(param("/app/openai-api_key", "sk-abc123def456"), "AIP-EXP-036");
  REQUIRE(secret.count("AIP-EXP-036") == 1);
  CHECK(secret.findings[0].message.find("parameter /app/openai-api_key stores a credential as a plain String") !=
        std::string::npos);
  CHECK(lint_template(param("/app/secret-example", "abc123"), "AIP-EXP-036").findings.empty());  // checkov: samples
  CHECK(lint_template(param("/app/endpoint", "https://api.example.com"), "AIP-EXP-036").findings.empty());
  auto instance = [](const std::string& script) {
    return tpl("  I: {Type: AWS::EC2::Instance, Properties: {ImageId: ami-12345678, UserData: {'Fn::Base64': '" +
               script + "'}}}\n");
  };
  auto boot = lint_template(instance("export AWS_SECRET_ACCESS_KEY=abc"), "AIP-EXP-036");
  REQUIRE(boot.count("AIP-EXP-036") == 1);
  CHECK(boot.findings[0].message.find("I has an AWS secret access key in its user data") != std::string::npos);
  CHECK(lint_template(instance("yum install -y nginx"), "AIP-EXP-036").findings.empty());
  // From a spec, the finding points at the variable in `environment:`, not at the function.
  auto spec = lint_spec(R"(aip: 1
name: test
accounts:
  dev: {id: "123456789012", region: us-east-1}
functions:
  chat:
    runtime: python3.12
    handler: app.handler
    code: {inline: "def handler(e, c): pass"}
    environment:
      MODEL_ID: anthropic.claude
      OPENAI_API_KEY: sk-abc123def456ghi789
)", "AIP-EXP-036");
  REQUIRE(spec.count("AIP-EXP-036") == 1);
  CHECK(spec.findings[0].location.line == 12);
  CHECK(spec.findings[0].location.column == 7);
}

TEST_CASE("AIP-ENC-003 covers DocumentDB, Neptune and DAX clusters") {
  auto one = [](const std::string& resource) { return lint_template(tpl("  C: " + resource + "\n"), "AIP-ENC-003"); };
  auto docdb = one("{Type: AWS::DocDB::DBCluster, Properties: {MasterUsername: u}}");
  REQUIRE(docdb.count("AIP-ENC-003") == 1);
  CHECK(docdb.findings[0].message.find("DocumentDB cluster C does not encrypt its storage") != std::string::npos);
  CHECK(one("{Type: AWS::DocDB::DBCluster, Properties: {StorageEncrypted: true}}").findings.empty());
  CHECK(one("{Type: AWS::Neptune::DBCluster, Properties: {StorageEncrypted: false}}").count("AIP-ENC-003") == 1);
  CHECK(one("{Type: AWS::Neptune::DBCluster, Properties: {StorageEncrypted: true}}").findings.empty());
  auto dax = one("{Type: AWS::DAX::Cluster, Properties: {NodeType: dax.r5.large, ReplicationFactor: 3, IAMRoleARN: r}}");
  REQUIRE(dax.count("AIP-ENC-003") == 1);
  CHECK(dax.findings[0].message.find("DAX cluster C does not encrypt its cache at rest") != std::string::npos);
  CHECK(one("{Type: AWS::DAX::Cluster, Properties: {SSESpecification: {SSEEnabled: true}}}").findings.empty());
}

TEST_CASE("AIP-ENC-021 covers Firehose delivery streams fed directly") {
  auto stream = [](const std::string& props) {
    return lint_template(tpl("  D: {Type: AWS::KinesisFirehose::DeliveryStream, Properties: {" + props + "}}\n"),
                         "AIP-ENC-021");
  };
  auto plain = stream("DeliveryStreamType: DirectPut");
  REQUIRE(plain.count("AIP-ENC-021") == 1);
  CHECK(plain.findings[0].message.find("Firehose delivery stream D has no server-side encryption") !=
        std::string::npos);
  CHECK(stream("").count("AIP-ENC-021") == 1);  // DirectPut is the default
  CHECK(stream("DeliveryStreamEncryptionConfigurationInput: {KeyType: CUSTOMER_MANAGED_CMK, KeyARN: k}").findings.empty());
  // Fed by a Kinesis stream, the source's encryption applies.
  CHECK(stream("DeliveryStreamType: KinesisStreamAsSource").findings.empty());
}

TEST_CASE("AIP-EXP-037 VPC endpoint service accepts connections without approval") {
  auto service = [](const std::string& extra) {
    return tpl("  S: {Type: AWS::EC2::VPCEndpointService, Properties: {NetworkLoadBalancerArns: [n]" + extra + "}}\n");
  };
  auto open = lint_template(service(""), "AIP-EXP-037");
  REQUIRE(open.count("AIP-EXP-037") == 1);
  CHECK(open.findings[0].message.find("endpoint service S accepts every connection request automatically") !=
        std::string::npos);
  CHECK(lint_template(service(", AcceptanceRequired: false"), "AIP-EXP-037").count("AIP-EXP-037") == 1);
  CHECK(lint_template(service(", AcceptanceRequired: true"), "AIP-EXP-037").findings.empty());
}

TEST_CASE("AIP-RES-007 ElastiCache replication group not Multi-AZ") {
  auto group = [](const std::string& extra) {
    return tpl("  G: {Type: AWS::ElastiCache::ReplicationGroup, Properties: {ReplicationGroupDescription: d, "
               "NumCacheClusters: 2" + extra + "}}\n");
  };
  auto single = lint_template(group(""), "AIP-RES-007");
  REQUIRE(single.count("AIP-RES-007") == 1);
  CHECK(single.findings[0].message.find("replication group G is not Multi-AZ") != std::string::npos);
  CHECK(lint_template(group(", MultiAZEnabled: false"), "AIP-RES-007").count("AIP-RES-007") == 1);
  CHECK(lint_template(group(", MultiAZEnabled: true, AutomaticFailoverEnabled: true"), "AIP-RES-007").findings.empty());
}

TEST_CASE("AIP-LOG-034 DocumentDB or Neptune cluster without audit logs") {
  auto docdb = [](const std::string& exports, const std::string& audit) {
    return tpl("  G: {Type: AWS::DocDB::DBClusterParameterGroup, Properties: {Family: docdb5.0, Description: d, "
               "Parameters: {audit_logs: " + audit + "}}}\n  C: {Type: AWS::DocDB::DBCluster, Properties: "
               "{StorageEncrypted: true, DBClusterParameterGroupName: !Ref G, EnableCloudwatchLogsExports: [" +
               exports + "]}}\n");
  };
  auto none = lint_template(docdb("profiler", "enabled"), "AIP-LOG-034");
  REQUIRE(none.count("AIP-LOG-034") == 1);
  CHECK(none.findings[0].message.find("DocumentDB cluster C does not export its audit log") != std::string::npos);
  auto empty = lint_template(docdb("audit", "disabled"), "AIP-LOG-034");
  REQUIRE(empty.count("AIP-LOG-034") == 1);
  CHECK(empty.findings[0].message.find("exports an audit log that stays empty: its parameter group G does not set "
                                       "audit_logs") != std::string::npos);
  CHECK(lint_template(docdb("audit", "enabled"), "AIP-LOG-034").findings.empty());
  // Neptune: the default parameter group audits nothing.
  auto neptune = lint_template(
      tpl("  N: {Type: AWS::Neptune::DBCluster, Properties: {EnableCloudwatchLogsExports: [audit]}}\n"), "AIP-LOG-034");
  REQUIRE(neptune.count("AIP-LOG-034") == 1);
  CHECK(neptune.findings[0].message.find("the default parameter group does not set neptune_enable_audit_log") !=
        std::string::npos);
  CHECK(lint_template(tpl("  G: {Type: AWS::Neptune::DBClusterParameterGroup, Properties: {Family: neptune1.3, "
                          "Description: d, Parameters: {neptune_enable_audit_log: 1}}}\n  N: {Type: "
                          "AWS::Neptune::DBCluster, Properties: {DBClusterParameterGroupName: !Ref G, "
                          "EnableCloudwatchLogsExports: [audit]}}\n"),
                      "AIP-LOG-034")
            .findings.empty());
}

TEST_CASE("AIP-LOG-035 AppSync GraphQL API without logging") {
  auto api = [](const std::string& extra) {
    return tpl("  A: {Type: AWS::AppSync::GraphQLApi, Properties: {Name: a, AuthenticationType: AWS_IAM" + extra +
               "}}\n");
  };
  auto none = lint_template(api(""), "AIP-LOG-035");
  REQUIRE(none.count("AIP-LOG-035") == 1);
  CHECK(none.findings[0].message.find("GraphQL API A writes no logs") != std::string::npos);
  auto quiet = lint_template(api(", LogConfig: {CloudWatchLogsRoleArn: r, FieldLogLevel: NONE}"), "AIP-LOG-035");
  REQUIRE(quiet.count("AIP-LOG-035") == 1);
  CHECK(quiet.findings[0].message.find("logs no resolver errors (FieldLogLevel NONE)") != std::string::npos);
  CHECK(lint_template(api(", LogConfig: {CloudWatchLogsRoleArn: r, FieldLogLevel: ERROR, ExcludeVerboseContent: "
                          "true}"),
                      "AIP-LOG-035")
            .findings.empty());
}

TEST_CASE("AIP-LOG-002 covers Classic Load Balancers, AIP-IAM-014 Neptune, AIP-ENC-038 DocumentDB tls") {
  auto clb = [](const std::string& extra) {
    return tpl("  C: {Type: AWS::ElasticLoadBalancing::LoadBalancer, Properties: {Listeners: [{LoadBalancerPort: '443', "
               "InstancePort: '80', Protocol: HTTPS}]" + extra + "}}\n");
  };
  auto unlogged = lint_template(clb(""), "AIP-LOG-002");
  REQUIRE(unlogged.count("AIP-LOG-002") == 1);
  CHECK(unlogged.findings[0].message.find("Classic Load Balancer C does not write access logs") != std::string::npos);
  CHECK(lint_template(clb(", AccessLoggingPolicy: {Enabled: true, S3BucketName: logs}"), "AIP-LOG-002")
            .findings.empty());
  auto neptune = [](const std::string& extra) {
    return tpl("  N: {Type: AWS::Neptune::DBCluster, Properties: {StorageEncrypted: true" + extra + "}}\n");
  };
  auto open = lint_template(neptune(""), "AIP-IAM-014");
  REQUIRE(open.count("AIP-IAM-014") == 1);
  CHECK(open.findings[0].message.find("Neptune cluster N does not enable IAM authentication") != std::string::npos);
  CHECK(lint_template(neptune(", IamAuthEnabled: true"), "AIP-IAM-014").findings.empty());
  auto docdb = [](const std::string& tls) {
    return tpl("  G: {Type: AWS::DocDB::DBClusterParameterGroup, Properties: {Family: docdb5.0, Description: d, "
               "Parameters: {tls: " + tls + "}}}\n");
  };
  auto off = lint_template(docdb("disabled"), "AIP-ENC-038");
  REQUIRE(off.count("AIP-ENC-038") == 1);
  CHECK(off.findings[0].message.find("DocumentDB parameter group G turns TLS off") != std::string::npos);
  CHECK(lint_template(docdb("enabled"), "AIP-ENC-038").findings.empty());
}

// ---------------------------------------------------------------- parity 4: hand-written resource types

namespace {
// Whether the first finding's message contains `text`.
bool says(const aip::lint::test::Linted& l, const std::string& text) {
  return !l.findings.empty() && l.findings[0].message.find(text) != std::string::npos;
}
}  // namespace

TEST_CASE("AIP-EXP-038 EKS API endpoint public or node group SSH open to the internet") {
  auto cluster = [](const std::string& vpc) {
    return lint_template(tpl("  C: {Type: AWS::EKS::Cluster, Properties: {RoleArn: r, ResourcesVpcConfig: {SubnetIds: "
                             "[a, b]" + vpc + "}}}\n"),
                         "AIP-EXP-038");
  };
  auto by_default = cluster("");
  REQUIRE(by_default.count("AIP-EXP-038") == 1);  // EndpointPublicAccess defaults to true
  CHECK(says(by_default, "EKS cluster C exposes its Kubernetes API endpoint to the internet"));
  CHECK(cluster(", EndpointPublicAccess: true").count("AIP-EXP-038") == 1);
  CHECK(cluster(", EndpointPublicAccess: false, EndpointPrivateAccess: true").findings.empty());
  // The AWS CDK's custom resource.
  CHECK(lint_template(tpl("  C: {Type: Custom::AWSCDK-EKS-Cluster, Properties: {Config: {resourcesVpcConfig: "
                          "{endpointPublicAccess: true}}}}\n"),
                      "AIP-EXP-038")
            .count("AIP-EXP-038") == 1);
  CHECK(lint_template(tpl("  C: {Type: Custom::AWSCDK-EKS-Cluster, Properties: {Config: {resourcesVpcConfig: "
                          "{endpointPublicAccess: false}}}}\n"),
                      "AIP-EXP-038")
            .findings.empty());
  auto nodes = [](const std::string& remote) {
    return lint_template(tpl("  N: {Type: AWS::EKS::Nodegroup, Properties: {ClusterName: c, NodeRole: r, Subnets: [a], "
                             "RemoteAccess: {" + remote + "}}}\n"),
                         "AIP-EXP-038");
  };
  auto ssh = nodes("Ec2SshKey: admin");
  REQUIRE(ssh.count("AIP-EXP-038") == 1);
  CHECK(says(ssh, "node group N allows SSH with its key pair from 0.0.0.0/0"));
  CHECK(nodes("Ec2SshKey: admin, SourceSecurityGroups: [sg-1]").findings.empty());
}

TEST_CASE("AIP-LOG-036 EKS cluster without all control plane logs") {
  auto cluster = [](const std::string& types) {
    return lint_template(tpl("  C: {Type: AWS::EKS::Cluster, Properties: {RoleArn: r, ResourcesVpcConfig: {SubnetIds: "
                             "[a]}, Logging: {ClusterLogging: {EnabledTypes: [" + types + "]}}}}\n"),
                         "AIP-LOG-036");
  };
  auto some = cluster("{Type: api}, {Type: audit}");
  REQUIRE(some.count("AIP-LOG-036") == 1);
  CHECK(says(some, "does not publish the control plane logs authenticator, controllerManager, scheduler"));
  CHECK(cluster("{Type: api}, {Type: audit}, {Type: authenticator}, {Type: controllerManager}, {Type: scheduler}")
            .findings.empty());
  CHECK(lint_template(tpl("  C: {Type: AWS::EKS::Cluster, Properties: {RoleArn: r, ResourcesVpcConfig: {SubnetIds: "
                          "[a]}}}\n"),
                      "AIP-LOG-036")
            .count("AIP-LOG-036") == 1);
  auto cdk = [](const std::string& enabled) {
    return lint_template(tpl("  C: {Type: Custom::AWSCDK-EKS-Cluster, Properties: {Config: {logging: {clusterLogging: "
                             "[{enabled: " + enabled + ", types: [api, audit, authenticator, controllerManager, "
                             "scheduler]}]}}}}\n"),
                         "AIP-LOG-036");
  };
  CHECK(cdk("true").findings.empty());
  CHECK(cdk("false").count("AIP-LOG-036") == 1);
}

TEST_CASE("AIP-ENC-039 EKS cluster without KMS encryption of Kubernetes secrets") {
  auto cluster = [](const std::string& extra) {
    return lint_template(tpl("  C: {Type: AWS::EKS::Cluster, Properties: {RoleArn: r, ResourcesVpcConfig: {SubnetIds: "
                             "[a]}" + extra + "}}\n"),
                         "AIP-ENC-039");
  };
  auto none = cluster("");
  REQUIRE(none.count("AIP-ENC-039") == 1);
  CHECK(says(none, "EKS cluster C does not encrypt Kubernetes secrets with a KMS key"));
  CHECK(cluster(", EncryptionConfig: [{Resources: [configmaps], Provider: {KeyArn: k}}]").count("AIP-ENC-039") == 1);
  CHECK(cluster(", EncryptionConfig: [{Resources: [secrets], Provider: {KeyArn: k}}]").findings.empty());
}

TEST_CASE("AIP-ENC-040 MSK cluster with plaintext client or broker traffic") {
  auto msk = [](const std::string& transit) {
    return lint_template(tpl("  M: {Type: AWS::MSK::Cluster, Properties: {ClusterName: m, KafkaVersion: 3.6.0, "
                             "NumberOfBrokerNodes: 3, BrokerNodeGroupInfo: {InstanceType: kafka.m7g.large, "
                             "ClientSubnets: [a, b, c]}" + transit + "}}\n"),
                         "AIP-ENC-040");
  };
  auto mixed = msk(", EncryptionInfo: {EncryptionInTransit: {ClientBroker: TLS_PLAINTEXT}}");
  REQUIRE(mixed.count("AIP-ENC-040") == 1);
  CHECK(says(mixed, "MSK cluster M accepts plaintext connections from clients (ClientBroker TLS_PLAINTEXT)"));
  auto brokers = msk(", EncryptionInfo: {EncryptionInTransit: {ClientBroker: TLS, InCluster: false}}");
  REQUIRE(brokers.count("AIP-ENC-040") == 1);
  CHECK(says(brokers, "replicates between brokers in plain text"));
  CHECK(msk(", EncryptionInfo: {EncryptionInTransit: {ClientBroker: PLAINTEXT, InCluster: false}}").count(
            "AIP-ENC-040") == 2);
  CHECK(msk(", EncryptionInfo: {EncryptionInTransit: {ClientBroker: TLS, InCluster: true}}").findings.empty());
  CHECK(msk("").findings.empty());  // MSK's defaults are TLS both ways
}

TEST_CASE("AIP-LOG-037 MSK cluster without broker logs") {
  auto msk = [](const std::string& logging) {
    return lint_template(tpl("  M: {Type: AWS::MSK::Cluster, Properties: {ClusterName: m, KafkaVersion: 3.6.0, "
                             "NumberOfBrokerNodes: 3, BrokerNodeGroupInfo: {InstanceType: kafka.m7g.large, "
                             "ClientSubnets: [a, b, c]}" + logging + "}}\n"),
                         "AIP-LOG-037");
  };
  auto none = msk("");
  REQUIRE(none.count("AIP-LOG-037") == 1);
  CHECK(says(none, "MSK cluster M delivers no broker logs"));
  CHECK(msk(", LoggingInfo: {BrokerLogs: {S3: {Enabled: false, Bucket: b}}}").count("AIP-LOG-037") == 1);
  CHECK(msk(", LoggingInfo: {BrokerLogs: {S3: {Enabled: false}, Firehose: {Enabled: true, DeliveryStream: d}}}")
            .findings.empty());
}

TEST_CASE("AIP-EXP-039 message broker or Transfer Family server reachable from the internet") {
  auto one = [](const std::string& resource) { return lint_template(tpl("  R: " + resource + "\n"), "AIP-EXP-039"); };
  auto msk = one("{Type: AWS::MSK::Cluster, Properties: {BrokerNodeGroupInfo: {ConnectivityInfo: {PublicAccess: "
                 "{Type: SERVICE_PROVIDED_EIPS}}}}}");
  REQUIRE(msk.count("AIP-EXP-039") == 1);
  CHECK(says(msk, "MSK cluster R gives its brokers public IP addresses"));
  CHECK(one("{Type: AWS::MSK::Cluster, Properties: {BrokerNodeGroupInfo: {ConnectivityInfo: {PublicAccess: "
            "{Type: DISABLED}}}}}")
            .findings.empty());
  auto mq = one("{Type: AWS::AmazonMQ::Broker, Properties: {PubliclyAccessible: true, EngineType: RABBITMQ}}");
  REQUIRE(mq.count("AIP-EXP-039") == 1);
  CHECK(says(mq, "Amazon MQ broker R is publicly accessible"));
  CHECK(one("{Type: AWS::AmazonMQ::Broker, Properties: {PubliclyAccessible: false}}").findings.empty());
  auto sftp = one("{Type: AWS::Transfer::Server, Properties: {Protocols: [SFTP]}}");
  REQUIRE(sftp.count("AIP-EXP-039") == 1);
  CHECK(says(sftp, "Transfer Family server R has a public endpoint (EndpointType PUBLIC, the default)"));
  CHECK(one("{Type: AWS::Transfer::Server, Properties: {EndpointType: PUBLIC}}").count("AIP-EXP-039") == 1);
  CHECK(one("{Type: AWS::Transfer::Server, Properties: {EndpointType: VPC, EndpointDetails: {VpcId: v}}}")
            .findings.empty());
}

TEST_CASE("AIP-LOG-038 Amazon MQ broker without audit logs") {
  auto broker = [](const std::string& engine, const std::string& logs) {
    return lint_template(tpl("  B: {Type: AWS::AmazonMQ::Broker, Properties: {EngineType: " + engine +
                             ", PubliclyAccessible: false" + logs + "}}\n"),
                         "AIP-LOG-038");
  };
  auto none = broker("ACTIVEMQ", "");
  REQUIRE(none.count("AIP-LOG-038") == 1);
  CHECK(says(none, "ActiveMQ broker B does not publish audit logs"));
  CHECK(broker("ActiveMQ", ", Logs: {Audit: false, General: true}").count("AIP-LOG-038") == 1);
  CHECK(broker("ACTIVEMQ", ", Logs: {Audit: true}").findings.empty());
  CHECK(broker("RABBITMQ", "").findings.empty());  // RabbitMQ has no audit log
}

TEST_CASE("AIP-SEC-008 automatic engine or platform updates turned off") {
  auto one = [](const std::string& resource) { return lint_template(tpl("  R: " + resource + "\n"), "AIP-SEC-008"); };
  auto neptune = one("{Type: AWS::Neptune::DBInstance, Properties: {DBInstanceClass: db.r6g.large, "
                     "AutoMinorVersionUpgrade: false}}");
  REQUIRE(neptune.count("AIP-SEC-008") == 1);
  CHECK(says(neptune, "Neptune instance R does not take minor engine versions automatically"));
  CHECK(one("{Type: AWS::Neptune::DBInstance, Properties: {DBInstanceClass: db.r6g.large}}").findings.empty());
  auto redshift = one("{Type: AWS::Redshift::Cluster, Properties: {AllowVersionUpgrade: false}}");
  REQUIRE(redshift.count("AIP-SEC-008") == 1);
  CHECK(says(redshift, "Redshift cluster R does not take engine upgrades"));
  CHECK(one("{Type: AWS::Redshift::Cluster, Properties: {AllowVersionUpgrade: true}}").findings.empty());
  auto beanstalk = [&](const std::string& options) {
    return one("{Type: AWS::ElasticBeanstalk::Environment, Properties: {ApplicationName: a, OptionSettings: [" +
               options + "]}}");
  };
  const std::string enabled = "{Namespace: 'aws:elasticbeanstalk:managedactions', OptionName: ManagedActionsEnabled, "
                              "Value: 'true'}";
  const std::string minor = "{Namespace: 'aws:elasticbeanstalk:managedactions:platformupdate', OptionName: "
                            "UpdateLevel, Value: minor}";
  auto off = beanstalk("");
  REQUIRE(off.count("AIP-SEC-008") == 1);
  CHECK(says(off, "ManagedActionsEnabled is not true"));
  auto no_level = beanstalk(enabled);
  REQUIRE(no_level.count("AIP-SEC-008") == 1);
  CHECK(says(no_level, "no UpdateLevel minor or patch"));
  CHECK(beanstalk(enabled + ", " + minor).findings.empty());
  // Options may come from the configuration template the environment names.
  CHECK(lint_template(tpl("  T: {Type: AWS::ElasticBeanstalk::ConfigurationTemplate, Properties: {ApplicationName: a, "
                          "OptionSettings: [" + enabled + ", " + minor + "]}}\n  E: {Type: "
                          "AWS::ElasticBeanstalk::Environment, Properties: {ApplicationName: a, TemplateName: !Ref "
                          "T}}\n"),
                      "AIP-SEC-008")
            .findings.empty());
}

TEST_CASE("AIP-SEC-009 database master credentials in the template or a default master user name") {
  auto docdb = [](const std::string& props) {
    return lint_template(tpl("  D: {Type: AWS::DocDB::DBCluster, Properties: {" + props + "}}\n"), "AIP-SEC-009");
  };
  auto plain = docdb("MasterUsername: admin, MasterUserPassword: hunter2hunter2");
  REQUIRE(plain.count("AIP-SEC-009") == 2);
  CHECK(says(plain, "DocumentDB cluster D takes its master user name from the template"));
  CHECK(docdb("MasterUsername: '{{resolve:secretsmanager:db:SecretString:username}}', MasterUserPassword: "
              "'{{resolve:secretsmanager:db:SecretString:password}}'")
            .findings.empty());
  CHECK(docdb("MasterUsername: '{{resolve:secretsmanager:db:SecretString:username}}', ManageMasterUserPassword: true")
            .findings.empty());
  CHECK(docdb("SnapshotIdentifier: s").findings.empty());  // restored: the snapshot's credentials
  auto redshift = [](const std::string& user) {
    return lint_template(tpl("  R: {Type: AWS::Redshift::Cluster, Properties: {MasterUsername: " + user + "}}\n"),
                         "AIP-SEC-009");
  };
  auto awsuser = redshift("awsuser");
  REQUIRE(awsuser.count("AIP-SEC-009") == 1);
  CHECK(says(awsuser, "Redshift cluster R keeps the default master user name awsuser"));
  CHECK(redshift("warehouse_admin").findings.empty());
}

TEST_CASE("AIP-IAM-018 ElastiCache replication group without client authentication") {
  auto group = [](const std::string& extra) {
    return lint_template(tpl("  G: {Type: AWS::ElastiCache::ReplicationGroup, Properties: {ReplicationGroupDescription: "
                             "d" + extra + "}}\n"),
                         "AIP-IAM-018");
  };
  auto open = group(", TransitEncryptionEnabled: true");
  REQUIRE(open.count("AIP-IAM-018") == 1);
  CHECK(says(open, "replication group G authenticates no client"));
  auto clear = group(", AuthToken: '{{resolve:secretsmanager:cache:SecretString:token}}'");
  REQUIRE(clear.count("AIP-IAM-018") == 1);
  CHECK(says(clear, "sends its AUTH token in plain text"));
  CHECK(group(", TransitEncryptionEnabled: true, AuthToken: '{{resolve:secretsmanager:c:SecretString:t}}'")
            .findings.empty());
  CHECK(group(", TransitEncryptionEnabled: true, UserGroupIds: [app-users]").findings.empty());
}

TEST_CASE("AIP-RES-011 Auto Scaling group without a cooldown or a health check grace period") {
  auto asg = [](const std::string& extra) {
    return lint_template(tpl("  G: {Type: AWS::AutoScaling::AutoScalingGroup, Properties: {MinSize: '1', MaxSize: '2'" +
                             extra + "}}\n"),
                         "AIP-RES-011");
  };
  auto cooldown = asg(", Cooldown: '0'");
  REQUIRE(cooldown.count("AIP-RES-011") == 1);
  CHECK(says(cooldown, "Auto Scaling group G has no cooldown"));
  auto grace = asg(", HealthCheckType: ELB");
  REQUIRE(grace.count("AIP-RES-011") == 1);
  CHECK(says(grace, "gives them no HealthCheckGracePeriod"));
  CHECK(asg(", Cooldown: '300', HealthCheckType: ELB, HealthCheckGracePeriod: 120").findings.empty());
  CHECK(asg(", HealthCheckType: EC2").findings.empty());
}

TEST_CASE("AIP-LOG-040 Auto Scaling group without scaling notifications") {
  auto asg = [](const std::string& extra) {
    return lint_template(tpl("  G: {Type: AWS::AutoScaling::AutoScalingGroup, Properties: {MinSize: '1', MaxSize: '2'" +
                             extra + "}}\n"),
                         "AIP-LOG-040");
  };
  auto none = asg("");
  REQUIRE(none.count("AIP-LOG-040") == 1);
  CHECK(says(none, "Auto Scaling group G sends no notification of autoscaling:EC2_INSTANCE_LAUNCH"));
  auto partial = asg(", NotificationConfigurations: [{TopicARN: t, NotificationTypes: [autoscaling:EC2_INSTANCE_LAUNCH, "
                     "autoscaling:EC2_INSTANCE_TERMINATE]}]");
  REQUIRE(partial.count("AIP-LOG-040") == 1);
  CHECK(says(partial, "no notification of autoscaling:EC2_INSTANCE_LAUNCH_ERROR, "
                      "autoscaling:EC2_INSTANCE_TERMINATE_ERROR"));
  CHECK(asg(", NotificationConfigurations: [{TopicARN: t, NotificationTypes: [autoscaling:EC2_INSTANCE_LAUNCH, "
            "autoscaling:EC2_INSTANCE_LAUNCH_ERROR]}, {TopicARN: u, NotificationTypes: "
            "[autoscaling:EC2_INSTANCE_TERMINATE, autoscaling:EC2_INSTANCE_TERMINATE_ERROR]}]")
            .findings.empty());
}

namespace {
const char* kEmrSecurity = "  S: {Type: AWS::EMR::SecurityConfiguration, Properties: {Name: secure, "
                           "SecurityConfiguration: {EncryptionConfiguration: {EnableAtRestEncryption: true, "
                           "EnableInTransitEncryption: true, AtRestEncryptionConfiguration: "
                           "{LocalDiskEncryptionConfiguration: {EncryptionKeyProviderType: AwsKms, AwsKmsKey: k}}, "
                           "InTransitEncryptionConfiguration: {TLSCertificateConfiguration: {CertificateProviderType: "
                           "PEM, S3Object: o}}}}}}\n";
std::string emr(const std::string& props) {
  return "  C: {Type: AWS::EMR::Cluster, Properties: {Name: c, ReleaseLabel: emr-7.2.0, JobFlowRole: j, ServiceRole: "
         "s, Instances: {Ec2SubnetId: subnet-1" + props + "}}\n";
}
}  // namespace

TEST_CASE("AIP-ENC-041 EMR cluster without local disk or in-transit encryption") {
  auto none = lint_template(tpl(emr("}")), "AIP-ENC-041");
  REQUIRE(none.count("AIP-ENC-041") == 1);
  CHECK(says(none, "EMR cluster C has no security configuration"));
  CHECK(lint_template(tpl(kEmrSecurity + emr("}, SecurityConfiguration: !Ref S")), "AIP-ENC-041").findings.empty());
  CHECK(lint_template(tpl(kEmrSecurity + emr("}, SecurityConfiguration: secure")), "AIP-ENC-041").findings.empty());
  auto weak = lint_template(tpl("  S: {Type: AWS::EMR::SecurityConfiguration, Properties: {SecurityConfiguration: "
                                "{EncryptionConfiguration: {EnableAtRestEncryption: false, EnableInTransitEncryption: "
                                "false}}}}\n" + emr("}, SecurityConfiguration: !Ref S")),
                            "AIP-ENC-041");
  REQUIRE(weak.count("AIP-ENC-041") == 1);
  CHECK(says(weak, "uses the security configuration S, which does not encrypt local disks and traffic in transit"));
  // Named but defined elsewhere: not judged.
  CHECK(lint_template(tpl(emr("}, SecurityConfiguration: shared-config")), "AIP-ENC-041").findings.empty());
}

TEST_CASE("AIP-LOG-041 EMR cluster without S3 logging, AIP-IAM-019 without Kerberos or a key pair") {
  auto unlogged = lint_template(tpl(emr("}")), "AIP-LOG-041");
  REQUIRE(unlogged.count("AIP-LOG-041") == 1);
  CHECK(says(unlogged, "EMR cluster C archives no logs to S3 (no LogUri)"));
  CHECK(lint_template(tpl(emr("}, LogUri: 's3://logs/emr/'")), "AIP-LOG-041").findings.empty());
  auto anonymous = lint_template(tpl(emr("}")), "AIP-IAM-019");
  REQUIRE(anonymous.count("AIP-IAM-019") == 1);
  CHECK(says(anonymous, "EMR cluster C authenticates neither with Kerberos"));
  CHECK(lint_template(tpl(emr(", Ec2KeyName: admin}")), "AIP-IAM-019").findings.empty());
  CHECK(lint_template(tpl(emr("}, KerberosAttributes: {Realm: EC2.INTERNAL, KdcAdminPassword: p}")), "AIP-IAM-019")
            .findings.empty());
}

TEST_CASE("AIP-RES-012 Flink application with checkpointing turned off") {
  auto app = [](const std::string& runtime, const std::string& checkpoint) {
    return lint_template(tpl("  A: {Type: AWS::KinesisAnalyticsV2::Application, Properties: {RuntimeEnvironment: " +
                             runtime + ", ServiceExecutionRole: r, ApplicationConfiguration: "
                             "{FlinkApplicationConfiguration: {CheckpointConfiguration: " + checkpoint + "}}}}\n"),
                         "AIP-RES-012");
  };
  auto off = app("FLINK-1_20", "{ConfigurationType: CUSTOM, CheckpointingEnabled: false}");
  REQUIRE(off.count("AIP-RES-012") == 1);
  CHECK(says(off, "Flink application A does not checkpoint"));
  CHECK(app("FLINK-1_20", "{ConfigurationType: CUSTOM, CheckpointingEnabled: true}").findings.empty());
  CHECK(app("FLINK-1_20", "{ConfigurationType: DEFAULT}").findings.empty());
  CHECK(app("SQL-1_0", "{ConfigurationType: CUSTOM, CheckpointingEnabled: false}").findings.empty());
}

TEST_CASE("AIP-RES-013 OpenSearch domain without dedicated master nodes or zone awareness") {
  auto domain = [](const std::string& config) {
    return lint_template(tpl("  D: {Type: AWS::OpenSearchService::Domain, Properties: {ClusterConfig: {InstanceCount: 2" +
                             config + "}}}\n"),
                         "AIP-RES-013");
  };
  auto neither = domain("");
  REQUIRE(neither.count("AIP-RES-013") == 1);
  CHECK(says(neither, "search domain D has no dedicated master nodes (DedicatedMasterEnabled) and zone awareness "
                      "(ZoneAwarenessEnabled)"));
  auto masters = domain(", DedicatedMasterEnabled: true");
  REQUIRE(masters.count("AIP-RES-013") == 1);
  CHECK(says(masters, "has no zone awareness (ZoneAwarenessEnabled)"));
  CHECK(domain(", DedicatedMasterEnabled: true, ZoneAwarenessEnabled: true").findings.empty());
  CHECK(lint_template(tpl("  D: {Type: AWS::Elasticsearch::Domain, Properties: {}}\n"), "AIP-RES-013")
            .count("AIP-RES-013") == 1);
}

TEST_CASE("AIP-EXP-041 OpenSearch domain access not limited to allowlisted IP addresses") {
  auto domain = [](const std::string& policy) {
    return lint_template(tpl("  D: {Type: AWS::OpenSearchService::Domain, Properties: {" + policy + "}}\n"),
                         "AIP-EXP-041");
  };
  auto none = domain("");
  REQUIRE(none.count("AIP-EXP-041") == 1);
  CHECK(says(none, "search domain D has no access policy that limits callers"));
  auto open = domain("AccessPolicies: {Statement: [{Effect: Allow, Principal: {AWS: r}, Action: 'es:*', Resource: "
                     "'*'}]}");
  REQUIRE(open.count("AIP-EXP-041") == 1);
  CHECK(says(open, "allows access without an aws:SourceIp allowlist"));
  CHECK(domain("AccessPolicies: {Statement: [{Effect: Allow, Principal: {AWS: r}, Action: 'es:*', Resource: '*', "
               "Condition: {IpAddress: {'aws:SourceIp': [192.0.2.0/24]}}}, {Effect: Deny, Principal: '*', Action: "
               "'es:ESHttpDelete', Resource: '*'}]}")
            .findings.empty());
}

TEST_CASE("AIP-ENC-042 QuickSight data source without SSL, AIP-ENC-043 Athena workgroup override") {
  auto source = [](const std::string& ssl) {
    return lint_template(tpl("  S: {Type: AWS::QuickSight::DataSource, Properties: {AwsAccountId: '123456789012', "
                             "DataSourceId: s, Name: s, Type: POSTGRESQL" + ssl + "}}\n"),
                         "AIP-ENC-042");
  };
  auto plain = source(", SslProperties: {DisableSsl: true}");
  REQUIRE(plain.count("AIP-ENC-042") == 1);
  CHECK(says(plain, "QuickSight data source S connects to its database without SSL"));
  CHECK(source(", SslProperties: {DisableSsl: false}").findings.empty());
  CHECK(source("").findings.empty());
  auto workgroup = [](const std::string& config) {
    return lint_template(tpl("  W: {Type: AWS::Athena::WorkGroup, Properties: {Name: w" + config + "}}\n"),
                         "AIP-ENC-043");
  };
  auto client_wins = workgroup(", WorkGroupConfiguration: {EnforceWorkGroupConfiguration: false}");
  REQUIRE(client_wins.count("AIP-ENC-043") == 1);
  CHECK(says(client_wins, "Athena workgroup W lets each client override its settings"));
  CHECK(workgroup(", WorkGroupConfiguration: {EnforceWorkGroupConfiguration: true}").findings.empty());
  CHECK(workgroup("").findings.empty());  // enforced by default
}

TEST_CASE("AIP-EXP-042 function URL with an open CORS policy") {
  auto url = [](const std::string& cors) {
    return lint_template(tpl("  U: {Type: AWS::Lambda::Url, Properties: {TargetFunctionArn: f, AuthType: AWS_IAM" + cors +
                             "}}\n"),
                         "AIP-EXP-042");
  };
  auto open = url(", Cors: {AllowOrigins: ['*'], AllowMethods: ['*']}");
  REQUIRE(open.count("AIP-EXP-042") == 1);
  CHECK(says(open, "function URL U allows every origin and every method"));
  CHECK(url(", Cors: {AllowOrigins: ['*'], AllowMethods: [GET]}").findings.empty());
  CHECK(url(", Cors: {AllowOrigins: ['https://app.example.com'], AllowMethods: ['*']}").findings.empty());
  CHECK(url("").findings.empty());
}

TEST_CASE("AIP-IAM-020 trust policy allowing every action") {
  auto role = [](const std::string& action) {
    return lint_template(tpl("  R: {Type: AWS::IAM::Role, Properties: {AssumeRolePolicyDocument: {Version: '2012-10-17', "
                             "Statement: [{Effect: Allow, Principal: {Service: sagemaker.amazonaws.com}, Action: " +
                             action + "}]}}}\n"),
                         "AIP-IAM-020");
  };
  auto any = role("'*'");
  REQUIRE(any.count("AIP-IAM-020") == 1);
  CHECK(says(any, "trust policy of R allows every action"));
  CHECK(role("'sts:*'").count("AIP-IAM-020") == 1);
  CHECK(role("sts:AssumeRole").findings.empty());
  CHECK(role("[sts:AssumeRole, sts:TagSession]").findings.empty());
}

TEST_CASE("AIP-EXP-040 Elastic Beanstalk outside a VPC, AIP-LOG-039 without instance logs in S3") {
  auto env = [](const std::string& options, const std::string& rule) {
    return lint_template(tpl("  E: {Type: AWS::ElasticBeanstalk::Environment, Properties: {ApplicationName: a, "
                             "OptionSettings: [" + options + "]}}\n"),
                         rule);
  };
  const std::string vpc = "{Namespace: 'aws:ec2:vpc', OptionName: VPCId, Value: vpc-1}";
  const std::string logs = "{Namespace: 'aws:elasticbeanstalk:hostmanager', OptionName: LogPublicationControl, Value: "
                           "'true'}";
  auto default_vpc = env(logs, "AIP-EXP-040");
  REQUIRE(default_vpc.count("AIP-EXP-040") == 1);
  CHECK(says(default_vpc, "Elastic Beanstalk environment E names no VPC"));
  CHECK(env(vpc, "AIP-EXP-040").findings.empty());
  auto unlogged = env(vpc, "AIP-LOG-039");
  REQUIRE(unlogged.count("AIP-LOG-039") == 1);
  CHECK(says(unlogged, "Elastic Beanstalk environment E does not publish instance logs to S3"));
  CHECK(env(logs, "AIP-LOG-039").findings.empty());
  CHECK(env("{Namespace: 'aws:elasticbeanstalk:hostmanager', OptionName: LogPublicationControl, Value: 'false'}",
            "AIP-LOG-039")
            .count("AIP-LOG-039") == 1);
}

TEST_CASE("AIP-LOG-042 EC2 instance without detailed monitoring, AIP-RES-014 without termination protection") {
  auto instance = [](const std::string& props, const std::string& rule) {
    return lint_template(tpl("  I: {Type: AWS::EC2::Instance, Properties: {ImageId: ami-1" + props + "}}\n"), rule);
  };
  auto basic = instance("", "AIP-LOG-042");
  REQUIRE(basic.count("AIP-LOG-042") == 1);
  CHECK(says(basic, "instance I has no detailed monitoring"));
  CHECK(instance(", Monitoring: true", "AIP-LOG-042").findings.empty());
  auto lc = [](const std::string& props) {
    return lint_template(tpl("  L: {Type: AWS::AutoScaling::LaunchConfiguration, Properties: {ImageId: ami-1, "
                             "InstanceType: t4g.micro" + props + "}}\n"),
                         "AIP-LOG-042");
  };
  CHECK(lc(", InstanceMonitoring: false").count("AIP-LOG-042") == 1);
  CHECK(lc("").findings.empty());  // launch configurations monitor every minute by default
  auto unprotected = instance("", "AIP-RES-014");
  REQUIRE(unprotected.count("AIP-RES-014") == 1);
  CHECK(says(unprotected, "instance I is not in an Auto Scaling group and has no termination protection"));
  CHECK(instance(", DisableApiTermination: false", "AIP-RES-014").count("AIP-RES-014") == 1);
  CHECK(instance(", DisableApiTermination: true", "AIP-RES-014").findings.empty());
}

TEST_CASE("AIP-RES-015 Classic Load Balancer without draining or cross-zone, AIP-EXP-043 serving HTTP") {
  auto clb = [](const std::string& props, const std::string& rule) {
    return lint_template(tpl("  C: {Type: AWS::ElasticLoadBalancing::LoadBalancer, Properties: {Listeners: "
                             "[{LoadBalancerPort: '8883', InstancePort: '8883', Protocol: TCP}]" + props + "}}\n"),
                         rule);
  };
  auto bare = clb(", Subnets: [a, b]", "AIP-RES-015");
  REQUIRE(bare.count("AIP-RES-015") == 2);
  CHECK(says(bare, "Classic Load Balancer C has no connection draining"));
  CHECK(bare.findings[1].message.find("CrossZone is not true") != std::string::npos);
  auto one_zone = clb(", Subnets: [a], CrossZone: true, ConnectionDrainingPolicy: {Enabled: true}", "AIP-RES-015");
  REQUIRE(one_zone.count("AIP-RES-015") == 1);
  CHECK(says(one_zone, "it lists fewer than two subnets or zones"));
  CHECK(clb(", Subnets: [a, b], CrossZone: true, ConnectionDrainingPolicy: {Enabled: true, Timeout: 300}",
            "AIP-RES-015")
            .findings.empty());
  CHECK(clb("", "AIP-EXP-043").findings.empty());  // TCP is what a Classic Load Balancer may still do
  auto web = lint_template(tpl("  C: {Type: AWS::ElasticLoadBalancing::LoadBalancer, Properties: {Listeners: "
                               "[{LoadBalancerPort: '443', InstancePort: '80', Protocol: HTTPS}, {LoadBalancerPort: "
                               "'80', InstancePort: '80', Protocol: HTTP}]}}\n"),
                           "AIP-EXP-043");
  REQUIRE(web.count("AIP-EXP-043") == 1);  // once per load balancer
  CHECK(says(web, "Classic Load Balancer C serves HTTPS traffic"));
}

TEST_CASE("AIP-ENC-044 Lex conversation logs without a KMS key") {
  auto alias = [](const std::string& group, const std::string& settings) {
    return lint_template(tpl(group + "  A: {Type: AWS::Lex::BotAlias, Properties: {BotId: b, BotAliasName: live, "
                             "ConversationLogSettings: {" + settings + "}}}\n"),
                         "AIP-ENC-044");
  };
  const std::string text = "TextLogSettings: [{Enabled: true, Destination: {CloudWatch: {CloudWatchLogGroupArn: !GetAtt "
                           "G.Arn, LogPrefix: p}}}]";
  auto plain = alias("  G: {Type: AWS::Logs::LogGroup, Properties: {RetentionInDays: 365}}\n", text);
  REQUIRE(plain.count("AIP-ENC-044") == 1);
  CHECK(says(plain, "Lex A writes text conversation logs to the log group G, which has no KMS key"));
  CHECK(alias("  G: {Type: AWS::Logs::LogGroup, Properties: {KmsKeyId: k}}\n", text).findings.empty());
  auto audio = alias("", "AudioLogSettings: [{Enabled: true, Destination: {S3Bucket: {S3BucketArn: b, LogPrefix: p}}}]");
  REQUIRE(audio.count("AIP-ENC-044") == 1);
  CHECK(says(audio, "writes audio conversation logs to S3 without a KMS key"));
  CHECK(alias("", "AudioLogSettings: [{Enabled: true, Destination: {S3Bucket: {S3BucketArn: b, KmsKeyArn: k}}}]")
            .findings.empty());
  CHECK(alias("", "AudioLogSettings: [{Enabled: false, Destination: {S3Bucket: {S3BucketArn: b}}}]").findings.empty());
  // A bot's test alias.
  CHECK(lint_template(tpl("  B: {Type: AWS::Lex::Bot, Properties: {TestBotAliasSettings: {ConversationLogSettings: "
                          "{AudioLogSettings: [{Enabled: true, Destination: {S3Bucket: {S3BucketArn: b}}}]}}}}\n"),
                      "AIP-ENC-044")
            .count("AIP-ENC-044") == 1);
}

TEST_CASE("AIP-ENC-045 log group without a KMS key") {
  auto group = [](const std::string& props) {
    return lint_template(tpl("  G: {Type: AWS::Logs::LogGroup, Properties: {RetentionInDays: 365" + props + "}}\n"),
                         "AIP-ENC-045");
  };
  auto plain = group("");
  REQUIRE(plain.count("AIP-ENC-045") == 1);
  CHECK(says(plain, "log group G has no KMS key (KmsKeyId)"));
  CHECK(group(", KmsKeyId: ''").count("AIP-ENC-045") == 1);
  CHECK(group(", KmsKeyId: arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab").findings.empty());
  // A key of the template, by GetAtt.
  CHECK(lint_template(tpl("  K: {Type: AWS::KMS::Key, Properties: {EnableKeyRotation: true}}\n"
                          "  G: {Type: AWS::Logs::LogGroup, Properties: {KmsKeyId: !GetAtt K.Arn}}\n"),
                      "AIP-ENC-045")
            .findings.empty());
}

TEST_CASE("AIP-ENC-046 Lambda environment variables without a KMS key") {
  auto function = [](const std::string& type, const std::string& props) {
    return lint_template(tpl("  F: {Type: " + type + ", Properties: {Runtime: python3.12, Handler: app.handler, "
                             "Role: arn:aws:iam::111111111111:role/r, Code: {ZipFile: x}" + props + "}}\n"),
                         "AIP-ENC-046");
  };
  auto plain = function("AWS::Lambda::Function", ", Environment: {Variables: {LOG_LEVEL: INFO}}");
  REQUIRE(plain.count("AIP-ENC-046") == 1);
  CHECK(says(plain, "function F has environment variables and no KMS key (KmsKeyArn)"));
  CHECK(function("AWS::Serverless::Function", ", Environment: {Variables: {LOG_LEVEL: INFO}}").count("AIP-ENC-046") == 1);
  CHECK(function("AWS::Lambda::Function", ", Environment: {Variables: {LOG_LEVEL: INFO}}, KmsKeyArn: !GetAtt K.Arn")
            .findings.empty());
  // As checkov: nothing to protect, nothing to report.
  CHECK(function("AWS::Lambda::Function", "").findings.empty());
  CHECK(function("AWS::Lambda::Function", ", Environment: {Variables: {}}").findings.empty());
  CHECK(function("AWS::Lambda::Function", ", Environment: {}").findings.empty());
}

TEST_CASE("parity 4: RES-010 DocumentDB and Neptune retention, RES-005 Neptune, AIP-LOG-043 Redshift user activity") {
  auto cluster = [](const std::string& type, const std::string& props, const std::string& rule) {
    return lint_template(tpl("  C: {Type: " + type + ", Properties: {StorageEncrypted: true" + props + "}}\n"), rule);
  };
  auto short_docdb = cluster("AWS::DocDB::DBCluster", "", "AIP-RES-010");
  REQUIRE(short_docdb.count("AIP-RES-010") == 1);
  CHECK(says(short_docdb, "DocumentDB cluster C keeps automated backups 1 day (the default)"));
  CHECK(cluster("AWS::Neptune::DBCluster", ", BackupRetentionPeriod: 3", "AIP-RES-010").count("AIP-RES-010") == 1);
  CHECK(cluster("AWS::Neptune::DBCluster", ", BackupRetentionPeriod: 7", "AIP-RES-010").findings.empty());
  CHECK(cluster("AWS::DocDB::DBCluster", ", BackupRetentionPeriod: 35", "AIP-RES-010").findings.empty());
  auto no_subnets = cluster("AWS::Neptune::DBCluster", "", "AIP-RES-005");
  REQUIRE(no_subnets.count("AIP-RES-005") == 1);
  CHECK(says(no_subnets, "Neptune cluster C names no DBSubnetGroupName"));
  auto one_zone = cluster("AWS::Neptune::DBCluster", ", DBSubnetGroupName: g, AvailabilityZones: [us-east-1a]",
                          "AIP-RES-005");
  REQUIRE(one_zone.count("AIP-RES-005") == 1);
  CHECK(says(one_zone, "Neptune cluster C is confined to one Availability Zone"));
  CHECK(cluster("AWS::Neptune::DBCluster", ", DBSubnetGroupName: g", "AIP-RES-005").findings.empty());
  auto redshift = [](const std::string& group, const std::string& props) {
    return lint_template(tpl(group + "  R: {Type: AWS::Redshift::Cluster, Properties: {LoggingProperties: "
                             "{LogDestinationType: cloudwatch, LogExports: [useractivitylog]}" + props + "}}\n"),
                         "AIP-LOG-043");
  };
  auto defaults = redshift("", "");
  REQUIRE(defaults.count("AIP-LOG-043") == 1);
  CHECK(says(defaults, "Redshift cluster R does not log user activity: the default parameter group"));
  const std::string group = "  P: {Type: AWS::Redshift::ClusterParameterGroup, Properties: {Description: d, "
                            "ParameterGroupFamily: redshift-1.0, Parameters: [{ParameterName: "
                            "enable_user_activity_logging, ParameterValue: '";
  CHECK(redshift(group + "true'}]}}\n", ", ClusterParameterGroupName: !Ref P").findings.empty());
  auto off = redshift(group + "false'}]}}\n", ", ClusterParameterGroupName: !Ref P");
  REQUIRE(off.count("AIP-LOG-043") == 1);
  CHECK(says(off, "its parameter group P does not set enable_user_activity_logging"));
  CHECK(redshift("", ", ClusterParameterGroupName: shared-group").findings.empty());  // defined elsewhere
}

TEST_CASE("parity 4 extensions: ENC-007 Timestream, ENC-025 WorkSpaces, EXP-009 AppSync") {
  auto ts = [](const std::string& props) {
    return lint_template(tpl("  D: {Type: AWS::Timestream::Database, Properties: {" + props + "}}\n"), "AIP-ENC-007");
  };
  auto aws_key = ts("");
  REQUIRE(aws_key.count("AIP-ENC-007") == 1);
  CHECK(says(aws_key, "Timestream database D is encrypted with the AWS-managed key aws/timestream"));
  CHECK(ts("KmsKeyId: alias/aws/timestream").count("AIP-ENC-007") == 1);
  CHECK(ts("KmsKeyId: arn:aws:kms:us-east-1:123456789012:key/k").findings.empty());
  auto ws = [](const std::string& props) {
    return lint_template(tpl("  W: {Type: AWS::WorkSpaces::Workspace, Properties: {BundleId: b, DirectoryId: d, "
                             "UserName: u" + props + "}}\n"),
                         "AIP-ENC-025");
  };
  auto plain = ws("");
  REQUIRE(plain.count("AIP-ENC-025") == 2);
  CHECK(says(plain, "WorkSpace W keeps its root volume unencrypted"));
  CHECK(ws(", RootVolumeEncryptionEnabled: true").count("AIP-ENC-025") == 1);
  CHECK(ws(", RootVolumeEncryptionEnabled: true, UserVolumeEncryptionEnabled: true, VolumeEncryptionKey: k")
            .findings.empty());
  auto bare = lint_template(tpl("  A: {Type: AWS::AppSync::GraphQLApi, Properties: {Name: a, AuthenticationType: "
                                "AWS_IAM}}\n"),
                            "AIP-EXP-009");
  REQUIRE(bare.count("AIP-EXP-009") == 1);
  CHECK(says(bare, "GraphQL API A is reachable from the internet and has no WAF web ACL"));
  CHECK(lint_template(tpl("  A: {Type: AWS::AppSync::GraphQLApi, Properties: {Name: a, AuthenticationType: AWS_IAM}}\n"
                          "  W: {Type: AWS::WAFv2::WebACLAssociation, Properties: {ResourceArn: !GetAtt A.Arn, "
                          "WebACLArn: w}}\n"),
                      "AIP-EXP-009")
            .findings.empty());
  CHECK(lint_template(tpl("  A: {Type: AWS::AppSync::GraphQLApi, Properties: {Name: a, AuthenticationType: AWS_IAM, "
                          "Visibility: PRIVATE}}\n"),
                      "AIP-EXP-009")
            .findings.empty());
}

TEST_CASE("AIP-RES-016 asynchronously invoked function without a dead-letter queue or failure destination") {
  auto with = [](const std::string& function_props, const std::string& principal, const std::string& target,
                 const std::string& extra) {
    return lint_template(tpl("  F: {Type: AWS::Lambda::Function, Properties: {FunctionName: indexer, Role: r, Runtime: "
                             "python3.12, Handler: h, Code: {ZipFile: x}" + function_props + "}}\n  P: {Type: "
                             "AWS::Lambda::Permission, Properties: {Action: 'lambda:InvokeFunction', FunctionName: " +
                             target + ", Principal: " + principal + ", SourceAccount: '123456789012'}}\n" + extra),
                         "AIP-RES-016");
  };
  auto dropped = with("", "s3.amazonaws.com", "!GetAtt F.Arn", "");
  REQUIRE(dropped.count("AIP-RES-016") == 1);
  CHECK(says(dropped, "function F is invoked asynchronously by s3.amazonaws.com but keeps no failed event"));
  CHECK(with(", DeadLetterConfig: {TargetArn: q}", "s3.amazonaws.com", "!GetAtt F.Arn", "").findings.empty());
  CHECK(with("", "events.amazonaws.com", "!Ref F",
             "  C: {Type: AWS::Lambda::EventInvokeConfig, Properties: {FunctionName: !Ref F, Qualifier: $LATEST, "
             "DestinationConfig: {OnFailure: {Destination: q}}}}\n")
            .findings.empty());
  // Synchronous callers get the error themselves: no DLQ to ask for.
  CHECK(with("", "apigateway.amazonaws.com", "!GetAtt F.Arn", "").findings.empty());
  // A function named by ARN (as aip writes one of another stack), or through an alias.
  CHECK(with("", "sns.amazonaws.com", "arn:aws:lambda:us-east-1:123456789012:function:indexer", "")
            .count("AIP-RES-016") == 1);
  CHECK(with("", "events.amazonaws.com", "!Ref A",
             "  A: {Type: AWS::Lambda::Alias, Properties: {FunctionName: !Ref F, FunctionVersion: '1', Name: live}}\n")
            .count("AIP-RES-016") == 1);
}

TEST_CASE("AIP-LOG-044 RDS instance without Enhanced Monitoring") {
  auto instance = [](const std::string& props) {
    return lint_template(tpl("  D: {Type: AWS::RDS::DBInstance, Properties: {DBInstanceClass: db.m7g.large, Engine: "
                             "postgres" + props + "}}\n"),
                         "AIP-LOG-044");
  };
  auto none = instance("");
  REQUIRE(none.count("AIP-LOG-044") == 1);
  CHECK(says(none, "database instance D has no Enhanced Monitoring (MonitoringInterval absent)"));
  CHECK(instance(", MonitoringInterval: 0").count("AIP-LOG-044") == 1);
  CHECK(instance(", MonitoringInterval: 60, MonitoringRoleArn: r").findings.empty());
  CHECK(instance(", MonitoringInterval: '15', MonitoringRoleArn: r").findings.empty());
}

TEST_CASE("AIP-SEC-010 ACM certificate for a wildcard domain") {
  auto cert = [](const std::string& props) {
    return lint_template(tpl("  C: {Type: AWS::CertificateManager::Certificate, Properties: {ValidationMethod: DNS, " +
                             props + "}}\n"),
                         "AIP-SEC-010");
  };
  auto domain = cert("DomainName: '*.example.com'");
  REQUIRE(domain.count("AIP-SEC-010") == 1);
  CHECK(says(domain, "certificate C is issued for the wildcard *.example.com"));
  auto san = cert("DomainName: example.com, SubjectAlternativeNames: [www.example.com, '*.example.com']");
  REQUIRE(san.count("AIP-SEC-010") == 1);
  CHECK(says(san, "certificate C names the wildcard *.example.com"));
  CHECK(cert("DomainName: '*.example.com', SubjectAlternativeNames: ['*.api.example.com']").count("AIP-SEC-010") == 2);
  CHECK(cert("DomainName: example.com, SubjectAlternativeNames: [www.example.com, api.example.com]").findings.empty());
  CHECK(cert("DomainName: !Ref Domain").findings.empty());
}

TEST_CASE("AIP-IAM-021 Cognito user pool without required MFA") {
  auto pool = [](const std::string& props) {
    return lint_template(tpl("  P: {Type: AWS::Cognito::UserPool, Properties: {UserPoolName: p" + props + "}}\n"),
                         "AIP-IAM-021");
  };
  auto absent = pool("");
  REQUIRE(absent.count("AIP-IAM-021") == 1);
  CHECK(says(absent, "user pool P does not require MFA (MfaConfiguration absent, so OFF)"));
  auto optional = pool(", MfaConfiguration: OPTIONAL, EnabledMfas: [SOFTWARE_TOKEN_MFA]");
  REQUIRE(optional.count("AIP-IAM-021") == 1);
  CHECK(says(optional, "(MfaConfiguration OPTIONAL)"));
  CHECK(pool(", MfaConfiguration: 'OFF'").count("AIP-IAM-021") == 1);
  CHECK(pool(", MfaConfiguration: 'ON', EnabledMfas: [SOFTWARE_TOKEN_MFA]").findings.empty());
  CHECK(pool(", MfaConfiguration: !Ref Mfa").findings.empty());
}

TEST_CASE("AIP-EXP-044 SageMaker model without network isolation") {
  auto model = [](const std::string& props) {
    return lint_template(tpl("  M: {Type: AWS::SageMaker::Model, Properties: {ExecutionRoleArn: r, PrimaryContainer: "
                             "{Image: i}" + props + "}}\n"),
                         "AIP-EXP-044");
  };
  auto absent = model("");
  REQUIRE(absent.count("AIP-EXP-044") == 1);
  CHECK(says(absent, "SageMaker model M is not network-isolated (EnableNetworkIsolation absent)"));
  CHECK(model(", EnableNetworkIsolation: false").count("AIP-EXP-044") == 1);
  CHECK(model(", EnableNetworkIsolation: true").findings.empty());
  CHECK(model(", EnableNetworkIsolation: 'true'").findings.empty());
  CHECK(model(", EnableNetworkIsolation: !Ref Isolate").findings.empty());
}

TEST_CASE("AIP-RES-017 Aurora MySQL cluster without Backtrack") {
  auto cluster = [](const std::string& props) {
    return lint_template(tpl("  C: {Type: AWS::RDS::DBCluster, Properties: {" + props + "}}\n"), "AIP-RES-017");
  };
  auto absent = cluster("Engine: aurora-mysql");
  REQUIRE(absent.count("AIP-RES-017") == 1);
  CHECK(says(absent, "Aurora MySQL cluster C has no Backtrack (BacktrackWindow absent)"));
  CHECK(cluster("Engine: aurora-mysql, BacktrackWindow: 0").count("AIP-RES-017") == 1);
  CHECK(cluster("Engine: aurora-mysql, EngineMode: provisioned, BacktrackWindow: '0'").count("AIP-RES-017") == 1);
  // Serverless v2 runs in provisioned mode and backtracks like any provisioned cluster.
  CHECK(cluster("Engine: aurora-mysql, ServerlessV2ScalingConfiguration: {MinCapacity: 0.5, MaxCapacity: 4}")
            .count("AIP-RES-017") == 1);
  CHECK(cluster("Engine: aurora-mysql, BacktrackWindow: 86400").findings.empty());
  CHECK(cluster("Engine: aurora-mysql, BacktrackWindow: '3600'").findings.empty());
  CHECK(cluster("Engine: aurora-mysql, BacktrackWindow: !Ref Window").findings.empty());
  CHECK(cluster("Engine: aurora-mysql, EngineMode: serverless").findings.empty());  // Serverless v1 cannot
  CHECK(cluster("Engine: aurora-postgresql").findings.empty());
}
