// The `backup:` area of the spec: AWS Backup vaults (a customer-managed KMS key
// each, vault lock where asked), plans (rules with a cron schedule, retention
// and copies to vaults in other regions or accounts) and what each plan backs
// up: databases and buckets of the spec by name, or resources by tag. Seed 001
// (database snapshots every 6 hours) and seed 004 (a backup role, 7 days).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "spec/located.hpp"

namespace aip::spec {

// Vault lock (AWS::Backup::BackupVault LockConfiguration). Without
// `changeable_days` the lock is governance mode; with it, compliance mode:
// after that many days nobody, root included, can shorten retention.
struct VaultLock {
  Location location;
  Located<int> min_days{1, {}};
  std::optional<Located<int>> max_days;
  std::optional<Located<int>> changeable_days;
};

struct BackupVault {
  std::string name;
  Location location;
  Located<std::string> account;
  Located<std::string> region;
  Located<std::string> vault_name;  // the AWS name; default "<platform>-<name>"
  std::optional<VaultLock> lock;
  Tags tags;
};

// A copy of each recovery point to another vault (another region or account).
struct BackupCopy {
  Location location;
  Located<std::string> vault_arn;  // arn:<partition>:backup:<region>:<account>:backup-vault:<name>
  std::optional<Located<int>> retention_days;  // default: the rule's
};

struct BackupRule {
  std::string name;
  Location location;
  Located<std::string> schedule;  // cron(...) in UTC
  Located<int> retention_days;    // required: recovery points expire
  std::optional<Located<int>> cold_after_days;
  Located<int> start_window_minutes{60, {}};
  Located<int> completion_window_minutes{480, {}};
  std::vector<BackupCopy> copies;
};

struct BackupPlan {
  std::string name;
  Location location;
  Located<std::string> vault;  // a vault of this area; the plan lives where it lives
  std::vector<BackupRule> rules;
  // What the plan backs up: databases and buckets of the spec by name, and
  // every resource carrying one of these tags (Key: value).
  std::vector<Located<std::string>> resources;
  Tags select_tags;
  Tags tags;
};

struct Backup {
  Location location;  // where `backup:` was written; invalid when absent
  std::vector<BackupVault> vaults;
  std::vector<BackupPlan> plans;

  const BackupVault* find_vault(std::string_view name) const {
    for (const BackupVault& v : vaults) {
      if (v.name == name) return &v;
    }
    return nullptr;
  }
};

struct Spec;
std::string backup_vault_name(const Spec& spec, const BackupVault& vault);

}  // namespace aip::spec
