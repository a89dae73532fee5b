// AIP-CICD-003: a CodeDeploy deployment group that does not roll back
// automatically on a failed deployment (or on the alarms it watches).
#include <algorithm>
#include <string>

#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace cicd_lambda_deploy_rollback {

bool has_event(const Json* events, std::string_view event) {
  if (events == nullptr || !events->is_array()) return false;
  return std::any_of(events->begin(), events->end(), [&](const Json& e) { return e.is_string() && e == event; });
}

void check(Context& ctx) {
  for (const ResourceRef& r : ctx.resources("AWS::CodeDeploy::DeploymentGroup")) {
    const Json& p = r.properties();
    const Json* rollback = member(p, "AutoRollbackConfiguration");
    const Json* enabled = rollback != nullptr ? member(*rollback, "Enabled") : nullptr;
    const Json* events = rollback != nullptr ? member(*rollback, "Events") : nullptr;
    if (enabled == nullptr || !is_true(*enabled) || !has_event(events, "DEPLOYMENT_FAILURE")) {
      ctx.report(r, rollback != nullptr ? Path{"Properties", "AutoRollbackConfiguration"} : Path{"Properties"},
                 fmt::format("deployment group {} does not roll back automatically when a deployment fails: a "
                             "failed canary leaves its traffic on the broken version",
                             r.display()));
      continue;
    }
    const Json* alarms = member_path(p, {"AlarmConfiguration", "Enabled"});
    if (alarms != nullptr && is_true(*alarms) && !has_event(events, "DEPLOYMENT_STOP_ON_ALARM")) {
      ctx.report(r, {"Properties", "AutoRollbackConfiguration", "Events"},
                 fmt::format("deployment group {} watches alarms but does not roll back when one stops the "
                             "deployment (no DEPLOYMENT_STOP_ON_ALARM)",
                             r.display()));
    }
  }
}

}  // namespace cicd_lambda_deploy_rollback

const Rule& rule_cicd_lambda_deploy_rollback() {
  static const Rule rule{
      {"AIP-CICD-003", "CodeDeploy deployment group without automatic rollback", Severity::warning,
       {"resilience", "nist-800-53", "soc2", "iso27001"},
       "A canary or linear deployment exists to catch a bad version on a small share of the traffic. Without "
       "automatic rollback on DEPLOYMENT_FAILURE (and on DEPLOYMENT_STOP_ON_ALARM when the group watches alarms), a "
       "deployment that fails or is stopped by an alarm leaves the traffic where it was when it stopped, possibly "
       "on the broken version, until someone redeploys by hand.",
       "Set AutoRollbackConfiguration to Enabled: true with Events DEPLOYMENT_FAILURE and, with alarms, "
       "DEPLOYMENT_STOP_ON_ALARM (aip's `functions.<name>.deployment` renders both)."},
      &cicd_lambda_deploy_rollback::check};
  return rule;
}

}  // namespace aip::lint
