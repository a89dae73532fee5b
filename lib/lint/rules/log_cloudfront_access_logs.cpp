// AIP-LOG-009: a CloudFront distribution without access logs (neither the
// legacy Logging property nor a standard logging v2 delivery source).
#include <set>

#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace log_cloudfront_access_logs {

// The logical ids an Fn::Sub string names as ${Id}.
void sub_names(const Json& value, std::set<std::string>& out) {
  const Json* sub = member(value, "Fn::Sub");
  if (sub == nullptr) return;
  const Json& text = sub->is_array() && !sub->empty() ? (*sub)[0] : *sub;
  if (!text.is_string()) return;
  const std::string s = text.get<std::string>();
  for (std::size_t at = s.find("${"); at != std::string::npos; at = s.find("${", at + 2)) {
    std::size_t end = s.find('}', at);
    if (end == std::string::npos) break;
    out.insert(s.substr(at + 2, end - at - 2));
  }
}

void check(Context& ctx) {
  std::set<std::pair<const Template*, std::string>> logged;
  for (const ResourceRef& src : ctx.resources("AWS::Logs::DeliverySource")) {
    const Json* type = member(src.properties(), "LogType");
    const Json* arn = member(src.properties(), "ResourceArn");
    if (type == nullptr || *type != "ACCESS_LOGS" || arn == nullptr) continue;
    if (auto target = ctx.resolve(*src.tmpl, *arn)) logged.insert({target->tmpl, target->logical_id});
    std::set<std::string> names;
    sub_names(*arn, names);
    for (const std::string& n : names) logged.insert({src.tmpl, n});
  }
  for (const ResourceRef& d : ctx.resources("AWS::CloudFront::Distribution")) {
    if (member_path(d.properties(), {"DistributionConfig", "Logging"}) != nullptr) continue;
    if (logged.count({d.tmpl, d.logical_id}) != 0) continue;
    ctx.report(d, {}, fmt::format("distribution {} writes no access logs (no Logging, no AWS::Logs::DeliverySource "
                                  "with LogType ACCESS_LOGS)",
                                  d.display()));
  }
}

}  // namespace log_cloudfront_access_logs

const Rule& rule_log_cloudfront_access_logs() {
  static const Rule rule{
      {"AIP-LOG-009", "CloudFront distribution without access logs", Severity::warning,
       {"logging", "pci-dss", "nist-800-53", "hipaa", "soc2", "iso27001"},
       "Access logs record every viewer request: who asked for what, from where, and what the edge answered. "
       "Without them an incident at the edge cannot be investigated. cdk-nag (CFR3) and checkov (CKV_AWS_86) check "
       "the same.",
       "Deliver the distribution's access logs (standard logging v2: AWS::Logs::DeliverySource, "
       "DeliveryDestination and Delivery in us-east-1; aip renders them unless `logging: false`), or set the "
       "legacy Logging property."},
      &log_cloudfront_access_logs::check};
  return rule;
}

}  // namespace aip::lint
