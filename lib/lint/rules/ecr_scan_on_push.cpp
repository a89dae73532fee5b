// AIP-ECR-001: an ECR repository that does not scan images on push.
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace ecr_scan_on_push {

void check(Context& ctx) {
  for (const ResourceRef& r : ctx.resources("AWS::ECR::Repository")) {
    const Json* scanning = member(r.properties(), "ImageScanningConfiguration");
    const Json* on_push = scanning != nullptr ? member(*scanning, "ScanOnPush") : nullptr;
    if (on_push != nullptr && is_true(*on_push)) continue;
    ctx.report(r, on_push != nullptr ? Path{"Properties", "ImageScanningConfiguration", "ScanOnPush"} : Path{},
               fmt::format("ECR repository {} does not scan images on push: images with known vulnerabilities "
                           "reach the services unnoticed",
                           r.display()));
  }
}

}  // namespace ecr_scan_on_push

const Rule& rule_ecr_scan_on_push() {
  static const Rule rule{
      {"AIP-ECR-001", "ECR repository without scan on push", Severity::warning,
       {"exposure", "nist-800-53", "pci-dss", "soc2", "iso27001"},
       "An image pushed to a repository that does not scan on push is never checked for known vulnerabilities "
       "(CVEs in its operating system packages) before a service runs it. Scanning on push reports the findings "
       "when the image arrives, so a release with a vulnerable base image is caught before it is deployed "
       "(cdk-nag and checkov CKV_AWS_163 check the same).",
       "Set ImageScanningConfiguration: {ScanOnPush: true} (`scan_on_push: true`, the default of an aip "
       "repository), or turn on enhanced scanning for the registry."},
      &ecr_scan_on_push::check};
  return rule;
}

}  // namespace aip::lint
