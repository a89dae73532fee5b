// Policy grammar: accepted shapes and the exact error (path + message) for
// each kind of mistake.
#include <catch2/catch.hpp>

#include "iam/policy.hpp"

using namespace aip::iam;

namespace {

std::vector<PolicyError> errors(const char* text) { return parse_policy(Json::parse(text)).errors; }

// A policy with one statement whose body is `statement`.
std::vector<PolicyError> statement_errors(const std::string& statement) {
  return parse_policy(Json::parse(R"({"Version": "2012-10-17", "Statement": [)" + statement + "]}")).errors;
}

using E = std::vector<PolicyError>;

}  // namespace

namespace Catch {
template <>
struct StringMaker<PolicyError> {
  static std::string convert(const PolicyError& e) { return "{\"" + e.path + "\", \"" + e.message + "\"}"; }
};
}  // namespace Catch

TEST_CASE("parse: string and list forms give the same model") {
  const auto a = parse_policy_or_throw(Json::parse(R"({"Version": "2012-10-17", "Statement": {
      "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}})"));
  const auto b = parse_policy_or_throw(Json::parse(R"({"Version": "2012-10-17", "Statement": [{
      "Effect": "Allow", "Action": ["s3:GetObject"], "Resource": ["arn:aws:s3:::b/*"]}]})"));
  CHECK(a == b);
  REQUIRE(a.statements.size() == 1);
  CHECK(a.statements[0].effect == Effect::Allow);
  CHECK(*a.statements[0].action == std::vector<std::string>{"s3:GetObject"});
  CHECK(!a.statements[0].not_action);
  CHECK(!a.statements[0].principal);
}

TEST_CASE("parse: Principal \"*\" differs from {\"AWS\": \"*\"}") {
  const auto star = parse_policy_or_throw(Json::parse(
      R"({"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*"}]})"));
  const auto aws = parse_policy_or_throw(Json::parse(
      R"({"Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "s3:GetObject", "Resource": "*"}]})"));
  CHECK(star.statements[0].principal->any);
  CHECK(!aws.statements[0].principal->any);
  CHECK(aws.statements[0].principal->by_kind.at("AWS") == std::vector<Json>{"*"});
  CHECK(star != aws);
  CHECK(star.version.empty());
}

TEST_CASE("parse: negated elements, condition qualifiers and intrinsics") {
  const auto p = parse_policy_or_throw(Json::parse(R"({"Version": "2012-10-17", "Id": "x", "Statement": [{
      "Sid": "S", "Effect": "Deny",
      "NotPrincipal": {"AWS": ["arn:aws:iam::111122223333:root"], "Service": "ec2.amazonaws.com"},
      "NotAction": "iam:*", "NotResource": {"Fn::GetAtt": ["Bucket", "Arn"]},
      "Condition": {"ForAllValues:StringLikeIfExists": {"aws:TagKeys": ["a*", "b"]},
                    "ForAnyValue:StringEquals": {"aws:PrincipalOrgPaths": "o-1/r-1/"},
                    "Bool": {"aws:SecureTransport": false}, "NumericLessThan": {"s3:max-keys": 10}}}]})"));
  const Statement& s = p.statements[0];
  CHECK(p.id == "x");
  CHECK(s.sid == "S");
  CHECK(s.effect == Effect::Deny);
  CHECK(s.not_principal->by_kind.at("Service") == std::vector<Json>{"ec2.amazonaws.com"});
  CHECK(*s.not_action == std::vector<std::string>{"iam:*"});
  CHECK(s.not_resource->at(0) == Json::parse(R"({"Fn::GetAtt": ["Bucket", "Arn"]})"));
  CHECK(s.condition.at("ForAllValues:StringLikeIfExists").at("aws:TagKeys") == std::vector<Json>{"a*", "b"});
  CHECK(s.condition.at("Bool").at("aws:SecureTransport") == std::vector<Json>{false});
  CHECK(s.condition.at("NumericLessThan").at("s3:max-keys") == std::vector<Json>{10});
}

