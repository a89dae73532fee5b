// AIP-LOG-021: an ECS task definition container that does not send its output
// anywhere (cdk-nag ECS7).
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace log_ecs_container_logging {

void check(Context& ctx) {
  for (const ResourceRef& td : ctx.resources("AWS::ECS::TaskDefinition")) {
    const Json* containers = member(td.properties(), "ContainerDefinitions");
    if (containers == nullptr || !containers->is_array()) continue;
    for (std::size_t i = 0; i < containers->size(); ++i) {
      const Json& c = (*containers)[i];
      const Json* driver = member_path(c, {"LogConfiguration", "LogDriver"});
      if (driver != nullptr) continue;
      const Json* name = member(c, "Name");
      ctx.report(td, {"Properties", "ContainerDefinitions", std::to_string(i)},
                 fmt::format("container {} of task definition {} has no LogConfiguration: its output is lost",
                             name != nullptr && name->is_string() ? name->get<std::string>() : std::to_string(i),
                             td.display()));
    }
  }
}

}  // namespace log_ecs_container_logging

const Rule& rule_log_ecs_container_logging() {
  static const Rule rule{
      {"AIP-LOG-021", "ECS container without logging", Severity::warning,
       {"logging", "pci-dss", "hipaa", "nist-800-53", "soc2", "iso27001"},
       "A container definition without LogConfiguration writes stdout and stderr nowhere an operator can read "
       "them on Fargate (and only to the instance's Docker daemon on EC2): errors, access logs and audit events "
       "of the application are gone when the task stops (cdk-nag ECS7; NIST 800-53 AU-2 and AU-12, PCI DSS 10.2).",
       "Give every container LogConfiguration: {LogDriver: awslogs, Options: {awslogs-group: ..., awslogs-region: "
       "..., awslogs-stream-prefix: ...}} (or awsfirelens). aip's services have it."},
      &log_ecs_container_logging::check};
  return rule;
}

}  // namespace aip::lint
