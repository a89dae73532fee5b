// AIP-LOG-030: a CloudTrail trail that records one region only (checkov CKV_AWS_67).
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace log_trail_single_region {

void check(Context& ctx) {
  for (const ResourceRef& r : ctx.resources("AWS::CloudTrail::Trail")) {
    const Json* multi = member(r.properties(), "IsMultiRegionTrail");
    const bool on = multi != nullptr && ((multi->is_boolean() && multi->get<bool>()) ||
                                         (multi->is_string() && multi->get<std::string>() == "true"));
    if (on || (multi != nullptr && !multi->is_boolean() && !multi->is_string())) continue;  // an intrinsic
    ctx.report(r, multi != nullptr ? Path{"Properties", "IsMultiRegionTrail"} : Path{},
               fmt::format("CloudTrail trail {} records API calls in its own region only: set IsMultiRegionTrail: "
                           "true",
                           r.display()));
  }
}

}  // namespace log_trail_single_region

const Rule& rule_log_trail_single_region() {
  static const Rule rule{
      {"AIP-LOG-030", "CloudTrail trail not multi-region", Severity::warning,
       {"logging", "nist-800-53", "pci-dss", "hipaa", "soc2", "iso27001"},
       "A trail without IsMultiRegionTrail records only the region it is created in. Activity in every other "
       "region (an attacker launching instances or creating resources where nobody looks, global "
       "service events delivered to us-east-1) leaves no record in the trail, so the audit trail has a hole "
       "exactly where misuse is least expected (checkov CKV_AWS_67, CIS AWS 3.1).",
       "Set IsMultiRegionTrail: true (aip's observability.trail does unless multi_region: false). A trail that "
       "is deliberately regional because an organization trail covers every region takes a suppression saying "
       "so."},
      &log_trail_single_region::check};
  return rule;
}

}  // namespace aip::lint
