// AIP-ENC-005: an SQS queue with server-side encryption turned off.
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace enc_sqs_queue {

void check(Context& ctx) {
  for (const ResourceRef& q : ctx.resources("AWS::SQS::Queue")) {
    if (member(q.properties(), "KmsMasterKeyId") != nullptr) continue;
    const Json* managed = member(q.properties(), "SqsManagedSseEnabled");
    if (managed == nullptr || !is_false(*managed)) continue;  // SSE-SQS is on by default
    ctx.report(q, {"Properties", "SqsManagedSseEnabled"},
               fmt::format("SQS queue {} turns server-side encryption off (SqsManagedSseEnabled: false, no "
                           "KmsMasterKeyId)",
                           q.display()));
  }
}

}  // namespace enc_sqs_queue

const Rule& rule_enc_sqs_queue() {
  static const Rule rule{
      {"AIP-ENC-005", "SQS queue without encryption", Severity::warning,
       {"encryption", "hipaa", "pci-dss", "nist-800-53", "soc2"},
       "SQS encrypts new queues with SQS-owned keys (SSE-SQS) unless SqsManagedSseEnabled is set to false. A queue "
       "that turns it off without a KMS key stores messages unencrypted at rest.",
       "Remove SqsManagedSseEnabled: false, or set KmsMasterKeyId to a KMS key for control over decryption."},
      &enc_sqs_queue::check};
  return rule;
}

}  // namespace aip::lint
