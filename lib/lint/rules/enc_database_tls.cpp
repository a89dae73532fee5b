// AIP-ENC-038: a database that accepts unencrypted connections: an RDS
// instance or cluster whose parameter group does not force TLS (checkov
// CKV2_AWS_69), a Redshift cluster whose parameter group does not set
// require_ssl (cdk-nag AwsSolutions-RS1, checkov CKV_AWS_105).
#include <cctype>
#include <optional>
#include <string>

#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace enc_database_tls {

bool text_in(const Json* v, std::initializer_list<const char*> values) {
  if (v == nullptr) return false;
  std::string s;
  if (v->is_string()) s = lower(v->get<std::string>());
  else if (v->is_number_integer()) s = std::to_string(v->get<long long>());
  else if (v->is_boolean()) s = v->get<bool>() ? "true" : "false";
  else return true;  // an intrinsic: unknown, not reported
  for (const char* x : values) {
    if (s == x) return true;
  }
  return false;
}

// The parameter that forces TLS for an engine, and whether `params` sets it.
// "" when the engine has none aip knows (Oracle uses an option group; it is not checked).
std::string tls_parameter(const std::string& engine) {
  if (engine.find("postgres") != std::string::npos || engine.rfind("sqlserver", 0) == 0) return "rds.force_ssl";
  if (engine.find("mysql") != std::string::npos || engine == "mariadb" || engine == "aurora") {
    return "require_secure_transport";
  }
  if (engine.rfind("db2", 0) == 0) return "db2comm";
  return "";
}

bool forces_tls(const Json& params, const std::string& parameter) {
  const Json* v = member(params, parameter);
  if (parameter == "db2comm") return text_in(v, {"ssl"});
  return text_in(v, {"1", "on", "true"});
}

// RDS for PostgreSQL 15 and later forces TLS in its default parameter group.
bool default_forces_tls(const std::string& engine, const Json* version) {
  if (engine != "postgres" || version == nullptr || !version->is_string()) return false;
  const std::string v = version->get<std::string>();
  return !v.empty() && std::isdigit(static_cast<unsigned char>(v[0])) && std::stoi(v) >= 15;
}

void check_rds(Context& ctx, const ResourceRef& db, const char* group_key, const char* group_type, const char* what) {
  const Json& p = db.properties();
  const Json* engine = member(p, "Engine");
  if (engine == nullptr || !engine->is_string()) return;
  const std::string name = lower(engine->get<std::string>());
  const std::string parameter = tls_parameter(name);
  if (parameter.empty()) return;
  const Json* group = member(p, group_key);
  if (group == nullptr) {
    if (default_forces_tls(name, member(p, "EngineVersion"))) return;
    ctx.report(db, {},
               fmt::format("{} {} uses the default parameter group, which accepts unencrypted connections: give it "
                           "a {} with {} set to force TLS",
                           what, db.display(), group_type, parameter));
    return;
  }
  std::optional<ResourceRef> g = ctx.resolve(*db.tmpl, *group);
  if (!g || g->type() != std::string("AWS::RDS::") + group_type) return;  // a group defined elsewhere: unknown
  const Json* params = member(g->properties(), "Parameters");
  if (params != nullptr && !params->is_object()) return;
  if (params != nullptr && forces_tls(*params, parameter)) return;
  ctx.report(db, {"Properties", group_key},
             fmt::format("{} {} accepts unencrypted connections: its parameter group {} does not set {}", what,
                         db.display(), g->display(),
                         parameter == "db2comm" ? "db2comm to SSL" : parameter + " to " +
                             (parameter == "rds.force_ssl" ? std::string("1") : std::string("ON"))))
      .note(ctx.locate(*g, {}), "parameter group declared here");
}

