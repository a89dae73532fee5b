// Data classification (classification:): one key per level, data stores
// encrypted with their level's key, clearance tags on roles; `backup: PLAN`
// on databases, tables and buckets. Every reader error with its line.
#include <catch2/catch.hpp>

#include "support/plan_text.hpp"

using aip::cfn::Json;
using aip::test::errors_of;
using aip::test::kHeader;
using aip::test::plan_text;

namespace {

const char* kLevels =
    "classification:\n"
    "  levels: [public, internal, confidential, restricted]\n";

const char* kClassifiedStores =
    "storage:\n"
    "  buckets:\n"
    "    docs: {access_logs: false, classification: confidential}\n"
    "    plain: {access_logs: false}\n"
    "tables:\n"
    "  records: {partition_key: {name: id}, classification: restricted}\n"
    "events:\n"
    "  queues:\n"
    "    jobs: {classification: confidential}\n"
    "  topics:\n"
    "    alerts: {classification: internal}\n"
    "functions:\n"
    "  reader:\n"
    "    runtime: python3.12\n"
    "    handler: app.handler\n"
    "    code: {inline: \"def handler(e, c): pass\"}\n"
    "    clearance: restricted\n"
    "    buckets: {read: [docs]}\n"
    "    tables: {read: [records]}\n";

Json import_of(const Json& value) { return value.is_object() && value.contains("Fn::ImportValue") ? value : Json(); }

}  // namespace

