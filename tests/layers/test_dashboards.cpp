// Dashboards, X-Ray sampling rules and groups, saved Logs Insights queries,
// and the grants that let services and functions send traces and metrics.
#include <fstream>
#include <sstream>

#include <catch2/catch.hpp>

#include "support/plan_text.hpp"
#include "support/statement.hpp"

using aip::cfn::Json;
using aip::test::kHeader;
using aip::test::plan_text;
using aip::test::statement;

namespace {

std::string example() {
  std::ifstream in(std::string(AIP_SOURCE_DIR) + "/examples/observability.yaml");
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// The DashboardBody as JSON, each import written as "<import:NAME>".
Json body_of(const Json& body) {
  if (body.is_string()) return Json::parse(body.get<std::string>());
  REQUIRE(body.contains("Fn::Join"));
  CHECK(body["Fn::Join"][0] == "");
  std::string text;
  for (const Json& part : body["Fn::Join"][1]) {
    text += part.is_string() ? part.get<std::string>() : "<import:" + part["Fn::ImportValue"].get<std::string>() + ">";
  }
  return Json::parse(text);
}

}  // namespace

TEST_CASE("a dashboard's widgets read the metrics of the elements they name, two a row") {
  auto p = plan_text(example());
  CHECK(p.schema_findings().empty());
  const Json& props = p.resource("HealthDashboard").properties;
  CHECK(props["DashboardName"] == "lang-obs-health");
  const Json body = body_of(props["DashboardBody"]);
  const Json& w = body["widgets"];
  REQUIRE(w.size() == 8);
  // Layout: 12 wide, 6 high, left then right.
  CHECK(w[0]["x"] == 0);
  CHECK(w[1]["x"] == 12);
  CHECK(w[1]["y"] == 0);
  CHECK(w[2]["y"] == 6);
  CHECK(w[7]["y"] == 18);
  for (const Json& x : w) CHECK(x["type"] == "metric");
  const std::string lb = "<import:lang-obs-dev-compute:PrimaryLoadBalancerLoadBalancerFullName>";
  CHECK(w[0]["properties"]["metrics"] ==
        Json::parse(R"([["AWS/ApplicationELB", "RequestCount", "LoadBalancer", ")" + lb + R"(", {"stat": "Sum"}]])"));
  CHECK(w[0]["properties"]["region"] == "us-east-1");
  CHECK(w[0]["properties"]["period"] == 300);
  // One line per statistic, the service by its load balancer and target group.
  const Json& latency = w[1]["properties"]["metrics"];
  REQUIRE(latency.size() == 2);
  CHECK(latency[0][1] == "TargetResponseTime");
  CHECK(latency[0][5] == "<import:lang-obs-dev-compute:ApiTargetGroupTargetGroupFullName>");
  CHECK(latency[0][6] == Json::parse(R"({"stat": "p50", "label": "p50"})"));
  CHECK(latency[1][6]["stat"] == "p99");
  // ECS metrics name the service by its cluster and service names.
  CHECK(w[2]["properties"]["metrics"][0] ==
        Json::parse(R"(["AWS/ECS", "CPUUtilization", "ClusterName", "<import:lang-obs-dev-compute:AppsEcsClusterRef>",
                        "ServiceName", "<import:lang-obs-dev-compute:ApiServiceName>", {"stat": "Average"}])"));
  CHECK(w[3]["properties"]["metrics"][0][0] == "ECS/ContainerInsights");
  CHECK(w[4]["properties"]["metrics"][1] ==
        Json::parse(R"(["AWS/RDS", "WriteIOPS", "DBClusterIdentifier", "<import:lang-obs-dev-data:LangdbDbClusterRef>",
                        {"stat": "Average", "label": "write"}])"));
  CHECK(w[5]["properties"]["metrics"][1] ==
        Json::parse(R"(["AWS/WAFV2", "BlockedRequests", "WebACL", "lang-obs-portal", "Rule", "ALL", "Region",
                        "us-east-1", {"stat": "Sum", "label": "blocked"}])"));
  // S3 storage metrics once a day, under the spec's title.
  CHECK(w[6]["properties"]["title"] == "Audit log bucket");
  CHECK(w[6]["properties"]["period"] == 86400);
  CHECK(w[6]["properties"]["metrics"][0][2] == "BucketName");
  CHECK(w[6]["properties"]["metrics"][0][4] == "StorageType");
  CHECK(w[6]["properties"]["metrics"][0][5] == "StandardStorage");
  // Billing metrics: us-east-1, per service.
  CHECK(w[7]["properties"]["region"] == "us-east-1");
  CHECK(w[7]["properties"]["metrics"] ==
        Json::parse(R"([["AWS/Billing", "EstimatedCharges", "Currency", "USD", "ServiceName", "AmazonECS",
                         {"stat": "Maximum", "label": "ecs"}],
                        ["AWS/Billing", "EstimatedCharges", "Currency", "USD", "ServiceName", "AmazonRDS",
                         {"stat": "Maximum", "label": "rds"}]])"));
}

