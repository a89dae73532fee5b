// Planned ARNs name the partition of the region they live in (base/aws_regions),
// and ALB log delivery uses the region's delivery account or, in newer
// regions, the service principal. The golden files are all in the aws
// partition; these hold the other two.
#include <catch2/catch.hpp>

#include "support/plan_text.hpp"

using aip::cfn::Json;

namespace {

std::string persona_spec(const std::string& region) {
  return "aip: 1\n"
         "name: part\n"
         "accounts:\n"
         "  dev: {id: \"123456789012\", region: " + region + "}\n"
         "storage:\n"
         "  buckets:\n"
         "    gold: {preset: gold}\n"
         "iam:\n"
         "  personas:\n"
         "    analyst:\n"
         "      role_name: AnalystRole\n"
         "      trust: {identity_center: Analyst}\n"
         "      buckets: {read: [gold]}\n";
}

// Every string in a JSON value, depth first.
void strings_in(const Json& j, std::vector<std::string>& out) {
  if (j.is_string()) out.push_back(j.get<std::string>());
  for (const auto& e : j) {
    if (j.is_structured()) strings_in(e, out);
  }
}

std::vector<std::string> arns_of(const aip::cfn::Resource& r) {
  std::vector<std::string> all, arns;
  strings_in(r.properties, all);
  for (const auto& s : all) {
    if (s.rfind("arn:", 0) == 0) arns.push_back(s);
  }
  return arns;
}

}  // namespace

TEST_CASE("intent roles name the partition of their account's region", "[plan][partition]") {
  for (const auto& [region, partition] : std::vector<std::pair<std::string, std::string>>{
           {"us-east-1", "aws"}, {"cn-north-1", "aws-cn"}, {"us-gov-west-1", "aws-us-gov"}}) {
    INFO(region);
    auto p = aip::test::plan_text(persona_spec(region));
    const auto& role = p.resource("AnalystRole");
    const auto arns = arns_of(role);
    REQUIRE_FALSE(arns.empty());
    for (const auto& arn : arns) {
      INFO(arn);
      CHECK(arn.rfind("arn:" + partition + ":", 0) == 0);
    }
    const Json& trust = role.properties["AssumeRolePolicyDocument"]["Statement"][0];
    CHECK(trust["Principal"]["AWS"] == Json::array({"arn:" + partition + ":iam::123456789012:root"}));
    const Json& kms = role.properties["Policies"][0]["PolicyDocument"]["Statement"];
    bool key_arn = false;
    for (const Json& s : kms) {
      for (const Json& r : s["Resource"]) key_arn = key_arn || r == "arn:" + partition + ":kms:" + region + ":123456789012:key/*";
    }
    CHECK(key_arn);
  }
}

TEST_CASE("ALB access logs: the region's delivery account, or the service principal in newer regions",
          "[plan][partition]") {
  auto bucket_policy = [](const std::string& region) {
    auto p = aip::test::plan_text("aip: 1\nname: logs\naccounts:\n  dev: {id: \"123456789012\", region: " + region +
                                  "}\nstorage:\n  buckets:\n    logs: {preset: logs, receives: [alb-access-logs]}\n");
    for (const Json& s : p.resource("LogsBucketPolicy").properties["PolicyDocument"]["Statement"]) {
      if (s["Sid"] == "AlbAccessLogs") return s["Principal"];
    }
    FAIL("no AlbAccessLogs statement in " << region);
    return Json();
  };
  CHECK(bucket_policy("us-east-1") == Json::parse(R"({"AWS": {"Fn::Sub": "arn:${AWS::Partition}:iam::127311923021:root"}})"));
  CHECK(bucket_policy("cn-north-1") == Json::parse(R"({"AWS": {"Fn::Sub": "arn:${AWS::Partition}:iam::638102146993:root"}})"));
  CHECK(bucket_policy("eu-central-2") == Json::parse(R"({"Service": "logdelivery.elasticloadbalancing.amazonaws.com"})"));
}
