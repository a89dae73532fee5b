// Template diff: values, lists, replacement, data loss, renames, renderers.
#include <catch2/catch.hpp>

#include "diff/values.hpp"
#include "diff_test_support.hpp"

using nlohmann::json;
using namespace aip;
using aip::test::diff_templates;
using aip::test::find;
using aip::test::tmpl;

namespace {

json subnet(const std::string& cidr) {
  return {{"Type", "AWS::EC2::Subnet"},
          {"Properties", {{"VpcId", {{"Ref", "Vpc"}}}, {"CidrBlock", cidr}}}};
}

}  // namespace

TEST_CASE("intrinsics render readably") {
  CHECK(diff::render_value(json{{"Ref", "Vpc"}}) == "!Ref Vpc");
  CHECK(diff::render_value(json{{"Fn::GetAtt", {"Role", "Arn"}}}) == "!GetAtt Role.Arn");
  CHECK(diff::render_value(json{{"Fn::GetAtt", "Role.Arn"}}) == "!GetAtt Role.Arn");
  CHECK(diff::render_value(json{{"Fn::Sub", "arn:${AWS::Partition}:s3:::b"}}) == "!Sub \"arn:${AWS::Partition}:s3:::b\"");
  CHECK(diff::render_value(json{{"Fn::ImportValue", "net-VpcId"}}) == "!ImportValue \"net-VpcId\"");
  CHECK(diff::render_value(json{{"Fn::Select", {0, {{"Fn::GetAZs", ""}}}}}) == "!Select [0, !GetAZs \"\"]");
  CHECK(diff::render_value(json{{"Fn::Join", {",", {"a", {{"Ref", "B"}}}}}}) == "!Join [\",\", [\"a\", !Ref B]]");
  CHECK(diff::render_value(json{{"Key", "Name"}, {"Value", 3}}) == "{Key: \"Name\", Value: 3}");
  CHECK(diff::render_value(json()) == "(none)");
}

TEST_CASE("values are equal the way CloudFormation sees them") {
  CHECK(diff::cfn_equal(json(10), json("10")));
  CHECK(diff::cfn_equal(json(true), json("true")));
  CHECK(diff::cfn_equal(json{{"Fn::GetAtt", "A.B"}}, json{{"Fn::GetAtt", {"A", "B"}}}));
  CHECK(diff::cfn_equal(json{{"DependsOn", {"A", "B"}}}, json{{"DependsOn", {"B", "A"}}}));
  CHECK(diff::cfn_equal(json{{"DependsOn", "A"}}, json{{"DependsOn", {"A"}}}));
  CHECK_FALSE(diff::cfn_equal(json("10.0"), json("abc")));
  CHECK_FALSE(diff::cfn_equal(json({1, 2}), json({2, 1})));
  CHECK_FALSE(diff::cfn_equal(json("inf"), json("Infinity")));
}

TEST_CASE("an identical template has no changes and renders nothing") {
  json t = tmpl({{"Vpc", {{"Type", "AWS::EC2::VPC"}, {"Properties", {{"CidrBlock", "10.0.0.0/16"}}}}}});
  auto result = test::diff_result(t, t);
  CHECK(result.empty());
  CHECK(diff::render_text(result, false).empty());
  CHECK(diff::render_json(result)["stacks"].empty());
  CHECK_FALSE(diff::triggers(result, diff::FailOn::Any));
}

TEST_CASE("a createOnly change replaces the resource and names the property") {
  json a = tmpl({{"Vpc", {{"Type", "AWS::EC2::VPC"}, {"Properties", {{"CidrBlock", "10.0.0.0/16"}}}}},
                 {"SubnetA", subnet("10.0.0.0/24")}});
  json b = a;
  b["Resources"]["SubnetA"]["Properties"]["CidrBlock"] = "10.0.9.0/24";
  auto sd = diff_templates(a, b);
  REQUIRE(sd.resources.size() == 1);
  const auto& rc = sd.resources[0];
  CHECK(rc.kind == diff::ChangeKind::Replaced);
  REQUIRE(rc.changes.size() == 1);
  CHECK(rc.changes[0].replacement == diff::Replacement::Always);
  CHECK(diff::path_text(rc.changes[0].path) == "CidrBlock");
  CHECK(rc.replacement_reasons == std::vector<std::string>{"CidrBlock changes (createOnly)"});
  CHECK_FALSE(rc.data_loss);  // subnets hold no data
  const std::string text = diff::render_text(test::diff_result(a, b), false);
  CHECK(text.find("[!] AWS::EC2::Subnet SubnetA (replace)") != std::string::npos);
  CHECK(text.find("~ CidrBlock: \"10.0.0.0/24\" -> \"10.0.9.0/24\" (requires replacement)") != std::string::npos);
}

