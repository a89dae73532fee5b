// AIP-SEC-008: automatic engine or platform updates turned off: a Neptune
// instance without minor version upgrades (cdk-nag AwsSolutions-N2), a
// Redshift cluster without version upgrades (RS9), an Elastic Beanstalk
// environment without managed platform updates (EB3).
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace sec_automatic_updates {

bool explicitly_off(const Json* v) { return v != nullptr && is_false(*v); }

void check(Context& ctx) {
  // Both default to true: only an explicit false turns the updates off.
  for (const ResourceRef& db : ctx.resources("AWS::Neptune::DBInstance")) {
    const Json* on = member(db.properties(), "AutoMinorVersionUpgrade");
    if (!explicitly_off(on)) continue;
    ctx.report(db, {"Properties", "AutoMinorVersionUpgrade"},
               fmt::format("Neptune instance {} does not take minor engine versions automatically "
                           "(AutoMinorVersionUpgrade false): security patches wait for someone to apply them",
                           db.display()));
  }
  for (const ResourceRef& c : ctx.resources("AWS::Redshift::Cluster")) {
    const Json* on = member(c.properties(), "AllowVersionUpgrade");
    if (!explicitly_off(on)) continue;
    ctx.report(c, {"Properties", "AllowVersionUpgrade"},
               fmt::format("Redshift cluster {} does not take engine upgrades in its maintenance window "
                           "(AllowVersionUpgrade false)",
                           c.display()));
  }
  // Managed platform updates need ManagedActionsEnabled and an UpdateLevel of minor or patch.
  for (const ResourceRef& env : ctx.resources("AWS::ElasticBeanstalk::Environment")) {
    const Json* enabled = beanstalk_option(ctx, env, "aws:elasticbeanstalk:managedactions", "ManagedActionsEnabled");
    const Json* level =
        beanstalk_option(ctx, env, "aws:elasticbeanstalk:managedactions:platformupdate", "UpdateLevel");
    const bool on = enabled != nullptr && (is_true(*enabled) || enabled->is_object());
    const bool leveled = level != nullptr && (*level == "minor" || *level == "patch" || level->is_object());
    if (on && leveled) continue;
    ctx.report(env, {},
               fmt::format("Elastic Beanstalk environment {} does not apply platform updates automatically ({}): "
                           "its OS, runtime and web server stay on the version it was launched with",
                           env.display(),
                           !on ? "aws:elasticbeanstalk:managedactions ManagedActionsEnabled is not true"
                               : "no UpdateLevel minor or patch in "
                                 "aws:elasticbeanstalk:managedactions:platformupdate"));
  }
}

}  // namespace sec_automatic_updates

const Rule& rule_sec_automatic_updates() {
  static const Rule rule{
      {"AIP-SEC-008", "Automatic engine or platform updates turned off", Severity::warning,
       {"nist-800-53", "pci-dss", "hipaa", "soc2", "iso27001"},
       "Minor engine versions and platform updates carry the fixes for published vulnerabilities. A Neptune "
       "instance with AutoMinorVersionUpgrade false, a Redshift cluster with AllowVersionUpgrade false and an "
       "Elastic Beanstalk environment without managed platform updates keep running the version they were "
       "created with until someone notices (NIST 800-53 SI-2, PCI DSS 6.3.3; cdk-nag AwsSolutions-N2, RS9 and "
       "EB3). Neptune and Redshift upgrade by default, so only an explicit false is reported; cdk-nag's N2 also "
       "reports a Neptune instance that leaves the property out.",
       "Leave AutoMinorVersionUpgrade and AllowVersionUpgrade at true (the maintenance window decides when); give "
       "a Beanstalk environment aws:elasticbeanstalk:managedactions ManagedActionsEnabled: 'true', "
       "PreferredStartTime, and aws:elasticbeanstalk:managedactions:platformupdate UpdateLevel: minor (or patch)."},
      &sec_automatic_updates::check};
  return rule;
}

}  // namespace aip::lint
