// CloudFront distributions of the `edge:` area (`edge.distributions`): origins,
// behaviors with managed policies by name, domains, certificate, web ACL and
// logging, read (checks: check_cdn.cpp).
#include <fmt/format.h>

#include "base/pattern.hpp"
#include "spec/field_reader.hpp"
#include "spec/load.hpp"

namespace aip::spec {

const std::vector<ManagedPolicy>& managed_cache_policies() {
  static const std::vector<ManagedPolicy> policies = {
      {"CachingOptimized", "658327ea-f89d-4fab-a63d-7e88639e58f6"},
      {"CachingDisabled", "4135ea2d-6df8-44a3-9df3-4b5a84be39ad"},
      {"CachingOptimizedForUncompressedObjects", "b2884449-e4de-46a7-ac36-70bc7f1ddd6d"},
      {"UseOriginCacheControlHeaders", "83da9c7e-98b4-4e11-a168-04f0df8e2c65"},
      {"UseOriginCacheControlHeaders-QueryStrings", "4cc15a8a-d715-48a4-82b8-cc0b614638fe"},
  };
  return policies;
}

const std::vector<ManagedPolicy>& managed_origin_request_policies() {
  static const std::vector<ManagedPolicy> policies = {
      {"AllViewer", "216adef6-5c7f-47e4-b989-5492eafa07d3"},
      {"AllViewerExceptHostHeader", "b689b0a8-53d0-40ab-baf2-68738e2966ac"},
      {"AllViewerAndCloudFrontHeaders-2022-06", "33f36d7e-f396-46d9-90e0-52428a34d9dc"},
      {"CORS-S3Origin", "88a5eaf4-2fd4-4709-b370-b4c650ea3fcf"},
      {"CORS-CustomOrigin", "59781a5b-3903-41f3-afcb-af62929ccde1"},
      {"UserAgentRefererHeaders", "acba4595-bd28-49b8-b9fe-13317c0390fa"},
  };
  return policies;
}

namespace read_cdn_area {

std::vector<std::string> names_of_policies(const std::vector<ManagedPolicy>& policies) {
  std::vector<std::string> out;
  for (const ManagedPolicy& p : policies) out.emplace_back(p.name);
  return out;
}

void read_behavior(Fields& f, CdnBehavior& b) {
  f.text("origin", b.origin);
  f.choice("cache", names_of_policies(managed_cache_policies()), b.cache);
  f.choice("origin_request", names_of_policies(managed_origin_request_policies()), b.origin_request);
  f.choice("methods", {"read", "all"}, b.methods);
}

void read_origin(const YamlNode& key, const YamlNode& value, Distribution& d, Diagnostics& diags) {
  if (!check_name(key, "origin", diags)) return;
  CdnOrigin o;
  o.name = key.scalar;
  o.location = key.location;
  Fields f(value, fmt::format("origin '{}' of distribution '{}'", o.name, d.name), diags, key.location);
  if (!f.ok()) return;
  f.text("bucket", o.bucket);
  f.text("load_balancer", o.load_balancer);
  static const Pattern domain("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+");
  f.text("domain", domain, "'domain' must be a lowercase domain name such as origin.example.com, got '{}'", o.domain);
  static const Pattern path("(/[A-Za-z0-9._~!$&'()*+,;=:@%-]+)+");
  f.text("path", path, "'path' must start with '/' and must not end with '/', such as /site, got '{}'", o.path);
  if (!o.bucket.value.empty() && (!o.load_balancer.value.empty() || !o.domain.value.empty())) {
    diags.error(key.location, fmt::format("origin '{}' of distribution '{}' is a bucket: leave out 'load_balancer' and "
                                          "'domain'",
                                          o.name, d.name));
    return;
  }
  if (o.bucket.value.empty() && o.domain.value.empty() && o.load_balancer.value.empty()) {
    diags.error(key.location, fmt::format("origin '{}' of distribution '{}' needs 'bucket', 'load_balancer' (with "
                                          "'domain') or 'domain'",
                                          o.name, d.name));
    return;
  }
  d.origins.push_back(std::move(o));
}

void read_behaviors(const YamlNode& n, Distribution& d, Diagnostics& diags) {
  if (!n.is_map()) {
    diags.error(n.location, fmt::format("'behaviors' must map path patterns such as /api/* to behaviors, got {}",
                                        n.describe()));
    return;
  }
  static const Pattern pattern("/?[A-Za-z0-9_.~!$&'()*+,;=:@%/?-]{1,255}");
  for (const auto& [k, v] : n.entries) {
    if (!k.is_scalar() || !pattern.matches(k.scalar)) {
      diags.error(k.location, fmt::format("behavior {} must be a path pattern such as /api/*", k.describe()));
      continue;
    }
    CdnBehavior b;
    b.path = k.scalar;
    b.location = k.location;
    Fields f(v, fmt::format("behavior '{}' of distribution '{}'", b.path, d.name), diags, k.location);
    if (!f.ok()) continue;
    read_behavior(f, b);
    if (b.origin.value.empty()) {
      diags.error(k.location, fmt::format("behavior '{}' of distribution '{}' needs 'origin'", b.path, d.name));
      continue;
    }
    d.behaviors.push_back(std::move(b));
  }
}

}  // namespace read_cdn_area

void read_distribution(const YamlNode& key, const YamlNode& value, Spec& spec, Diagnostics& diags) {
  using namespace read_cdn_area;
  if (!check_name(key, "distribution", diags)) return;
  Distribution d;
  d.name = key.scalar;
  d.location = key.location;
  Fields f(value, fmt::format("distribution '{}'", d.name), diags, key.location);
  if (!f.ok()) return;
  f.text("account", d.account);
  static const Pattern host("(\\*\\.)?[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+");
  f.strings("domains", host, "'domains' must be lowercase domain names such as www.example.com, got '{}'", d.domains);
  f.text("certificate", d.certificate);
  f.text("web_acl", d.web_acl);
  read_named(f, "origins", "origin", diags,
             [&](const YamlNode& k, const YamlNode& v) { read_origin(k, v, d, diags); });
  if (const YamlNode* n = f.optional("default")) {
    d.default_behavior.location = n->location;
    Fields b(*n, fmt::format("default behavior of distribution '{}'", d.name), diags);
    if (b.ok()) read_behavior(b, d.default_behavior);
  }
  if (const YamlNode* n = f.optional("behaviors")) read_behaviors(*n, d, diags);
  static const Pattern object("[A-Za-z0-9._-][A-Za-z0-9._/-]{0,254}");
  f.text("root_object", object, "'root_object' must be an object key such as index.html, got '{}'", d.root_object);
  f.flag("spa", d.spa);
  f.choice("price_class", {"100", "200", "all"}, d.price_class);
  if (const YamlNode* n = f.optional("logging")) {
    // `logging: false`, or `logging: {retention_days: N}`.
    if (n->is_scalar()) {
      if (auto on = read_bool(*n, "logging", diags)) d.logging = located(*on, *n);
    } else {
      Fields l(*n, fmt::format("logging of distribution '{}'", d.name), diags);
      if (l.ok()) {
        d.logging.location = n->location;
        l.log_retention("retention_days", d.log_retention_days);
      }
    }
  }
  f.text("content_security_policy", d.content_security_policy);
  f.tags(d.tags);
  if (d.origins.empty() && value.find("origins") == nullptr) {
    diags.error(key.location, fmt::format("distribution '{}' needs 'origins'", d.name));
  }
  if (d.default_behavior.origin.value.empty() && d.origins.size() == 1) {
    d.default_behavior.origin = {d.origins.front().name, d.default_behavior.location.valid()
                                                             ? d.default_behavior.location
                                                             : d.origins.front().location};
  } else if (d.default_behavior.origin.value.empty() && d.origins.size() > 1) {
    diags.error(d.default_behavior.location.valid() ? d.default_behavior.location : key.location,
                fmt::format("distribution '{}' has {} origins: name the default one with `default: {{origin: "
                            "NAME}}`",
                            d.name, d.origins.size()));
  }
  if (d.default_behavior.location.valid() == false) d.default_behavior.location = key.location;
  spec.edge.distributions.push_back(std::move(d));
}

}  // namespace aip::spec
