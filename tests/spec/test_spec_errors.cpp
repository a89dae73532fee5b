// Every class of spec error: exact message and exact location.
#include <catch2/catch.hpp>

#include "base/did_you_mean.hpp"
#include "support/spec_text.hpp"

using aip::test::kHeader;
using aip::test::load_text;

namespace {

std::string errors_of(const std::string& body) {
  auto loaded = load_text(std::string(kHeader) + body);
  CHECK_FALSE(loaded.spec);
  return loaded.messages();
}

const char* kVpc =
    "network:\n"
    "  vpcs:\n"
    "    main:\n"
    "      cidr: 10.0.0.0/16\n"
    "      azs: 2\n"
    "      tiers: {public: 24, private: 24}\n";

}  // namespace

TEST_CASE("a valid spec reads into the typed model with locations") {
  auto loaded = load_text(std::string(kHeader) + kVpc +
                          "      nat: per-az\n"
                          "      endpoints: {interface: [sts], gateway: [s3]}\n"
                          "  security_groups:\n"
                          "    api:\n"
                          "      vpc: main\n"
                          "      ingress:\n"
                          "        - {ports: 8000-8010, from: sg:api}\n");
  INFO(loaded.messages());
  REQUIRE(loaded.spec);
  const auto& spec = *loaded.spec;
  CHECK(spec.name.value == "test");
  REQUIRE(spec.network.vpcs.size() == 1);
  const auto& vpc = spec.network.vpcs[0];
  CHECK(vpc.cidr.value.str() == "10.0.0.0/16");
  CHECK(vpc.cidr.location.line == 8);
  CHECK(vpc.cidr.location.column == 13);
  CHECK(vpc.azs.value == 2);
  REQUIRE(vpc.tiers.size() == 2);
  CHECK(vpc.tiers[0].name == "public");
  CHECK(vpc.tiers[1].kind == aip::spec::TierKind::private_);
  CHECK(vpc.nat.value == aip::spec::NatMode::per_az);
  CHECK(vpc.flow_logs.enabled);
  CHECK(vpc.flow_logs.retention_days.value == 365);
  const auto& rule = spec.network.security_groups.at(0).ingress.at(0);
  CHECK(rule.from_port == 8000);
  CHECK(rule.to_port == 8010);
  CHECK(rule.peer.kind == aip::spec::Peer::Kind::security_group);
  CHECK_FALSE(spec.network.security_groups.at(0).egress.has_value());
}

TEST_CASE("wrong value types name the key and show the value") {
  CHECK(errors_of("network:\n  vpcs:\n    main:\n      cidr: 10.0.0.0/16\n      azs: two\n      tiers: {private: 24}\n") ==
        "spec.yaml:9:12: 'azs' must be a whole number, got 'two'\n");
  CHECK(errors_of("network:\n  vpcs: [a, b]\n") == "spec.yaml:6:9: 'vpcs' must map VPC names to their settings, got a list\n");
  CHECK(errors_of("network:\n  vpcs:\n    main:\n      cidr: [10.0.0.0/16]\n      tiers: {private: 24}\n") ==
        "spec.yaml:8:13: 'cidr' must be a CIDR such as 10.0.0.0/16, got a list\n");
  CHECK(errors_of("network:\n  vpcs:\n    main:\n      cidr: 10.0.0.0/16\n      tiers: {private: 24}\n"
                  "      flow_logs: maybe\n") ==
        "spec.yaml:10:18: 'flow_logs' must be true or false, got 'maybe'\n");
}

TEST_CASE("a quoted number is a string, not a number") {
  CHECK(errors_of("network:\n  vpcs:\n    main:\n      cidr: 10.0.0.0/16\n      azs: \"2\"\n      tiers: {private: 24}\n") ==
        "spec.yaml:9:12: 'azs' must be a whole number, got '2'\n");
}