TEST_CASE("parse: Effect must be Allow or Deny") {
  CHECK(statement_errors(R"({"Effect": "allow", "Action": "s3:GetObject", "Resource": "*"})") ==
        E{{"Statement/0/Effect", "Effect must be \"Allow\" or \"Deny\", got \"allow\""}});
  CHECK(statement_errors(R"({"Action": "s3:GetObject", "Resource": "*"})") == E{{"Statement/0", "missing Effect"}});
}

TEST_CASE("parse: Action and NotAction") {
  CHECK(statement_errors(R"({"Effect": "Allow", "Action": "s3:GetObject", "NotAction": "s3:PutObject", "Resource": "*"})") ==
        E{{"Statement/0", "Action and NotAction are mutually exclusive"}});
  CHECK(statement_errors(R"({"Effect": "Allow", "Resource": "*"})") == E{{"Statement/0", "missing Action or NotAction"}});
  CHECK(statement_errors(R"({"Effect": "Allow", "Action": ["s3:GetObject", "s3GetObject", "s3:"], "Resource": "*"})") ==
        E{{"Statement/0/Action/1", "action \"s3GetObject\" is not of the form \"service:Action\" or \"*\""},
          {"Statement/0/Action/2", "action \"s3:\" is not of the form \"service:Action\" or \"*\""}});
  CHECK(statement_errors(R"({"Effect": "Allow", "Action": "s3:Get Object", "Resource": "*"})") ==
        E{{"Statement/0/Action", "action \"s3:Get Object\" is not of the form \"service:Action\" or \"*\""}});
  CHECK(statement_errors(R"({"Effect": "Allow", "NotAction": [], "Resource": "*"})") ==
        E{{"Statement/0/NotAction", "NotAction must not be empty"}});
  CHECK(statement_errors(R"({"Effect": "Allow", "Action": 3, "Resource": "*"})") ==
        E{{"Statement/0/Action", "Action must be a string or a list of strings"}});
}

TEST_CASE("parse: Resource, NotResource and Principal shapes") {
  CHECK(statement_errors(R"({"Effect": "Allow", "Action": "*", "Resource": "*", "NotResource": "x"})") ==
        E{{"Statement/0", "Resource and NotResource are mutually exclusive"}});
  CHECK(statement_errors(R"({"Effect": "Allow", "Action": "*", "Resource": ["*", 7, ""]})") ==
        E{{"Statement/0/Resource/1", "Resource must be a string, a CloudFormation intrinsic or a list of them"},
          {"Statement/0/Resource/2", "Resource must not be an empty string"}});
  CHECK(statement_errors(R"({"Effect": "Allow", "Action": "*", "Resource": {"Bucket": "x"}})") ==
        E{{"Statement/0/Resource", "Resource must be a string, a CloudFormation intrinsic or a list of them"}});
  CHECK(statement_errors(R"({"Effect": "Allow", "Action": "*", "Principal": "me"})") ==
        E{{"Statement/0/Principal", "a principal must be \"*\" or an object such as {\"AWS\": ...}"}});
  CHECK(statement_errors(R"({"Effect": "Allow", "Action": "*", "Principal": {"Aws": "*"}})") ==
        E{{"Statement/0/Principal/Aws",
           "unknown principal kind \"Aws\" (expected AWS, Service, Federated or CanonicalUser); did you mean \"AWS\"?"}});
  CHECK(statement_errors(R"({"Effect": "Allow", "Action": "*", "Principal": "*", "NotPrincipal": "*"})") ==
        E{{"Statement/0", "Principal and NotPrincipal are mutually exclusive"}});
}

TEST_CASE("parse: unknown keys, with a suggestion when close") {
  CHECK(errors(R"({"Version": "2012-10-17", "Statment": []})") ==
        E{{"Statment", "unknown key \"Statment\"; did you mean \"Statement\"?"}, {"", "missing Statement"}});
  CHECK(errors(R"({"Statement": [], "Policy": 1})") ==
        E{{"Policy", "unknown key \"Policy\""}, {"Statement", "Statement must not be empty"}});
  CHECK(statement_errors(R"({"effect": "Allow", "Effect": "Allow", "Action": "*", "Resource": "*"})") ==
        E{{"Statement/0/effect", "unknown key \"effect\" in a statement; did you mean \"Effect\"?"}});
}

