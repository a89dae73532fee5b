// AIP-LOG-003: a bucket without server access logging (log buckets themselves excepted).
#include <set>

#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace log_bucket_access_logs {

void check(Context& ctx) {
  // Buckets that receive logs (server access logs, ALB logs, CloudTrail) need
  // no access logs of their own: that would log the logging.
  std::set<std::pair<const Template*, std::string>> log_targets;
  std::set<std::string> log_target_names;
  auto mark = [&](const ResourceRef& from, const Json* target) {
    if (target == nullptr) return;
    if (target->is_string()) log_target_names.insert(target->get<std::string>());
    if (auto b = ctx.resolve(*from.tmpl, *target)) log_targets.insert({b->tmpl, b->logical_id});
  };
  for (const ResourceRef& b : ctx.resources("AWS::S3::Bucket")) {
    mark(b, member_path(b.properties(), {"LoggingConfiguration", "DestinationBucketName"}));
  }
  for (const ResourceRef& lb : ctx.resources("AWS::ElasticLoadBalancingV2::LoadBalancer")) {
    if (const Json* attrs = member(lb.properties(), "LoadBalancerAttributes"); attrs != nullptr && attrs->is_array()) {
      for (const Json& a : *attrs) {
        if (const Json* key = member(a, "Key"); key != nullptr && *key == "access_logs.s3.bucket") {
          mark(lb, member(a, "Value"));
        }
      }
    }
  }
  for (const ResourceRef& t : ctx.resources("AWS::CloudTrail::Trail")) mark(t, member(t.properties(), "S3BucketName"));
  for (const ResourceRef& b : ctx.resources("AWS::S3::Bucket")) {
    if (member(b.properties(), "LoggingConfiguration") != nullptr) continue;
    if (log_targets.count({b.tmpl, b.logical_id}) != 0) continue;
    const Json* name = member(b.properties(), "BucketName");
    if (name != nullptr && name->is_string() && log_target_names.count(name->get<std::string>()) != 0) continue;
    ctx.report(b, {},
               fmt::format("bucket {} has no server access logging (LoggingConfiguration)", b.display()));
  }
}

}  // namespace log_bucket_access_logs

const Rule& rule_log_bucket_access_logs() {
  static const Rule rule{
      {"AIP-LOG-003", "Bucket without access logging", Severity::warning,
       {"logging", "pci-dss", "hipaa", "nist-800-53", "soc2", "iso27001"},
       "Server access logs record every request to a bucket (requester, operation, key, result). Without them, or "
       "CloudTrail data events, nobody can tell afterwards who read or deleted which objects (PCI DSS 10.2, "
       "HIPAA 164.312(b)). Buckets that themselves receive logs are exempt.",
       "Add LoggingConfiguration with DestinationBucketName set to a dedicated log bucket (and a LogFilePrefix), "
       "or enable CloudTrail S3 data events for the bucket."},
      &log_bucket_access_logs::check};
  return rule;
}

}  // namespace aip::lint
