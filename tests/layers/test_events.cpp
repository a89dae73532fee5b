// The events area: buses with resource policies, queues with dead-letter
// queues, rules with targets, and the checks on references between them.
#include <catch2/catch.hpp>

#include "support/plan_text.hpp"
#include "support/statement.hpp"

using aip::cfn::Json;
using aip::test::kHeader;
using aip::test::load_text;
using aip::test::plan_text;

using aip::test::statement;

namespace {

const char* kTwoAccounts =
    "aip: 1\n"
    "name: test\n"
    "accounts:\n"
    "  shared: {id: \"111111111111\", region: us-east-1}\n"
    "  dev: {id: \"333333333333\", region: us-east-1}\n";

std::string events_errors(const std::string& text) {
  auto loaded = load_text(text);
  CHECK_FALSE(loaded.spec);
  return loaded.messages();
}

}  // namespace

TEST_CASE("a queue is encrypted, TLS-only and has a dead-letter queue") {
  auto p = plan_text(std::string(kHeader) +
                     "events:\n  queues:\n    work: {visibility_timeout: 60, max_receives: 3}\n"
                     "    secret: {encryption: kms, consumer: arn:aws:lambda:us-east-1:123456789012:function:f}\n");
  CHECK(p.schema_findings().empty());
  CHECK(p.assembly->stacks.front().id == "test-dev-events");
  const auto& q = p.resource("WorkQueue");
  CHECK(q.properties["QueueName"] == "test-work");
  CHECK(q.properties["SqsManagedSseEnabled"] == true);
  CHECK(q.properties["VisibilityTimeout"] == 60);
  CHECK(q.properties["RedrivePolicy"] ==
        Json::parse(R"({"deadLetterTargetArn": {"Fn::GetAtt": ["WorkDeadLetterQueue", "Arn"]}, "maxReceiveCount": 3})"));
  const auto& dlq = p.resource("WorkDeadLetterQueue");
  CHECK(dlq.properties["QueueName"] == "test-work-dlq");
  CHECK(dlq.properties["MessageRetentionPeriod"] == 14 * 86400);
  CHECK(dlq.properties["RedriveAllowPolicy"]["redrivePermission"] == "byQueue");
  for (const char* policy : {"WorkQueuePolicy", "WorkDeadLetterQueuePolicy"}) {
    const Json& tls = statement(p.resource(policy).properties["PolicyDocument"], "DenyInsecureTransport");
    CHECK(tls["Effect"] == "Deny");
    CHECK(tls["Condition"] == Json::parse(R"({"Bool": {"aws:SecureTransport": "false"}})"));
  }
  // Nobody sends to it yet, so the policy admits nobody.
  CHECK(p.resource("WorkQueuePolicy").properties["PolicyDocument"]["Statement"].size() == 1);
  CHECK(p.resource("SecretQueue").properties["KmsMasterKeyId"] == Json::parse(R"({"Fn::GetAtt": ["SecretQueueKey", "Arn"]})"));
  CHECK_FALSE(p.resource("SecretQueue").properties.contains("SqsManagedSseEnabled"));
  CHECK(p.resource("SecretQueueKey").properties["EnableKeyRotation"] == true);
  CHECK(p.resource("SecretQueueConsumer").properties["FunctionResponseTypes"] == Json::parse(R"(["ReportBatchItemFailures"])"));
}

TEST_CASE("an event pattern's YAML values become JSON by the same rules as a YAML template's") {
  auto p = plan_text(std::string(kHeader) +
                     "events:\n  queues:\n    po: {}\n  rules:\n    flags:\n"
                     "      pattern: {source: [sap.erp], detail: {urgent: [True], code: ['7', 0123], n: [+5, 1.5e3], "
                     "gone: [~]}}\n"
                     "      targets:\n        - queue: po\n");
  CHECK(p.schema_findings().empty());
  // YAML 1.2 core schema: True is a boolean; a leading zero keeps the digits
  // as text (account ids, codes); a quoted scalar is a string.
  CHECK(p.resource("FlagsRule").properties["EventPattern"] ==
        Json::parse(R"({"source": ["sap.erp"], "detail": {"urgent": [true], "code": ["7", "0123"], "n": [5, 1500.0],
                        "gone": [null]}})"));
}

