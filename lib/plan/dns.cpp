// The `dns:` area rendered: Route 53 hosted zones (private ones associated
// with their VPCs) and ACM certificates validated through DNS in the dns stack
// of their account and region; alias records in the stack of their target
// (load balancer: compute; distribution: cdn), so that no stack both exports a
// certificate to and imports from the stack of its load balancer.
#include <fmt/format.h>

#include "cfn/intrinsics.hpp"
#include "plan/names.hpp"
#include "plan/plan.hpp"
#include "plan/resource_helpers.hpp"
#include "spec/dns_placement.hpp"

namespace aip::plan {
namespace plan_dns_area {

using cfn::Json;
namespace fn = cfn::intrinsic;

// CloudFront's alias hosted zone (the same for every distribution).
constexpr const char* kCloudFrontZoneId = "Z2FDTNDATAQYW2";

cfn::Stack& dns_stack(const spec::Spec& spec, cfn::Assembly& assembly, const spec::Placement& p) {
  return stack_for(assembly, spec, kLayerDns, *p.account, p.region);
}

// The zone's id as `from` sees it: the existing id, or a reference to the zone.
Json zone_id_from(const spec::Spec& spec, cfn::Assembly& assembly, cfn::Stack& from, const spec::HostedZone& z) {
  if (z.existing()) return z.id.value;
  return assembly.ref(from, dns_stack(spec, assembly, spec::zone_placement(spec, z)), hosted_zone_id(z.name));
}

void plan_zone(const spec::Spec& spec, cfn::Assembly& assembly, const spec::HostedZone& z) {
  spec::Placement p = spec::zone_placement(spec, z);
  if (z.existing() && !p.known()) return;
  cfn::Stack& stack = dns_stack(spec, assembly, p);
  if (z.existing()) {  // renders nothing: a reference to it (raw resources) is its id
    stack.existing[hosted_zone_id(z.name)] = z.id.value;
    stack.existing_attributes[{hosted_zone_id(z.name), "Id"}] = z.id.value;
    return;
  }
  Json props = {{"Name", z.domain.value},
                {"HostedZoneConfig", {{"Comment", fmt::format("{} zone {} of platform {}", z.is_private() ? "Private" : "Public",
                                                              z.name, spec.name.value)}}}};
  if (z.is_private()) {
    Json vpcs = Json::array();
    for (const auto& v : z.vpcs) {
      const spec::Vpc& vpc = *spec.find_vpc(v.value);
      vpcs.push_back({{"VPCId", assembly.ref(stack, vpc_stack(spec, assembly, vpc), vpc_logical_id(vpc))},
                      {"VPCRegion", p.region}});
    }
    props["VPCs"] = vpcs;
  }
  add_resource(stack, hosted_zone_id(z.name), "AWS::Route53::HostedZone", std::move(props), z.location, z.tags);
}

void plan_certificate(const spec::Spec& spec, cfn::Assembly& assembly, const spec::Certificate& c) {
  for (const spec::Placement& p : spec::certificate_placements(spec, c)) {
    cfn::Stack& stack = dns_stack(spec, assembly, p);
    Json props = {{"DomainName", c.domain.value}, {"ValidationMethod", "DNS"}};
    if (!c.alternative_names.empty()) {
      Json names = Json::array();
      for (const auto& n : c.alternative_names) names.push_back(n.value);
      props["SubjectAlternativeNames"] = names;
    }
    if (!c.external.value) {
      // CloudFormation writes the validation records into the zone of each name.
      Json options = Json::array();
      auto option = [&](const std::string& name) {
        const spec::HostedZone* z = spec.dns.validating_zone(c, name);
        if (z == nullptr) return;  // check_dns reported it
        options.push_back({{"DomainName", name}, {"HostedZoneId", zone_id_from(spec, assembly, stack, *z)}});
      };
      option(c.domain.value);
      for (const auto& n : c.alternative_names) option(n.value);
      props["DomainValidationOptions"] = options;
    }
    add_resource(stack, certificate_id(c.name), "AWS::CertificateManager::Certificate", std::move(props), c.location,
                 c.tags);
  }
}

std::string record_suffix(const std::string& name) {
  if (name == "@") return "Apex";
  std::string out;
  for (char ch : name) out += ch == '*' ? std::string("wildcard") : std::string(1, ch == '.' ? '-' : ch);
  return cfn::pascal_case(out);
}

void plan_record(const spec::Spec& spec, cfn::Assembly& assembly, const spec::HostedZone& z, const spec::DnsRecord& r) {
  const std::string id = cfn::pascal_case(z.name) + record_suffix(r.name) + "Record";
  const std::string name = z.fqdn(r) + ".";
  if (!r.load_balancer.value.empty()) {
    const spec::LoadBalancer& lb = *spec.compute.find_load_balancer(r.load_balancer.value);
    spec::Placement p = spec::load_balancer_placement(spec, lb);
    cfn::Stack& stack = stack_for(assembly, spec, kLayerCompute, *p.account, p.region);
    const std::string target = load_balancer_id(lb.name);
    add_resource(stack, id, "AWS::Route53::RecordSet",
                 {{"HostedZoneId", zone_id_from(spec, assembly, stack, z)},
                  {"Name", name},
                  {"Type", "A"},
                  {"AliasTarget",
                   {{"DNSName", fn::get_att(target, "DNSName")},
                    {"HostedZoneId", fn::get_att(target, "CanonicalHostedZoneID")},
                    {"EvaluateTargetHealth", true}}}},
                 r.location);
    return;
  }
  if (!r.api.value.empty()) {
    const spec::RestApi& api = *spec.api.find(r.api.value);
    spec::Placement p = spec::api_placement(spec, api);
    cfn::Stack& stack = stack_for(assembly, spec, kLayerApi, *p.account, p.region);
    const std::string target = rest_api_id(api.name) + "DomainName";
    add_resource(stack, id, "AWS::Route53::RecordSet",
                 {{"HostedZoneId", zone_id_from(spec, assembly, stack, z)},
                  {"Name", name},
                  {"Type", "A"},
                  {"AliasTarget",
                   {{"DNSName", fn::get_att(target, "RegionalDomainName")},
                    {"HostedZoneId", fn::get_att(target, "RegionalHostedZoneId")},
                    {"EvaluateTargetHealth", false}}}},
                 r.location);
    return;
  }
  const spec::Distribution& d = *spec.edge.find_distribution(r.distribution.value);
  spec::Placement p = spec::distribution_placement(spec, d);
  cfn::Stack& stack = stack_for(assembly, spec, kLayerCdn, *p.account, p.region);
  const std::string target = distribution_id(d.name);
  // Distributions answer over IPv4 and IPv6 (IPV6Enabled): A and AAAA.
  for (const char* type : {"A", "AAAA"}) {
    add_resource(stack, id + (std::string(type) == "A" ? "" : "Ipv6"), "AWS::Route53::RecordSet",
                 {{"HostedZoneId", zone_id_from(spec, assembly, stack, z)},
                  {"Name", name},
                  {"Type", type},
                  {"AliasTarget",
                   {{"DNSName", fn::get_att(target, "DomainName")},
                    {"HostedZoneId", kCloudFrontZoneId},
                    {"EvaluateTargetHealth", false}}}},
                 r.location);
  }
}

// A REST API's custom domain (regional, TLS 1.2) and its mapping to the stage, in the API's stack.
void plan_api_domain(const spec::Spec& spec, cfn::Assembly& assembly, const spec::RestApi& api) {
  spec::Placement p = spec::api_placement(spec, api);
  cfn::Stack& stack = stack_for(assembly, spec, kLayerApi, *p.account, p.region);
  const std::string id = rest_api_id(api.name) + "DomainName";
  Json certificate = api.certificate.value;
  if (!spec::is_certificate_arn(api.certificate.value)) {
    certificate = assembly.ref(stack, dns_stack(spec, assembly, p), certificate_id(api.certificate.value));
  }
  add_resource(stack, id, "AWS::ApiGateway::DomainName",
               {{"DomainName", api.domain.value},
                {"RegionalCertificateArn", certificate},
                {"EndpointConfiguration", {{"Types", Json::array({"REGIONAL"})}}},
                {"SecurityPolicy", "TLS_1_2"}},
               api.domain.location, api.tags);
  add_resource(stack, id + "Mapping", "AWS::ApiGateway::BasePathMapping",
               {{"DomainName", fn::ref(id)},
                {"RestApiId", fn::ref(rest_api_id(api.name))},
                {"Stage", fn::ref(api_stage_id(api.name))}},
               api.domain.location);
}

}  // namespace plan_dns_area

void plan_dns(const spec::Spec& spec, cfn::Assembly& assembly) {
  for (const spec::HostedZone& z : spec.dns.zones) plan_dns_area::plan_zone(spec, assembly, z);
  for (const spec::Certificate& c : spec.dns.certificates) plan_dns_area::plan_certificate(spec, assembly, c);
}

void plan_dns_records(const spec::Spec& spec, cfn::Assembly& assembly) {
  for (const spec::RestApi& api : spec.api.rest_apis) {
    if (!api.domain.value.empty()) plan_dns_area::plan_api_domain(spec, assembly, api);
  }
  for (const spec::HostedZone& z : spec.dns.zones) {
    for (const spec::DnsRecord& r : z.records) plan_dns_area::plan_record(spec, assembly, z, r);
  }
}

}  // namespace aip::plan
