#include <catch2/catch.hpp>

#include "iam/wildcard.hpp"

using namespace aip::iam;

TEST_CASE("wildcard: glob") {
  CHECK(glob_match("*", ""));
  CHECK(glob_match("a*c", "abbbc"));
  CHECK(glob_match("a?c", "abc"));
  CHECK_FALSE(glob_match("a?c", "ac"));
  CHECK_FALSE(glob_match("a*c", "abcd"));
  CHECK(glob_match("*a*b*", "xxaxxbxx"));
  CHECK_FALSE(glob_match("ABC", "abc"));
  CHECK(glob_match("ABC", "abc", Case::Insensitive));
  CHECK(glob_match(std::string(30, '*') + "b", std::string(200, 'a') + "b"));
}

TEST_CASE("wildcard: actions are case-insensitive") {
  CHECK(action_matches("s3:Get*", "s3:GetObject"));
  CHECK(action_matches("S3:get*", "s3:GetObject"));
  CHECK(action_matches("*", "kms:Decrypt"));
  CHECK(action_matches("s3:?etObject", "s3:GetObject"));
  CHECK_FALSE(action_matches("s3:Get*", "s3:PutObject"));
  CHECK_FALSE(action_matches("s3:*", "s3express:CreateSession"));
}

TEST_CASE("wildcard: ARNs are case-sensitive and matched per component") {
  CHECK(arn_matches("arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket/a/b.txt"));
  CHECK_FALSE(arn_matches("arn:aws:s3:::bucket/*", "arn:aws:s3:::Bucket/a"));
  CHECK_FALSE(arn_matches("arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket"));
  CHECK(arn_matches("arn:aws:bedrock:*::foundation-model/anthropic.*", "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-v2:1"));
  CHECK(arn_matches("arn:aws:logs:us-east-1:111122223333:log-group:/aip/*", "arn:aws:logs:us-east-1:111122223333:log-group:/aip/x:log-stream:y"));
  // A * in one component does not reach into the next.
  CHECK_FALSE(arn_matches("arn:aws:s3*:::b", "arn:aws:s3:us-east-1::b"));
  CHECK(arn_matches("arn:aws:ec2:*:*:instance/*", "arn:aws:ec2:eu-west-1:111122223333:instance/i-1"));
  CHECK(arn_matches("*", "arn:aws:ec2:eu-west-1:111122223333:instance/i-1"));
  CHECK(arn_matches("*", "*"));
  CHECK_FALSE(arn_matches("arn:aws:s3:::b", "*"));
}
