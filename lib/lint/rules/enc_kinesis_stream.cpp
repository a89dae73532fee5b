// AIP-ENC-021: a Kinesis data stream without server-side encryption (cdk-nag
// KDS1, checkov CKV_AWS_43).
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace enc_kinesis_stream {

void check(Context& ctx) {
  for (const ResourceRef& s : ctx.resources("AWS::Kinesis::Stream")) {
    const Json* enc = member(s.properties(), "StreamEncryption");
    const Json* type = enc != nullptr ? member(*enc, "EncryptionType") : nullptr;
    if (type != nullptr && (!type->is_string() || type->get<std::string>() == "KMS")) continue;
    ctx.report(s, type != nullptr ? Path{"Properties", "StreamEncryption", "EncryptionType"} : Path{},
               fmt::format("Kinesis stream {} has no server-side encryption: records are stored unencrypted for the "
                           "whole retention period",
                           s.display()));
  }
  // Firehose delivery streams fed directly (cdk-nag AwsSolutions-KDF1). A stream reading from a Kinesis stream
  // or MSK takes no encryption input: its source's encryption applies.
  for (const ResourceRef& d : ctx.resources("AWS::KinesisFirehose::DeliveryStream")) {
    const Json* type = member(d.properties(), "DeliveryStreamType");
    if (type != nullptr && !(type->is_string() && type->get<std::string>() == "DirectPut")) continue;
    const Json* enc = member(d.properties(), "DeliveryStreamEncryptionConfigurationInput");
    if (enc != nullptr) continue;
    ctx.report(d, {},
               fmt::format("Firehose delivery stream {} has no server-side encryption: records wait in the stream's "
                           "buffer unencrypted; set DeliveryStreamEncryptionConfigurationInput",
                           d.display()));
  }
}

}  // namespace enc_kinesis_stream

const Rule& rule_enc_kinesis_stream() {
  static const Rule rule{
      {"AIP-ENC-021", "Kinesis data stream or Firehose delivery stream without server-side encryption",
       Severity::warning,
       {"encryption", "hipaa", "pci-dss", "gdpr", "nist-800-53", "soc2", "iso27001"},
       "A Kinesis data stream without StreamEncryption keeps every record in plain text on the service's storage "
       "for its retention period (24 hours to a year). Server-side encryption with KMS costs nothing in code: "
       "producers and consumers need only kms:GenerateDataKey / kms:Decrypt on the key (cdk-nag KDS1, checkov "
       "CKV_AWS_43; NIST 800-53 SC-28, PCI DSS 3.5).",
       "Set StreamEncryption: {EncryptionType: KMS, KeyId: alias/aws/kinesis} or a customer-managed key."},
      &enc_kinesis_stream::check};
  return rule;
}

}  // namespace aip::lint
