// Every resource type that holds a policy document (iam/documents.hpp) gets
// the IAM change analysis: widening a standalone role, user or group policy,
// or a queue or topic policy, is broadened access exactly as widening an
// AWS::IAM::Policy is.
#include <catch2/catch.hpp>

#include "diff_test_support.hpp"

using nlohmann::json;
using namespace aip;
using aip::test::diff_result;
using aip::test::diff_templates;
using aip::test::tmpl;

namespace {

json document(json statement) { return {{"Version", "2012-10-17"}, {"Statement", json::array({statement})}}; }

json narrow_statement(bool with_principal) {
  json s = {{"Effect", "Allow"}, {"Action", "s3:GetObject"}, {"Resource", "arn:aws:s3:::data/*"}};
  if (with_principal) s["Principal"] = {{"AWS", "arn:aws:iam::111111111111:root"}};
  return s;
}

// The widening of the issue: one action on one bucket -> two actions on everything.
json wide_statement(bool with_principal) {
  json s = narrow_statement(with_principal);
  s["Action"] = {"s3:GetObject", "s3:DeleteObject"};
  s["Resource"] = "*";
  return s;
}

struct PolicyResource {
  const char* type;
  const char* attachment;  // the property naming what the policy applies to
  bool resource_policy;    // statements name a Principal
};

json policy_resource(const PolicyResource& p, json statement) {
  json props = {{"PolicyDocument", document(std::move(statement))}};
  props[p.attachment] = p.resource_policy ? json::array({{{"Ref", "Target"}}}) : json({{"Ref", "Target"}});
  if (!p.resource_policy) props["PolicyName"] = "app";
  return {{"Type", p.type}, {"Properties", props}};
}

const PolicyResource kTypes[] = {
    {"AWS::IAM::Policy", "Roles", false},  // the reference: reported before the table was one
    {"AWS::IAM::RolePolicy", "RoleName", false},
    {"AWS::IAM::UserPolicy", "UserName", false},
    {"AWS::IAM::GroupPolicy", "GroupName", false},
    {"AWS::SQS::QueuePolicy", "Queues", true},
    {"AWS::SNS::TopicPolicy", "Topics", true},
};

}  // namespace

TEST_CASE("widening a role, user, group, queue or topic policy broadens access, as an IAM policy does") {
  for (const PolicyResource& p : kTypes) {
    INFO(p.type);
    const json before = tmpl({{"P", policy_resource(p, narrow_statement(p.resource_policy))}});
    const json after = tmpl({{"P", policy_resource(p, wide_statement(p.resource_policy))}});
    auto sd = diff_templates(before, after);
    REQUIRE(sd.iam.size() == 2);
    CHECK(sd.iam[0].added);
    CHECK(sd.iam[0].broadens);
    CHECK(sd.iam[0].why == "widens an existing Allow");
    CHECK(sd.iam[0].resource == "P");
    CHECK(sd.iam[0].resource_type == p.type);
    CHECK(sd.iam[0].property == "PolicyDocument");
    CHECK(sd.iam[0].actions == std::vector<std::string>{"s3:DeleteObject", "s3:GetObject"});
    CHECK(sd.iam[0].resources == std::vector<std::string>{"*"});
    CHECK_FALSE(sd.iam[1].added);
    CHECK_FALSE(sd.iam[1].broadens);
    CHECK(sd.iam[1].why == "removes an Allow");

    auto result = diff_result(before, after);
    CHECK(result.summary.broadened);
    CHECK(diff::triggers(result, diff::FailOn::Broadened));
    // The reverse narrows: no broadening, --fail-on broadened passes.
    CHECK_FALSE(diff::triggers(diff_result(after, before), diff::FailOn::Broadened));
  }
}

TEST_CASE("reordered statements of a role policy are no change: its document is compared in canonical form") {
  const json read = narrow_statement(false);
  json list = {{"Effect", "Allow"}, {"Action", "s3:ListBucket"}, {"Resource", "arn:aws:s3:::data"}};
  auto make = [](json statements) {
    return json{{"Type", "AWS::IAM::RolePolicy"},
                {"Properties",
                 {{"RoleName", {{"Ref", "Target"}}},
                  {"PolicyName", "app"},
                  {"PolicyDocument", {{"Version", "2012-10-17"}, {"Statement", statements}}}}}};
  };
  auto sd = diff_templates(tmpl({{"P", make(json::array({read, list}))}}), tmpl({{"P", make(json::array({list, read}))}}));
  CHECK(sd.iam.empty());
  CHECK(sd.resources.empty());
}