TEST_CASE("classification renders one rotating key per level used, and stores use their level's key") {
  auto p = plan_text(std::string(kHeader) + kLevels + kClassifiedStores);
  CHECK(p.schema_findings().empty());
  const auto& keys = p.stack("test-dev-keys");
  // Levels with data only: public has none here.
  CHECK(keys.find("PublicClassificationKey") == nullptr);
  for (const char* id : {"InternalClassificationKey", "ConfidentialClassificationKey", "RestrictedClassificationKey"}) {
    INFO(id);
    const auto* key = keys.find(id);
    REQUIRE(key != nullptr);
    CHECK(key->properties["EnableKeyRotation"] == true);
    CHECK(key->deletion_policy == "Retain");
    const Json& statements = key->properties["KeyPolicy"]["Statement"];
    CHECK(statements[0]["Sid"] == "AccountAdministers");
    CHECK(statements[1]["Sid"] == "ClearedPrincipalsUse");
  }
  const auto& confidential = *keys.find("ConfidentialClassificationKey");
  CHECK(confidential.tags.at("aip:classification") == "confidential");
  CHECK(confidential.tags.at("aip:classification-rank") == "2");
  // Principals cleared for confidential or above.
  CHECK(confidential.properties["KeyPolicy"]["Statement"][1]["Condition"] ==
        Json::parse(R"({"StringEquals": {"aws:PrincipalTag/aip:clearance": ["confidential", "restricted"]}})"));
  CHECK(keys.find("RestrictedClassificationKey")->properties["KeyPolicy"]["Statement"][1]["Condition"] ==
        Json::parse(R"({"StringEquals": {"aws:PrincipalTag/aip:clearance": "restricted"}})"));
  CHECK(keys.find("ConfidentialClassificationKeyAlias")->properties["AliasName"] ==
        "alias/test/classification-confidential");
  // Everyone else is denied its use, whatever their IAM policies say; AWS services, service-linked
  // roles and the stores that keep data under their own access control are left out.
  const Json& deny = confidential.properties["KeyPolicy"]["Statement"][2];
  CHECK(deny["Sid"] == "UnclearedPrincipalsNeverUse");
  CHECK(deny["Effect"] == "Deny");
  CHECK(deny["Principal"] == "*");
  CHECK(deny["Action"] == Json::parse(R"(["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey*", "kms:ReEncrypt*"])"));
  CHECK(deny["Condition"]["StringNotEquals"] ==
        Json::parse(R"({"aws:PrincipalTag/aip:clearance": ["confidential", "restricted"]})"));
  CHECK(deny["Condition"]["Bool"] == Json::parse(R"({"aws:PrincipalIsAWSService": "false"})"));
  CHECK(deny["Condition"]["ArnNotLike"] ==
        Json::parse(R"({"aws:PrincipalArn": "arn:*:iam::*:role/aws-service-role/*"})"));
  CHECK(deny["Condition"]["StringNotLike"]["kms:ViaService"].size() == 4);
  // EventBridge may deliver to the confidential queue.
  CHECK(confidential.properties["KeyPolicy"]["Statement"].size() == 4);

  // The bucket has no key of its own; the unclassified one keeps its own.
  CHECK_FALSE(p.has("DocsBucketKey"));
  CHECK(p.has("PlainBucketKey"));
  const auto& docs = p.resource("DocsBucket");
  CHECK(docs.tags.at("aip:classification") == "confidential");
  const Json& sse = docs.properties["BucketEncryption"]["ServerSideEncryptionConfiguration"][0]
                                   ["ServerSideEncryptionByDefault"]["KMSMasterKeyID"];
  CHECK_FALSE(import_of(sse).is_null());
  CHECK(sse.dump().find("ConfidentialClassificationKey") != std::string::npos);
  // The table: a customer-managed key, the level's.
  const auto& records = p.resource("RecordsTable");
  CHECK(records.properties["SSESpecification"]["SSEType"] == "KMS");
  CHECK(records.properties["SSESpecification"]["KMSMasterKeyId"].dump().find("RestrictedClassificationKey") !=
        std::string::npos);
  CHECK(records.tags.at("aip:classification") == "restricted");
  // The queue and its dead-letter queue, the topic.
  CHECK(p.resource("JobsQueue").properties["KmsMasterKeyId"].dump().find("ConfidentialClassificationKey") !=
        std::string::npos);
  CHECK(p.resource("JobsDeadLetterQueue").tags.at("aip:classification") == "confidential");
  CHECK_FALSE(p.has("JobsQueueKey"));
  CHECK(p.resource("AlertsTopic").properties["KmsMasterKeyId"].dump().find("InternalClassificationKey") !=
        std::string::npos);
  CHECK_FALSE(p.has("AlertsTopicKey"));
  // The function's role carries its clearance, and may decrypt with the level keys it reads.
  const auto& role = p.resource("ReaderFunctionRole");
  CHECK(role.tags.at("aip:clearance") == "restricted");
  const std::string policy = role.properties["Policies"].dump();
  CHECK(policy.find("ConfidentialClassificationKey") != std::string::npos);
  CHECK(policy.find("RestrictedClassificationKey") != std::string::npos);
}

TEST_CASE("classification: a database keeps its data under the level's key, its secret under its own") {
  auto p = plan_text(std::string(kHeader) + kLevels +
                     "network:\n  vpcs:\n    main: {cidr: 10.0.0.0/16, azs: 2, tiers: {private: 24, db: {kind: "
                     "isolated, size: 24}}}\n"
                     "data:\n  databases:\n    appdb: {vpc: main, instances: 1, proxy: false, classification: "
                     "restricted}\n");
  CHECK(p.schema_findings().empty());
  const auto& cluster = p.resource("AppdbDbCluster");
  CHECK(cluster.properties["KmsKeyId"].dump().find("RestrictedClassificationKey") != std::string::npos);
  CHECK(cluster.properties["MasterUserSecret"]["KmsKeyId"] == Json::parse(R"({"Fn::GetAtt": ["AppdbDbKey", "Arn"]})"));
  CHECK(cluster.tags.at("aip:classification") == "restricted");
  CHECK(p.resource("AppdbDbClusterInstance1").properties["PerformanceInsightsKMSKeyId"].dump().find(
            "RestrictedClassificationKey") != std::string::npos);
}

TEST_CASE("classification: a collection's encryption policy names the level's key") {
  auto p = plan_text(std::string(kHeader) + kLevels + kClassifiedStores +
                     "search:\n  collections:\n    vectors: {public: true, classification: confidential, access: "
                     "{read: [reader]}}\n");
  CHECK(p.schema_findings().empty());
  CHECK_FALSE(p.has("VectorsCollectionKey"));
  CHECK(p.resource("VectorsCollectionEncryptionPolicy").properties["Policy"].dump().find(
            "ConfidentialClassificationKey") != std::string::npos);
  CHECK(p.resource("VectorsCollection").tags.at("aip:classification") == "confidential");
}

TEST_CASE("classification: a replica keeps its level, under the level's key of its region") {
  auto p = plan_text(std::string(kHeader) + kLevels +
                     "storage:\n  buckets:\n    docs: {access_logs: false, classification: restricted, replicate_to: "
                     "us-west-2}\n");
  CHECK(p.schema_findings().empty());
  CHECK(p.stack("test-dev-us-west-2-keys").find("RestrictedClassificationKey") != nullptr);
  const auto& replica = p.resource("DocsReplicaBucket");
  CHECK(replica.tags.at("aip:classification") == "restricted");
  const auto& rule = p.resource("DocsBucket").properties["ReplicationConfiguration"]["Rules"][0];
  CHECK(rule["Destination"]["EncryptionConfiguration"]["ReplicaKmsKeyID"].dump().find(
            "alias/test/classification-restricted") != std::string::npos);
  CHECK(p.resource("DocsReplicationRole").tags.at("aip:clearance") == "restricted");
}

TEST_CASE("classification reader errors") {
  const std::string levels = kLevels;  // lines 5-6
  // A level that is not one (line 9 of the spec: the bucket).
  CHECK_THAT(errors_of(levels + "storage:\n  buckets:\n    docs: {classification: confidental}\n"),
             Catch::Contains("spec.yaml:9:28: bucket 'docs' names classification 'confidental', which is not a "
                             "level of `classification:` (public, internal, confidential, restricted); did you mean "
                             "'confidential'?"));
  CHECK_THAT(errors_of("storage:\n  buckets:\n    docs: {classification: restricted}\n"),
             Catch::Contains("spec.yaml:7:28: bucket 'docs' names classification 'restricted', but the spec "
                             "defines no levels"));
  CHECK_THAT(errors_of("classification:\n  levels: [public, public]\n"),
             Catch::Contains("spec.yaml:6:20: classification level 'public' is listed twice"));
  CHECK_THAT(errors_of("classification:\n  levels: [Secret]\n"),
             Catch::Contains("spec.yaml:6:12: classification level 'Secret' must be lowercase letters"));
  CHECK_THAT(errors_of("classification:\n  levels: []\n"),
             Catch::Contains("spec.yaml:6:3: 'levels' lists no classification level"));
  CHECK_THAT(errors_of("classification:\n  level: [public]\n"), Catch::Contains("did you mean 'levels'?"));
  // Another key than the level's.
  CHECK_THAT(errors_of(levels + "storage:\n  buckets:\n    docs: {classification: internal, encryption: s3}\n"),
             Catch::Contains("spec.yaml:9:28: bucket 'docs' is classified 'internal', so it is encrypted with that "
                             "level's customer-managed KMS key, but it asks for SSE-S3 (`encryption: s3`)"));
  CHECK_THAT(errors_of(levels + "storage:\n  buckets:\n    logs: {preset: logs, classification: internal}\n"),
             Catch::Contains("spec.yaml:9:42: bucket 'logs' is classified 'internal', so it is encrypted with that "
                             "level's customer-managed KMS key, but it asks for SSE-S3 (`preset: logs`"));
  CHECK_THAT(errors_of(levels + "tables:\n  t: {partition_key: {name: id}, classification: internal, encryption: "
                                "aws-owned}\n"),
             Catch::Contains("spec.yaml:8:50: table 't' is classified 'internal', so it is encrypted with that "
                             "level's customer-managed KMS key, but it asks for an AWS-owned key"));
  CHECK_THAT(errors_of(levels + "events:\n  queues:\n    q: {classification: internal, encryption: sqs}\n"),
             Catch::Contains("spec.yaml:9:25: queue 'q' is classified 'internal'"));
  CHECK_THAT(errors_of(levels + "search:\n  collections:\n    c: {public: true, classification: internal, "
                                "aws_owned_key: true}\n"),
             Catch::Contains("spec.yaml:9:39: collection 'c' is classified 'internal'"));
  // `encryption: kms` agrees.
  CHECK(plan_text(std::string(kHeader) + levels +
                  "storage:\n  buckets:\n    docs: {access_logs: false, classification: internal, encryption: kms}\n")
            .has("InternalClassificationKey"));
  // Clearance.
  CHECK_THAT(errors_of(levels + "functions:\n  f:\n    runtime: python3.12\n    handler: a.h\n    code: {inline: x}\n"
                                "    clearance: secret\n"),
             Catch::Contains("spec.yaml:12:16: function 'f' names clearance 'secret', which is not a level of "
                             "`classification:`"));
}

TEST_CASE("backup: PLAN on databases, tables and buckets puts them in the plan's selection") {
  const std::string body =
      "network:\n  vpcs:\n    main: {cidr: 10.0.0.0/16, azs: 2, tiers: {private: 24, db: {kind: isolated, size: 24}}}\n"
      "data:\n  databases:\n"
      "    appdb: {vpc: main, instances: 1, proxy: false, backup: nightly}\n"
      "    other: {vpc: main, instances: 1, proxy: false, backup: {retention_days: 14, plan: nightly}}\n"
      "tables:\n  records: {partition_key: {name: id}, backup: nightly}\n"
      "storage:\n  buckets:\n    docs: {access_logs: false, backup: nightly}\n"
      "backup:\n  vaults:\n    main: {}\n  plans:\n    nightly:\n      vault: main\n"
      "      rules: {r: {schedule: \"cron(0 3 * * ? *)\", retention_days: 7}}\n";
  auto p = plan_text(std::string(kHeader) + body);
  CHECK(p.schema_findings().empty());
  const Json& selected = p.resource("NightlyBackupPlanSelection").properties["BackupSelection"]["Resources"];
  REQUIRE(selected.size() == 4);
  CHECK(selected[0].dump().find("AppdbDbCluster") != std::string::npos);
  CHECK(selected[1].dump().find("OtherDbCluster") != std::string::npos);
  CHECK(selected[2] == Json::parse(R"({"Fn::Sub": "arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/test-records"})"));
  CHECK(selected[3].dump().find("s3:::test-docs") != std::string::npos);
  CHECK(p.resource("OtherDbCluster").properties["BackupRetentionPeriod"] == 14);
  // The S3 policies join the role.
  CHECK(p.resource("BackupRole").properties["ManagedPolicyArns"].size() == 4);
  // Nothing it backs up is classified: it carries no clearance.
  CHECK(p.resource("BackupRole").tags.count("aip:clearance") == 0);
}

TEST_CASE("the backup role is cleared for the highest level it backs up, as the classification keys require") {
  const std::string body =
      "classification:\n  levels: [public, internal, confidential, restricted]\n"
      "storage:\n  buckets:\n"
      "    docs: {access_logs: false, classification: confidential, backup: nightly}\n"
      "    notes: {access_logs: false, classification: internal, backup: nightly}\n"
      "backup:\n  vaults:\n    main: {}\n  plans:\n    nightly:\n      vault: main\n"
      "      rules: {r: {schedule: \"cron(0 3 * * ? *)\", retention_days: 7}}\n";
  auto p = plan_text(std::string(kHeader) + body);
  CHECK(p.schema_findings().empty());
  CHECK(p.resource("BackupRole").tags.at("aip:clearance") == "confidential");
}

TEST_CASE("backup: PLAN errors") {
  const std::string head =
      "storage:\n  buckets:\n    docs: {versioning: false, backup: nightly}\n"  // lines 5-7
      "    other: {backup: nighty}\n"                                            // line 8
      "backup:\n  vaults:\n    main: {}\n  plans:\n    nightly:\n      vault: main\n"
      "      rules: {r: {schedule: \"cron(0 3 * * ? *)\", retention_days: 7}}\n";
  const std::string errors = errors_of(head);
  CHECK_THAT(errors, Catch::Contains("spec.yaml:7:39: backup plan 'nightly' backs up bucket 'docs', which has "
                                     "`versioning: false`; AWS Backup needs versioning on S3 buckets"));
  CHECK_THAT(errors, Catch::Contains("spec.yaml:8:21: bucket 'other' names backup plan 'nighty', which is not "
                                     "defined under `backup: plans`; did you mean 'nightly'?"));
  CHECK_THAT(errors_of("storage:\n  buckets:\n    docs: {backup: p}\n"
                       "backup:\n  vaults:\n    main: {}\n  plans:\n    p:\n      vault: main\n"
                       "      rules: {r: {schedule: \"cron(0 3 * * ? *)\", retention_days: 7}}\n"
                       "      resources: [docs]\n"),
             Catch::Contains("spec.yaml:7:20: 'docs' names backup plan 'p', whose 'resources' list it too"));
}

TEST_CASE("with Macie enabled, the classification keys let its service-linked role decrypt what it inspects") {
  const std::string body =
      "classification:\n  levels: [public, confidential]\n"
      "storage:\n  buckets:\n    docs: {access_logs: false, classification: confidential}\n"
      "resources:\n  macie: {type: AWS::Macie::Session, stack: security, properties: {Status: ENABLED}}\n";
  auto p = plan_text(std::string(kHeader) + body);
  CHECK(p.schema_findings().empty());
  const Json& statements = p.resource("ConfidentialClassificationKey").properties["KeyPolicy"]["Statement"];
  REQUIRE(statements.size() == 4);
  CHECK(statements[3]["Sid"] == "MacieClassifies");
  CHECK(statements[3]["Action"] == "kms:Decrypt");
  CHECK(statements[3]["Condition"]["ArnEquals"]["aws:PrincipalArn"] ==
        Json::parse(R"({"Fn::Sub": "arn:${AWS::Partition}:iam::${AWS::AccountId}:role/aws-service-role/macie.amazonaws.com/AWSServiceRoleForAmazonMacie"})"));
  // Without Macie the key names no classifier.
  auto without = plan_text(std::string(kHeader) + body.substr(0, body.find("resources:")));
  CHECK(without.resource("ConfidentialClassificationKey").properties["KeyPolicy"]["Statement"].size() == 3);
}

TEST_CASE("with Macie enabled, a bucket's own key lets its service-linked role decrypt too") {
  const std::string body =
      "storage:\n  buckets:\n    docs: {access_logs: false}\n"
      "resources:\n  macie: {type: AWS::Macie::Session, stack: security, properties: {Status: ENABLED}}\n";
  auto p = plan_text(std::string(kHeader) + body);
  CHECK(p.schema_findings().empty());
  const Json& statements = p.resource("DocsBucketKey").properties["KeyPolicy"]["Statement"];
  REQUIRE(statements.size() == 2);
  CHECK(statements[1]["Sid"] == "MacieClassifies");
  CHECK(statements[1]["Action"] == "kms:Decrypt");
  auto without = plan_text(std::string(kHeader) + body.substr(0, body.find("resources:")));
  CHECK(without.resource("DocsBucketKey").properties["KeyPolicy"]["Statement"].size() == 1);
}
