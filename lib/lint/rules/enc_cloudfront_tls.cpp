// AIP-ENC-010: a CloudFront distribution that lets viewers connect with less
// than TLS 1.2 (or over plain HTTP).
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace enc_cloudfront_tls {

bool modern(const std::string& v) { return v.rfind("TLSv1.2_", 0) == 0 || v.rfind("TLSv1.3", 0) == 0; }

void check_behavior(Context& ctx, const ResourceRef& d, const Json& b, const Path& path) {
  const Json* policy = member(b, "ViewerProtocolPolicy");
  if (policy == nullptr || *policy != "allow-all") return;
  // A named string, not a literal: GCC 12 reports a false -Warray-bounds on
  // push_back of this literal when the unity batch inlines it.
  static const std::string kKey = "ViewerProtocolPolicy";
  Path at = path;
  at.push_back(kKey);
  ctx.report(d, at, fmt::format("distribution {} serves plain HTTP (ViewerProtocolPolicy allow-all); use "
                                "redirect-to-https or https-only",
                                d.display()));
}

void check(Context& ctx) {
  for (const ResourceRef& d : ctx.resources("AWS::CloudFront::Distribution")) {
    const Json* config = member(d.properties(), "DistributionConfig");
    if (config == nullptr || !config->is_object()) continue;
    const Json* cert = member(*config, "ViewerCertificate");
    const Json* version = cert != nullptr ? member(*cert, "MinimumProtocolVersion") : nullptr;
    const Json* own = cert != nullptr ? member(*cert, "CloudFrontDefaultCertificate") : nullptr;
    if (cert == nullptr || (own != nullptr && is_true(*own))) {
      ctx.report(d, cert == nullptr ? Path{"Properties", "DistributionConfig"}
                                    : Path{"Properties", "DistributionConfig", "ViewerCertificate"},
                 fmt::format("distribution {} uses CloudFront's default certificate, which accepts TLS 1.0; give it "
                             "an ACM certificate with MinimumProtocolVersion TLSv1.2_2021",
                             d.display()));
    } else if (version == nullptr || !version->is_string() || !modern(version->get<std::string>())) {
      ctx.report(d, {"Properties", "DistributionConfig", "ViewerCertificate"},
                 fmt::format("distribution {} accepts viewers below TLS 1.2 (MinimumProtocolVersion {}); use "
                             "TLSv1.2_2021",
                             d.display(), version != nullptr && version->is_string() ? version->get<std::string>()
                                                                                     : std::string("not set")));
    }
    if (const Json* b = member(*config, "DefaultCacheBehavior")) {
      check_behavior(ctx, d, *b, {"Properties", "DistributionConfig", "DefaultCacheBehavior"});
    }
    if (const Json* list = member(*config, "CacheBehaviors"); list != nullptr && list->is_array()) {
      for (std::size_t i = 0; i < list->size(); ++i) {
        check_behavior(ctx, d, (*list)[i], {"Properties", "DistributionConfig", "CacheBehaviors", std::to_string(i)});
      }
    }
  }
}

}  // namespace enc_cloudfront_tls

const Rule& rule_enc_cloudfront_tls() {
  static const Rule rule{
      {"AIP-ENC-010", "CloudFront distribution allows TLS below 1.2 or plain HTTP", Severity::warning,
       {"encryption", "pci-dss", "nist-800-53", "hipaa", "soc2", "iso27001"},
       "TLS 1.0 and 1.1 have known weaknesses and are no longer accepted by PCI DSS; CloudFront's default "
       "certificate (*.cloudfront.net) keeps accepting TLS 1.0, and `allow-all` serves content over plain HTTP. "
       "cdk-nag (CFR4) and checkov (CKV_AWS_174, CKV_AWS_34) check the same.",
       "Give the distribution a custom domain with an ACM certificate in us-east-1 and MinimumProtocolVersion "
       "TLSv1.2_2021 (`domains:` and `certificate:` of the distribution in an aip spec), and redirect HTTP to HTTPS."},
      &enc_cloudfront_tls::check};
  return rule;
}

}  // namespace aip::lint
