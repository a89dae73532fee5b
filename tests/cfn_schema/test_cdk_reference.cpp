// A template the AWS CDK synthesized for a platform comparable to aip's
// blueprints (bench/cdk-reference/app.js: VPC with endpoints, Aurora with a
// proxy, ECS on an ALB, Cognito, WAF, a budget) must validate with zero findings.
#include <catch2/catch.hpp>

#include "test_support.hpp"

using aip::cfn::test::validate_file;

TEST_CASE("a template synthesized by the AWS CDK validates with zero findings") {
  CHECK(validate_file("cdk-reference/LangPortalReference.template.json").empty());
}

TEST_CASE("CDK metadata resources are accepted, a wrong property beside them is not") {
  nlohmann::json tmpl = aip::cfn::load_template_file(
                            aip::cfn::test::corpus_path("cdk-reference/LangPortalReference.template.json"))
                            .json;
  tmpl["Resources"]["CDKMetadata"] = {{"Type", "AWS::CDK::Metadata"}, {"Properties", {{"Analytics", "v2:deflate64:x"}}}};
  CHECK(aip::cfn::validate_template(tmpl, aip::cfn::SchemaDb::builtin()).empty());
  tmpl["Resources"]["Broken"] = {{"Type", "AWS::S3::Bucket"}, {"Properties", {{"BucketNam", "x"}}}};
  auto findings = aip::cfn::validate_template(tmpl, aip::cfn::SchemaDb::builtin());
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].rule == "unknown-property");
}
