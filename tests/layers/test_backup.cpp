// AWS Backup (backup:): vaults with their keys and locks, plans with cron
// schedules, retention and copies, selections by name and tag, the backup role.
#include <catch2/catch.hpp>

#include "support/plan_text.hpp"

using aip::cfn::Json;
using aip::test::errors_of;
using aip::test::kHeader;
using aip::test::plan_text;

namespace {

const char* kBackupData =
    "network:\n"
    "  vpcs:\n"
    "    main: {cidr: 10.0.0.0/16, azs: 2, tiers: {private: 24, db: {kind: isolated, size: 24}}}\n"
    "data:\n"
    "  databases:\n"
    "    appdb: {vpc: main, instances: 1, proxy: false}\n"
    "storage:\n"
    "  buckets:\n"
    "    docs: {access_logs: false}\n"
    "    scratch: {access_logs: false, versioning: false}\n";

std::string with_backup_area(const std::string& backup) { return std::string(kBackupData) + "backup:\n" + backup; }

const char* kBackupVault = "  vaults:\n    main: {}\n";

}  // namespace

TEST_CASE("a vault gets its own rotating key, and its lock when asked") {
  auto p = plan_text(std::string(kHeader) +
                     with_backup_area("  vaults:\n"
                                 "    main: {lock: {min_days: 7, max_days: 35, changeable_days: 3}, tags: {Team: x}}\n"
                                 "    plain: {vault_name: other-name}\n"));
  CHECK(p.schema_findings().empty());
  const auto& s = p.stack("test-dev-backup");
  const auto& vault = *s.find("MainBackupVault");
  CHECK(vault.properties["BackupVaultName"] == "test-main");
  CHECK(vault.properties["EncryptionKeyArn"] == Json::parse(R"({"Fn::GetAtt": ["MainBackupVaultKey", "Arn"]})"));
  CHECK(vault.properties["LockConfiguration"] ==
        Json::parse(R"({"MinRetentionDays": 7, "MaxRetentionDays": 35, "ChangeableForDays": 3})"));
  // The element's tags, written by the renderer into BackupVaultTags with the platform's and aip's.
  CHECK(vault.tags == std::map<std::string, std::string>{{"Team", "x"}});
  const Json rendered = p.rendered_properties("MainBackupVault");
  CHECK(rendered["BackupVaultTags"]["Team"] == "x");
  CHECK(rendered["BackupVaultTags"]["aip:stack"] == "test-dev-backup");
  CHECK_FALSE(rendered.contains("Tags"));
  CHECK(vault.deletion_policy == "Retain");
  CHECK(s.find("MainBackupVaultKey")->properties["EnableKeyRotation"] == true);
  CHECK(s.find("MainBackupVaultKey")->deletion_policy == "Retain");
  const auto& plain = *s.find("PlainBackupVault");
  CHECK(plain.properties["BackupVaultName"] == "other-name");
  CHECK_FALSE(plain.properties.contains("LockConfiguration"));
  // No plan: no role.
  CHECK(s.find("BackupRole") == nullptr);
}

