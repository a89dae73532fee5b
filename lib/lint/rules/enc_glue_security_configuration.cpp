// AIP-ENC-009: a Glue job or crawler without a security configuration
// (cdk-nag GlueJobEncryption, checkov CKV_AWS_195).
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace enc_glue_security_configuration {

void check(Context& ctx) {
  for (const ResourceRef& j : ctx.resources("AWS::Glue::Job")) {
    if (member(j.properties(), "SecurityConfiguration") != nullptr) continue;
    ctx.report(j, {},
               fmt::format("Glue job {} has no SecurityConfiguration: what it writes to S3, its CloudWatch logs and "
                           "its job bookmarks are not encrypted with a KMS key",
                           j.display()));
  }
  for (const ResourceRef& c : ctx.resources("AWS::Glue::Crawler")) {
    if (member(c.properties(), "CrawlerSecurityConfiguration") != nullptr) continue;
    ctx.report(c, {},
               fmt::format("Glue crawler {} has no CrawlerSecurityConfiguration: its CloudWatch logs are not "
                           "encrypted with a KMS key",
                           c.display()));
  }
}

}  // namespace enc_glue_security_configuration

const Rule& rule_enc_glue_security_configuration() {
  static const Rule rule{
      {"AIP-ENC-009", "Glue job or crawler without a security configuration", Severity::warning,
       {"encryption", "hipaa", "pci-dss", "nist-800-53", "soc2"},
       "A Glue security configuration encrypts what a job writes to S3 (SSE-KMS), its CloudWatch logs and its "
       "job bookmarks with a KMS key. Without one, job output follows only the bucket's default, and logs and "
       "bookmarks (which record the data a job has processed) are not encrypted with a key of yours.",
       "Create an AWS::Glue::SecurityConfiguration with S3Encryptions (SSE-KMS), CloudWatchEncryption (SSE-KMS) "
       "and JobBookmarksEncryption (CSE-KMS) and name it in SecurityConfiguration (jobs) and "
       "CrawlerSecurityConfiguration (crawlers). aip creates one per account and region."},
      &enc_glue_security_configuration::check};
  return rule;
}

}  // namespace aip::lint
