// AIP-IAM-005 over the escalation catalogue (data/escalation-paths.json):
// every path reported when each step is granted, and not when one is missing.
#include <catch2/catch.hpp>

#include <fmt/format.h>

#include "iam/escalation.hpp"
#include "lint_test_support.hpp"

using aip::lint::test::lint_template;

namespace {

const char* const kRule = "AIP-IAM-005";

// A role whose one inline policy holds `statements` (YAML flow mappings, one a line).
std::string role_with(const std::vector<std::string>& statements, const std::string& extra_properties = "",
                      const std::string& extra_resources = "") {
  std::string body;
  for (const std::string& s : statements) body += "              - " + s + "\n";
  if (statements.empty()) body = "              - {Effect: Allow, Action: s3:ListAllMyBuckets, Resource: '*'}\n";
  return R"(AWSTemplateFormatVersion: '2010-09-09'
Resources:
  App:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - {Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: sts:AssumeRole}
)" + extra_properties + R"(      Policies:
        - PolicyName: p
          PolicyDocument:
            Version: '2012-10-17'
            Statement:
)" + body + extra_resources;
}

std::string allow(const std::string& action, const std::string& resource = "'*'") {
  return fmt::format("{{Effect: Allow, Action: '{}', Resource: {}}}", action, resource);
}

