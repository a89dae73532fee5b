// The `edge:` area of the spec: WAF web ACLs in front of load balancers (or
// CloudFront), with AWS managed rules, a rate limit, geo lists, a body size
// limit and logging.
#pragma once

#include <string>
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

struct Edge {
  Location location;  // where `edge:` was written; invalid when absent
  std::vector<WebAcl> web_acls;
};

// AWS managed rule groups by their short names in the spec.
struct ManagedRuleGroup {
  const char* short_name;
  const char* aws_name;
};
const std::vector<ManagedRuleGroup>& managed_rule_groups();

}  // namespace aip::spec
