// The `compute:` area of the spec: ECS clusters and Fargate services, load balancers.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "spec/dynamodb.hpp"
#include "spec/env_value.hpp"
#include "spec/located.hpp"

namespace aip::spec {

// How tasks are spread over FARGATE and FARGATE_SPOT: weights (and a base of
// tasks that always run on FARGATE).
struct CapacityMix {
  Location location;
  Located<int> fargate{1, {}};
  Located<int> fargate_spot{0, {}};
  Located<int> base{0, {}};  // the first `base` tasks run on FARGATE
};

// Other areas refer to these by name (edge: WAF association; observability:
// alarms), so `name`, `location`, `vpc` and `account` keep these names. The
// compute area adds everything else.
struct LoadBalancer {
  std::string name;
  Location location;
  Located<std::string> vpc;

  Located<bool> internal{false, {}};         // scheme: internet-facing (default) | internal
  Located<std::string> tier;                 // default: first public tier (internal: first private)
  Located<std::string> security_group;       // a network security group; absent: aip creates one
  Located<std::string> certificate;          // ACM certificate ARN for the HTTPS listener
  Located<std::string> ssl_policy{"ELBSecurityPolicy-TLS13-1-2-2021-06", {}};
  Located<bool> http_redirect{true, {}};     // HTTP :80 answers with a redirect to HTTPS
  Located<int> idle_timeout{60, {}};
  Located<bool> deletion_protection{false, {}};
  Located<std::string> access_logs_bucket;   // a storage bucket; empty: no access logs
  Located<std::string> access_logs_prefix;
  Tags tags;
};

struct HealthCheck {  // the container's own health check (docker HEALTHCHECK)
  Location location;
  Located<std::string> command;  // run with CMD-SHELL
  Located<int> interval{30, {}};
  Located<int> timeout{5, {}};
  Located<int> retries{3, {}};
  Located<int> start_period{60, {}};
};

// A value for the container: a Secrets Manager secret by name, optionally one JSON key of it.
struct SecretRef {
  Located<std::string> env;     // environment variable name
  Located<std::string> secret;  // secret name in the service's account and region
  Located<std::string> key;     // JSON key; empty: the whole secret
};

struct Container {
  std::string name;
  Location location;
  Located<std::string> image;
  Located<std::string> repository;  // a repository of `registries:`, instead of `image`
  Located<std::string> tag;         // the image tag in that repository
  std::vector<Located<std::string>> command;
  std::optional<Located<int>> port;
  std::vector<std::pair<Located<std::string>, EnvValue>> environment;  // in the order written; literals or references
  std::vector<SecretRef> secrets;
  std::optional<HealthCheck> health_check;
  Located<bool> read_only{true, {}};        // read-only root filesystem
  std::vector<Located<std::string>> writable_paths;  // scratch volumes when read-only; default /tmp
  bool writable_paths_given = false;
  Located<bool> essential{true, {}};
  std::optional<Located<int>> cpu;          // sidecars: units reserved inside the task
  std::optional<Located<int>> memory;       // sidecars: MiB reserved inside the task
  Located<bool> telemetry{false, {}};       // sidecars: may send traces to X-Ray
};

struct TargetHealthCheck {  // the load balancer's health check of the target group
  Location location;
  Located<std::string> path{"/", {}};
  Located<int> interval{30, {}};
  Located<int> timeout{5, {}};
  Located<int> healthy{2, {}};
  Located<int> unhealthy{3, {}};
  Located<std::string> codes{"200", {}};
};

// `alb: {name, host, path, priority, health_check}`: how a load balancer routes to a service.
struct Route {
  Location location;
  Located<std::string> load_balancer;
  std::vector<Located<std::string>> hosts;
  std::vector<Located<std::string>> paths;
  Located<int> priority;
  TargetHealthCheck health_check;
  Located<int> deregistration_delay{30, {}};
};

struct Scaling {
  Location location;
  Located<int> min{1, {}};
  Located<int> max{1, {}};
  std::optional<Located<int>> cpu;     // target average CPU utilization, percent
  std::optional<Located<int>> memory;  // target average memory utilization, percent
  Located<int> scale_in_cooldown{300, {}};
  Located<int> scale_out_cooldown{60, {}};
};

struct Service {
  std::string name;
  Location location;
  Located<std::string> cluster;

