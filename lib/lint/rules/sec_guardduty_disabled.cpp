// AIP-SEC-006: a GuardDuty detector that is switched off.
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace sec_guardduty_disabled {

void check(Context& ctx) {
  for (const ResourceRef& d : ctx.resources("AWS::GuardDuty::Detector")) {
    const Json* enable = member(d.properties(), "Enable");
    if (enable == nullptr || !is_false(*enable)) continue;
    ctx.report(d, {"Properties", "Enable"},
               fmt::format("GuardDuty detector {} is disabled: no threat findings for this account and region",
                           d.display()));
  }
}

}  // namespace sec_guardduty_disabled

const Rule& rule_sec_guardduty_disabled() {
  static const Rule rule{
      {"AIP-SEC-006", "GuardDuty detector disabled", Severity::warning,
       {"security", "pci-dss", "hipaa", "nist-800-53", "soc2", "iso27001", "gdpr"},
       "A detector with Enable: false exists, so nothing else may create one in the account and region, but it "
       "analyses nothing: CloudTrail, VPC flow and DNS logs go unread, and credential exfiltration, crypto mining or "
       "calls from known malicious addresses raise no finding.",
       "Set Enable: true (and FindingPublishingFrequency: FIFTEEN_MINUTES), or remove the detector. aip's detectors "
       "(`security: guardduty:`) are enabled."},
      &sec_guardduty_disabled::check};
  return rule;
}

}  // namespace aip::lint
