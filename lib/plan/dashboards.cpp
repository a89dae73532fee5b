// `observability.dashboards`: one AWS::CloudWatch::Dashboard each, in the
// observability stack of its account and region. Widgets are metric graphs of
// one element each, two per row in the spec's order; the DashboardBody is the
// JSON CloudWatch expects, written deterministically (sorted keys), with the
// dimension values that are imports joined in by Fn::Join.
#include <map>

#include <fmt/format.h>

#include "cfn/intrinsics.hpp"
#include "cfn/logical_id.hpp"
#include "plan/names.hpp"
#include "plan/plan.hpp"
#include "plan/resource_helpers.hpp"
#include "plan/watched.hpp"
#include "spec/load.hpp"
#include "spec/placement.hpp"

namespace aip::plan {
namespace {

using cfn::Json;

// The dimension values that are references (imports) stand in the body as
// tokens until it is written, then become the pieces of an Fn::Join.
class DashboardBody {
 public:
  Json value(const Json& v) {
    if (!v.is_object()) return v;
    const std::string key = v.dump();
    auto it = tokens_.find(key);
    if (it == tokens_.end()) {
      it = tokens_.emplace(key, fmt::format("@@aip-ref-{}@@", refs_.size())).first;
      refs_.push_back(v);
    }
    return it->second;
  }
  Json render(const Json& body) const {
    std::string text = body.dump();
    if (refs_.empty()) return text;
    Json parts = Json::array();
    size_t from = 0;
    while (true) {
      size_t at = text.find("@@aip-ref-", from);
      if (at == std::string::npos) break;
      size_t end = text.find("@@", at + 10);
      const size_t index = std::stoul(text.substr(at + 10, end - at - 10));
      if (at > from) parts.push_back(text.substr(from, at - from));
      parts.push_back(refs_[index]);
      from = end + 2;
    }
    if (from < text.size()) parts.push_back(text.substr(from));
    return Json{{"Fn::Join", Json::array({"", std::move(parts)})}};
  }

 private:
  std::map<std::string, std::string> tokens_;
  std::vector<Json> refs_;
};

WatchTarget widget_target(const spec::DashboardWidget& w) {
  const std::string metric = w.metric.value;
  const bool ecs = metric == "ecs-cpu" || metric == "ecs-memory" || metric == "running-tasks";
  if (!w.load_balancer.value.empty()) return {"load_balancer", w.load_balancer.value};
  if (!w.service.value.empty()) return {"service", w.service.value, ecs};
  if (!w.database.value.empty()) return {"database", w.database.value};
  if (!w.web_acl.value.empty()) return {"web_acl", w.web_acl.value};
  if (!w.api.value.empty()) return {"api", w.api.value};
  if (!w.function.value.empty()) return {"function", w.function.value};
  if (!w.distribution.value.empty()) return {"distribution", w.distribution.value};
  return {"bucket", w.bucket.value};
}

// A metric line: [namespace, name, dimension, value, ..., {options}].
struct WidgetLines {
  DashboardBody& body;
  Json dims;  // [{Name, Value}] of the watched element
  Json lines = Json::array();