TEST_CASE("a plan renders its rules, copies and a selection of the named database and bucket") {
  auto p = plan_text(std::string(kHeader) +
                     with_backup_area(std::string(kBackupVault) +
                                 "  plans:\n"
                                 "    snaps:\n"
                                 "      vault: main\n"
                                 "      rules:\n"
                                 "        six-hourly: {schedule: \"cron(0 */6 * * ? *)\", retention_days: 7}\n"
                                 "        monthly:\n"
                                 "          schedule: \"cron(0 5 1 * ? *)\"\n"
                                 "          retention_days: 400\n"
                                 "          cold_after_days: 30\n"
                                 "          copy_to: [{vault_arn: \"arn:aws:backup:us-west-2:444444444444:backup-vault:dr\"}]\n"
                                 "      resources: [appdb, docs]\n"
                                 "      select_tags: {Backup: daily}\n"));
  CHECK(p.schema_findings().empty());
  const auto& s = p.stack("test-dev-backup");
  const auto& plan = *s.find("SnapsBackupPlan");
  const Json& body = plan.properties["BackupPlan"];
  CHECK(body["BackupPlanName"] == "test-snaps");
  REQUIRE(body["BackupPlanRule"].size() == 2);
  const Json& six = body["BackupPlanRule"][0];
  CHECK(six["RuleName"] == "six-hourly");
  CHECK(six["TargetBackupVault"] == "test-main");
  CHECK(six["ScheduleExpression"] == "cron(0 */6 * * ? *)");
  CHECK(six["Lifecycle"] == Json::parse(R"({"DeleteAfterDays": 7})"));
  CHECK_FALSE(six.contains("CopyActions"));
  const Json& monthly = body["BackupPlanRule"][1];
  CHECK(monthly["Lifecycle"] == Json::parse(R"({"DeleteAfterDays": 400, "MoveToColdStorageAfterDays": 30})"));
  CHECK(monthly["CopyActions"] == Json::parse(R"([{"DestinationBackupVaultArn":
      "arn:aws:backup:us-west-2:444444444444:backup-vault:dr", "Lifecycle": {"DeleteAfterDays": 400}}])"));
  CHECK(plan.depends_on == std::vector<std::string>{"MainBackupVault"});

  const Json& sel = s.find("SnapsBackupPlanSelection")->properties;
  CHECK(sel["BackupPlanId"] == Json::parse(R"({"Ref": "SnapsBackupPlan"})"));
  CHECK(sel["BackupSelection"]["IamRoleArn"] == Json::parse(R"({"Fn::GetAtt": ["BackupRole", "Arn"]})"));
  const Json& resources = sel["BackupSelection"]["Resources"];
  REQUIRE(resources.size() == 2);
  CHECK(resources[0] == Json::parse(R"({"Fn::ImportValue": "test-dev-data:AppdbDbClusterDBClusterArn"})"));
  CHECK(resources[1] == Json::parse(R"({"Fn::Sub": "arn:${AWS::Partition}:s3:::test-docs-123456789012-us-east-1"})"));
  CHECK(sel["BackupSelection"]["ListOfTags"] ==
        Json::parse(R"([{"ConditionType": "STRINGEQUALS", "ConditionKey": "Backup", "ConditionValue": "daily"}])"));

  // The role trusts AWS Backup only and carries the managed policies, with the S3 pair for the bucket.
  const auto& role = *s.find("BackupRole");
  CHECK(role.properties["AssumeRolePolicyDocument"]["Statement"][0]["Principal"] ==
        Json::parse(R"({"Service": "backup.amazonaws.com"})"));
  const Json& managed = role.properties["ManagedPolicyArns"];
  REQUIRE(managed.size() == 4);
  CHECK(managed[0] == Json::parse(R"({"Fn::Sub":
      "arn:${AWS::Partition}:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup"})"));
  CHECK(managed[2] == Json::parse(R"({"Fn::Sub": "arn:${AWS::Partition}:iam::aws:policy/AWSBackupServiceRolePolicyForS3Backup"})"));
}

TEST_CASE("a plan of databases only has no S3 policies, and two plans share one role") {
  auto p = plan_text(std::string(kHeader) +
                     with_backup_area(std::string(kBackupVault) +
                                 "  plans:\n"
                                 "    a: {vault: main, rules: {r: {schedule: \"cron(0 3 * * ? *)\", retention_days: 7}}, "
                                 "resources: [appdb]}\n"
                                 "    b: {vault: main, rules: {r: {schedule: \"cron(0 4 * * ? *)\", retention_days: 7}}, "
                                 "select_tags: {Backup: \"yes\"}}\n"));
  const auto& s = p.stack("test-dev-backup");
  CHECK(s.find("BackupRole")->properties["ManagedPolicyArns"].size() == 2);
  CHECK(s.find("ABackupPlanSelection") != nullptr);
  CHECK_FALSE(s.find("BBackupPlanSelection")->properties["BackupSelection"].contains("Resources"));
}

TEST_CASE("backup reader errors name the key and line") {
  CHECK_THAT(errors_of(with_backup_area("  vaults:\n    main: {lock: {max_days: 3}, colour: red}\n")),
             Catch::Contains("spec.yaml:17:33: unknown key 'colour'") &&
                 Catch::Contains("spec.yaml:17:18: lock of vault 'main' is missing required key 'min_days'"));
  CHECK_THAT(errors_of(with_backup_area("  vaults:\n    main: {vault_name: \"a b\"}\n")),
             Catch::Contains("spec.yaml:17:24: vault name 'a b' must be 2 to 50 letters"));
  CHECK_THAT(errors_of(with_backup_area("  vaults:\n    main: {lock: {min_days: 1, changeable_days: 2}}\n")),
             Catch::Contains("spec.yaml:17:49: 'changeable_days' must be between 3 and 36500, got 2"));
  CHECK_THAT(errors_of(with_backup_area(std::string(kBackupVault) +
                                   "  plans:\n    p: {vault: main, rules: {r: {schedule: \"daily\", retention_days: 7}}, "
                                   "resources: [appdb]}\n")),
             Catch::Contains("spec.yaml:19:44: 'schedule' must be a cron expression of six fields"));
  CHECK_THAT(errors_of(with_backup_area(std::string(kBackupVault) +
                                   "  plans:\n    p: {vault: main, rules: {r: {schedule: \"cron(0 3 * * ? *)\"}}, "
                                   "resources: [appdb]}\n")),
             Catch::Contains("spec.yaml:19:30: backup rule 'r' is missing required key 'retention_days'"));
  CHECK_THAT(errors_of(with_backup_area(std::string(kBackupVault) + "  plans:\n    p: {vault: main, resources: [appdb]}\n")),
             Catch::Contains("spec.yaml:19:5: backup plan 'p' needs 'rules'"));
  CHECK_THAT(errors_of(with_backup_area(std::string(kBackupVault) +
                                   "  plans:\n    p: {rules: {r: {schedule: \"cron(0 3 * * ? *)\", retention_days: 7}}, "
                                   "resources: [appdb]}\n")),
             Catch::Contains("spec.yaml:19:5: backup plan 'p' is missing required key 'vault'"));
  CHECK_THAT(errors_of(with_backup_area(std::string(kBackupVault) +
                                   "  plans:\n    p:\n      vault: main\n      rules:\n        r:\n"
                                   "          schedule: \"cron(0 3 * * ? *)\"\n          retention_days: 7\n"
                                   "          copy_to: [{vault_arn: \"arn:aws:s3:::nope\"}]\n      resources: [appdb]\n")),
             Catch::Contains("spec.yaml:25:33: 'vault_arn' must be a backup vault ARN"));
  CHECK_THAT(errors_of(with_backup_area("  vaults: [main]\n")),
             Catch::Contains("spec.yaml:16:11: 'vaults' must map vault names to their settings"));
}

