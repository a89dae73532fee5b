// IAM statement and security group rule summaries and their verdicts.
#include <catch2/catch.hpp>

#include "diff_test_support.hpp"

using nlohmann::json;
using namespace aip;
using aip::test::diff_templates;
using aip::test::tmpl;

namespace {

// Lists are std::vector, not json: a braced list of one json is an array under
// clang but a copy of the element under g++.
json role(std::vector<json> statements, json trust_principal = {{"Service", "ecs-tasks.amazonaws.com"}}) {
  return {{"Type", "AWS::IAM::Role"},
          {"Properties",
           {{"AssumeRolePolicyDocument",
             {{"Version", "2012-10-17"},
              {"Statement", {{{"Effect", "Allow"}, {"Principal", trust_principal}, {"Action", "sts:AssumeRole"}}}}}},
            {"Policies",
             {{{"PolicyName", "app"}, {"PolicyDocument", {{"Version", "2012-10-17"}, {"Statement", json(statements)}}}}}}}}};
}

json allow(json action, json resource) { return {{"Effect", "Allow"}, {"Action", action}, {"Resource", resource}}; }

json group(std::vector<json> ingress) {
  return {{"Type", "AWS::EC2::SecurityGroup"},
          {"Properties",
           {{"GroupDescription", "web"},
            {"VpcId", "vpc-1"},
            {"SecurityGroupIngress", json(ingress)},
            {"SecurityGroupEgress", {{{"IpProtocol", "-1"}, {"CidrIp", "10.0.0.0/16"}}}}}}};
}

json rule(int from, int to, const std::string& cidr) {
  return {{"IpProtocol", "tcp"}, {"FromPort", from}, {"ToPort", to}, {"CidrIp", cidr}};
}

}  // namespace

TEST_CASE("an added Allow broadens, one an existing Allow covers does not") {
  json before = tmpl({{"R", role({allow("s3:Get*", "arn:aws:s3:::data/*")})}});
  SECTION("new action") {
    auto sd = diff_templates(before, tmpl({{"R", role({allow("s3:Get*", "arn:aws:s3:::data/*"),
                                                        allow("s3:PutObject", "arn:aws:s3:::data/*")})}}));
    REQUIRE(sd.iam.size() == 1);
    CHECK(sd.iam[0].added);
    CHECK(sd.iam[0].broadens);
    CHECK(sd.iam[0].why == "new Allow");
    CHECK(sd.iam[0].actions == std::vector<std::string>{"s3:PutObject"});
    CHECK(sd.iam[0].property == "Policies[PolicyName=app]");
  }
  SECTION("narrower than an existing statement") {
    auto sd = diff_templates(before, tmpl({{"R", role({allow("s3:Get*", "arn:aws:s3:::data/*"),
                                                        allow("s3:GetObject", "arn:aws:s3:::data/reports/*")})}}));
    REQUIRE(sd.iam.size() == 1);
    CHECK_FALSE(sd.iam[0].broadens);
    CHECK(sd.iam[0].why == "already allowed by an existing statement");
  }
  SECTION("a widened resource") {
    auto sd = diff_templates(before, tmpl({{"R", role({allow("s3:Get*", "*")})}}));
    REQUIRE(sd.iam.size() == 2);
    CHECK(sd.iam[0].added);
    CHECK(sd.iam[0].broadens);
    CHECK(sd.iam[0].why == "widens an existing Allow");
    CHECK_FALSE(sd.iam[1].added);
    CHECK_FALSE(sd.iam[1].broadens);
  }
  SECTION("a narrowed resource") {
    auto sd = diff_templates(before, tmpl({{"R", role({allow("s3:GetObject", "arn:aws:s3:::data/x")})}}));
    for (const auto& c : sd.iam) CHECK_FALSE(c.broadens);
  }
}

TEST_CASE("a dropped condition and a removed Deny broaden") {
  json conditioned = allow("s3:GetObject", "*");
  conditioned["Condition"] = {{"StringEquals", {{"aws:PrincipalOrgID", "o-1"}}}};
  json deny = {{"Effect", "Deny"}, {"Action", "s3:DeleteObject"}, {"Resource", "*"}};
  auto sd = diff_templates(tmpl({{"R", role({conditioned, deny})}}), tmpl({{"R", role({allow("s3:GetObject", "*")})}}));
  REQUIRE(sd.iam.size() == 3);
  CHECK(sd.iam[0].added);
  CHECK(sd.iam[0].broadens);
  CHECK(sd.iam[0].why == "drops or loosens a condition");
  bool deny_reported = false;
  for (const auto& c : sd.iam) {
    if (!c.added && c.effect == "Deny") {
      deny_reported = true;
      CHECK(c.broadens);
      CHECK(c.why == "removes a Deny");
    }
  }
  CHECK(deny_reported);
}

TEST_CASE("a trust policy opened to another account broadens") {
  auto sd = diff_templates(tmpl({{"R", role({})}}),
                           tmpl({{"R", role({}, {{"AWS", "arn:aws:iam::111111111111:root"}})}}));
  bool broadened = false;
  for (const auto& c : sd.iam) {
    if (c.added) {
      broadened = c.broadens;
      CHECK(c.property == "AssumeRolePolicyDocument");
      CHECK(c.principals == std::vector<std::string>{"AWS:arn:aws:iam::111111111111:root"});
    }
  }
  CHECK(broadened);
}

