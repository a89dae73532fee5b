// AIP-ENC-014: a symmetric customer-managed KMS key without automatic rotation.
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace enc_key_rotation {

void check(Context& ctx) {
  for (const ResourceRef& k : ctx.resources("AWS::KMS::Key")) {
    // Rotation exists for symmetric encryption keys only (KeySpec SYMMETRIC_DEFAULT, the default).
    const Json* spec = member(k.properties(), "KeySpec");
    if (spec != nullptr && !(spec->is_string() && spec->get<std::string>() == "SYMMETRIC_DEFAULT")) continue;
    const Json* usage = member(k.properties(), "KeyUsage");
    if (usage != nullptr && !(usage->is_string() && usage->get<std::string>() == "ENCRYPT_DECRYPT")) continue;
    const Json* origin = member(k.properties(), "Origin");
    if (origin != nullptr && !(origin->is_string() && origin->get<std::string>() == "AWS_KMS")) continue;
    const Json* rotation = member(k.properties(), "EnableKeyRotation");
    if (rotation != nullptr && is_true(*rotation)) continue;
    ctx.report(k, rotation != nullptr ? Path{"Properties", "EnableKeyRotation"} : Path{},
               fmt::format("KMS key {} does not rotate its key material (EnableKeyRotation is not true)",
                           k.display()));
  }
}

}  // namespace enc_key_rotation

const Rule& rule_enc_key_rotation() {
  static const Rule rule{
      {"AIP-ENC-014", "Customer-managed KMS key without automatic rotation", Severity::warning,
       {"encryption", "hipaa", "pci-dss", "nist-800-53", "soc2", "iso27001", "gdpr"},
       "A symmetric KMS key that never rotates keeps encrypting new data with the same key material for as long as "
       "it exists, so one compromise of that material exposes everything it ever protected. PCI DSS 3.6.4 and NIST "
       "SP 800-57 ask for cryptoperiods; AWS KMS rotates automatically (yearly by default) and keeps the older "
       "material to decrypt what it protected. Every key aip writes rotates, the keys of classification levels "
       "included. Asymmetric, HMAC and imported keys cannot rotate automatically and are not flagged.",
       "Set EnableKeyRotation: true on the key (and RotationPeriodInDays if a shorter period is required)."},
      &enc_key_rotation::check};
  return rule;
}

}  // namespace aip::lint
