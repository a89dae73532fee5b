// The `data:` area of the spec: Aurora clusters with RDS Proxy.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "spec/located.hpp"

namespace aip::spec {

enum class DbEngine { aurora_postgresql, aurora_mysql };
const char* to_string(DbEngine engine);  // "aurora-postgresql" | "aurora-mysql"

// Aurora Serverless v2 capacity in ACUs (0 to 256, in steps of 0.5).
struct ServerlessCapacity {
  Location location;
  Located<double> min{0.5, {}};
  Located<double> max{4, {}};
};

// RDS Proxy in front of the cluster (on by default; `proxy: false` turns it off).
struct DbProxy {
  bool enabled = true;
  Location location;
  Located<std::string> security_group;      // a network security group; absent: aip creates one
  Located<int> idle_client_timeout{1800, {}};  // seconds
  Located<int> max_connections_percent{90, {}};
  Located<int> max_idle_connections_percent{50, {}};
  Located<int> borrow_timeout{120, {}};        // seconds
  // Clients authenticate with IAM (IAMAuth REQUIRED): services get
  // rds-db:connect on the proxy's user instead of the master password.
  Located<bool> iam_auth{false, {}};
  // A second, READ_ONLY endpoint that spreads connections over the readers.
  Located<bool> read_only_endpoint{false, {}};
};

// Other areas refer to databases by name (compute: `database: NAME`;
// observability: alarms), so `name`, `location` and `vpc` keep these names.
struct Database {
  std::string name;
  Location location;
  Located<std::string> vpc;

  Located<DbEngine> engine{DbEngine::aurora_postgresql, {}};
  Located<std::string> version;              // defaults per engine (see default_engine_version)
  Located<std::string> database_name;        // default: the name with '-' as '_'
  Located<std::string> master_username{"dbadmin", {}};
  Located<std::string> tier;                 // subnet tier; default: the VPC's first isolated tier
  Located<std::string> security_group;       // a network security group; absent: aip creates one
  Located<int> instances{2, {}};             // writer plus readers
  Located<std::string> instance_class{"db.t4g.medium", {}};
  std::optional<ServerlessCapacity> serverless;  // instead of instance_class: db.serverless
  std::vector<std::pair<Located<std::string>, Located<std::string>>> parameters;  // cluster parameter group
  // Instance parameter group (shared_buffers, max_connections ...), on every instance; empty: RDS's default.
  std::vector<std::pair<Located<std::string>, Located<std::string>>> instance_parameters;
  Located<int> backup_retention_days{7, {}};
  Located<std::string> backup_window;        // "hh:mm-hh:mm" UTC; empty: AWS chooses
  Located<std::string> maintenance_window;   // "ddd:hh:mm-ddd:hh:mm" UTC; empty: AWS chooses
  Located<bool> deletion_protection{true, {}};
  Located<bool> performance_insights{true, {}};
  Located<int> performance_insights_retention_days{7, {}};
  // Enhanced Monitoring's OS metrics every N seconds (1, 5, 10, 15, 30, 60; 0: off).
  Located<int> enhanced_monitoring_seconds{60, {}};
  // Aurora MySQL Backtrack: how far back the cluster can be rewound in place (0-72 hours; 0: off). Absent:
  // aurora-mysql only; absent: off (aurora-postgresql has no backtrack).
  std::optional<Located<int>> backtrack_hours;
  std::vector<Located<std::string>> log_exports;  // default per engine
  bool log_exports_given = false;
  Located<bool> iam_auth{true, {}};
  DbProxy proxy;
  Located<std::string> classification;  // a level of `classification:`; empty: unclassified
  Located<std::string> backup;          // a plan of `backup:` that backs this up; empty: none
  Tags tags;

  int port() const { return engine.value == DbEngine::aurora_mysql ? 3306 : 5432; }
  std::string effective_version() const;
  std::string parameter_family() const;  // e.g. aurora-postgresql16, aurora-mysql8.0
  std::string effective_database_name() const;
  int effective_backtrack_hours() const;
};

// The engine version aip uses when the spec gives none.
const char* default_engine_version(DbEngine engine);
// The cluster parameter that makes the engine refuse clients without TLS (aip sets it).
const char* tls_parameter(DbEngine engine);
// The logs exported to CloudWatch when the spec lists none.
std::vector<std::string> default_log_exports(DbEngine engine);

struct Data {
  Location location;  // where `data:` was written; invalid when absent
  std::vector<Database> databases;

  const Database* find_database(std::string_view name) const;
};

}  // namespace aip::spec
