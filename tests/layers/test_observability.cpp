// The observability area: log groups, alarm topics, alarms on compute, data
// and edge resources, and CloudTrail trails.
#include <fstream>
#include <sstream>

#include <catch2/catch.hpp>

#include "support/plan_text.hpp"
#include "support/statement.hpp"

using aip::cfn::Json;
using aip::test::kHeader;
using aip::test::load_text;
using aip::test::plan_text;

using aip::test::statement;

namespace {

std::string observability_errors(const std::string& text) {
  auto loaded = load_text(text);
  CHECK_FALSE(loaded.spec);
  return loaded.messages();
}

// examples/observability.yaml: every alarm kind on real compute, data and edge resources.
std::string example() {
  std::ifstream in(std::string(AIP_SOURCE_DIR) + "/examples/observability.yaml");
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

const char* kTopic = "observability:\n  topics:\n    ops: {emails: [ops@example.com]}\n";

}  // namespace

TEST_CASE("log groups always keep logs for a limited time, KMS keys admit only their group") {
  auto p = plan_text(std::string(kHeader) +
                     "observability:\n  log_groups:\n    app: {}\n    audit: {name: /x/audit, retention_days: 365, kms: true}\n");
  CHECK(p.schema_findings().empty());
  CHECK(p.assembly->stacks.front().id == "test-dev-observability");
  const auto& app = p.resource("AppLogGroup");
  CHECK(app.properties["LogGroupName"] == "/aip/test/app");
  CHECK(app.properties["RetentionInDays"] == 30);
  CHECK(app.deletion_policy == "Retain");
  const auto& audit = p.resource("AuditLogGroup");
  CHECK(audit.properties["RetentionInDays"] == 365);
  CHECK(audit.properties["KmsKeyId"] == Json::parse(R"({"Fn::GetAtt": ["AuditLogGroupKey", "Arn"]})"));
  const Json& logs = statement(p.resource("AuditLogGroupKey").properties["KeyPolicy"], "CloudWatchLogsEncrypt");
  CHECK(logs["Condition"]["ArnEquals"]["kms:EncryptionContext:aws:logs:arn"] ==
        Json::parse(R"({"Fn::Sub": "arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:/x/audit"})"));
}

TEST_CASE("an alarm topic has a key CloudWatch may use, a TLS-only policy and e-mail subscriptions") {
  auto p = plan_text(std::string(kHeader) + kTopic);
  CHECK(p.schema_findings().empty());
  const auto& topic = p.resource("OpsAlarmTopic");
  CHECK(topic.properties["TopicName"] == "test-ops");
  CHECK(topic.properties["KmsMasterKeyId"] == Json::parse(R"({"Fn::GetAtt": ["OpsAlarmTopicKey", "Arn"]})"));
  const Json& key = statement(p.resource("OpsAlarmTopicKey").properties["KeyPolicy"], "CloudWatchAlarmsPublish");
  CHECK(key["Principal"] == Json::parse(R"({"Service": "cloudwatch.amazonaws.com"})"));
  const Json& policy = p.resource("OpsAlarmTopicPolicy").properties["PolicyDocument"];
  CHECK(statement(policy, "DenyInsecureTransport")["Condition"] == Json::parse(R"({"Bool": {"aws:SecureTransport": "false"}})"));
  const auto& sub = p.resource("OpsAlarmTopicOpsExampleComSubscription");
  CHECK(sub.properties["Protocol"] == "email");
  CHECK(sub.properties["Endpoint"] == "ops@example.com");
}

TEST_CASE("a trail is multi-region with log file validation, into the storage bucket that receives it") {
  auto p = plan_text(std::string(kHeader) +
                     "storage:\n  buckets:\n    audit: {preset: logs, receives: [cloudtrail]}\n"
                     "    lake: {receives: [cloudtrail]}\n"
                     "observability:\n  trails:\n    main: {bucket: audit}\n    data: {bucket: lake, s3_data_events: true}\n");
  CHECK(p.schema_findings().empty());
  const auto& obs = p.stack("test-dev-observability");
  const auto& trail = obs.find("MainTrail")->properties;
  CHECK(trail["IsMultiRegionTrail"] == true);
  CHECK(trail["EnableLogFileValidation"] == true);
  CHECK(trail["IsLogging"] == true);
  CHECK(trail["S3BucketName"] == Json::parse(R"({"Fn::ImportValue": "test-dev-storage:AuditBucketRef"})"));
  CHECK_FALSE(trail.contains("KMSKeyId"));  // SSE-S3 bucket
  CHECK(obs.dependencies == std::set<std::string>{"test-dev-storage"});
  // A KMS bucket's key admits only the account: the trail brings a key CloudTrail may use.
  const auto& data = obs.find("DataTrail")->properties;
  CHECK(data["KMSKeyId"] == Json::parse(R"({"Fn::GetAtt": ["DataTrailKey", "Arn"]})"));
  CHECK(data["EventSelectors"][0]["DataResources"][0]["Type"] == "AWS::S3::Object");
}

TEST_CASE("alarms on the load balancer, a service, Aurora and WAF use the right metrics and dimensions") {
  auto p = plan_text(example());
  CHECK(p.schema_findings().empty());
  const auto& obs = p.stack("lang-obs-dev-observability");
  CHECK(obs.dependencies ==
        std::set<std::string>{"lang-obs-dev-compute", "lang-obs-dev-data", "lang-obs-dev-storage"});
  auto alarm = [&](const std::string& id) -> const Json& {
    const aip::cfn::Resource* r = obs.find(id);
    INFO(id);
    REQUIRE(r != nullptr);
    CHECK(r->properties["AlarmActions"] == Json::parse(R"([{"Ref": "OncallAlarmTopic"}])"));
    return r->properties;
  };
  const Json& rate = alarm("Alb5xxAlarm");
  CHECK(rate["Threshold"] == 5);
  CHECK(rate["TreatMissingData"] == "notBreaching");
  CHECK(rate["Metrics"][3]["Expression"] == "100 * (FILL(elb5xx, 0) + FILL(target5xx, 0)) / requests");
  CHECK(rate["Metrics"][0]["MetricStat"]["Metric"]["Dimensions"] ==
        Json::parse(R"([{"Name": "LoadBalancer", "Value": {"Fn::ImportValue": "lang-obs-dev-compute:PrimaryLoadBalancerLoadBalancerFullName"}}])"));
  const Json& rate4 = alarm("Alb4xxAlarm");
  CHECK(rate4["Threshold"] == 10);
  CHECK(rate4["Metrics"][0]["MetricStat"]["Period"] == 900);
  CHECK(rate4["Metrics"][1]["MetricStat"]["Metric"]["MetricName"] == "HTTPCode_Target_4XX_Count");
  CHECK(rate4["Metrics"][2]["MetricStat"]["Metric"]["MetricName"] == "HTTPCode_ELB_4XX_Count");
  CHECK(rate4["Metrics"][3]["Expression"] == "100 * (FILL(elb4xx, 0) + FILL(target4xx, 0)) / requests");
  const Json& p99 = alarm("ApiLatencyP99Alarm");
  CHECK(p99["ExtendedStatistic"] == "p99");
  CHECK_FALSE(p99.contains("Statistic"));
  CHECK(p99["Threshold"] == 2);
  CHECK(p99["Dimensions"][1] ==
        Json::parse(R"({"Name": "TargetGroup", "Value": {"Fn::ImportValue": "lang-obs-dev-compute:ApiTargetGroupTargetGroupFullName"}})"));
  const Json& tasks = alarm("ApiTasksAlarm");
  CHECK(tasks["Metrics"][0]["MetricStat"]["Metric"]["Namespace"] == "ECS/ContainerInsights");
  CHECK(tasks["Metrics"][0]["MetricStat"]["Metric"]["Dimensions"][1] ==
        Json::parse(R"({"Name": "ServiceName", "Value": {"Fn::ImportValue": "lang-obs-dev-compute:ApiServiceName"}})"));
  const Json& cpu = alarm("DbCpuAlarm");
  CHECK(cpu["Dimensions"] ==
        Json::parse(R"([{"Name": "DBClusterIdentifier", "Value": {"Fn::ImportValue": "lang-obs-dev-data:LangdbDbClusterRef"}}])"));
  CHECK(cpu["Threshold"] == 80);
  CHECK(cpu["EvaluationPeriods"] == 3);
  CHECK(cpu["Period"] == 300);
  const Json& storage = alarm("DbStorageAlarm");
  CHECK(storage["ComparisonOperator"] == "LessThanOrEqualToThreshold");
  CHECK(storage["Threshold"] == 4.0 * 1024 * 1024 * 1024);
  const Json& waf = alarm("WafBlockedAlarm");
  CHECK(waf["Namespace"] == "AWS/WAFV2");
  CHECK(waf["Dimensions"] == Json::parse(R"([{"Name": "WebACL", "Value": "lang-obs-portal"}, {"Name": "Rule", "Value": "ALL"},
                                             {"Name": "Region", "Value": "us-east-1"}])"));
}

TEST_CASE("observability errors name the key and its location") {
  const std::string h = kHeader;
  CHECK(observability_errors(h + "observability:\n  log_groups:\n    a: {retention_days: 10}\n") ==
        "spec.yaml:7:25: 'retention_days' must be one of the periods CloudWatch Logs keeps logs for (1, 3, 5, 7, 14, "
        "30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653), got 10\n");
  CHECK(observability_errors(h + "storage:\n  buckets:\n    audit: {preset: logs}\nobservability:\n  trails:\n    t: {bucket: audit}\n") ==
        "spec.yaml:10:17: trail 't' writes to bucket 'audit', whose policy does not admit CloudTrail; add `receives: "
        "[cloudtrail]` to the bucket\n");
  CHECK(observability_errors(h + "storage:\n  buckets:\n    audit: {preset: logs}\nobservability:\n  trails:\n    t: {bucket: audt}\n") ==
        "spec.yaml:10:17: trail 't' refers to bucket 'audt', which is not defined; did you mean 'audit'?\n");
  CHECK(observability_errors(h + "observability:\n  alarms:\n    a: {metric: db-cpu, database: main}\n") ==
        "spec.yaml:7:5: alarm 'a' has nobody to notify: define a topic under observability.topics\n"
        "spec.yaml:7:35: alarm 'a' refers to database 'main', which is not defined\n");
  CHECK(observability_errors(h + kTopic + "  alarms:\n    a: {metric: db-cpus}\n") ==
        "spec.yaml:9:17: 'metric' must be one of alb-5xx-rate, alb-4xx-rate, target-latency, running-tasks, db-cpu, "
        "db-free-storage, db-connections, waf-blocked, api-latency, api-5xx-rate, function-errors, "
        "function-throttles, function-duration, function-metric, got 'db-cpus'; did you mean 'db-cpu'?\n");
  CHECK(observability_errors(h + kTopic + "  alarms:\n    a: {metric: db-cpu, web_acl: x}\n") ==
        "spec.yaml:9:34: alarm 'a' (db-cpu) watches a database; remove 'web_acl'\n");
  CHECK(observability_errors(h + kTopic + "  alarms:\n    a: {metric: alb-5xx-rate}\n") ==
        "spec.yaml:9:5: alarm 'a' (alb-5xx-rate) watches a load_balancer or a service; give exactly one\n");
  CHECK(observability_errors(h + kTopic + "  alarms:\n    a: {metric: waf-blocked, web_acl: x, statistic: p99}\n") ==
        "spec.yaml:9:5: alarm 'a' (waf-blocked) needs a 'threshold': there is no default that fits every web ACL\n"
        "spec.yaml:9:39: alarm 'a' refers to web ACL 'x', which is not defined\n"
        "spec.yaml:9:53: alarm 'a' (waf-blocked) takes no 'statistic'; only target-latency, api-latency, "
        "function-duration and function-metric do\n");
  CHECK(observability_errors(h + kTopic + "    ops2: {}\n  alarms:\n    a: {metric: db-cpu, database: x, topic: opz}\n") ==
        "spec.yaml:10:35: alarm 'a' refers to database 'x', which is not defined\n"
        "spec.yaml:10:45: alarm 'a' refers to topic 'opz', which is not defined; did you mean 'ops'?\n");
  CHECK(observability_errors(h + "observability:\n  topics:\n    ops: {emails: [ops]}\n") ==
        "spec.yaml:7:20: 'emails' must list e-mail addresses, got 'ops'\n");
}

TEST_CASE("API alarms watch a REST API's stage: p99 latency above seconds, 5xx above a percentage (seed 001)") {
  const std::string api = std::string(kHeader) +
                          "functions:\n  router: {runtime: python3.12, handler: app.handler, code: {inline: x}}\n"
                          "api:\n  rest_apis:\n    gw:\n      routes:\n        POST /v1/invoke: {function: router, auth: none}\n";
  auto p = plan_text(api + kTopic +
                     "  alarms:\n"
                     "    slow: {metric: api-latency, api: gw, statistic: p99, threshold: 5}\n"
                     "    failing: {metric: api-5xx-rate, api: gw}\n");
  CHECK(p.schema_findings().empty());
  const Json& slow = p.resource("SlowAlarm").properties;
  const Json dims = Json::parse(R"([{"Name": "ApiName", "Value": "test-gw"}, {"Name": "Stage", "Value": "v1"}])");
  CHECK(slow["Namespace"] == "AWS/ApiGateway");
  CHECK(slow["MetricName"] == "Latency");
  CHECK(slow["Dimensions"] == dims);
  CHECK(slow["ExtendedStatistic"] == "p99");
  CHECK(slow["Threshold"] == 5000);  // milliseconds
  CHECK(slow["ComparisonOperator"] == "GreaterThanThreshold");
  const Json& failing = p.resource("FailingAlarm").properties;
  CHECK(failing["Threshold"] == 1);  // the default: seed 001's 1 %
  CHECK(failing["Metrics"][2]["Expression"] == "100 * FILL(errors, 0) / requests");
  CHECK(failing["Metrics"][1]["MetricStat"]["Metric"]["MetricName"] == "5XXError");
  CHECK(failing["Metrics"][1]["MetricStat"]["Metric"]["Dimensions"] == dims);
  CHECK(failing["TreatMissingData"] == "notBreaching");
  // Lines: kHeader 4, the api 7 (to line 11), kTopic 3 (to line 14): alarms from line 16.
  CHECK(observability_errors(api + kTopic + "  alarms:\n    a: {metric: api-latency, api: gateway}\n") ==
        "spec.yaml:16:35: alarm 'a' refers to REST API 'gateway', which is not defined\n");
  CHECK(observability_errors(api + kTopic + "  alarms:\n    a: {metric: api-5xx-rate, api: gw, threshold: 150}\n") ==
        "spec.yaml:16:51: alarm 'a' (api-5xx-rate) has a threshold in percent, got 150\n");
  CHECK(observability_errors(api + kTopic + "  alarms:\n    a: {metric: api-latency, load_balancer: gw}\n") ==
        "spec.yaml:16:45: alarm 'a' (api-latency) watches an api; remove 'load_balancer'\n");
}

TEST_CASE("function alarms watch the alias live of a deployed function: failed invocations, throttles, duration") {
  const std::string fns = std::string(kHeader) +
                          "functions:\n"
                          "  router:\n"
                          "    runtime: python3.12\n    handler: app.handler\n    code: {inline: x}\n    timeout: 20\n"
                          "    deployment: {alarms: [router-errors]}\n"
                          "  batch: {runtime: python3.12, handler: app.handler, code: {inline: x}}\n";
  auto p = plan_text(fns + kTopic +
                     "  alarms:\n"
                     "    router-errors: {metric: function-errors, function: router}\n"
                     "    router-throttles: {metric: function-throttles, function: router}\n"
                     "    router-slow: {metric: function-duration, function: router, statistic: p99, threshold: 10}\n"
                     "    batch-errors: {metric: function-errors, function: batch, threshold: 5, minutes: 15}\n");
  CHECK(p.schema_findings().empty());
  const Json alias = Json::parse(
      R"([{"Name": "FunctionName", "Value": "test-router"}, {"Name": "Resource", "Value": "test-router:live"}])");
  const Json& errors = p.resource("RouterErrorsAlarm").properties;
  CHECK(errors["AlarmName"] == "test-router-errors");
  CHECK(errors["Threshold"] == 1);  // the default: 1 % of invocations
  CHECK(errors["ComparisonOperator"] == "GreaterThanThreshold");
  CHECK(errors["TreatMissingData"] == "notBreaching");
  CHECK(errors["Metrics"][0]["MetricStat"]["Metric"]["MetricName"] == "Invocations");
  CHECK(errors["Metrics"][1]["MetricStat"]["Metric"]["MetricName"] == "Errors");
  CHECK(errors["Metrics"][1]["MetricStat"]["Metric"]["Namespace"] == "AWS/Lambda");
  CHECK(errors["Metrics"][1]["MetricStat"]["Metric"]["Dimensions"] == alias);
  CHECK(errors["Metrics"][1]["MetricStat"]["Period"] == 300);
  CHECK(errors["Metrics"][2]["Expression"] == "100 * FILL(errors, 0) / invocations");
  const Json& throttles = p.resource("RouterThrottlesAlarm").properties;
  CHECK(throttles["MetricName"] == "Throttles");
  CHECK(throttles["Statistic"] == "Sum");
  CHECK(throttles["Dimensions"] == alias);
  CHECK(throttles["Threshold"] == 1);
  CHECK(throttles["ComparisonOperator"] == "GreaterThanOrEqualToThreshold");
  const Json& slow = p.resource("RouterSlowAlarm").properties;
  CHECK(slow["MetricName"] == "Duration");
  CHECK(slow["ExtendedStatistic"] == "p99");
  CHECK(slow["Threshold"] == 10000);  // milliseconds
  CHECK(slow["Dimensions"] == alias);
  // A function without deployment has no alias: the function's own metrics.
  const Json& batch = p.resource("BatchErrorsAlarm").properties;
  CHECK(batch["Metrics"][1]["MetricStat"]["Metric"]["Dimensions"] ==
        Json::parse(R"([{"Name": "FunctionName", "Value": "test-batch"}])"));
  CHECK(batch["Metrics"][1]["MetricStat"]["Period"] == 900);
  CHECK(batch["Threshold"] == 5);
  // The rollback alarm of the router's deployment group is its own errors alarm.
  CHECK(p.resource("RouterFunctionDeploymentGroup").properties["AlarmConfiguration"]["Alarms"] ==
        Json::parse(R"([{"Name": "test-router-errors"}])"));

  // Lines: kHeader 4, the functions 8 (to line 12), kTopic 3 (to line 15): alarms from line 17.
  CHECK(observability_errors(fns + kTopic + "  alarms:\n    a: {metric: function-errors, function: routr}\n") ==
        "spec.yaml:11:27: deployment of function 'router' rolls back on alarm 'router-errors', which is not defined "
        "in observability.alarms\n"
        "spec.yaml:17:44: alarm 'a' refers to function 'routr', which is not defined; did you mean 'router'?\n");
  const std::string rollback = "    router-errors: {metric: function-errors, function: router}\n";
  CHECK(observability_errors(fns + kTopic + "  alarms:\n" + rollback +
                             "    a: {metric: function-errors, function: router, threshold: 101}\n") ==
        "spec.yaml:18:63: alarm 'a' (function-errors) has a threshold in percent, got 101\n");
  CHECK(observability_errors(fns + kTopic + "  alarms:\n" + rollback +
                             "    a: {metric: function-duration, function: router}\n") ==
        "spec.yaml:18:5: alarm 'a' (function-duration) needs a 'threshold': there is no default that fits every "
        "function\n");
  CHECK(observability_errors(fns + kTopic + "  alarms:\n" + rollback +
                             "    a: {metric: function-duration, function: router, threshold: 20}\n") ==
        "spec.yaml:18:65: alarm 'a' (function-duration) can never fire: function 'router' times out after 20 s, so "
        "no invocation lasts longer than 20 s\n");
  CHECK(observability_errors(fns + kTopic + "  alarms:\n" + rollback +
                             "    a: {metric: function-throttles, function: router, statistic: p99}\n") ==
        "spec.yaml:18:66: alarm 'a' (function-throttles) takes no 'statistic'; only target-latency, api-latency, "
        "function-duration and function-metric do\n");
  CHECK(observability_errors(fns + kTopic + "  alarms:\n" + rollback +
                             "    a: {metric: function-errors, api: router}\n") ==
        "spec.yaml:18:39: alarm 'a' (function-errors) watches a function; remove 'api'\n");
}

TEST_CASE("a function-metric alarm watches a custom metric of the function, below or above a threshold (seed 000)") {
  const std::string fns = std::string(kHeader) +
                          "functions:\n"
                          "  router:\n"
                          "    runtime: python3.12\n    handler: app.handler\n    code: {inline: x}\n"
                          "    metrics_namespace: GenAIGateway\n"
                          "    deployment: {alarms: [quality]}\n"
                          "  batch: {runtime: python3.12, handler: app.handler, code: {inline: x}}\n";
  // Seed 000, test_rollback_on_quality_drop: roll back when the quality score falls under 0.85.
  auto p = plan_text(fns + kTopic +
                     "  alarms:\n"
                     "    quality: {metric: function-metric, function: router, metric_name: QualityScore, when: below, "
                     "threshold: 0.85}\n"
                     "    tokens: {metric: function-metric, function: router, metric_name: OutputTokens, statistic: p99, "
                     "threshold: 4000, minutes: 15}\n");
  CHECK(p.schema_findings().empty());
  const Json own = Json::parse(R"([{"Name": "FunctionName", "Value": "test-router"}])");
  const Json& quality = p.resource("QualityAlarm").properties;
  CHECK(quality["Namespace"] == "GenAIGateway");
  CHECK(quality["MetricName"] == "QualityScore");
  CHECK(quality["Dimensions"] == own);
  CHECK(quality["Statistic"] == "Average");
  CHECK_FALSE(quality.contains("ExtendedStatistic"));
  CHECK(quality["Threshold"] == 0.85);
  CHECK(quality["ComparisonOperator"] == "LessThanThreshold");
  CHECK(quality["TreatMissingData"] == "notBreaching");
  CHECK(quality["Period"] == 300);
  CHECK(quality["AlarmDescription"] == "average QualityScore of function router (GenAIGateway) falls below 0.85 for 5 minutes");
  const Json& tokens = p.resource("TokensAlarm").properties;
  CHECK(tokens["ExtendedStatistic"] == "p99");
  CHECK_FALSE(tokens.contains("Statistic"));
  CHECK(tokens["ComparisonOperator"] == "GreaterThanThreshold");
  CHECK(tokens["EvaluationPeriods"] == 3);
  // The canary rolls back on it.
  CHECK(p.resource("RouterFunctionDeploymentGroup").properties["AlarmConfiguration"]["Alarms"] ==
        Json::parse(R"([{"Name": "test-quality"}])"));

  // Lines: kHeader 4, the functions 8 (to line 12), kTopic 3 (to line 15): alarms from line 17.
  const std::string rollback =
      "    quality: {metric: function-metric, function: router, metric_name: QualityScore, threshold: 1}\n";
  CHECK(observability_errors(fns + kTopic + "  alarms:\n" + rollback +
                             "    a: {metric: function-metric, function: router, threshold: 1}\n") ==
        "spec.yaml:18:5: alarm 'a' (function-metric) needs a 'metric_name': the custom metric the function publishes\n");
  CHECK(observability_errors(fns + kTopic + "  alarms:\n" + rollback +
                             "    a: {metric: function-metric, function: batch, metric_name: Score, threshold: 1}\n") ==
        "spec.yaml:18:44: alarm 'a' (function-metric) watches a custom metric of function 'batch', which publishes "
        "none; give the function a 'metrics_namespace'\n");
  CHECK(observability_errors(fns + kTopic + "  alarms:\n" + rollback +
                             "    a: {metric: function-metric, function: router, metric_name: Score}\n") ==
        "spec.yaml:18:5: alarm 'a' (function-metric) needs a 'threshold': there is no default that fits every metric\n");
  CHECK(observability_errors(fns + kTopic + "  alarms:\n" + rollback +
                             "    a: {metric: function-errors, function: router, metric_name: Score, when: below}\n") ==
        "spec.yaml:18:65: alarm 'a' (function-errors) takes no 'metric_name'; only function-metric alarms do\n"
        "spec.yaml:18:78: alarm 'a' (function-errors) takes no 'when'; only function-metric alarms do\n");
  CHECK(observability_errors(fns + kTopic + "  alarms:\n" + rollback +
                             "    a: {metric: function-metric, function: router, metric_name: Score, when: under, "
                             "threshold: 1}\n") ==
        "spec.yaml:18:78: 'when' must be one of above, below, got 'under'\n");
}

TEST_CASE("a trail records the object-level events of the buckets it names, and only theirs") {
  const std::string base = std::string(kHeader) +
                           "storage:\n  buckets:\n    audit: {preset: logs, receives: [cloudtrail]}\n"
                           "    documents: {}\n"
                           "observability:\n  trails:\n";
  auto p = plan_text(base + "    main: {bucket: audit, data_event_buckets: [documents]}\n");
  CHECK(p.schema_findings().empty());
  const Json& selector = p.stack("test-dev-observability").find("MainTrail")->properties["EventSelectors"][0];
  CHECK(selector["IncludeManagementEvents"] == true);
  CHECK(selector["DataResources"] ==
        Json::parse(R"([{"Type": "AWS::S3::Object",
                         "Values": [{"Fn::Sub": "arn:${AWS::Partition}:s3:::test-documents-123456789012-us-east-1/"}]}])"));
  // Without it, management events only.
  auto plain = plan_text(base + "    main: {bucket: audit}\n");
  CHECK_FALSE(plain.stack("test-dev-observability").find("MainTrail")->properties["EventSelectors"][0].contains(
      "DataResources"));
  // Errors at the name (line 11): an unknown bucket, and every bucket and some at once.
  CHECK(aip::test::errors_of(base.substr(std::string(kHeader).size()) +
                             "    main: {bucket: audit, data_event_buckets: [documnets]}\n") ==
        "spec.yaml:11:48: trail 'main' records the object-level events of bucket 'documnets', which is not defined; "
        "did you mean 'documents'?\n");
  CHECK(aip::test::errors_of(base.substr(std::string(kHeader).size()) +
                             "    main: {bucket: audit, s3_data_events: true, data_event_buckets: [documents]}\n") ==
        "spec.yaml:11:70: trail 'main' records the object-level events of every bucket (s3_data_events): remove "
        "'data_event_buckets', or 's3_data_events' to record only these\n");
}
