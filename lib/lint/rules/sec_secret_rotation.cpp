// AIP-SEC-001: a Secrets Manager secret that no rotation schedule rotates.
#include <set>
#include <utility>

#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace sec_secret_rotation {

void check(Context& ctx) {
  // The secrets that some schedule rotates, in whichever template it lives.
  std::set<std::pair<const Template*, std::string>> rotated;
  for (const ResourceRef& s : ctx.resources("AWS::SecretsManager::RotationSchedule")) {
    const Json* id = member(s.properties(), "SecretId");
    if (id == nullptr) continue;
    if (auto secret = ctx.resolve(*s.tmpl, *id)) rotated.emplace(secret->tmpl, secret->logical_id);
  }
  for (const ResourceRef& r : ctx.resources("AWS::SecretsManager::Secret")) {
    if (rotated.count({r.tmpl, r.logical_id}) != 0) continue;
    ctx.report(r, {},
               fmt::format("secret {} has no rotation schedule: a leaked value stays valid until someone replaces "
                           "it by hand",
                           r.display()));
  }
}

}  // namespace sec_secret_rotation

const Rule& rule_sec_secret_rotation() {
  static const Rule rule{
      {"AIP-SEC-001", "Secret without automatic rotation", Severity::warning,
       {"iam", "nist-800-53", "pci-dss", "hipaa", "soc2", "iso27001"},
       "A credential that never changes stays useful to whoever copied it: from a log line, a developer's shell "
       "history or a former employee's notes. Rotating on a schedule bounds how long a leaked value works, and a "
       "rotation function that is exercised regularly is one that works on the day of an incident (cdk-nag "
       "AwsSolutions-SMG4, checkov CKV2_AWS_57).",
       "Add an AWS::SecretsManager::RotationSchedule for the secret (`rotation: {days: 30, function: NAME}` in an "
       "aip spec). A value issued by a third party that cannot be rotated automatically: suppress the finding on "
       "the secret with the reason and the manual rotation procedure."},
      &sec_secret_rotation::check};
  return rule;
}

}  // namespace aip::lint
