// `observability.xray` and `observability.queries`: X-Ray sampling rules and
// groups, saved Logs Insights queries, in the observability stack of their
// account and region.
#include <algorithm>

#include <fmt/format.h>

#include "cfn/intrinsics.hpp"
#include "plan/names.hpp"
#include "plan/plan.hpp"
#include "plan/resource_helpers.hpp"
#include "spec/load.hpp"
#include "spec/placement.hpp"

namespace aip::plan {
namespace {

using cfn::Json;

cfn::Stack& insight_stack(const spec::Spec& spec, cfn::Assembly& assembly, const spec::Located<std::string>& account,
                     const spec::Located<std::string>& region) {
  spec::Placement at = spec::place(spec, account, region);
  return stack_for(assembly, spec, kLayerObservability, *at.account, at.region);
}

void plan_sampling_rule(const spec::Spec& spec, cfn::Assembly& assembly, const spec::SamplingRule& r) {
  cfn::Stack& stack = insight_stack(spec, assembly, r.account, r.region);
  const std::string name = fmt::format("{}-{}", spec.name.value, r.name);
  add_resource(stack, id_for(r.name, "SamplingRule"), "AWS::XRay::SamplingRule",
               {{"SamplingRule",
                 {{"RuleName", name},
                  {"Priority", r.priority.value},
                  {"FixedRate", r.fixed_rate.value},
                  {"ReservoirSize", r.reservoir_size.value},
                  {"ServiceName", r.service_name.value},
                  {"ServiceType", r.service_type.value},
                  {"Host", r.host.value},
                  {"HTTPMethod", r.http_method.value},
                  {"URLPath", r.url_path.value},
                  {"ResourceARN", r.resource_arn.value},
                  {"Version", 1}}}},
               r.location, r.tags);
}

void plan_xray_group(const spec::Spec& spec, cfn::Assembly& assembly, const spec::XRayGroup& g) {
  cfn::Stack& stack = insight_stack(spec, assembly, g.account, g.region);
  add_resource(stack, id_for(g.name, "XRayGroup"), "AWS::XRay::Group",
               {{"GroupName", fmt::format("{}-{}", spec.name.value, g.name)},
                {"FilterExpression", g.filter.value},
                {"InsightsConfiguration",
                 {{"InsightsEnabled", g.insights.value}, {"NotificationsEnabled", g.insights.value}}}},
               g.location, g.tags);
}

// The log group a query names: one of observability.log_groups, or a compute
// service's (plan/compute.cpp: /ecs/<platform>/<service>).
std::string query_log_group(const spec::Spec& spec, const std::string& name) {
  for (const spec::LogGroup& g : spec.observability.log_groups) {
    if (g.name == name) return spec::log_group_name(spec, g);
  }
  return fmt::format("/ecs/{}/{}", spec.name.value, name);
}

void plan_query(const spec::Spec& spec, cfn::Assembly& assembly, const spec::SavedQuery& q) {
  cfn::Stack& stack = insight_stack(spec, assembly, q.account, q.region);
  Json groups = Json::array();
  for (const auto& g : q.log_groups) groups.push_back(query_log_group(spec, g.value));
  // A '/' in the name files the query in a folder of the console.
  const std::string folder = q.folder.value.empty() ? spec.name.value : q.folder.value;
  add_resource(stack, id_for(q.name, "QueryDefinition"), "AWS::Logs::QueryDefinition",
               {{"Name", fmt::format("{}/{}", folder, q.name)},
                {"QueryString", q.query.value},
                {"LogGroupNames", std::move(groups)}},
               q.location, {});
  // The log groups of services are created by the compute stack.
  for (const auto& g : q.log_groups) {
    const bool own = std::any_of(spec.observability.log_groups.begin(), spec.observability.log_groups.end(),
                                 [&](const spec::LogGroup& lg) { return lg.name == g.value; });
    if (!own) {
      spec::Placement at = spec::place(spec, q.account, q.region);
      stack.dependencies.insert(stack_for(assembly, spec, kLayerCompute, *at.account, at.region).id);
    }
  }
}

}  // namespace

void plan_xray(const spec::Spec& spec, cfn::Assembly& assembly) {
  for (const spec::SamplingRule& r : spec.observability.sampling_rules) plan_sampling_rule(spec, assembly, r);
  for (const spec::XRayGroup& g : spec.observability.xray_groups) plan_xray_group(spec, assembly, g);
  for (const spec::SavedQuery& q : spec.observability.queries) plan_query(spec, assembly, q);
}

}  // namespace aip::plan
