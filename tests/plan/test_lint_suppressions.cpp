// Spec `lint:` suppressions become Metadata aip.suppress on exactly the
// resources rendered from the element, in the template suppression format.
#include <catch2/catch.hpp>

#include "support/plan_text.hpp"

using aip::cfn::Json;
using aip::test::kHeader;
using aip::test::plan_text;

namespace {

const std::string kSpec = std::string(kHeader) +
                          "network:\n"
                          "  vpcs:\n"
                          "    main:\n"
                          "      cidr: 10.0.0.0/16\n"
                          "      tiers: {private: 24}\n"
                          "      lint:\n"
                          "        suppress:\n"
                          "          - {rule: AIP-NET-005, reason: \"lab VPC, no containers\"}\n"
                          "          - {rule: AIP-LOG-001, reason: flow logs kept elsewhere}\n"
                          "  security_groups:\n"
                          "    web:\n"
                          "      vpc: main\n"
                          "      ingress:\n"
                          "        - {port: 443, from: 0.0.0.0/0}\n"
                          "      lint: {suppress: [{rule: AIP-EXP-002, reason: public web entry}]}\n"
                          "    api:\n"
                          "      vpc: main\n"
                          "      ingress:\n"
                          "        - {port: 8000, from: sg:web, lint: {suppress: [{rule: AIP-EXP-003, reason: by rule}]}}\n"
                          "        - {port: 9000, from: sg:web}\n";

// The aip part of a resource's Metadata: the forms written for cfn_nag,
// checkov, cdk-nag and cfn-lint (spec/foreign_rules.hpp) are checked apart.
Json aip_only(Json metadata) {
  if (!metadata.is_object()) return metadata;
  for (const char* tool : {"cfn_nag", "checkov", "cdk_nag", "cfn-lint"}) metadata.erase(tool);
  return metadata;
}

}  // namespace

TEST_CASE("plan writes each element's suppressions into the Metadata of the resources rendered from it") {
  auto p = plan_text(kSpec);
  const Json vpc_suppress = Json::parse(R"({"aip": {"suppress": [
      {"rule": "AIP-NET-005", "reason": "lab VPC, no containers", "from": "spec"},
      {"rule": "AIP-LOG-001", "reason": "flow logs kept elsewhere", "from": "spec"}]}})");
  CHECK(aip_only(p.resource("MainVpc").metadata) == vpc_suppress);
  CHECK(aip_only(p.resource("MainVpcPrivateSubnet1").metadata) == vpc_suppress);  // rendered from a tier inside the vpc
  // The other tools' forms of the mapped rules, with the same reason.
  CHECK(p.resource("MainVpc").metadata["cfn_nag"] ==
        Json::parse(R"({"rules_to_suppress": [{"id": "W86", "reason": "flow logs kept elsewhere"}]})"));
  CHECK(p.resource("WebSecurityGroup").metadata["cdk_nag"] ==
        Json::parse(R"({"rules_to_suppress": [{"id": "AwsSolutions-EC23", "reason": "public web entry"}]})"));
  CHECK(aip_only(p.resource("WebSecurityGroup").metadata) ==
        Json::parse(R"({"aip": {"suppress": [{"rule": "AIP-EXP-002", "reason": "public web entry", "from": "spec"}]}})"));
  // The rule that carries a suppression, not its neighbour nor its group.
  const Json by_rule = Json::parse(R"({"aip": {"suppress": [{"rule": "AIP-EXP-003", "reason": "by rule", "from": "spec"}]}})");
  std::size_t with = 0, without = 0;
  for (const auto& s : p.assembly->stacks) {
    for (const auto& r : s.resources) {
      if (r.type != "AWS::EC2::SecurityGroupIngress") continue;
      (aip_only(r.metadata) == by_rule ? with : without) += 1;
      CHECK((r.metadata.is_null() || aip_only(r.metadata) == by_rule));
    }
  }
  CHECK(with == 1);
  CHECK(without == 1);
  CHECK(p.resource("ApiSecurityGroup").metadata.is_null());
}

TEST_CASE("rendered templates carry the Metadata and still validate against the resource schemas") {
  auto p = plan_text(kSpec);
  const auto& stack = p.stack("test-dev-network");
  Json t = aip::cfn::render_template(*p.assembly, stack);
  CHECK(t["Resources"]["MainVpc"]["Metadata"]["aip"]["suppress"][0]["rule"] == "AIP-NET-005");
  CHECK_FALSE(t["Resources"]["ApiSecurityGroup"].contains("Metadata"));
  CHECK(p.schema_findings().empty());
}

TEST_CASE("a spec without suppressions renders no Metadata at all") {
  auto p = plan_text(std::string(kHeader) + "network:\n  vpcs:\n    main: {cidr: 10.0.0.0/16, tiers: {private: 24}}\n");
  for (const auto& s : p.assembly->stacks) {
    Json t = aip::cfn::render_template(*p.assembly, s);
    for (const auto& [id, r] : t["Resources"].items()) CHECK_FALSE(r.contains("Metadata"));
  }
}
