// The finops area: AWS Budgets per team or project, their alerts and errors.
#include <catch2/catch.hpp>

#include "support/plan_text.hpp"

using aip::cfn::Json;
using aip::test::kHeader;
using aip::test::errors_of;
using aip::test::plan_text;

TEST_CASE("finops: a budget alerts at 80, 100 and 120 % of actual and 100 % of forecasted spend by default") {
  auto p = plan_text(std::string(kHeader) +
                     "tags: {Team: platform}\n"
                     "finops:\n  budgets:\n    team: {limit_usd: 1000, notify: [lead@example.com]}\n");
  CHECK(p.schema_findings().empty());
  const auto& stack = p.stack("test-dev-finops");
  const auto& budget = p.resource("TeamBudget");
  CHECK(stack.find("TeamBudget") == &budget);
  CHECK(budget.type == "AWS::Budgets::Budget");
  CHECK(budget.provenance.line == 8);
  CHECK(budget.properties["Budget"] == Json::parse(R"({"BudgetName": "test-team", "BudgetType": "COST",
      "TimeUnit": "MONTHLY", "BudgetLimit": {"Amount": 1000, "Unit": "USD"}})"));
  const Json& n = budget.properties["NotificationsWithSubscribers"];
  REQUIRE(n.size() == 4);
  CHECK(n[0] == Json::parse(R"({"Notification": {"NotificationType": "ACTUAL", "ComparisonOperator": "GREATER_THAN",
      "Threshold": 80, "ThresholdType": "PERCENTAGE"},
      "Subscribers": [{"SubscriptionType": "EMAIL", "Address": "lead@example.com"}]})"));
  CHECK(n[1]["Notification"]["Threshold"] == 100);
  CHECK(n[2]["Notification"]["Threshold"] == 120);
  CHECK(n[3]["Notification"]["NotificationType"] == "FORECASTED");
  CHECK(n[3]["Notification"]["Threshold"] == 100);
  CHECK(budget.properties["ResourceTags"] == Json::parse(R"([{"Key": "Team", "Value": "platform"},
      {"Key": "aip:spec", "Value": "test"}, {"Key": "aip:stack", "Value": "test-dev-finops"}])"));
  CHECK_FALSE(p.has("TeamBudgetTopic"));
}

TEST_CASE("finops: tag filters, periods, custom alerts and an encrypted, TLS-only SNS topic only budgets of this account may use") {
  auto p = plan_text(std::string(kHeader) +
                     "finops:\n"
                     "  budgets:\n"
                     "    ds:\n"
                     "      limit_usd: 5000\n"
                     "      period: quarterly\n"
                     "      filter_tags: {Team: data-science}\n"
                     "      alerts: {actual: [50], forecasted: [90, 110]}\n"
                     "      topic: true\n"
                     "    app: {limit_usd: 10, filter_tags: {Team: app, Project: chatbot}, notify: a@example.com}\n");
  CHECK(p.schema_findings().empty());
  const auto& ds = p.resource("DsBudget");
  CHECK(ds.properties["Budget"]["TimeUnit"] == "QUARTERLY");
  CHECK(ds.properties["Budget"]["FilterExpression"] ==
        Json::parse(R"({"Tags": {"Key": "Team", "Values": ["data-science"], "MatchOptions": ["EQUALS"]}})"));
  const Json& n = ds.properties["NotificationsWithSubscribers"];
  REQUIRE(n.size() == 3);
  CHECK(n[0]["Notification"]["Threshold"] == 50);
  CHECK(n[2]["Notification"]["NotificationType"] == "FORECASTED");
  CHECK(n[0]["Subscribers"] == Json::parse(R"([{"SubscriptionType": "SNS", "Address": {"Ref": "DsBudgetTopic"}}])"));
  CHECK(ds.depends_on == std::vector<std::string>{"DsBudgetTopicPolicy"});
  CHECK(p.resource("DsBudgetTopic").properties["TopicName"] == "test-ds-budget");
  // Its own key: AWS Budgets may not use the AWS managed key alias/aws/sns.
  CHECK(p.resource("DsBudgetTopic").properties["KmsMasterKeyId"] == Json::parse(R"({"Fn::GetAtt": ["DsBudgetTopicKey", "Arn"]})"));
  const Json& key_statements = p.resource("DsBudgetTopicKey").properties["KeyPolicy"]["Statement"];
  REQUIRE(key_statements.size() == 2);
  CHECK(key_statements[1] == Json::parse(R"({"Sid": "AwsBudgetsEncrypt", "Effect": "Allow",
      "Principal": {"Service": "budgets.amazonaws.com"}, "Action": ["kms:Decrypt", "kms:GenerateDataKey*"],
      "Resource": "*", "Condition": {"StringEquals": {"aws:SourceAccount": {"Ref": "AWS::AccountId"}}}})"));
  const Json& policy = p.resource("DsBudgetTopicPolicy").properties;
  CHECK(policy["Topics"] == Json::parse(R"([{"Ref": "DsBudgetTopic"}])"));
  REQUIRE(policy["PolicyDocument"]["Statement"].size() == 2);
  CHECK(policy["PolicyDocument"]["Statement"][0] == Json::parse(R"({"Sid": "DenyInsecureTransport", "Effect": "Deny",
      "Principal": "*", "Action": "sns:Publish", "Resource": {"Ref": "DsBudgetTopic"},
      "Condition": {"Bool": {"aws:SecureTransport": "false"}}})"));
  CHECK(policy["PolicyDocument"]["Statement"][1] == Json::parse(R"({"Sid": "AwsBudgetsPublish", "Effect": "Allow",
      "Principal": {"Service": "budgets.amazonaws.com"}, "Action": "sns:Publish", "Resource": {"Ref": "DsBudgetTopic"},
      "Condition": {"StringEquals": {"aws:SourceAccount": {"Ref": "AWS::AccountId"}},
                    "ArnLike": {"aws:SourceArn": {"Fn::Sub": "arn:${AWS::Partition}:budgets::${AWS::AccountId}:*"}}}})"));

  CHECK(p.resource("AppBudget").properties["Budget"]["FilterExpression"] == Json::parse(R"({"And": [
      {"Tags": {"Key": "Project", "Values": ["chatbot"], "MatchOptions": ["EQUALS"]}},
      {"Tags": {"Key": "Team", "Values": ["app"], "MatchOptions": ["EQUALS"]}}]})"));
}

