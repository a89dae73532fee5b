// AIP-CICD-001: a CodeBuild project in privileged mode (cdk-nag
// CodeBuildProjectPrivilegedModeDisabled, checkov CKV_AWS_316).
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace cicd_privileged_build {

void check(Context& ctx) {
  for (const ResourceRef& r : ctx.resources("AWS::CodeBuild::Project")) {
    const Json* privileged = member_path(r.properties(), {"Environment", "PrivilegedMode"});
    if (privileged == nullptr || !is_true(*privileged)) continue;
    ctx.report(r, {"Properties", "Environment", "PrivilegedMode"},
               fmt::format("CodeBuild project {} runs its builds in privileged mode: the build has root on the "
                           "build host's Docker daemon",
                           r.display()));
  }
}

}  // namespace cicd_privileged_build

const Rule& rule_cicd_privileged_build() {
  static const Rule rule{
      {"AIP-CICD-001", "CodeBuild project in privileged mode", Severity::warning,
       {"security", "nist-800-53", "pci-dss", "soc2", "iso27001"},
       "Privileged mode gives the build container access to the Docker daemon with root privileges. A build runs "
       "whatever the repository (or a dependency it downloads) says, so a compromised dependency or a malicious "
       "pull request can break out of the container, read the project role's credentials and tamper with the "
       "images it pushes (cdk-nag CodeBuildProjectPrivilegedModeDisabled, checkov CKV_AWS_316). Only projects that "
       "build container images need it.",
       "Set Environment.PrivilegedMode to false (`privileged: false`, aip's default); for a project that builds "
       "images, suppress the finding with the reason and keep its buildspec in the reviewed repository."},
      &cicd_privileged_build::check};
  return rule;
}

}  // namespace aip::lint