TEST_CASE("missing required keys are reported at the element's name") {
  CHECK(errors_of("network:\n  vpcs:\n    main:\n      tiers: {private: 24}\n") ==
        "spec.yaml:7:5: vpc 'main' is missing required key 'cidr'\n");
  auto top = load_text("aip: 1\nname: x\n");
  CHECK(top.messages() == "spec.yaml:1:1: the spec is missing required key 'accounts'\n");
}

TEST_CASE("unknown keys get a did-you-mean") {
  CHECK(errors_of(std::string(kVpc) + "      natt: single\n") ==
        "spec.yaml:11:7: unknown key 'natt' in vpc 'main'; did you mean 'nat'?\n");
  CHECK(errors_of("netwrok: {}\n") == "spec.yaml:5:1: unknown key 'netwrok' in the spec; did you mean 'network'?\n");
  // No suggestion when nothing is close.
  CHECK(errors_of("zzzzzz: 1\n") == "spec.yaml:5:1: unknown key 'zzzzzz' in the spec\n");
}

TEST_CASE("the spec-wide lint names Guard rule files") {
  CHECK(errors_of("lint: {}\n") == "spec.yaml:5:7: the spec-wide lint is missing required key 'rules'\n");
  CHECK(errors_of("lint: {rules: {team: policies/}}\n") != "");
}

TEST_CASE("dangling references name what is missing, with a suggestion") {
  CHECK(errors_of(std::string(kVpc) + "  security_groups:\n    api: {vpc: mian}\n") ==
        "spec.yaml:12:16: security group 'api' refers to vpc 'mian', which is not defined; did you mean 'main'?\n");
  CHECK(errors_of(std::string(kVpc) + "      account: prod\n") ==
        "spec.yaml:11:16: vpc 'main' refers to account 'prod', which is not defined\n");
  CHECK(errors_of(std::string(kVpc) +
                  "  security_groups:\n    api:\n      vpc: main\n      ingress: [{port: 80, from: sg:albb}]\n"
                  "    alb: {vpc: main}\n") ==
        "spec.yaml:14:34: security group 'api' refers to security group 'albb', which is not defined; did you "
        "mean 'alb'?\n");
}

TEST_CASE("security groups may not reference groups of another VPC") {
  std::string body = std::string(kVpc) +
                     "    other:\n      cidr: 10.1.0.0/16\n      tiers: {private: 24}\n"
                     "  security_groups:\n"
                     "    a: {vpc: main, ingress: [{port: 80, from: sg:b}]}\n"
                     "    b: {vpc: other}\n";
  CHECK(errors_of(body) ==
        "spec.yaml:15:47: security group 'a' (vpc 'main') cannot refer to 'b' in another vpc ('other')\n");
}

TEST_CASE("duplicate names and duplicate values are errors") {
  CHECK(errors_of("network:\n  vpcs:\n    a: {cidr: 10.0.0.0/16, tiers: {private: 24}}\n"
                  "    a: {cidr: 10.1.0.0/16, tiers: {private: 24}}\n") ==
        "spec.yaml:8:5: duplicate key 'a'\n");
  auto twice = load_text("aip: 1\nname: t\naccounts:\n  a: {id: \"111111111111\", region: us-east-1}\n"
                         "  b: {id: \"111111111111\", region: us-east-1}\n");
  CHECK(twice.messages() == "spec.yaml:5:11: accounts 'a' and 'b' have the same id 111111111111\n");
  CHECK(errors_of(std::string(kVpc) + "      endpoints: {interface: [sts, sts]}\n") ==
        "spec.yaml:11:36: interface endpoint 'sts' is listed twice\n");
  CHECK(errors_of(std::string(kVpc) + "  security_groups:\n    a:\n      vpc: main\n"
                                      "      ingress: [{port: 80, from: vpc}, {port: 80, from: vpc}]\n") ==
        "spec.yaml:14:40: security group 'a' has this rule twice (CloudFormation rejects duplicate rules)\n");
}