TEST_CASE("finops: budgets go to the finops stack of their account") {
  const char* two_accounts =
      "aip: 1\n"
      "name: test\n"
      "accounts:\n"
      "  dev: {id: \"123456789012\", region: us-east-1}\n"
      "  prod: {id: \"210987654321\", region: eu-west-1}\n";
  auto p = plan_text(std::string(two_accounts) + "finops:\n  budgets:\n    team: {account: prod, limit_usd: 5, topic: true}\n");
  CHECK(p.schema_findings().empty());
  CHECK(p.stack("test-prod-finops").find("TeamBudget") != nullptr);
  CHECK(errors_of("finops:\n  budgets:\n    team: {limit_usd: 5, topic: true}\n", two_accounts) ==
        "spec.yaml:8:5: budget 'team' needs 'account': the spec has 2 accounts\n");
  CHECK(errors_of("finops:\n  budgets:\n    team: {account: dve, limit_usd: 5, topic: true}\n", two_accounts) ==
        "spec.yaml:8:21: budget 'team' refers to account 'dve', which is not defined; did you mean 'dev'?\n");
}

TEST_CASE("finops: bad values are reported at their exact location") {
  CHECK(errors_of("finops:\n  budgets:\n    team: {notify: [a@example.com]}\n") ==
        "spec.yaml:7:5: budget 'team' is missing required key 'limit_usd'\n");
  CHECK(errors_of("finops:\n  budgets:\n    team: {limit_usd: 0, topic: true}\n") ==
        "spec.yaml:7:23: 'limit_usd' must be between 1 and 1000000000, got 0\n");
  CHECK(errors_of("finops:\n  budgets:\n    team: {limit_usd: 5, period: monthy, topic: true}\n") ==
        "spec.yaml:7:34: 'period' must be one of monthly, quarterly, annually, got 'monthy'; did you mean "
        "'monthly'?\n");
  CHECK(errors_of("finops:\n  budgets:\n    team: {limit_usd: 5, notify: [lead]}\n") ==
        "spec.yaml:7:35: 'notify' must list e-mail addresses, got 'lead'\n");
  CHECK(errors_of("finops:\n  budgets:\n    team: {limit_usd: 5}\n") ==
        "spec.yaml:7:5: budget 'team' has alerts but nobody to tell: add e-mail addresses under 'notify' or "
        "'topic: true'\n");
  CHECK(errors_of("finops:\n  budgets:\n    team: {limit_usd: 5, topic: true, alerts: {actual: [50, 80, 100, 120], "
                  "forecasted: [90, 100]}}\n") ==
        "spec.yaml:7:47: budget 'team' has 6 alerts; AWS Budgets allows at most 5 per budget\n");
  CHECK(errors_of("finops:\n  budgets:\n    team: {limit_usd: 5, topic: true, alerts: {actual: [80, 80]}}\n") ==
        "spec.yaml:7:61: 'actual' lists 80 twice\n");
}