TEST_CASE("dashboard widgets of a function: its error rate as metric math, a body without imports") {
  auto p = plan_text(std::string(kHeader) +
                     "functions:\n"
                     "  router: {runtime: python3.12, handler: app.handler, code: {inline: x}, "
                     "metrics_namespace: Gateway/Router}\n"
                     "observability:\n"
                     "  dashboards:\n"
                     "    fn:\n"
                     "      widgets:\n"
                     "        - {metric: function-errors, function: router}\n"
                     "        - {metric: function-duration, function: router, statistics: [average]}\n");
  CHECK(p.schema_findings().empty());
  // No imports: the body is a plain string.
  const Json& raw = p.resource("FnDashboard").properties["DashboardBody"];
  REQUIRE(raw.is_string());
  const Json w = body_of(raw)["widgets"];
  CHECK(w[0]["properties"]["metrics"] ==
        Json::parse(R"j([["AWS/Lambda", "Invocations", "FunctionName", "test-router",
                         {"id": "invocations", "stat": "Sum", "visible": false}],
                        ["AWS/Lambda", "Errors", "FunctionName", "test-router",
                         {"id": "errors", "stat": "Sum", "visible": false}],
                        [{"id": "rate", "expression": "100 * FILL(errors, 0) / invocations",
                          "label": "failed invocations (percent of invocations)"}]])j"));
  CHECK(w[1]["properties"]["metrics"][0][4] == Json::parse(R"({"stat": "Average", "label": "average"})"));
  // The function may publish custom metrics in its namespace only.
  const Json& role = p.resource("RouterFunctionRole").properties;
  INFO(role.dump());
  const Json& put = statement(role["Policies"][0]["PolicyDocument"], "PutCustomMetrics");
  CHECK(put["Action"] == "cloudwatch:PutMetricData");
  CHECK(put["Resource"] == "*");
  CHECK(put["Condition"] == Json::parse(R"({"StringEquals": {"cloudwatch:namespace": "Gateway/Router"}})"));
}

TEST_CASE("a dashboard's period sets its widgets' points, except the metrics published less often") {
  const std::string spec = std::string(kHeader) +
                           "functions:\n"
                           "  router: {runtime: python3.12, handler: app.handler, code: {inline: x}}\n"
                           "storage:\n"
                           "  buckets:\n"
                           "    media: {}\n"
                           "observability:\n"
                           "  dashboards:\n"
                           "    fn:\n"
                           "      period: 60\n"
                           "      widgets:\n"
                           "        - {metric: function-errors, function: router}\n"
                           "        - {metric: bucket-size, bucket: media}\n"
                           "        - {metric: estimated-charges}\n";
  auto p = plan_text(spec);
  CHECK(p.schema_findings().empty());
  const Json w = body_of(p.resource("FnDashboard").properties["DashboardBody"])["widgets"];
  CHECK(w[0]["properties"]["period"] == 60);
  CHECK(w[1]["properties"]["period"] == 86400);  // S3 storage metrics: once a day
  CHECK(w[2]["properties"]["period"] == 21600);  // billing: every few hours
  auto bad = aip::test::load_text(spec.substr(0, spec.find("      period: 60")) + "      period: 90\n" +
                                  spec.substr(spec.find("      widgets:")));
  CHECK(bad.messages() == "spec.yaml:13:15: the period of dashboard 'fn' must be a multiple of 60 seconds, got 90\n");
  auto low = aip::test::load_text(spec.substr(0, spec.find("      period: 60")) + "      period: 10\n" +
                                  spec.substr(spec.find("      widgets:")));
  CHECK(low.messages() == "spec.yaml:13:15: 'period' must be between 60 and 86400, got 10\n");
}

