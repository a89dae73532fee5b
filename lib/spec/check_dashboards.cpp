// Checks of dashboards, X-Ray sampling rules and groups, and saved Logs
// Insights queries: what each widget reads exists, is of the right kind and
// can be named from the dashboard's stack; names fit their CloudFormation limits.
#include <algorithm>

#include <fmt/format.h>

#include "base/did_you_mean.hpp"
#include "spec/dns_placement.hpp"
#include "spec/load.hpp"
#include "spec/placement.hpp"

namespace aip::spec {
namespace {

Placement vpc_placement(const Spec& spec, const std::string& vpc_name) {
  const Vpc* vpc = spec.find_vpc(vpc_name);
  if (vpc == nullptr) return {};
  return place(spec, vpc->account, vpc->region);
}

template <class T>
const T* find_named(const std::vector<T>& items, const std::string& name) {
  for (const T& i : items) {
    if (i.name == name) return &i;
  }
  return nullptr;
}

// Where a widget's element lives, and whether the widget names it by an
// import from its stack (then the dashboard must be in its region too).
struct Source {
  Placement at;
  bool imported = false;
};

Source check_widget_target(const Spec& spec, const Dashboard& d, const DashboardWidget& w, int index,
                           Diagnostics& diags) {
  const WidgetMetric& m = *find_widget_metric(w.metric.value);
  const std::string what = fmt::format("widget {} of dashboard '{}' ({})", index + 1, d.name, m.name);
  struct Field {
    const char* key;
    const Located<std::string>* value;
  };
  const std::vector<Field> fields = {{"load_balancer", &w.load_balancer}, {"service", &w.service},
                                     {"database", &w.database},           {"web_acl", &w.web_acl},
                                     {"api", &w.api},                     {"function", &w.function},
                                     {"distribution", &w.distribution},   {"bucket", &w.bucket}};
  const std::string target = m.target;
  const std::string wanted = target == "load_balancer|service" ? "a load_balancer or a service"
                             : target.empty()                  ? "no element"
                             : target == "api"                 ? "an api"
                                                               : "a " + target;
  std::vector<const Field*> given;
  for (const Field& fl : fields) {
    if (fl.value->value.empty()) continue;
    if (target.find(fl.key) == std::string::npos) {
      diags.error(fl.value->location, fmt::format("{} reads {}; remove '{}'", what, wanted, fl.key));
      return {};
    }
    given.push_back(&fl);
  }
  if (target.empty()) return {place(spec, d.account, d.region), false};
  if (given.size() != 1) {
    diags.error(given.empty() ? w.location : given[1]->value->location,
                fmt::format("{} reads {}; give exactly one", what, wanted));
    return {};
  }
  const Located<std::string>& ref = *given.front()->value;
  const std::string key = given.front()->key;
  auto dangling = [&](const char* kind, const std::vector<std::string>& names) {
    diags.error(ref.location, fmt::format("{} refers to {} '{}', which is not defined{}", what, kind, ref.value,
                                          did_you_mean(ref.value, names)));
    return Source{};
  };
  if (key == "load_balancer") {
    const LoadBalancer* lb = spec.compute.find_load_balancer(ref.value);
    if (lb == nullptr) return dangling("load balancer", names_of(spec.compute.load_balancers));
    return {vpc_placement(spec, lb->vpc.value), true};
  }
  if (key == "service") {
    const Service* s = find_named(spec.compute.services, ref.value);
    if (s == nullptr) return dangling("service", names_of(spec.compute.services));
    if (target != "service" && !s->route) {
      diags.error(ref.location, fmt::format("{} reads service '{}' from its load balancer, but it is behind none; "
                                            "give the service an 'alb' route or read a load_balancer",
                                            what, s->name));
      return {};
    }
    const EcsCluster* cluster = spec.compute.find_cluster(s->cluster.value);
    if (cluster == nullptr) return {};
    if (m.name == std::string("running-tasks") && !cluster->container_insights.value) {
      diags.error(ref.location, fmt::format("{} counts the running tasks of service '{}', which Container Insights "
                                            "reports; cluster '{}' has `container_insights: false`",
                                            what, s->name, cluster->name));
      return {};
    }
    return {vpc_placement(spec, cluster->vpc.value), true};
  }
  if (key == "database") {
    const Database* db = spec.data.find_database(ref.value);
    if (db == nullptr) return dangling("database", names_of(spec.data.databases));
    return {vpc_placement(spec, db->vpc.value), true};
  }
  if (key == "function") {
    const Function* fn = spec.functions.find(ref.value);
    if (fn == nullptr) return dangling("function", names_of(spec.functions.items));
    return {function_placement(spec, *fn), false};
  }
  if (key == "api") {
    const RestApi* api = spec.api.find(ref.value);
    if (api == nullptr) return dangling("REST API", names_of(spec.api.rest_apis));
    return {api_placement(spec, *api), false};
  }
  if (key == "distribution") {
    const Distribution* dist = spec.edge.find_distribution(ref.value);
    if (dist == nullptr) return dangling("distribution", names_of(spec.edge.distributions));
    return {distribution_placement(spec, *dist), true};
  }
  if (key == "bucket") {
    const Bucket* b = spec.storage.find(ref.value);
    if (b == nullptr) return dangling("bucket", names_of(spec.storage.buckets));
    return {bucket_placement(spec, *b), false};
  }
  const WebAcl* acl = spec.edge.find_web_acl(ref.value);
  if (acl == nullptr) return dangling("web ACL", names_of(spec.edge.web_acls));
  Placement p = place(spec, acl->account, acl->region);
  if (p.known() && acl->cloudfront()) p.region = "us-east-1";
  return {p, false};
}

void check_dashboard(const Spec& spec, const Dashboard& d, Diagnostics& diags) {
  Placement home = place(spec, d.account, d.region, fmt::format("dashboard '{}'", d.name), d.location, diags);
  if (d.widgets.size() > 500) {
    diags.error(d.location, fmt::format("dashboard '{}' has {} widgets; CloudWatch shows at most 500", d.name,
                                        d.widgets.size()));
  }
  for (size_t i = 0; i < d.widgets.size(); ++i) {
    const DashboardWidget& w = d.widgets[i];
    const WidgetMetric& m = *find_widget_metric(w.metric.value);
    const std::string what = fmt::format("widget {} of dashboard '{}' ({})", i + 1, d.name, m.name);
    if (!w.statistics.empty() && !m.statistics) {
      diags.error(w.statistics.front().location,
                  fmt::format("{} takes no 'statistics'; only target-latency, api-latency and function-duration do",
                              what));
    }
    const bool charges = m.name == std::string("estimated-charges");
    if (!w.services.empty() && !charges) {
      diags.error(w.services.front().location, fmt::format("{} takes no 'services'; only estimated-charges does", what));
    }
    Source s = check_widget_target(spec, d, w, static_cast<int>(i), diags);
    if (!s.at.known() || !home.known()) continue;
    if (s.at.account != home.account) {
      diags.error(w.location, fmt::format("{} reads a metric of {}, but the dashboard lives in {}: a dashboard shows "
                                          "the metrics of its own account; define a dashboard there",
                                          what, s.at.str(), home.str()));
    } else if (s.imported && s.at.region != home.region) {
      diags.error(w.location, fmt::format("{} names its element by an export of {}, but the dashboard lives in {}: "
                                          "stacks import only within their region; give the dashboard `region: {}`",
                                          what, s.at.str(), home.str(), s.at.region));
    }
  }
}

void check_sampling_rule(const Spec& spec, const SamplingRule& r, Diagnostics& diags) {
  place(spec, r.account, r.region, fmt::format("sampling rule '{}'", r.name), r.location, diags);
  const std::string name = fmt::format("{}-{}", spec.name.value, r.name);
  if (name.size() > 32) {
    diags.error(r.location, fmt::format("sampling rule '{}' is named '{}' in X-Ray, {} characters; X-Ray allows 32: "
                                        "shorten the rule's name",
                                        r.name, name, name.size()));
  }
}

void check_xray_group(const Spec& spec, const XRayGroup& g, Diagnostics& diags) {
  place(spec, g.account, g.region, fmt::format("X-Ray group '{}'", g.name), g.location, diags);
  const std::string name = fmt::format("{}-{}", spec.name.value, g.name);
  if (name.size() > 32) {
    diags.error(g.location, fmt::format("X-Ray group '{}' is named '{}' in X-Ray, {} characters; X-Ray allows 32: "
                                        "shorten the group's name",
                                        g.name, name, name.size()));
  }
}

void check_query(const Spec& spec, const SavedQuery& q, Diagnostics& diags) {
  Placement home = place(spec, q.account, q.region, fmt::format("query '{}'", q.name), q.location, diags);
  if (q.query.value.size() > 10000) {
    diags.error(q.query.location, fmt::format("query '{}' is {} characters long; Logs Insights saves at most 10000",
                                              q.name, q.query.value.size()));
  }
  if (q.log_groups.empty()) {
    diags.error(q.location, fmt::format("query '{}' needs 'log_groups': the log groups it reads", q.name));
  }
  if (q.log_groups.size() > 50) {
    diags.error(q.log_groups[50].location,
                fmt::format("query '{}' reads {} log groups; Logs Insights queries at most 50", q.name, q.log_groups.size()));
  }
  std::vector<std::string> names = names_of(spec.observability.log_groups);
  for (const Service& s : spec.compute.services) names.push_back(s.name);
  for (const Located<std::string>& g : q.log_groups) {
    Placement at;
    if (const LogGroup* lg = find_named(spec.observability.log_groups, g.value)) {
      at = place(spec, lg->account, lg->region);
    } else if (const Service* s = find_named(spec.compute.services, g.value)) {
      const EcsCluster* cluster = spec.compute.find_cluster(s->cluster.value);
      if (cluster != nullptr) at = vpc_placement(spec, cluster->vpc.value);
    } else {
      diags.error(g.location, fmt::format("query '{}' reads log group '{}', which is neither a log group of "
                                          "observability.log_groups nor a compute service{}",
                                          q.name, g.value, did_you_mean(g.value, names)));
      continue;
    }
    if (at.known() && home.known() && at != home) {
      diags.error(g.location, fmt::format("query '{}' lives in {}, but log group '{}' is in {}: a saved query reads "
                                          "the log groups of its own account and region",
                                          q.name, home.str(), g.value, at.str()));
    }
  }
}

}  // namespace

void check_dashboards(const Spec& spec, Diagnostics& diags) {
  const Observability& o = spec.observability;
  for (const Dashboard& d : o.dashboards) check_dashboard(spec, d, diags);
  for (const SamplingRule& r : o.sampling_rules) check_sampling_rule(spec, r, diags);
  for (const XRayGroup& g : o.xray_groups) check_xray_group(spec, g, diags);
  for (const SavedQuery& q : o.queries) check_query(spec, q, diags);
}

}  // namespace aip::spec