TEST_CASE("managed policies attached broaden") {
  json r = role({});
  json r2 = r;
  r2["Properties"]["ManagedPolicyArns"] = {"arn:aws:iam::aws:policy/AdministratorAccess"};
  auto sd = diff_templates(tmpl({{"R", r}}), tmpl({{"R", r2}}));
  REQUIRE(sd.managed_policies.size() == 1);
  CHECK(sd.managed_policies[0].broadens);
  CHECK(sd.managed_policies[0].policy == "arn:aws:iam::aws:policy/AdministratorAccess");
}

TEST_CASE("a Lambda permission losing its source condition broadens") {
  json p = {{"Type", "AWS::Lambda::Permission"},
            {"Properties",
             {{"Action", "lambda:InvokeFunction"},
              {"FunctionName", {{"Ref", "Fn"}}},
              {"Principal", "events.amazonaws.com"},
              {"SourceArn", "arn:aws:events:us-east-1:1:rule/r"}}}};
  json q = p;
  q["Properties"].erase("SourceArn");
  auto sd = diff_templates(tmpl({{"P", p}}), tmpl({{"P", q}}));
  REQUIRE(sd.iam.size() == 2);
  CHECK(sd.iam[0].added);
  CHECK(sd.iam[0].broadens);
  CHECK(sd.iam[0].principals == std::vector<std::string>{"Service:events.amazonaws.com"});
  CHECK(sd.iam[0].resources == std::vector<std::string>{"!Ref Fn"});
}

TEST_CASE("security group rules: open, wider, more ports, narrower") {
  json before = tmpl({{"Sg", group({rule(443, 443, "10.0.0.0/16")})}});
  SECTION("open to the internet") {
    auto sd = diff_templates(before, tmpl({{"Sg", group({rule(443, 443, "0.0.0.0/0")})}}));
    REQUIRE(sd.security_groups.size() == 2);
    CHECK(sd.security_groups[0].added);
    CHECK(sd.security_groups[0].broadens);
    CHECK(sd.security_groups[0].why == "open to the internet");
    CHECK(sd.security_groups[0].peer == "0.0.0.0/0");
    CHECK(sd.security_groups[0].ports == "443");
    CHECK_FALSE(sd.security_groups[1].added);
  }
  SECTION("a wider CIDR") {
    auto sd = diff_templates(before, tmpl({{"Sg", group({rule(443, 443, "10.0.0.0/8")})}}));
    CHECK(sd.security_groups[0].broadens);
    CHECK(sd.security_groups[0].why == "wider CIDR than before");
  }
  SECTION("more ports") {
    auto sd = diff_templates(before, tmpl({{"Sg", group({rule(443, 444, "10.0.0.0/16")})}}));
    CHECK(sd.security_groups[0].broadens);
    CHECK(sd.security_groups[0].why == "ports or protocols not allowed before");
    CHECK(sd.security_groups[0].ports == "443-444");
  }
  SECTION("a narrower rule") {
    auto sd = diff_templates(before, tmpl({{"Sg", group({rule(443, 443, "10.0.1.0/24")})}}));
    REQUIRE(sd.security_groups.size() == 2);
    CHECK_FALSE(sd.security_groups[0].broadens);
    CHECK(sd.security_groups[0].why == "already allowed by an existing rule");
  }
  SECTION("a description is not access") {
    json described = rule(443, 443, "10.0.0.0/16");
    described["Description"] = "https";
    CHECK(diff_templates(before, tmpl({{"Sg", group({described})}})).security_groups.empty());
  }
}

TEST_CASE("standalone rules and default egress") {
  json sg = group({});
  json ingress = {{"Type", "AWS::EC2::SecurityGroupIngress"},
                  {"Properties",
                   {{"GroupId", {{"Fn::GetAtt", {"Sg", "GroupId"}}}},
                    {"IpProtocol", "tcp"},
                    {"FromPort", 8000},
                    {"ToPort", 8000},
                    {"SourceSecurityGroupId", {{"Fn::GetAtt", {"Lb", "GroupId"}}}}}}};
  auto sd = diff_templates(tmpl({{"Sg", sg}}), tmpl({{"Sg", sg}, {"FromLb", ingress}}));
  REQUIRE(sd.security_groups.size() == 1);
  CHECK(sd.security_groups[0].group == "Sg");
  CHECK(sd.security_groups[0].peer == "sg Lb");
  CHECK(sd.security_groups[0].defined_in == "FromLb");
  CHECK(sd.security_groups[0].broadens);

  json no_egress = sg;
  no_egress["Properties"].erase("SecurityGroupEgress");
  sd = diff_templates(tmpl({{"Sg", sg}}), tmpl({{"Sg", no_egress}}));
  bool default_egress = false;
  for (const auto& c : sd.security_groups) {
    if (c.added && c.direction == "egress" && c.protocol == "all" && c.peer == "0.0.0.0/0") default_egress = c.broadens;
  }
  CHECK(default_egress);
}
