// The element an alarm or a dashboard widget reads: its environment and the
// dimensions CloudWatch names it by (watched.hpp).
#include "plan/watched.hpp"

#include <fmt/format.h>

#include "cfn/intrinsics.hpp"
#include "plan/names.hpp"
#include "plan/plan.hpp"
#include "spec/dns_placement.hpp"
#include "spec/load.hpp"
#include "spec/placement.hpp"

namespace aip::plan {
namespace {

using cfn::Json;

Env watched_env_of(const spec::Spec& spec, const spec::Located<std::string>& account, const std::string& region) {
  const spec::Account& a = account_of(spec, account);
  return {&a, region.empty() ? a.region.value : region};
}

Env watched_vpc_env(const spec::Spec& spec, const std::string& vpc_name) {
  const spec::Vpc* vpc = spec.find_vpc(vpc_name);
  return watched_env_of(spec, vpc->account, vpc->region.value);
}

Env watched_placement_env(const spec::Spec& spec, const spec::Placement& at) {
  return watched_env_of(spec, spec::Located<std::string>{at.account->name, {}}, at.region);
}

const spec::Service& watched_service(const spec::Spec& spec, const std::string& name) {
  for (const spec::Service& s : spec.compute.services) {
    if (s.name == name) return s;
  }
  throw std::logic_error("watched: unknown service " + name);
}

const spec::WebAcl& watched_web_acl(const spec::Spec& spec, const std::string& name) { return *spec.edge.find_web_acl(name); }

Json watched_dimension(const std::string& name, Json value) { return {{"Name", name}, {"Value", std::move(value)}}; }

}  // namespace

Env watched_env(const spec::Spec& spec, const WatchTarget& t) {
  if (t.key == "load_balancer") return watched_vpc_env(spec, spec.compute.find_load_balancer(t.name)->vpc.value);
  if (t.key == "service") {
    const spec::Service& s = watched_service(spec, t.name);
    if (t.ecs) return watched_vpc_env(spec, spec.compute.find_cluster(s.cluster.value)->vpc.value);
    return watched_vpc_env(spec, spec.compute.find_load_balancer(s.route->load_balancer.value)->vpc.value);
  }
  if (t.key == "database") return watched_vpc_env(spec, spec.data.find_database(t.name)->vpc.value);
  if (t.key == "api") return watched_placement_env(spec, spec::api_placement(spec, *spec.api.find(t.name)));
  if (t.key == "function") return watched_placement_env(spec, spec::function_placement(spec, *spec.functions.find(t.name)));
  if (t.key == "distribution") {
    return watched_placement_env(spec, spec::distribution_placement(spec, *spec.edge.find_distribution(t.name)));
  }
  if (t.key == "bucket") return watched_placement_env(spec, spec::bucket_placement(spec, *spec.storage.find(t.name)));
  const spec::WebAcl& acl = watched_web_acl(spec, t.name);
  return watched_env_of(spec, acl.account, acl.cloudfront() ? std::string("us-east-1") : acl.region.value);
}

Watched watched(const spec::Spec& spec, cfn::Assembly& assembly, cfn::Stack& into, const WatchTarget& t) {
  Watched w;
  w.env = watched_env(spec, t);
  auto stack = [&](const char* layer) -> cfn::Stack& { return stack_for(assembly, spec, layer, *w.env.account, w.env.region); };
  if (t.key == "load_balancer" || (t.key == "service" && !t.ecs)) {
    const spec::Service* s = t.key == "service" ? &watched_service(spec, t.name) : nullptr;
    const std::string lb_name = s != nullptr ? s->route->load_balancer.value : t.name;
    cfn::Stack& compute = stack(kLayerCompute);
    w.dimensions.push_back(
        watched_dimension("LoadBalancer", assembly.get_att(into, compute, load_balancer_id(lb_name), "LoadBalancerFullName")));
    if (s != nullptr) {
      w.dimensions.push_back(
          watched_dimension("TargetGroup", assembly.get_att(into, compute, target_group_id(s->name), "TargetGroupFullName")));
      w.what = fmt::format("service {} behind load balancer {}", s->name, lb_name);
    } else {
      w.what = fmt::format("load balancer {}", lb_name);
    }
  } else if (t.key == "service") {
    const spec::Service& s = watched_service(spec, t.name);
    const spec::EcsCluster* cluster = spec.compute.find_cluster(s.cluster.value);
    cfn::Stack& compute = stack(kLayerCompute);
    w.dimensions.push_back(watched_dimension("ClusterName", assembly.ref(into, compute, ecs_cluster_id(cluster->name))));
    w.dimensions.push_back(watched_dimension("ServiceName", assembly.get_att(into, compute, ecs_service_id(s.name), "Name")));
    w.what = fmt::format("service {}", s.name);
  } else if (t.key == "web_acl") {
    const spec::WebAcl& acl = watched_web_acl(spec, t.name);
    // The metric names the ACL by its WAF name (plan/edge.cpp: <platform>-<acl>);
    // WebACL has no GetAtt for it.
    w.dimensions.push_back(watched_dimension("WebACL", fmt::format("{}-{}", spec.name.value, acl.name)));
    w.dimensions.push_back(watched_dimension("Rule", "ALL"));
    if (!acl.cloudfront()) w.dimensions.push_back(watched_dimension("Region", w.env.region));
    w.what = fmt::format("web ACL {}", acl.name);
  } else if (t.key == "api") {
    // API Gateway publishes per API name and stage (plan/api.cpp names the API <platform>-<api>).
    const spec::RestApi& api = *spec.api.find(t.name);
    w.dimensions.push_back(watched_dimension("ApiName", fmt::format("{}-{}", spec.name.value, api.name)));
    w.dimensions.push_back(watched_dimension("Stage", api.stage.name.value));
    w.what = fmt::format("API {} (stage {})", api.name, api.stage.name.value);
  } else if (t.key == "function") {
    // Lambda publishes per function and, for invocations through an alias, per
    // `Resource` <function>:<alias> too: a deployed function is watched on its
    // alias `live` (both versions while CodeDeploy shifts), which is what its
    // canary's rollback needs; a function without an alias on the function.
    const spec::Function& fn = *spec.functions.find(t.name);
    const std::string lambda = spec::function_name(spec, fn);
    w.dimensions.push_back(watched_dimension("FunctionName", lambda));
    if (fn.deployment) {
      w.dimensions.push_back(watched_dimension("Resource", lambda + ":" + std::string(kFunctionAlias)));
      w.what = fmt::format("function {} (alias {})", fn.name, kFunctionAlias);
    } else {
      w.what = fmt::format("function {}", fn.name);
    }
  } else if (t.key == "distribution") {
    // CloudFront publishes in us-east-1, per distribution id, Region=Global.
    cfn::Stack& cdn = stack(kLayerCdn);
    w.dimensions.push_back(watched_dimension("DistributionId", assembly.ref(into, cdn, distribution_id(t.name))));
    w.dimensions.push_back(watched_dimension("Region", "Global"));
    w.what = fmt::format("distribution {}", t.name);
  } else if (t.key == "bucket") {
    const spec::Bucket& b = *spec.storage.find(t.name);
    w.dimensions.push_back(watched_dimension("BucketName", spec::s3_bucket_name(spec, b, w.env.region)));
    w.what = fmt::format("bucket {}", b.name);
  } else {
    const spec::Database* db = spec.data.find_database(t.name);
    cfn::Stack& data = stack(kLayerData);
    w.dimensions.push_back(watched_dimension("DBClusterIdentifier", assembly.ref(into, data, db_cluster_id(db->name))));
    w.what = fmt::format("database {}", db->name);
  }
  return w;
}

}  // namespace aip::plan
