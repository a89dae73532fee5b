// The `observability:` area of the spec: CloudWatch log groups with retention
// (never infinite) and optional KMS, alarm topics with e-mail subscriptions,
// CloudWatch alarms on other areas' resources (seeds 004 and 001),
// CloudTrail trails into a storage bucket, dashboards, X-Ray sampling rules
// and groups, and saved Logs Insights queries.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "spec/located.hpp"

namespace aip::spec {

struct LogGroup {
  std::string name;
  Location location;
  Located<std::string> account;
  Located<std::string> region;
  Located<std::string> log_group_name;        // default /aip/<platform>/<name>
  std::optional<Located<int>> retention_days;  // default: observability.log_retention_days
  Located<bool> kms{false, {}};               // a customer-managed key for this group
  Located<std::string> deletion{"retain", {}};  // retain | delete
  Tags tags;
};

// An SNS topic that alarms notify; encrypted with its own customer-managed key
// that CloudWatch may use (the AWS-managed alias/aws/sns key does not let it).
struct AlarmTopic {
  std::string name;
  Location location;
  Located<std::string> account;
  Located<std::string> region;
  std::vector<Located<std::string>> emails;
  Tags tags;
};

enum class AlarmKind {
  alb_5xx_rate,     // percent of requests answered with 5xx (load balancer or service)
  alb_4xx_rate,     // percent of requests answered with 4xx (load balancer or service)
  target_latency,   // target response time percentile, seconds (load balancer or service)
  running_tasks,    // ECS running tasks below desired (service; Container Insights)
  db_cpu,           // Aurora CPU percent
  db_free_storage,  // Aurora free local storage, GiB
  db_connections,   // Aurora connections
  waf_blocked,      // WAF blocked requests per evaluation window
  api_latency,      // API Gateway stage latency percentile, seconds (seed 001: p99 > 5 s)
  api_5xx_rate,     // percent of an API stage's requests answered with 5xx (seed 001: > 1 %)
  // A function's own health, on its alias `live` when it deploys through CodeDeploy
  // (the rollback signal of its canary), or on the function when it has no alias.
  function_errors,     // percent of invocations that failed
  function_throttles,  // throttled invocations per evaluation window
  function_duration,   // duration percentile, seconds
  // A custom metric the function publishes in its `metrics_namespace` (e.g. a
  // quality score of its answers), compared with the threshold.
  function_metric,
};
const char* to_string(AlarmKind kind);  // the spec's names: alb-5xx-rate, ...

struct Alarm {
  std::string name;
  Location location;
  Located<AlarmKind> metric;
  Located<std::string> load_balancer;  // compute load balancer
  Located<std::string> service;        // compute service
  Located<std::string> database;       // data database
  Located<std::string> web_acl;        // edge web ACL
  Located<std::string> api;            // api REST API (its stage)
  Located<std::string> function;       // functions area function (its alias `live`)
  std::optional<Located<double>> threshold;  // default per metric (see default_threshold)
  Located<std::string> statistic{"p95", {}};  // target-latency, api-latency, function-duration: p50 | p90 | p95 | p99 | average
  Located<std::string> metric_name;           // function-metric: the custom metric's name
  Located<std::string> when{"above", {}};     // function-metric: above | below the threshold
  std::optional<Located<int>> minutes;        // evaluation window; default per metric
  Located<std::string> topic;                 // default: the only topic
  Located<std::string> description;
  Tags tags;
};

// CloudTrail: a multi-region trail with log file validation into a bucket of
// the storage area that `receives: [cloudtrail]`.
struct Trail {
  std::string name;
  Location location;
  Located<std::string> account;
  Located<std::string> bucket;  // a storage bucket
  Located<std::string> prefix;  // S3 key prefix; default none
  Located<bool> multi_region{true, {}};
  Located<std::string> management_events{"all", {}};  // all | write | none
  Located<bool> s3_data_events{false, {}};           // object-level events of every bucket
  std::vector<Located<std::string>> data_event_buckets;  // object-level events of these buckets of the spec only
  // How long the log files must be kept (seed 001: 7 years); the bucket may
  // not expire them sooner (check_observability.cpp).
  std::optional<Located<int>> retention_days;
  // Log files encrypted with the trail's own KMS key (always for a KMS bucket;
  // an SSE-S3 bucket then also accepts SSE-KMS uploads).
  Located<bool> kms{false, {}};
  Tags tags;
};

// A widget of a CloudWatch dashboard: one metric (the vocabulary is in
// read_dashboards.cpp and docs/areas/observability.md) of one element of the
// spec, named the way alarms name what they watch.
struct DashboardWidget {
  Location location;
  Located<std::string> metric;          // alb-requests, target-latency, ecs-cpu, db-iops, cdn-requests, ...
  Located<std::string> load_balancer;   // compute load balancer
  Located<std::string> service;         // compute service
  Located<std::string> database;        // data database
  Located<std::string> web_acl;         // edge web ACL
  Located<std::string> api;             // api REST API (its stage)
  Located<std::string> function;        // functions area function
  Located<std::string> distribution;    // edge CloudFront distribution
  Located<std::string> bucket;          // storage bucket
  std::vector<Located<std::string>> statistics;  // latency metrics: p50 | p90 | p95 | p99 | average (default p95)
  std::vector<Located<std::string>> services;    // estimated-charges: cloudfront, s3, ecs, rds, ec2, data-transfer, ...
  Located<std::string> title;           // default: generated from the metric and the element
};

// `observability.dashboards.NAME`: an AWS::CloudWatch::Dashboard of the widgets, in order.
struct Dashboard {
  std::string name;
  Location location;
  Located<std::string> account;
  Located<std::string> region;
  // Seconds per point of the widgets (a multiple of 60); S3 storage and billing widgets keep their own
  // (once a day, every 6 hours), since those metrics are published no more often.
  Located<int> period{300, {}};
  std::vector<DashboardWidget> widgets;
  Tags tags;
};

// `observability.xray.sampling_rules.NAME`: an AWS::XRay::SamplingRule.
struct SamplingRule {
  std::string name;
  Location location;
  Located<std::string> account;
  Located<std::string> region;
  Located<int> priority{0, {}};          // required, 1-9999 (lower wins)
  Located<double> fixed_rate{0, {}};     // required, 0-1 (seed 004: 5 % = 0.05)
  Located<int> reservoir_size{0, {}};    // requests per second traced before the rate applies
  Located<std::string> service_name{"*", {}};
  Located<std::string> service_type{"*", {}};
  Located<std::string> host{"*", {}};
  Located<std::string> http_method{"*", {}};
  Located<std::string> url_path{"*", {}};
  Located<std::string> resource_arn{"*", {}};
  Tags tags;
};

// `observability.xray.groups.NAME`: an AWS::XRay::Group with a filter expression.
struct XRayGroup {
  std::string name;
  Location location;
  Located<std::string> account;
  Located<std::string> region;
  Located<std::string> filter;       // required, an X-Ray filter expression
  Located<bool> insights{false, {}};  // X-Ray Insights on the group
  Tags tags;
};

// `observability.queries.NAME`: a saved CloudWatch Logs Insights query.
struct SavedQuery {
  std::string name;
  Location location;
  Located<std::string> account;
  Located<std::string> region;
  Located<std::string> query;                     // required
  std::vector<Located<std::string>> log_groups;   // names of observability.log_groups or compute services
  Located<std::string> folder;                    // the console folder: "<folder>/<name>"; default the platform
};

struct Observability {
  Location location;  // where `observability:` was written; invalid when absent
  Located<int> log_retention_days{30, {}};  // default retention of log groups
  std::vector<LogGroup> log_groups;
  std::vector<AlarmTopic> topics;
  std::vector<Alarm> alarms;
  std::vector<Trail> trails;
  std::vector<Dashboard> dashboards;
  std::vector<SamplingRule> sampling_rules;
  std::vector<XRayGroup> xray_groups;
  std::vector<SavedQuery> queries;

  const AlarmTopic* find_topic(std::string_view name) const {
    for (const AlarmTopic& t : topics) {
      if (t.name == name) return &t;
    }
    return nullptr;
  }
};

// The defaults of an alarm metric: threshold and evaluation minutes (seed 004).
struct AlarmDefaults {
  double threshold;  // < 0: none; the spec must give one
  int minutes;
};
AlarmDefaults alarm_defaults(AlarmKind kind);

// The dashboard widget metrics: their names and what each watches.
struct WidgetMetric {
  const char* name;
  const char* target;  // the widget key naming the element: load_balancer, service, database, ...
  bool statistics;     // takes `statistics`
};
const std::vector<WidgetMetric>& widget_metrics();
const WidgetMetric* find_widget_metric(std::string_view name);
// `estimated-charges` services: the spec's short name and the AWS/Billing ServiceName.
const std::vector<std::pair<std::string, std::string>>& billing_services();

struct Spec;
// The default log group name: /aip/<platform>/<name>.
std::string log_group_name(const Spec& spec, const LogGroup& group);

}  // namespace aip::spec
