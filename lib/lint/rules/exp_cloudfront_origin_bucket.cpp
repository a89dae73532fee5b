// AIP-EXP-016: an origin bucket reachable other than through its distribution:
// an S3 origin without origin access control (the bucket must then be public),
// or a bucket policy that lets CloudFront read without naming the distribution.
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace exp_cloudfront_origin_bucket {

bool names_cloudfront(const iam::Statement& s) {
  if (!s.principal) return false;
  auto it = s.principal->by_kind.find("Service");
  if (it == s.principal->by_kind.end()) return false;
  for (const Json& v : it->second) {
    if (v.is_string() && lower(v.get<std::string>()) == "cloudfront.amazonaws.com") return true;
  }
  return false;
}

void check_origins(Context& ctx) {
  for (const ResourceRef& d : ctx.resources("AWS::CloudFront::Distribution")) {
    const Json* origins = member_path(d.properties(), {"DistributionConfig", "Origins"});
    if (origins == nullptr || !origins->is_array()) continue;
    for (std::size_t i = 0; i < origins->size(); ++i) {
      const Json& o = (*origins)[i];
      const Json* s3 = member(o, "S3OriginConfig");
      if (s3 == nullptr) continue;
      const Json* oac = member(o, "OriginAccessControlId");
      const Json* oai = member(*s3, "OriginAccessIdentity");
      bool has_oac = oac != nullptr && !(oac->is_string() && oac->get<std::string>().empty());
      bool has_oai = oai != nullptr && !(oai->is_string() && oai->get<std::string>().empty());
      if (has_oac || has_oai) continue;
      ctx.report(d, {"Properties", "DistributionConfig", "Origins", std::to_string(i)},
                 fmt::format("S3 origin {} of distribution {} has no origin access control, so its bucket must "
                             "allow public reads",
                             member(o, "Id") != nullptr ? member(o, "Id")->dump() : std::to_string(i), d.display()));
    }
  }
}

void check(Context& ctx) {
  check_origins(ctx);
  for (const PolicyDoc& doc : policy_documents(ctx)) {
    if (doc.kind != PolicyKind::resource || doc.owner.type() != "AWS::S3::BucketPolicy") continue;
    for (std::size_t i = 0; i < doc.policy.statements.size(); ++i) {
      const iam::Statement& s = doc.policy.statements[i];
      if (s.effect != iam::Effect::Allow || !names_cloudfront(s)) continue;
      std::vector<std::string> sources = condition_values(s, "aws:SourceArn");
      bool scoped = !sources.empty();
      for (const std::string& v : sources) scoped = scoped && v.find('*') == std::string::npos;
      if (scoped) continue;
      ctx.report(doc.owner, doc.statement_path(i),
                 fmt::format("bucket policy {} lets CloudFront read {}; every distribution of every account could "
                             "serve the bucket",
                             doc.owner.display(),
                             sources.empty() ? "without an aws:SourceArn condition naming the distribution"
                                             : "for a wildcard aws:SourceArn"));
    }
  }
}

}  // namespace exp_cloudfront_origin_bucket

const Rule& rule_exp_cloudfront_origin_bucket() {
  static const Rule rule{
      {"AIP-EXP-016", "Origin bucket reachable other than through its distribution", Severity::warning,
       {"exposure", "pci-dss", "nist-800-53", "soc2", "gdpr"},
       "A bucket behind CloudFront should answer only its distribution: otherwise the WAF, the TLS policy and the "
       "security headers of the distribution can be bypassed by reading the bucket directly, or another "
       "distribution (of any account) can serve its objects. Origin access control signs CloudFront's requests; "
       "the bucket policy then grants cloudfront.amazonaws.com with aws:SourceArn set to the distribution's ARN. "
       "cdk-nag (CFR7) and checkov (CKV_AWS_385) check origin access.",
       "Use an OriginAccessControl on every S3 origin, keep the bucket's public access blocked, and condition the "
       "bucket policy's CloudFront grant on aws:SourceArn of that one distribution (`bucket:` origins of a "
       "distribution in an aip spec do both)."},
      &exp_cloudfront_origin_bucket::check};
  return rule;
}

}  // namespace aip::lint