TEST_CASE("parse: Version") {
  CHECK(errors(R"({"Version": "2012-10-18", "Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}})") ==
        E{{"Version", "Version must be \"2012-10-17\" or \"2008-10-17\", got \"2012-10-18\""}});
  CHECK(errors(R"({"Version": 2012, "Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}})") ==
        E{{"Version", "Version must be a string"}});
}

TEST_CASE("parse: condition operators") {
  CHECK(statement_errors(R"({"Effect": "Allow", "Action": "*", "Resource": "*",
                             "Condition": {"StringEqual": {"aws:username": "bob"}}})") ==
        E{{"Statement/0/Condition/StringEqual", "unknown condition operator \"StringEqual\"; did you mean \"StringEquals\"?"}});
  CHECK(statement_errors(R"({"Effect": "Allow", "Action": "*", "Resource": "*",
                             "Condition": {"ForAnyValue:StringLikeIfExist": {"aws:TagKeys": "a"}}})") ==
        E{{"Statement/0/Condition/ForAnyValue:StringLikeIfExist",
           "unknown condition operator \"ForAnyValue:StringLikeIfExist\"; did you mean \"ForAnyValue:StringLikeIfExists\"?"}});
  CHECK(statement_errors(R"({"Effect": "Allow", "Action": "*", "Resource": "*",
                             "Condition": {"ForEachValue:StringLike": {"aws:TagKeys": "a"}}})") ==
        E{{"Statement/0/Condition/ForEachValue:StringLike", "unknown condition operator \"ForEachValue:StringLike\""}});
  CHECK(statement_errors(R"({"Effect": "Allow", "Action": "*", "Resource": "*",
                             "Condition": {"NullIfExists": {"aws:TagKeys": "true"}}})") ==
        E{{"Statement/0/Condition/NullIfExists",
           "condition operator \"NullIfExists\": Null takes neither IfExists nor a set qualifier"}});
  CHECK(statement_errors(R"({"Effect": "Allow", "Action": "*", "Resource": "*",
                             "Condition": {"StringEquals": {"aws:username": [null]}}})") ==
        E{{"Statement/0/Condition/StringEquals/aws:username/0",
           "a condition value must be a string, boolean, number, a CloudFormation intrinsic or a list of them"}});
  CHECK(statement_errors(R"({"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"Bool": "true"}})") ==
        E{{"Statement/0/Condition/Bool", "Bool must be a non-empty object of condition key -> values"}});
}

TEST_CASE("parse: statements and Sids") {
  CHECK(errors(R"([1])") == E{{"", "a policy document must be a JSON object"}});
  CHECK(errors(R"({"Statement": [1]})") == E{{"Statement/0", "a statement must be a JSON object"}});
  CHECK(errors(R"({"Statement": [{"Sid": "A", "Effect": "Allow", "Action": "*", "Resource": "*"},
                                 {"Sid": "A", "Effect": "Deny", "Action": "*", "Resource": "*"}]})") ==
        E{{"Statement/1/Sid", "duplicate Sid \"A\" (also Statement/0)"}});
  // Every problem is reported, not just the first.
  CHECK(errors(R"({"Statement": [{"Effect": "Maybe", "Action": "x"}, {"Effect": "Allow"}]})").size() == 3);
}

TEST_CASE("parse: parse_policy_or_throw lists every error") {
  try {
    parse_policy_or_throw(Json::parse(R"({"Statement": [{"Action": "x"}]})"));
    FAIL("no exception");
  } catch (const PolicyParseError& e) {
    CHECK(std::string(e.what()) ==
          "Statement/0: missing Effect\n"
          "Statement/0/Action: action \"x\" is not of the form \"service:Action\" or \"*\"");
    CHECK(e.errors.size() == 2);
  }
}