TEST_CASE("values out of range") {
  CHECK(errors_of("network:\n  vpcs:\n    main: {cidr: 10.0.0.0/16, azs: 7, tiers: {private: 24}}\n") ==
        "spec.yaml:7:36: 'azs' must be between 1 and 6, got 7\n");
  CHECK(errors_of("network:\n  vpcs:\n    main: {cidr: 10.0.0.0/16, tiers: {private: 30}}\n") ==
        "spec.yaml:7:48: 'private' must be between 16 and 28, got 30\n");
  CHECK(errors_of("network:\n  vpcs:\n    main: {cidr: 10.0.0.0/8, tiers: {private: 24}}\n") ==
        "spec.yaml:7:18: a VPC's 'cidr' must be between /16 and /28 (AWS's limits), got /8\n");
  CHECK(errors_of("network:\n  vpcs:\n    main: {cidr: 10.0.0.0/16, tiers: {private: 24}, flow_logs: {retention_days: 10}}\n") ==
        "spec.yaml:7:81: CloudWatch Logs does not accept a retention of 10 days; the nearest allowed value is 14\n");
  CHECK(errors_of("network:\n  security_groups:\n    a: {vpc: x, ingress: [{port: 70000, from: vpc}]}\n") ==
        "spec.yaml:7:34: 'port' must be between 0 and 65535, got 70000\n");
}

TEST_CASE("CIDR errors say what was meant") {
  CHECK(errors_of("network:\n  vpcs:\n    main: {cidr: 10.0.1.0/16, tiers: {private: 24}}\n") ==
        "spec.yaml:7:18: invalid CIDR in 'cidr': 10.0.1.0/16 has host bits set; did you mean 10.0.0.0/16?\n");
  CHECK(errors_of("network:\n  on_prem: [192.168.0.0/33]\n").find("spec.yaml:6:13: invalid CIDR in 'on_prem'") == 0);
}

TEST_CASE("subnet layout errors") {
  CHECK(errors_of("network:\n  vpcs:\n    main: {cidr: 10.0.0.0/24, azs: 3, tiers: {public: 26, private: 26}}\n") ==
        "spec.yaml:7:18: vpc 'main': 10.0.0.0/24 is too small: 6 subnets need 384 addresses (/26 x 6), it has 256\n");
  CHECK(errors_of("network:\n  vpcs:\n    main: {cidr: 10.0.0.0/16, azs: 2, tiers: {private: [10.0.0.0/24]}}\n") ==
        "spec.yaml:7:47: tier 'private' lists 1 CIDRs but vpc 'main' spans 2 AZs; give one per AZ\n");
  CHECK(errors_of("network:\n  vpcs:\n    main: {cidr: 10.0.0.0/16, azs: 2, tiers: {a: {kind: public, cidrs: [10.0.0.0/24, "
                  "10.0.1.0/24]}, b: {kind: private, cidrs: [10.0.1.0/24, 10.0.2.0/24]}}}\n") ==
        "spec.yaml:7:128: subnet 10.0.1.0/24 (tier 'b', AZ 1) overlaps 10.0.1.0/24 (tier 'a', AZ 2)\n");
}

TEST_CASE("explicit and carved tiers share the range without overlap") {
  auto loaded = load_text(std::string(kHeader) +
                          "network:\n  vpcs:\n    main: {cidr: 10.0.0.0/16, azs: 2, tiers: {public: [10.0.0.0/24, "
                          "10.0.1.0/24], private: 24}}\n");
  INFO(loaded.messages());
  REQUIRE(loaded.spec);
}

TEST_CASE("region typos are caught, unknown but plausible regions pass") {
  auto typo = load_text("aip: 1\nname: t\naccounts:\n  a: {id: \"111111111111\", region: eu-wset-1}\n");
  CHECK(typo.messages() == "spec.yaml:4:35: 'eu-wset-1' is not an AWS region; did you mean 'eu-west-1'?\n");
  auto future = load_text("aip: 1\nname: t\naccounts:\n  a: {id: \"111111111111\", region: xx-orbit-5}\n");
  CHECK(future.spec);
}

