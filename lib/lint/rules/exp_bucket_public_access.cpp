// AIP-EXP-005: a bucket without S3 Block Public Access (all four settings).
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace exp_bucket_public_access {

void check(Context& ctx) {
  static const char* const kSettings[] = {"BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls",
                                          "RestrictPublicBuckets"};
  for (const ResourceRef& b : ctx.resources("AWS::S3::Bucket")) {
    const Json* config = member(b.properties(), "PublicAccessBlockConfiguration");
    if (config == nullptr) {
      ctx.report(b, {},
                 fmt::format("bucket {} does not configure Block Public Access; set all four "
                             "PublicAccessBlockConfiguration settings to true so no ACL or policy can make it public",
                             b.display()),
                 Severity::warning);
      continue;
    }
    std::string off;
    for (const char* key : kSettings) {
      const Json* v = member(*config, key);
      if (v == nullptr || !is_true(*v)) off += fmt::format("{}{}", off.empty() ? "" : ", ", key);
    }
    if (off.empty()) continue;
    ctx.report(b, {"Properties", "PublicAccessBlockConfiguration"},
               fmt::format("bucket {} does not block public access fully: {} not true", b.display(), off));
  }
}

}  // namespace exp_bucket_public_access

const Rule& rule_exp_bucket_public_access() {
  static const Rule rule{
      {"AIP-EXP-005", "Bucket without full Block Public Access", Severity::error,
       {"exposure", "pci-dss", "hipaa", "gdpr", "nist-800-53", "soc2", "iso27001"},
       "Public buckets are the most common source of cloud data leaks. With all four Block Public Access settings "
       "on (BlockPublicAcls, BlockPublicPolicy, IgnorePublicAcls, RestrictPublicBuckets), no ACL or bucket policy "
       "can make the bucket or its objects public, whatever is written later. A bucket that turns a setting off is "
       "an error; one that does not configure it relies on the account default (a warning).",
       "Add PublicAccessBlockConfiguration with all four settings true. Serve public content through CloudFront "
       "with origin access control instead of a public bucket."},
      &exp_bucket_public_access::check};
  return rule;
}

}  // namespace aip::lint
