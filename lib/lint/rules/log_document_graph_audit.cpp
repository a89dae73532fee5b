// AIP-LOG-034: a DocumentDB or Neptune cluster that does not export audit logs
// to CloudWatch Logs, or whose parameter group leaves auditing off (cdk-nag
// AwsSolutions-DOC5; checkov CKV_AWS_85, CKV_AWS_101, CKV_AWS_104).
#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace log_document_graph_audit {

struct Engine {
  const char* cluster;
  const char* group;
  const char* name;
  const char* parameter;                   // turns auditing on in the cluster parameter group
  std::vector<std::string> on;             // values of it that do
};

bool exports_audit(const Json* exports) {
  if (exports == nullptr) return false;
  if (!exports->is_array()) return true;  // an intrinsic
  return std::any_of(exports->begin(), exports->end(),
                     [](const Json& e) { return e.is_string() && e.get<std::string>() == "audit"; });
}

void check(Context& ctx) {
  static const Engine kEngines[] = {
      {"AWS::DocDB::DBCluster", "AWS::DocDB::DBClusterParameterGroup", "DocumentDB", "audit_logs",
       {"enabled", "all", "ddl", "dml_read", "dml_write"}},
      {"AWS::Neptune::DBCluster", "AWS::Neptune::DBClusterParameterGroup", "Neptune", "neptune_enable_audit_log",
       {"1", "true"}},
  };
  for (const Engine& e : kEngines) {
    for (const ResourceRef& c : ctx.resources(e.cluster)) {
      const Json* exports = member(c.properties(), "EnableCloudwatchLogsExports");
      if (!exports_audit(exports)) {
        ctx.report(c, exports != nullptr ? Path{"Properties", "EnableCloudwatchLogsExports"} : Path{},
                   fmt::format("{} cluster {} does not export its audit log to CloudWatch Logs: add \"audit\" to "
                               "EnableCloudwatchLogsExports",
                               e.name, c.display()));
        continue;
      }
      // The export carries only what the parameter group audits; the default group audits nothing.
      const Json* group = member(c.properties(), "DBClusterParameterGroupName");
      std::optional<ResourceRef> g = group != nullptr ? ctx.resolve(*c.tmpl, *group) : std::nullopt;
      if (group != nullptr && (!g || g->type() != e.group)) continue;  // defined elsewhere: unknown
      bool on = false;
      if (g) {
        const Json* params = member(g->properties(), "Parameters");
        const Json* v = params != nullptr && params->is_object() ? member(*params, e.parameter) : nullptr;
        if (params != nullptr && !params->is_object()) continue;
        if (v != nullptr && !v->is_string() && !v->is_number()) continue;
        std::string text = v == nullptr ? "" : v->is_string() ? lower(v->get<std::string>()) : v->dump();
        on = std::find(e.on.begin(), e.on.end(), text) != e.on.end();
      }
      if (on) continue;
      Finding& f = ctx.report(
          c, group != nullptr ? Path{"Properties", "DBClusterParameterGroupName"} : Path{},
          fmt::format("{} cluster {} exports an audit log that stays empty: {} does not set {}", e.name, c.display(),
                      g ? "its parameter group " + g->display() : std::string("the default parameter group"),
                      e.parameter));
      if (g) f.note(ctx.locate(*g, {}), "parameter group declared here");
    }
  }
}

}  // namespace log_document_graph_audit

const Rule& rule_log_document_graph_audit() {
  static const Rule rule{
      {"AIP-LOG-034", "DocumentDB or Neptune cluster without audit logs", Severity::warning,
       {"logging", "nist-800-53", "pci-dss", "hipaa", "soc2", "iso27001"},
       "DocumentDB and Neptune (the document store or the knowledge graph of a RAG application) record "
       "authentications, schema changes and, if asked, queries only when the cluster parameter group turns "
       "auditing on, and keep the record only when the cluster exports its audit log to CloudWatch Logs. Without "
       "both, who logged in, who dropped a collection and who read which data cannot be answered (cdk-nag "
       "AwsSolutions-DOC5; checkov CKV_AWS_85 and CKV_AWS_104 for DocumentDB, CKV_AWS_101 for Neptune).",
       "Add \"audit\" to EnableCloudwatchLogsExports and give the cluster a parameter group with audit_logs: "
       "enabled (DocumentDB) or neptune_enable_audit_log: 1 (Neptune)."},
      &log_document_graph_audit::check};
  return rule;
}

}  // namespace aip::lint