  void add(const std::string& ns, const std::string& name, Json options, const Json& extra_dims = Json::array()) {
    Json line = Json::array({ns, name});
    for (const Json& d : dims) {
      line.push_back(d["Name"]);
      line.push_back(body.value(d["Value"]));
    }
    for (const Json& d : extra_dims) {
      line.push_back(d["Name"]);
      line.push_back(d["Value"]);
    }
    line.push_back(std::move(options));
    lines.push_back(std::move(line));
  }
  void hidden(const std::string& ns, const std::string& name, const std::string& id, const std::string& stat) {
    add(ns, name, {{"id", id}, {"stat", stat}, {"visible", false}});
  }
  void expression(const std::string& id, const std::string& expr, const std::string& label) {
    lines.push_back(Json::array({{{"id", id}, {"expression", expr}, {"label", label}}}));
  }
  // One line per statistic (p50, p90, ... or average), p95 when none is given.
  void statistics(const std::string& ns, const std::string& name, const spec::DashboardWidget& w) {
    std::vector<std::string> stats;
    for (const auto& s : w.statistics) stats.push_back(s.value);
    if (stats.empty()) stats.push_back("p95");
    for (const std::string& s : stats) {
      add(ns, name, {{"stat", s == "average" ? "Average" : s}, {"label", s}});
    }
  }
};

Json widget_dim(const std::string& name, const std::string& value) { return {{"Name", name}, {"Value", value}}; }

Json render_widget(const spec::Spec& spec, cfn::Assembly& assembly, cfn::Stack& stack, DashboardBody& body,
            const spec::DashboardWidget& w, size_t index, int period) {
  const std::string m = w.metric.value;
  std::string region, what, title;
  WidgetLines l{body, Json::array()};
  if (m == "estimated-charges") {
    // Billing metrics exist in us-east-1 only, every few hours, once the account
    // has turned on billing alerts (Billing preferences; not a CloudFormation setting).
    region = "us-east-1";
    period = 21600;
    std::string names;
    if (w.services.empty()) {
      l.add("AWS/Billing", "EstimatedCharges", {{"stat", "Maximum"}, {"label", "total"}}, Json::array({widget_dim("Currency", "USD")}));
    }
    for (const auto& s : w.services) {
      for (const auto& [name, billing] : spec::billing_services()) {
        if (name != s.value) continue;
        l.add("AWS/Billing", "EstimatedCharges", {{"stat", "Maximum"}, {"label", name}},
              Json::array({widget_dim("Currency", "USD"), widget_dim("ServiceName", billing)}));
        names += (names.empty() ? "" : ", ") + name;
      }
    }
    title = names.empty() ? "Estimated charges (USD)" : fmt::format("Estimated charges (USD): {}", names);
  } else {
    const Watched target = watched(spec, assembly, stack, widget_target(w));
    region = target.env.region;
    what = target.what;
    l.dims = target.dimensions;
    const std::string alb = "AWS/ApplicationELB";
    if (m == "alb-requests") {
      l.add(alb, "RequestCount", {{"stat", "Sum"}});
      title = "Requests of " + what;
    } else if (m == "alb-5xx-rate") {
      l.hidden(alb, "RequestCount", "requests", "Sum");
      l.hidden(alb, "HTTPCode_Target_5XX_Count", "target5xx", "Sum");
      std::string errors = "FILL(target5xx, 0)";
      if (w.service.value.empty()) {
        l.hidden(alb, "HTTPCode_ELB_5XX_Count", "elb5xx", "Sum");
        errors = "FILL(elb5xx, 0) + FILL(target5xx, 0)";
      }
      l.expression("rate", fmt::format("100 * ({}) / requests", errors), "5xx responses (percent of requests)");
      title = "5xx rate of " + what;
    } else if (m == "target-latency") {
      l.statistics(alb, "TargetResponseTime", w);
      title = "Target response time (s) of " + what;
    } else if (m == "ecs-cpu") {
      l.add("AWS/ECS", "CPUUtilization", {{"stat", "Average"}});
      title = "CPU (percent) of " + what;
    } else if (m == "ecs-memory") {
      l.add("AWS/ECS", "MemoryUtilization", {{"stat", "Average"}});
      title = "Memory (percent) of " + what;
    } else if (m == "running-tasks") {
      l.add("ECS/ContainerInsights", "RunningTaskCount", {{"stat", "Maximum"}, {"label", "running"}});
      l.add("ECS/ContainerInsights", "DesiredTaskCount", {{"stat", "Minimum"}, {"label", "desired"}});
      title = "Running tasks of " + what;
    } else if (m == "db-cpu") {
      l.add("AWS/RDS", "CPUUtilization", {{"stat", "Average"}});
      title = "CPU (percent) of " + what;
    } else if (m == "db-free-memory") {
      l.add("AWS/RDS", "FreeableMemory", {{"stat", "Minimum"}});
      title = "Freeable memory (bytes) of " + what;
    } else if (m == "db-free-storage") {
      // Aurora's cluster volume grows by itself; its instances' local storage can run out.
      l.add("AWS/RDS", "FreeLocalStorage", {{"stat", "Minimum"}});
      title = "Free local storage (bytes) of " + what;
    } else if (m == "db-connections") {
      l.add("AWS/RDS", "DatabaseConnections", {{"stat", "Maximum"}});
      title = "Connections of " + what;
    } else if (m == "db-iops") {
      l.add("AWS/RDS", "ReadIOPS", {{"stat", "Average"}, {"label", "read"}});
      l.add("AWS/RDS", "WriteIOPS", {{"stat", "Average"}, {"label", "write"}});
      title = "Read/write IOPS of " + what;
    } else if (m == "db-buffer-cache-hit") {
      l.add("AWS/RDS", "BufferCacheHitRatio", {{"stat", "Average"}});
      title = "Buffer cache hit ratio (percent) of " + what;
    } else if (m == "api-requests") {
      l.add("AWS/ApiGateway", "Count", {{"stat", "Sum"}});
      title = "Requests of " + what;
    } else if (m == "api-latency") {
      l.statistics("AWS/ApiGateway", "Latency", w);
      title = "Latency (ms) of " + what;
    } else if (m == "api-5xx-rate") {
      l.hidden("AWS/ApiGateway", "Count", "requests", "Sum");
      l.hidden("AWS/ApiGateway", "5XXError", "errors", "Sum");
      l.expression("rate", "100 * FILL(errors, 0) / requests", "5xx responses (percent of requests)");
      title = "5xx rate of " + what;
    } else if (m == "function-invocations") {
      l.add("AWS/Lambda", "Invocations", {{"stat", "Sum"}});
      title = "Invocations of " + what;
    } else if (m == "function-errors") {
      l.hidden("AWS/Lambda", "Invocations", "invocations", "Sum");
      l.hidden("AWS/Lambda", "Errors", "errors", "Sum");
      l.expression("rate", "100 * FILL(errors, 0) / invocations", "failed invocations (percent of invocations)");
      title = "Error rate of " + what;
    } else if (m == "function-throttles") {
      l.add("AWS/Lambda", "Throttles", {{"stat", "Sum"}});
      title = "Throttles of " + what;
    } else if (m == "function-duration") {
      l.statistics("AWS/Lambda", "Duration", w);
      title = "Duration (ms) of " + what;
    } else if (m == "waf-requests") {
      l.add("AWS/WAFV2", "AllowedRequests", {{"stat", "Sum"}, {"label", "allowed"}});
      l.add("AWS/WAFV2", "BlockedRequests", {{"stat", "Sum"}, {"label", "blocked"}});
      title = "Requests of " + what;
    } else if (m == "cdn-requests") {
      l.add("AWS/CloudFront", "Requests", {{"stat", "Sum"}});
      title = "Requests of " + what;
    } else if (m == "cdn-error-rate") {
      l.add("AWS/CloudFront", "TotalErrorRate", {{"stat", "Average"}, {"label", "total"}});
      l.add("AWS/CloudFront", "4xxErrorRate", {{"stat", "Average"}, {"label", "4xx"}});
      l.add("AWS/CloudFront", "5xxErrorRate", {{"stat", "Average"}, {"label", "5xx"}});
      title = "Error rate (percent) of " + what;
    } else if (m == "cdn-cache-hit-rate") {
      // One of CloudFront's additional metrics: published only while the distribution has a
      // monitoring subscription (AWS::CloudFront::MonitoringSubscription, charged per metric).
      l.add("AWS/CloudFront", "CacheHitRate", {{"stat", "Average"}, {"label", "hits"}});
      title = "Cache hit rate (percent) of " + what;
    } else if (m == "bucket-requests") {
      // S3 request metrics, published per minute for a metrics configuration; this reads the
      // one with Id EntireBucket (no filter), which the bucket must have.
      const Json filter = Json::array({widget_dim("FilterId", "EntireBucket")});
      l.add("AWS/S3", "AllRequests", {{"stat", "Sum"}, {"label", "requests"}}, filter);
      l.add("AWS/S3", "4xxErrors", {{"stat", "Sum"}, {"label", "4xx"}, {"yAxis", "right"}}, filter);
      l.add("AWS/S3", "5xxErrors", {{"stat", "Sum"}, {"label", "5xx"}, {"yAxis", "right"}}, filter);
      title = "Requests of " + what;
    } else if (m == "bucket-storage-types") {
      // One line per storage class S3 reports for the bucket (Standard, Standard-IA, Glacier, ...):
      // a SEARCH over its BucketSizeBytes, whatever classes its lifecycle moves objects into.
      period = 86400;
      const std::string bucket = body.value(l.dims[0]["Value"]).get<std::string>();
      l.expression("sizes",
                   fmt::format("SEARCH('{{AWS/S3,BucketName,StorageType}} MetricName=\"BucketSizeBytes\" "
                               "BucketName=\"{}\"', 'Average', 86400)",
                               bucket),
                   "${PROP('Dim.StorageType')}");  // a dynamic label: each line named by its class
      title = "Size by storage type of " + what;
    } else {  // bucket-size: S3 storage metrics, once a day
      period = 86400;
      l.add("AWS/S3", "BucketSizeBytes", {{"stat", "Average"}, {"label", "bytes (standard)"}},
            Json::array({widget_dim("StorageType", "StandardStorage")}));
      l.add("AWS/S3", "NumberOfObjects", {{"stat", "Average"}, {"label", "objects"}, {"yAxis", "right"}},
            Json::array({widget_dim("StorageType", "AllStorageTypes")}));
      title = "Size of " + what;
    }
  }
  if (!w.title.value.empty()) title = w.title.value;
  return {{"type", "metric"},
          {"x", static_cast<int>(index % 2) * 12},
          {"y", static_cast<int>(index / 2) * 6},
          {"width", 12},
          {"height", 6},
          {"properties",
           {{"title", title}, {"region", region}, {"view", "timeSeries"}, {"stacked", false}, {"period", period},
            {"metrics", std::move(l.lines)}}}};
}

void plan_dashboard(const spec::Spec& spec, cfn::Assembly& assembly, const spec::Dashboard& d) {
  spec::Placement at = spec::place(spec, d.account, d.region);
  cfn::Stack& stack = stack_for(assembly, spec, kLayerObservability, *at.account, at.region);
  DashboardBody body;
  Json widgets = Json::array();
  for (size_t i = 0; i < d.widgets.size(); ++i) {
    widgets.push_back(render_widget(spec, assembly, stack, body, d.widgets[i], i, d.period.value));
  }
  add_resource(stack, id_for(d.name, "Dashboard"), "AWS::CloudWatch::Dashboard",
               {{"DashboardName", fmt::format("{}-{}", spec.name.value, d.name)},
                {"DashboardBody", body.render(Json{{"widgets", std::move(widgets)}})}},
               d.location, d.tags);
}

}  // namespace

void plan_dashboards(const spec::Spec& spec, cfn::Assembly& assembly) {
  for (const spec::Dashboard& d : spec.observability.dashboards) plan_dashboard(spec, assembly, d);
}

}  // namespace aip::plan
