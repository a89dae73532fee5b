// The `compute:` area: ECS clusters, Fargate services with their containers,
// scaling and routes, and application load balancers, read (checks: check_compute.cpp).
#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "base/did_you_mean.hpp"
#include "base/pattern.hpp"
#include "spec/field_reader.hpp"
#include "spec/load.hpp"
#include "spec/placement.hpp"
#include "spec/resources.hpp"
#include "spec/tables.hpp"

namespace aip::spec {

const EcsCluster* Compute::find_cluster(std::string_view n) const {
  for (const EcsCluster& c : clusters) {
    if (c.name == n) return &c;
  }
  return nullptr;
}

const LoadBalancer* Compute::find_load_balancer(std::string_view n) const {
  for (const LoadBalancer& lb : load_balancers) {
    if (lb.name == n) return &lb;
  }
  return nullptr;
}

namespace {

struct FargateSize {
  int cpu, min, max, step;
};
// Fargate's task sizes (Amazon ECS developer guide, "Task CPU and memory").
constexpr FargateSize kFargateSizes[] = {{256, 512, 2048, 512},       {512, 1024, 4096, 1024},
                                         {1024, 2048, 8192, 1024},    {2048, 4096, 16384, 1024},
                                         {4096, 8192, 30720, 1024},   {8192, 16384, 61440, 4096},
                                         {16384, 32768, 122880, 8192}};

const FargateSize* fargate_size(int cpu) {
  for (const FargateSize& s : kFargateSizes) {
    if (s.cpu == cpu) return &s;
  }
  return nullptr;
}

}  // namespace

bool fargate_size_allowed(int cpu, int memory) {
  const FargateSize* s = fargate_size(cpu);
  if (s == nullptr || memory < s->min || memory > s->max) return false;
  if (cpu == 256) return memory == 512 || memory == 1024 || memory == 2048;
  return (memory - s->min) % s->step == 0;
}

std::string fargate_memory_range(int cpu) {
  const FargateSize* s = fargate_size(cpu);
  if (s == nullptr) return "";
  if (cpu == 256) return "512, 1024 or 2048 MiB";
  return fmt::format("{}-{} MiB in steps of {}", s->min, s->max, s->step);
}

namespace {

// TLS policies of ELB that allow only TLS 1.2 and 1.3 with forward secrecy.
const std::vector<std::string> kSslPolicies = {"ELBSecurityPolicy-TLS13-1-2-2021-06",
                                               "ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
                                               "ELBSecurityPolicy-TLS13-1-3-2021-06",
                                               "ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04",
                                               "ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04"};

void read_capacity(const YamlNode& n, CapacityMix& mix, std::string_view owner, Diagnostics& diags) {
  mix.location = n.location;
  Fields f(n, fmt::format("capacity of {}", owner), diags);
  if (!f.ok()) return;
  mix.fargate = {0, n.location};
  f.integer("fargate", {0, 1000}, mix.fargate);
  f.integer("fargate_spot", {0, 1000}, mix.fargate_spot);
  f.integer("base", {0, 100000}, mix.base);
  if (mix.fargate.value == 0 && mix.fargate_spot.value == 0) {
    diags.error(n.location, fmt::format("capacity of {} needs a weight above 0 for 'fargate' or 'fargate_spot'", owner));
  }
}

void read_cluster(const YamlNode& key, const YamlNode& value, Spec& spec, Diagnostics& diags) {
  if (!check_name(key, "cluster", diags)) return;
  EcsCluster c;
  c.name = key.scalar;
  c.location = key.location;
  Fields f(value, fmt::format("cluster '{}'", c.name), diags, key.location);
  if (!f.ok()) return;
  f.text("vpc", c.vpc, Presence::required);
  f.flag("container_insights", c.container_insights);
  if (const YamlNode* v = f.optional("capacity")) read_capacity(*v, c.capacity, fmt::format("cluster '{}'", c.name), diags);
  f.tags(c.tags);
  spec.compute.clusters.push_back(std::move(c));
}

void read_load_balancer(const YamlNode& key, const YamlNode& value, Spec& spec, Diagnostics& diags) {
  if (!check_name(key, "load balancer", diags)) return;
  LoadBalancer lb;
  lb.name = key.scalar;
  lb.location = key.location;
  Fields f(value, fmt::format("load balancer '{}'", lb.name), diags, key.location);
  if (!f.ok()) return;
  f.text("vpc", lb.vpc, Presence::required);
  Located<std::string> scheme;
  if (f.choice("scheme", {"internet-facing", "internal"}, scheme)) {
    lb.internal = {scheme.value == "internal", scheme.location};
  }
  f.text("tier", lb.tier);
  f.text("security_group", lb.security_group);
  // An ACM certificate ARN, or the name of a certificate of `dns.certificates` (check_dns.cpp).
  static const Pattern certificate_ref(
      "arn:aws[a-z-]*:acm:[a-z0-9-]+:[0-9]{12}:certificate/[0-9a-f-]{36}|[A-Za-z][A-Za-z0-9_-]{0,63}");
  f.text("certificate", certificate_ref,
         "'certificate' must be an ACM certificate ARN (arn:aws:acm:REGION:ACCOUNT:certificate/ID) or the name of a "
         "certificate of dns.certificates, got '{}'",
         lb.certificate, Presence::required);
  f.choice("ssl_policy", kSslPolicies, lb.ssl_policy);
  f.flag("http_redirect", lb.http_redirect);
  f.integer("idle_timeout", {1, 4000}, lb.idle_timeout);
  f.flag("deletion_protection", lb.deletion_protection);
  if (const YamlNode* v = f.optional("access_logs")) {
    Fields logs(*v, fmt::format("access_logs of load balancer '{}'", lb.name), diags);
    if (logs.ok()) {
      logs.text("bucket", lb.access_logs_bucket, Presence::required);
      // Explicit: besides its shape, the prefix must not contain 'AWSLogs' (ELB adds it).
      if (const YamlNode* p = logs.optional("prefix")) {
        static const Pattern prefix("[A-Za-z0-9!_.*'()-]+(/[A-Za-z0-9!_.*'()-]+)*");
        auto s = read_string(*p, "prefix", diags);
        if (s && (!prefix.matches(*s) || s->find("AWSLogs") != std::string::npos)) {
          diags.error(p->location, fmt::format("'prefix' must be an S3 key prefix without a leading or trailing '/' "
                                               "and without 'AWSLogs', got '{}'",
                                               *s));
        } else if (s) {
          lb.access_logs_prefix = located(*s, *p);
        }
      }
    }
  }
  f.tags(lb.tags);
  spec.compute.load_balancers.push_back(std::move(lb));
}

void read_health_check(const YamlNode& n, Container& c, Diagnostics& diags) {
  HealthCheck hc;
  hc.location = n.location;
  Fields f(n, fmt::format("health_check of container '{}'", c.name), diags);
  if (!f.ok()) return;
  f.text("command", hc.command, Presence::required);
  f.integer("interval", {5, 300}, hc.interval);
  f.integer("timeout", {2, 60}, hc.timeout);
  f.integer("retries", {1, 10}, hc.retries);
  f.integer("start_period", {0, 300}, hc.start_period);
  if (hc.timeout.value >= hc.interval.value) {
    diags.error(hc.timeout.location.valid() ? hc.timeout.location : n.location,
                fmt::format("health check 'timeout' ({}s) must be shorter than 'interval' ({}s)", hc.timeout.value,
                            hc.interval.value));
  }
  c.health_check = hc;
}

const Pattern& env_name_shape() {
  static const Pattern shape("[A-Za-z_][A-Za-z0-9_]{0,254}");
  return shape;
}

void read_environment(const YamlNode& n, Container& c, Diagnostics& diags) {
  if (!n.is_map()) {
    diags.error(n.location, fmt::format("'environment' must map variable names to values, got {}", n.describe()));
    return;
  }
  for (const auto& [k, v] : n.entries) {
    if (!k.is_scalar() || !env_name_shape().matches(k.scalar)) {
      diags.error(k.location, fmt::format("environment variable name {} must use letters, digits and '_'",
                                          k.describe()));
      continue;
    }
    EnvValue value;
    if (read_env_value(v, k.scalar, value, diags)) c.environment.emplace_back(located(k.scalar, k), std::move(value));
  }
}

// `secrets: {ENV: secret-name}` or `{ENV: {secret: secret-name, key: json-key}}`.
void read_secrets(const YamlNode& n, Container& c, Diagnostics& diags) {
  if (!n.is_map()) {
    diags.error(n.location, fmt::format("'secrets' must map variable names to Secrets Manager secret names, got {}",
                                        n.describe()));
    return;
  }
  static const Pattern secret_name("[A-Za-z0-9/_+=.@-]{1,512}");
  static const Pattern json_key("[A-Za-z0-9_.-]{1,256}");
  for (const auto& [k, v] : n.entries) {
    if (!k.is_scalar() || !env_name_shape().matches(k.scalar)) {
      diags.error(k.location, fmt::format("environment variable name {} must use letters, digits and '_'",
                                          k.describe()));
      continue;
    }
    SecretRef ref;
    ref.env = located(k.scalar, k);
    const YamlNode* name = &v;
    if (v.is_map()) {
      Fields f(v, fmt::format("secret '{}'", k.scalar), diags);
      // Explicit: the secret's name is read below, in the same way for both forms.
      name = f.required("secret");
      f.text("key", json_key, "'key' must be a JSON key of the secret, got '{}'", ref.key);
    }
    if (name == nullptr) continue;
    auto s = read_string(*name, k.scalar, diags);
    if (!s) continue;
    if (s->rfind("arn:", 0) == 0 || !secret_name.matches(*s)) {
      diags.error(name->location, fmt::format("'{}' must name a Secrets Manager secret of the service's account and "
                                              "region (not an ARN), got '{}'",
                                              k.scalar, *s));
      continue;
    }
    ref.secret = located(*s, *name);
    c.secrets.push_back(std::move(ref));
  }
}

// Keys shared by a service's own container and its sidecars.
void read_container(const YamlNode& n, Fields& f, Container& c, bool sidecar, Diagnostics& diags) {
  // An image URI, or a repository of `registries:` and a tag (check_registries.cpp).
  f.text("image", c.image);
  f.text("repository", c.repository);
  static const Pattern image_tag("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
  f.text("tag", image_tag, "'tag' must be an image tag such as 1.0.0, got '{}'", c.tag);
  if (n.find("image") == nullptr && n.find("repository") == nullptr) {
    diags.error(c.location, fmt::format("container '{}' needs 'image' (a URI) or 'repository' and 'tag'", c.name));
  }
  f.strings("command", c.command);
  f.integer("port", {1, 65535}, c.port);
  if (const YamlNode* v = f.optional("environment")) read_environment(*v, c, diags);
  if (const YamlNode* v = f.optional("secrets")) read_secrets(*v, c, diags);
  if (const YamlNode* v = f.optional("health_check")) read_health_check(*v, c, diags);
  f.flag("read_only", c.read_only);
  static const Pattern absolute_path("/[A-Za-z0-9._/-]*");
  c.writable_paths_given =
      f.strings("writable_paths", absolute_path, "'writable_paths' must be absolute paths, got '{}'", c.writable_paths);
  if (!c.writable_paths_given) c.writable_paths.push_back({"/tmp", {}});
  if (sidecar) {
    c.essential = {false, {}};
    f.flag("essential", c.essential);
    f.integer("cpu", {0, 16384}, c.cpu);
    f.integer("memory", {6, 122880}, c.memory);
    f.flag("telemetry", c.telemetry);
  }
}

void read_target_health_check(const YamlNode& n, TargetHealthCheck& hc, Diagnostics& diags) {
  hc.location = n.location;
  Fields f(n, "health_check of the route", diags);
  if (!f.ok()) return;
  static const Pattern health_path("/[A-Za-z0-9._~!$&'()*+,;=:@%/?-]{0,1023}");
  f.text("path", health_path, "health check 'path' must start with '/', got '{}'", hc.path);
  f.integer("interval", {5, 300}, hc.interval);
  f.integer("timeout", {2, 120}, hc.timeout);
  f.integer("healthy", {2, 10}, hc.healthy);
  f.integer("unhealthy", {2, 10}, hc.unhealthy);
  // Explicit: the message describes any node ("got a map"), not only strings.
  if (const YamlNode* v = f.optional("codes")) {
    static const Pattern codes("[1-5][0-9]{2}((-|,)[1-5][0-9]{2})*");
    std::string s = v->is_scalar() ? v->scalar : "";
    if (codes.matches(s)) {
      hc.codes = located(s, *v);
    } else {
      diags.error(v->location, fmt::format("'codes' must be HTTP codes such as 200, 200,302 or 200-299, got {}",
                                           v->describe()));
    }
  }
  if (hc.timeout.value >= hc.interval.value) {
    diags.error(hc.timeout.location.valid() ? hc.timeout.location : n.location,
                fmt::format("health check 'timeout' ({}s) must be shorter than 'interval' ({}s)", hc.timeout.value,
                            hc.interval.value));
  }
}

void read_route(const YamlNode& n, Service& s, Diagnostics& diags) {
  Route r;
  r.location = n.location;
  Fields f(n, fmt::format("alb of service '{}'", s.name), diags);
  if (!f.ok()) return;
  f.text("name", r.load_balancer, Presence::required);
  static const Pattern host("(\\*\\.)?[A-Za-z0-9*?-]+(\\.[A-Za-z0-9*?-]+)*");
  static const Pattern path("/[A-Za-z0-9_.~!$&'()*+,;=:@%/?-]{0,127}");
  // Explicit: a host name has a length limit the pattern does not say.
  if (const YamlNode* v = f.optional("host")) {
    for (auto& h : read_strings(*v, "host", diags)) {
      if (host.matches(h.value) && h.value.size() <= 128) {
        r.hosts.push_back(h);
      } else {
        diags.error(h.location, fmt::format("'host' must be a host name such as app.example.com, got '{}'", h.value));
      }
    }
  }
  f.strings("path", path, "'path' must be a path pattern such as /api/*, got '{}'", r.paths);
  f.integer("priority", {1, 50000}, r.priority, Presence::required);
  if (const YamlNode* v = f.optional("health_check")) read_target_health_check(*v, r.health_check, diags);
  f.integer("deregistration_delay", {0, 3600}, r.deregistration_delay);
  if (f.ok() && r.hosts.empty() && r.paths.empty() && n.find("host") == nullptr && n.find("path") == nullptr) {
    diags.error(n.location, fmt::format("alb of service '{}' needs 'host', 'path' or both to route by", s.name));
  }
  if (r.hosts.size() + r.paths.size() > 5) {
    diags.error(n.location, "a listener rule matches at most 5 hosts and paths together");
  }
  s.route = std::move(r);
}

void read_scaling(const YamlNode& n, Service& s, Diagnostics& diags) {
  Scaling sc;
  sc.location = n.location;
  Fields f(n, fmt::format("scaling of service '{}'", s.name), diags);
  if (!f.ok()) return;
  f.integer("min", {0, 1000}, sc.min, Presence::required);
  f.integer("max", {1, 1000}, sc.max, Presence::required);
  f.integer("cpu", {10, 95}, sc.cpu);
  f.integer("memory", {10, 95}, sc.memory);
  f.integer("scale_in_cooldown", {0, 3600}, sc.scale_in_cooldown);
  f.integer("scale_out_cooldown", {0, 3600}, sc.scale_out_cooldown);
  if (sc.min.value > sc.max.value) {
    diags.error(sc.min.location, fmt::format("scaling of service '{}' has 'min' {} above 'max' {}", s.name,
                                             sc.min.value, sc.max.value));
  }
  if (!sc.cpu && !sc.memory) {  // neither given: track both
    sc.cpu = Located<int>{70, {}};
    sc.memory = Located<int>{70, {}};
  }
  s.scaling = sc;
}

void read_service(const YamlNode& key, const YamlNode& value, Spec& spec, Diagnostics& diags) {
  if (!check_name(key, "service", diags)) return;
  Service s;
  s.name = key.scalar;
  s.location = key.location;
  s.app.name = s.name;
  s.app.location = key.location;
  Fields f(value, fmt::format("service '{}'", s.name), diags, key.location);
  if (!f.ok()) return;
  f.text("cluster", s.cluster, Presence::required);
  f.integer("cpu", {256, 16384}, s.cpu);
  f.integer("memory", {512, 122880}, s.memory);
  // ECS spells the architecture in capitals (X86_64, ARM64).
  if (f.choice("architecture", {"x86_64", "arm64"}, s.architecture)) {
    s.architecture.value = s.architecture.value == "arm64" ? "ARM64" : "X86_64";
  }
  read_container(value, f, s.app, false, diags);
  if (const YamlNode* v = f.optional("sidecars")) {
    if (!v->is_map()) {
      diags.error(v->location, fmt::format("'sidecars' must map container names to their settings, got {}",
                                           v->describe()));
    } else {
      for (const auto& [k, sv] : v->entries) {
        if (!check_name(k, "sidecar", diags)) continue;
        Container c;
        c.name = k.scalar;
        c.location = k.location;
        Fields sf(sv, fmt::format("sidecar '{}'", c.name), diags, k.location);
        if (!sf.ok()) continue;
        read_container(sv, sf, c, true, diags);
        if (c.name == s.name) {
          diags.error(k.location, fmt::format("sidecar '{}' has the name of its service's own container", c.name));
          continue;
        }
        s.sidecars.push_back(std::move(c));
      }
    }
  }
  f.log_retention("log_retention_days", s.log_retention_days);
  f.text("tier", s.tier);
  f.text("security_group", s.security_group);
  const YamlNode* count = f.optional("count");
  const YamlNode* scaling = f.optional("scaling");
  if (count != nullptr && scaling != nullptr) {
    diags.error(count->location, fmt::format("service '{}' gives both 'count' and 'scaling'; 'scaling.min' is the "
                                             "starting count",
                                             s.name));
  } else if (count != nullptr) {
    if (auto i = read_int(*count, "count", 0, 1000, diags)) s.count = located(*i, *count);
  } else if (scaling != nullptr) {
    read_scaling(*scaling, s, diags);
  }
  if (const YamlNode* v = f.optional("capacity")) {
    CapacityMix mix;
    read_capacity(*v, mix, fmt::format("service '{}'", s.name), diags);
    s.capacity = mix;
  }
  if (const YamlNode* v = f.optional("deployment")) {
    Fields d(*v, fmt::format("deployment of service '{}'", s.name), diags);
    if (d.ok()) {
      d.integer("min_healthy_percent", {0, 100}, s.min_healthy_percent);
      d.integer("max_percent", {100, 200}, s.max_percent);
      d.integer("grace_period", {0, 2147483647}, s.grace_period);
      d.choice("strategy", {"rolling", "blue-green", "canary"}, s.deploy_strategy);
      if (const YamlNode* c = d.optional("canary")) {
        s.canary_location = c->location;
        Fields cf(*c, fmt::format("canary of service '{}'", s.name), diags);
        if (cf.ok()) {
          cf.integer("percent", {1, 99}, s.canary_percent);
          // ECS waits at most 1440 minutes (CanaryBakeTimeInMinutes).
          cf.integer("minutes", {1, 1440}, s.canary_minutes);
        }
      }
      d.integer("bake_minutes", {0, 1440}, s.bake_minutes);
      d.strings("alarms", s.deploy_alarms);
    }
  }
  f.text("database", s.database);
  if (const YamlNode* v = f.optional("buckets")) {
    Fields b(*v, fmt::format("buckets of service '{}'", s.name), diags);
    if (b.ok()) {
      b.strings("read", s.read_buckets);
      b.strings("write", s.write_buckets);
    }
  }
  f.strings("read_secrets", s.read_secrets);
  f.strings("models", bedrock_model_id(), kNotBedrockModelId, s.models);
  f.flag("polly", s.polly);
  f.flag("tracing", s.tracing);
  read_metrics_namespace(f, s.metrics_namespace, diags);
  read_table_grants(f, fmt::format("tables of service '{}'", s.name), s.tables, diags);
  f.strings("guardrails", s.guardrails);
  f.strings("knowledge_bases", s.knowledge_bases);
  f.text("model_guardrail", s.model_guardrail);

  if (const YamlNode* v = f.optional("alb")) read_route(*v, s, diags);
  f.text("discovery", s.discovery);
  f.strings("calls", s.calls);
  f.text("clearance", s.clearance);
  f.tags(s.tags);

  if (!fargate_size_allowed(s.cpu.value, s.memory.value)) {
    std::string range = fargate_memory_range(s.cpu.value);
    Location where = s.memory.location.valid() ? s.memory.location : s.cpu.location.valid() ? s.cpu.location : s.location;
    if (range.empty()) {
      diags.error(s.cpu.location.valid() ? s.cpu.location : where,
                  fmt::format("Fargate has no task size of {} CPU units; use 256, 512, 1024, 2048, 4096, 8192 or "
                              "16384",
                              s.cpu.value));
    } else {
      diags.error(where, fmt::format("Fargate has no task size of {} CPU units with {} MiB; with {} units memory "
                                     "must be {}",
                                     s.cpu.value, s.memory.value, s.cpu.value, range));
    }
  }
  spec.compute.services.push_back(std::move(s));
}

}  // namespace

void read_compute(const YamlNode& node, Spec& spec, Diagnostics& diags) {
  spec.compute.location = node.location;
  Fields f(node, "'compute'", diags);
  if (!f.ok()) return;
  read_named(f, "clusters", "cluster", diags,
             [&](const YamlNode& k, const YamlNode& v) { read_cluster(k, v, spec, diags); });
  read_named(f, "load_balancers", "load balancer", diags,
             [&](const YamlNode& k, const YamlNode& v) { read_load_balancer(k, v, spec, diags); });
  read_named(f, "services", "service", diags,
             [&](const YamlNode& k, const YamlNode& v) { read_service(k, v, spec, diags); });
}

}  // namespace aip::spec