TEST_CASE("a bucket's request metrics and a distribution's cache hit rate as widgets") {
  auto p = plan_text(std::string(kHeader) +
                     "storage:\n"
                     "  buckets:\n"
                     "    media: {}\n"
                     "observability:\n"
                     "  dashboards:\n"
                     "    s3:\n"
                     "      widgets:\n"
                     "        - {metric: bucket-requests, bucket: media}\n");
  CHECK(p.schema_findings().empty());
  const Json w = body_of(p.resource("S3Dashboard").properties["DashboardBody"])["widgets"];
  const Json& lines = w[0]["properties"]["metrics"];
  REQUIRE(lines.size() == 3);
  CHECK(lines[0][0] == "AWS/S3");
  CHECK(lines[0][1] == "AllRequests");
  CHECK(lines[1][1] == "4xxErrors");
  CHECK(lines[2][1] == "5xxErrors");
  // BucketName, then the request-metrics configuration's FilterId.
  CHECK(lines[0][2] == "BucketName");
  CHECK(lines[0][4] == "FilterId");
  CHECK(lines[0][5] == "EntireBucket");
  CHECK(w[0]["properties"]["title"] == "Requests of bucket media");
}

TEST_CASE("a bucket's size by storage type is one search over its storage classes, daily") {
  auto p = plan_text(std::string(kHeader) +
                     "storage:\n"
                     "  buckets:\n"
                     "    media: {}\n"
                     "observability:\n"
                     "  dashboards:\n"
                     "    s3:\n"
                     "      widgets:\n"
                     "        - {metric: bucket-storage-types, bucket: media}\n");
  CHECK(p.schema_findings().empty());
  const Json w = body_of(p.resource("S3Dashboard").properties["DashboardBody"])["widgets"];
  const Json& lines = w[0]["properties"]["metrics"];
  REQUIRE(lines.size() == 1);
  const std::string expr = lines[0][0]["expression"].get<std::string>();
  CHECK(expr.rfind("SEARCH('{AWS/S3,BucketName,StorageType} MetricName=\"BucketSizeBytes\" BucketName=\"", 0) == 0);
  CHECK(expr.find("', 'Average', 86400)") != std::string::npos);
  CHECK(w[0]["properties"]["period"] == 86400);
}

TEST_CASE("X-Ray sampling rules and groups, saved queries over log groups and services' logs") {
  auto p = plan_text(example());
  const Json& rule = p.resource("ApiSamplingRule").properties["SamplingRule"];
  CHECK(rule == Json::parse(R"({"RuleName": "lang-obs-api", "Priority": 10, "FixedRate": 0.1, "ReservoirSize": 1,
                                "ServiceName": "api", "ServiceType": "*", "Host": "*", "HTTPMethod": "*",
                                "URLPath": "/api/*", "ResourceARN": "*", "Version": 1})"));
  const Json& group = p.resource("SlowApiXRayGroup").properties;
  CHECK(group["GroupName"] == "lang-obs-slow-api");
  CHECK(group["FilterExpression"] == "service(\"api\") AND responsetime > 1");
  CHECK(group["InsightsConfiguration"] == Json::parse(R"({"InsightsEnabled": true, "NotificationsEnabled": true})"));
  const Json& query = p.resource("AuditErrorsQueryDefinition").properties;
  CHECK(query["Name"] == "lang-obs/audit-errors");
  CHECK(query["LogGroupNames"] == Json::parse(R"(["/lang-portal/audit", "/ecs/lang-obs/api"])"));
  CHECK(query["QueryString"] == "fields @timestamp, @message | filter @message like /ERROR/ | sort @timestamp desc");
  // The service's log group is the compute stack's: it deploys first.
  CHECK(p.stack("lang-obs-dev-observability").dependencies.count("lang-obs-dev-compute") == 1);
}

