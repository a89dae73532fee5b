// AWS Backup (seeds 001 and 004). Per vault: a customer-managed KMS key and the
// vault (with its lock when the spec asks). Per account and region with a
// plan: the role AWS Backup assumes. Per plan: the plan (one rule per spec
// rule: cron schedule, retention, copies) and its selection (the databases and
// buckets it names, and resources by tag).
//
// The backup role carries AWS's managed policies for backup and restore
// (AWSBackupServiceRolePolicyForBackup / ...ForRestores, plus the S3 pair when
// a plan backs up buckets) rather than an inline equivalent: what AWS Backup
// calls differs per resource type and changes as the service adds features,
// AWS maintains these policies for exactly this role, and a hand-written copy
// scoped to today's resources breaks restores the first time the service needs
// one more action. The role trusts only backup.amazonaws.com from this account.
#include <algorithm>

#include <fmt/format.h>

#include "base/arn.hpp"
#include "cfn/intrinsics.hpp"
#include "plan/names.hpp"
#include "plan/plan.hpp"
#include "plan/policy_builder.hpp"
#include "plan/resource_helpers.hpp"
#include "plan/tables.hpp"
#include "spec/load.hpp"
#include "spec/placement.hpp"

namespace aip::plan {
namespace backup_area {

using cfn::Json;
namespace fn = cfn::intrinsic;

cfn::Stack& vault_stack(const spec::Spec& spec, cfn::Assembly& assembly, const spec::BackupVault& v) {
  spec::Placement where = spec::place(spec, v.account, v.region);
  return stack_for(assembly, spec, kLayerBackup, *where.account, where.region);
}

void plan_vault(const spec::Spec& spec, cfn::Assembly& assembly, const spec::BackupVault& v) {
  cfn::Stack& stack = vault_stack(spec, assembly, v);
  const std::string id = backup_vault_id(v.name);
  const std::string name = spec::backup_vault_name(spec, v);
  cfn::Resource& key = add_resource(stack, id + "Key", "AWS::KMS::Key",
                                    {{"Description", fmt::format("Encrypts backup vault {}", name)},
                                     {"EnableKeyRotation", true},
                                     {"PendingWindowInDays", 30},
                                     {"KeyPolicy", policy_doc(Json::array({account_administers_key()}))}},
                                    v.location, v.tags);
  // Recovery points outlive the stack; without their key they are unreadable.
  key.deletion_policy = "Retain";
  Json props = {{"BackupVaultName", name}, {"EncryptionKeyArn", fn::get_att(id + "Key", "Arn")}};
  if (v.lock) {
    Json lock = {{"MinRetentionDays", v.lock->min_days.value}};
    if (v.lock->max_days) lock["MaxRetentionDays"] = v.lock->max_days->value;
    if (v.lock->changeable_days) lock["ChangeableForDays"] = v.lock->changeable_days->value;
    props["LockConfiguration"] = lock;
  }
  cfn::Resource& vault = add_resource(stack, id, "AWS::Backup::BackupVault", props, v.location, v.tags);
  vault.deletion_policy = "Retain";
}

// What a plan backs up by name: its `resources`, then the databases, tables
// and buckets that name it (`backup: PLAN`), in that order.
std::vector<std::string> plan_members(const spec::Spec& spec, const spec::BackupPlan& p) {
  std::vector<std::string> out;
  for (const auto& r : p.resources) out.push_back(r.value);
  for (const spec::Database& db : spec.data.databases) {
    if (db.backup.value == p.name) out.push_back(db.name);
  }
  for (const spec::Table& t : spec.tables.items) {
    if (t.backup.value == p.name) out.push_back(t.name);
  }
  for (const spec::Bucket& b : spec.storage.buckets) {
    if (b.backup.value == p.name) out.push_back(b.name);
  }
  return out;
}

bool backs_up_buckets(const spec::Spec& spec, const spec::BackupPlan& p) {
  for (const std::string& name : plan_members(spec, p)) {
    if (spec.data.find_database(name) == nullptr && spec.tables.find(name) == nullptr &&
        spec.storage.find(name) != nullptr) {
      return true;
    }
  }
  return false;
}

// The role AWS Backup assumes in a stack: one per backup stack, created with
// the first plan there; the S3 policies join when a plan backs up buckets.
void ensure_role(cfn::Stack& stack, bool buckets, Location where) {
  auto managed = [](const char* path) { return fn::sub(aws::arn(aws::kThisPartition, "iam", "", "aws", path)); };
  cfn::Resource* role = stack.find(kBackupRoleId);
  if (role == nullptr) {
    role = &add_resource(stack, kBackupRoleId, "AWS::IAM::Role",
                         {{"AssumeRolePolicyDocument",
                           policy_doc(Json::array({service_assumes_role("backup.amazonaws.com").from_this_account()}))},
                          {"Description", "Lets AWS Backup take and restore the backups of this account and region"},
                          {"ManagedPolicyArns",
                           Json::array({managed("policy/service-role/AWSBackupServiceRolePolicyForBackup"),
                                        managed("policy/service-role/AWSBackupServiceRolePolicyForRestores")})}},
                         where);
  }
  if (!buckets) return;
  Json& arns = role->properties["ManagedPolicyArns"];
  Json s3 = managed("policy/AWSBackupServiceRolePolicyForS3Backup");
  if (std::find(arns.begin(), arns.end(), s3) != arns.end()) return;
  arns.push_back(s3);
  arns.push_back(managed("policy/AWSBackupServiceRolePolicyForS3Restore"));
}

// The backup role reads what it backs up with its own credentials (S3 and the
// classification keys check its tag): it is cleared for the highest level among
// the classified members of its plans, and for nothing above.
void clear_for_members(const spec::Spec& spec, cfn::Resource& role, const std::vector<std::string>& members) {
  std::string level;
  auto tag = role.tags.find(spec::kClearanceTag);
  if (tag != role.tags.end()) level = tag->second;
  for (const std::string& name : members) {
    std::string member;
    if (const spec::Database* db = spec.data.find_database(name)) member = db->classification.value;
    if (const spec::Table* t = spec.tables.find(name)) member = t->classification.value;
    if (const spec::Bucket* b = spec.storage.find(name)) member = b->classification.value;
    if (!member.empty() && (level.empty() || spec.classification.rank(member) > spec.classification.rank(level))) {
      level = member;
    }
  }
  clear_role(role, level);
}

void plan_plan(const spec::Spec& spec, cfn::Assembly& assembly, const spec::BackupPlan& p) {
  const spec::BackupVault& v = *spec.backup.find_vault(p.vault.value);
  cfn::Stack& stack = vault_stack(spec, assembly, v);
  const std::string id = backup_plan_id(p.name);
  const std::string vault_name = spec::backup_vault_name(spec, v);
  Json rules = Json::array();
  for (const spec::BackupRule& r : p.rules) {
    Json lifecycle = {{"DeleteAfterDays", r.retention_days.value}};
    if (r.cold_after_days) lifecycle["MoveToColdStorageAfterDays"] = r.cold_after_days->value;
    Json rule = {{"RuleName", r.name},
                 {"TargetBackupVault", vault_name},
                 {"ScheduleExpression", r.schedule.value},
                 {"StartWindowMinutes", r.start_window_minutes.value},
                 {"CompletionWindowMinutes", r.completion_window_minutes.value},
                 {"Lifecycle", lifecycle}};
    if (!r.copies.empty()) {
      Json copies = Json::array();
      for (const spec::BackupCopy& c : r.copies) {
        copies.push_back({{"DestinationBackupVaultArn", c.vault_arn.value},
                          {"Lifecycle",
                           {{"DeleteAfterDays", c.retention_days ? c.retention_days->value : r.retention_days.value}}}});
      }
      rule["CopyActions"] = copies;
    }
    rules.push_back(rule);
  }
  Json body = {{"BackupPlanName", fmt::format("{}-{}", spec.name.value, p.name)}, {"BackupPlanRule", rules}};
  Json props = {{"BackupPlan", body}};
  cfn::Resource& plan = add_resource(stack, id, "AWS::Backup::BackupPlan", props, p.location, p.tags);
  plan.depends_on.push_back(backup_vault_id(v.name));  // rules name the vault, not its Ref

  ensure_role(stack, backs_up_buckets(spec, p), p.location);
  Json resources = Json::array();
  const std::vector<std::string> members = plan_members(spec, p);
  for (const std::string& name : members) {
    if (const spec::Database* db = spec.data.find_database(name)) {
      const spec::Vpc& vpc = *spec.find_vpc(db->vpc.value);
      cfn::Stack& data = stack_for(assembly, spec, kLayerData, account_of(spec, vpc.account), vpc.region.value);
      resources.push_back(assembly.get_att(stack, data, db_cluster_id(db->name), "DBClusterArn"));
    } else if (const spec::Table* t = spec.tables.find(name)) {
      // By name: the selection lists ARNs, and AWS Backup finds the table when it runs.
      resources.push_back(table_arn(spec, *t));
    } else if (const spec::Bucket* b = spec.storage.find(name)) {
      resources.push_back(
          fn::sub(aws::arn(aws::kThisPartition, "s3", "", "", spec::s3_bucket_name(spec, *b, stack.region))));
    }
  }
  clear_for_members(spec, *stack.find(kBackupRoleId), members);
  Json selection = {{"SelectionName", fmt::format("{}-{}", spec.name.value, p.name)},
                    {"IamRoleArn", fn::get_att(kBackupRoleId, "Arn")}};
  if (!resources.empty()) selection["Resources"] = resources;
  if (!p.select_tags.empty()) {
    Json tags = Json::array();
    for (const auto& [k, val] : p.select_tags) {
      tags.push_back({{"ConditionType", "STRINGEQUALS"}, {"ConditionKey", k}, {"ConditionValue", val.value}});
    }
    selection["ListOfTags"] = tags;
  }
  add_resource(stack, id + "Selection", "AWS::Backup::BackupSelection",
               {{"BackupPlanId", fn::ref(id)}, {"BackupSelection", selection}},
               !p.resources.empty() ? p.resources.front().location : p.location);
}

}  // namespace backup_area

void plan_backup(const spec::Spec& spec, cfn::Assembly& assembly) {
  for (const spec::BackupVault& v : spec.backup.vaults) backup_area::plan_vault(spec, assembly, v);
  for (const spec::BackupPlan& p : spec.backup.plans) backup_area::plan_plan(spec, assembly, p);
}

}  // namespace aip::plan
