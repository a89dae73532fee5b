// AIP-LOG-033: an OpenSearch Service (or Elasticsearch) domain that does not
// publish its error, audit and slow logs to CloudWatch Logs (cdk-nag
// AwsSolutions-OS9, checkov CKV_AWS_84, CKV_AWS_317).
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace log_search_domain_logs {

void check(Context& ctx) {
  static const char* kLogs[] = {"ES_APPLICATION_LOGS", "AUDIT_LOGS", "SEARCH_SLOW_LOGS", "INDEX_SLOW_LOGS"};
  for (const char* type : {"AWS::OpenSearchService::Domain", "AWS::Elasticsearch::Domain"}) {
    for (const ResourceRef& d : ctx.resources(type)) {
      const Json* options = member(d.properties(), "LogPublishingOptions");
      if (options != nullptr && !options->is_object()) continue;  // an intrinsic
      std::vector<std::string> missing;
      for (const char* log : kLogs) {
        const Json* enabled = options != nullptr ? member_path(*options, {log, "Enabled"}) : nullptr;
        if (enabled != nullptr && (is_true(*enabled) || (!enabled->is_boolean() && !enabled->is_string()))) continue;
        missing.push_back(log);
      }
      if (missing.empty()) continue;
      std::string list;
      for (const std::string& m : missing) list += (list.empty() ? "" : ", ") + m;
      ctx.report(d, options != nullptr ? Path{"Properties", "LogPublishingOptions"} : Path{},
                 fmt::format("search domain {} does not publish {} to CloudWatch Logs", d.display(), list));
    }
  }
}

}  // namespace log_search_domain_logs

const Rule& rule_log_search_domain_logs() {
  static const Rule rule{
      {"AIP-LOG-033", "OpenSearch domain without error, audit and slow logs", Severity::warning,
       {"logging", "nist-800-53", "pci-dss", "hipaa", "soc2", "iso27001"},
       "An OpenSearch domain keeps its logs to itself unless LogPublishingOptions sends them to CloudWatch Logs. "
       "Without the application (error) logs a failing shard or a mapping error goes unseen; without the audit "
       "logs nobody can say who read or changed which index (for a RAG vector store: whose documents were "
       "retrieved); without the search and index slow logs a slow retrieval step cannot be traced to its query "
       "(cdk-nag AwsSolutions-OS9 for the slow logs and OpenSearchErrorLogsToCloudWatch in its HIPAA, NIST and PCI "
       "packs; checkov CKV_AWS_84 for any log, CKV_AWS_317 for the audit log).",
       "Set LogPublishingOptions ES_APPLICATION_LOGS, AUDIT_LOGS, SEARCH_SLOW_LOGS and INDEX_SLOW_LOGS to "
       "{Enabled: true, CloudWatchLogsLogGroupArn: ...}, with a log group resource policy that lets "
       "es.amazonaws.com write. Audit logs need fine-grained access control (AdvancedSecurityOptions). aip "
       "renders OpenSearch Serverless collections, which log through CloudTrail and are not checked."},
      &log_search_domain_logs::check};
  return rule;
}

}  // namespace aip::lint
