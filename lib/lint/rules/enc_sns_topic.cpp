// AIP-ENC-004: an SNS topic without server-side encryption.
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace enc_sns_topic {

void check(Context& ctx) {
  for (const ResourceRef& t : ctx.resources("AWS::SNS::Topic")) {
    if (member(t.properties(), "KmsMasterKeyId") != nullptr) continue;
    ctx.report(t, {},
               fmt::format("SNS topic {} has no KmsMasterKeyId: messages are stored unencrypted", t.display()));
  }
}

}  // namespace enc_sns_topic

const Rule& rule_enc_sns_topic() {
  static const Rule rule{
      {"AIP-ENC-004", "SNS topic without encryption", Severity::warning,
       {"encryption", "hipaa", "pci-dss", "nist-800-53", "soc2"},
       "SNS stores messages until they are delivered. Without KmsMasterKeyId they are not encrypted at rest; alerts "
       "and notifications often carry account ids, resource names or personal data.",
       "Set KmsMasterKeyId to a KMS key (alias/aws/sns, or a customer managed key whose policy lets the publishing "
       "services use it)."},
      &enc_sns_topic::check};
  return rule;
}

}  // namespace aip::lint
