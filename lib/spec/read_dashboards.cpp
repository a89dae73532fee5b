// `observability.dashboards`: CloudWatch dashboards whose widgets name a
// metric of a small vocabulary and the element of the spec it is read from,
// the way alarms do (checks: check_dashboards.cpp; rendering: plan/dashboards.cpp).
#include <fmt/format.h>

#include "base/did_you_mean.hpp"
#include "base/pattern.hpp"
#include "spec/field_reader.hpp"
#include "spec/load.hpp"
#include "spec/placement.hpp"

namespace aip::spec {

const std::vector<WidgetMetric>& widget_metrics() {
  // "load_balancer|service": either, like the ALB alarms.
  static const std::vector<WidgetMetric> metrics = {
      {"alb-requests", "load_balancer|service", false},
      {"alb-5xx-rate", "load_balancer|service", false},
      {"target-latency", "load_balancer|service", true},
      {"ecs-cpu", "service", false},
      {"ecs-memory", "service", false},
      {"running-tasks", "service", false},
      {"db-cpu", "database", false},
      {"db-free-memory", "database", false},
      {"db-free-storage", "database", false},
      {"db-connections", "database", false},
      {"db-iops", "database", false},
      {"db-buffer-cache-hit", "database", false},
      {"api-requests", "api", false},
      {"api-latency", "api", true},
      {"api-5xx-rate", "api", false},
      {"function-invocations", "function", false},
      {"function-errors", "function", false},
      {"function-throttles", "function", false},
      {"function-duration", "function", true},
      {"waf-requests", "web_acl", false},
      {"cdn-requests", "distribution", false},
      {"cdn-error-rate", "distribution", false},
      {"cdn-cache-hit-rate", "distribution", false},
      {"bucket-size", "bucket", false},
      {"bucket-requests", "bucket", false},
      {"bucket-storage-types", "bucket", false},
      {"estimated-charges", "", false},
  };
  return metrics;
}

const WidgetMetric* find_widget_metric(std::string_view name) {
  for (const WidgetMetric& m : widget_metrics()) {
    if (name == m.name) return &m;
  }
  return nullptr;
}

const std::vector<std::pair<std::string, std::string>>& billing_services() {
  // The ServiceName dimension of AWS/Billing EstimatedCharges.
  static const std::vector<std::pair<std::string, std::string>> services = {
      {"cloudfront", "AmazonCloudFront"}, {"s3", "AmazonS3"},       {"ecs", "AmazonECS"},
      {"rds", "AmazonRDS"},               {"ec2", "AmazonEC2"},     {"data-transfer", "AWSDataTransfer"},
      {"lambda", "AWSLambda"},            {"cloudwatch", "AmazonCloudWatch"}, {"bedrock", "AmazonBedrock"},
  };
  return services;
}

namespace {

void read_widget(const YamlNode& n, const std::string& dashboard, int index, Dashboard& d, Diagnostics& diags) {
  DashboardWidget w;
  w.location = n.location;
  Fields f(n, fmt::format("widget {} of dashboard '{}'", index + 1, dashboard), diags, n.location);
  if (!f.ok()) return;
  std::vector<std::string> names;
  for (const WidgetMetric& m : widget_metrics()) names.emplace_back(m.name);
  const bool metric_ok = f.choice("metric", names, w.metric, Presence::required);
  f.text("load_balancer", w.load_balancer);
  f.text("service", w.service);
  f.text("database", w.database);
  f.text("web_acl", w.web_acl);
  f.text("api", w.api);
  f.text("function", w.function);
  f.text("distribution", w.distribution);
  f.text("bucket", w.bucket);
  f.choices("statistics", {"p50", "p90", "p95", "p99", "average"}, w.statistics);
  std::vector<std::string> services;
  for (const auto& [name, billing] : billing_services()) services.push_back(name);
  f.choices("services", services, w.services);
  // '@' is kept out too: the dashboard body marks references with "@@aip-ref-N@@" (plan/dashboards.cpp).
  static const Pattern title("[^\"\\\\@]{1,200}");
  f.text("title", title, "a widget title is 1 to 200 characters without '\"', '\\' or '@', got '{}'", w.title);
  if (metric_ok) d.widgets.push_back(std::move(w));
}

void read_dashboard(const YamlNode& key, const YamlNode& value, Spec& spec, Diagnostics& diags) {
  if (!check_name(key, "dashboard", diags)) return;
  Dashboard d;
  d.name = key.scalar;
  d.location = key.location;
  Fields f(value, fmt::format("dashboard '{}'", d.name), diags, key.location);
  if (!f.ok()) return;
  f.text("account", d.account);
  f.region("region", d.region);
  if (f.integer("period", {60, 86400}, d.period) && d.period.value % 60 != 0) {
    diags.error(d.period.location, fmt::format("the period of dashboard '{}' must be a multiple of 60 seconds, got {}",
                                               d.name, d.period.value));
  }
  if (const YamlNode* ws = f.required("widgets")) {
    if (!ws->is_sequence()) {
      diags.error(ws->location, fmt::format("'widgets' of dashboard '{}' must be a list of widgets, got {}", d.name,
                                            ws->describe()));
    } else if (ws->items.empty()) {
      diags.error(ws->location, fmt::format("dashboard '{}' lists no widget: give it at least one", d.name));
    } else {
      for (size_t i = 0; i < ws->items.size(); ++i) read_widget(ws->items[i], d.name, static_cast<int>(i), d, diags);
    }
  }
  f.tags(d.tags);
  spec.observability.dashboards.push_back(std::move(d));
}

}  // namespace

void read_dashboards(Fields& f, Spec& spec, Diagnostics& diags) {
  read_named(f, "dashboards", "dashboard", diags,
             [&](const YamlNode& k, const YamlNode& v) { read_dashboard(k, v, spec, diags); });
}

}  // namespace aip::spec
