// The policy builder (plan/policy_builder.hpp) and the ARN helpers of
// plan/resource_helpers.hpp: each statement form, the exact JSON text (keys in
// the order templates carry them, values in the shape the planner gave) and
// that what they build is a valid IAM policy.
#include <catch2/catch.hpp>

#include "cfn/intrinsics.hpp"
#include "iam/policy.hpp"
#include "plan/policy_builder.hpp"
#include "plan/resource_helpers.hpp"

using aip::cfn::Json;
using aip::plan::PolicyStatement;
namespace plan = aip::plan;
namespace fn = aip::cfn::intrinsic;

namespace {

std::string text(const Json& j) { return j.dump(); }

// A document the IAM grammar accepts, with no errors.
bool valid_policy(const Json& doc) {
  auto r = aip::iam::parse_policy(doc);
  for (const auto& e : r.errors) UNSCOPED_INFO(e.path << ": " << e.message);
  return r.ok();
}

}  // namespace

TEST_CASE("policy_doc: version 2012-10-17 before the statements", "[plan][policy]") {
  CHECK(text(plan::policy_doc(Json::array())) == R"({"Statement":[],"Version":"2012-10-17"})");
}

TEST_CASE("allow: Sid, Effect, Action, Resource, and one action stays a string", "[plan][policy]") {
  CHECK(text(plan::allow("ReadObjects", "s3:GetObject", "arn:aws:s3:::b/*")) ==
        R"({"Action":"s3:GetObject","Effect":"Allow","Resource":"arn:aws:s3:::b/*","Sid":"ReadObjects"})");
  CHECK(text(plan::allow("Write", Json::array({"s3:PutObject"}), Json::array({"a", "b"}))) ==
        R"({"Action":["s3:PutObject"],"Effect":"Allow","Resource":["a","b"],"Sid":"Write"})");
}

TEST_CASE("PolicyStatement: no Sid when none is given", "[plan][policy]") {
  Json s = PolicyStatement::allow().action("events:PutEvents").resource("*");
  CHECK(text(s) == R"({"Action":"events:PutEvents","Effect":"Allow","Resource":"*"})");
  Json d = PolicyStatement::deny().action("s3:*").resource("*");
  CHECK(d["Effect"] == "Deny");
  CHECK_FALSE(d.contains("Sid"));
}

TEST_CASE("PolicyStatement: principals by kind and anyone", "[plan][policy]") {
  Json s = PolicyStatement::allow("Mixed").aws("arn:aws:iam::111122223333:root").service("sns.amazonaws.com");
  CHECK(text(s["Principal"]) == R"({"AWS":"arn:aws:iam::111122223333:root","Service":"sns.amazonaws.com"})");
  Json f = PolicyStatement::allow().federated("cognito-identity.amazonaws.com");
  CHECK(text(f["Principal"]) == R"({"Federated":"cognito-identity.amazonaws.com"})");
  Json any = PolicyStatement::deny("X").anyone();
  CHECK(text(any["Principal"]) == R"("*")");
}

TEST_CASE("PolicyStatement: conditions group keys under their operator", "[plan][policy]") {
  Json s = PolicyStatement::allow("CloudTrailWrite")
               .service("cloudtrail.amazonaws.com")
               .action("s3:PutObject")
               .resource("*")
               .from_this_account()
               .condition("StringEquals", "s3:x-amz-acl", "bucket-owner-full-control")
               .condition("ArnLike", "aws:SourceArn", "arn:aws:cloudtrail:*:111122223333:trail/*");
  CHECK(text(s) ==
        R"({"Action":"s3:PutObject","Condition":{"ArnLike":{"aws:SourceArn":"arn:aws:cloudtrail:*:111122223333:trail/*"},)"
        R"("StringEquals":{"aws:SourceAccount":{"Ref":"AWS::AccountId"},"s3:x-amz-acl":"bucket-owner-full-control"}},)"
        R"("Effect":"Allow","Principal":{"Service":"cloudtrail.amazonaws.com"},"Resource":"*","Sid":"CloudTrailWrite"})");
  CHECK(valid_policy(plan::policy_doc(Json::array({s}))));
}

TEST_CASE("PolicyStatement: a later value for the same element replaces the first", "[plan][policy]") {
  Json s = PolicyStatement::allow().action("a:B").action(Json::array({"a:C", "a:D"})).resource("x").resource("y");
  CHECK(text(s) == R"({"Action":["a:C","a:D"],"Effect":"Allow","Resource":"y"})");
}

TEST_CASE("trust_service: the service assumes the role, no Sid", "[plan][policy]") {
  Json doc = plan::trust_service("lambda.amazonaws.com");
  CHECK(text(doc) == R"({"Statement":[{"Action":"sts:AssumeRole","Effect":"Allow",)"
                     R"("Principal":{"Service":"lambda.amazonaws.com"}}],"Version":"2012-10-17"})");
  CHECK(valid_policy(doc));
}

TEST_CASE("service_assumes_role with the confused-deputy guard", "[plan][policy]") {
  Json s = plan::service_assumes_role("rds.amazonaws.com").from_this_account();
  CHECK(text(s) == R"({"Action":"sts:AssumeRole","Condition":{"StringEquals":{"aws:SourceAccount":{"Ref":"AWS::AccountId"}}},)"
                   R"("Effect":"Allow","Principal":{"Service":"rds.amazonaws.com"}})");
}

TEST_CASE("deny_insecure_transport: everyone, over plain HTTP, on the given resources", "[plan][policy]") {
  Json s = plan::deny_insecure_transport("sqs:*", fn::get_att("Queue", "Arn"));
  CHECK(text(s) == R"({"Action":"sqs:*","Condition":{"Bool":{"aws:SecureTransport":"false"}},"Effect":"Deny",)"
                   R"("Principal":"*","Resource":{"Fn::GetAtt":["Queue","Arn"]},"Sid":"DenyInsecureTransport"})");
  Json both = plan::deny_insecure_transport("s3:*", Json::array({"arn:aws:s3:::b", "arn:aws:s3:::b/*"}));
  CHECK(both["Resource"].size() == 2);
  CHECK(valid_policy(plan::policy_doc(Json::array({both}))));
}

TEST_CASE("account_administers_key: the account root may do everything with the key", "[plan][policy]") {
  CHECK(text(plan::account_administers_key()) ==
        R"({"Action":"kms:*","Effect":"Allow","Principal":{"AWS":{"Fn::Sub":"arn:${AWS::Partition}:iam::${AWS::AccountId}:root"}},)"
        R"("Resource":"*","Sid":"AccountAdministers"})");
  Json named = plan::account_administers_key("AccountAdministersKey");
  CHECK(named["Sid"] == "AccountAdministersKey");
}

TEST_CASE("account roots: this account and another by id", "[plan][policy]") {
  CHECK(text(plan::this_account_root()) == R"({"Fn::Sub":"arn:${AWS::Partition}:iam::${AWS::AccountId}:root"})");
  CHECK(text(plan::account_root("127311923021")) == R"({"Fn::Sub":"arn:${AWS::Partition}:iam::127311923021:root"})");
}

TEST_CASE("stack_arn: this stack's region and account unless told otherwise", "[plan][arn]") {
  CHECK(text(plan::stack_arn("sqs", "jobs")) ==
        R"({"Fn::Sub":"arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:jobs"})");
  CHECK(text(plan::stack_arn("iam", "role/R", "")) == R"({"Fn::Sub":"arn:${AWS::Partition}:iam::${AWS::AccountId}:role/R"})");
  CHECK(text(plan::stack_arn("events", "event-bus/b", "eu-west-1", "111122223333")) ==
        R"({"Fn::Sub":"arn:${AWS::Partition}:events:eu-west-1:111122223333:event-bus/b"})");
  CHECK(text(plan::log_group_arn("Logs")) ==
        R"({"Fn::Sub":"arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:${Logs}"})");
}