TEST_CASE("names, tags and descriptions follow AWS's rules") {
  CHECK(errors_of("network:\n  vpcs:\n    1main: {cidr: 10.0.0.0/16, tiers: {private: 24}}\n") ==
        "spec.yaml:7:5: vpc name '1main' must start with a letter and use only letters, digits, '-' and '_' (at most 64 "
        "characters)\n");
  CHECK(errors_of("tags: {aws:owner: me}\n") ==
        "spec.yaml:5:8: tag key 'aws:owner' uses a reserved prefix ('aws:' belongs to AWS, 'aip:' to aip)\n");
  CHECK(errors_of(std::string(kVpc) + "  security_groups:\n    a: {vpc: main, ingress: [{port: 80, from: vpc, description: \"it's\"}]}\n") ==
        "spec.yaml:12:65: a rule description may use only letters, digits, spaces and ._-:/()#,@[]+=&;{}!$* (at most 255 "
        "characters)\n");
  // A group's own description (EC2's GroupDescription) has the same character set: an
  // apostrophe or a quote is an error at its line, not a schema failure at synth.
  CHECK(errors_of(std::string(kVpc) + "  security_groups:\n    a: {vpc: main, description: \"Bob's servers\"}\n") ==
        "spec.yaml:12:33: a security group description may use only letters, digits, spaces and "
        "._-:/()#,@[]+=&;{}!$* (at most 255 characters), got 'Bob's servers'\n");
  CHECK(errors_of(std::string(kVpc) + "  security_groups:\n    a: {vpc: main, description: 'App (the \"app\" tier)'}\n") ==
        "spec.yaml:12:33: a security group description may use only letters, digits, spaces and "
        "._-:/()#,@[]+=&;{}!$* (at most 255 characters), got 'App (the \"app\" tier)'\n");
  CHECK(errors_of(std::string(kVpc) + "  security_groups:\n    a: {vpc: main, description: \"" + std::string(256, 'x') +
                  "\"}\n")
            .find("spec.yaml:12:33: a security group description may use only") == 0);
  auto fine = load_text(std::string(kHeader) + kVpc +
                        "  security_groups:\n    a: {vpc: main, description: \"App servers, tier 2 (443/tcp)\"}\n");
  INFO(fine.messages());
  CHECK(fine.spec);
  auto bad_name = load_text("aip: 1\nname: My_Platform\naccounts:\n  a: {id: \"111111111111\", region: us-east-1}\n");
  CHECK(bad_name.messages().find("spec.yaml:2:7: platform name 'My_Platform' must be lowercase") == 0);
}

TEST_CASE("rule shapes: ports, protocols and peers") {
  std::string sg = std::string(kVpc) + "  security_groups:\n    a:\n      vpc: main\n      ingress:\n";
  CHECK(errors_of(sg + "        - {from: vpc}\n") ==
        "spec.yaml:15:11: ingress rule of security group 'a' needs 'port' or 'ports' for tcp\n");
  CHECK(errors_of(sg + "        - {protocol: all, port: 80, from: vpc}\n") ==
        "spec.yaml:15:33: protocol 'all' takes no ports\n");
  CHECK(errors_of(sg + "        - {ports: 90-80, from: vpc}\n") ==
        "spec.yaml:15:19: port range 90-80 must go from low to high within 0-65535\n");
  CHECK(errors_of(sg + "        - {port: 80, from: everywhere}\n") ==
        "spec.yaml:15:28: 'from' must be a CIDR, 'vpc', a prefix list id (pl-...) or 'sg:NAME', got 'everywhere'\n");
  CHECK(errors_of(sg + "        - {port: 80, from: 10.0.0.1/8}\n") ==
        "spec.yaml:15:28: invalid CIDR in 'from': 10.0.0.1/8 has host bits set; did you mean 10.0.0.0/8?\n");
  CHECK(errors_of(sg + "        - {port: 80, from: vpc, protocol: tpc}\n") ==
        "spec.yaml:15:43: 'protocol' must be one of tcp, udp, icmp, all, got 'tpc'; did you mean 'tcp'?\n");
}

