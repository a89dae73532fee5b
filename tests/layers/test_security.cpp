// security: GuardDuty, Security Hub, Access Analyzer and the Config recorder
// in every account's security stack; compliance packs deploy Config rules;
// audit buckets with Object Lock; trails with KMS and retention.
#include <algorithm>

#include <catch2/catch.hpp>

#include "spec/compliance.hpp"
#include "support/plan_text.hpp"

using aip::cfn::Json;
using aip::test::errors_of;
using aip::test::kHeader;
using aip::test::plan_text;

namespace {

const char* kTwoAccounts =
    "aip: 1\n"
    "name: test\n"
    "accounts:\n"
    "  audit: {id: \"111111111111\", region: us-east-1}\n"
    "  dev: {id: \"333333333333\", region: eu-west-1}\n";

const char* kAudit =
    "storage:\n"
    "  buckets:\n"
    "    audit: {preset: logs, receives: [cloudtrail, config]}\n";

std::vector<std::string> feature_status(const aip::cfn::Resource& detector) {
  std::vector<std::string> out;
  for (const Json& f : detector.properties["Features"]) {
    out.push_back(f["Name"].get<std::string>() + "=" + f["Status"].get<std::string>());
  }
  return out;
}

}  // namespace

TEST_CASE("security renders a detector, a hub with standards, an analyzer and a recorder in the account") {
  auto p = plan_text(std::string(kHeader) + "compliance: [pci-dss]\n" + kAudit +
                     "security:\n"
                     "  guardduty: {}\n"
                     "  security_hub: {}\n"
                     "  config: {bucket: audit}\n");
  CHECK(p.schema_findings().empty());
  const auto& s = p.stack("test-dev-security");
  // GuardDuty: every feature named; S3 on because the account holds a bucket.
  const auto& d = *s.find("GuardDutyDetector");
  CHECK(d.properties["Enable"] == true);
  CHECK(d.properties["FindingPublishingFrequency"] == "FIFTEEN_MINUTES");
  CHECK(feature_status(d) == std::vector<std::string>{"S3_DATA_EVENTS=ENABLED", "EKS_AUDIT_LOGS=DISABLED",
                                                      "EBS_MALWARE_PROTECTION=DISABLED", "RDS_LOGIN_EVENTS=DISABLED",
                                                      "LAMBDA_NETWORK_LOGS=DISABLED", "RUNTIME_MONITORING=DISABLED"});
  // Security Hub: no default standards; the defaults plus PCI DSS for the pack, ARNs of the region.
  CHECK(s.find("SecurityHub")->properties["EnableDefaultStandards"] == false);
  CHECK(s.find("SecurityHubStandardAwsFoundational")->properties["StandardsArn"] ==
        "arn:aws:securityhub:us-east-1::standards/aws-foundational-security-best-practices/v/1.0.0");
  CHECK(s.find("SecurityHubStandardCis14")->properties["StandardsArn"] ==
        "arn:aws:securityhub:us-east-1::standards/cis-aws-foundations-benchmark/v/1.4.0");
  CHECK(s.find("SecurityHubStandardPciDss")->depends_on == std::vector<std::string>{"SecurityHub"});
  CHECK(s.find("SecurityHubStandardNist80053") == nullptr);
  CHECK(s.find("AccessAnalyzer")->properties["Type"] == "ACCOUNT");
  // Config: every type, global ones too; delivery to the audit bucket by name.
  const auto& r = *s.find("ConfigRecorder");
  CHECK(r.properties["RecordingGroup"] == Json::parse(R"({"AllSupported": true, "IncludeGlobalResourceTypes": true})"));
  CHECK(r.properties["RecordingMode"]["RecordingFrequency"] == "CONTINUOUS");
  const auto& channel = *s.find("ConfigDeliveryChannel");
  CHECK(channel.properties["S3BucketName"] == "test-audit-123456789012-us-east-1");
  CHECK(channel.properties.count("S3KmsKeyArn") == 0);
  CHECK(s.dependencies.count("test-dev-storage") == 1);
  const Json& deliver = s.find("ConfigRecorderRole")->properties["Policies"][0]["PolicyDocument"]["Statement"];
  CHECK(deliver[1]["Resource"] ==
        Json::parse(R"({"Fn::Sub": "arn:${AWS::Partition}:s3:::test-audit-123456789012-us-east-1/AWSLogs/${AWS::AccountId}/*"})"));
  // The pci-dss pack's managed rules, after the recorder and the channel.
  const auto& tls = *s.find("ConfigRuleS3BucketSslRequestsOnly");
  CHECK(tls.properties["Source"] == Json::parse(R"({"Owner": "AWS", "SourceIdentifier": "S3_BUCKET_SSL_REQUESTS_ONLY"})"));
  CHECK(tls.properties["ConfigRuleName"] == "test-s3-bucket-ssl-requests-only");
  CHECK(tls.depends_on == std::vector<std::string>{"ConfigRecorder", "ConfigDeliveryChannel"});
  CHECK(s.find("ConfigRuleVpcSgOpenOnlyToAuthorizedPorts")->properties["InputParameters"] ==
        Json::parse(R"({"authorizedTcpPorts": "443"})"));
  CHECK(s.find("ConfigRuleCwLoggroupRetentionPeriodCheck") != nullptr);  // pci-dss keeps logs a year
  CHECK(s.find("ConfigRuleKmsCmkNotScheduledForDeletion") != nullptr);
  // The bucket admits Config of this account.
  const Json& policy = p.stack("test-dev-storage").find("AuditBucketPolicy")->properties["PolicyDocument"]["Statement"];
  bool config_write = false;
  for (const Json& st : policy) {
    if (st["Sid"] != "ConfigWrite") continue;
    config_write = true;
    CHECK(st["Principal"] == Json::parse(R"({"Service": "config.amazonaws.com"})"));
    CHECK(st["Resource"] == Json::parse(R"({"Fn::Sub": "${AuditBucket.Arn}/AWSLogs/123456789012/Config/*"})"));
    CHECK(st["Condition"]["StringEquals"]["aws:SourceAccount"] == Json::parse(R"(["123456789012"])"));
  }
  CHECK(config_write);
}

TEST_CASE("without packs or with pack_rules off, the recorder deploys no rules") {
  auto count_rules = [](const aip::cfn::Stack& s) {
    return std::count_if(s.resources.begin(), s.resources.end(),
                         [](const aip::cfn::Resource& r) { return r.type == "AWS::Config::ConfigRule"; });
  };
  auto none = plan_text(std::string(kHeader) + kAudit + "security:\n  config: {bucket: audit}\n");
  CHECK(count_rules(none.stack("test-dev-security")) == 0);
  auto off = plan_text(std::string(kHeader) + "compliance: [sox]\n" + kAudit +
                       "security:\n  config: {bucket: audit, pack_rules: false}\n");
  CHECK(count_rules(off.stack("test-dev-security")) == 0);
  auto sox = plan_text(std::string(kHeader) + "compliance: [sox, gdpr]\n" + kAudit +
                       "security:\n  config: {bucket: audit, frequency: daily, snapshot_hours: 12, prefix: cfg}\n");
  const auto& s = sox.stack("test-dev-security");
  // Each managed rule once, however many packs name it.
  CHECK(count_rules(s) == static_cast<long>(aip::spec::config_rules_of({"sox", "gdpr"}).size()));
  CHECK(s.find("ConfigRuleRootAccountMfaEnabled") != nullptr);
  CHECK(s.find("ConfigRuleSecurityhubEnabled") == nullptr);  // not a sox or gdpr rule
  CHECK(s.find("ConfigRecorder")->properties["RecordingMode"]["RecordingFrequency"] == "DAILY");
  CHECK(s.find("ConfigDeliveryChannel")->properties["ConfigSnapshotDeliveryProperties"]["DeliveryFrequency"] ==
        "Twelve_Hours");
  CHECK(s.find("ConfigDeliveryChannel")->properties["S3KeyPrefix"] == "cfg");
  // No access analyzer when asked, no GuardDuty or hub unless written.
  auto quiet = plan_text(std::string(kHeader) + "security: {access_analyzer: none}\n");
  CHECK_FALSE(quiet.has("AccessAnalyzer"));
  CHECK_FALSE(quiet.has("GuardDutyDetector"));
}

TEST_CASE("GuardDuty features follow what each account runs, or the explicit list") {
  const std::string spec = std::string(kTwoAccounts) +
                           "network:\n"
                           "  vpcs:\n"
                           "    main: {account: dev, cidr: 10.0.0.0/16, azs: 2, tiers: {private: 24, data: {kind: isolated, size: 24}}}\n"
                           "data:\n"
                           "  databases:\n"
                           "    db: {vpc: main, instances: 1}\n"
                           "compute:\n"
                           "  clusters:\n"
                           "    apps: {vpc: main}\n"
                           "storage:\n"
                           "  buckets:\n"
                           "    audit: {account: audit, preset: logs, receives: [config]}\n"
                           "security:\n";
  auto p = plan_text(spec + "  guardduty: {frequency: 1h}\n  config: {bucket: audit}\n");
  CHECK(p.schema_findings().empty());
  const auto& audit = *p.stack("test-audit-security").find("GuardDutyDetector");
  CHECK(feature_status(audit)[0] == "S3_DATA_EVENTS=ENABLED");
  CHECK(feature_status(audit)[3] == "RDS_LOGIN_EVENTS=DISABLED");
  const auto& dev = *p.stack("test-dev-security").find("GuardDutyDetector");
  CHECK(dev.properties["FindingPublishingFrequency"] == "ONE_HOUR");
  CHECK(feature_status(dev)[0] == "S3_DATA_EVENTS=DISABLED");
  CHECK(feature_status(dev)[3] == "RDS_LOGIN_EVENTS=ENABLED");
  CHECK(dev.properties["Features"][5] ==
        Json::parse(R"({"Name": "RUNTIME_MONITORING", "Status": "ENABLED", "AdditionalConfiguration": [
                         {"Name": "ECS_FARGATE_AGENT_MANAGEMENT", "Status": "ENABLED"},
                         {"Name": "EKS_ADDON_MANAGEMENT", "Status": "DISABLED"}]})"));
  // Both accounts deliver to the audit bucket, which admits exactly those two accounts.
  CHECK(p.stack("test-dev-security").find("ConfigDeliveryChannel")->properties["S3BucketName"] ==
        "test-audit-111111111111-us-east-1");
  CHECK(p.stack("test-dev-security").dependencies.count("test-audit-storage") == 1);
  // No administrator: no aggregation.
  CHECK_FALSE(p.has("ConfigAggregator"));
  for (const Json& st : p.stack("test-audit-storage").find("AuditBucketPolicy")->properties["PolicyDocument"]["Statement"]) {
    if (st["Sid"] != "ConfigWrite") continue;
    CHECK(st["Condition"]["StringEquals"]["aws:SourceAccount"] == Json::parse(R"(["111111111111", "333333333333"])"));
    CHECK(st["Resource"] == Json::parse(R"([{"Fn::Sub": "${AuditBucket.Arn}/AWSLogs/111111111111/Config/*"},
                                            {"Fn::Sub": "${AuditBucket.Arn}/AWSLogs/333333333333/Config/*"}])"));
  }
  // Standards for the dev account's region.
  // The administrator aggregates both accounts' Config data; the other account authorizes it.
  auto agg = plan_text(spec + "  config: {bucket: audit}\n  administrator: audit\n");
  CHECK(agg.schema_findings().empty());
  CHECK(agg.stack("test-audit-security").find("ConfigAggregator")->properties["AccountAggregationSources"] ==
        Json::parse(R"([{"AccountIds": ["111111111111", "333333333333"], "AwsRegions": ["eu-west-1", "us-east-1"]}])"));
  CHECK(agg.stack("test-dev-security").find("ConfigAggregationAuthorization")->properties ==
        Json::parse(R"({"AuthorizedAccountId": "111111111111", "AuthorizedAwsRegion": "us-east-1"})"));
  CHECK(agg.stack("test-audit-security").find("ConfigAggregationAuthorization") == nullptr);
  auto hub = plan_text(spec + "  security_hub: {standards: [nist-800-53, cis-1.2]}\n  accounts: [dev]\n");
  CHECK(hub.assembly->find("test-audit-security") == nullptr);
  const auto& s = hub.stack("test-dev-security");
  CHECK(s.find("SecurityHubStandardNist80053")->properties["StandardsArn"] ==
        "arn:aws:securityhub:eu-west-1::standards/nist-800-53/v/5.0.0");
  CHECK(s.find("SecurityHubStandardCis12")->properties["StandardsArn"] ==
        "arn:aws:securityhub:::ruleset/cis-aws-foundations-benchmark/v/1.2.0");
  CHECK(s.find("SecurityHubStandardAwsFoundational") == nullptr);
  auto listed = plan_text(spec + "  guardduty: {features: [lambda, eks-runtime]}\n");
  const auto& l = *listed.stack("test-dev-security").find("GuardDutyDetector");
  CHECK(feature_status(l)[4] == "LAMBDA_NETWORK_LOGS=ENABLED");
  CHECK(feature_status(l)[3] == "RDS_LOGIN_EVENTS=DISABLED");
  CHECK(l.properties["Features"][5]["AdditionalConfiguration"][1]["Status"] == "ENABLED");
}

TEST_CASE("the organization analyzer lives in the administrator account, and a KMS bucket's key encrypts deliveries") {
  auto p = plan_text(std::string(kTwoAccounts) +
                     "storage:\n"
                     "  buckets:\n"
                     "    audit: {account: audit, receives: [config], access_logs: false}\n"
                     "security:\n"
                     "  access_analyzer: organization\n"
                     "  administrator: audit\n"
                     "  accounts: [audit]\n"
                     "  config: {bucket: audit}\n");
  CHECK(p.schema_findings().empty());
  const auto& s = p.stack("test-audit-security");
  CHECK(s.find("AccessAnalyzer")->properties == Json::parse(R"({"AnalyzerName": "test-organization", "Type": "ORGANIZATION"})"));
  CHECK(s.find("ConfigDeliveryChannel")->properties["S3KmsKeyArn"] ==
        Json::parse(R"({"Fn::ImportValue": "test-audit-storage:AuditBucketKeyArn"})"));
  const Json& deliver = s.find("ConfigRecorderRole")->properties["Policies"][0]["PolicyDocument"]["Statement"];
  CHECK(deliver[2]["Action"] == Json::parse(R"(["kms:Decrypt", "kms:GenerateDataKey"])"));
}

TEST_CASE("audit buckets lock objects, trails bring a key and keep their files") {
  auto p = plan_text(std::string(kHeader) +
                     "storage:\n"
                     "  buckets:\n"
                     "    audit:\n"
                     "      preset: logs\n"
                     "      retention_days: 2557\n"
                     "      receives: [cloudtrail]\n"
                     "      object_lock: {mode: governance, days: 2557}\n"
                     "observability:\n"
                     "  trails:\n"
                     "    audit: {bucket: audit, kms: true, retention_days: 2557}\n");
  CHECK(p.schema_findings().empty());
  const auto& b = p.resource("AuditBucket");
  CHECK(b.properties["ObjectLockEnabled"] == true);
  CHECK(b.properties["ObjectLockConfiguration"] ==
        Json::parse(R"({"ObjectLockEnabled": "Enabled", "Rule": {"DefaultRetention": {"Mode": "GOVERNANCE", "Days": 2557}}})"));
  const auto& t = p.resource("AuditTrail");
  CHECK(t.properties["EnableLogFileValidation"] == true);
  CHECK(t.properties["KMSKeyId"] == Json::parse(R"({"Fn::GetAtt": ["AuditTrailKey", "Arn"]})"));
  // The SSE-S3 bucket now also accepts SSE-KMS uploads, for the trail.
  for (const Json& st : p.resource("AuditBucketPolicy").properties["PolicyDocument"]["Statement"]) {
    if (st["Sid"] != "DenyOtherEncryption") continue;
    CHECK(st["Condition"]["StringNotEquals"]["s3:x-amz-server-side-encryption"] == Json::parse(R"(["AES256", "aws:kms"])"));
  }
  // Without kms, an SSE-S3 bucket still refuses SSE-KMS, as before.
  auto plain = plan_text(std::string(kHeader) + "storage:\n  buckets:\n    audit: {preset: logs, receives: [cloudtrail]}\n"
                                                "observability:\n  trails:\n    audit: {bucket: audit}\n");
  CHECK_FALSE(plain.has("AuditTrailKey"));
  for (const Json& st : plain.resource("AuditBucketPolicy").properties["PolicyDocument"]["Statement"]) {
    if (st["Sid"] == "DenyOtherEncryption") CHECK(st["Condition"]["StringNotEquals"]["s3:x-amz-server-side-encryption"] == "AES256");
  }
}

TEST_CASE("security errors point at the spec") {
  auto errors = [](const std::string& body, const char* header = kHeader) { return errors_of(body, header); };
  CHECK(errors("security:\n  accounts: [dve]\n") ==
        "spec.yaml:6:14: security covers account 'dve', which is not defined; did you mean 'dev'?\n");
  CHECK(errors("security:\n  accounts: [dev, dev]\n") == "spec.yaml:6:19: account 'dev' is listed twice\n");
  CHECK(errors("security:\n  guardduty: {features: [s3, s3]}\n") ==
        "spec.yaml:6:30: GuardDuty feature 's3' is listed twice\n");
  CHECK(errors("security:\n  guardduty: {features: [s4]}\n").find("spec.yaml:6:26: 'features' must be one of s3, rds, ecs-runtime, eks-runtime, lambda, ebs-malware, eks-audit, got 's4'; did you mean 's3'?") !=
        std::string::npos);
  CHECK(errors("security:\n  guardduty: {frequency: 5m}\n").find("spec.yaml:6:26: 'frequency' must be one of 15m, 1h, 6h, got '5m'") !=
        std::string::npos);
  CHECK(errors("security:\n  security_hub: {standards: [cis]}\n").find("spec.yaml:6:30: 'standards' must be one of aws-foundational, cis-1.2, cis-1.4, cis-3.0, nist-800-53, pci-dss, pci-dss-4, got 'cis'") !=
        std::string::npos);
  CHECK(errors("security:\n  security_hub: {standards: [pci-dss, pci-dss]}\n") ==
        "spec.yaml:6:39: Security Hub standard 'pci-dss' is listed twice\n");
  CHECK(errors("security:\n  security_hub: {standards: [cis-3.0]}\n",
               "aip: 1\nname: test\naccounts:\n  cn: {id: \"123456789012\", region: cn-north-1}\n") ==
        "spec.yaml:6:30: Security Hub offers no CIS AWS Foundations Benchmark v3.0.0 in partition aws-cn (account cn, "
        "cn-north-1)\n");
  CHECK(errors("security:\n  access_analyzer: org\n").find("spec.yaml:6:20: 'access_analyzer' must be one of") !=
        std::string::npos);
  CHECK(errors("security:\n  access_analyzer: organization\n") ==
        "spec.yaml:6:20: an organization analyzer lives in the organization's management or delegated administrator "
        "account: name it with 'administrator'\n");
  CHECK(errors("security:\n  administrator: dve\n") ==
        "spec.yaml:6:18: administrator 'dve' is not an account of this spec; did you mean 'dev'?\n");
  CHECK(errors("security:\n  administrator: audit\n  accounts: [dev]\n", kTwoAccounts) ==
        "spec.yaml:7:18: administrator 'audit' is not one of the accounts security covers\n");
  CHECK(errors("security:\n  config: {prefix: x}\n").find("spec.yaml:6:11: ") != std::string::npos);
  CHECK(errors("security:\n  config: {prefix: x}\n").find("'bucket'") != std::string::npos);
  CHECK(errors(std::string(kAudit) + "security:\n  config: {bucket: audti}\n") ==
        "spec.yaml:9:20: config refers to bucket 'audti', which is not defined; did you mean 'audit'?\n");
  CHECK(errors("storage:\n  buckets:\n    audit: {preset: logs}\nsecurity:\n  config: {bucket: audit}\n") ==
        "spec.yaml:9:20: config delivers to bucket 'audit', whose policy does not admit AWS Config; add `receives: "
        "[config]` to the bucket\n");
  CHECK(errors(std::string(kAudit) + "security:\n  config: {bucket: audit, snapshot_hours: 5}\n") ==
        "spec.yaml:9:43: 'snapshot_hours' must be 1, 3, 6, 12 or 24 (what AWS Config offers), got 5\n");
  CHECK(errors(std::string(kAudit) + "security:\n  config: {bucket: audit, frequency: hourly}\n")
            .find("spec.yaml:9:38: 'frequency' must be one of") != std::string::npos);
  CHECK(errors("storage:\n  buckets:\n    audit: {account: audit, receives: [config], access_logs: false}\n"
               "security:\n  config: {bucket: audit}\n",
               kTwoAccounts) ==
        "spec.yaml:10:20: the Config recorder of account dev (eu-west-1) cannot use the key of bucket 'audit' (audit, "
        "us-east-1): a KMS bucket serves the recorder of its own account and region only; use an SSE-S3 bucket "
        "(`encryption: s3`) for several accounts\n");
  CHECK(errors("security:\n  guardduty: {featurs: [s3]}\n").find("unknown key 'featurs' in 'guardduty'; did you mean "
                                                                 "'features'?") != std::string::npos);
  CHECK(errors("security:\n  securityhub: {}\n").find("did you mean 'security_hub'?") != std::string::npos);
}

TEST_CASE("object lock and trail retention errors point at the spec") {
  auto errors = [](const std::string& body) { return errors_of(body); };
  CHECK(errors("storage:\n  buckets:\n    a: {object_lock: {mode: legal}}\n")
            .find("spec.yaml:7:29: 'mode' must be one of governance, compliance, got 'legal'") != std::string::npos);
  CHECK(errors("storage:\n  buckets:\n    a: {object_lock: {mode: compliance}}\n") ==
        "spec.yaml:7:22: object lock of bucket 'a' needs a retention: 'days' or 'years'\n");
  CHECK(errors("storage:\n  buckets:\n    a: {object_lock: {mode: compliance, days: 30, years: 1}}\n") ==
        "spec.yaml:7:58: object lock of bucket 'a' gives both 'days' and 'years'; give one\n");
  CHECK(errors("storage:\n  buckets:\n    a: {versioning: false, object_lock: {mode: compliance, years: 1}}\n") ==
        "spec.yaml:7:41: bucket 'a' has an object lock, which needs `versioning: true`\n");
  CHECK(errors("storage:\n  buckets:\n    a: {retention_days: 30, object_lock: {mode: governance, days: 90}}\n") ==
        "spec.yaml:7:25: bucket 'a' expires objects after 30 days but locks them for 90 days; keep them at least as "
        "long as the lock\n");
  CHECK(errors("storage:\n  buckets:\n    audit: {preset: logs, retention_days: 365, receives: [cloudtrail]}\n"
               "observability:\n  trails:\n    audit: {bucket: audit, retention_days: 2557}\n")
            .find("spec.yaml:10:44: trail 'audit' keeps its log files 2557 days, but bucket 'audit' expires them after "
                  "365 days") == 0);
  CHECK(errors("storage:\n  buckets:\n    audit: {preset: logs, receives: [cloudtrail]}\n"
               "observability:\n  trails:\n    audit: {bucket: audit, kms: maybe}\n")
            .find("spec.yaml:10:33: 'kms' must be true or false, got 'maybe'") != std::string::npos);
}
