// The `observability:` area: log groups, alarm topics, alarms on other areas'
// resources and CloudTrail trails, read and checked.
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
    {AlarmKind::alb_5xx_rate, "alb-5xx-rate"},     {AlarmKind::target_latency, "target-latency"},
    {AlarmKind::running_tasks, "running-tasks"},   {AlarmKind::db_cpu, "db-cpu"},
    {AlarmKind::db_free_storage, "db-free-storage"}, {AlarmKind::db_connections, "db-connections"},
    {AlarmKind::waf_blocked, "waf-blocked"},
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
    case AlarmKind::target_latency: return {1, 5};     // seed 004: p95 > 1 s
    case AlarmKind::running_tasks: return {1, 5};      // any task missing for 5 minutes
    case AlarmKind::db_cpu: return {80, 15};           // seed 004: >= 80 % for 15 minutes
    case AlarmKind::db_free_storage: return {2, 30};   // GiB, for 30 minutes
    case AlarmKind::db_connections: return {-1, 5};
    case AlarmKind::waf_blocked: return {-1, 5};
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
  f.text("topic", a.topic);
  f.text("description", a.description);
  // Explicit: a threshold is any number that is not negative, not a whole one.
  if (const YamlNode* t = f.optional("threshold")) {
    if (auto v = read_number(*t, "threshold", diags)) a.threshold = located(*v, *t);
  }
  f.choice("statistic", {"p50", "p90", "p95", "p99", "average"}, a.statistic);
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
}

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
                                     {"web_acl", &a.web_acl}};
  std::vector<std::string> wanted;
  switch (kind) {
    case AlarmKind::alb_5xx_rate:
    case AlarmKind::target_latency: wanted = {"load_balancer", "service"}; break;
    case AlarmKind::running_tasks: wanted = {"service"}; break;
    case AlarmKind::db_cpu:
    case AlarmKind::db_free_storage:
    case AlarmKind::db_connections: wanted = {"database"}; break;
    case AlarmKind::waf_blocked: wanted = {"web_acl"}; break;
  }
  std::string wanted_text = wanted.size() == 1 ? "a " + wanted[0] : "a load_balancer or a service";
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
                                          a.metric.value == AlarmKind::waf_blocked ? "web ACL" : "database"));
    }
    if (a.threshold && a.metric.value == AlarmKind::alb_5xx_rate && a.threshold->value > 100) {
      diags.error(a.threshold->location, fmt::format("alarm '{}' (alb-5xx-rate) has a threshold in percent, got {}",
                                                     a.name, a.threshold->value));
    }
    if (a.statistic.location.valid() && a.metric.value != AlarmKind::target_latency) {
      diags.error(a.statistic.location, fmt::format("alarm '{}' ({}) takes no 'statistic'; only target-latency does",
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
    if (t.bucket.value.empty()) continue;
    const Bucket* b = spec.storage.find(t.bucket.value);
    if (b == nullptr) {
      diags.error(t.bucket.location, fmt::format("trail '{}' refers to bucket '{}', which is not defined{}", t.name,
                                                 t.bucket.value, did_you_mean(t.bucket.value, bucket_names)));
      continue;
    }
    bool receives = std::any_of(b->receives.begin(), b->receives.end(),
                                [](const Located<LogSource>& r) { return r.value == LogSource::cloudtrail; });
    if (!receives) {
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
  }
}

}  // namespace aip::spec
