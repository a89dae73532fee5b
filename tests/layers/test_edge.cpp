// The edge area: WAFv2 web ACLs, their rules, logging and errors.
#include <catch2/catch.hpp>

#include "support/plan_text.hpp"

using aip::cfn::Json;
using aip::test::kHeader;
using aip::test::errors_of;
using aip::test::plan_text;

namespace {

const Json& rule_named(const Json& rules, const std::string& name) {
  for (const Json& r : rules) {
    if (r["Name"] == name) return r;
  }
  FAIL("no rule " << name);
  throw std::logic_error("unreachable");
}

}  // namespace

TEST_CASE("edge: a web ACL with nothing but a name allows by default, with managed rules, a rate limit and logs") {
  auto p = plan_text(std::string(kHeader) + "edge:\n  web_acls:\n    api: {}\n");
  CHECK(p.schema_findings().empty());
  const auto& stack = p.stack("test-dev-edge");
  const auto& acl = p.resource("ApiWebAcl");
  CHECK(stack.find("ApiWebAcl") == &acl);
  CHECK(acl.type == "AWS::WAFv2::WebACL");
  CHECK(acl.provenance.line == 7);
  const Json& props = acl.properties;
  CHECK(props["Name"] == "test-api");
  CHECK(props["Scope"] == "REGIONAL");
  CHECK(props["DefaultAction"] == Json::parse(R"({"Allow": {}})"));
  CHECK(props["VisibilityConfig"] ==
        Json::parse(R"({"CloudWatchMetricsEnabled": true, "MetricName": "test-api", "SampledRequestsEnabled": true})"));
  const Json& rules = props["Rules"];
  REQUIRE(rules.size() == 4);
  CHECK(rule_named(rules, "rate-limit") == Json::parse(R"({"Name": "rate-limit", "Priority": 1,
      "Action": {"Block": {}},
      "Statement": {"RateBasedStatement": {"Limit": 2000, "AggregateKeyType": "IP", "EvaluationWindowSec": 300}},
      "VisibilityConfig": {"CloudWatchMetricsEnabled": true, "MetricName": "test-api-rate-limit",
                           "SampledRequestsEnabled": true}})"));
  CHECK(rule_named(rules, "aws-common") == Json::parse(R"({"Name": "aws-common", "Priority": 10,
      "OverrideAction": {"None": {}},
      "Statement": {"ManagedRuleGroupStatement": {"VendorName": "AWS", "Name": "AWSManagedRulesCommonRuleSet"}},
      "VisibilityConfig": {"CloudWatchMetricsEnabled": true, "MetricName": "test-api-aws-common",
                           "SampledRequestsEnabled": true}})"));
  CHECK(rule_named(rules, "aws-known-bad-inputs")["Statement"]["ManagedRuleGroupStatement"]["Name"] ==
        "AWSManagedRulesKnownBadInputsRuleSet");
  CHECK(rule_named(rules, "aws-ip-reputation")["Priority"] == 12);

  const auto& group = p.resource("ApiWebAclLogGroup");
  // Encrypted with the stack's operations key (plan/operations_key.cpp): WAF needs no grant on it.
  CHECK(group.properties == Json::parse(R"({"LogGroupName": "aws-waf-logs-test-api", "RetentionInDays": 365,
      "KmsKeyId": {"Fn::GetAtt": ["OperationsKey", "Arn"]}})"));
  CHECK(group.deletion_policy == "Retain");
  const Json& logging = p.resource("ApiWebAclLogging").properties;
  CHECK(logging["ResourceArn"] == Json::parse(R"({"Fn::GetAtt": ["ApiWebAcl", "Arn"]})"));
  CHECK(logging["LogDestinationConfigs"] == Json::parse(R"([{"Fn::Sub":
      "arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:${ApiWebAclLogGroup}"}])"));
  CHECK(logging["RedactedFields"] ==
        Json::parse(R"([{"SingleHeader": {"Name": "authorization"}}, {"SingleHeader": {"Name": "cookie"}}])"));
  CHECK_FALSE(logging.contains("LoggingFilter"));
}