// The finding's message names the path as "(id: actions)".
bool reports(const aip::lint::test::Linted& l, const std::string& id) {
  for (const auto& f : l.of(kRule)) {
    if (f.message.find("(" + id + ": ") != std::string::npos) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("AIP-IAM-005: every catalogue path, and each path without one of its steps") {
  const auto& paths = aip::iam::escalation_paths();
  REQUIRE(paths.size() >= 40);
  for (const auto& path : paths) {
    INFO(path.id);
    CHECK(!path.name.empty());
    CHECK(!path.source.empty());
    std::vector<std::string> all;
    for (const auto& step : path.requires_) all.push_back(allow(step.actions.front()));
    auto granted = lint_template(role_with(all), kRule);
    CHECK(reports(granted, path.id));
    for (std::size_t missing = 0; missing < path.requires_.size(); ++missing) {
      INFO("without " << path.requires_[missing].actions.front());
      std::vector<std::string> some;
      for (std::size_t i = 0; i < path.requires_.size(); ++i) {
        if (i != missing) some.push_back(allow(path.requires_[i].actions.front()));
      }
      CHECK_FALSE(reports(lint_template(role_with(some), kRule), path.id));
    }
  }
}

TEST_CASE("AIP-IAM-005 names the path and notes every enabling statement") {
  auto l = lint_template(role_with({allow("iam:PassRole", "arn:aws:iam::111111111111:role/x"),
                                    allow("lambda:CreateFunction"), allow("lambda:InvokeFunction")}),
                         kRule);
  const auto found = l.of(kRule);
  REQUIRE(found.size() == 1);
  const auto& f = found[0];
  CHECK(f.message.find("App can escalate its own privileges: new Lambda function with a passed role, invoked "
                       "(passrole-lambda-invoke: iam:PassRole + lambda:CreateFunction + lambda:InvokeFunction)") !=
        std::string::npos);
  CHECK(f.location.line == 15);  // the PassRole statement, the path's first step
  // The other enabling statements, one note each (the first is the finding's own place).
  REQUIRE(f.notes.size() == 2);
  CHECK(f.notes[0].message == "lambda:CreateFunction allowed here");
  CHECK(f.notes[0].location.line == 16);
  CHECK(f.notes[1].message == "lambda:InvokeFunction allowed here");
  CHECK(f.notes[1].location.line == 17);
}

TEST_CASE("AIP-IAM-005: no finding when a step cannot apply") {
  // PassRole and CreateFunction, but nothing invokes or maps the function.
  CHECK(lint_template(role_with({allow("iam:PassRole"), allow("lambda:CreateFunction")}), kRule).findings.empty());
  // Policy versions of AWS managed policies: nobody can change them.
  CHECK(lint_template(role_with({allow("iam:CreatePolicyVersion", "'arn:aws:iam::aws:policy/*'")}), kRule)
            .findings.empty());
  CHECK(lint_template(role_with({allow("iam:CreatePolicyVersion", "'arn:aws:iam::111111111111:policy/*'")}), kRule)
            .count(kRule) == 1);
  // Everything but AWS managed policies is customer managed ones.
  CHECK(lint_template(role_with({"{Effect: Allow, Action: iam:CreatePolicyVersion, NotResource: 'arn:aws:iam::aws:policy/*'}"}),
                      kRule)
            .count(kRule) == 1);
  // PassRole only to ECS tasks: the Lambda path is closed, the ECS one open.
  const std::string ecs_only =
      "{Effect: Allow, Action: iam:PassRole, Resource: '*', Condition: {StringEquals: {iam:PassedToService: "
      "ecs-tasks.amazonaws.com}}}";
  CHECK(lint_template(role_with({ecs_only, allow("lambda:CreateFunction"), allow("lambda:InvokeFunction")}), kRule)
            .findings.empty());
  CHECK(reports(lint_template(role_with({ecs_only, allow("ecs:RegisterTaskDefinition"), allow("ecs:RunTask")}), kRule),
                "passrole-ecs-run-task"));
  // A condition nobody can know (the caller's tag) makes the grant not count.
  CHECK(lint_template(role_with({"{Effect: Allow, Action: iam:CreateAccessKey, Resource: '*', Condition: "
                                 "{StringEquals: {aws:PrincipalTag/team: admins}}}"}),
                      kRule)
            .findings.empty());
  // Exact resources for the standalone IAM actions are a reviewed choice.
  CHECK(lint_template(role_with({allow("iam:CreateAccessKey", "arn:aws:iam::111111111111:user/me")}), kRule)
            .findings.empty());
}

TEST_CASE("AIP-IAM-005 evaluates effective permissions: Deny, NotAction, boundaries, attached policies") {
  // An explicit Deny closes the step.
  CHECK(lint_template(role_with({allow("iam:PutRolePolicy"), "{Effect: Deny, Action: 'iam:Put*', Resource: '*'}"}), kRule)
            .findings.empty());
  // NotAction grants everything it does not list.
  auto not_action = lint_template(role_with({"{Effect: Allow, NotAction: ['s3:*', 'ec2:*'], Resource: '*'}"}), kRule);
  REQUIRE(not_action.count(kRule) == 1);
  CHECK(reports(not_action, "iam-attach-role-policy"));
  CHECK(reports(not_action, "ssm-send-command"));
  CHECK_FALSE(reports(not_action, "passrole-ec2-run-instances"));
  // A permissions boundary that does not allow IAM caps it.
  const std::string boundary = R"(  Boundary:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: '2012-10-17'
        Statement: [{Effect: Allow, Action: 's3:*', Resource: '*'}]
)";
  CHECK(lint_template(role_with({allow("iam:PutRolePolicy")}, "      PermissionsBoundary: !Ref Boundary\n", boundary), kRule)
            .findings.empty());
  CHECK(lint_template(role_with({allow("iam:PutRolePolicy")}, "", boundary), kRule).count(kRule) == 1);
  // A managed policy of the template attached through ManagedPolicyArns.
  const std::string managed = R"(  Managed:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: '2012-10-17'
        Statement: [{Effect: Allow, Action: 'glue:UpdateDevEndpoint', Resource: '*'}]
)";
  auto attached = lint_template(role_with({}, "      ManagedPolicyArns: [!Ref Managed]\n", managed), kRule);
  REQUIRE(attached.count(kRule) == 1);
  CHECK(reports(attached, "glue-update-dev-endpoint"));
  // PassRole on a role named through GetAtt: resolved, and counted.
  const std::string target = R"(  Target:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {Version: '2012-10-17', Statement: [{Effect: Allow, Principal: {Service: ec2.amazonaws.com}, Action: sts:AssumeRole}]}
)";
  CHECK(reports(lint_template(role_with({allow("iam:PassRole", "!GetAtt Target.Arn"), allow("ec2:RunInstances")}, "", target),
                              kRule),
                "passrole-ec2-run-instances"));
  // "*" is AIP-IAM-001's finding, not a second one here.
  CHECK(lint_template(role_with({allow("*")}), kRule).findings.empty());
}
