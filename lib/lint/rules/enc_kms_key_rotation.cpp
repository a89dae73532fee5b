// AIP-ENC-027: a symmetric KMS key without automatic rotation (cdk-nag KMS5,
// checkov CKV_AWS_7).
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace enc_kms_key_rotation {

// Only symmetric encryption keys of KMS's own key material rotate automatically:
// asymmetric and HMAC keys (KeySpec other than SYMMETRIC_DEFAULT) and imported
// key material (Origin EXTERNAL) cannot.
bool can_rotate(const Json& properties) {
  const Json* spec = member(properties, "KeySpec");
  if (spec != nullptr && spec->is_string() && spec->get<std::string>() != "SYMMETRIC_DEFAULT") return false;
  const Json* origin = member(properties, "Origin");
  return !(origin != nullptr && origin->is_string() && origin->get<std::string>() == "EXTERNAL");
}

void check(Context& ctx) {
  for (const ResourceRef& k : ctx.resources("AWS::KMS::Key")) {
    if (!can_rotate(k.properties())) continue;
    const Json* on = member(k.properties(), "EnableKeyRotation");
    if (on != nullptr && is_true(*on)) continue;
    ctx.report(k, on != nullptr ? Path{"Properties", "EnableKeyRotation"} : Path{},
               fmt::format("KMS key {} does not rotate its key material (EnableKeyRotation is not true)",
                           k.display()));
  }
}

}  // namespace enc_kms_key_rotation

const Rule& rule_enc_kms_key_rotation() {
  static const Rule rule{
      {"AIP-ENC-027", "Symmetric KMS key without automatic rotation", Severity::warning,
       {"encryption", "pci-dss", "hipaa", "nist-800-53", "soc2", "iso27001"},
       "A customer-managed symmetric key keeps the same key material for ever unless EnableKeyRotation is true; "
       "with rotation KMS makes new material every year (or RotationPeriodInDays) and keeps the old to decrypt, so "
       "nothing has to be re-encrypted and the amount of data under one key version stays bounded (cdk-nag KMS5, "
       "checkov CKV_AWS_7; PCI DSS 3.6.4, NIST 800-53 SC-12). Asymmetric and HMAC keys and keys with imported "
       "material cannot rotate automatically and are not reported.",
       "Set EnableKeyRotation: true (aip sets it on every key it creates)."},
      &enc_kms_key_rotation::check};
  return rule;
}

}  // namespace aip::lint