TEST_CASE("network topology needs the right tiers") {
  CHECK(errors_of("network:\n  vpcs:\n    main: {cidr: 10.0.0.0/16, tiers: {private: 24}, nat: single}\n") ==
        "spec.yaml:7:58: nat: single needs a public tier in vpc 'main' to place the NAT gateway in\n");
  CHECK(errors_of("network:\n  vpcs:\n    main: {cidr: 10.0.0.0/16, tiers: {public: 24}, endpoints: {gateway: [s3]}}\n") ==
        "spec.yaml:7:74: gateway endpoints need a private or isolated tier in vpc 'main' to route from\n");
  CHECK(errors_of("network:\n  vpcs:\n    main: {cidr: 10.0.0.0/16, tiers: {private: 24}, endpoints: {interface: [bedrock-runtme]}}\n") ==
        "spec.yaml:7:77: unknown interface endpoint service 'bedrock-runtme'; did you mean 'bedrock-runtime'?\n");
  CHECK(errors_of("network:\n  vpcs:\n    main: {cidr: 10.0.0.0/16, tiers: {private: 24}, endpoints: {gateway: [s4]}}\n") ==
        "spec.yaml:7:75: 'gateway' must be one of s3, dynamodb, got 's4'; did you mean 's3'?\n");
}

TEST_CASE("every error of a run is reported, in source order") {
  auto loaded = load_text(std::string(kHeader) +
                          "network:\n  vpcs:\n    main:\n      cidr: 10.0.0.0/33\n      azs: 9\n      tierz: {}\n");
  CHECK(loaded.messages() ==
        "spec.yaml:7:5: vpc 'main' is missing required key 'tiers'\n"
        "spec.yaml:8:13: invalid CIDR in 'cidr': '10.0.0.0/33' has prefix length 33, but an IPv4 prefix is at most /32\n"
        "spec.yaml:9:12: 'azs' must be between 1 and 6, got 9\n"
        "spec.yaml:10:7: unknown key 'tierz' in vpc 'main'; did you mean 'tiers'?\n");
}

TEST_CASE("edit distance counts a swap of neighbours as one edit") {
  CHECK(aip::edit_distance("main", "mian") == 1);
  CHECK(aip::edit_distance("kitten", "sitting") == 3);
  CHECK(aip::edit_distance("ABC", "abc") == 0);
  CHECK(aip::closest_match("privte", {"public", "private", "isolated"}) == "private");
  CHECK(aip::closest_match("xyz", {"public", "private"}).empty());
}

TEST_CASE("a model Bedrock serves only through an inference profile is refused by its bare id") {
  // Line 5 is the first line after kHeader. Claude Sonnet 4 has no on-demand
  // throughput: the call fails at run time, so aip refuses the spec first.
  const std::string function = "functions:\n"
                               "  f:\n"
                               "    runtime: python3.12\n"
                               "    handler: app.handler\n"
                               "    code: {inline: 'x'}\n";
  CHECK(errors_of(function + "    models: [anthropic.claude-sonnet-4-20250514-v1:0, amazon.titan-embed-text-v2:0]\n") ==
        "spec.yaml:10:14: function 'f' invokes 'anthropic.claude-sonnet-4-20250514-v1:0', which Bedrock serves only "
        "through a cross-region inference profile (the model id has no on-demand throughput); name the profile, such "
        "as 'us.anthropic.claude-sonnet-4-20250514-v1:0' for us-east-1\n");
  CHECK(load_text(std::string(kHeader) + function +
                  "    models: [us.anthropic.claude-sonnet-4-20250514-v1:0, anthropic.claude-3-haiku-20240307-v1:0]\n")
            .messages()
            .empty());
  CHECK(errors_of("iam:\n  personas:\n    x:\n      trust: {identity_center: X}\n"
                  "      bedrock: {invoke: [anthropic.claude-haiku-4-5-20251001-v1:0]}\n") ==
        "spec.yaml:9:26: role 'x' invokes 'anthropic.claude-haiku-4-5-20251001-v1:0', which Bedrock serves only "
        "through a cross-region inference profile (the model id has no on-demand throughput); name the profile, such "
        "as 'us.anthropic.claude-haiku-4-5-20251001-v1:0' for us-east-1\n");
}