TEST_CASE("edge: geo lists, body size limit, rate limit off, blocked-only logs") {
  auto p = plan_text(std::string(kHeader) +
                     "edge:\n"
                     "  web_acls:\n"
                     "    api:\n"
                     "      default_action: block\n"
                     "      managed_rules: [sqli, linux]\n"
                     "      rate_limit: false\n"
                     "      geo: {allow: [US, DE]}\n"
                     "      max_body_kb: 8\n"
                     "      logging: {log_group: aws-waf-logs-api, retention_days: 30, requests: blocked, "
                     "redact_headers: []}\n"
                     "    other: {geo: {block: [KP]}, logging: false}\n");
  CHECK(p.schema_findings().empty());
  const Json& props = p.resource("ApiWebAcl").properties;
  CHECK(props["DefaultAction"] == Json::parse(R"({"Block": {}})"));
  const Json& rules = props["Rules"];
  REQUIRE(rules.size() == 4);
  CHECK(rule_named(rules, "geo-allow")["Statement"] ==
        Json::parse(R"({"NotStatement": {"Statement": {"GeoMatchStatement": {"CountryCodes": ["US", "DE"]}}}})"));
  CHECK(rule_named(rules, "geo-allow")["Action"] == Json::parse(R"({"Block": {}})"));
  CHECK(rule_named(rules, "body-size-limit")["Statement"] == Json::parse(R"({"SizeConstraintStatement": {
      "FieldToMatch": {"Body": {"OversizeHandling": "MATCH"}}, "ComparisonOperator": "GT", "Size": 8192,
      "TextTransformations": [{"Priority": 0, "Type": "NONE"}]}})"));
  CHECK(rule_named(rules, "aws-sqli")["Statement"]["ManagedRuleGroupStatement"]["Name"] == "AWSManagedRulesSQLiRuleSet");
  CHECK(rule_named(rules, "aws-linux")["Priority"] == 11);
  CHECK(p.resource("ApiWebAclLogGroup").properties["LogGroupName"] == "aws-waf-logs-api");
  CHECK(p.resource("ApiWebAclLogGroup").properties["RetentionInDays"] == 30);
  const Json& logging = p.resource("ApiWebAclLogging").properties;
  CHECK_FALSE(logging.contains("RedactedFields"));
  CHECK(logging["LoggingFilter"] == Json::parse(R"({"DefaultBehavior": "DROP", "Filters": [{"Behavior": "KEEP",
      "Requirement": "MEETS_ANY", "Conditions": [{"ActionCondition": {"Action": "BLOCK"}}]}]})"));

  const Json& other = p.resource("OtherWebAcl").properties["Rules"];
  CHECK(rule_named(other, "geo-block")["Statement"] ==
        Json::parse(R"({"GeoMatchStatement": {"CountryCodes": ["KP"]}})"));
  CHECK_FALSE(p.has("OtherWebAclLogging"));
  CHECK_FALSE(p.has("OtherWebAclLogGroup"));
}

TEST_CASE("edge: CloudFront web ACLs live in us-east-1 (the cdn stack) and may inspect up to 64 KB") {
  auto p = plan_text(
      "aip: 1\nname: test\naccounts:\n  dev: {id: \"123456789012\", region: eu-west-1}\n"
      "edge:\n  web_acls:\n    cdn: {scope: cloudfront, max_body_kb: 40}\n    api: {}\n");
  CHECK(p.schema_findings().empty());
  // With the distributions (plan/cdn.cpp), not in the edge stack of us-east-1.
  const auto& cdn_stack = p.stack("test-dev-us-east-1-cdn");
  CHECK(cdn_stack.environment() == "aws://123456789012/us-east-1");
  const Json& cdn = cdn_stack.find("CdnWebAcl")->properties;
  CHECK(cdn["Scope"] == "CLOUDFRONT");
  CHECK(cdn["AssociationConfig"] ==
        Json::parse(R"({"RequestBody": {"CLOUDFRONT": {"DefaultSizeInspectionLimit": "KB_48"}}})"));
  CHECK(p.stack("test-dev-edge").find("ApiWebAcl") != nullptr);
  CHECK(p.assembly->find("test-dev-us-east-1-edge") == nullptr);
}

TEST_CASE("edge: bad values are reported at their exact location") {
  CHECK(errors_of("edge:\n  web_acls:\n    api: {max_body_kb: 100}\n") ==
        "spec.yaml:7:24: a regional web ACL inspects at most 8 KB of a request body behind a load balancer (64 KB "
        "when it protects only APIs), so 'max_body_kb' must be between 1 and 8, got 100; enforce larger limits in "
        "the application\n");
  // (The API and load balancer named here are not defined: that is a second error.)
  CHECK(errors_of("edge:\n  web_acls:\n    api: {max_body_kb: 9, load_balancers: [web], apis: [gw]}\n")
            .find("spec.yaml:7:24: a regional web ACL inspects at most 8 KB of a request body behind a load balancer "
                  "(64 KB when it protects only APIs), so 'max_body_kb' must be between 1 and 8, got 9;") !=
        std::string::npos);
  CHECK(errors_of("edge:\n  web_acls:\n    api: {max_body_kb: 65, apis: [gw]}\n")
            .find("spec.yaml:7:24: a regional web ACL inspects at most 64 KB of an API's request body, so "
                  "'max_body_kb' must be between 1 and 64, got 65; enforce larger limits in the application\n") !=
        std::string::npos);
  CHECK(errors_of("edge:\n  web_acls:\n    api: {scope: cloudfront, max_body_kb: 65}\n") ==
        "spec.yaml:7:43: a cloudfront web ACL inspects at most 64 KB of a request body, so 'max_body_kb' must be "
        "between 1 and 64, got 65; enforce larger limits in the application\n");
  CHECK(errors_of("edge:\n  web_acls:\n    api: {scope: global}\n") ==
        "spec.yaml:7:18: 'scope' must be one of regional, cloudfront, got 'global'\n");
  CHECK(errors_of("edge:\n  web_acls:\n    api: {managed_rules: [known-bad-input]}\n") ==
        "spec.yaml:7:27: 'managed_rules' must be one of common, known-bad-inputs, ip-reputation, anonymous-ip, sqli, "
        "linux, unix, windows, php, wordpress, admin-protection, got 'known-bad-input'; did you mean "
        "'known-bad-inputs'?\n");
  CHECK(errors_of("edge:\n  web_acls:\n    api: {rate_limit: 5}\n") ==
        "spec.yaml:7:23: 'rate_limit' must be between 10 and 2000000000, got 5\n");
  CHECK(errors_of("edge:\n  web_acls:\n    api: {geo: {allow: [us]}}\n") ==
        "spec.yaml:7:25: 'allow' must list two-letter country codes (ISO 3166) such as US or DE, got 'us'\n");
  CHECK(errors_of("edge:\n  web_acls:\n    api: {geo: {allow: [US], block: [CN]}}\n") ==
        "spec.yaml:7:37: give either 'allow' or 'block' countries, not both\n");
  CHECK(errors_of("edge:\n  web_acls:\n    api: {logging: {log_group: waf-api}}\n") ==
        "spec.yaml:7:32: WAF logs only to log groups whose name starts with 'aws-waf-logs-', got 'waf-api'\n");
  CHECK(errors_of("edge:\n  web_acls:\n    api: {logging: {retention_days: 10}}\n") ==
        "spec.yaml:7:37: CloudWatch Logs does not accept a retention of 10 days; the nearest allowed value is 14\n");
  CHECK(errors_of("edge:\n  web_acls:\n    api: {scope: cloudfront, region: eu-west-1}\n") ==
        "spec.yaml:7:38: a CloudFront web ACL always lives in us-east-1; leave out 'region'\n");
}

