// CloudFront distributions (edge.distributions) rendered into the cdn stack of
// their account in us-east-1, next to the CloudFront web ACLs (plan/edge.cpp)
// and the certificates of the us-east-1 dns stack: origin access control for
// bucket origins, a response headers policy with security headers, managed
// cache and origin request policies by id, TLS 1.2 (TLSv1.2_2021) for viewers
// and origins, access logs to CloudWatch Logs (CloudFront's standard logging
// v2). Each origin bucket's policy (and key policy) in the storage stack gets
// a grant to exactly this distribution (AWS:SourceArn), imported from the cdn
// stack; the distribution names its buckets by their S3 domain names, so the
// cdn stack imports nothing from the storage stack (no cycle).
#include <fmt/format.h>

#include "cfn/intrinsics.hpp"
#include "plan/names.hpp"
#include "plan/plan.hpp"
#include "plan/resource_helpers.hpp"
#include "spec/dns_placement.hpp"
#include "spec/load.hpp"

namespace aip::plan {
namespace plan_cdn_area {

using cfn::Json;
namespace fn = cfn::intrinsic;

const char* policy_id(const std::vector<spec::ManagedPolicy>& policies, const std::string& name) {
  for (const spec::ManagedPolicy& p : policies) {
    if (name == p.name) return p.id;
  }
  return "";
}

// The distribution's ARN as a stack outside the cdn stack sees it.
Json distribution_arn(cfn::Assembly& assembly, cfn::Stack& from, cfn::Stack& cdn, const std::string& id) {
  return Json{{"Fn::Sub", Json::array({aws::arn(aws::kThisPartition, "cloudfront", "", aws::kThisAccount,
                                                "distribution/${Distribution}"),
                                       {{"Distribution", assembly.ref(from, cdn, id)}}})}};
}

// `spa: true`: a viewer-request function on the bucket behaviors rewrites a path without a file
// extension ("/dashboard", "/haiku/42") to the root object, so client-side routes load the app.
// Custom error responses would do it for the whole distribution, turning the API behaviors' 403
// and 404 answers (and WAF blocks) into 200 index.html as well.
std::string spa_function_code(const std::string& root_object) {
  return fmt::format(
      "function handler(event) {{\n"
      "  var request = event.request;\n"
      "  var last = request.uri.substring(request.uri.lastIndexOf('/') + 1);\n"
      "  if (last.indexOf('.') === -1) request.uri = '/{}';\n"
      "  return request;\n"
      "}}\n",
      root_object);
}

Json behavior(const spec::Distribution& d, const spec::CdnBehavior& b, const std::string& headers_id,
              const std::string& spa_function) {
  const spec::CdnOrigin& o = *d.find_origin(b.origin.value);
  const bool bucket = !o.bucket.value.empty();
  std::string cache = !b.cache.value.empty() ? b.cache.value : bucket ? "CachingOptimized" : "CachingDisabled";
  std::string request = !b.origin_request.value.empty() ? b.origin_request.value
                        : bucket                         ? ""
                                                         : "AllViewerExceptHostHeader";
  Json read = Json::array({"GET", "HEAD", "OPTIONS"});
  Json out = {{"TargetOriginId", o.name},
              {"ViewerProtocolPolicy", "redirect-to-https"},
              {"Compress", true},
              {"CachePolicyId", policy_id(spec::managed_cache_policies(), cache)},
              {"ResponseHeadersPolicyId", fn::ref(headers_id)},
              {"AllowedMethods", b.methods.value == "all" ? Json::array({"GET", "HEAD", "OPTIONS", "PUT", "PATCH", "POST",
                                                                         "DELETE"})
                                                          : read},
              {"CachedMethods", read}};
  if (!request.empty()) out["OriginRequestPolicyId"] = policy_id(spec::managed_origin_request_policies(), request);
  if (!b.path.empty()) out["PathPattern"] = b.path;
  if (bucket && !spa_function.empty()) {
    out["FunctionAssociations"] =
        Json::array({{{"EventType", "viewer-request"}, {"FunctionARN", fn::get_att(spa_function, "FunctionARN")}}});
  }
  return out;
}

// Grants the distribution read access to the objects below its origin path,
// in the bucket policy and (SSE-KMS) the key policy of the storage stack.
void grant_bucket(const spec::Spec& spec, cfn::Assembly& assembly, cfn::Stack& cdn, const spec::Distribution& d,
                  const spec::CdnOrigin& o) {
  const spec::Bucket& b = *spec.storage.find(o.bucket.value);
  spec::Placement p = spec::bucket_placement(spec, b);
  cfn::Stack& storage = stack_for(assembly, spec, kLayerStorage, *p.account, p.region);
  const std::string bucket = bucket_id(b.name);
  const std::string sid = "CloudFront" + cfn::pascal_case(d.name) + cfn::pascal_case(o.name);
  Json arn = distribution_arn(assembly, storage, cdn, distribution_id(d.name));
  if (cfn::Resource* policy = storage.find(bucket + "Policy")) {
    Json objects = fn::sub("${" + bucket + ".Arn}" + o.path.value + "/*");
    policy->properties["PolicyDocument"]["Statement"].push_back(PolicyStatement::allow(sid)
                                                                    .service("cloudfront.amazonaws.com")
                                                                    .action("s3:GetObject")
                                                                    .resource(objects)
                                                                    .condition("StringEquals", "AWS:SourceArn", arn));
  }
  if (b.encryption.value != "kms") return;
  if (cfn::Resource* key = storage.find(bucket_key_id(b.name))) {
    // In a key policy "*" is the key itself.
    key->properties["KeyPolicy"]["Statement"].push_back(PolicyStatement::allow(sid)
                                                            .service("cloudfront.amazonaws.com")
                                                            .action("kms:Decrypt")
                                                            .resource("*")
                                                            .condition("StringEquals", "AWS:SourceArn", arn));
  }
}

Json origin(const spec::Spec& spec, const spec::Distribution& d, const spec::CdnOrigin& o, const std::string& oac) {
  Json out = {{"Id", o.name}};
  if (!o.path.value.empty()) out["OriginPath"] = o.path.value;
  if (!o.bucket.value.empty()) {
    const spec::Bucket& b = *spec.storage.find(o.bucket.value);
    // By name, not GetAtt: the storage stack imports this distribution's id.
    out["DomainName"] = fmt::format("{}.s3.{}.amazonaws.com", spec::s3_bucket_name(spec, b, spec::kCloudFrontRegion),
                                    spec::kCloudFrontRegion);
    out["S3OriginConfig"] = {{"OriginAccessIdentity", ""}};
    out["OriginAccessControlId"] = fn::get_att(oac, "Id");
    return out;
  }
  (void)d;
  out["DomainName"] = o.domain.value;
  out["CustomOriginConfig"] = {{"OriginProtocolPolicy", "https-only"},
                               {"HTTPSPort", 443},
                               {"OriginSSLProtocols", Json::array({"TLSv1.2"})},
                               {"OriginReadTimeout", 30},
                               {"OriginKeepaliveTimeout", 5}};
  return out;
}

void plan_distribution(const spec::Spec& spec, cfn::Assembly& assembly, const spec::Distribution& d) {
  spec::Placement p = spec::distribution_placement(spec, d);
  cfn::Stack& stack = stack_for(assembly, spec, kLayerCdn, *p.account, p.region);
  const std::string id = distribution_id(d.name);
  const std::string name = fmt::format("{}-{}", spec.name.value, d.name);

  bool buckets = false;
  for (const spec::CdnOrigin& o : d.origins) buckets = buckets || !o.bucket.value.empty();
  const std::string oac = id + "OriginAccessControl";
  if (buckets) {
    add_resource(stack, oac, "AWS::CloudFront::OriginAccessControl",
                 {{"OriginAccessControlConfig",
                   {{"Name", name},
                    {"Description", fmt::format("Bucket origins of distribution {} of platform {}", d.name, spec.name.value)},
                    {"OriginAccessControlOriginType", "s3"},
                    {"SigningBehavior", "always"},
                    {"SigningProtocol", "sigv4"}}}},
                 d.location);
  }

  const std::string headers = id + "ResponseHeaders";
  Json security = {{"StrictTransportSecurity",
                    {{"AccessControlMaxAgeSec", 63072000}, {"IncludeSubdomains", true}, {"Preload", true}, {"Override", true}}},
                   {"ContentTypeOptions", {{"Override", true}}},
                   {"FrameOptions", {{"FrameOption", "DENY"}, {"Override", true}}},
                   {"ReferrerPolicy", {{"ReferrerPolicy", "strict-origin-when-cross-origin"}, {"Override", true}}},
                   {"XSSProtection", {{"Protection", true}, {"ModeBlock", true}, {"Override", true}}}};
  if (!d.content_security_policy.value.empty()) {
    security["ContentSecurityPolicy"] = {{"ContentSecurityPolicy", d.content_security_policy.value}, {"Override", true}};
  }
  add_resource(stack, headers, "AWS::CloudFront::ResponseHeadersPolicy",
               {{"ResponseHeadersPolicyConfig",
                 {{"Name", name + "-security-headers"},
                  {"Comment", fmt::format("Security headers of distribution {}", d.name)},
                  {"SecurityHeadersConfig", security}}}},
               d.content_security_policy.location.valid() ? d.content_security_policy.location : d.location);

  std::string spa_function;
  if (d.spa.value) {
    spa_function = id + "SpaRouting";
    add_resource(stack, spa_function, "AWS::CloudFront::Function",
                 {{"Name", name + "-spa-routing"},
                  {"AutoPublish", true},
                  {"FunctionConfig",
                   {{"Comment", fmt::format("Client-side routes of distribution {} load /{}", d.name, d.root_object.value)},
                    {"Runtime", "cloudfront-js-2.0"}}},
                  {"FunctionCode", spa_function_code(d.root_object.value)}},
                 d.spa.location.valid() ? d.spa.location : d.location);
  }

  Json origins = Json::array();
  for (const spec::CdnOrigin& o : d.origins) origins.push_back(origin(spec, d, o, oac));
  Json config = {{"Enabled", true},
                 {"Comment", fmt::format("{} of platform {}", d.name, spec.name.value)},
                 {"HttpVersion", "http2and3"},
                 {"IPV6Enabled", true},
                 {"PriceClass", d.price_class.value == "all" ? "PriceClass_All" : "PriceClass_" + d.price_class.value},
                 {"DefaultRootObject", d.root_object.value},
                 {"Origins", origins},
                 {"DefaultCacheBehavior", behavior(d, d.default_behavior, headers, spa_function)}};
  if (!d.behaviors.empty()) {
    Json behaviors = Json::array();
    for (const spec::CdnBehavior& b : d.behaviors) behaviors.push_back(behavior(d, b, headers, spa_function));
    config["CacheBehaviors"] = behaviors;
  }
  if (!d.domains.empty()) {
    Json aliases = Json::array();
    for (const auto& a : d.domains) aliases.push_back(a.value);
    config["Aliases"] = aliases;
  }
  if (!d.certificate.value.empty()) {
    Json arn = d.certificate.value;
    if (!spec::is_certificate_arn(d.certificate.value)) {
      arn = assembly.ref(stack, stack_for(assembly, spec, kLayerDns, *p.account, p.region), certificate_id(d.certificate.value));
    }
    config["ViewerCertificate"] = {{"AcmCertificateArn", arn},
                                   {"SslSupportMethod", "sni-only"},
                                   {"MinimumProtocolVersion", "TLSv1.2_2021"}};
  } else {
    // CloudFront's own certificate accepts TLS 1.0 (lint: AIP-ENC-010).
    config["ViewerCertificate"] = {{"CloudFrontDefaultCertificate", true}};
  }
  if (!d.web_acl.value.empty()) config["WebACLId"] = fn::get_att(web_acl_id(d.web_acl.value), "Arn");
  cfn::Resource& dist = add_resource(stack, id, "AWS::CloudFront::Distribution", {{"DistributionConfig", config}},
                                     d.location, d.tags);
  (void)dist;

  if (d.logging.value) {
    Location where = d.logging.location.valid() ? d.logging.location : d.location;
    const std::string group = id + "LogGroup";
    cfn::Resource& g = add_resource(stack, group, "AWS::Logs::LogGroup",
                                    {{"LogGroupName", "/aws/cloudfront/" + name},
                                     {"RetentionInDays", d.log_retention_days.value}},
                                    where, d.tags);
    g.deletion_policy = "Retain";  // access logs are evidence
    Json arn = stack_arn("cloudfront", "distribution/${" + id + "}", "");
    add_resource(stack, id + "LogSource", "AWS::Logs::DeliverySource",
                 {{"Name", name + "-access"}, {"ResourceArn", arn}, {"LogType", "ACCESS_LOGS"}}, where);
    add_resource(stack, id + "LogDestination", "AWS::Logs::DeliveryDestination",
                 {{"Name", name + "-access"}, {"DestinationResourceArn", log_group_arn(group)}}, where);
    add_resource(stack, id + "LogDelivery", "AWS::Logs::Delivery",
                 {{"DeliverySourceName", fn::ref(id + "LogSource")},
                  {"DeliveryDestinationArn", fn::get_att(id + "LogDestination", "Arn")}},
                 where);
  }

  for (const spec::CdnOrigin& o : d.origins) {
    if (!o.bucket.value.empty()) grant_bucket(spec, assembly, stack, d, o);
  }
}

}  // namespace plan_cdn_area

void plan_cdn(const spec::Spec& spec, cfn::Assembly& assembly) {
  for (const spec::Distribution& d : spec.edge.distributions) plan_cdn_area::plan_distribution(spec, assembly, d);
}

}  // namespace aip::plan
