// AIP-ENC-040: an MSK cluster that lets clients or brokers talk in plain text
// (cdk-nag AwsSolutions-MSK2 and MSK3, checkov CKV_AWS_81).
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace enc_msk_transit {

void check(Context& ctx) {
  for (const ResourceRef& c : ctx.resources("AWS::MSK::Cluster")) {
    const Json* transit = member_path(c.properties(), {"EncryptionInfo", "EncryptionInTransit"});
    if (transit == nullptr || !transit->is_object()) continue;  // MSK's defaults: TLS both ways
    const Path at = {"Properties", "EncryptionInfo", "EncryptionInTransit"};
    // ClientBroker defaults to TLS; TLS_PLAINTEXT and PLAINTEXT accept unencrypted clients.
    if (const Json* client = member(*transit, "ClientBroker"); client != nullptr && client->is_string() &&
                                                                *client != "TLS") {
      Path p = at;
      p.push_back("ClientBroker");
      ctx.report(c, p,
                 fmt::format("MSK cluster {} accepts plaintext connections from clients (ClientBroker {}): "
                             "records and SASL credentials cross the network unencrypted",
                             c.display(), client->get<std::string>()));
    }
    if (const Json* in_cluster = member(*transit, "InCluster"); in_cluster != nullptr && is_false(*in_cluster)) {
      Path p = at;
      p.push_back("InCluster");
      ctx.report(c, p,
                 fmt::format("MSK cluster {} replicates between brokers in plain text (InCluster false)",
                             c.display()));
    }
  }
}

}  // namespace enc_msk_transit

const Rule& rule_enc_msk_transit() {
  static const Rule rule{
      {"AIP-ENC-040", "MSK cluster with plaintext client or broker traffic", Severity::warning,
       {"encryption", "nist-800-53", "pci-dss", "hipaa", "gdpr", "soc2", "iso27001"},
       "Amazon MSK encrypts traffic with TLS by default, both from clients to brokers and between brokers. "
       "ClientBroker TLS_PLAINTEXT or PLAINTEXT lets clients send and read records (events, prompts, model "
       "outputs) unencrypted, and InCluster false sends every replicated record in clear text between the "
       "brokers' zones; InCluster cannot be changed after creation (cdk-nag AwsSolutions-MSK2 and MSK3; checkov "
       "CKV_AWS_81, which also fails a cluster that states no EncryptionInfo at all: MSK then encrypts at rest "
       "with an AWS-managed key and in transit with TLS, so aip does not report it).",
       "Set EncryptionInfo.EncryptionInTransit to {ClientBroker: TLS, InCluster: true} (the defaults), and "
       "move clients to the TLS bootstrap brokers before removing plaintext."},
      &enc_msk_transit::check};
  return rule;
}

}  // namespace aip::lint