TEST_CASE("edge: web ACLs need an account when the spec has several, and protect load balancers by name") {
  const char* two_accounts =
      "aip: 1\n"
      "name: test\n"
      "accounts:\n"
      "  dev: {id: \"123456789012\", region: us-east-1}\n"
      "  prod: {id: \"210987654321\", region: eu-west-1}\n";
  CHECK(errors_of("edge:\n  web_acls:\n    api: {}\n", two_accounts) ==
        "spec.yaml:8:5: web ACL 'api' needs 'account': the spec has 2 accounts\n");
  auto p = plan_text(std::string(two_accounts) + "edge:\n  web_acls:\n    api: {account: prod}\n");
  CHECK(p.schema_findings().empty());
  CHECK(p.stack("test-prod-edge").find("ApiWebAcl") != nullptr);

  CHECK(errors_of("edge:\n  web_acls:\n    api: {load_balancers: [public]}\n") ==
        "spec.yaml:7:28: web ACL 'api' refers to load balancer 'public', which is not defined\n");
  CHECK(errors_of("edge:\n  web_acls:\n    api: {scope: cloudfront, load_balancers: [public]}\n") ==
        "spec.yaml:7:47: web ACL 'api' has scope cloudfront and cannot protect load balancer 'public'; use scope: "
        "regional\n");
}

TEST_CASE("edge: a web ACL protects a compute load balancer by name, across stacks") {
  const char* spec =
      "network:\n"
      "  vpcs:\n"
      "    main: {cidr: 10.0.0.0/16, azs: 2, tiers: {public: 24, private: 24}}\n"
      "compute:\n"
      "  load_balancers:\n"
      "    public:\n"
      "      vpc: main\n"
      "      certificate: arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-1111-2222-3333-444455556666\n"
      "edge:\n"
      "  web_acls:\n";
  auto p = plan_text(std::string(kHeader) + spec + "    api: {load_balancers: [public]}\n");
  CHECK(p.schema_findings().empty());
  const auto& edge = p.stack("test-dev-edge");
  const auto* association = edge.find("ApiWebAclPublicAssociation");
  REQUIRE(association != nullptr);
  CHECK(association->type == "AWS::WAFv2::WebACLAssociation");
  CHECK(association->properties == Json::parse(R"({
      "ResourceArn": {"Fn::ImportValue": "test-dev-compute:PublicLoadBalancerLoadBalancerArn"},
      "WebACLArn": {"Fn::GetAtt": ["ApiWebAcl", "Arn"]}})"));
  CHECK(edge.dependencies.count("test-dev-compute") == 1);
  CHECK(p.stack("test-dev-compute").outputs.count("PublicLoadBalancerLoadBalancerArn") == 1);

  CHECK(errors_of(std::string(spec) + "    api: {load_balancers: [pubic]}\n") ==
        "spec.yaml:15:28: web ACL 'api' refers to load balancer 'pubic', which is not defined; did you mean "
        "'public'?\n");
  CHECK(errors_of(std::string(spec) + "    api: {load_balancers: [public]}\n    other: {load_balancers: [public]}\n") ==
        "spec.yaml:16:30: load balancer 'public' is already protected by web ACL 'api'; a load balancer takes one "
        "web ACL\n");
  CHECK(errors_of(std::string(spec) + "    api: {region: eu-west-1, load_balancers: [public]}\n") ==
        "spec.yaml:15:47: web ACL 'api' (dev in eu-west-1) cannot protect load balancer 'public' (dev in "
        "us-east-1); a web ACL and its load balancer must share account and region\n");
}
