// Checks of the `data:` area across elements and areas: engine versions, the
// VPC, tiers and security groups each database names.
#include <algorithm>
#include <cmath>
#include <cstdlib>

#include <fmt/format.h>

#include "base/did_you_mean.hpp"
#include "base/pattern.hpp"
#include "spec/load.hpp"
#include "spec/placement.hpp"

namespace aip::spec {
namespace {

// Log types each engine can export to CloudWatch Logs.
const std::vector<std::string> kPostgresLogs = {"postgresql"};
const std::vector<std::string> kMysqlLogs = {"audit", "error", "general", "slowquery"};
void check_version(const Database& db, Diagnostics& diags) {
  if (db.version.value.empty()) return;
  static const Pattern postgres("(1[1-7])(\\.[0-9]{1,2})?");
  static const Pattern mysql("8\\.0\\.mysql_aurora\\.3\\.[0-9]{2}\\.[0-9]{1,2}");
  if (db.engine.value == DbEngine::aurora_postgresql && !postgres.matches(db.version.value)) {
    diags.error(db.version.location, fmt::format("'{}' is not an Aurora PostgreSQL version; write one such as {}",
                                                 db.version.value, default_engine_version(db.engine.value)));
  } else if (db.engine.value == DbEngine::aurora_mysql && !mysql.matches(db.version.value)) {
    diags.error(db.version.location, fmt::format("'{}' is not an Aurora MySQL 3 version; write one such as {}",
                                                 db.version.value, default_engine_version(db.engine.value)));
  }
}

// RDS refuses a weekly maintenance window that overlaps the daily backup
// window (CreateDBCluster: "must not conflict"); windows that only touch are
// fine. Both shapes were checked by the reader.
int minutes_of(std::string_view hh_mm) { return std::stoi(std::string(hh_mm.substr(0, 2))) * 60 + std::stoi(std::string(hh_mm.substr(3, 2))); }

int week_minutes_of(std::string_view ddd_hh_mm) {
  static const std::vector<std::string_view> kDays = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
  const auto day = std::find(kDays.begin(), kDays.end(), ddd_hh_mm.substr(0, 3)) - kDays.begin();
  return static_cast<int>(day) * 1440 + minutes_of(ddd_hh_mm.substr(4));
}

void check_windows(const Database& db, Diagnostics& diags) {
  if (db.backup_window.value.empty() || db.maintenance_window.value.empty()) return;
  const std::string& b = db.backup_window.value;  // hh:mm-hh:mm
  const std::string& m = db.maintenance_window.value;  // ddd:hh:mm-ddd:hh:mm
  int b0 = minutes_of(std::string_view(b).substr(0, 5));
  int b1 = minutes_of(std::string_view(b).substr(6, 5));
  if (b1 <= b0) b1 += 1440;  // past midnight
  constexpr int kWeek = 7 * 1440;
  int m0 = week_minutes_of(std::string_view(m).substr(0, 9));
  int m1 = week_minutes_of(std::string_view(m).substr(10, 9));
  if (m1 <= m0) m1 += kWeek;  // past Sunday midnight
  for (int day = -1; day <= 7; ++day) {
    const int a0 = day * 1440 + b0;
    const int a1 = day * 1440 + b1;
    for (int shift : {-kWeek, 0, kWeek}) {
      if (a0 < m1 + shift && m0 + shift < a1) {
        diags.error(db.maintenance_window.location,
                    fmt::format("database '{}': the maintenance window {} overlaps the daily backup window {}, which "
                                "RDS refuses; move one of them",
                                db.name, m, b));
        return;
      }
    }
  }
}

// A security group that this area names must exist in the database's VPC.
void check_group(const Spec& spec, const Database& db, const Located<std::string>& group, std::string_view role,
                 Diagnostics& diags) {
  if (group.value.empty()) return;
  const SecurityGroup* sg = spec.find_security_group(group.value);
  if (sg == nullptr) {
    diags.error(group.location, fmt::format("{} '{}' refers to security group '{}', which is not defined{}", role,
                                            db.name, group.value,
                                            did_you_mean(group.value, names_of(spec.network.security_groups))));
  } else if (sg->vpc.value != db.vpc.value) {
    Diagnostic& d = diags.error(group.location, fmt::format("{} '{}' (vpc '{}') cannot use security group '{}' of "
                                                            "vpc '{}'",
                                                            role, db.name, db.vpc.value, sg->name, sg->vpc.value));
    d.notes.push_back({Severity::note, sg->location, "security group declared here", {}});
  }
}

void check_database(const Spec& spec, const Database& db, Diagnostics& diags) {
  check_version(db, diags);
  check_windows(db, diags);
  const Vpc* vpc = spec.find_vpc(db.vpc.value);
  if (vpc == nullptr) {
    if (!db.vpc.value.empty()) {
      diags.error(db.vpc.location, fmt::format("database '{}' refers to vpc '{}', which is not defined{}", db.name,
                                               db.vpc.value, did_you_mean(db.vpc.value, names_of(spec.network.vpcs))));
    }
  } else {
    if (vpc->azs.value < 2) {
      diags.error(db.vpc.location, fmt::format("database '{}' needs subnets in at least 2 AZs; vpc '{}' has {}",
                                               db.name, vpc->name, vpc->azs.value));
    }
    if (!db.tier.value.empty()) {
      auto tier = std::find_if(vpc->tiers.begin(), vpc->tiers.end(),
                               [&](const Tier& t) { return t.name == db.tier.value; });
      if (tier == vpc->tiers.end()) {
        diags.error(db.tier.location, fmt::format("database '{}' refers to tier '{}', which vpc '{}' does not have{}",
                                                  db.name, db.tier.value, vpc->name,
                                                  did_you_mean(db.tier.value, names_of(vpc->tiers))));
      } else if (tier->kind == TierKind::public_) {
        diags.error(db.tier.location, fmt::format("database '{}' must not be placed in public tier '{}'", db.name,
                                                  db.tier.value));
      }
    } else if (std::none_of(vpc->tiers.begin(), vpc->tiers.end(),
                            [](const Tier& t) { return t.kind == TierKind::isolated; })) {
      diags.error(db.location, fmt::format("database '{}' needs an isolated tier in vpc '{}', or 'tier: NAME' naming "
                                           "a private one",
                                           db.name, vpc->name));
    }
  }
  check_group(spec, db, db.security_group, "database", diags);
  check_group(spec, db, db.proxy.security_group, "proxy of database", diags);
  const auto& allowed = db.engine.value == DbEngine::aurora_mysql ? kMysqlLogs : kPostgresLogs;
  for (const auto& log : db.log_exports) {
    if (std::find(allowed.begin(), allowed.end(), log.value) != allowed.end()) continue;
    std::string all;
    for (const std::string& a : allowed) all += (all.empty() ? "" : ", ") + a;
    diags.error(log.location, fmt::format("{} exports no log '{}'; it has {}{}", to_string(db.engine.value),
                                          log.value, all, did_you_mean(log.value, allowed)));
  }
  for (const auto* group : {&db.parameters, &db.instance_parameters}) {
    for (const auto& [key, value] : *group) {
      if (key.value != tls_parameter(db.engine.value)) continue;
      diags.error(key.location, fmt::format("parameter '{}' is set by aip: clients of database '{}' must use TLS",
                                            key.value, db.name));
    }
  }
}

}  // namespace

void check_data(const Spec& spec, Diagnostics& diags) {
  for (const Database& db : spec.data.databases) check_database(spec, db, diags);
}

}  // namespace aip::spec