TEST_CASE("a service with tracing and a metrics namespace may send traces and its own metrics only") {
  auto p = plan_text(example());
  const Json& doc = p.resource("ApiTaskRole").properties["Policies"][0]["PolicyDocument"];
  const Json& traces = statement(doc, "SendTraces");
  CHECK(traces["Action"] == Json::parse(R"(["xray:GetSamplingRules", "xray:GetSamplingTargets",
                                            "xray:PutTelemetryRecords", "xray:PutTraceSegments"])"));
  CHECK(traces["Resource"] == "*");  // X-Ray has no resource-level permissions
  const Json& put = statement(doc, "PutCustomMetrics");
  CHECK(put["Condition"]["StringEquals"]["cloudwatch:namespace"] == "LangPortal/Api");
}

TEST_CASE("dashboards are written the same way every time") {
  auto a = plan_text(example());
  auto b = plan_text(example());
  CHECK(a.resource("HealthDashboard").properties.dump() == b.resource("HealthDashboard").properties.dump());
}

TEST_CASE("lang-portal's React dashboard reads both distributions from the cdn stack, in us-east-1") {
  std::ifstream in(std::string(AIP_SOURCE_DIR) + "/blueprints/lang-portal.yaml");
  std::stringstream s;
  s << in.rdbuf();
  auto p = plan_text(s.str(), std::string(AIP_SOURCE_DIR) + "/blueprints/lang-portal.yaml");
  const Json w = body_of(p.resource("ReactAppsHealthDashboard").properties["DashboardBody"])["widgets"];
  REQUIRE(w.size() == 11);
  CHECK(w[0]["properties"]["metrics"][0] ==
        Json::parse(R"(["AWS/CloudFront", "Requests", "DistributionId",
                        "<import:lang-portal-dev-cdn:LangPortalDistributionRef>", "Region", "Global", {"stat": "Sum"}])"));
  CHECK(w[3]["properties"]["metrics"][0][3] == "<import:lang-portal-dev-cdn:HaikuDistributionRef>");
  CHECK(w[1]["properties"]["metrics"].size() == 3);  // total, 4xx and 5xx error rates
  // Cache hit/miss (the distributions' monitoring subscriptions) and the assets bucket's requests.
  CHECK(w[2]["properties"]["metrics"][0][1] == "CacheHitRate");
  CHECK(w[5]["properties"]["metrics"][0][3] == "<import:lang-portal-dev-cdn:HaikuDistributionRef>");
  CHECK(w[7]["properties"]["metrics"][0][1] == "AllRequests");
  CHECK(p.resource("LangPortalCdnMetrics").properties["DistributionId"] ==
        Json::parse(R"({"Ref": "LangPortalDistribution"})"));
  CHECK(w[0]["properties"]["region"] == "us-east-1");
  CHECK(p.stack("lang-portal-dev-observability").dependencies.count("lang-portal-dev-cdn") == 1);
  // The seed's sampling rules: 5 % after 50 a second (in Default's place), 20 % of /api/v1/* after 100.
  const Json& fallback = p.resource("DefaultSamplingRule").properties["SamplingRule"];
  CHECK(fallback["Priority"] == 9999);
  CHECK(fallback["FixedRate"] == 0.05);
  CHECK(fallback["ReservoirSize"] == 50);
  const Json& high = p.resource("HighPrioritySamplingRule").properties["SamplingRule"];
  CHECK(high["URLPath"] == "/api/v1/*");
  CHECK(high["FixedRate"] == 0.2);
  CHECK(high["ReservoirSize"] == 100);
  CHECK(p.resource("DatabaseQueriesXRayGroup").properties["FilterExpression"] == "service(\"*.rds.*\")");
  CHECK(p.schema_findings().empty());
}
