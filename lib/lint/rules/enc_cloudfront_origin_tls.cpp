// AIP-ENC-034: a CloudFront custom origin reached over plain HTTP or with
// SSLv3 / TLS 1.0 (cdk-nag AwsSolutions-CFR5, checkov CKV2_AWS_72).
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace enc_cloudfront_origin_tls {

void check(Context& ctx) {
  for (const ResourceRef& d : ctx.resources("AWS::CloudFront::Distribution")) {
    const Json* origins = member_path(d.properties(), {"DistributionConfig", "Origins"});
    if (origins == nullptr || !origins->is_array()) continue;
    for (std::size_t i = 0; i < origins->size(); ++i) {
      const Json& o = (*origins)[i];
      const Json* custom = member(o, "CustomOriginConfig");
      if (custom == nullptr || !custom->is_object()) continue;  // S3 and VPC origins
      const Json* id = member(o, "Id");
      const std::string name = id != nullptr && id->is_string() ? id->get<std::string>() : std::to_string(i);
      const Path at{"Properties", "DistributionConfig", "Origins", std::to_string(i), "CustomOriginConfig"};
      const Json* policy = member(*custom, "OriginProtocolPolicy");
      if (policy != nullptr && !policy->is_string()) continue;  // an intrinsic
      const std::string p = policy != nullptr ? policy->get<std::string>() : "";
      if (p != "https-only") {
        Path here = at;
        here.push_back("OriginProtocolPolicy");
        ctx.report(d, policy != nullptr ? here : at,
                   fmt::format("distribution {} reaches origin {} with OriginProtocolPolicy {}: CloudFront may "
                               "fetch from it over plain HTTP; set https-only",
                               d.display(), name, p.empty() ? "unset" : p));
        continue;
      }
      const Json* protocols = member(*custom, "OriginSSLProtocols");
      if (protocols == nullptr || !protocols->is_array()) continue;  // CloudFront's default is TLSv1.2
      for (std::size_t k = 0; k < protocols->size(); ++k) {
        const Json& v = (*protocols)[k];
        if (!v.is_string() || (v.get<std::string>() != "SSLv3" && v.get<std::string>() != "TLSv1")) continue;
        Path here = at;
        here.push_back("OriginSSLProtocols");
        here.push_back(std::to_string(k));
        ctx.report(d, here,
                   fmt::format("distribution {} allows {} to origin {}: remove it from OriginSSLProtocols and keep "
                               "TLSv1.2",
                               d.display(), v.get<std::string>(), name));
      }
    }
  }
}

}  // namespace enc_cloudfront_origin_tls

const Rule& rule_enc_cloudfront_origin_tls() {
  static const Rule rule{
      {"AIP-ENC-034", "CloudFront custom origin without HTTPS or with SSLv3/TLS 1.0", Severity::warning,
       {"encryption", "nist-800-53", "pci-dss", "hipaa", "soc2", "iso27001"},
       "TLS between viewers and CloudFront protects only the first leg. With OriginProtocolPolicy http-only or "
       "match-viewer the request, its cookies and authorization headers, and the response travel from the edge "
       "to the origin over the internet in clear text; SSLv3 and TLS 1.0 in OriginSSLProtocols let that leg "
       "downgrade to broken protocols (cdk-nag AwsSolutions-CFR5, checkov CKV2_AWS_72).",
       "Set CustomOriginConfig OriginProtocolPolicy: https-only and OriginSSLProtocols: [TLSv1.2], with a "
       "certificate on the origin for its domain (aip's `cdn:` renders custom origins so). An S3 website "
       "endpoint speaks only HTTP: serve the bucket through an S3 origin with origin access control instead."},
      &enc_cloudfront_origin_tls::check};
  return rule;
}

}  // namespace aip::lint