TEST_CASE("replacement propagates through createOnly references") {
  json a = tmpl({{"Vpc", {{"Type", "AWS::EC2::VPC"}, {"Properties", {{"CidrBlock", "10.0.0.0/16"}}}}},
                 {"SubnetA", subnet("10.0.0.0/24")},
                 {"Topic", {{"Type", "AWS::SNS::Topic"}, {"Properties", {{"DisplayName", {{"Ref", "Vpc"}}}}}}}});
  json b = a;
  b["Resources"]["Vpc"]["Properties"]["CidrBlock"] = "10.1.0.0/16";
  auto sd = diff_templates(a, b);
  CHECK(test::classes(sd) == std::map<std::string, std::string>{{"SubnetA", "replaced"}, {"Vpc", "replaced"}});
  CHECK(find(sd, "SubnetA")->replacement_reasons ==
        std::vector<std::string>{"VpcId refers to Vpc, which is replaced (createOnly)"});
}

TEST_CASE("a type change replaces") {
  auto sd = diff_templates(tmpl({{"X", {{"Type", "AWS::SNS::Topic"}}}}), tmpl({{"X", {{"Type", "AWS::SQS::Queue"}}}}));
  REQUIRE(sd.resources.size() == 1);
  CHECK(sd.resources[0].kind == diff::ChangeKind::Replaced);
  CHECK(sd.resources[0].replacement_reasons[0] == "the resource type changes from AWS::SNS::Topic to AWS::SQS::Queue");
}

TEST_CASE("stateful resources: data loss unless the policy keeps them") {
  json bucket = {{"Type", "AWS::S3::Bucket"}, {"Properties", {{"BucketName", "a"}}}};
  json renamed = bucket;
  renamed["Properties"]["BucketName"] = "b";
  SECTION("replaced without UpdateReplacePolicy") {
    auto sd = diff_templates(tmpl({{"B", bucket}}), tmpl({{"B", renamed}}));
    REQUIRE(sd.resources[0].data_loss);
    CHECK_FALSE(sd.resources[0].data_loss->possible_only);
    CHECK(sd.resources[0].data_loss->reason ==
          "replacing AWS::S3::Bucket B deletes it with its data (UpdateReplacePolicy is not set)");
  }
  SECTION("replaced with UpdateReplacePolicy Retain") {
    bucket["UpdateReplacePolicy"] = "Retain";
    renamed["UpdateReplacePolicy"] = "Retain";
    auto sd = diff_templates(tmpl({{"B", bucket}}), tmpl({{"B", renamed}}));
    CHECK_FALSE(sd.resources[0].data_loss);
    CHECK(sd.resources[0].retained_note.find("kept in the account") != std::string::npos);
  }
  SECTION("removed with DeletionPolicy Delete") {
    bucket["DeletionPolicy"] = "Delete";
    auto sd = diff_templates(tmpl({{"B", bucket}}), tmpl(json::object()));
    REQUIRE(sd.resources[0].data_loss);
    CHECK(sd.resources[0].data_loss->reason == "deleting AWS::S3::Bucket B destroys its data (DeletionPolicy: Delete)");
  }
  SECTION("Snapshot where it does not apply keeps nothing") {
    bucket["DeletionPolicy"] = "Snapshot";
    auto sd = diff_templates(tmpl({{"B", bucket}}), tmpl(json::object()));
    REQUIRE(sd.resources[0].data_loss);
    CHECK(sd.resources[0].data_loss->reason.find("Snapshot is not supported for AWS::S3::Bucket") != std::string::npos);
  }
  SECTION("Snapshot on a database keeps a final snapshot") {
    json cluster = {{"Type", "AWS::RDS::DBCluster"},
                    {"UpdateReplacePolicy", "Snapshot"},
                    {"Properties", {{"Engine", "aurora-postgresql"}, {"StorageEncrypted", true}}}};
    json changed = cluster;
    changed["Properties"]["StorageEncrypted"] = false;
    auto sd = diff_templates(tmpl({{"Db", cluster}}), tmpl({{"Db", changed}}));
    CHECK(sd.resources[0].kind == diff::ChangeKind::Replaced);
    CHECK_FALSE(sd.resources[0].data_loss);
    CHECK(sd.resources[0].retained_note.find("final snapshot") != std::string::npos);
  }
}

