// AIP-FLOW-004: a container or function receives the master user secret of a database cluster
// whose RDS Proxy requires IAM authentication (issue #21 item 3). Through that proxy the password
// is refused, so the service either fails to connect or goes around the proxy to the cluster with
// the one credential that owns the whole database. Followed across stacks (Fn::ImportValue).
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace flow_master_secret_with_iam_proxy {

bool same_resource(const ResourceRef& a, const ResourceRef& b) {
  return a.tmpl == b.tmpl && a.logical_id == b.logical_id;
}

// A cluster fronted by a proxy that requires IAM authentication.
struct IamProxied {
  ResourceRef cluster;
  ResourceRef proxy;
};

std::vector<IamProxied> iam_proxied_clusters(const Context& ctx) {
  std::vector<IamProxied> out;
  for (const ResourceRef& group : ctx.resources("AWS::RDS::DBProxyTargetGroup")) {
    const Json* proxy_name = member(group.properties(), "DBProxyName");
    const Json* clusters = member(group.properties(), "DBClusterIdentifiers");
    if (proxy_name == nullptr || clusters == nullptr || !clusters->is_array()) continue;
    std::optional<ResourceRef> proxy = ctx.resolve(*group.tmpl, *proxy_name);
    if (!proxy || proxy->type() != "AWS::RDS::DBProxy") continue;
    const Json* auth = member(proxy->properties(), "Auth");
    bool iam_required = false;
    if (auth != nullptr && auth->is_array()) {
      for (const Json& a : *auth) {
        const Json* iam = member(a, "IAMAuth");
        iam_required = iam_required || (iam != nullptr && *iam == "REQUIRED");
      }
    }
    if (!iam_required) continue;
    for (const Json& c : *clusters) {
      std::optional<ResourceRef> cluster = ctx.resolve(*group.tmpl, c);
      if (cluster && cluster->type() == "AWS::RDS::DBCluster") out.push_back({*cluster, *proxy});
    }
  }
  return out;
}

// The proxied cluster whose secret `value` names: any attribute of the cluster handed out as a
// secret is its managed master user secret (MasterUserSecret.SecretArn).
const IamProxied* master_secret_of(const Context& ctx, const Template& t, const Json& value,
                                   const std::vector<IamProxied>& proxied) {
  std::optional<ResourceRef> r = ctx.resolve(t, value);
  if (!r) return nullptr;
  for (const IamProxied& p : proxied) {
    if (same_resource(*r, p.cluster)) return &p;
  }
  return nullptr;
}

std::string container_name(const Json& container, std::size_t index) {
  const Json* name = member(container, "Name");
  return name != nullptr && name->is_string() ? name->get<std::string>() : std::to_string(index);
}

void report(Context& ctx, const ResourceRef& at, const Path& path, const std::string& who, const IamProxied& p) {
  ctx.report(at, path,
             fmt::format("{} receives the master user secret of database cluster {}, whose proxy {} requires IAM "
                         "authentication: through the proxy the password is refused, and around it the service "
                         "holds the credential that owns the whole database",
                         who, p.cluster.display(), p.proxy.display()));
}

void check(Context& ctx) {
  const std::vector<IamProxied> proxied = iam_proxied_clusters(ctx);
  if (proxied.empty()) return;
  for (const ResourceRef& task : ctx.resources("AWS::ECS::TaskDefinition")) {
    const Json* containers = member(task.properties(), "ContainerDefinitions");
    if (containers == nullptr || !containers->is_array()) continue;
    for (std::size_t c = 0; c < containers->size(); ++c) {
      const Json* secrets = member((*containers)[c], "Secrets");
      if (secrets == nullptr || !secrets->is_array()) continue;
      for (std::size_t s = 0; s < secrets->size(); ++s) {
        const Json* from = member((*secrets)[s], "ValueFrom");
        if (from == nullptr) continue;
        if (const IamProxied* p = master_secret_of(ctx, *task.tmpl, *from, proxied)) {
          report(ctx, task, Path{"Properties", "ContainerDefinitions", std::to_string(c), "Secrets", std::to_string(s), "ValueFrom"},
                 fmt::format("container {} of {}", container_name((*containers)[c], c), task.display()),
                 *p);
        }
      }
    }
  }
  for (const ResourceRef& fn : ctx.resources("AWS::Lambda::Function")) {
    const Json* vars = member_path(fn.properties(), {"Environment", "Variables"});
    if (vars == nullptr || !vars->is_object()) continue;
    for (const auto& [name, value] : vars->items()) {
      if (const IamProxied* p = master_secret_of(ctx, *fn.tmpl, value, proxied)) {
        report(ctx, fn, Path{"Properties", "Environment", "Variables", name}, fn.display(), *p);
      }
    }
  }
}

}  // namespace flow_master_secret_with_iam_proxy

const Rule& rule_flow_master_secret_with_iam_proxy() {
  static const Rule rule{
      {"AIP-FLOW-004", "service given a database's master secret while its proxy requires IAM authentication",
       Severity::warning,
       {"flow", "iam", "security"},
       "An RDS Proxy with `IAMAuth: REQUIRED` accepts only IAM authentication tokens (rds-db:connect on the "
       "proxy's user), never a password. A container or function that is handed the cluster's master user secret "
       "(its MasterUserSecret) therefore cannot connect through the proxy with it; if it connects to the cluster "
       "directly instead, it bypasses the proxy's pooling and holds the one credential that can do anything to the "
       "database.",
       "Connect through the proxy with an IAM token: grant `rds-db:connect` on the proxy's database user and drop "
       "the secret from the task or function. In a spec, a service that names the database with `proxy: {iam_auth: "
       "true}` gets exactly that and no secret."},
      &flow_master_secret_with_iam_proxy::check};
  return rule;
}

}  // namespace aip::lint