TEST_CASE("a rule sends matching events to a queue, a function and a topic, with retries and a dead-letter queue") {
  auto p = plan_text(std::string(kHeader) +
                     "events:\n  queues:\n    po: {}\n  rules:\n    large-po:\n"
                     "      pattern: {source: [sap.erp], detail: {amount: [{numeric: ['>=', 10000]}]}}\n"
                     "      targets:\n        - queue: po\n"
                     "        - lambda: arn:aws:lambda:us-east-1:123456789012:function:analyze\n"
                     "        - topic: arn:aws:sns:us-east-1:123456789012:results\n");
  CHECK(p.schema_findings().empty());
  const auto& rule = p.resource("LargePoRule");
  CHECK(rule.properties["Name"] == "test-large-po");
  CHECK_FALSE(rule.properties.contains("EventBusName"));
  CHECK(rule.properties["EventPattern"] ==
        Json::parse(R"({"source": ["sap.erp"], "detail": {"amount": [{"numeric": [">=", 10000]}]}})"));
  const Json& targets = rule.properties["Targets"];
  REQUIRE(targets.size() == 3);
  CHECK(targets[0]["Id"] == "queue-po");
  CHECK(targets[0]["Arn"] == Json::parse(R"({"Fn::GetAtt": ["PoQueue", "Arn"]})"));
  CHECK(targets[1]["Id"] == "lambda-analyze");
  CHECK(targets[2]["Id"] == "topic-results");
  for (const Json& t : targets) {
    CHECK(t["DeadLetterConfig"]["Arn"] == Json::parse(R"({"Fn::GetAtt": ["LargePoRuleDeadLetterQueue", "Arn"]})"));
    CHECK(t["RetryPolicy"] == Json::parse(R"({"MaximumRetryAttempts": 185, "MaximumEventAgeInSeconds": 86400})"));
  }
  const Json& allow = statement(p.resource("PoQueuePolicy").properties["PolicyDocument"], "AllowEventBridgeRules");
  CHECK(allow["Principal"] == Json::parse(R"({"Service": "events.amazonaws.com"})"));
  CHECK(allow["Condition"]["ArnEquals"]["aws:SourceArn"] == Json::parse(R"([{"Fn::GetAtt": ["LargePoRule", "Arn"]}])"));
  const auto& permission = p.resource("LargePoRuleAnalyzePermission");
  CHECK(permission.properties["Principal"] == "events.amazonaws.com");
  CHECK(permission.properties["SourceArn"] == Json::parse(R"({"Fn::GetAtt": ["LargePoRule", "Arn"]})"));
  const Json& dlq_allow = statement(p.resource("LargePoRuleDeadLetterQueuePolicy").properties["PolicyDocument"],
                                    "AllowEventBridgeRules");
  CHECK(dlq_allow["Condition"]["ArnEquals"]["aws:SourceArn"] == Json::parse(R"({"Fn::GetAtt": ["LargePoRule", "Arn"]})"));
}

