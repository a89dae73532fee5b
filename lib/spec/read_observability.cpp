// The `observability:` area: log groups, alarm topics, alarms on other areas'
// resources and CloudTrail trails, read (checks: check_observability.cpp).
#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>

#include <fmt/format.h>

#include "base/did_you_mean.hpp"
#include "base/pattern.hpp"
#include "spec/field_reader.hpp"
#include "spec/load.hpp"
#include "spec/placement.hpp"
#include "spec/regions.hpp"

namespace aip::spec {

namespace {

struct KindName {
  AlarmKind kind;
  const char* name;
};
const std::vector<KindName> kKinds = {
    {AlarmKind::alb_5xx_rate, "alb-5xx-rate"},     {AlarmKind::alb_4xx_rate, "alb-4xx-rate"},
    {AlarmKind::target_latency, "target-latency"},
    {AlarmKind::running_tasks, "running-tasks"},   {AlarmKind::db_cpu, "db-cpu"},
    {AlarmKind::db_free_storage, "db-free-storage"}, {AlarmKind::db_connections, "db-connections"},
    {AlarmKind::waf_blocked, "waf-blocked"},       {AlarmKind::api_latency, "api-latency"},
    {AlarmKind::api_5xx_rate, "api-5xx-rate"},     {AlarmKind::function_errors, "function-errors"},
    {AlarmKind::function_throttles, "function-throttles"}, {AlarmKind::function_duration, "function-duration"},
    {AlarmKind::function_metric, "function-metric"},
};


}  // namespace

const char* to_string(AlarmKind kind) {
  for (const KindName& k : kKinds) {
    if (k.kind == kind) return k.name;
  }
  return "";
}

AlarmDefaults alarm_defaults(AlarmKind kind) {
  switch (kind) {
    case AlarmKind::alb_5xx_rate: return {5, 5};       // seed 004: 5xx >= 5 % over 5 minutes
    case AlarmKind::alb_4xx_rate: return {10, 15};     // seed 004: 4xx >= 10 % over 15 minutes
    case AlarmKind::target_latency: return {1, 5};     // seed 004: p95 > 1 s
    case AlarmKind::running_tasks: return {1, 5};      // any task missing for 5 minutes
    case AlarmKind::db_cpu: return {80, 15};           // seed 004: >= 80 % for 15 minutes
    case AlarmKind::db_free_storage: return {2, 30};   // GiB, for 30 minutes
    case AlarmKind::db_connections: return {-1, 5};
    case AlarmKind::waf_blocked: return {-1, 5};
    case AlarmKind::api_latency: return {5, 5};        // seed 001: p99 latency > 5 s
    case AlarmKind::api_5xx_rate: return {1, 5};       // seed 001: error rate > 1 %
    case AlarmKind::function_errors: return {1, 5};    // > 1 % of invocations fail
    case AlarmKind::function_throttles: return {1, 5}; // any throttled invocation
    case AlarmKind::function_duration: return {-1, 5}; // depends on the function's timeout
    case AlarmKind::function_metric: return {-1, 5};   // the metric is the function's own
  }
  return {-1, 5};
}

std::string log_group_name(const Spec& spec, const LogGroup& group) {
  return group.log_group_name.value.empty() ? fmt::format("/aip/{}/{}", spec.name.value, group.name)
                                            : group.log_group_name.value;
}

namespace {

std::optional<int> read_retention(const YamlNode& n, Diagnostics& diags) {
  auto v = read_int(n, "retention_days", 1, 3653, diags);
  if (v && std::find(log_retention_periods().begin(), log_retention_periods().end(), *v) == log_retention_periods().end()) {
    std::string allowed;
    for (int d : log_retention_periods()) allowed += (allowed.empty() ? "" : ", ") + std::to_string(d);
    diags.error(n.location, fmt::format("'retention_days' must be one of the periods CloudWatch Logs keeps logs for "
                                        "({}), got {}",
                                        allowed, *v));
    return std::nullopt;
  }
  return v;
}

std::optional<double> read_number(const YamlNode& n, std::string_view key, Diagnostics& diags) {
  double value = 0;
  const std::string& s = n.scalar;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (!n.is_scalar() || n.quoted || s.empty() || ec != std::errc() || end != s.data() + s.size() ||
      !std::isfinite(value)) {
    diags.error(n.location, fmt::format("'{}' must be a number, got {}", key, n.describe()));
    return std::nullopt;
  }
  if (value < 0) {
    diags.error(n.location, fmt::format("'{}' must not be negative, got {}", key, s));
    return std::nullopt;
  }
  return value;
}

void read_log_group(const YamlNode& key, const YamlNode& value, Spec& spec, Diagnostics& diags) {
  if (!check_name(key, "log group", diags)) return;
  LogGroup g;
  g.name = key.scalar;
  g.location = key.location;
  Fields f(value, fmt::format("log group '{}'", g.name), diags, key.location);
  if (!f.ok()) return;
  f.text("account", g.account);
  f.region("region", g.region);
  static const Pattern log_group_name("[.\\-_/#A-Za-z0-9]{1,512}");
  f.text("name", log_group_name,
         "log group names are 1 to 512 letters, digits, '.', '-', '_', '/' or '#', got '{}'", g.log_group_name);
  // Explicit: this area's message lists every period (read_retention).
  if (const YamlNode* r = f.optional("retention_days")) {
    if (auto v = read_retention(*r, diags)) g.retention_days = located(*v, *r);
  }
  f.flag("kms", g.kms);
  f.choice("deletion", deletion_choices(), g.deletion);
  f.tags(g.tags);
  spec.observability.log_groups.push_back(std::move(g));
}

void read_notification_topic(const YamlNode& key, const YamlNode& value, Spec& spec, Diagnostics& diags) {
  if (!check_name(key, "topic", diags)) return;
  AlarmTopic t;
  t.name = key.scalar;
  t.location = key.location;
  Fields f(value, fmt::format("topic '{}'", t.name), diags, key.location);
  if (!f.ok()) return;
  f.text("account", t.account);
  f.region("region", t.region);
  static const Pattern email("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
  f.strings("emails", email, "'emails' must list e-mail addresses, got '{}'", t.emails);
  f.tags(t.tags);
  spec.observability.topics.push_back(std::move(t));
}

void read_alarm(const YamlNode& key, const YamlNode& value, Spec& spec, Diagnostics& diags) {
  if (!check_name(key, "alarm", diags)) return;
  Alarm a;
  a.name = key.scalar;
  a.location = key.location;
  Fields f(value, fmt::format("alarm '{}'", a.name), diags, key.location);
  if (!f.ok()) return;
  bool kind_ok = false;
  std::vector<std::string> names;
  for (const KindName& k : kKinds) names.emplace_back(k.name);
  Located<std::string> metric;
  if (f.choice("metric", names, metric, Presence::required)) {
    for (const KindName& k : kKinds) {
      if (metric.value == k.name) a.metric = Located<AlarmKind>{k.kind, metric.location};
    }
    kind_ok = true;
  }
  f.text("load_balancer", a.load_balancer);
  f.text("service", a.service);
  f.text("database", a.database);
  f.text("web_acl", a.web_acl);
  f.text("api", a.api);
  f.text("function", a.function);
  f.text("topic", a.topic);
  f.text("description", a.description);
  // Explicit: a threshold is any number that is not negative, not a whole one.
  if (const YamlNode* t = f.optional("threshold")) {
    if (auto v = read_number(*t, "threshold", diags)) a.threshold = located(*v, *t);
  }
  f.choice("statistic", {"p50", "p90", "p95", "p99", "average"}, a.statistic);
  static const Pattern metric_name("[A-Za-z0-9][A-Za-z0-9_.\\-]{0,254}");
  f.text("metric_name", metric_name,
         "'metric_name' must be a CloudWatch metric name (1 to 255 letters, digits, '_', '.' or '-'), got '{}'",
         a.metric_name);
  f.choice("when", {"above", "below"}, a.when);
  f.integer("minutes", {1, 1440}, a.minutes);
  f.tags(a.tags);
  if (kind_ok) spec.observability.alarms.push_back(std::move(a));
}

void read_trail(const YamlNode& key, const YamlNode& value, Spec& spec, Diagnostics& diags) {
  if (!check_name(key, "trail", diags)) return;
  Trail t;
  t.name = key.scalar;
  t.location = key.location;
  Fields f(value, fmt::format("trail '{}'", t.name), diags, key.location);
  if (!f.ok()) return;
  f.text("account", t.account);
  f.text("bucket", t.bucket, Presence::required);
  f.flag("multi_region", t.multi_region);
  f.choice("management_events", {"all", "write"}, t.management_events);
  f.flag("s3_data_events", t.s3_data_events);
  f.strings("data_event_buckets", t.data_event_buckets);
  f.integer("retention_days", {1, 36500}, t.retention_days);
  f.flag("kms", t.kms);
  f.tags(t.tags);
  spec.observability.trails.push_back(std::move(t));
}

}  // namespace

void read_observability(const YamlNode& node, Spec& spec, Diagnostics& diags) {
  spec.observability.location = node.location;
  Fields f(node, "'observability'", diags);
  if (!f.ok()) return;
  // Explicit: read_retention's message lists every period.
  if (const YamlNode* r = f.optional("log_retention_days")) {
    if (auto v = read_retention(*r, diags)) spec.observability.log_retention_days = located(*v, *r);
  }
  read_named(f, "log_groups", "log group", diags,
             [&](const YamlNode& k, const YamlNode& v) { read_log_group(k, v, spec, diags); });
  read_named(f, "topics", "topic", diags,
             [&](const YamlNode& k, const YamlNode& v) { read_notification_topic(k, v, spec, diags); });
  read_named(f, "alarms", "alarm", diags, [&](const YamlNode& k, const YamlNode& v) { read_alarm(k, v, spec, diags); });
  read_named(f, "trails", "trail", diags, [&](const YamlNode& k, const YamlNode& v) { read_trail(k, v, spec, diags); });
  read_dashboards(f, spec, diags);
  read_xray(f, spec, diags);
  read_queries(f, spec, diags);
}

namespace {

}  // namespace

}  // namespace aip::spec
