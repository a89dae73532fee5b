// The `observability:` area of the spec: CloudWatch log groups with retention
// (never infinite) and optional KMS, alarm topics with e-mail subscriptions,
// CloudWatch alarms on other areas' resources (seeds 004 and 001), and
// CloudTrail trails into a storage bucket.
#pragma once

#include <optional>
#include <string>
#include <string_view>
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

struct Observability {
  Location location;  // where `observability:` was written; invalid when absent
  Located<int> log_retention_days{30, {}};  // default retention of log groups
  std::vector<LogGroup> log_groups;
  std::vector<AlarmTopic> topics;
  std::vector<Alarm> alarms;
  std::vector<Trail> trails;

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

struct Spec;
// The default log group name: /aip/<platform>/<name>.
std::string log_group_name(const Spec& spec, const LogGroup& group);

}  // namespace aip::spec
