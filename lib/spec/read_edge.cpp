// The `edge:` area: WAF web ACLs (managed rule groups, rate limit, geo lists,
// body size limit, logging, load balancer association), read (checks: check_edge.cpp).
#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "base/did_you_mean.hpp"
#include "base/pattern.hpp"
#include "spec/field_reader.hpp"
#include "spec/load.hpp"
#include "spec/tables.hpp"
#include "spec/placement.hpp"
#include "spec/regions.hpp"

namespace aip::spec {

const std::vector<ManagedRuleGroup>& managed_rule_groups() {
  static const std::vector<ManagedRuleGroup> groups = {
      {"common", "AWSManagedRulesCommonRuleSet"},
      {"known-bad-inputs", "AWSManagedRulesKnownBadInputsRuleSet"},
      {"ip-reputation", "AWSManagedRulesAmazonIpReputationList"},
      {"anonymous-ip", "AWSManagedRulesAnonymousIpList"},
      {"sqli", "AWSManagedRulesSQLiRuleSet"},
      {"linux", "AWSManagedRulesLinuxRuleSet"},
      {"unix", "AWSManagedRulesUnixRuleSet"},
      {"windows", "AWSManagedRulesWindowsRuleSet"},
      {"php", "AWSManagedRulesPHPRuleSet"},
      {"wordpress", "AWSManagedRulesWordPressRuleSet"},
      {"admin-protection", "AWSManagedRulesAdminProtectionRuleSet"},
  };
  return groups;
}

namespace {


std::vector<std::string> managed_short_names() {
  std::vector<std::string> out;
  for (const ManagedRuleGroup& g : managed_rule_groups()) out.emplace_back(g.short_name);
  return out;
}

std::vector<Located<std::string>> read_countries(const YamlNode& n, std::string_view key, Diagnostics& diags) {
  static const Pattern code("[A-Z]{2}");
  std::vector<Located<std::string>> out;
  for (const YamlNode* item : read_list(n, key, diags)) {
    auto s = read_string(*item, key, diags);
    if (!s) continue;
    if (!code.matches(*s)) {
      diags.error(item->location, fmt::format("'{}' must list two-letter country codes (ISO 3166) such as US or DE, "
                                              "got '{}'",
                                              key, *s));
    } else {
      out.push_back(located(*s, *item));
    }
  }
  if (out.empty() && n.is_sequence() && n.items.empty()) {
    diags.error(n.location, fmt::format("'{}' needs at least one country code", key));
  }
  return out;
}

void read_geo(const YamlNode& n, WebAcl& acl, Diagnostics& diags) {
  acl.geo_location = n.location;
  Fields f(n, fmt::format("geo of web ACL '{}'", acl.name), diags);
  if (!f.ok()) return;
  // Explicit: exactly one of `allow` and `block`.
  const YamlNode* allow = f.optional("allow");
  const YamlNode* block = f.optional("block");
  if (allow != nullptr && block != nullptr) {
    diags.error(block->location, "give either 'allow' or 'block' countries, not both");
    return;
  }
  if (allow == nullptr && block == nullptr) {
    diags.error(n.location, "'geo' needs 'allow' or 'block' with a list of country codes");
    return;
  }
  if (allow != nullptr) acl.geo_allow = read_countries(*allow, "allow", diags);
  if (block != nullptr) acl.geo_block = read_countries(*block, "block", diags);
}

void read_logging(const YamlNode& n, WebAcl& acl, Diagnostics& diags) {
  WafLogging& log = acl.logging;
  log.location = n.location;
  if (n.is_scalar()) {
    if (auto on = read_bool(n, "logging", diags)) log.enabled = *on;
    return;
  }
  Fields f(n, fmt::format("logging of web ACL '{}'", acl.name), diags);
  if (!f.ok()) return;
  Located<std::string> group;
  if (f.text("log_group", group)) {
    static const Pattern shape("aws-waf-logs-[A-Za-z0-9._/#-]{1,499}");
    if (group.value.rfind("aws-waf-logs-", 0) != 0) {
      diags.error(group.location, fmt::format("WAF logs only to log groups whose name starts with 'aws-waf-logs-', "
                                              "got '{}'",
                                              group.value));
    } else if (!shape.matches(group.value)) {
      diags.error(group.location, fmt::format("'log_group' may use only letters, digits and ._/#- after "
                                              "'aws-waf-logs-', got '{}'",
                                              group.value));
    } else {
      log.log_group = group;
    }
  }
  f.log_retention("retention_days", log.retention_days);
  f.choice("requests", {"all", "blocked"}, log.requests);
  log.redact_written =
      f.strings("redact_headers", http_header_name(), "'{}' is not an HTTP header name", log.redact_headers);
}

void read_web_acl(const YamlNode& key, const YamlNode& value, Spec& spec, Diagnostics& diags) {
  if (!check_name(key, "web ACL", diags)) return;
  WebAcl acl;
  acl.name = key.scalar;
  acl.location = key.location;
  Fields f(value, fmt::format("web ACL '{}'", acl.name), diags, key.location);
  if (!f.ok()) return;
  f.text("account", acl.account);
  f.choice("scope", {"regional", "cloudfront"}, acl.scope);
  // Explicit: a CloudFront web ACL takes no region at all.
  if (const YamlNode* r = f.optional("region")) {
    if (acl.cloudfront()) {
      diags.error(r->location, "a CloudFront web ACL always lives in us-east-1; leave out 'region'");
    } else if (auto s = read_region(*r, diags)) {
      acl.region = located(*s, *r);
    }
  }
  f.choice("default_action", {"allow", "block"}, acl.default_action);
  std::vector<Located<std::string>> managed;
  if (f.choices("managed_rules", managed_short_names(), managed)) {
    for (Located<std::string>& rule : managed) {
      auto same = [&](const Located<std::string>& e) { return e.value == rule.value; };
      if (std::any_of(acl.managed_rules.begin(), acl.managed_rules.end(), same)) {
        diags.error(rule.location, fmt::format("managed rule group '{}' is listed twice", rule.value));
      } else {
        acl.managed_rules.push_back(std::move(rule));
      }
    }
  } else {
    for (const char* s : {"common", "known-bad-inputs", "ip-reputation"}) acl.managed_rules.push_back({s, key.location});
  }
  // Explicit: `false` or `off` turns the rate rule off.
  if (const YamlNode* r = f.optional("rate_limit")) {
    if (r->is_scalar() && !r->quoted && (r->scalar == "false" || r->scalar == "off")) {
      acl.rate_limit = located(0, *r);
    } else if (auto n = read_int(*r, "rate_limit", 10, 2000000000, diags)) {
      acl.rate_limit = located(*n, *r);
    }
  }
  if (const YamlNode* g = f.optional("geo")) read_geo(*g, acl, diags);
  if (const YamlNode* l = f.optional("logging")) read_logging(*l, acl, diags);
  if (!acl.logging.redact_written) {
    for (const char* h : {"authorization", "cookie"}) acl.logging.redact_headers.push_back({h, key.location});
  }
  f.strings("load_balancers", acl.load_balancers);
  f.strings("apis", acl.apis);
  Located<int> body_kb;
  if (f.integer("max_body_kb", {1, 1000000}, body_kb)) {
    // WAF sees only the first 8 KB of a body behind a load balancer, and at
    // most 64 KB behind CloudFront or API Gateway (their limit is raised as
    // needed); a larger limit could not be enforced. An ACL that protects no
    // resource yet is held to the load balancer's 8 KB.
    const bool apis_only = !acl.cloudfront() && !acl.apis.empty() && acl.load_balancers.empty();
    int most = acl.cloudfront() || apis_only ? 64 : 8;
    if (body_kb.value > most) {
      diags.error(body_kb.location,
                  acl.cloudfront() ? fmt::format("a cloudfront web ACL inspects at most 64 KB of a request body, so "
                                                 "'max_body_kb' must be between 1 and 64, got {}; enforce larger "
                                                 "limits in the application",
                                                 body_kb.value)
                  : apis_only ? fmt::format("a regional web ACL inspects at most 64 KB of an API's request body, so "
                                            "'max_body_kb' must be between 1 and 64, got {}; enforce larger limits "
                                            "in the application",
                                            body_kb.value)
                              : fmt::format("a regional web ACL inspects at most 8 KB of a request body behind a load "
                                            "balancer (64 KB when it protects only APIs), so 'max_body_kb' must be "
                                            "between 1 and 8, got {}; enforce larger limits in the application",
                                            body_kb.value));
    } else {
      acl.max_body_kb = body_kb;
    }
  }

  f.tags(acl.tags);
  spec.edge.web_acls.push_back(std::move(acl));
}

}  // namespace

void read_edge(const YamlNode& node, Spec& spec, Diagnostics& diags) {
  spec.edge.location = node.location;
  Fields f(node, "'edge'", diags);
  if (!f.ok()) return;
  read_named(f, "web_acls", "web ACL", diags,
             [&](const YamlNode& k, const YamlNode& v) { read_web_acl(k, v, spec, diags); });
  read_named(f, "distributions", "distribution", diags,
             [&](const YamlNode& k, const YamlNode& v) { read_distribution(k, v, spec, diags); });
}

}  // namespace aip::spec
