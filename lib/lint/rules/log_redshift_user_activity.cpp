// AIP-LOG-043: a Redshift cluster whose parameter group leaves the user
// activity log off (cdk-nag AwsSolutions-RS11).
#include <optional>

#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace log_redshift_user_activity {

// Whether a Redshift parameter group sets enable_user_activity_logging to true.
bool logs_user_activity(const ResourceRef& group) {
  const Json* params = member(group.properties(), "Parameters");
  if (params == nullptr || !params->is_array()) return params != nullptr;  // an intrinsic: cannot judge
  for (const Json& p : *params) {
    const Json* name = member(p, "ParameterName");
    const Json* value = member(p, "ParameterValue");
    if (name != nullptr && *name == "enable_user_activity_logging" && value != nullptr &&
        (is_true(*value) || value->is_object())) {
      return true;
    }
  }
  return false;
}

// The default parameter group does not turn the log on; a group defined outside the template is not judged.
void check(Context& ctx) {
  for (const ResourceRef& c : ctx.resources("AWS::Redshift::Cluster")) {
    const Json* name = member(c.properties(), "ClusterParameterGroupName");
    std::optional<ResourceRef> group;
    if (name != nullptr) {
      group = ctx.resolve(*c.tmpl, *name);
      if (!group || group->type() != "AWS::Redshift::ClusterParameterGroup") continue;
      if (logs_user_activity(*group)) continue;
    }
    Finding& f = ctx.report(c, name != nullptr ? Path{"Properties", "ClusterParameterGroupName"} : Path{},
                            fmt::format("Redshift cluster {} does not log user activity: {} does not set "
                                        "enable_user_activity_logging to true, so the queries run are not recorded",
                                        c.display(),
                                        group ? "its parameter group " + group->display()
                                              : std::string("the default parameter group")));
    if (group) f.note(ctx.locate(*group, {}), "parameter group declared here");
  }
}

}  // namespace log_redshift_user_activity

const Rule& rule_log_redshift_user_activity() {
  static const Rule rule{
      {"AIP-LOG-043", "Redshift cluster without user activity logging", Severity::warning,
       {"logging", "pci-dss", "hipaa", "sox", "nist-800-53", "soc2", "iso27001"},
       "Redshift's audit logging (AIP-LOG-022) writes the connection and user logs; the user activity log, the "
       "text of every query as it runs, is written only when the cluster's parameter group sets "
       "enable_user_activity_logging to true, which the default group does not. Without it nobody can say which "
       "user read or changed which table (cdk-nag AwsSolutions-RS11; PCI DSS 10.2.1, NIST 800-53 AU-12).",
       "Give the cluster an AWS::Redshift::ClusterParameterGroup with {ParameterName: enable_user_activity_logging, "
       "ParameterValue: 'true'} (and require_ssl: 'true', AIP-ENC-038), and export useractivitylog in "
       "LoggingProperties."},
      &log_redshift_user_activity::check};
  return rule;
}

}  // namespace aip::lint
