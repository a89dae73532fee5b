// AIP-RES-017: an Aurora MySQL cluster without Backtrack (cdk-nag AwsSolutions-RDS14).
#include <optional>
#include <string>

#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace res_aurora_mysql_backtrack {

// A literal number or numeric string; nullopt for intrinsics and other text.
std::optional<long long> literal_number(const Json& v) {
  if (v.is_number_integer()) return v.get<long long>();
  if (!v.is_string()) return std::nullopt;
  const std::string& s = v.get<std::string>();
  if (s.empty() || s.find_first_not_of("0123456789") != std::string::npos || s.size() > 12) return std::nullopt;
  return std::stoll(s);
}

void check(Context& ctx) {
  for (const ResourceRef& cluster : ctx.resources("AWS::RDS::DBCluster")) {
    const Json* engine = member(cluster.properties(), "Engine");
    if (engine == nullptr || !engine->is_string() || engine->get<std::string>() != "aurora-mysql") continue;
    // Serverless v1 and multi-master clusters cannot backtrack; v2 (provisioned mode, db.serverless) can.
    if (const Json* mode = member(cluster.properties(), "EngineMode");
        mode != nullptr && (!mode->is_string() || (mode->get<std::string>() != "provisioned"))) {
      continue;
    }
    const Json* window = member(cluster.properties(), "BacktrackWindow");
    if (window != nullptr) {
      const auto seconds = literal_number(*window);
      if (!seconds || *seconds > 0) continue;  // an intrinsic, or on
    }
    ctx.report(cluster, window != nullptr ? Path{"Properties", "BacktrackWindow"} : Path{},
               fmt::format("Aurora MySQL cluster {} has no Backtrack (BacktrackWindow {}): undoing a bad migration "
                           "or a DELETE without WHERE means restoring a new cluster from backup, and Backtrack "
                           "cannot be turned on later",
                           cluster.display(), window != nullptr ? "0" : "absent"));
  }
}

}  // namespace res_aurora_mysql_backtrack

const Rule& rule_res_aurora_mysql_backtrack() {
  static const Rule rule{
      {"AIP-RES-017", "Aurora MySQL cluster without Backtrack", Severity::warning,
       {"resilience", "soc2", "iso27001"},
       "Backtrack rewinds an Aurora MySQL cluster in place to a moment within its window (up to 72 hours), in "
       "minutes, keeping its endpoints. Without it, recovering from a faulty migration, a dropped table or a "
       "DELETE without WHERE means a point-in-time restore: a new cluster, hours of restore, and every client "
       "pointed at new endpoints. It can only be enabled when the cluster is created (cdk-nag "
       "AwsSolutions-RDS14).",
       "Set BacktrackWindow (seconds, up to 259200) on the AWS::RDS::DBCluster when it is created; aip's "
       "`databases:` area sets it from `backtrack_hours` (aurora-mysql, 1-72 hours) on a new cluster. Backtrack does "
       "not work with binlog replication: a cluster that replicates its binlog suppresses this with that "
       "reason."},
      &res_aurora_mysql_backtrack::check};
  return rule;
}

}  // namespace aip::lint