TEST_CASE("shaped values shared by several readers keep their messages") {
  // Line 5 is the first line after kHeader.
  CHECK(errors_of("functions:\n"
                  "  f:\n"
                  "    runtime: python3.12\n"
                  "    handler: app.handler\n"
                  "    code: {inline: 'x'}\n"
                  "    role_name: 'bad name'\n"
                  "    models: [claude]\n") ==
        "spec.yaml:10:16: IAM role names are 1 to 64 letters, digits and +=,.@_-; got 'bad name'\n"
        "spec.yaml:11:14: 'claude' is not a Bedrock model id such as anthropic.claude-3-haiku-20240307-v1:0\n");
  CHECK(errors_of("data:\n"
                  "  databases:\n"
                  "    db:\n"
                  "      vpc: main\n"
                  "      backup: {window: '3:00-4:00'}\n"
                  "      maintenance_window: sunday\n") ==
        "spec.yaml:9:24: 'window' must be a UTC time range such as 03:00-04:00, got '3:00-4:00'\n"
        "spec.yaml:10:27: 'maintenance_window' must be a UTC range such as sun:04:30-sun:05:00, got 'sunday'\n");
}

TEST_CASE("a vpc's firewall: every malformed key at its line and column") {
  const std::string nat = std::string(kVpc) + "      nat: single\n";
  const std::string two = "subnets: [10.0.250.0/28, 10.0.250.16/28]";
  CHECK(errors_of(nat + "      firewall: {allow_domains: [a.com]}\n") ==
        "spec.yaml:12:17: firewall of vpc 'main' is missing required key 'subnets'\n");
  CHECK(errors_of(nat + "      firewall: {" + two + ", allow_domains: []}\n") ==
        "spec.yaml:12:75: firewall of vpc 'main' allows no domain: list at least one in 'allow_domains', e.g. "
        "\".amazonaws.com\"\n");
  CHECK(errors_of(nat + "      firewall: {" + two + ", allow_domains: [Api.GitHub.com]}\n") ==
        "spec.yaml:12:76: 'Api.GitHub.com' is not a domain such as 'api.github.com' or '.amazonaws.com' (lower "
        "case, a leading dot for all subdomains)\n");
  CHECK(errors_of(nat + "      firewall: {" + two + ", allow_domains: [a.com, a.com]}\n") ==
        "spec.yaml:12:83: domain 'a.com' is listed twice\n");
  CHECK(errors_of(nat + "      firewall: {" + two + ", allow_domain: [a.com]}\n") ==
        "spec.yaml:12:17: firewall of vpc 'main' is missing required key 'allow_domains'\n"
        "spec.yaml:12:60: unknown key 'allow_domain' in firewall of vpc 'main'; did you mean 'allow_domains'?\n");
  CHECK(errors_of(nat + "      firewall: {" + two + ", allow_domains: [a.com], deletion_protection: maybe}\n") ==
        "spec.yaml:12:105: 'deletion_protection' must be true or false, got 'maybe'\n");
  CHECK(errors_of(nat + "      firewall: {" + two + ", allow_domains: [a.com], log_retention_days: 10}\n") ==
        "spec.yaml:12:104: CloudWatch Logs does not accept a retention of 10 days; the nearest allowed value is 14\n");
  CHECK(errors_of(nat + "      firewall: [1]\n") ==
        "spec.yaml:12:17: firewall of vpc 'main' must be a map of keys, got a list\n");
}

