// AIP-RES-012: a Managed Service for Apache Flink (Kinesis Data Analytics)
// application with checkpointing turned off (cdk-nag AwsSolutions-KDA3).
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace res_flink_checkpointing {

void check(Context& ctx) {
  for (const ResourceRef& a : ctx.resources("AWS::KinesisAnalyticsV2::Application")) {
    const Json* runtime = member(a.properties(), "RuntimeEnvironment");
    if (runtime == nullptr || !runtime->is_string() || lower(runtime->get<std::string>()).rfind("flink", 0) != 0) {
      continue;
    }
    const Json* config = member_path(
        a.properties(), {"ApplicationConfiguration", "FlinkApplicationConfiguration", "CheckpointConfiguration"});
    // The DEFAULT configuration (also when none is given) checkpoints; only CUSTOM can turn it off.
    if (config == nullptr || !config->is_object()) continue;
    const Json* type = member(*config, "ConfigurationType");
    const Json* on = member(*config, "CheckpointingEnabled");
    if (type == nullptr || *type != "CUSTOM" || on == nullptr || !is_false(*on)) continue;
    ctx.report(a,
               {"Properties", "ApplicationConfiguration", "FlinkApplicationConfiguration", "CheckpointConfiguration",
                "CheckpointingEnabled"},
               fmt::format("Flink application {} does not checkpoint (CUSTOM with CheckpointingEnabled false): after "
                           "a failure or an update it restarts from nothing and loses or replays its state",
                           a.display()));
  }
}

}  // namespace res_flink_checkpointing

const Rule& rule_res_flink_checkpointing() {
  static const Rule rule{
      {"AIP-RES-012", "Flink application with checkpointing turned off", Severity::warning,
       {"resilience", "soc2", "iso27001"},
       "Managed Service for Apache Flink recovers an application's state (windows, aggregates, offsets into the "
       "stream) from its last checkpoint after a task failure, a scaling event or an update. With a CUSTOM "
       "checkpoint configuration that sets CheckpointingEnabled false, every restart begins from an empty state: "
       "results are lost or computed twice (cdk-nag AwsSolutions-KDA3). The DEFAULT configuration, which also "
       "applies when CheckpointConfiguration is left out, checkpoints every minute, so aip reports only the explicit "
       "false; cdk-nag also reports an application that states no checkpoint configuration.",
       "Use CheckpointConfiguration {ConfigurationType: DEFAULT}, or CUSTOM with CheckpointingEnabled: true and a "
       "CheckpointInterval."},
      &res_flink_checkpointing::check};
  return rule;
}

}  // namespace aip::lint
