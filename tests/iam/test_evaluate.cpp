// The decision procedure: explicit deny, negated elements, wildcards,
// boundaries, resource policies, intrinsics and the conservative rules.
#include <catch2/catch.hpp>

#include "iam/evaluate.hpp"
#include "iam/iam_test_support.hpp"

using namespace aip::iam;
using iam_test::named;
using iam_test::request;

TEST_CASE("evaluate: allow, implicit deny and the deciding statement") {
  PolicySet set;
  set.identity.push_back(named("app-read", R"({"Version": "2012-10-17", "Statement": [
      {"Sid": "List", "Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::data"},
      {"Sid": "Read", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::data/*"}]})"));
  const auto ok = evaluate(set, request("s3:GetObject", "arn:aws:s3:::data/a.txt"));
  CHECK(ok.decision == Decision::Allow);
  CHECK(ok.by == StatementRef{"app-read", "Read", 1});
  CHECK(ok.reason == "allowed by app-read/Read");

  const auto no = evaluate(set, request("s3:PutObject", "arn:aws:s3:::data/a.txt"));
  CHECK(no.decision == Decision::ImplicitDeny);
  CHECK(!no.by);
  CHECK(no.reason == "no statement allows s3:PutObject on arn:aws:s3:::data/a.txt");
  CHECK(evaluate(set, request("s3:GetObject", "arn:aws:s3:::other/a.txt")).decision == Decision::ImplicitDeny);
  CHECK(evaluate(PolicySet{}, request("s3:GetObject", "arn:aws:s3:::data/a")).decision == Decision::ImplicitDeny);
}

TEST_CASE("evaluate: an explicit Deny wins over any Allow") {
  PolicySet set;
  set.identity.push_back(named("admin", R"({"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}})"));
  set.identity.push_back(named("guard", R"({"Version": "2012-10-17", "Statement": [
      {"Effect": "Allow", "Action": "s3:*", "Resource": "*"},
      {"Effect": "Deny", "Action": ["s3:DeleteBucket", "s3:PutBucketPolicy"], "Resource": "*"}]})"));
  const auto ev = evaluate(set, request("s3:DeleteBucket", "arn:aws:s3:::data"));
  CHECK(ev.decision == Decision::ExplicitDeny);
  CHECK(ev.by == StatementRef{"guard", "", 1});
  CHECK(ev.by->describe() == "guard/Statement/1");
  CHECK_FALSE(ev.conservative);
  CHECK(evaluate(set, request("s3:GetObject", "arn:aws:s3:::data/x")).decision == Decision::Allow);
}

TEST_CASE("evaluate: NotAction") {
  PolicySet set;
  set.identity.push_back(named("power-user", R"({"Version": "2012-10-17", "Statement": [
      {"Sid": "All", "Effect": "Allow", "NotAction": ["iam:*", "organizations:*"], "Resource": "*"}]})"));
  CHECK(evaluate(set, request("s3:GetObject", "arn:aws:s3:::b/k")).decision == Decision::Allow);
  CHECK(evaluate(set, request("IAM:CreateUser", "*")).decision == Decision::ImplicitDeny);

  // Deny everything but the listed actions without MFA (AWS docs example).
  set.identity.push_back(named("mfa", R"({"Version": "2012-10-17", "Statement": [
      {"Sid": "NoMfa", "Effect": "Deny", "NotAction": ["sts:GetSessionToken", "iam:ListMFADevices"], "Resource": "*",
       "Condition": {"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}}]})"));
  auto r = request("s3:GetObject", "arn:aws:s3:::b/k");
  r.context["aws:MultiFactorAuthPresent"] = {"false"};
  CHECK(evaluate(set, r).decision == Decision::ExplicitDeny);
  r.context["aws:MultiFactorAuthPresent"] = {"true"};
  CHECK(evaluate(set, r).decision == Decision::Allow);
  r.context.clear();
  r.context_complete = true;  // no MFA key at all: IfExists makes the Deny apply
  CHECK(evaluate(set, r).decision == Decision::ExplicitDeny);
  auto token = request("sts:GetSessionToken", "*");
  token.context["aws:MultiFactorAuthPresent"] = {"false"};
  CHECK(evaluate(set, token).decision == Decision::Allow);
}

TEST_CASE("evaluate: NotResource") {
  PolicySet set;
  set.identity.push_back(named("s3", R"({"Version": "2012-10-17", "Statement": [
      {"Effect": "Allow", "Action": "s3:*", "Resource": "*"},
      {"Sid": "OnlyPublic", "Effect": "Deny", "Action": "s3:GetObject", "NotResource": "arn:aws:s3:::site/public/*"}]})"));
  CHECK(evaluate(set, request("s3:GetObject", "arn:aws:s3:::site/public/index.html")).decision == Decision::Allow);
  const auto ev = evaluate(set, request("s3:GetObject", "arn:aws:s3:::site/private/keys"));
  CHECK(ev.decision == Decision::ExplicitDeny);
  CHECK(ev.by->sid == "OnlyPublic");

  PolicySet allow_not;
  allow_not.identity.push_back(named("p", R"({"Version": "2012-10-17", "Statement": [
      {"Effect": "Allow", "Action": "s3:GetObject", "NotResource": ["arn:aws:s3:::secret/*"]}]})"));
  CHECK(evaluate(allow_not, request("s3:GetObject", "arn:aws:s3:::data/x")).decision == Decision::Allow);
  CHECK(evaluate(allow_not, request("s3:GetObject", "arn:aws:s3:::secret/x")).decision == Decision::ImplicitDeny);
}

TEST_CASE("evaluate: wildcards in actions and resources") {
  PolicySet set;
  set.identity.push_back(named("p", R"({"Version": "2012-10-17", "Statement": [
      {"Effect": "Allow", "Action": ["S3:get*", "kms:?ecrypt"],
       "Resource": ["arn:aws:s3:::logs-????/*", "arn:aws:kms:*:111122223333:key/*"]}]})"));
  CHECK(evaluate(set, request("s3:GetObject", "arn:aws:s3:::logs-2026/a")).decision == Decision::Allow);
  CHECK(evaluate(set, request("s3:GetObjectAcl", "arn:aws:s3:::logs-2026/a")).decision == Decision::Allow);
  CHECK(evaluate(set, request("s3:GetObject", "arn:aws:s3:::logs-20266/a")).decision == Decision::ImplicitDeny);
  CHECK(evaluate(set, request("s3:GetObject", "arn:aws:s3:::LOGS-2026/a")).decision == Decision::ImplicitDeny);
  CHECK(evaluate(set, request("kms:Decrypt", "arn:aws:kms:eu-west-1:111122223333:key/k1")).decision == Decision::Allow);
  CHECK(evaluate(set, request("kms:Decrypt", "arn:aws:kms:eu-west-1:444455556666:key/k1")).decision ==
        Decision::ImplicitDeny);
  CHECK(evaluate(set, request("kms:ReEncrypt", "arn:aws:kms:eu-west-1:111122223333:key/k1")).decision ==
        Decision::ImplicitDeny);
}

TEST_CASE("evaluate: Bedrock access scoped by principal tag (tenant isolation)") {
  PolicySet set;
  set.identity.push_back(named("tenant-access", R"({"Version": "2012-10-17", "Statement": [
      {"Sid": "InvokeOwnTenant", "Effect": "Allow", "Action": "bedrock:InvokeModel*",
       "Resource": "arn:aws:bedrock:*:111122223333:inference-profile/*",
       "Condition": {"StringEquals": {"aws:ResourceTag/tenant": "${aws:PrincipalTag/tenant}"}}},
      {"Sid": "DenyOtherTenants", "Effect": "Deny", "Action": "bedrock:*", "Resource": "*",
       "Condition": {"StringNotEqualsIfExists": {"aws:ResourceTag/tenant": "${aws:PrincipalTag/tenant}"}}}]})"));
  auto r = request("bedrock:InvokeModel", "arn:aws:bedrock:us-east-1:111122223333:inference-profile/acme-claude");
  r.principal_tags["tenant"] = "acme";

  r.resource_tags["Tenant"] = "acme";  // tag keys match case-insensitively
  auto ev = evaluate(set, r);
  CHECK(ev.decision == Decision::Allow);
  CHECK(ev.by->sid == "InvokeOwnTenant");

  r.resource_tags["Tenant"] = "globex";
  ev = evaluate(set, r);
  CHECK(ev.decision == Decision::ExplicitDeny);
  CHECK(ev.by->sid == "DenyOtherTenants");
  CHECK_FALSE(ev.conservative);

  // The resource's tags are not known: the Allow cannot be shown to apply, the
  // Deny might, so the answer is a (conservative) deny.
  r.resource_tags.clear();
  ev = evaluate(set, r);
  CHECK(ev.decision == Decision::ExplicitDeny);
  CHECK(ev.conservative);
  CHECK(ev.undecided == std::vector<StatementRef>{{"tenant-access", "InvokeOwnTenant", 0}});

  // The caller has no tenant tag: the variable cannot be substituted.
  r.principal_tags.clear();
  r.resource_tags["tenant"] = "acme";
  CHECK(evaluate(set, r).decision == Decision::ExplicitDeny);

  // Known to be untagged: the IfExists Deny holds vacuously (AWS's rule), for certain.
  r.principal_tags["tenant"] = "acme";
  r.resource_tags.clear();
  r.context_complete = true;
  ev = evaluate(set, r);
  CHECK(ev.decision == Decision::ExplicitDeny);
  CHECK_FALSE(ev.conservative);
}

TEST_CASE("evaluate: permissions boundary caps identity policies") {
  PolicySet set;
  set.identity.push_back(named("broad", R"({"Version": "2012-10-17", "Statement": [
      {"Sid": "Everything", "Effect": "Allow", "Action": ["s3:*", "iam:*", "bedrock:*"], "Resource": "*"}]})"));
  set.boundary = named("boundary", R"({"Version": "2012-10-17", "Statement": [
      {"Effect": "Allow", "Action": ["s3:*", "bedrock:Invoke*"], "Resource": "*"},
      {"Effect": "Deny", "Action": "s3:DeleteBucket", "Resource": "*"}]})");
  CHECK(evaluate(set, request("s3:GetObject", "arn:aws:s3:::b/k")).decision == Decision::Allow);
  CHECK(evaluate(set, request("bedrock:InvokeModel", "*")).decision == Decision::Allow);
  const auto iam = evaluate(set, request("iam:CreateUser", "*"));
  CHECK(iam.decision == Decision::ImplicitDeny);
  CHECK(iam.reason == "broad/Everything allows iam:CreateUser but the permissions boundary boundary does not");
  const auto del = evaluate(set, request("s3:DeleteBucket", "arn:aws:s3:::b"));
  CHECK(del.decision == Decision::ExplicitDeny);
  CHECK(del.by->policy == "boundary");
  // A boundary grants nothing by itself.
  PolicySet only_boundary;
  only_boundary.boundary = set.boundary;
  CHECK(evaluate(only_boundary, request("s3:GetObject", "arn:aws:s3:::b/k")).decision == Decision::ImplicitDeny);
}

TEST_CASE("evaluate: resource policies, same account and cross-account") {
  const auto bucket = named("bucket-policy", R"({"Version": "2012-10-17", "Statement": [
      {"Sid": "AppRead", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/app"},
       "Action": "s3:GetObject", "Resource": "arn:aws:s3:::data/*"},
      {"Sid": "PartnerRead", "Effect": "Allow", "Principal": {"AWS": "444455556666"},
       "Action": "s3:GetObject", "Resource": "arn:aws:s3:::data/*"},
      {"Sid": "TlsOnly", "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "arn:aws:s3:::data/*",
       "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]})");
  PolicySet set;
  set.resource.push_back(bucket);
  auto r = request("s3:GetObject", "arn:aws:s3:::data/x");
  r.context["aws:SecureTransport"] = {"true"};
  r.resource_account = "111122223333";
  // Same account: the bucket policy alone is enough.
  auto ev = evaluate(set, r);
  CHECK(ev.decision == Decision::Allow);
  CHECK(ev.by->sid == "AppRead");
  // An assumed-role session of the role matches the role principal.
  r.principal = "arn:aws:sts::111122223333:assumed-role/app/session-1";
  CHECK(evaluate(set, r).decision == Decision::Allow);
  r.principal = "arn:aws:iam::111122223333:role/other";
  CHECK(evaluate(set, r).decision == Decision::ImplicitDeny);

  // Cross-account: both the bucket policy and the caller's identity policy.
  r.principal = "arn:aws:iam::444455556666:role/partner";
  ev = evaluate(set, r);
  CHECK(ev.decision == Decision::ImplicitDeny);
  CHECK(ev.reason ==
        "cross-account: bucket-policy/PartnerRead allows s3:GetObject but no identity policy of the principal does");
  set.identity.push_back(named("partner", R"({"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}})"));
  CHECK(evaluate(set, r).decision == Decision::Allow);
  r.context["aws:SecureTransport"] = {"false"};
  CHECK(evaluate(set, r).by->sid == "TlsOnly");
}

TEST_CASE("evaluate: trust policies") {
  PolicySet set;
  set.resource.push_back(named("trust", R"({"Version": "2012-10-17", "Statement": [
      {"Effect": "Allow", "Principal": {"Service": ["lambda.amazonaws.com"]}, "Action": "sts:AssumeRole"},
      {"Sid": "Vendor", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:root"}, "Action": "sts:AssumeRole",
       "Condition": {"StringEquals": {"sts:ExternalId": "ext-123"}}}]})"));
  const std::string role = "arn:aws:iam::111122223333:role/fn";
  CHECK(evaluate(set, request("sts:AssumeRole", role, "lambda.amazonaws.com")).decision == Decision::Allow);
  CHECK(evaluate(set, request("sts:AssumeRole", role, "ec2.amazonaws.com")).decision == Decision::ImplicitDeny);
  // The vendor account: cross-account, so its own identity policy must allow too.
  set.identity.push_back(named("vendor", R"({"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*"}})"));
  auto r = request("sts:AssumeRole", role, "arn:aws:iam::444455556666:role/vendor");
  CHECK(evaluate(set, r).decision == Decision::ImplicitDeny);  // ExternalId unknown
  r.context["sts:ExternalId"] = {"ext-123"};
  CHECK(evaluate(set, r).decision == Decision::Allow);
  r.context["sts:ExternalId"] = {"guess"};
  CHECK(evaluate(set, r).decision == Decision::ImplicitDeny);
}

TEST_CASE("evaluate: CloudFormation intrinsics in resources") {
  PolicySet set;
  set.identity.push_back(named("cfn", R"({"Version": "2012-10-17", "Statement": [
      {"Sid": "Logs", "Effect": "Allow", "Action": "logs:PutLogEvents",
       "Resource": {"Fn::Sub": "arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:/aip/*"}},
      {"Sid": "Data", "Effect": "Allow", "Action": "s3:GetObject",
       "Resource": [{"Fn::Sub": "${DataBucket.Arn}/*"}, {"Fn::Join": ["", [{"Fn::GetAtt": ["Archive", "Arn"]}, "/*"]]}]},
      {"Sid": "Home", "Effect": "Allow", "Action": "s3:PutObject",
       "Resource": {"Fn::Sub": ["arn:aws:s3:::${B}/${!aws:PrincipalTag/team}/*", {"B": {"Ref": "HomeBucket"}}]}},
      {"Sid": "NoKey", "Effect": "Deny", "Action": "kms:*", "Resource": {"Fn::GetAtt": ["Key", "Arn"]}}]})"));
  const Resolver resolver = [](const Json& v) -> std::optional<std::string> {
    if (v == Json::parse(R"({"Fn::GetAtt": ["DataBucket", "Arn"]})")) return "arn:aws:s3:::data-bucket";
    if (v == Json::parse(R"({"Fn::GetAtt": ["Archive", "Arn"]})")) return "arn:aws:s3:::archive";
    if (v == Json::parse(R"({"Ref": "HomeBucket"})")) return "home";
    return std::nullopt;
  };
  const std::string group = "arn:aws:logs:us-east-1:111122223333:log-group:/aip/app:log-stream:s";
  CHECK(evaluate(set, request("logs:PutLogEvents", group)).decision == Decision::Allow);
  CHECK(evaluate(set, request("logs:PutLogEvents", "arn:aws:logs:eu-west-1:111122223333:log-group:/aip/a:log-stream:s"))
            .decision == Decision::ImplicitDeny);
  // No region known: the Fn::Sub cannot be resolved, so the Allow does not apply.
  auto r = request("logs:PutLogEvents", group);
  r.region.clear();
  CHECK(evaluate(set, r).decision == Decision::ImplicitDeny);

  CHECK(evaluate(set, request("s3:GetObject", "arn:aws:s3:::data-bucket/k"), resolver).decision == Decision::Allow);
  CHECK(evaluate(set, request("s3:GetObject", "arn:aws:s3:::archive/k"), resolver).decision == Decision::Allow);
  CHECK(evaluate(set, request("s3:GetObject", "arn:aws:s3:::data-bucket/k")).decision == Decision::ImplicitDeny);

  auto put = request("s3:PutObject", "arn:aws:s3:::home/ml/model.bin");
  put.principal_tags["team"] = "ml";
  CHECK(evaluate(set, put, resolver).decision == Decision::Allow);
  put.principal_tags["team"] = "web";
  CHECK(evaluate(set, put, resolver).decision == Decision::ImplicitDeny);

  // An unresolvable Deny resource is assumed to match.
  const auto kms = evaluate(set, request("kms:Decrypt", "arn:aws:kms:us-east-1:111122223333:key/k"), resolver);
  CHECK(kms.decision == Decision::ExplicitDeny);
  CHECK(kms.conservative);
}

TEST_CASE("evaluate: policy variables only in Version 2012-10-17") {
  const char* body = R"("Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/${aws:PrincipalTag/team}/*"}})";
  PolicySet modern, legacy;
  modern.identity.push_back(named("m", (std::string(R"({"Version": "2012-10-17", )") + body).c_str()));
  legacy.identity.push_back(named("l", (std::string(R"({"Version": "2008-10-17", )") + body).c_str()));
  auto r = request("s3:GetObject", "arn:aws:s3:::b/ml/x");
  r.principal_tags["team"] = "ml";
  CHECK(evaluate(modern, r).decision == Decision::Allow);
  CHECK(evaluate(legacy, r).decision == Decision::ImplicitDeny);
  r.resource = "arn:aws:s3:::b/${aws:PrincipalTag/team}/x";
  CHECK(evaluate(legacy, r).decision == Decision::Allow);
}
