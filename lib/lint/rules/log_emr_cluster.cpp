// AIP-LOG-041: an EMR cluster that does not archive its logs to S3 (cdk-nag
// AwsSolutions-EMR2).
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace log_emr_cluster {

void check(Context& ctx) {
  for (const ResourceRef& c : ctx.resources("AWS::EMR::Cluster")) {
    if (member(c.properties(), "LogUri") != nullptr) continue;
    ctx.report(c, {},
               fmt::format("EMR cluster {} archives no logs to S3 (no LogUri): step, application and node logs "
                           "are lost when the cluster terminates",
                           c.display()));
  }
}

}  // namespace log_emr_cluster

const Rule& rule_log_emr_cluster() {
  static const Rule rule{
      {"AIP-LOG-041", "EMR cluster without S3 logging", Severity::warning,
       {"logging", "nist-800-53", "pci-dss", "soc2", "iso27001"},
       "An EMR cluster keeps its step, YARN application, Hadoop daemon and bootstrap logs on the master node "
       "unless LogUri names an S3 location to copy them to every five minutes. Transient clusters (a nightly "
       "feature job) terminate when done, taking the only record of what ran, and what failed, with them "
       "(cdk-nag AwsSolutions-EMR2).",
       "Set LogUri: s3://BUCKET/emr-logs/ (a bucket with a lifecycle rule), and LogEncryptionKmsKeyId for "
       "encrypted logs."},
      &log_emr_cluster::check};
  return rule;
}

}  // namespace aip::lint