TEST_CASE("project accounts forward to the central bus, whose policy admits them") {
  auto p = plan_text(std::string(kTwoAccounts) +
                     "events:\n  buses:\n    central: {account: shared, allow_put_events_from: [dev, \"444444444444\"]}\n"
                     "    project: {account: dev}\n"
                     "  rules:\n    forward:\n      bus: project\n      pattern: {source: [aiops.projects]}\n"
                     "      targets: [{bus: central}]\n"
                     "    hourly: {account: dev, schedule: rate(1 hour), dead_letter: false,\n"
                     "             targets: [{lambda: 'arn:aws:lambda:us-east-1:333333333333:function:f'}]}\n");
  CHECK(p.schema_findings().empty());
  const auto& central = p.stack("test-shared-events").find("CentralEventBus")->properties;
  CHECK(central["Name"] == "test-central");
  const Json& allow = statement(central["Policy"], "AllowPutEventsFromDev");
  CHECK(allow["Principal"] == Json::parse(R"({"AWS": {"Fn::Sub": "arn:${AWS::Partition}:iam::333333333333:root"}})"));
  CHECK(allow["Action"] == "events:PutEvents");
  CHECK(statement(central["Policy"], "AllowPutEventsFrom444444444444")["Effect"] == "Allow");
  const auto& dev = p.stack("test-dev-events");
  const auto& forward = dev.find("ForwardRule")->properties;
  CHECK(forward["EventBusName"] == Json::parse(R"({"Ref": "ProjectEventBus"})"));
  const Json& target = forward["Targets"][0];
  CHECK(target["Arn"] ==
        Json::parse(R"({"Fn::Sub": "arn:${AWS::Partition}:events:us-east-1:111111111111:event-bus/test-central"})"));
  CHECK(target["RoleArn"] == Json::parse(R"({"Fn::GetAtt": ["ForwardRuleBusRole", "Arn"]})"));
  const Json& role_policy = dev.find("ForwardRuleBusRole")->properties["Policies"][0]["PolicyDocument"];
  CHECK(role_policy["Statement"][0]["Resource"] == Json::array({target["Arn"]}));
  const auto& hourly = dev.find("HourlyRule")->properties;
  CHECK(hourly["ScheduleExpression"] == "rate(1 hour)");
  CHECK_FALSE(hourly["Targets"][0].contains("DeadLetterConfig"));
  CHECK(dev.find("HourlyRuleDeadLetterQueue") == nullptr);
}

TEST_CASE("events errors name the key and its location") {
  const std::string h = kHeader;
  CHECK(events_errors(h + "events:\n  rules:\n    r: {pattern: {source: [a]}, targets: [{queue: wrok}]}\n  queues:\n    work: {}\n") ==
        "spec.yaml:7:51: rule 'r' refers to queue 'wrok', which is not defined; did you mean 'work'?\n");
  CHECK(events_errors(h + "events:\n  rules:\n    r: {pattern: {source: sap.erp}, targets: [{topic: 'arn:aws:sns:us-east-1:123456789012:t'}]}\n") ==
        "spec.yaml:7:27: event pattern field 'source' must be a non-empty list of values to match (`source: [value]`), "
        "got 'sap.erp'\n");
  CHECK(events_errors(h + "events:\n  rules:\n    r: {pattern: {sorce: [a]}, targets: [{topic: 'arn:aws:sns:us-east-1:123456789012:t'}]}\n") ==
        "spec.yaml:7:19: event pattern field 'sorce' is not a field of EventBridge events (version, id, detail-type, "
        "source, account, time, region, resources, detail); did you mean 'source'?\n");
  CHECK(events_errors(h + "events:\n  rules:\n    r: {targets: [{lambda: 'arn:aws:lambda:us-east-1:123456789012:function:f'}]}\n") ==
        "spec.yaml:7:5: rule 'r' needs a 'pattern' or a 'schedule'\n");
  CHECK(events_errors(h + "events:\n  rules:\n    r: {schedule: every hour, targets: [{lambda: 'arn:aws:lambda:us-east-1:123456789012:function:f'}]}\n") ==
        "spec.yaml:7:19: 'schedule' must be rate(...) or cron(...), such as rate(1 hour), got 'every hour'\n");
  CHECK(events_errors(h + "events:\n  buses:\n    b: {}\n  rules:\n    r: {bus: b, schedule: rate(1 hour), targets: [{lambda: 'arn:aws:lambda:us-east-1:123456789012:function:f'}]}\n") ==
        "spec.yaml:9:27: rule 'r' has a schedule, which EventBridge runs only on the default bus; remove 'bus' or use a "
        "pattern\n");
  CHECK(events_errors(h + "events:\n  rules:\n    r: {schedule: rate(1 hour), targets: [{lambda: 'arn:aws:lambda:eu-west-1:123456789012:function:f'}]}\n") ==
        "spec.yaml:7:52: rule 'r' (account dev, us-east-1) can invoke Lambda functions of its own account "
        "(123456789012) and region only; forward the events to a bus there\n");
  CHECK(events_errors(h + "events:\n  rules:\n    r: {schedule: rate(1 hour), targets: [{queue: a, lambda: b}]}\n") ==
        "spec.yaml:7:43: a target of rule 'r' names exactly one of queue, lambda, topic, bus, workflow or destination, "
        "got 2\n");
  CHECK(events_errors(h + "events:\n  queues:\n    q: {retention_days: 14, dead_letter_retention_days: 7}\n") ==
        "spec.yaml:7:57: queue 'q' keeps messages 14 days but its dead-letter queue only 7: SQS counts a message's age "
        "from its first enqueue, so it would expire on arrival\n");
  CHECK(events_errors(std::string(kTwoAccounts) +
                  "events:\n  buses:\n    central: {account: shared}\n    project: {account: dev}\n"
                  "  rules:\n    f: {bus: project, pattern: {source: [a]}, targets: [{bus: central}]}\n") ==
        "spec.yaml:11:63: bus 'central' does not let account dev put events; add dev to its allow_put_events_from\n");
  CHECK(events_errors(std::string(kTwoAccounts) + "events:\n  buses:\n    central: {allow_put_events_from: [deb]}\n") ==
        "spec.yaml:8:5: bus 'central' needs 'account': the spec has 2 accounts\n"
        "spec.yaml:8:39: bus 'central' lets account 'deb' put events, which is neither an account of this spec nor a "
        "12-digit account id; did you mean 'dev'?\n");
}