  Located<int> cpu{256, {}};      // CPU units (1024 = 1 vCPU)
  Located<int> memory{512, {}};   // MiB
  Located<std::string> architecture{"X86_64", {}};  // X86_64 | ARM64
  Container app;                  // the service's own container, named after the service
  std::vector<Container> sidecars;
  Located<int> log_retention_days{30, {}};
  Located<std::string> tier;      // default: the VPC's first private tier
  Located<std::string> security_group;  // a network security group; absent: aip creates one
  Located<int> count{1, {}};      // desired tasks when there is no `scaling`
  std::optional<Scaling> scaling;
  std::optional<CapacityMix> capacity;  // default: the cluster's
  Located<int> min_healthy_percent{100, {}};
  Located<int> max_percent{200, {}};
  Located<int> grace_period{60, {}};    // health check grace period, seconds (with a load balancer)
  // `deployment: {strategy, canary: {percent, minutes}, bake_minutes, alarms}`:
  // ECS's own deployment strategies (blue-green and canary shift the load
  // balancer's traffic between two target groups; alarms roll back).
  Located<std::string> deploy_strategy{"rolling", {}};  // rolling | blue-green | canary
  Location canary_location;                             // where `canary:` was written
  Located<int> canary_percent{10, {}};                  // percent of traffic on the new tasks first
  Located<int> canary_minutes{30, {}};                  // how long before the rest shifts
  Located<int> bake_minutes{10, {}};                    // blue-green/canary: old tasks kept after the shift
  std::vector<Located<std::string>> deploy_alarms;      // observability alarms that roll back
  Located<std::string> database;        // a data.databases name
  std::vector<Located<std::string>> read_buckets;
  std::vector<Located<std::string>> write_buckets;
  // Secrets of the secrets area the application reads at run time (the task role), for the values
  // that rotate while tasks run: `secrets:` of a container are read once, at task start.
  std::vector<Located<std::string>> read_secrets;
  std::vector<Located<std::string>> models;  // Bedrock foundation model ids
  Located<bool> polly{false, {}};            // Amazon Polly speech synthesis (polly:SynthesizeSpeech)
  Located<bool> tracing{false, {}};          // the app sends X-Ray traces itself (SDK or an ADOT sidecar)
  Located<std::string> metrics_namespace;    // custom metrics: cloudwatch:PutMetricData in this namespace only
  TableGrants tables;                        // DynamoDB tables of the spec (spec/dynamodb.hpp)
  // bedrock (spec/bedrock.hpp), as for functions.
  std::vector<Located<std::string>> guardrails;
  std::vector<Located<std::string>> knowledge_bases;
  Located<std::string> model_guardrail;
  std::optional<Route> route;
  Located<std::string> discovery;            // a namespace of `discovery:` the service registers in
  std::vector<Located<std::string>> calls;   // services it calls by their discovery names
  Located<std::string> clearance;       // the highest level of `classification:` it may use; empty: the lowest
  Tags tags;
};

struct EcsCluster {
  std::string name;
  Location location;
  Located<std::string> vpc;

  Located<bool> container_insights{true, {}};
  CapacityMix capacity;
  Tags tags;
};

struct Compute {
  Location location;  // where `compute:` was written; invalid when absent
  std::vector<EcsCluster> clusters;
  std::vector<Service> services;
  std::vector<LoadBalancer> load_balancers;

  const EcsCluster* find_cluster(std::string_view name) const;
  const LoadBalancer* find_load_balancer(std::string_view name) const;
};

// Fargate's allowed task sizes: is `memory` MiB allowed with `cpu` units?
bool fargate_size_allowed(int cpu, int memory);
// "512-4096 MiB in steps of 1024" for a cpu value; empty when cpu is not a Fargate size.
std::string fargate_memory_range(int cpu);

}  // namespace aip::spec
