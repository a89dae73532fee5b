// Checks of the `observability:` area across areas: what each alarm watches,
// log group names, trails' buckets.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <utility>

#include <fmt/format.h>

#include "base/did_you_mean.hpp"
#include "base/pattern.hpp"
#include "spec/load.hpp"
#include "spec/placement.hpp"
#include "spec/regions.hpp"

namespace aip::spec {
namespace {

// Where an element is deployed; the same checks as every area's (placement.hpp).
using Env = Placement;

Env vpc_env(const Spec& spec, const std::string& vpc_name) {
  Env e;
  const Vpc* vpc = spec.find_vpc(vpc_name);
  if (vpc == nullptr) return e;
  e.account = vpc->account.value.empty() ? (spec.accounts.empty() ? nullptr : &spec.accounts.front())
                                         : spec.find_account(vpc->account.value);
  if (e.account != nullptr) e.region = vpc->region.value.empty() ? e.account->region.value : vpc->region.value;
  return e;
}

template <class T>
const T* find_named(const std::vector<T>& items, const std::string& name) {
  for (const T& i : items) {
    if (i.name == name) return &i;
  }
  return nullptr;
}

// The environment of the resource an alarm watches; account null after an error.
Env check_alarm_target(const Spec& spec, const Alarm& a, Diagnostics& diags) {
  const AlarmKind kind = a.metric.value;
  const char* metric = to_string(kind);
  struct Field {
    const char* key;
    const Located<std::string>* value;
  };
  const std::vector<Field> fields = {{"load_balancer", &a.load_balancer},
                                     {"service", &a.service},
                                     {"database", &a.database},
                                     {"web_acl", &a.web_acl},
                                     {"api", &a.api},
                                     {"function", &a.function}};
  std::vector<std::string> wanted;
  switch (kind) {
    case AlarmKind::alb_5xx_rate:
    case AlarmKind::alb_4xx_rate:
    case AlarmKind::target_latency: wanted = {"load_balancer", "service"}; break;
    case AlarmKind::running_tasks: wanted = {"service"}; break;
    case AlarmKind::db_cpu:
    case AlarmKind::db_free_storage:
    case AlarmKind::db_connections: wanted = {"database"}; break;
    case AlarmKind::waf_blocked: wanted = {"web_acl"}; break;
    case AlarmKind::api_latency:
    case AlarmKind::api_5xx_rate: wanted = {"api"}; break;
    case AlarmKind::function_errors:
    case AlarmKind::function_throttles:
    case AlarmKind::function_duration:
    case AlarmKind::function_metric: wanted = {"function"}; break;
  }
  std::string wanted_text = wanted.size() != 1    ? "a load_balancer or a service"
                            : wanted[0] == "api" ? "an api"
                                                 : "a " + wanted[0];
  std::vector<const Field*> given;
  for (const Field& fl : fields) {
    if (fl.value->value.empty()) continue;
    if (std::find(wanted.begin(), wanted.end(), fl.key) == wanted.end()) {
      diags.error(fl.value->location, fmt::format("alarm '{}' ({}) watches {}; remove '{}'", a.name, metric,
                                                  wanted_text, fl.key));
      return {};
    }
    given.push_back(&fl);
  }
  if (given.size() != 1) {
    diags.error(given.empty() ? a.location : given[1]->value->location,
                fmt::format("alarm '{}' ({}) watches {}; give exactly one", a.name, metric, wanted_text));
    return {};
  }
  const Located<std::string>& ref = *given.front()->value;
  const std::string key = given.front()->key;
  auto dangling = [&](const char* what, const std::vector<std::string>& names) {
    diags.error(ref.location, fmt::format("alarm '{}' refers to {} '{}', which is not defined{}", a.name, what,
                                          ref.value, did_you_mean(ref.value, names)));
    return Env{};
  };
  if (key == "load_balancer") {
    const LoadBalancer* lb = spec.compute.find_load_balancer(ref.value);
    if (lb == nullptr) return dangling("load balancer", names_of(spec.compute.load_balancers));
    return vpc_env(spec, lb->vpc.value);
  }
  if (key == "service") {
    const Service* s = find_named(spec.compute.services, ref.value);
    if (s == nullptr) return dangling("service", names_of(spec.compute.services));
    if (kind != AlarmKind::running_tasks && !s->route) {
      diags.error(ref.location, fmt::format("alarm '{}' ({}) watches service '{}', which is behind no load balancer; "
                                            "give the service an 'alb' route or watch a load_balancer",
                                            a.name, metric, s->name));
      return {};
    }
    const EcsCluster* cluster = spec.compute.find_cluster(s->cluster.value);
    if (cluster == nullptr) return {};
    if (kind == AlarmKind::running_tasks && !cluster->container_insights.value) {
      diags.error(ref.location, fmt::format("alarm '{}' counts the running tasks of service '{}', which Container "
                                            "Insights reports; cluster '{}' has `container_insights: false`",
                                            a.name, s->name, cluster->name));
      return {};
    }
    return vpc_env(spec, cluster->vpc.value);
  }
  if (key == "database") {
    const Database* db = spec.data.find_database(ref.value);
    if (db == nullptr) return dangling("database", names_of(spec.data.databases));
    return vpc_env(spec, db->vpc.value);
  }
  if (key == "function") {
    const Function* fn = spec.functions.find(ref.value);
    if (fn == nullptr) return dangling("function", names_of(spec.functions.items));
    return function_placement(spec, *fn);
  }
  if (key == "api") {
    const RestApi* api = spec.api.find(ref.value);
    if (api == nullptr) return dangling("REST API", names_of(spec.api.rest_apis));
    return api_placement(spec, *api);
  }
  const WebAcl* acl = find_named(spec.edge.web_acls, ref.value);
  if (acl == nullptr) return dangling("web ACL", names_of(spec.edge.web_acls));
  Env e;
  e.account = acl->account.value.empty() ? (spec.accounts.empty() ? nullptr : &spec.accounts.front())
                                         : spec.find_account(acl->account.value);
  if (e.account != nullptr) {
    e.region = acl->cloudfront() ? "us-east-1" : acl->region.value.empty() ? e.account->region.value : acl->region.value;
  }
  return e;
}

// function-metric: a metric the function publishes in its own namespace;
// metric_name and when belong to that kind only.
void check_function_metric(const Spec& spec, const Alarm& a, Diagnostics& diags) {
  const char* metric = to_string(a.metric.value);
  if (a.metric.value != AlarmKind::function_metric) {
    const std::pair<const char*, Location> keys[] = {{"metric_name", a.metric_name.location},
                                                      {"when", a.when.location}};
    for (const auto& [key, where] : keys) {
      if (!where.valid()) continue;
      diags.error(where, fmt::format("alarm '{}' ({}) takes no '{}'; only function-metric alarms do", a.name, metric,
                                     key));
    }
    return;
  }
  if (a.metric_name.value.empty()) {
    diags.error(a.location, fmt::format("alarm '{}' (function-metric) needs a 'metric_name': the custom metric the "
                                        "function publishes",
                                        a.name));
  }
  const Function* fn = spec.functions.find(a.function.value);
  if (fn != nullptr && fn->metrics_namespace.value.empty()) {
    Diagnostic& d = diags.error(a.function.location,
                                fmt::format("alarm '{}' (function-metric) watches a custom metric of function '{}', "
                                            "which publishes none; give the function a 'metrics_namespace'",
                                            a.name, fn->name));
    d.notes.push_back({Severity::note, fn->location, "the function", {}});
  }
}

}  // namespace

void check_observability(const Spec& spec, Diagnostics& diags) {
  const Observability& o = spec.observability;
  std::map<std::string, Location> seen_groups;
  for (const LogGroup& g : o.log_groups) {
    Env e = place(spec, g.account, g.region, fmt::format("log group '{}'", g.name), g.location, diags);
    if (e.account == nullptr) continue;
    std::string key = fmt::format("{}/{}/{}", e.account->name, e.region, log_group_name(spec, g));
    auto [it, inserted] = seen_groups.emplace(key, g.log_group_name.location.valid() ? g.log_group_name.location : g.location);
    if (!inserted) {
      Diagnostic& d = diags.error(g.log_group_name.location.valid() ? g.log_group_name.location : g.location,
                                  fmt::format("log group name '{}' is used twice in {}", log_group_name(spec, g), e.str()));
      d.notes.push_back({Severity::note, it->second, "first used here", {}});
    }
  }
  std::map<std::string, Env> topic_env;
  for (const AlarmTopic& t : o.topics) {
    Env e = place(spec, t.account, t.region, fmt::format("topic '{}'", t.name), t.location, diags);
    if (e.account != nullptr) topic_env[t.name] = e;
  }
  const std::vector<std::string> topic_names = names_of(o.topics);
  for (const Alarm& a : o.alarms) {
    Env watched = check_alarm_target(spec, a, diags);
    AlarmDefaults d = alarm_defaults(a.metric.value);
    if (!a.threshold && d.threshold < 0) {
      diags.error(a.location, fmt::format("alarm '{}' ({}) needs a 'threshold': there is no default that fits every "
                                          "{}",
                                          a.name, to_string(a.metric.value),
                                          a.metric.value == AlarmKind::waf_blocked         ? "web ACL"
                                          : a.metric.value == AlarmKind::function_duration ? "function"
                                          : a.metric.value == AlarmKind::function_metric   ? "metric"
                                                                                           : "database"));
    }
    // Lambda stops a function at its timeout: a duration above it never comes.
    if (a.threshold && a.metric.value == AlarmKind::function_duration) {
      const Function* fn = spec.functions.find(a.function.value);
      if (fn != nullptr && a.threshold->value >= fn->timeout.value) {
        Diagnostic& never = diags.error(a.threshold->location,
                                    fmt::format("alarm '{}' (function-duration) can never fire: function '{}' times "
                                                "out after {} s, so no invocation lasts longer than {} s",
                                                a.name, fn->name, fn->timeout.value, a.threshold->value));
        if (fn->timeout.location.valid()) never.notes.push_back({Severity::note, fn->timeout.location, "the timeout", {}});
      }
    }
    const bool percent = a.metric.value == AlarmKind::alb_5xx_rate || a.metric.value == AlarmKind::alb_4xx_rate ||
                         a.metric.value == AlarmKind::api_5xx_rate ||
                         a.metric.value == AlarmKind::function_errors;
    if (a.threshold && percent && a.threshold->value > 100) {
      diags.error(a.threshold->location, fmt::format("alarm '{}' ({}) has a threshold in percent, got {}", a.name,
                                                     to_string(a.metric.value), a.threshold->value));
    }
    check_function_metric(spec, a, diags);
    const bool latency = a.metric.value == AlarmKind::target_latency || a.metric.value == AlarmKind::api_latency ||
                         a.metric.value == AlarmKind::function_duration || a.metric.value == AlarmKind::function_metric;
    if (a.statistic.location.valid() && !latency) {
      diags.error(a.statistic.location, fmt::format("alarm '{}' ({}) takes no 'statistic'; only target-latency, "
                                                    "api-latency, function-duration and function-metric do",
                                                    a.name, to_string(a.metric.value)));
    }
    // The topic: named, or the only one.
    const AlarmTopic* topic = nullptr;
    if (!a.topic.value.empty()) {
      topic = o.find_topic(a.topic.value);
      if (topic == nullptr) {
        diags.error(a.topic.location, fmt::format("alarm '{}' refers to topic '{}', which is not defined{}", a.name,
                                                  a.topic.value, did_you_mean(a.topic.value, topic_names)));
        continue;
      }
    } else if (o.topics.size() == 1) {
      topic = &o.topics.front();
    } else {
      diags.error(a.location, o.topics.empty()
                                  ? fmt::format("alarm '{}' has nobody to notify: define a topic under "
                                                "observability.topics",
                                                a.name)
                                  : fmt::format("alarm '{}' needs 'topic': observability has {} topics", a.name,
                                                o.topics.size()));
      continue;
    }
    auto it = topic_env.find(topic->name);
    if (watched.account == nullptr || it == topic_env.end()) continue;
    if (!(it->second == watched)) {
      diags.error(a.topic.location.valid() ? a.topic.location : a.location,
                  fmt::format("alarm '{}' watches a resource in {}, but topic '{}' lives in {}: CloudWatch alarms "
                              "notify topics of their own account and region; define a topic there",
                              a.name, watched.str(), topic->name, it->second.str()));
    }
  }
  const std::vector<std::string> bucket_names = names_of(spec.storage.buckets);
  for (const Trail& t : o.trails) {
    Env e = place(spec, t.account, {}, fmt::format("trail '{}'", t.name), t.location, diags);
    if (e.account == nullptr) continue;
    if (t.s3_data_events.value && !t.data_event_buckets.empty()) {
      diags.error(t.data_event_buckets.front().location,
                  fmt::format("trail '{}' records the object-level events of every bucket (s3_data_events): "
                              "remove 'data_event_buckets', or 's3_data_events' to record only these",
                              t.name));
    }
    for (const Located<std::string>& name : t.data_event_buckets) {
      if (spec.storage.find(name.value) == nullptr) {
        diags.error(name.location, fmt::format("trail '{}' records the object-level events of bucket '{}', which is "
                                               "not defined{}",
                                               t.name, name.value, did_you_mean(name.value, bucket_names)));
      }
    }
    if (t.bucket.value.empty()) continue;
    const Bucket* b = spec.storage.find(t.bucket.value);
    if (b == nullptr) {
      diags.error(t.bucket.location, fmt::format("trail '{}' refers to bucket '{}', which is not defined{}", t.name,
                                                 t.bucket.value, did_you_mean(t.bucket.value, bucket_names)));
      continue;
    }
    bool receives = std::any_of(b->receives.begin(), b->receives.end(),
                                [](const Located<LogSource>& r) { return r.value == LogSource::cloudtrail; });
    if (!receives && !b->existing()) {  // an existing bucket's policy is its owner's
      diags.error(t.bucket.location, fmt::format("trail '{}' writes to bucket '{}', whose policy does not admit "
                                                 "CloudTrail; add `receives: [cloudtrail]` to the bucket",
                                                 t.name, b->name));
    }
    const Account* bucket_account = b->account.value.empty() ? &spec.accounts.front() : spec.find_account(b->account.value);
    if (bucket_account != nullptr && bucket_account != e.account) {
      diags.error(t.bucket.location, fmt::format("trail '{}' of account {} cannot write to bucket '{}' of account {}: "
                                                 "the bucket admits CloudTrail of its own account only",
                                                 t.name, e.account->name, b->name, bucket_account->name));
    }
    if (t.retention_days && b->retention_days && b->retention_days->value < t.retention_days->value) {
      Diagnostic& d = diags.error(
          t.retention_days->location,
          fmt::format("trail '{}' keeps its log files {} days, but bucket '{}' expires them after {} days", t.name,
                      t.retention_days->value, b->name, b->retention_days->value));
      d.notes.push_back({Severity::note, b->retention_days->location, "the bucket's retention", {}});
    }
  }
}

}  // namespace aip::spec