TEST_CASE("topics of the spec are encrypted and admit exactly the rules that target them") {
  auto p = plan_text(std::string(kHeader) +
                     "events:\n  topics:\n    results:\n      display_name: Results for SAP\n"
                     "      subscriptions: [{https: 'https://sap.example.com/hook'}, {email: ops@example.com}]\n"
                     "  rules:\n    done:\n      pattern: {source: [ai.procurement]}\n      targets: [{topic: results}]\n");
  CHECK(p.schema_findings().empty());
  const auto& topic = p.resource("ResultsTopic").properties;
  CHECK(topic["TopicName"] == "test-results");
  CHECK(topic["DisplayName"] == "Results for SAP");
  CHECK(topic["KmsMasterKeyId"] == Json::parse(R"({"Fn::GetAtt": ["ResultsTopicKey", "Arn"]})"));
  CHECK(p.resource("ResultsTopicKey").properties["EnableKeyRotation"] == true);
  const Json& key_policy = p.resource("ResultsTopicKey").properties["KeyPolicy"];
  CHECK(statement(key_policy, "EventBridgePublishes")["Principal"]["Service"] == "events.amazonaws.com");
  const Json& policy = p.resource("ResultsTopicPolicy").properties["PolicyDocument"];
  CHECK(statement(policy, "DenyInsecureTransport")["Effect"] == "Deny");
  CHECK(statement(policy, "AllowEventBridgeRules")["Condition"]["ArnEquals"]["aws:SourceArn"] ==
        Json::parse(R"([{"Fn::GetAtt": ["DoneRule", "Arn"]}])"));
  CHECK(p.resource("DoneRule").properties["Targets"][0]["Arn"] == Json::parse(R"({"Ref": "ResultsTopic"})"));
  CHECK(p.resource("ResultsTopicHttpsSapExampleComHookSubscription").properties["Protocol"] == "https");
  CHECK(p.resource("ResultsTopicOpsExampleComSubscription").properties["Protocol"] == "email");
}

