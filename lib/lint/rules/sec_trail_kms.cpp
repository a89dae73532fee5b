// AIP-SEC-004 (every compliance pack): a trail whose log files are not
// encrypted with a KMS key.
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace sec_trail_kms {

void check(Context& ctx) {
  for (const ResourceRef& t : ctx.resources("AWS::CloudTrail::Trail")) {
    if (member(t.properties(), "KMSKeyId") != nullptr) continue;
    ctx.report(t, {},
               fmt::format("trail {} has no KMSKeyId: its log files are readable by anyone who may read the bucket",
                           t.display()));
  }
}

}  // namespace sec_trail_kms

const Rule& rule_sec_trail_kms() {
  static const Rule rule{
      {"AIP-SEC-004", "CloudTrail trail without a KMS key (packs: every compliance pack)", Severity::warning,
       {"security", "encryption", "sox", "pci-dss", "hipaa", "gdpr", "nist-800-53", "soc2", "iso27001"},
       "Without KMSKeyId, CloudTrail stores log files with SSE-S3: whoever may read the bucket reads every API call "
       "of the account, including the request parameters. With a KMS key, reading also needs kms:Decrypt on that key, "
       "which the key policy grants to the auditors only, and every decryption is itself logged. CIS 3.7 and the "
       "compliance frameworks ask for it. This rule runs only when a compliance pack is on. AWS Config: "
       "CLOUD_TRAIL_ENCRYPTION_ENABLED.",
       "Set KMSKeyId to a customer-managed key whose policy lets cloudtrail.amazonaws.com generate data keys for this "
       "trail. In a spec: `kms: true` on the trail (a KMS bucket gives every trail a key).",
       {"sox", "pci-dss", "hipaa", "gdpr", "nist-800-53", "soc2", "iso27001"}},  // pack-only
      &sec_trail_kms::check};
  return rule;
}

}  // namespace aip::lint
