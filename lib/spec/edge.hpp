// The `edge:` area of the spec: WAF web ACLs in front of load balancers (or
// CloudFront), with AWS managed rules, a rate limit, geo lists, a body size
// limit and logging.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "spec/located.hpp"

namespace aip::spec {

struct WafLogging {
  bool enabled = true;
  Location location;
  Located<std::string> log_group;               // empty: aws-waf-logs-<platform>-<acl>
  Located<int> retention_days{365, {}};
  Located<std::string> requests{"all", {}};     // all | blocked
  std::vector<Located<std::string>> redact_headers;  // default authorization, cookie
  bool redact_written = false;
};

struct WebAcl {
  std::string name;
  Location location;
  Located<std::string> account;
  Located<std::string> region;                  // regional ACLs; cloudfront ones live in us-east-1
  Located<std::string> scope{"regional", {}};   // regional | cloudfront
  Located<std::string> default_action{"allow", {}};  // allow | block
  std::vector<Located<std::string>> managed_rules;   // short names: common, known-bad-inputs, ...
  Located<int> rate_limit{2000, {}};            // requests per IP per 5 minutes; 0: off
  std::vector<Located<std::string>> geo_allow;  // ISO 3166 alpha-2 country codes
  std::vector<Located<std::string>> geo_block;
  Location geo_location;
  Located<int> max_body_kb{0, {}};              // 0: no body size rule
  WafLogging logging;
  std::vector<Located<std::string>> load_balancers;  // names of compute load balancers
  std::vector<Located<std::string>> apis;            // names of REST APIs: their stage
  Tags tags;

  bool cloudfront() const { return scope.value == "cloudfront"; }
};

// A CloudFront distribution's origin: a storage bucket (through origin access
// control), a load balancer reached by a domain name its certificate covers,
// or any HTTPS domain.
struct CdnOrigin {
  std::string name;
  Location location;
  Located<std::string> bucket;
  Located<std::string> load_balancer;
  Located<std::string> domain;
  Located<std::string> path;  // OriginPath, "/site"; empty: none
};

// A cache behavior: the origin, managed cache and origin request policies by name.
struct CdnBehavior {
  std::string path;  // "/api/*"; empty for the default behavior
  Location location;
  Located<std::string> origin;
  Located<std::string> cache;           // empty: by origin kind (CachingOptimized / CachingDisabled)
  Located<std::string> origin_request;  // empty: by origin kind (none / AllViewerExceptHostHeader)
  Located<std::string> methods{"read", {}};  // read (GET, HEAD, OPTIONS) | all
};

struct Distribution {
  std::string name;
  Location location;
  Located<std::string> account;
  std::vector<Located<std::string>> domains;  // aliases
  Located<std::string> certificate;           // a dns certificate, or an ACM ARN in us-east-1
  Located<std::string> web_acl;               // an edge web ACL with scope cloudfront
  std::vector<CdnOrigin> origins;
  CdnBehavior default_behavior;
  std::vector<CdnBehavior> behaviors;
  Located<std::string> root_object{"index.html", {}};
  Located<bool> spa{false, {}};               // 403 and 404 answer /index.html (single-page apps)
  Located<std::string> price_class{"100", {}};  // 100 | 200 | all
  Located<bool> logging{true, {}};            // access logs to CloudWatch Logs
  Located<int> log_retention_days{365, {}};
  Located<std::string> content_security_policy;
  Tags tags;

  const CdnOrigin* find_origin(std::string_view n) const {
    for (const CdnOrigin& o : origins) {
      if (o.name == n) return &o;
    }
    return nullptr;
  }
};

struct Edge {
  Location location;  // where `edge:` was written; invalid when absent
  std::vector<WebAcl> web_acls;
  std::vector<Distribution> distributions;

  const WebAcl* find_web_acl(std::string_view n) const {
    for (const WebAcl& a : web_acls) {
      if (a.name == n) return &a;
    }
    return nullptr;
  }
  const Distribution* find_distribution(std::string_view n) const {
    for (const Distribution& d : distributions) {
      if (d.name == n) return &d;
    }
    return nullptr;
  }
};

// AWS managed CloudFront policies by name: cache and origin request.
struct ManagedPolicy {
  const char* name;
  const char* id;
};
const std::vector<ManagedPolicy>& managed_cache_policies();
const std::vector<ManagedPolicy>& managed_origin_request_policies();

// AWS managed rule groups by their short names in the spec.
struct ManagedRuleGroup {
  const char* short_name;
  const char* aws_name;
};
const std::vector<ManagedRuleGroup>& managed_rule_groups();

}  // namespace aip::spec