TEST_CASE("a removed and an added resource with near-identical properties are a likely rename") {
  json sg = {{"Type", "AWS::EC2::SecurityGroup"},
             {"Properties",
              {{"GroupDescription", "web"},
               {"VpcId", {{"Ref", "Vpc"}}},
               {"Tags", {{{"Key", "Name"}, {"Value", "web"}}}}}}};
  json renamed = sg;
  renamed["Properties"]["Tags"][0]["Value"] = "front";
  auto sd = diff_templates(tmpl({{"WebSg", sg}, {"Other", {{"Type", "AWS::SNS::Topic"}}}}),
                           tmpl({{"FrontSg", renamed}, {"Queue", {{"Type", "AWS::SQS::Queue"}}}}));
  REQUIRE(sd.renames.size() == 1);
  CHECK(sd.renames[0].from == "WebSg");
  CHECK(sd.renames[0].to == "FrontSg");
  CHECK(find(sd, "WebSg")->renamed_to == "FrontSg");
  CHECK(find(sd, "FrontSg")->renamed_from == "WebSg");
  CHECK(find(sd, "Other")->renamed_to.empty());  // different types are never a rename
  auto result = test::diff_result(tmpl({{"WebSg", sg}}), tmpl({{"FrontSg", renamed}}));
  CHECK(diff::triggers(result, diff::FailOn::Replace));
  CHECK(diff::render_text(result, false).find("likely renamed to FrontSg") != std::string::npos);
}

TEST_CASE("ordered lists: an insertion is one addition, a reorder is a move") {
  json a = tmpl({{"Db", {{"Type", "AWS::RDS::DBSubnetGroup"},
                         {"Properties", {{"DBSubnetGroupDescription", "d"}, {"SubnetIds", {"s1", "s2", "s3"}}}}}}});
  json b = a;
  b["Resources"]["Db"]["Properties"]["SubnetIds"] = {"s1", "s9", "s2", "s3"};
  auto sd = diff_templates(a, b);
  REQUIRE(sd.resources[0].changes.size() == 1);
  CHECK(sd.resources[0].changes[0].op == diff::ValueChange::Op::Added);
  CHECK(diff::path_text(sd.resources[0].changes[0].path) == "SubnetIds[1]");

  b["Resources"]["Db"]["Properties"]["SubnetIds"] = {"s3", "s1", "s2"};
  sd = diff_templates(a, b);
  REQUIRE(sd.resources[0].changes.size() == 1);
  CHECK(sd.resources[0].changes[0].op == diff::ValueChange::Op::Moved);
  CHECK(sd.resources[0].changes[0].note == "moved from position 2 to 0");

  b["Resources"]["Db"]["Properties"]["SubnetIds"] = {"s1", "sX", "s3"};
  sd = diff_templates(a, b);
  REQUIRE(sd.resources[0].changes.size() == 1);
  CHECK(sd.resources[0].changes[0].op == diff::ValueChange::Op::Changed);
  CHECK(diff::path_text(sd.resources[0].changes[0].path) == "SubnetIds[1]");
}

TEST_CASE("tags are compared by key, security group rules as a set") {
  json a = tmpl({{"T", {{"Type", "AWS::SNS::Topic"},
                        {"Properties", {{"Tags", {{{"Key", "a"}, {"Value", "1"}}, {{"Key", "b"}, {"Value", "2"}}}}}}}}});
  json b = a;
  b["Resources"]["T"]["Properties"]["Tags"] = {{{"Key", "b"}, {"Value", "3"}}, {{"Key", "a"}, {"Value", "1"}}};
  auto sd = diff_templates(a, b);
  REQUIRE(sd.resources[0].changes.size() == 1);
  CHECK(diff::path_text(sd.resources[0].changes[0].path) == "Tags[Key=b].Value");
  CHECK(sd.resources[0].changes[0].old_value == "2");
}