TEST_CASE("a queue's consumer and a rule's lambda target may be functions of the spec") {
  auto p = plan_text(std::string(kHeader) +
                     "functions:\n  analyzer: {runtime: python3.12, handler: a.b, code: {inline: x}, timeout: 60}\n"
                     "events:\n  queues:\n    po: {consumer: analyzer, visibility_timeout: 360, encryption: kms}\n"
                     "  rules:\n    hourly: {schedule: rate(1 hour), targets: [{lambda: analyzer}]}\n");
  CHECK(p.schema_findings().empty());
  Json arn = Json::parse(R"({"Fn::ImportValue": "test-dev-functions:AnalyzerFunctionArn"})");
  CHECK(p.resource("PoQueueConsumer").properties["FunctionName"] == arn);
  CHECK(p.resource("HourlyRule").properties["Targets"][0]["Arn"] == arn);
  CHECK(p.resource("HourlyRule").properties["Targets"][0]["Id"] == "lambda-analyzer");
  CHECK(p.resource("HourlyRuleAnalyzerPermission").properties["FunctionName"] == arn);
  // The consumer may receive from the queue and decrypt it.
  const Json& key_policy = p.resource("PoQueueKey").properties["KeyPolicy"];
  CHECK(statement(key_policy, "ConsumersDecrypt")["Principal"]["AWS"] ==
        Json::parse(R"([{"Fn::ImportValue": "test-dev-functions:AnalyzerFunctionRoleArn"}])"));
  const Json& role = p.resource("AnalyzerFunctionRole").properties["Policies"][0]["PolicyDocument"];
  CHECK(statement(role, "ConsumeQueues")["Resource"] ==
        Json::parse(R"([{"Fn::Sub": "arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:test-po"}])"));
}

TEST_CASE("events refer to functions and topics by name, with did-you-mean") {
  const std::string fns = "functions:\n  analyzer: {runtime: python3.12, handler: a.b, code: {inline: x}, timeout: 60}\n";
  CHECK(events_errors(std::string(kHeader) + fns + "events:\n  queues:\n    po: {consumer: analyzr, visibility_timeout: 60}\n") ==
        "spec.yaml:9:20: queue 'po' refers to function 'analyzr', which is not defined (write a function of this spec "
        "or a Lambda function ARN); did you mean 'analyzer'?\n");
  CHECK(events_errors(std::string(kHeader) + fns + "events:\n  queues:\n    po: {consumer: analyzer}\n") ==
        "spec.yaml:9:20: queue 'po' hides a received message for 30 seconds, less than the 60 second timeout of its "
        "consumer 'analyzer'; raise 'visibility_timeout' to at least 60\n");
  CHECK(events_errors(std::string(kHeader) +
                  "events:\n  topics: {results: {}}\n  rules:\n    r: {schedule: rate(1 hour), targets: [{topic: reslts}]}\n") ==
        "spec.yaml:8:51: rule 'r' refers to topic 'reslts', which is not defined (write a topic of this spec or an "
        "SNS topic ARN); did you mean 'results'?\n");
  CHECK(events_errors(std::string(kHeader) + "events:\n  topics:\n    t: {subscriptions: [{https: 'http://x.example.com'}]}\n") ==
        "spec.yaml:7:33: 'https' must be an https:// URL, got 'http://x.example.com'\n");
}

namespace {

const char* kDestination =
    "events:\n"
    "  destinations:\n"
    "    github:\n"
    "      endpoint: https://api.github.com/repos/acme/deploy/dispatches\n"
    "      rate_per_second: 1\n"
    "      auth: {secret: github-token, key: value}\n"
    "      headers: {Accept: application/vnd.github+json}\n";

}  // namespace

