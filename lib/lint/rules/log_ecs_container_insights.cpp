// AIP-LOG-020: an ECS cluster without CloudWatch Container Insights (cdk-nag
// ECS4, checkov CKV_AWS_65).
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace log_ecs_container_insights {

void check(Context& ctx) {
  for (const ResourceRef& c : ctx.resources("AWS::ECS::Cluster")) {
    const Json* settings = member(c.properties(), "ClusterSettings");
    Path at;
    bool on = false;
    if (settings != nullptr && settings->is_array()) {
      for (std::size_t i = 0; i < settings->size(); ++i) {
        const Json* name = member((*settings)[i], "Name");
        if (name == nullptr || !name->is_string() || name->get<std::string>() != "containerInsights") continue;
        const Json* value = member((*settings)[i], "Value");
        // enabled, enhanced (observability), or an intrinsic we cannot read
        on = value != nullptr && (!value->is_string() || value->get<std::string>() != "disabled");
        at = {"Properties", "ClusterSettings", std::to_string(i), "Value"};
      }
    }
    if (on) continue;
    ctx.report(c, at,
               fmt::format("ECS cluster {} has Container Insights off: no per-task CPU, memory and network metrics",
                           c.display()));
  }
}

}  // namespace log_ecs_container_insights

const Rule& rule_log_ecs_container_insights() {
  static const Rule rule{
      {"AIP-LOG-020", "ECS cluster without Container Insights", Severity::warning,
       {"logging", "nist-800-53", "soc2", "iso27001"},
       "Without Container Insights an ECS cluster reports only service-level CPU and memory; there are no task "
       "and container metrics, restart counts or performance log events to alert on or to investigate an "
       "incident with, unless the account-level default turns it on, which a template cannot see (cdk-nag ECS4, "
       "checkov CKV_AWS_65; NIST 800-53 SI-4, ISO 27001 A.8.16).",
       "Add ClusterSettings: [{Name: containerInsights, Value: enabled}] (or `enhanced`). aip's clusters have it."},
      &log_ecs_container_insights::check};
  return rule;
}

}  // namespace aip::lint
