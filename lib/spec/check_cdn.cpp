// Checks of CloudFront distributions (edge.distributions) across elements and
// areas: web ACL (scope cloudfront), certificate (us-east-1, covering every
// domain), origins (buckets of the distribution's account in us-east-1,
// internet-facing load balancers by a domain their certificate covers) and
// behaviors.
#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "base/did_you_mean.hpp"
#include "spec/dns_placement.hpp"
#include "spec/load.hpp"

namespace aip::spec {
namespace check_cdn_area {

void check_web_acl_ref(const Spec& spec, const Distribution& d, const Placement& here, Diagnostics& diags) {
  if (d.web_acl.value.empty()) return;
  const WebAcl* acl = spec.edge.find_web_acl(d.web_acl.value);
  if (acl == nullptr) {
    diags.error(d.web_acl.location, fmt::format("distribution '{}' refers to web ACL '{}', which is not defined{}",
                                                d.name, d.web_acl.value,
                                                did_you_mean(d.web_acl.value, names_of(spec.edge.web_acls))));
    return;
  }
  if (!acl->cloudfront()) {
    Diagnostic& e = diags.error(d.web_acl.location, fmt::format("web ACL '{}' has scope regional; a distribution "
                                                                "takes a web ACL with `scope: cloudfront` (in "
                                                                "us-east-1)",
                                                                acl->name));
    e.notes.push_back({Severity::note, acl->location, "web ACL declared here", {}});
    return;
  }
  Placement there = place(spec, acl->account, {});
  if (there.known() && here.known() && there.account != here.account) {
    diags.error(d.web_acl.location, fmt::format("distribution '{}' (account {}) cannot use web ACL '{}' of account {}",
                                                d.name, here.account->name, acl->name, there.account->name));
  }
}

void check_certificate_ref(const Spec& spec, const Distribution& d, const Placement& here, Diagnostics& diags) {
  if (d.certificate.value.empty()) {
    if (!d.domains.empty()) {
      diags.error(d.domains.front().location, fmt::format("distribution '{}' answers for {} and needs a "
                                                          "'certificate' that covers it",
                                                          d.name, d.domains.front().value));
    }
    return;
  }
  if (is_certificate_arn(d.certificate.value)) {
    std::string region = certificate_arn_region(d.certificate.value);
    if (region != kCloudFrontRegion) {
      diags.error(d.certificate.location, fmt::format("CloudFront takes certificates from us-east-1 only; certificate "
                                                      "of distribution '{}' is in {}",
                                                      d.name, region));
    }
    return;
  }
  const Certificate* c = spec.dns.find_certificate(d.certificate.value);
  if (c == nullptr) {
    diags.error(d.certificate.location, fmt::format("distribution '{}' refers to certificate '{}', which is not "
                                                    "defined{}",
                                                    d.name, d.certificate.value,
                                                    did_you_mean(d.certificate.value, names_of(spec.dns.certificates))));
    return;
  }
  Placement cp = place(spec, c->account, {});
  if (cp.known() && here.known() && cp.account != here.account) {
    diags.error(d.certificate.location, fmt::format("distribution '{}' (account {}) cannot use certificate '{}' of "
                                                    "account {}",
                                                    d.name, here.account->name, c->name, cp.account->name));
  }
  for (const auto& domain : d.domains) {
    bool covered = certificate_covers(c->domain.value, domain.value);
    for (const auto& n : c->alternative_names) covered = covered || certificate_covers(n.value, domain.value);
    if (!covered) {
      Diagnostic& e = diags.error(domain.location, fmt::format("certificate '{}' does not cover {}; add it to the "
                                                               "certificate's alternative_names",
                                                               c->name, domain.value));
      e.notes.push_back({Severity::note, c->location, "certificate declared here", {}});
    }
  }
}

void check_origin(const Spec& spec, const Distribution& d, const CdnOrigin& o, const Placement& here,
                  Diagnostics& diags) {
  if (!o.bucket.value.empty()) {
    const Bucket* b = spec.storage.find(o.bucket.value);
    if (b == nullptr) {
      diags.error(o.bucket.location, fmt::format("origin '{}' of distribution '{}' refers to bucket '{}', which is "
                                                 "not defined{}",
                                                 o.name, d.name, o.bucket.value,
                                                 did_you_mean(o.bucket.value, names_of(spec.storage.buckets))));
      return;
    }
    if (b->existing()) {
      diags.error(o.bucket.location, fmt::format("origin '{}' of distribution '{}' is bucket '{}', which is existing: "
                                                 "CloudFront reads it only through a bucket policy that aip would "
                                                 "have to write, and that policy belongs to the bucket's owner",
                                                 o.name, d.name, b->name));
      return;
    }
    Placement bp = bucket_placement(spec, *b);
    if (!bp.known() || !here.known()) return;
    if (bp.account != here.account || bp.region != kCloudFrontRegion) {
      Diagnostic& e = diags.error(
          o.bucket.location,
          fmt::format("origin bucket '{}' is in {}, but its bucket policy must name distribution '{}' ({}), and "
                      "CloudFormation cannot pass the distribution's id across {}: {}",
                      b->name, bp.str(), d.name, here.str(), bp.account != here.account ? "accounts" : "regions",
                      bp.account != here.account ? "give the distribution the bucket's account"
                                                 : "give the bucket `region: us-east-1`"));
      e.notes.push_back({Severity::note, b->location, "bucket declared here", {}});
    }
    return;
  }
  if (o.load_balancer.value.empty()) return;
  const LoadBalancer* lb = spec.compute.find_load_balancer(o.load_balancer.value);
  if (lb == nullptr) {
    diags.error(o.load_balancer.location,
                fmt::format("origin '{}' of distribution '{}' refers to load balancer '{}', which is not defined{}",
                            o.name, d.name, o.load_balancer.value,
                            did_you_mean(o.load_balancer.value, names_of(spec.compute.load_balancers))));
    return;
  }
  if (lb->internal.value) {
    diags.error(o.load_balancer.location, fmt::format("load balancer '{}' is internal; CloudFront reaches only "
                                                      "internet-facing load balancers",
                                                      lb->name));
    return;
  }
  if (o.domain.value.empty()) {
    diags.error(o.load_balancer.location, fmt::format("origin '{}' of distribution '{}' needs 'domain': a name of "
                                                      "load balancer '{}' that its certificate covers, which "
                                                      "CloudFront reaches over HTTPS",
                                                      o.name, d.name, lb->name));
    return;
  }
  if (const Certificate* c = spec.dns.find_certificate(lb->certificate.value)) {
    bool covered = certificate_covers(c->domain.value, o.domain.value);
    for (const auto& n : c->alternative_names) covered = covered || certificate_covers(n.value, o.domain.value);
    if (!covered) {
      Diagnostic& e = diags.error(o.domain.location, fmt::format("certificate '{}' of load balancer '{}' does not "
                                                                 "cover {}, so CloudFront could not connect over "
                                                                 "HTTPS",
                                                                 c->name, lb->name, o.domain.value));
      e.notes.push_back({Severity::note, c->location, "certificate declared here", {}});
    }
  }
}

void check_behavior(const Distribution& d, const CdnBehavior& b, Diagnostics& diags) {
  if (b.origin.value.empty() || d.find_origin(b.origin.value) != nullptr) return;
  diags.error(b.origin.location, fmt::format("behavior {} of distribution '{}' refers to origin '{}', which is not "
                                             "defined{}",
                                             b.path.empty() ? std::string("default") : "'" + b.path + "'", d.name,
                                             b.origin.value, did_you_mean(b.origin.value, names_of(d.origins))));
}

// A raw `resources:` web ACL with Scope CLOUDFRONT placed outside us-east-1 by hand.
void check_raw_cloudfront_acls(const Spec& spec, Diagnostics& diags) {
  for (const RawResource& r : spec.resources) {
    if (r.type.value != "AWS::WAFv2::WebACL" || !r.has_properties) continue;
    const YamlNode* scope = r.properties.find("Scope");
    if (scope == nullptr || !scope->is_scalar() || scope->scalar != "CLOUDFRONT") continue;
    Placement p = place(spec, r.account, r.region);
    if (!p.known() || p.region == kCloudFrontRegion) continue;
    diags.error(r.region.location.valid() ? r.region.location : scope->location,
                fmt::format("resource '{}' is a web ACL with Scope CLOUDFRONT, which CloudFormation creates only in "
                            "us-east-1, but it would be placed in {}; give it `region: us-east-1` (or use "
                            "edge.web_acls with `scope: cloudfront`)",
                            r.name, p.region));
  }
}

}  // namespace check_cdn_area

void check_cdn(const Spec& spec, Diagnostics& diags) {
  using namespace check_cdn_area;
  check_raw_cloudfront_acls(spec, diags);
  std::map<std::string, const Located<std::string>*> domains;
  for (const Distribution& d : spec.edge.distributions) {
    place(spec, d.account, {}, fmt::format("distribution '{}'", d.name), d.location, diags);
    // "<platform>-<name>-access" names the log delivery source (at most 60 characters).
    std::string full = spec.name.value + "-" + d.name;
    if (full.size() > 53) {
      diags.error(d.location, fmt::format("distribution '{}' makes the name '{}', longer than the 53 characters "
                                          "CloudFront's log delivery and origin access control names allow; use a "
                                          "shorter name",
                                          d.name, full));
    }
    Placement here = distribution_placement(spec, d);
    check_web_acl_ref(spec, d, here, diags);
    check_certificate_ref(spec, d, here, diags);
    for (const CdnOrigin& o : d.origins) check_origin(spec, d, o, here, diags);
    check_behavior(d, d.default_behavior, diags);
    for (const CdnBehavior& b : d.behaviors) check_behavior(d, b, diags);
    for (const auto& domain : d.domains) {
      auto [it, inserted] = domains.emplace(domain.value, &domain);
      if (!inserted) {
        Diagnostic& e = diags.error(domain.location, fmt::format("domain {} is already an alias of another "
                                                                 "distribution; CloudFront allows one",
                                                                 domain.value));
        e.notes.push_back({Severity::note, it->second->location, "first used here", {}});
      }
    }
  }
}

}  // namespace aip::spec