TEST_CASE("queue and topic inline policies and the EventBusPolicy statement are analysed too") {
  SECTION("inline policies") {
    for (const char* type : {"AWS::SQS::QueueInlinePolicy", "AWS::SNS::TopicInlinePolicy"}) {
      INFO(type);
      auto make = [&](json statement) {
        return json{{"Type", type}, {"Properties", {{"PolicyDocument", document(std::move(statement))}}}};
      };
      auto sd = diff_templates(tmpl({{"P", make(narrow_statement(true))}}), tmpl({{"P", make(wide_statement(true))}}));
      REQUIRE(sd.iam.size() == 2);
      CHECK(sd.iam[0].broadens);
      CHECK(sd.iam[0].why == "widens an existing Allow");
    }
  }
  SECTION("an event bus policy statement opened to everyone") {
    auto bus_policy = [](json principal) {
      return json{{"Type", "AWS::Events::EventBusPolicy"},
                  {"Properties",
                   {{"StatementId", "s"},
                    {"Statement",
                     {{"Effect", "Allow"}, {"Principal", principal}, {"Action", "events:PutEvents"}, {"Resource", "*"}}}}}};
    };
    auto sd = diff_templates(tmpl({{"B", bus_policy({{"AWS", "arn:aws:iam::111111111111:root"}})}}),
                             tmpl({{"B", bus_policy("*")}}));
    REQUIRE(sd.iam.size() == 2);
    CHECK(sd.iam[0].added);
    CHECK(sd.iam[0].broadens);
    CHECK(sd.iam[0].property == "Statement");
  }
}

TEST_CASE("a resource policy moved to another queue, topic or bucket broadens access to the new target") {
  struct Move {
    const char* type;
    const char* property;
    bool list;
  };
  const Move moves[] = {{"AWS::SQS::QueuePolicy", "Queues", true},
                        {"AWS::SNS::TopicPolicy", "Topics", true},
                        {"AWS::S3::BucketPolicy", "Bucket", false}};
  for (const Move& m : moves) {
    INFO(m.type);
    auto policy = [&](const char* target) {
      json props = {{"PolicyDocument", document(narrow_statement(true))}};
      json ref = {{"Ref", target}};
      props[m.property] = m.list ? json::array({ref}) : ref;
      return json{{"Type", m.type}, {"Properties", props}};
    };
    const json before = tmpl({{"P", policy("Jobs")}});
    const json after = tmpl({{"P", policy("Payroll")}});
    auto sd = diff_templates(before, after);
    REQUIRE(sd.iam.size() == 2);
    CHECK(sd.iam[0].added);
    CHECK(sd.iam[0].broadens);
    CHECK(sd.iam[0].target == "!Ref Payroll");
    CHECK(sd.iam[0].why == "new target !Ref Payroll: the policy now grants access to it");
    CHECK(sd.iam[0].property == "PolicyDocument");
    CHECK_FALSE(sd.iam[1].added);
    CHECK_FALSE(sd.iam[1].broadens);
    CHECK(sd.iam[1].target == "!Ref Jobs");
    auto result = diff_result(before, after);
    CHECK(result.summary.broadened);
    CHECK(diff::triggers(result, diff::FailOn::Broadened));
    CHECK(diff::render_text(result, false).find("[P PolicyDocument of !Ref Payroll] (broadens: new target !Ref Payroll") !=
          std::string::npos);
    CHECK(diff::render_json(result)["stacks"][0]["iam_statements"][0]["target"] == "!Ref Payroll");
    CHECK(diff::render_markdown(result).find("`P` PolicyDocument of `!Ref Payroll`") != std::string::npos);
    // Moving it back broadens access to Jobs in turn; the same target is no change.
    CHECK(diff::triggers(diff_result(after, before), diff::FailOn::Broadened));
    CHECK(diff_templates(before, before).iam.empty());
  }
  SECTION("one more queue in the list broadens access to that queue only") {
    auto policy = [](json queues) {
      return json{{"Type", "AWS::SQS::QueuePolicy"},
                  {"Properties", {{"PolicyDocument", document(narrow_statement(true))}, {"Queues", queues}}}};
    };
    auto sd = diff_templates(tmpl({{"P", policy(json::array({{{"Ref", "A"}}}))}}),
                             tmpl({{"P", policy(json::array({{{"Ref", "A"}}, {{"Ref", "B"}}}))}}));
    REQUIRE(sd.iam.size() == 1);
    CHECK(sd.iam[0].added);
    CHECK(sd.iam[0].broadens);
    CHECK(sd.iam[0].target == "!Ref B");
  }
}