TEST_CASE("backup checks: vaults, references, placement, versioning, cold storage") {
  auto plan = [](const std::string& rule, const std::string& rest) {
    return with_backup_area(std::string(kBackupVault) + "  plans:\n    p:\n      vault: main\n      rules:\n        r: {schedule: \"cron(0 3 * * ? *)\", " +
                       rule + "}\n" + rest);
  };
  CHECK_THAT(errors_of(plan("retention_days: 7", "      resources: [appbd]\n")),
             Catch::Contains("spec.yaml:23:19: backup plan 'p' backs up 'appbd', which is not a database, "
                             "table or bucket of the spec; did you mean 'appdb'?"));
  CHECK_THAT(errors_of(plan("retention_days: 7", "      resources: [scratch]\n")),
             Catch::Contains("spec.yaml:23:19: backup plan 'p' backs up bucket 'scratch', which has "
                             "`versioning: false`"));
  CHECK_THAT(errors_of(plan("retention_days: 7", "      resources: [docs, docs]\n")),
             Catch::Contains("spec.yaml:23:25: backup plan 'p' names 'docs' twice"));
  CHECK_THAT(errors_of(plan("retention_days: 7", "")),
             Catch::Contains("spec.yaml:19:5: backup plan 'p' selects nothing"));
  CHECK_THAT(errors_of(plan("retention_days: 100, cold_after_days: 30", "      resources: [docs]\n")),
             Catch::Contains("spec.yaml:22:60: backup rule 'r' of plan 'p' moves recovery points to cold "
                             "storage after 30 days, so 'retention_days' must be at least 120"));
  CHECK_THAT(errors_of(with_backup_area(std::string(kBackupVault) +
                                   "  plans:\n    p: {vault: mian, rules: {r: {schedule: \"cron(0 3 * * ? *)\", "
                                   "retention_days: 7}}, resources: [docs]}\n")),
             Catch::Contains("spec.yaml:19:16: backup plan 'p' refers to vault 'mian', which is not defined; "
                             "did you mean 'main'?"));
  CHECK_THAT(errors_of(with_backup_area("  vaults:\n    main: {lock: {min_days: 30, max_days: 7}}\n")),
             Catch::Contains("spec.yaml:17:43: vault 'main' locks recovery points for at most 7 days but at "
                             "least 30"));
  CHECK_THAT(errors_of(with_backup_area("  vaults:\n    a: {vault_name: same}\n    b: {vault_name: same}\n")),
             Catch::Contains("spec.yaml:18:5: vaults 'a' and 'b' would both be named 'same'"));
  CHECK_THAT(errors_of(with_backup_area("  vaults:\n    main: {account: prod}\n")),
             Catch::Contains("spec.yaml:17:21: vault 'main' refers to account 'prod', which is not defined"));
  // A plan backs up what is in its vault's account and region.
  CHECK_THAT(errors_of(with_backup_area("  vaults:\n    main: {region: us-west-2}\n  plans:\n    p: {vault: main, rules: "
                                   "{r: {schedule: \"cron(0 3 * * ? *)\", retention_days: 7}}, resources: [docs]}\n")),
             Catch::Contains("spec.yaml:19:98: backup plan 'p' (account dev, us-west-2) backs up 'docs' "
                             "(account dev, us-east-1)"));
}
