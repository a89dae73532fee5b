// Condition operators, one Allow statement at a time.
#include <catch2/catch.hpp>

#include "iam/evaluate.hpp"
#include "iam/iam_test_support.hpp"

using namespace aip::iam;

namespace {

// Decision for an "Allow * on *" statement with `condition`.
Decision with(const char* condition, const Request& r) {
  PolicySet set;
  set.identity.push_back(iam_test::named(
      "p", (std::string(R"({"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": )") +
            condition + "}}")
               .c_str()));
  return evaluate(set, r).decision;
}

Request ctx(std::map<std::string, std::vector<std::string>> keys, bool complete = true) {
  auto r = iam_test::request("s3:GetObject", "arn:aws:s3:::b/k");
  r.context = std::move(keys);
  r.context_complete = complete;
  return r;
}

constexpr auto Allow = Decision::Allow;
constexpr auto Deny = Decision::ImplicitDeny;

}  // namespace

TEST_CASE("conditions: string operators") {
  CHECK(with(R"({"StringEquals": {"aws:SourceAccount": "111122223333"}})", ctx({{"aws:SourceAccount", {"111122223333"}}})) == Allow);
  CHECK(with(R"({"StringEquals": {"aws:sourceaccount": ["1", "111122223333"]}})", ctx({{"aws:SourceAccount", {"111122223333"}}})) == Allow);
  CHECK(with(R"({"StringEquals": {"aws:SourceAccount": "1"}})", ctx({{"aws:SourceAccount", {"111122223333"}}})) == Deny);
  CHECK(with(R"({"StringEquals": {"aws:PrincipalOrgID": "o-abc"}})", ctx({{"aws:PrincipalOrgID", {"O-ABC"}}})) == Deny);
  CHECK(with(R"({"StringEqualsIgnoreCase": {"aws:PrincipalOrgID": "o-abc"}})", ctx({{"aws:PrincipalOrgID", {"O-ABC"}}})) == Allow);
  CHECK(with(R"({"StringNotEquals": {"aws:PrincipalOrgID": ["o-a", "o-b"]}})", ctx({{"aws:PrincipalOrgID", {"o-c"}}})) == Allow);
  CHECK(with(R"({"StringNotEquals": {"aws:PrincipalOrgID": ["o-a", "o-b"]}})", ctx({{"aws:PrincipalOrgID", {"o-b"}}})) == Deny);
  CHECK(with(R"({"StringLike": {"s3:prefix": ["home/*", "shared/?"]}})", ctx({{"s3:prefix", {"home/bob/x"}}})) == Allow);
  CHECK(with(R"({"StringLike": {"s3:prefix": ["home/*", "shared/?"]}})", ctx({{"s3:prefix", {"shared/ab"}}})) == Deny);
  CHECK(with(R"({"StringNotLike": {"s3:prefix": "tmp/*"}})", ctx({{"s3:prefix", {"home/x"}}})) == Allow);
  CHECK(with(R"({"StringNotLike": {"s3:prefix": "tmp/*"}})", ctx({{"s3:prefix", {"tmp/x"}}})) == Deny);
}

TEST_CASE("conditions: missing keys") {
  // Known absent (context_complete): AWS's rules.
  CHECK(with(R"({"StringEquals": {"sts:ExternalId": "x"}})", ctx({})) == Deny);
  CHECK(with(R"({"StringEqualsIfExists": {"sts:ExternalId": "x"}})", ctx({})) == Allow);
  CHECK(with(R"({"StringNotEquals": {"sts:ExternalId": "x"}})", ctx({})) == Allow);
  CHECK(with(R"({"ForAllValues:StringEquals": {"aws:TagKeys": "x"}})", ctx({})) == Allow);
  CHECK(with(R"({"ForAnyValue:StringEquals": {"aws:TagKeys": "x"}})", ctx({})) == Deny);
  // Unknown (the default): an Allow never applies on an unknown.
  for (const char* c : {R"({"StringEqualsIfExists": {"sts:ExternalId": "x"}})",
                        R"({"StringNotEquals": {"sts:ExternalId": "x"}})",
                        R"({"ForAllValues:StringEquals": {"aws:TagKeys": "x"}})",
                        R"({"Null": {"sts:ExternalId": "true"}})"}) {
    INFO(c);
    CHECK(with(c, ctx({}, false)) == Deny);
  }
  // A known key still decides even when others are unknown.
  CHECK(with(R"({"StringEquals": {"sts:ExternalId": "x"}})", ctx({{"sts:ExternalId", {"x"}}}, false)) == Allow);
}

TEST_CASE("conditions: ForAllValues and ForAnyValue on multivalued keys") {
  const char* only_allowed = R"({"ForAllValues:StringEquals": {"aws:TagKeys": ["environment", "cost-center"]}})";
  CHECK(with(only_allowed, ctx({{"aws:TagKeys", {"environment"}}})) == Allow);
  CHECK(with(only_allowed, ctx({{"aws:TagKeys", {"environment", "cost-center"}}})) == Allow);
  CHECK(with(only_allowed, ctx({{"aws:TagKeys", {"environment", "owner"}}})) == Deny);
  CHECK(with(only_allowed, ctx({{"aws:TagKeys", {}}})) == Allow);
  const char* any = R"({"ForAnyValue:StringLike": {"aws:TagKeys": "env*"}})";
  CHECK(with(any, ctx({{"aws:TagKeys", {"owner", "environment"}}})) == Allow);
  CHECK(with(any, ctx({{"aws:TagKeys", {"owner"}}})) == Deny);
  CHECK(with(any, ctx({{"aws:TagKeys", {}}})) == Deny);
  // Negated with a set qualifier: no tag key may be "secret".
  const char* none = R"({"ForAllValues:StringNotEquals": {"aws:TagKeys": "secret"}})";
  CHECK(with(none, ctx({{"aws:TagKeys", {"a", "b"}}})) == Allow);
  CHECK(with(none, ctx({{"aws:TagKeys", {"a", "secret"}}})) == Deny);
  const char* some = R"({"ForAnyValue:StringNotEquals": {"aws:TagKeys": "secret"}})";
  CHECK(with(some, ctx({{"aws:TagKeys", {"secret", "b"}}})) == Allow);
  CHECK(with(some, ctx({{"aws:TagKeys", {"secret"}}})) == Deny);
}

TEST_CASE("conditions: ARN, Bool, Numeric, Date, IP, Null") {
  const char* arn = R"({"ArnLike": {"aws:SourceArn": "arn:aws:sns:*:111122223333:topic-*"}})";
  CHECK(with(arn, ctx({{"aws:SourceArn", {"arn:aws:sns:us-east-1:111122223333:topic-a"}}})) == Allow);
  CHECK(with(arn, ctx({{"aws:SourceArn", {"arn:aws:sns:us-east-1:444455556666:topic-a"}}})) == Deny);
  CHECK(with(R"({"ArnNotEquals": {"aws:SourceArn": "arn:aws:sns:*:1:t"}})", ctx({{"aws:SourceArn", {"arn:aws:sns:us-east-1:1:t"}}})) == Deny);

  CHECK(with(R"({"Bool": {"aws:SecureTransport": true}})", ctx({{"aws:SecureTransport", {"true"}}})) == Allow);
  CHECK(with(R"({"Bool": {"aws:SecureTransport": "True"}})", ctx({{"aws:SecureTransport", {"true"}}})) == Allow);
  CHECK(with(R"({"Bool": {"aws:SecureTransport": "true"}})", ctx({{"aws:SecureTransport", {"false"}}})) == Deny);

  CHECK(with(R"({"NumericLessThanEquals": {"aws:MultiFactorAuthAge": 3600}})", ctx({{"aws:MultiFactorAuthAge", {"3600"}}})) == Allow);
  CHECK(with(R"({"NumericLessThan": {"aws:MultiFactorAuthAge": "3600"}})", ctx({{"aws:MultiFactorAuthAge", {"3600"}}})) == Deny);
  CHECK(with(R"({"NumericGreaterThan": {"s3:max-keys": 10}})", ctx({{"s3:max-keys", {"11"}}})) == Allow);
  CHECK(with(R"({"NumericNotEquals": {"s3:max-keys": [1, 2]}})", ctx({{"s3:max-keys", {"2"}}})) == Deny);
  CHECK(with(R"({"NumericEquals": {"s3:max-keys": 10}})", ctx({{"s3:max-keys", {"ten"}}})) == Deny);

  const char* window = R"({"DateGreaterThan": {"aws:CurrentTime": "2026-01-01T00:00:00Z"},
                           "DateLessThan": {"aws:CurrentTime": "2026-06-30"}})";
  CHECK(with(window, ctx({{"aws:CurrentTime", {"2026-03-15T12:30:00Z"}}})) == Allow);
  CHECK(with(window, ctx({{"aws:CurrentTime", {"2026-07-01T00:00:00Z"}}})) == Deny);
  CHECK(with(R"({"DateLessThan": {"aws:EpochTime": "2026-01-01T00:00:00Z"}})", ctx({{"aws:EpochTime", {"1767225599"}}})) == Allow);

  const char* ips = R"({"IpAddress": {"aws:SourceIp": ["192.0.2.0/24", "2001:db8::/32"]}})";
  CHECK(with(ips, ctx({{"aws:SourceIp", {"192.0.2.17"}}})) == Allow);
  CHECK(with(ips, ctx({{"aws:SourceIp", {"192.0.3.17"}}})) == Deny);
  CHECK(with(ips, ctx({{"aws:SourceIp", {"2001:db8:1::5"}}})) == Allow);
  CHECK(with(R"({"NotIpAddress": {"aws:SourceIp": "10.0.0.0/8"}})", ctx({{"aws:SourceIp", {"10.1.2.3"}}})) == Deny);
  CHECK(with(R"({"NotIpAddress": {"aws:SourceIp": "10.0.0.0/8"}})", ctx({{"aws:SourceIp", {"11.1.2.3"}}})) == Allow);

  CHECK(with(R"({"Null": {"aws:TokenIssueTime": "true"}})", ctx({})) == Allow);
  CHECK(with(R"({"Null": {"aws:TokenIssueTime": "false"}})", ctx({})) == Deny);
  CHECK(with(R"({"Null": {"aws:TokenIssueTime": "false"}})", ctx({{"aws:TokenIssueTime", {"x"}}})) == Allow);
}

TEST_CASE("conditions: keys from the request's own fields") {
  auto r = ctx({});
  r.principal = "arn:aws:sts::111122223333:assumed-role/app/s1";
  r.principal_tags["CostCenter"] = "42";
  CHECK(with(R"({"StringEquals": {"aws:PrincipalTag/costcenter": "42"}})", r) == Allow);
  CHECK(with(R"({"StringEquals": {"aws:PrincipalAccount": "111122223333"}})", r) == Allow);
  CHECK(with(R"({"ArnEquals": {"aws:PrincipalArn": "arn:aws:iam::111122223333:role/app"}})", r) == Allow);
  // Several operators and keys: all must hold.
  CHECK(with(R"({"StringEquals": {"aws:PrincipalTag/CostCenter": "42", "aws:PrincipalAccount": "1"}})", r) == Deny);
  // Policy-variable default when the tag is known to be absent.
  CHECK(with(R"({"StringEquals": {"aws:PrincipalTag/CostCenter": "${aws:PrincipalTag/team, '42'}"}})", r) == Allow);
}
