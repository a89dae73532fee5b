// CloudFront distributions (edge.distributions) and the dns: area: what they
// render where, the grants on origin buckets, stack dependencies across
// regions, and every reader and check error at its line.
#include <catch2/catch.hpp>

#include "support/plan_text.hpp"
#include "support/statement.hpp"

using aip::cfn::Json;
using aip::test::errors_of;
using aip::test::kHeader;
using aip::test::plan_text;
using aip::test::statement;

namespace {

// Lines 5-37 after kHeader's four.
const char* kSite =
    "network:\n"                                                              // 5
    "  vpcs:\n"                                                               // 6
    "    main: {cidr: 10.0.0.0/16, azs: 2, tiers: {public: 24, private: 24}}\n"  // 7
    "storage:\n"                                                              // 8
    "  buckets:\n"                                                            // 9
    "    site: {}\n"                                                          // 10
    "compute:\n"                                                              // 11
    "  load_balancers:\n"                                                     // 12
    "    web: {vpc: main, certificate: web}\n"                                // 13
    "dns:\n"                                                                  // 14
    "  zones:\n"                                                              // 15
    "    public:\n"                                                           // 16
    "      domain: example.com\n"                                             // 17
    "      records:\n"                                                        // 18
    "        www: {distribution: site}\n"                                     // 19
    "        origin: {load_balancer: web}\n"                                  // 20
    "    internal:\n"                                                         // 21
    "      domain: internal.example.com\n"                                    // 22
    "      vpcs: [main]\n"                                                    // 23
    "      records: {api: {load_balancer: web}}\n"                            // 24
    "  certificates:\n"                                                       // 25
    "    web: {domain: example.com, alternative_names: [\"*.example.com\"]}\n"  // 26
    "edge:\n"                                                                 // 27
    "  web_acls:\n"                                                           // 28
    "    cdn: {scope: cloudfront}\n"                                          // 29
    "  distributions:\n"                                                      // 30
    "    site:\n"                                                             // 31
    "      domains: [www.example.com]\n"                                      // 32
    "      certificate: web\n"                                                // 33
    "      web_acl: cdn\n"                                                    // 34
    "      origins:\n"                                                        // 35
    "        assets: {bucket: site, path: /app}\n"                            // 36
    "        api: {load_balancer: web, domain: origin.example.com}\n"         // 37
    "      default: {origin: assets}\n"                                       // 38
    "      behaviors:\n"                                                      // 39
    "        /api/*: {origin: api, methods: all}\n"                           // 40
    "      spa: true\n";                                                      // 41

std::string cdn_replaced(std::string text, const std::string& from, const std::string& to) {
  std::size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("cdn: a distribution over a bucket and a load balancer, with its certificate, web ACL and records") {
  auto p = plan_text(std::string(kHeader) + kSite);
  CHECK(p.schema_findings().empty());
  const auto& cdn = p.stack("test-dev-cdn");
  const auto& dist = *cdn.find("SiteDistribution");
  CHECK(dist.provenance.line == 31);
  const Json& c = dist.properties["DistributionConfig"];
  CHECK(c["Aliases"] == Json::parse(R"(["www.example.com"])"));
  CHECK(c["ViewerCertificate"] == Json::parse(R"({"AcmCertificateArn": {"Fn::ImportValue": "test-dev-dns:WebCertificateRef"},
      "SslSupportMethod": "sni-only", "MinimumProtocolVersion": "TLSv1.2_2021"})"));
  CHECK(c["WebACLId"] == Json::parse(R"({"Fn::GetAtt": ["CdnWebAcl", "Arn"]})"));
  CHECK(cdn.find("CdnWebAcl")->properties["Scope"] == "CLOUDFRONT");
  REQUIRE(c["Origins"].size() == 2);
  CHECK(c["Origins"][0] == Json::parse(R"({"Id": "assets", "DomainName": "test-site-123456789012-us-east-1.s3.us-east-1.amazonaws.com",
      "OriginPath": "/app", "S3OriginConfig": {"OriginAccessIdentity": ""},
      "OriginAccessControlId": {"Fn::GetAtt": ["SiteDistributionOriginAccessControl", "Id"]}})"));
  CHECK(c["Origins"][1]["DomainName"] == "origin.example.com");
  CHECK(c["Origins"][1]["CustomOriginConfig"]["OriginProtocolPolicy"] == "https-only");
  CHECK(c["Origins"][1]["CustomOriginConfig"]["OriginSSLProtocols"] == Json::parse(R"(["TLSv1.2"])"));
  // Managed policies by id: CachingOptimized for the bucket, CachingDisabled and
  // AllViewerExceptHostHeader for the load balancer.
  CHECK(c["DefaultCacheBehavior"]["CachePolicyId"] == "658327ea-f89d-4fab-a63d-7e88639e58f6");
  CHECK_FALSE(c["DefaultCacheBehavior"].contains("OriginRequestPolicyId"));
  CHECK(c["DefaultCacheBehavior"]["ViewerProtocolPolicy"] == "redirect-to-https");
  CHECK(c["DefaultCacheBehavior"]["ResponseHeadersPolicyId"] == Json::parse(R"({"Ref": "SiteDistributionResponseHeaders"})"));
  const Json& api = c["CacheBehaviors"][0];
  CHECK(api["PathPattern"] == "/api/*");
  CHECK(api["TargetOriginId"] == "api");
  CHECK(api["CachePolicyId"] == "4135ea2d-6df8-44a3-9df3-4b5a84be39ad");
  CHECK(api["OriginRequestPolicyId"] == "b689b0a8-53d0-40ab-baf2-68738e2966ac");
  CHECK(api["AllowedMethods"].size() == 7);
  // spa: client-side routes of the bucket behavior load /index.html through a viewer-request
  // function; the API behavior keeps its own 403 and 404 answers (no distribution-wide error pages).
  CHECK_FALSE(c.contains("CustomErrorResponses"));
  CHECK(c["DefaultCacheBehavior"]["FunctionAssociations"] ==
        Json::parse(R"([{"EventType": "viewer-request", "FunctionARN": {"Fn::GetAtt": ["SiteDistributionSpaRouting", "FunctionARN"]}}])"));
  CHECK_FALSE(api.contains("FunctionAssociations"));
  const aip::cfn::Resource& spa = *cdn.find("SiteDistributionSpaRouting");
  CHECK(spa.provenance.line == 41);
  CHECK(spa.properties["FunctionConfig"]["Runtime"] == "cloudfront-js-2.0");
  CHECK(spa.properties["AutoPublish"] == true);
  CHECK(spa.properties["FunctionCode"].get<std::string>().find("if (last.indexOf('.') === -1) request.uri = '/index.html';") !=
        std::string::npos);
  const Json& headers = cdn.find("SiteDistributionResponseHeaders")->properties["ResponseHeadersPolicyConfig"];
  CHECK(headers["SecurityHeadersConfig"]["StrictTransportSecurity"]["AccessControlMaxAgeSec"] == 63072000);
  CHECK(headers["SecurityHeadersConfig"]["FrameOptions"]["FrameOption"] == "DENY");
  // Access logs: standard logging v2 into a log group of the cdn stack.
  CHECK(cdn.find("SiteDistributionLogGroup")->properties["LogGroupName"] == "/aws/cloudfront/test-site");
  CHECK(cdn.find("SiteDistributionLogSource")->properties["LogType"] == "ACCESS_LOGS");
  CHECK(cdn.find("SiteDistributionLogDelivery") != nullptr);
  // The alias records of the distribution: A and AAAA, in the cdn stack.
  const Json& www = cdn.find("PublicWwwRecord")->properties;
  CHECK(www["Name"] == "www.example.com.");
  CHECK(www["HostedZoneId"] == Json::parse(R"({"Fn::ImportValue": "test-dev-dns:PublicHostedZoneRef"})"));
  CHECK(www["AliasTarget"] == Json::parse(R"({"DNSName": {"Fn::GetAtt": ["SiteDistribution", "DomainName"]},
      "HostedZoneId": "Z2FDTNDATAQYW2", "EvaluateTargetHealth": false})"));
  CHECK(cdn.find("PublicWwwRecordIpv6")->properties["Type"] == "AAAA");
}

TEST_CASE("dns: zones and certificates in the dns stack, load balancer records in the compute stack") {
  auto p = plan_text(std::string(kHeader) + kSite);
  const auto& dns = p.stack("test-dev-dns");
  CHECK(dns.find("PublicHostedZone")->properties["Name"] == "example.com");
  CHECK_FALSE(dns.find("PublicHostedZone")->properties.contains("VPCs"));
  // Route 53 takes tags as HostedZoneTags: the platform's and aip's, like every resource.
  const Json zone_tags = p.rendered_properties("PublicHostedZone")["HostedZoneTags"];
  CHECK(zone_tags.back() == Json::parse(R"({"Key": "aip:stack", "Value": "test-dev-dns"})"));
  CHECK_FALSE(p.rendered_properties("PublicHostedZone").contains("Tags"));
  CHECK(dns.find("InternalHostedZone")->properties["VPCs"] ==
        Json::parse(R"([{"VPCId": {"Fn::ImportValue": "test-dev-network:MainVpcRef"}, "VPCRegion": "us-east-1"}])"));
  const Json& cert = dns.find("WebCertificate")->properties;
  CHECK(cert["ValidationMethod"] == "DNS");
  CHECK(cert["SubjectAlternativeNames"] == Json::parse(R"(["*.example.com"])"));
  CHECK(cert["DomainValidationOptions"] == Json::parse(R"([
      {"DomainName": "example.com", "HostedZoneId": {"Ref": "PublicHostedZone"}},
      {"DomainName": "*.example.com", "HostedZoneId": {"Ref": "PublicHostedZone"}}])"));
  const auto& compute = p.stack("test-dev-compute");
  CHECK(compute.find("WebLoadBalancerHttpsListener")->properties["Certificates"] ==
        Json::parse(R"([{"CertificateArn": {"Fn::ImportValue": "test-dev-dns:WebCertificateRef"}}])"));
  const Json& origin = compute.find("PublicOriginRecord")->properties;
  CHECK(origin["Name"] == "origin.example.com.");
  CHECK(origin["AliasTarget"]["DNSName"] == Json::parse(R"({"Fn::GetAtt": ["WebLoadBalancer", "DNSName"]})"));
  CHECK(compute.find("InternalApiRecord")->properties["HostedZoneId"] ==
        Json::parse(R"({"Fn::ImportValue": "test-dev-dns:InternalHostedZoneRef"})"));
}

TEST_CASE("cdn: the origin bucket's policy and key policy grant exactly this distribution") {
  auto p = plan_text(std::string(kHeader) + kSite);
  const auto& storage = p.stack("test-dev-storage");
  Json arn = Json::parse(R"({"Fn::Sub": ["arn:${AWS::Partition}:cloudfront::${AWS::AccountId}:distribution/${Distribution}",
      {"Distribution": {"Fn::ImportValue": "test-dev-cdn:SiteDistributionRef"}}]})");
  const Json& grant = statement(storage.find("SiteBucketPolicy")->properties["PolicyDocument"], "CloudFrontSiteAssets");
  CHECK(grant["Effect"] == "Allow");
  CHECK(grant["Principal"] == Json::parse(R"({"Service": "cloudfront.amazonaws.com"})"));
  CHECK(grant["Action"] == "s3:GetObject");
  CHECK(grant["Resource"] == Json::parse(R"({"Fn::Sub": "${SiteBucket.Arn}/app/*"})"));
  CHECK(grant["Condition"] == Json{{"StringEquals", {{"AWS:SourceArn", arn}}}});
  const Json& key = statement(storage.find("SiteBucketKey")->properties["KeyPolicy"], "CloudFrontSiteAssets");
  CHECK(key["Action"] == "kms:Decrypt");
  CHECK(key["Condition"] == Json{{"StringEquals", {{"AWS:SourceArn", arn}}}});
  // Dependencies: dns -> cdn -> storage, and nothing back (the cdn stack names the bucket by name).
  CHECK(storage.dependencies.count("test-dev-cdn") == 1);
  CHECK(p.stack("test-dev-cdn").dependencies == std::set<std::string>{"test-dev-dns"});
  CHECK(p.stack("test-dev-compute").dependencies.count("test-dev-dns") == 1);
  CHECK(p.stack("test-dev-dns").dependencies == std::set<std::string>{"test-dev-network"});
}

TEST_CASE("cdn: a platform outside us-east-1 keeps CloudFront, its web ACL and certificate in us-east-1") {
  std::string text = std::string("aip: 1\nname: test\naccounts:\n  dev: {id: \"123456789012\", region: eu-west-1}\n") +
                     cdn_replaced(cdn_replaced(kSite, "    site: {}\n", "    site: {region: us-east-1}\n"),
                              "      domain: example.com\n", "      domain: example.com\n      id: Z0123456789ABCDEFGHIJ\n");
  auto p = plan_text(text);
  CHECK(p.schema_findings().empty());
  const auto& cdn = p.stack("test-dev-us-east-1-cdn");
  CHECK(cdn.environment() == "aws://123456789012/us-east-1");
  CHECK(cdn.find("SiteDistribution") != nullptr);
  CHECK(cdn.find("CdnWebAcl") != nullptr);
  // One certificate per region that uses it, validated in the existing zone by its id.
  for (const char* stack : {"test-dev-dns", "test-dev-us-east-1-dns"}) {
    INFO(stack);
    const Json& cert = p.stack(stack).find("WebCertificate")->properties;
    CHECK(cert["DomainValidationOptions"][0]["HostedZoneId"] == "Z0123456789ABCDEFGHIJ");
  }
  CHECK(cdn.find("PublicWwwRecord")->properties["HostedZoneId"] == "Z0123456789ABCDEFGHIJ");
  CHECK_FALSE(p.has("PublicHostedZone"));
  CHECK(p.stack("test-dev-us-east-1-storage").dependencies.count("test-dev-us-east-1-cdn") == 1);
}

TEST_CASE("cdn and dns: names that are not defined, with did-you-mean, at their lines") {
  std::string base = std::string(kHeader) + kSite;
  CHECK(errors_of(cdn_replaced(kSite, "{bucket: site,", "{bucket: sites,")) ==
        "spec.yaml:36:26: origin 'assets' of distribution 'site' refers to bucket 'sites', which is not defined; did "
        "you mean 'site'?\n");
  CHECK(errors_of(cdn_replaced(kSite, "      certificate: web\n", "      certificate: webb\n")) ==
        "spec.yaml:33:20: distribution 'site' refers to certificate 'webb', which is not defined; did you mean "
        "'web'?\n");
  CHECK(errors_of(cdn_replaced(kSite, "{vpc: main, certificate: web}", "{vpc: main, certificate: wbe}")) ==
        "spec.yaml:13:35: load balancer 'web' refers to certificate 'wbe', which is not defined; did you mean "
        "'web'?\n");
  CHECK(errors_of(cdn_replaced(kSite, "www: {distribution: site}", "www: {distribution: sit}")) ==
        "spec.yaml:19:29: record 'www' of zone 'public' refers to distribution 'sit', which is not defined; did you "
        "mean 'site'?\n");
  CHECK(errors_of(cdn_replaced(kSite, "      web_acl: cdn\n", "      web_acl: cnd\n")) ==
        "spec.yaml:34:16: distribution 'site' refers to web ACL 'cnd', which is not defined; did you mean 'cdn'?\n");
  CHECK(errors_of(cdn_replaced(kSite, "{origin: api, methods: all}", "{origin: apj, methods: all}")) ==
        "spec.yaml:40:26: behavior '/api/*' of distribution 'site' refers to origin 'apj', which is not defined; did "
        "you mean 'api'?\n");
  CHECK(errors_of(cdn_replaced(kSite, "vpcs: [main]", "vpcs: [mian]")) ==
        "spec.yaml:23:14: zone 'internal' refers to VPC 'mian', which is not defined; did you mean 'main'?\n");
}

TEST_CASE("cdn and dns: placements that CloudFormation cannot wire are errors at their lines") {
  // A certificate whose name lies in no zone of the spec.
  CHECK(errors_of(cdn_replaced(kSite, "alternative_names: [\"*.example.com\"]",
                               "alternative_names: [\"*.example.com\", \"*.example.org\"]")) ==
        "spec.yaml:26:69: certificate 'web' names *.example.org, which lies in no public zone of the spec; add its "
        "zone under dns.zones (an existing one by `id`), or give the certificate `external: true` and create its "
        "validation records yourself\n");
  // ... unless it is external (then the distribution must still be covered).
  CHECK(errors_of(cdn_replaced(kSite, "alternative_names: [\"*.example.com\"]",
                           "alternative_names: [\"*.example.org\"], external: true")) ==
        "spec.yaml:32:17: certificate 'web' does not cover www.example.com; add it to the certificate's "
        "alternative_names\nspec.yaml:37:43: certificate 'web' of load balancer 'web' does not cover "
        "origin.example.com, so CloudFront could not connect over HTTPS\n");
  // A CloudFront web ACL placed outside us-east-1 by hand.
  CHECK(errors_of(cdn_replaced(kSite, "cdn: {scope: cloudfront}", "cdn: {scope: cloudfront, region: eu-west-1}")) ==
        "spec.yaml:29:38: a CloudFront web ACL always lives in us-east-1; leave out 'region'\n");
  CHECK(errors_of(cdn_replaced(kSite, "cdn: {scope: cloudfront}", "cdn: {}")) ==
        "spec.yaml:34:16: web ACL 'cdn' has scope regional; a distribution takes a web ACL with `scope: cloudfront` "
        "(in us-east-1)\n");
  // An origin bucket in another region than its distribution.
  CHECK(errors_of(cdn_replaced(kSite, "    site: {}\n", "    site: {region: eu-west-1}\n")) ==
        "spec.yaml:36:26: origin bucket 'site' is in account dev, eu-west-1, but its bucket policy must name "
        "distribution 'site' (account dev, us-east-1), and CloudFormation cannot pass the distribution's id across "
        "regions: give the bucket `region: us-east-1`\n");
  // A zone in eu-west-1 cannot validate the distribution's certificate in us-east-1.
  std::string eu = std::string("aip: 1\nname: test\naccounts:\n  dev: {id: \"123456789012\", region: eu-west-1}\n") +
                   cdn_replaced(kSite, "    site: {}\n", "    site: {region: us-east-1}\n");
  std::string messages = errors_of(eu, "");
  CHECK(messages.find("spec.yaml:26:19: certificate 'web' is needed in us-east-1 but is validated in zone 'public' "
                      "(eu-west-1); CloudFormation cannot pass the zone's id across regions: give the zone `region: "
                      "us-east-1`, or name an existing zone by `id`\n") != std::string::npos);
  CHECK(messages.find("spec.yaml:19:9: record 'www' of zone 'public' (account dev, eu-west-1) aliases distribution "
                      "'site' (account dev, us-east-1)") != std::string::npos);
  // A load balancer origin needs a domain; a record needs one target.
  CHECK(errors_of(cdn_replaced(kSite, "{load_balancer: web, domain: origin.example.com}", "{load_balancer: web}")) ==
        "spec.yaml:37:30: origin 'api' of distribution 'site' needs 'domain': a name of load balancer 'web' that its "
        "certificate covers, which CloudFront reaches over HTTPS\n");
  CHECK(errors_of(cdn_replaced(kSite, "www: {distribution: site}", "www: {distribution: site, load_balancer: web}")) ==
        "spec.yaml:19:9: record 'www' of zone 'public' needs exactly one alias target: 'load_balancer', "
        "'distribution' or 'api'\n");
  CHECK(errors_of(cdn_replaced(kSite, "      domains: [www.example.com]\n      certificate: web\n",
                           "      domains: [www.example.com]\n")) ==
        "spec.yaml:32:17: distribution 'site' answers for www.example.com and needs a 'certificate' that covers it\n");
  CHECK(errors_of(cdn_replaced(kSite, "      domain: example.com\n", "      domain: Example.com\n")) ==
        "spec.yaml:17:15: 'domain' must be a lowercase domain name such as example.com, got 'Example.com'\n");
}

TEST_CASE("dns: a REST API's custom domain with a certificate of the spec, and its alias record") {
  const std::string api =
      "functions:\n"
      "  router: {runtime: python3.12, handler: app.handler, code: {inline: x}}\n"
      "api:\n"
      "  rest_apis:\n"
      "    gw:\n"
      "      domain: api.example.com\n"
      "      certificate: web\n"
      "      routes: {GET /health: {function: router, auth: none}}\n";
  std::string text = std::string(kHeader) + cdn_replaced(kSite, "        origin: {load_balancer: web}\n",
                                                          "        origin: {load_balancer: web}\n"
                                                          "        api: {api: gw}\n") +
                     api;
  auto p = plan_text(text);
  CHECK(p.schema_findings().empty());
  const auto& stack = p.stack("test-dev-api");
  const Json& domain = stack.find("GwApiDomainName")->properties;
  CHECK(domain["DomainName"] == "api.example.com");
  CHECK(domain["SecurityPolicy"] == "TLS_1_2");
  CHECK(domain["RegionalCertificateArn"] == Json::parse(R"({"Fn::ImportValue": "test-dev-dns:WebCertificateRef"})"));
  CHECK(stack.find("GwApiDomainNameMapping")->properties["Stage"] == Json::parse(R"({"Ref": "GwApiStage"})"));
  const Json& record = stack.find("PublicApiRecord")->properties;
  CHECK(record["Name"] == "api.example.com.");
  CHECK(record["AliasTarget"]["DNSName"] == Json::parse(R"({"Fn::GetAtt": ["GwApiDomainName", "RegionalDomainName"]})"));
  // A record that is not the API's domain, an API without a domain.
  CHECK(errors_of(cdn_replaced(text, "        api: {api: gw}\n", "        apis: {api: gw}\n"), "") ==
        "spec.yaml:21:9: record 'apis' of zone 'public' is apis.example.com, but API 'gw' answers for api.example.com\n");
  CHECK(errors_of(cdn_replaced(text, "      domain: api.example.com\n      certificate: web\n", ""), "") ==
        "spec.yaml:21:20: record 'api' of zone 'public' aliases API 'gw', which has no custom 'domain'\n");
  CHECK(errors_of(cdn_replaced(text, "      certificate: web\n      routes", "      certificate: wbe\n      routes"), "") ==
        "spec.yaml:49:20: API 'gw' refers to certificate 'wbe', which is not defined; did you mean 'web'?\n");
}