void check_redshift(Context& ctx) {
  for (const ResourceRef& c : ctx.resources("AWS::Redshift::Cluster")) {
    const Json* group = member(c.properties(), "ClusterParameterGroupName");
    if (group == nullptr) {
      ctx.report(c, {},
                 fmt::format("Redshift cluster {} uses the default parameter group, which accepts unencrypted "
                             "connections: give it a ClusterParameterGroup with require_ssl true",
                             c.display()));
      continue;
    }
    std::optional<ResourceRef> g = ctx.resolve(*c.tmpl, *group);
    if (!g || g->type() != "AWS::Redshift::ClusterParameterGroup") continue;
    const Json* params = member(g->properties(), "Parameters");
    if (params != nullptr && !params->is_array()) continue;
    bool on = false;
    if (params != nullptr) {
      for (const Json& e : *params) {
        const Json* n = member(e, "ParameterName");
        if (n != nullptr && n->is_string() && lower(n->get<std::string>()) == "require_ssl") {
          on = text_in(member(e, "ParameterValue"), {"true"});
        }
      }
    }
    if (on) continue;
    ctx.report(c, {"Properties", "ClusterParameterGroupName"},
               fmt::format("Redshift cluster {} accepts unencrypted connections: its parameter group {} does not set "
                           "require_ssl to true",
                           c.display(), g->display()))
        .note(ctx.locate(*g, {}), "parameter group declared here");
  }
}

// DocumentDB turns TLS off through the cluster parameter group's tls parameter (checkov CKV_AWS_90).
void check_documentdb(Context& ctx) {
  for (const ResourceRef& g : ctx.resources("AWS::DocDB::DBClusterParameterGroup")) {
    const Json* params = member(g.properties(), "Parameters");
    const Json* tls = params != nullptr && params->is_object() ? member(*params, "tls") : nullptr;
    if (tls == nullptr || !tls->is_string() || lower(tls->get<std::string>()) != "disabled") continue;
    ctx.report(g, {"Properties", "Parameters", "tls"},
               fmt::format("DocumentDB parameter group {} turns TLS off (tls: disabled): clusters using it accept "
                           "only unencrypted connections",
                           g.display()));
  }
}

void check(Context& ctx) {
  check_documentdb(ctx);
  for (const ResourceRef& db : ctx.resources("AWS::RDS::DBCluster")) {
    check_rds(ctx, db, "DBClusterParameterGroupName", "DBClusterParameterGroup", "database cluster");
  }
  for (const ResourceRef& db : ctx.resources("AWS::RDS::DBInstance")) {
    if (member(db.properties(), "DBClusterIdentifier") != nullptr) continue;  // the cluster's group applies
    check_rds(ctx, db, "DBParameterGroupName", "DBParameterGroup", "database instance");
  }
  check_redshift(ctx);
}

}  // namespace enc_database_tls

const Rule& rule_enc_database_tls() {
  static const Rule rule{
      {"AIP-ENC-038", "Database accepts connections without TLS", Severity::warning,
       {"encryption", "nist-800-53", "pci-dss", "hipaa", "soc2", "iso27001", "gdpr"},
       "RDS, Aurora and Redshift offer TLS, but unless the parameter group forces it a client that does not ask "
       "for it (a driver's default, a misconfigured job) sends its password or IAM token and every row in clear "
       "text across the VPC. The default parameter groups of most engines do not force it (RDS for PostgreSQL "
       "15 and later does, and is not reported) (checkov CKV2_AWS_69 for instances; cdk-nag AwsSolutions-RS1 "
       "and checkov CKV_AWS_105 for Redshift; checkov CKV_AWS_90 for a DocumentDB parameter group with tls "
       "disabled; aip checks Aurora and Multi-AZ clusters the same way).",
       "Give the database its own parameter group: rds.force_ssl: 1 for PostgreSQL and SQL Server, "
       "require_secure_transport: ON for MySQL and MariaDB, db2comm: SSL for Db2, require_ssl: true for "
       "Redshift (aip's `databases:` area renders the cluster parameter group with it). A group defined outside "
       "the template is not checked."},
      &enc_database_tls::check};
  return rule;
}

}  // namespace aip::lint
