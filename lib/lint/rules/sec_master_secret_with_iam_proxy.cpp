// AIP-SEC-002: a container or function gets a database's master secret
// although the database's RDS Proxy takes IAM authentication (one of issue
// #21's flow mistakes: through that proxy the password is refused).
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace sec_master_secret_with_iam_proxy {

// The resource a secret reference names: the value itself, or the first part
// of a Fn::Join (`<secret arn>:password::`).
std::optional<ResourceRef> secret_source(const Context& ctx, const Template& t, const Json& value) {
  if (auto r = ctx.resolve(t, value)) return r;
  const Json* join = member(value, "Fn::Join");
  if (join == nullptr || !join->is_array() || join->size() != 2 || !(*join)[1].is_array() || (*join)[1].empty()) {
    return std::nullopt;
  }
  return ctx.resolve(t, (*join)[1][0]);
}

struct IamProxy {
  ResourceRef proxy;
  ResourceRef cluster;  // whose master secret the proxy signs in with
};

void check(Context& ctx) {
  std::vector<IamProxy> proxies;
  for (const ResourceRef& p : ctx.resources("AWS::RDS::DBProxy")) {
    const Json* auth = member(p.properties(), "Auth");
    if (auth == nullptr || !auth->is_array()) continue;
    for (const Json& a : *auth) {
      const Json* iam = member(a, "IAMAuth");
      const Json* secret = member(a, "SecretArn");
      if (iam == nullptr || !iam->is_string() || iam->get<std::string>() == "DISABLED" || secret == nullptr) continue;
      auto source = secret_source(ctx, *p.tmpl, *secret);
      if (source && source->type() == "AWS::RDS::DBCluster") proxies.push_back({p, *source});
    }
  }
  if (proxies.empty()) return;
  for (const ResourceRef& td : ctx.resources("AWS::ECS::TaskDefinition")) {
    const Json* containers = member(td.properties(), "ContainerDefinitions");
    if (containers == nullptr || !containers->is_array()) continue;
    for (std::size_t i = 0; i < containers->size(); ++i) {
      const Json* secrets = member((*containers)[i], "Secrets");
      if (secrets == nullptr || !secrets->is_array()) continue;
      for (std::size_t j = 0; j < secrets->size(); ++j) {
        const Json* from = member((*secrets)[j], "ValueFrom");
        if (from == nullptr) continue;
        auto source = secret_source(ctx, *td.tmpl, *from);
        if (!source || source->type() != "AWS::RDS::DBCluster") continue;
        for (const IamProxy& p : proxies) {
          if (p.cluster.tmpl != source->tmpl || p.cluster.logical_id != source->logical_id) continue;
          ctx.report(td, {"Properties", "ContainerDefinitions", std::to_string(i), "Secrets", std::to_string(j), "ValueFrom"},
                     fmt::format("task definition {} gives its container the master secret of database {}, whose "
                                 "proxy {} takes IAM authentication: connect with an IAM token instead",
                                 td.display(), source->display(), p.proxy.display()))
              .note(ctx.locate(p.proxy, {"Properties", "Auth"}), "the proxy's IAM authentication is here");
          break;
        }
      }
    }
  }
  // A function handed the secret (its ARN in an environment variable) is the same mistake.
  for (const ResourceRef& fn : ctx.resources("AWS::Lambda::Function")) {
    const Json* vars = member_path(fn.properties(), {"Environment", "Variables"});
    if (vars == nullptr || !vars->is_object()) continue;
    for (const auto& [name, value] : vars->items()) {
      auto source = secret_source(ctx, *fn.tmpl, value);
      if (!source || source->type() != "AWS::RDS::DBCluster") continue;
      for (const IamProxy& p : proxies) {
        if (!p.cluster.is(*source)) continue;
        ctx.report(fn, {"Properties", "Environment", "Variables", name},
                   fmt::format("function {} gets the master secret of database {} in {}, whose proxy {} takes IAM "
                               "authentication: connect with an IAM token instead",
                               fn.display(), source->display(), name, p.proxy.display()))
            .note(ctx.locate(p.proxy, {"Properties", "Auth"}), "the proxy's IAM authentication is here");
        break;
      }
    }
  }
}

}  // namespace sec_master_secret_with_iam_proxy

const Rule& rule_sec_master_secret_with_iam_proxy() {
  static const Rule rule{
      {"AIP-SEC-002", "Master password given to an app although its database proxy takes IAM authentication",
       Severity::warning,
       {"iam", "flow", "nist-800-53", "pci-dss", "soc2"},
       "When an RDS Proxy authenticates clients with IAM, an application needs no database password: it signs a "
       "short-lived token with its role (rds-db:connect). Handing it the master secret anyway puts the most "
       "powerful credential of the database into every task's environment, where a process dump, a debug endpoint "
       "or a log line can expose it, and it outlives the role that was meant to limit the app.",
       "Drop the master secret from the container's Secrets and grant the task role rds-db:connect on the proxy's "
       "dbuser ARN (`proxy: {iam_auth: true}` on the database in an aip spec does both for `database:`)."},
      &sec_master_secret_with_iam_proxy::check};
  return rule;
}

}  // namespace aip::lint