TEST_CASE("IAM documents are normalised before they are compared") {
  json doc = {{"Version", "2012-10-17"},
              {"Statement", {{{"Effect", "Allow"}, {"Action", "s3:GetObject"}, {"Resource", "*"}},
                             {{"Effect", "Allow"}, {"Action", {"sqs:SendMessage"}}, {"Resource", {"*"}}}}}};
  json same = {{"Version", "2012-10-17"},
               {"Statement", {{{"Effect", "Allow"}, {"Action", {"sqs:SendMessage"}}, {"Resource", "*"}},
                              {{"Effect", "Allow"}, {"Action", {"S3:GetObject"}}, {"Resource", {"*"}}}}}};
  json policy = {{"Type", "AWS::IAM::ManagedPolicy"}, {"Properties", {{"PolicyDocument", doc}}}};
  json policy2 = {{"Type", "AWS::IAM::ManagedPolicy"}, {"Properties", {{"PolicyDocument", same}}}};
  CHECK(diff_templates(tmpl({{"P", policy}}), tmpl({{"P", policy2}})).empty());
}

TEST_CASE("other sections: outputs and description") {
  json a = tmpl({{"T", {{"Type", "AWS::SNS::Topic"}}}});
  json b = a;
  a["Outputs"] = {{"TopicArn", {{"Value", {{"Ref", "T"}}}}}};
  b["Outputs"] = {{"TopicArn", {{"Value", {{"Ref", "T"}}}, {"Export", {{"Name", "x"}}}}}};
  b["Description"] = "now described";
  auto sd = diff_templates(a, b);
  CHECK(sd.resources.empty());
  REQUIRE(sd.sections.size() == 2);
  CHECK(sd.sections[0].section == "Description");
  CHECK(sd.sections[1].section == "Outputs");
  CHECK(sd.sections[1].name == "TopicArn");
  CHECK(diff::path_text(sd.sections[1].change.path) == "Export");
}

TEST_CASE("json and markdown carry the classification and findings") {
  json bucket = {{"Type", "AWS::S3::Bucket"}, {"Properties", {{"BucketName", "a"}}}};
  json renamed = bucket;
  renamed["Properties"]["BucketName"] = "b";
  auto result = test::diff_result(tmpl({{"B", bucket}}), tmpl({{"B", renamed}}));
  json j = diff::render_json(result);
  CHECK(j["format"] == "aip-diff/1");
  CHECK(j["summary"]["replaced"] == 1);
  CHECK(j["summary"]["data_loss"] == 1);
  const json& r = j["stacks"][0]["resources"][0];
  CHECK(r["change"] == "replaced");
  CHECK(r["changes"][0]["path"] == "BucketName");
  CHECK(r["changes"][0]["replacement"] == "always");
  CHECK(r["changes"][0]["old_text"] == "\"a\"");
  CHECK(r["data_loss"]["possible_only"] == false);
  const std::string md = diff::render_markdown(result);
  CHECK(md.find("> [!WARNING]") != std::string::npos);
  CHECK(md.find("| `B` | `AWS::S3::Bucket` | **replace** |") != std::string::npos);
  CHECK(md.find("```diff") != std::string::npos);
  CHECK(diff::triggers(result, diff::FailOn::DataLoss));
  CHECK(diff::triggers(result, diff::FailOn::Replace));
  CHECK_FALSE(diff::triggers(result, diff::FailOn::Broadened));
  const std::string colored = diff::render_text(result, true);
  CHECK(colored.find("\033[") != std::string::npos);
  CHECK(diff::render_text(result, false).find("\033[") == std::string::npos);
}

TEST_CASE("fail-on levels parse") {
  CHECK(diff::parse_fail_on("replace") == diff::FailOn::Replace);
  CHECK(diff::parse_fail_on("data-loss") == diff::FailOn::DataLoss);
  CHECK(diff::parse_fail_on("broadened") == diff::FailOn::Broadened);
  CHECK(diff::parse_fail_on("any") == diff::FailOn::Any);
  CHECK_FALSE(diff::parse_fail_on("everything"));
}
