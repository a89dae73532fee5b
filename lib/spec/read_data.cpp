// The `data:` area: Aurora PostgreSQL / MySQL clusters, their parameter groups,
// backups and maintenance, and the RDS Proxy in front of each, read (checks:
// check_data.cpp).
#include <algorithm>
#include <cmath>
#include <cstdlib>

#include <fmt/format.h>

#include "base/did_you_mean.hpp"
#include "base/pattern.hpp"
#include "spec/field_reader.hpp"
#include "spec/load.hpp"
#include "spec/placement.hpp"

namespace aip::spec {

const char* to_string(DbEngine engine) {
  return engine == DbEngine::aurora_mysql ? "aurora-mysql" : "aurora-postgresql";
}

const char* default_engine_version(DbEngine engine) {
  return engine == DbEngine::aurora_mysql ? "8.0.mysql_aurora.3.08.0" : "16.6";
}

const char* tls_parameter(DbEngine engine) {
  return engine == DbEngine::aurora_mysql ? "require_secure_transport" : "rds.force_ssl";
}

std::vector<std::string> default_log_exports(DbEngine engine) {
  if (engine == DbEngine::aurora_mysql) return {"audit", "error", "slowquery"};
  return {"postgresql"};
}

std::string Database::effective_version() const {
  return version.value.empty() ? default_engine_version(engine.value) : version.value;
}

std::string Database::parameter_family() const {
  std::string v = effective_version();
  if (engine.value == DbEngine::aurora_mysql) return "aurora-mysql" + v.substr(0, v.find(".mysql_aurora"));
  return "aurora-postgresql" + v.substr(0, v.find('.'));
}

// Off unless asked for: RDS cannot turn Backtrack on for a cluster created
// without it, so a default of 24 would fail the next update of every Aurora
// MySQL cluster aip deployed before (AIP-RES-017 asks for it on new ones).
int Database::effective_backtrack_hours() const { return backtrack_hours ? backtrack_hours->value : 0; }

std::string Database::effective_database_name() const {
  if (!database_name.value.empty()) return database_name.value;
  std::string out = name;
  std::replace(out.begin(), out.end(), '-', '_');
  return out;
}

const Database* Data::find_database(std::string_view n) const {
  for (const Database& db : databases) {
    if (db.name == n) return &db;
  }
  return nullptr;
}

namespace {


std::optional<double> read_number(const YamlNode& n, std::string_view key, double min, double max,
                                  Diagnostics& diags) {
  const std::string& s = n.scalar;
  char* end = nullptr;
  double value = n.is_scalar() && !n.quoted && !s.empty() ? std::strtod(s.c_str(), &end) : 0;
  if (!n.is_scalar() || n.quoted || s.empty() || end != s.c_str() + s.size() || !std::isfinite(value)) {
    diags.error(n.location, fmt::format("'{}' must be a number, got {}", key, n.describe()));
    return std::nullopt;
  }
  if (value < min || value > max) {
    diags.error(n.location, fmt::format("'{}' must be between {} and {}, got {}", key, min, max, s));
    return std::nullopt;
  }
  return value;
}

// Serverless v2 capacity: ACUs from 0 to 256 in steps of 0.5.
std::optional<double> read_acu(const YamlNode& n, std::string_view key, Diagnostics& diags) {
  auto v = read_number(n, key, 0, 256, diags);
  if (!v) return std::nullopt;
  if (std::fmod(*v * 2, 1.0) != 0) {
    diags.error(n.location, fmt::format("'{}' must be a multiple of 0.5 ACU, got {}", key, n.scalar));
    return std::nullopt;
  }
  return v;
}

// A string of `pattern`, else "'KEY' must be SHAPE, got 'VALUE'".
bool read_matching(Fields& f, std::string_view key, const Pattern& pattern, std::string_view shape,
                   Located<std::string>& out) {
  return f.text(key, pattern, fmt::format("'{}' must be {}, got '{{}}'", key, shape), out);
}

void read_serverless(const YamlNode& n, Database& db, Diagnostics& diags) {
  ServerlessCapacity cap;
  cap.location = n.location;
  Fields f(n, fmt::format("serverless of database '{}'", db.name), diags);
  if (!f.ok()) return;
  bool ok = true;
  // Explicit: ACUs are numbers in steps of 0.5, not whole numbers.
  if (const YamlNode* v = f.required("min")) {
    if (auto acu = read_acu(*v, "min", diags)) cap.min = located(*acu, *v); else ok = false;
  } else {
    ok = false;
  }
  if (const YamlNode* v = f.required("max")) {
    if (auto acu = read_acu(*v, "max", diags)) cap.max = located(*acu, *v); else ok = false;
  } else {
    ok = false;
  }
  if (!ok) return;
  if (cap.max.value < 1) {
    diags.error(cap.max.location, fmt::format("serverless 'max' must be at least 1 ACU, got {}", cap.max.value));
  } else if (cap.min.value > cap.max.value) {
    diags.error(cap.min.location, fmt::format("serverless capacity of database '{}' goes from {} down to {} ACU; "
                                              "'min' must not exceed 'max'",
                                              db.name, cap.min.value, cap.max.value));
  } else {
    db.serverless = cap;
  }
}

void read_parameters(const YamlNode& n, std::string_view key,
                     std::vector<std::pair<Located<std::string>, Located<std::string>>>& out, Diagnostics& diags) {
  if (!n.is_map()) {
    diags.error(n.location, fmt::format("'{}' must map parameter names to values, got {}", key, n.describe()));
    return;
  }
  static const Pattern name_shape("[A-Za-z0-9_.-]{1,128}");
  for (const auto& [k, v] : n.entries) {
    if (!k.is_scalar() || !name_shape.matches(k.scalar)) {
      diags.error(k.location, fmt::format("parameter name {} must be a plain word such as log_min_duration_statement",
                                          k.describe()));
      continue;
    }
    auto value = read_string(v, k.scalar, diags);
    if (!value) continue;
    out.emplace_back(located(k.scalar, k), located(*value, v));
  }
}

void read_proxy(const YamlNode& n, Database& db, Diagnostics& diags) {
  db.proxy.location = n.location;
  if (n.is_scalar()) {
    if (auto on = read_bool(n, "proxy", diags)) db.proxy.enabled = *on;
    return;
  }
  Fields f(n, fmt::format("proxy of database '{}'", db.name), diags);
  if (!f.ok()) return;
  f.text("security_group", db.proxy.security_group);
  f.integer("idle_client_timeout", {1, 28800}, db.proxy.idle_client_timeout);
  f.integer("max_connections_percent", {1, 100}, db.proxy.max_connections_percent);
  f.integer("max_idle_connections_percent", {0, 100}, db.proxy.max_idle_connections_percent);
  f.integer("borrow_timeout", {0, 3600}, db.proxy.borrow_timeout);
  f.flag("iam_auth", db.proxy.iam_auth);
  f.flag("read_only_endpoint", db.proxy.read_only_endpoint);
  if (db.proxy.max_idle_connections_percent.value > db.proxy.max_connections_percent.value) {
    diags.error(db.proxy.max_idle_connections_percent.location,
                fmt::format("'max_idle_connections_percent' ({}) must not exceed 'max_connections_percent' ({})",
                            db.proxy.max_idle_connections_percent.value, db.proxy.max_connections_percent.value));
  }
}

// `backup:` is RDS's own automated backups ({retention_days, window}) and the
// AWS Backup plan that also backs the cluster up: `backup: PLAN` names only
// the plan (as on buckets and tables), `plan:` inside the map both.
void read_backup(const YamlNode& n, Database& db, Diagnostics& diags) {
  if (n.is_scalar()) {
    db.backup = {n.scalar, n.location};
    return;
  }
  Fields f(n, fmt::format("backup of database '{}'", db.name), diags);
  if (!f.ok()) return;
  f.text("plan", db.backup);
  // Fewer than 7 days is below aip's floor for recoverability.
  f.integer("retention_days", {7, 35}, db.backup_retention_days);
  static const Pattern backup_window("([01][0-9]|2[0-3]):[0-5][0-9]-([01][0-9]|2[0-3]):[0-5][0-9]");
  Located<std::string> window;
  if (read_matching(f, "window", backup_window, "a UTC time range such as 03:00-04:00", window)) {
    const std::string& s = window.value;
    int from = std::stoi(s.substr(0, 2)) * 60 + std::stoi(s.substr(3, 2));
    int to = std::stoi(s.substr(6, 2)) * 60 + std::stoi(s.substr(9, 2));
    int length = (to - from + 24 * 60) % (24 * 60);
    if (length < 30) {
      diags.error(window.location, fmt::format("the backup window must be at least 30 minutes long, got {} minutes",
                                               length));
    } else {
      db.backup_window = window;
    }
  }
}

void read_performance_insights(const YamlNode& n, Database& db, Diagnostics& diags) {
  if (n.is_scalar()) {
    if (auto on = read_bool(n, "performance_insights", diags)) db.performance_insights = located(*on, n);
    return;
  }
  Fields f(n, fmt::format("performance_insights of database '{}'", db.name), diags);
  if (!f.ok()) return;
  db.performance_insights = located(true, n);
  Located<int> days;
  if (!f.integer("retention_days", {7, 731}, days)) return;
  if (days.value != 7 && days.value != 731 && days.value % 31 != 0) {
    diags.error(days.location, fmt::format("Performance Insights keeps data for 7 days, a multiple of 31 days "
                                           "(months) up to 713, or 731 days; got {}",
                                           days.value));
    return;
  }
  db.performance_insights_retention_days = days;
}

void read_database(const YamlNode& key, const YamlNode& value, Spec& spec, Diagnostics& diags) {
  if (!check_name(key, "database", diags)) return;
  Database db;
  db.name = key.scalar;
  db.location = key.location;
  Fields f(value, fmt::format("database '{}'", db.name), diags, key.location);
  if (!f.ok()) return;
  f.text("vpc", db.vpc, Presence::required);
  Located<std::string> engine;
  if (f.choice("engine", {"aurora-postgresql", "aurora-mysql"}, engine)) {
    db.engine = {engine.value == "aurora-mysql" ? DbEngine::aurora_mysql : DbEngine::aurora_postgresql,
                 engine.location};
  }
  f.text("version", db.version);
  static const Pattern database_ident("[A-Za-z][A-Za-z0-9_]{0,62}");
  read_matching(f, "database_name", database_ident,
                "a letter followed by letters, digits or '_' (at most 63 characters)", db.database_name);
  static const Pattern user_ident("[A-Za-z][A-Za-z0-9_]{0,15}");
  read_matching(f, "master_username", user_ident,
                "a letter followed by letters, digits or '_' (at most 16 characters)", db.master_username);
  f.text("tier", db.tier);
  f.text("security_group", db.security_group);
  f.integer("instances", {1, 16}, db.instances);
  // Explicit: instance_class and serverless exclude each other.
  const YamlNode* instance_class = f.optional("instance_class");
  const YamlNode* serverless = f.optional("serverless");
  if (instance_class != nullptr && serverless != nullptr) {
    diags.error(serverless->location, fmt::format("database '{}' gives both 'instance_class' and 'serverless'; use "
                                                  "one",
                                                  db.name));
  } else if (instance_class != nullptr) {
    static const Pattern shape("db\\.[a-z0-9]+\\.[a-z0-9]+");
    auto s = read_string(*instance_class, "instance_class", diags);
    if (s && shape.matches(*s)) {
      db.instance_class = located(*s, *instance_class);
    } else if (s) {
      diags.error(instance_class->location,
                  fmt::format("'instance_class' must be an instance class such as db.r6g.large, got '{}'", *s));
    }
  } else if (serverless != nullptr) {
    read_serverless(*serverless, db, diags);
  }
  if (const YamlNode* v = f.optional("parameters")) read_parameters(*v, "parameters", db.parameters, diags);
  if (const YamlNode* v = f.optional("instance_parameters")) {
    read_parameters(*v, "instance_parameters", db.instance_parameters, diags);
  }
  if (const YamlNode* v = f.optional("backup")) read_backup(*v, db, diags);
  static const Pattern maintenance_window(
      "(mon|tue|wed|thu|fri|sat|sun):([01][0-9]|2[0-3]):[0-5][0-9]-(mon|tue|wed|thu|fri|sat|sun):([01][0-9]|2[0-3]):"
      "[0-5][0-9]");
  read_matching(f, "maintenance_window", maintenance_window, "a UTC range such as sun:04:30-sun:05:00",
                db.maintenance_window);
  f.flag("deletion_protection", db.deletion_protection);
  if (const YamlNode* v = f.optional("performance_insights")) read_performance_insights(*v, db, diags);
  Located<int> monitoring;
  if (f.integer("enhanced_monitoring", {0, 60}, monitoring)) {
    static constexpr int kIntervals[] = {0, 1, 5, 10, 15, 30, 60};
    if (std::find(std::begin(kIntervals), std::end(kIntervals), monitoring.value) == std::end(kIntervals)) {
      diags.error(monitoring.location, fmt::format("Enhanced Monitoring collects every 1, 5, 10, 15, 30 or 60 "
                                                   "seconds (0 turns it off); got {}",
                                                   monitoring.value));
    } else {
      db.enhanced_monitoring_seconds = monitoring;
    }
  }
  if (f.integer("backtrack_hours", {0, 72}, db.backtrack_hours) && db.backtrack_hours->value > 0 &&
      db.engine.value != DbEngine::aurora_mysql) {
    diags.error(db.backtrack_hours->location,
                fmt::format("Backtrack is an Aurora MySQL feature; database '{}' is aurora-postgresql (restore to a "
                            "point in time instead)",
                            db.name));
  }
  db.log_exports_given = f.strings("log_exports", db.log_exports);

  f.flag("iam_auth", db.iam_auth);
  if (const YamlNode* v = f.optional("proxy")) read_proxy(*v, db, diags);
  if (db.proxy.read_only_endpoint.value && db.instances.value < 2) {
    diags.error(db.proxy.read_only_endpoint.location,
                fmt::format("'read_only_endpoint' of database '{}' needs a reader: 'instances' is {}, at least 2",
                            db.name, db.instances.value));
  }
  f.text("classification", db.classification);
  f.tags(db.tags);
  spec.data.databases.push_back(std::move(db));
}

}  // namespace

void read_data(const YamlNode& node, Spec& spec, Diagnostics& diags) {
  spec.data.location = node.location;
  Fields f(node, "'data'", diags);
  if (!f.ok()) return;
  read_named(f, "databases", "database", diags,
             [&](const YamlNode& k, const YamlNode& v) { read_database(k, v, spec, diags); });
}

}  // namespace aip::spec