TEST_CASE("a vpc's firewall: its subnets fit the VPC and it has egress to filter") {
  const std::string nat = std::string(kVpc) + "      nat: single\n";
  CHECK(errors_of(nat + "      firewall: {subnets: [10.0.250.0/28], allow_domains: [a.com]}\n") ==
        "spec.yaml:12:27: tier 'firewall' lists 1 CIDRs but vpc 'main' spans 2 AZs; give one per AZ\n");
  CHECK(errors_of(nat + "      firewall: {subnets: [10.1.0.0/28, 10.0.250.16/28], allow_domains: [a.com]}\n") ==
        "spec.yaml:12:28: subnet 10.1.0.0/28 is outside vpc 'main' (10.0.0.0/16)\n");
  CHECK(errors_of("network:\n  vpcs:\n    main:\n      cidr: 10.0.0.0/16\n      azs: 2\n"
                  "      tiers: {public: [10.0.0.0/24, 10.0.1.0/24], private: 24}\n      nat: single\n"
                  "      firewall: {subnets: [10.0.0.0/28, 10.0.250.16/28], allow_domains: [a.com]}\n") ==
        "spec.yaml:12:28: subnet 10.0.0.0/28 (tier 'firewall', AZ 1) overlaps 10.0.0.0/24 (tier 'public', AZ 1)\n");
  CHECK(errors_of(std::string(kVpc) + "      firewall: {subnets: [10.0.250.0/28, 10.0.250.16/28], allow_domains: [a.com]}\n") ==
        "spec.yaml:11:17: the firewall of vpc 'main' filters egress to the internet, which needs a NAT gateway: set "
        "'nat: single' or 'nat: per-az'\n");
  CHECK(errors_of("network:\n  vpcs:\n    main:\n      cidr: 10.0.0.0/16\n      azs: 2\n"
                  "      tiers: {public: 24, isolated: 24}\n      nat: single\n"
                  "      firewall: {subnets: [10.0.250.0/28, 10.0.250.16/28], allow_domains: [a.com]}\n") ==
        "spec.yaml:12:17: the firewall of vpc 'main' filters the egress of private tiers, and the vpc has none\n");
  CHECK(errors_of("network:\n  vpcs:\n    main:\n      cidr: 10.0.0.0/16\n      azs: 2\n"
                  "      tiers: {public: 24, private: 24, firewall: {kind: private, size: 28}}\n      nat: single\n"
                  "      firewall: {subnets: [10.0.250.0/28, 10.0.250.16/28], allow_domains: [a.com]}\n") ==
        "spec.yaml:10:40: vpc 'main' has a firewall, whose subnets are named 'firewall': rename this tier (e.g. "
        "'inspection')\n");
  CHECK(errors_of("network:\n  vpcs:\n    main:\n      cidr: 10.0.0.0/16\n"
                  "      existing: {id: vpc-0abc, subnets: {private: [subnet-1]}}\n"
                  "      firewall: {subnets: [10.0.250.0/28], allow_domains: [a.com]}\n")
            .find("vpc 'main' is existing: 'firewall' describes what aip creates") != std::string::npos);
}

TEST_CASE("observability limits no example file shows: a long query, 501 widgets, another account") {
  CHECK(errors_of("observability:\n"
                  "  log_groups: {app: {}}\n"
                  "  queries:\n"
                  "    huge: {log_groups: [app], query: " +
                  std::string(10001, 'x') + "}\n") ==
        "spec.yaml:8:38: query 'huge' is 10001 characters long; Logs Insights saves at most 10000\n");
  std::string widgets;
  for (int i = 0; i < 501; ++i) widgets += "        - {metric: estimated-charges}\n";
  CHECK(errors_of("observability:\n"
                  "  dashboards:\n"
                  "    big:\n"
                  "      widgets:\n" +
                  widgets) == "spec.yaml:7:5: dashboard 'big' has 501 widgets; CloudWatch shows at most 500\n");
  CHECK(errors_of("  prod: {id: \"210987654321\", region: us-east-1}\n"
                  "functions:\n"
                  "  router: {runtime: python3.12, handler: app.handler, code: {inline: x}, account: prod}\n"
                  "observability:\n"
                  "  dashboards:\n"
                  "    ops:\n"
                  "      account: dev\n"
                  "      widgets: [{metric: function-errors, function: router}]\n") ==
        "spec.yaml:12:17: widget 1 of dashboard 'ops' (function-errors) reads a metric of account prod, us-east-1, "
        "but the dashboard lives in account dev, us-east-1: a dashboard shows the metrics of its own account; define "
        "a dashboard there\n");
}
