// Suppressions written for cfn_nag, checkov, cdk-nag and cfn-lint suppress the
// aip rule their rule maps to (spec/foreign_rules.hpp), and synth writes a
// spec's suppressions in those forms too.
#include <catch2/catch.hpp>

#include <set>

#include "lint/suppressions.hpp"
#include "lint_test_support.hpp"
#include "spec/foreign_rules.hpp"

using aip::lint::test::lint_spec;
using aip::lint::test::lint_template;

namespace {

// A bucket without access logging (AIP-LOG-003), with `metadata` as its Metadata.
std::string bucket(const std::string& metadata) {
  return R"(Resources:
  Data:
    Type: AWS::S3::Bucket
    Metadata: )" + metadata + R"(
    Properties:
      BucketEncryption: {ServerSideEncryptionConfiguration: [{ServerSideEncryptionByDefault: {SSEAlgorithm: aws:kms}}]}
      PublicAccessBlockConfiguration: {BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true}
)";
}

}  // namespace

TEST_CASE("each tool's suppression of a mapped rule suppresses the aip rule, with the tool's reason") {
  struct Case {
    std::string metadata, reason;
  };
  const std::vector<Case> cases = {
      {R"({cfn_nag: {rules_to_suppress: [{id: W35, reason: "logs go to the central trail"}]}})",
       "W35 (cfn_nag): logs go to the central trail"},
      {R"({checkov: {skip: [{id: CKV_AWS_18, comment: "logs go to the central trail"}]}})",
       "CKV_AWS_18 (checkov): logs go to the central trail"},
      {R"({cdk_nag: {rules_to_suppress: [{id: AwsSolutions-S1, reason: "logs go to the central trail"}]}})",
       "AwsSolutions-S1 (cdk_nag): logs go to the central trail"},
  };
  for (const Case& c : cases) {
    INFO(c.metadata);
    auto l = lint_template(bucket(c.metadata), "AIP-LOG-003");
    REQUIRE(l.count("AIP-LOG-003") == 1);
    CHECK(l.of("AIP-LOG-003")[0].suppressed);
    CHECK(l.of("AIP-LOG-003")[0].suppression_reason == c.reason);
  }
  // cfn-lint's ignore_checks has no reason field.
  auto cfn_lint = lint_template(R"(Resources:
  Role:
    Type: AWS::IAM::Role
    Metadata: {cfn-lint: {config: {ignore_checks: [W3037]}}}
    Properties:
      AssumeRolePolicyDocument: {Version: "2012-10-17", Statement: [{Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: sts:AssumeRole}]}
      Policies: [{PolicyName: p, PolicyDocument: {Version: "2012-10-17", Statement: [{Effect: Allow, Action: s3:GetObjectz, Resource: "arn:aws:s3:::b/*"}]}}]
)",
                                "AIP-IAM-011");
  REQUIRE(cfn_lint.count("AIP-IAM-011") == 1);
  CHECK(cfn_lint.of("AIP-IAM-011")[0].suppressed);
  CHECK(cfn_lint.of("AIP-IAM-011")[0].suppression_reason == "ignored for cfn-lint (W3037)");
}

TEST_CASE("a foreign suppression of an unmapped or other rule, or malformed, suppresses nothing and is not judged") {
  for (const std::string metadata : {R"({cfn_nag: {rules_to_suppress: [{id: W41, reason: "x"}]}})",     // another rule
                                     R"({checkov: {skip: [{id: CKV_AWS_999, comment: "x"}]}})",           // unmapped
                                     R"({cdk_nag: {rules_to_suppress: "AwsSolutions-S1"}})",             // malformed
                                     R"({checkov: {skip: [{comment: "no id"}]}})"}) {
    INFO(metadata);
    auto l = lint_template(bucket(metadata));
    REQUIRE(l.count("AIP-LOG-003") == 1);
    CHECK_FALSE(l.of("AIP-LOG-003")[0].suppressed);
    CHECK(l.count("AIP-LINT-001") == 0);
    CHECK(l.count("AIP-LINT-002") == 0);
  }
}

TEST_CASE("the mapping table: every aip id exists, every row names its source, lookups go both ways") {
  std::set<std::string> seen;
  for (const auto& row : aip::spec::foreign_rules()) {
    INFO(row.aip << " " << row.id);
    CHECK(aip::lint::find_rule(row.aip) != nullptr);
    CHECK_FALSE(row.source.empty());
    CHECK_FALSE(row.id.empty());
    const std::string key = std::string(aip::spec::metadata_key(row.tool)) + " " + std::string(row.id) + " " +
                            std::string(row.aip);
    CHECK(seen.insert(key).second);  // no row twice
  }
  CHECK(aip::spec::foreign_ids("aip-log-003", aip::spec::ForeignTool::checkov) ==
        std::vector<std::string_view>{"CKV_AWS_18"});
  CHECK(aip::spec::aip_rules_for(aip::spec::ForeignTool::cdk_nag, "AwsSolutions-EC23") ==
        std::vector<std::string_view>{"AIP-EXP-001", "AIP-EXP-002"});
  CHECK(aip::spec::foreign_ids("AIP-NET-001", aip::spec::ForeignTool::cfn_nag).empty());
}

TEST_CASE("synth writes a spec suppression in the forms of the tools whose rules map") {
  auto l = lint_spec(R"(aip: 1
name: fs
accounts:
  dev: {id: "111111111111", region: us-east-1}
storage:
  buckets:
    data:
      lint:
        suppress:
          - {rule: AIP-LOG-003, reason: "access is logged by the organization trail"}
)");
  const aip::cfn::Resource* found = nullptr;
  for (const auto& stack : l.assembly->stacks) {
    for (const auto& r : stack.resources) {
      if (r.type == "AWS::S3::Bucket" && r.metadata.contains("aip")) found = &r;
    }
  }
  REQUIRE(found != nullptr);
  const auto& m = found->metadata;
  const std::string reason = "access is logged by the organization trail";
  CHECK(m["cfn_nag"] == nlohmann::json{{"rules_to_suppress", {{{"id", "W35"}, {"reason", reason}}}}});
  CHECK(m["checkov"] == nlohmann::json{{"skip", {{{"id", "CKV_AWS_18"}, {"comment", reason}}}}});
  CHECK(m["cdk_nag"] == nlohmann::json{{"rules_to_suppress", {{{"id", "AwsSolutions-S1"}, {"reason", reason}}}}});
  CHECK_FALSE(m.contains("cfn-lint"));  // no cfn-lint rule maps to AIP-LOG-003
  // And lint reads them back: each form alone suppresses the finding.
  for (const char* tool : {"cfn_nag", "checkov", "cdk_nag"}) {
    nlohmann::json resource = {{"Type", "AWS::S3::Bucket"}, {"Metadata", {{tool, m[tool]}}}};
    auto s = aip::lint::foreign_suppressions_of(resource);
    REQUIRE(s.size() == 1);
    CHECK(s[0].rule == "AIP-LOG-003");
  }
}
