// Checks of the `backup:` area across elements and areas: vault placement and
// lock ranges, plans naming a vault, what each plan backs up (databases and
// buckets of the spec, where the vault is; buckets versioned, as AWS Backup
// requires), retention against cold storage.
#include <algorithm>

#include <fmt/format.h>

#include "base/did_you_mean.hpp"
#include "spec/load.hpp"
#include "spec/placement.hpp"

namespace aip::spec {
namespace check_backup_area {

void check_vault(const Spec& spec, const BackupVault& v, Diagnostics& diags) {
  place(spec, v.account, v.region, fmt::format("vault '{}'", v.name), v.location, diags);
  if (v.lock && v.lock->max_days && v.lock->max_days->value < v.lock->min_days.value) {
    diags.error(v.lock->max_days->location,
                fmt::format("vault '{}' locks recovery points for at most {} days but at least {}: 'max_days' must "
                            "not be below 'min_days'",
                            v.name, v.lock->max_days->value, v.lock->min_days.value));
  }
}

void check_rule(const BackupPlan& p, const BackupRule& r, Diagnostics& diags) {
  // AWS Backup keeps a recovery point in cold storage for at least 90 days.
  if (r.cold_after_days && r.retention_days.value < r.cold_after_days->value + 90) {
    diags.error(r.retention_days.location,
                fmt::format("backup rule '{}' of plan '{}' moves recovery points to cold storage after {} days, so "
                            "'retention_days' must be at least {} (90 days in cold storage)",
                            r.name, p.name, r.cold_after_days->value, r.cold_after_days->value + 90));
  }
}

// A database, table or bucket of the spec, by name; what `resources:` names or
// an element's own `backup: PLAN` (then `name` is that key, at its place).
void check_resource(const Spec& spec, const BackupPlan& p, const Placement& here, const Located<std::string>& name,
                    Diagnostics& diags) {
  Placement there;
  if (const Database* db = spec.data.find_database(name.value)) {
    if (const Vpc* vpc = spec.find_vpc(db->vpc.value)) there = place(spec, vpc->account, vpc->region);
  } else if (const Table* t = spec.tables.find(name.value)) {
    there = table_placement(spec, *t);
  } else if (const Bucket* b = spec.storage.find(name.value)) {
    there = place(spec, b->account, b->region);
    if (!b->versioning.value) {
      Diagnostic& d = diags.error(name.location,
                                  fmt::format("backup plan '{}' backs up bucket '{}', which has `versioning: false`; "
                                              "AWS Backup needs versioning on S3 buckets (remove `versioning: false`)",
                                              p.name, b->name));
      if (b->versioning.location.valid()) d.notes.push_back({Severity::note, b->versioning.location, "versioning is turned off here", {}});
    }
  } else {
    std::vector<std::string> names = names_of(spec.data.databases);
    for (const Table& table : spec.tables.items) names.push_back(table.name);
    for (const Bucket& bucket : spec.storage.buckets) names.push_back(bucket.name);
    diags.error(name.location, fmt::format("backup plan '{}' backs up '{}', which is not a database, table or bucket "
                                           "of the spec{}",
                                           p.name, name.value, did_you_mean(name.value, names)));
    return;
  }
  if (here.known() && there.known() && here != there) {
    diags.error(name.location, fmt::format("backup plan '{}' ({}) backs up '{}' ({}): a plan backs up what is in "
                                           "its vault's account and region",
                                           p.name, here.str(), name.value, there.str()));
  }
}

// The elements whose `backup:` names `plan`, as {element name, at the `backup:` key}.
std::vector<Located<std::string>> backed_up_by(const Spec& spec, const std::string& plan) {
  std::vector<Located<std::string>> out;
  auto add = [&](const std::string& name, const Located<std::string>& backup) {
    if (backup.value == plan) out.push_back({name, backup.location});
  };
  for (const Database& db : spec.data.databases) add(db.name, db.backup);
  for (const Table& t : spec.tables.items) add(t.name, t.backup);
  for (const Bucket& b : spec.storage.buckets) add(b.name, b.backup);
  return out;
}

void check_plan(const Spec& spec, const BackupPlan& p, Diagnostics& diags) {
  const BackupVault* vault = spec.backup.find_vault(p.vault.value);
  Placement here;
  if (vault == nullptr && !p.vault.value.empty()) {
    diags.error(p.vault.location, fmt::format("backup plan '{}' refers to vault '{}', which is not defined{}", p.name,
                                              p.vault.value, did_you_mean(p.vault.value, names_of(spec.backup.vaults))));
  } else if (vault != nullptr) {
    here = place(spec, vault->account, vault->region);
  }
  const std::vector<Located<std::string>> named = backed_up_by(spec, p.name);
  if (p.resources.empty() && p.select_tags.empty() && named.empty()) {
    diags.error(p.location, fmt::format("backup plan '{}' selects nothing: name databases, tables and buckets under "
                                        "'resources' (or `backup: {}` on them), or tags under 'select_tags'",
                                        p.name, p.name));
  }
  for (const BackupRule& r : p.rules) check_rule(p, r, diags);
  std::vector<std::string> seen;
  for (const Located<std::string>& name : p.resources) {
    if (std::find(seen.begin(), seen.end(), name.value) != seen.end()) {
      diags.error(name.location, fmt::format("backup plan '{}' names '{}' twice in 'resources'", p.name, name.value));
      continue;
    }
    seen.push_back(name.value);
    check_resource(spec, p, here, name, diags);
  }
  // Elements that name the plan themselves (`backup: PLAN`): `name` is the element's name at its key.
  for (const Located<std::string>& name : named) {
    if (std::find(seen.begin(), seen.end(), name.value) != seen.end()) {
      diags.error(name.location, fmt::format("'{}' names backup plan '{}', whose 'resources' list it too: keep one",
                                             name.value, p.name));
      continue;
    }
    check_resource(spec, p, here, name, diags);
  }
}

// An element's `backup:` naming no plan.
void check_element_plan(const Spec& spec, const std::string& what, const Located<std::string>& backup,
                        Diagnostics& diags) {
  if (backup.value.empty()) return;
  for (const BackupPlan& p : spec.backup.plans) {
    if (p.name == backup.value) return;
  }
  diags.error(backup.location, fmt::format("{} names backup plan '{}', which is not defined under `backup: plans`{}",
                                           what, backup.value, did_you_mean(backup.value, names_of(spec.backup.plans))));
}

}  // namespace check_backup_area

void check_backup(const Spec& spec, Diagnostics& diags) {
  std::vector<std::pair<std::string, const BackupVault*>> names;
  for (const BackupVault& v : spec.backup.vaults) {
    check_backup_area::check_vault(spec, v, diags);
    const std::string name = backup_vault_name(spec, v);
    for (const auto& [other, ov] : names) {
      if (other != name) continue;
      Diagnostic& d = diags.error(v.location, fmt::format("vaults '{}' and '{}' would both be named '{}'", ov->name,
                                                          v.name, name));
      d.notes.push_back({Severity::note, ov->location, "first vault declared here", {}});
    }
    names.emplace_back(name, &v);
  }
  for (const BackupPlan& p : spec.backup.plans) check_backup_area::check_plan(spec, p, diags);
  using check_backup_area::check_element_plan;
  for (const Database& db : spec.data.databases) check_element_plan(spec, fmt::format("database '{}'", db.name), db.backup, diags);
  for (const Table& t : spec.tables.items) check_element_plan(spec, fmt::format("table '{}'", t.name), t.backup, diags);
  for (const Bucket& b : spec.storage.buckets) check_element_plan(spec, fmt::format("bucket '{}'", b.name), b.backup, diags);
}

}  // namespace aip::spec
