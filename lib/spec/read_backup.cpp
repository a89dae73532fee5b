// The `backup:` area: AWS Backup vaults and plans, read (checks: check_backup.cpp).
#include <fmt/format.h>

#include "base/pattern.hpp"
#include "spec/field_reader.hpp"
#include "spec/load.hpp"
#include "spec/placement.hpp"

namespace aip::spec {
namespace read_backup_area {

// AWS Backup's schedule: a cron expression of six fields, in UTC.
const Pattern& backup_cron() {
  static const Pattern p(R"(cron\([^ ()]+( [^ ()]+){5}\))");
  return p;
}
const Pattern& backup_vault_arn() {
  static const Pattern p(R"(arn:aws[a-z-]*:backup:[a-z0-9-]+:[0-9]{12}:backup-vault:[A-Za-z0-9_-]{2,50})");
  return p;
}
const Pattern& vault_name_shape() {
  static const Pattern p(R"([A-Za-z0-9_-]{2,50})");
  return p;
}

void read_lock(const YamlNode& n, BackupVault& v, Diagnostics& diags) {
  Fields f(n, fmt::format("lock of vault '{}'", v.name), diags);
  if (!f.ok()) return;
  VaultLock lock;
  lock.location = n.location;
  f.integer("min_days", {1, 36500}, lock.min_days, Presence::required);
  f.integer("max_days", {1, 36500}, lock.max_days);
  f.integer("changeable_days", {3, 36500}, lock.changeable_days);
  v.lock = lock;
}

void read_vault(const YamlNode& key, const YamlNode& value, Spec& spec, Diagnostics& diags) {
  if (!check_name(key, "vault", diags)) return;
  BackupVault v;
  v.name = key.scalar;
  v.location = key.location;
  Fields f(value, fmt::format("vault '{}'", v.name), diags, key.location);
  if (!f.ok()) return;
  f.text("account", v.account);
  f.region("region", v.region);
  f.text("vault_name", vault_name_shape(),
         "vault name '{}' must be 2 to 50 letters, digits, '-' and '_' (AWS Backup's limit)", v.vault_name);
  if (const YamlNode* l = f.optional("lock")) read_lock(*l, v, diags);
  f.tags(v.tags);
  spec.backup.vaults.push_back(std::move(v));
}

void read_copy(const YamlNode& n, BackupRule& r, Diagnostics& diags) {
  BackupCopy c;
  c.location = n.location;
  Fields f(n, fmt::format("copy of backup rule '{}'", r.name), diags);
  if (!f.ok()) return;
  f.text("vault_arn", backup_vault_arn(),
         "'vault_arn' must be a backup vault ARN (arn:aws:backup:REGION:ACCOUNT:backup-vault:NAME), got '{}'",
         c.vault_arn, Presence::required);
  f.integer("retention_days", {1, 36500}, c.retention_days);
  r.copies.push_back(std::move(c));
}

void read_rule(const YamlNode& key, const YamlNode& value, BackupPlan& p, Diagnostics& diags) {
  if (!check_name(key, "backup rule", diags)) return;
  BackupRule r;
  r.name = key.scalar;
  r.location = key.location;
  Fields f(value, fmt::format("backup rule '{}'", r.name), diags, key.location);
  if (!f.ok()) return;
  f.text("schedule", backup_cron(),
         "'schedule' must be a cron expression of six fields in UTC, e.g. 'cron(0 */6 * * ? *)', got '{}'", r.schedule,
         Presence::required);
  f.integer("retention_days", {1, 36500}, r.retention_days, Presence::required);
  f.integer("cold_after_days", {1, 36500}, r.cold_after_days);
  f.integer("start_window_minutes", {60, 43200}, r.start_window_minutes);
  f.integer("completion_window_minutes", {60, 43200}, r.completion_window_minutes);
  if (const YamlNode* c = f.optional("copy_to")) {
    for (const YamlNode* item : read_list(*c, "copy_to", diags)) read_copy(*item, r, diags);
  }
  p.rules.push_back(std::move(r));
}

void read_plan(const YamlNode& key, const YamlNode& value, Spec& spec, Diagnostics& diags) {
  if (!check_name(key, "backup plan", diags)) return;
  BackupPlan p;
  p.name = key.scalar;
  p.location = key.location;
  Fields f(value, fmt::format("backup plan '{}'", p.name), diags, key.location);
  if (!f.ok()) return;
  f.text("vault", p.vault, Presence::required);
  read_named(f, "rules", "backup rule", diags,
             [&](const YamlNode& k, const YamlNode& v) { read_rule(k, v, p, diags); });
  if (f.optional("rules") == nullptr) {
    diags.error(p.location, fmt::format("backup plan '{}' needs 'rules' (a schedule and a retention each)", p.name));
  }
  f.strings("resources", p.resources);
  if (const YamlNode* t = f.optional("select_tags")) p.select_tags = read_tags(*t, diags);
  f.tags(p.tags);
  spec.backup.plans.push_back(std::move(p));
}

}  // namespace read_backup_area

std::string backup_vault_name(const Spec& spec, const BackupVault& vault) {
  if (!vault.vault_name.value.empty()) return vault.vault_name.value;
  return fmt::format("{}-{}", spec.name.value, vault.name);
}

void read_backup(const YamlNode& node, Spec& spec, Diagnostics& diags) {
  spec.backup.location = node.location;
  Fields f(node, "'backup'", diags);
  if (!f.ok()) return;
  read_named(f, "vaults", "vault", diags, [&](const YamlNode& k, const YamlNode& v) {
    read_backup_area::read_vault(k, v, spec, diags);
  });
  read_named(f, "plans", "backup plan", diags, [&](const YamlNode& k, const YamlNode& v) {
    read_backup_area::read_plan(k, v, spec, diags);
  });
}

}  // namespace aip::spec