TEST_CASE("a rule calls an API destination through its own role, with the body it templates") {
  auto p = plan_text(std::string(kHeader) + kDestination +
                     "  rules:\n"
                     "    approved:\n"
                     "      pattern: {source: [aws.sagemaker]}\n"
                     "      targets:\n"
                     "        - destination: github\n"
                     "          input_paths: {arn: $.detail.ModelPackageArn}\n"
                     "          input_template: '{\"event_type\": \"approved\", \"client_payload\": {\"arn\": <arn>}}'\n");
  CHECK(p.schema_findings().empty());
  // The connection reads the header's value from the secret at deployment.
  CHECK(p.resource("GithubConnection").properties == Json::parse(R"json({
        "Name": "test-github", "AuthorizationType": "API_KEY",
        "Description": "Authenticates calls of destination github of platform test (Authorization from secret github-token)",
        "AuthParameters": {
          "ApiKeyAuthParameters": {"ApiKeyName": "Authorization",
                                   "ApiKeyValue": "{{resolve:secretsmanager:github-token:SecretString:value}}"},
          "InvocationHttpParameters": {"HeaderParameters": [
            {"Key": "Accept", "Value": "application/vnd.github+json", "IsValueSecret": false}]}}})json"));
  const auto& dest = p.resource("GithubDestination").properties;
  CHECK(dest["ConnectionArn"] == Json::parse(R"({"Fn::GetAtt": ["GithubConnection", "Arn"]})"));
  CHECK(dest["InvocationEndpoint"] == "https://api.github.com/repos/acme/deploy/dispatches");
  CHECK(dest["HttpMethod"] == "POST");
  CHECK(dest["InvocationRateLimitPerSecond"] == 1);
  const Json& target = p.resource("ApprovedRule").properties["Targets"][0];
  CHECK(target["Arn"] == Json::parse(R"({"Fn::GetAtt": ["GithubDestination", "Arn"]})"));
  CHECK(target["RoleArn"] == Json::parse(R"({"Fn::GetAtt": ["ApprovedRuleDestinationRole", "Arn"]})"));
  CHECK(target["InputTransformer"] == Json::parse(R"({"InputPathsMap": {"arn": "$.detail.ModelPackageArn"},
        "InputTemplate": "{\"event_type\": \"approved\", \"client_payload\": {\"arn\": <arn>}}"})"));
  CHECK(target.contains("DeadLetterConfig"));
  // The role may call this destination and nothing else.
  const Json& role = p.resource("ApprovedRuleDestinationRole").properties;
  CHECK(statement(role["Policies"][0]["PolicyDocument"], "InvokeDestinations") == Json::parse(R"({
        "Sid": "InvokeDestinations", "Effect": "Allow", "Action": "events:InvokeApiDestination",
        "Resource": [{"Fn::Sub": "arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:api-destination/test-github/*"}]})"));
}

TEST_CASE("API destination errors name the key and its location") {
  const std::string h = kHeader;
  const std::string rule = "  rules:\n    r:\n      pattern: {source: [a]}\n      targets:\n";
  // Line 5 is `events:`; the destination's keys are lines 7 to 11, the rule's targets from line 16.
  CHECK(events_errors(h + kDestination + rule + "        - destination: githbu\n") ==
        "spec.yaml:16:24: rule 'r' refers to destination 'githbu', which is not defined; did you mean 'github'?\n");
  CHECK(events_errors(h + "events:\n  destinations:\n    d: {endpoint: 'http://example.com/hook', auth: {secret: s}}\n") ==
        "spec.yaml:7:19: 'endpoint' must be an https:// URL, got 'http://example.com/hook'\n");
  CHECK(events_errors(h + "events:\n  destinations:\n    d: {endpoint: 'https://example.com/hook'}\n") ==
        "spec.yaml:7:5: destination 'd' is missing required key 'auth'\n");
  CHECK(events_errors(h + kDestination + rule + "        - {destination: github, input_paths: {arn: $.detail.Arn}}\n") ==
        "spec.yaml:16:11: a target of rule 'r' has input_paths but no input_template to place them in\n");
  CHECK(events_errors(h + kDestination + rule +
                      "        - {destination: github, input_paths: {arn: detail.Arn}, input_template: '<arn>'}\n") ==
        "spec.yaml:16:52: input path 'arn' must be a JSON path into the event, such as $.detail.ModelPackageArn, got "
        "'detail.Arn'\n");
  CHECK(events_errors(std::string(kTwoAccounts) +
                      "events:\n  destinations:\n    d: {account: shared, endpoint: 'https://example.com', auth: {secret: s}}\n"
                      "  rules:\n    r: {account: dev, pattern: {source: [a]}, targets: [{destination: d}]}\n") ==
        "spec.yaml:10:71: rule 'r' (account dev, us-east-1) cannot call destination 'd' (account shared, us-east-1): "
        "give the destination the rule's account and region\n");
}
