// AIP-ENC-002: a bucket without a policy that denies requests not using TLS.
#include <set>

#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace enc_bucket_tls_only {

bool denies_plain_http(const iam::Statement& s) {
  if (s.effect != iam::Effect::Deny) return false;
  for (const std::string& v : condition_values(s, "aws:SecureTransport")) {
    if (lower(v) == "false") return true;
  }
  return false;
}

void check(Context& ctx) {
  std::set<std::pair<const Template*, std::string>> tls_only;
  for (const PolicyDoc& d : policy_documents(ctx)) {
    if (d.owner.type() != "AWS::S3::BucketPolicy") continue;
    const Json* bucket = member(d.owner.properties(), "Bucket");
    if (bucket == nullptr) continue;
    auto target = ctx.resolve(*d.owner.tmpl, *bucket);
    if (!target) continue;
    for (const iam::Statement& s : d.policy.statements) {
      if (denies_plain_http(s)) tls_only.insert({target->tmpl, target->logical_id});
    }
  }
  for (const ResourceRef& b : ctx.resources("AWS::S3::Bucket")) {
    if (tls_only.count({b.tmpl, b.logical_id}) != 0) continue;
    ctx.report(b, {},
               fmt::format("bucket {} has no bucket policy denying requests without TLS (Deny when "
                           "aws:SecureTransport is false)",
                           b.display()));
  }
}

}  // namespace enc_bucket_tls_only

const Rule& rule_enc_bucket_tls_only() {
  static const Rule rule{
      {"AIP-ENC-002", "Bucket does not enforce TLS", Severity::error,
       {"encryption", "hipaa", "pci-dss", "gdpr", "nist-800-53", "soc2", "iso27001"},
       "S3 answers plain HTTP requests unless the bucket policy refuses them. Data in transit must be encrypted "
       "(HIPAA 164.312(e), PCI DSS 4.2, NIST SC-8); the AWS Foundational Security Best Practices control S3.5 asks "
       "for a policy that denies every request where aws:SecureTransport is false.",
       "Add an AWS::S3::BucketPolicy with a statement {Effect: Deny, Principal: \"*\", Action: \"s3:*\", Resource: "
       "[bucket ARN, bucket ARN/*], Condition: {Bool: {aws:SecureTransport: \"false\"}}}."},
      &enc_bucket_tls_only::check};
  return rule;
}

}  // namespace aip::lint
