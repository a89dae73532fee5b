// Canonical rendering: round trips over a corpus of real policies (AWS
// documentation examples and CloudFormation-embedded ones) and equivalent
// spellings rendering identically.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "iam/policy.hpp"

using namespace aip::iam;

namespace {

Json load(const std::filesystem::path& p) {
  std::ifstream in(p);
  return Json::parse(in);
}

std::vector<std::filesystem::path> corpus() {
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(std::string(AIP_SOURCE_DIR) + "/tests/iam/corpus")) {
    if (e.path().extension() == ".json") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

Json render(const char* text) { return render_policy(parse_policy_or_throw(Json::parse(text))); }

}  // namespace

TEST_CASE("render: corpus round trips") {
  const auto files = corpus();
  REQUIRE(files.size() >= 15);
  for (const auto& f : files) {
    INFO(f.filename().string());
    const auto parsed = parse_policy(load(f));
    REQUIRE(parsed.errors.empty());
    const Json rendered = render_policy(parsed.policy);
    const auto again = parse_policy(rendered);
    REQUIRE(again.errors.empty());
    CHECK(again.policy == canonical(parsed.policy));
    CHECK(render_policy(again.policy) == rendered);
    CHECK(canonical(canonical(parsed.policy)) == canonical(parsed.policy));
  }
}

TEST_CASE("render: canonical shape") {
  const Json out = render(R"({"Version": "2012-10-17", "Statement": [
      {"Sid": "B", "Effect": "Allow", "Action": ["S3:PutObject", "s3:GetObject", "s3:getobject"],
       "Resource": ["arn:aws:s3:::b/*", {"Fn::GetAtt": ["B", "Arn"]}, "arn:aws:s3:::a", "arn:aws:s3:::b/*"]},
      {"Sid": "A", "Effect": "Deny", "Principal": {"AWS": ["2", "1"]}, "Action": "s3:*", "Resource": "*",
       "Condition": {"StringEquals": {"aws:x": ["b", "a", "b"]}}}]})");
  CHECK(out == Json::parse(R"({"Version": "2012-10-17", "Statement": [
      {"Sid": "A", "Effect": "Deny", "Principal": {"AWS": ["1", "2"]}, "Action": ["s3:*"], "Resource": ["*"],
       "Condition": {"StringEquals": {"aws:x": ["a", "b"]}}},
      {"Sid": "B", "Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"],
       "Resource": ["arn:aws:s3:::a", "arn:aws:s3:::b/*", {"Fn::GetAtt": ["B", "Arn"]}]}]})"));
}

TEST_CASE("render: equivalent spellings render identically") {
  const Json a = render(R"({"Version": "2012-10-17", "Statement": {
      "Effect": "Allow", "Action": "S3:GetObject", "Resource": "arn:aws:s3:::b/*"}})");
  const Json b = render(R"({"Version": "2012-10-17", "Statement": [
      {"Effect": "Allow", "Action": ["s3:GetObject", "s3:GetObject"], "Resource": ["arn:aws:s3:::b/*"]},
      {"Effect": "Allow", "Resource": "arn:aws:s3:::b/*", "Action": "s3:GetObject"}]})");
  CHECK(a == b);
  // Statement order carries no meaning.
  const Json c = render(R"({"Statement": [{"Effect": "Deny", "Action": "iam:*", "Resource": "*"},
                                          {"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]})");
  const Json d = render(R"({"Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"},
                                          {"Effect": "Deny", "Action": "iam:*", "Resource": "*"}]})");
  CHECK(c == d);
}

TEST_CASE("render: single values stay lists, Principal * stays a string") {
  const Json out = render(R"({"Statement": {"Effect": "Allow", "Principal": "*", "Action": "sqs:SendMessage",
                                            "Resource": "arn:aws:sqs:us-east-1:1:q",
                                            "Condition": {"Bool": {"aws:SecureTransport": true}}}})");
  const Json& s = out["Statement"][0];
  CHECK(s["Principal"] == "*");
  CHECK(s["Action"] == Json::array({"sqs:SendMessage"}));
  CHECK(s["Resource"] == Json::array({"arn:aws:sqs:us-east-1:1:q"}));
  CHECK(s["Condition"]["Bool"]["aws:SecureTransport"] == Json::array({true}));
  CHECK(!out.contains("Version"));
}

TEST_CASE("render: a built policy renders canonically") {
  Policy p;
  p.version = "2012-10-17";
  Statement s;
  s.action = std::vector<std::string>{"Logs:PutLogEvents", "logs:CreateLogStream"};
  s.resource = std::vector<Json>{"*"};
  p.statements = {s, s};
  const Json out = render_policy(p);
  CHECK(out["Statement"].size() == 1);
  CHECK(out["Statement"][0]["Action"] == Json::array({"logs:CreateLogStream", "logs:PutLogEvents"}));
  CHECK(parse_policy_or_throw(out) == canonical(p));
}
