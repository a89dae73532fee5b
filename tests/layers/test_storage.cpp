// The storage area: buckets, presets, policies, logs and replication.
#include <catch2/catch.hpp>

#include "support/plan_text.hpp"
#include "support/statement.hpp"

using aip::cfn::Json;
using aip::test::kHeader;
using aip::test::load_text;
using aip::test::errors_of;
using aip::test::plan_text;

using aip::test::statement;

namespace {

}  // namespace

TEST_CASE("a bucket is private, versioned, KMS-encrypted and TLS-only by default") {
  auto p = plan_text(std::string(kHeader) + "storage:\n  buckets:\n    data: {}\n");
  CHECK(p.schema_findings().empty());
  CHECK(p.assembly->stacks.front().id == "test-dev-storage");
  const auto& bucket = p.resource("DataBucket");
  CHECK(bucket.properties["BucketName"] == "test-data-123456789012-us-east-1");
  CHECK(bucket.properties["VersioningConfiguration"]["Status"] == "Enabled");
  CHECK(bucket.properties["PublicAccessBlockConfiguration"] ==
        Json::parse(R"({"BlockPublicAcls": true, "BlockPublicPolicy": true, "IgnorePublicAcls": true,
                        "RestrictPublicBuckets": true})"));
  const Json& sse = bucket.properties["BucketEncryption"]["ServerSideEncryptionConfiguration"][0];
  CHECK(sse["ServerSideEncryptionByDefault"]["SSEAlgorithm"] == "aws:kms");
  CHECK(sse["ServerSideEncryptionByDefault"]["KMSMasterKeyID"] == Json::parse(R"({"Fn::GetAtt": ["DataBucketKey", "Arn"]})"));
  CHECK(bucket.deletion_policy == "Retain");
  const auto& key = p.resource("DataBucketKey");
  CHECK(key.properties["EnableKeyRotation"] == true);
  CHECK(key.deletion_policy == "Retain");
  const Json& policy = p.resource("DataBucketPolicy").properties["PolicyDocument"];
  const Json& tls = statement(policy, "DenyInsecureTransport");
  CHECK(tls["Effect"] == "Deny");
  CHECK(tls["Condition"] == Json::parse(R"({"Bool": {"aws:SecureTransport": "false"}})"));
  const Json& enc = statement(policy, "DenyOtherEncryption");
  CHECK(enc["Condition"]["StringNotEquals"]["s3:x-amz-server-side-encryption"] == "aws:kms");
  CHECK(enc["Condition"]["Null"]["s3:x-amz-server-side-encryption"] == "false");
}

TEST_CASE("medallion presets set retention, explicit keys override them") {
  auto p = plan_text(std::string(kHeader) +
                     "storage:\n  buckets:\n    bronze: {preset: bronze}\n    silver: {preset: silver}\n"
                     "    gold: {preset: gold, retention_days: 2000}\n");
  CHECK(p.schema_findings().empty());
  auto retention = [&](const std::string& id) {
    for (const Json& rule : p.resource(id).properties["LifecycleConfiguration"]["Rules"]) {
      if (rule["Id"] == "retention") return rule["ExpirationInDays"].get<int>();
    }
    return -1;
  };
  CHECK(retention("BronzeBucket") == 90);
  CHECK(retention("SilverBucket") == 365);
  CHECK(retention("GoldBucket") == 2000);
}

TEST_CASE("log buckets use SSE-S3 and grant only the deliveries they receive") {
  auto p = plan_text(std::string(kHeader) +
                     "storage:\n  access_logs_bucket: logs\n  buckets:\n"
                     "    logs: {preset: logs, receives: [s3-access-logs, alb-access-logs, cloudtrail]}\n"
                     "    data: {}\n    quiet: {access_logs: false}\n");
  CHECK(p.schema_findings().empty());
  const auto& logs = p.resource("LogsBucket");
  CHECK(logs.properties["BucketEncryption"]["ServerSideEncryptionConfiguration"][0]["ServerSideEncryptionByDefault"] ==
        Json::parse(R"({"SSEAlgorithm": "AES256"})"));
  CHECK_FALSE(logs.properties.contains("LoggingConfiguration"));
  CHECK(p.resource("DataBucket").properties["LoggingConfiguration"] ==
        Json::parse(R"({"DestinationBucketName": {"Ref": "LogsBucket"}, "LogFilePrefix": "data/"})"));
  CHECK_FALSE(p.resource("QuietBucket").properties.contains("LoggingConfiguration"));
  const Json& policy = p.resource("LogsBucketPolicy").properties["PolicyDocument"];
  CHECK(statement(policy, "S3ServerAccessLogs")["Principal"] == Json::parse(R"({"Service": "logging.s3.amazonaws.com"})"));
  // us-east-1 predates the ELB service principal: its log-delivery account is used.
  CHECK(statement(policy, "AlbAccessLogs")["Principal"] ==
        Json::parse(R"({"AWS": {"Fn::Sub": "arn:${AWS::Partition}:iam::127311923021:root"}})"));
  CHECK(statement(policy, "CloudTrailWrite")["Condition"]["StringEquals"]["s3:x-amz-acl"] == "bucket-owner-full-control");
  CHECK(statement(policy, "DenyOtherEncryption")["Condition"]["StringNotEquals"]["s3:x-amz-server-side-encryption"] ==
        "AES256");
  for (const Json& s : policy["Statement"]) CHECK(s.value("Sid", "") != "S3InventoryReports");  // not received
}

TEST_CASE("a log bucket that receives s3-inventory admits S3 Inventory reports of its own account only") {
  auto p = plan_text(std::string(kHeader) +
                     "storage:\n  buckets:\n    logs: {preset: logs, access_logs: false, receives: [s3-inventory]}\n");
  CHECK(p.schema_findings().empty());
  const Json& grant = statement(p.resource("LogsBucketPolicy").properties["PolicyDocument"], "S3InventoryReports");
  CHECK(grant["Principal"] == Json::parse(R"({"Service": "s3.amazonaws.com"})"));
  CHECK(grant["Action"] == "s3:PutObject");
  CHECK(grant["Resource"] == Json::parse(R"({"Fn::Sub": "${LogsBucket.Arn}/*"})"));
  CHECK(grant["Condition"] == Json::parse(R"({"StringEquals": {"aws:SourceAccount": {"Ref": "AWS::AccountId"},
                                                              "s3:x-amz-acl": "bucket-owner-full-control"}})"));
  CHECK(errors_of("storage:\n  buckets:\n    logs: {preset: logs, receives: [s3-inventroy]}\n") ==
        "spec.yaml:7:37: 'receives' must be one of s3-access-logs, alb-access-logs, cloudtrail, config, s3-inventory, "
        "got 's3-inventroy'; did you mean 's3-inventory'?\n");
}

TEST_CASE("cross-region replication builds the replica stack first and scopes the role") {
  auto p = plan_text(std::string(kHeader) + "storage:\n  buckets:\n    gold: {preset: gold, replicate_to: us-west-2}\n");
  CHECK(p.schema_findings().empty());
  const auto& source_stack = p.stack("test-dev-storage");
  const auto& replica_stack = p.stack("test-dev-us-west-2-storage");
  CHECK(replica_stack.environment() == "aws://123456789012/us-west-2");
  CHECK(source_stack.dependencies == std::set<std::string>{"test-dev-us-west-2-storage"});
  CHECK(replica_stack.find("GoldReplicaBucket")->properties["BucketName"] == "test-gold-123456789012-us-west-2");
  CHECK(replica_stack.find("GoldReplicaBucketKeyAlias")->properties["AliasName"] == "alias/test-gold-replica");
  const Json& replication = p.resource("GoldBucket").properties["ReplicationConfiguration"];
  CHECK(replication["Role"] == Json::parse(R"({"Fn::GetAtt": ["GoldReplicationRole", "Arn"]})"));
  CHECK(replication["Rules"][0]["Destination"]["Bucket"] ==
        Json::parse(R"({"Fn::Sub": "arn:${AWS::Partition}:s3:::test-gold-123456789012-us-west-2"})"));
  const Json& statements = p.resource("GoldReplicationRole").properties["Policies"][0]["PolicyDocument"]["Statement"];
  for (const Json& s : statements) CHECK(s["Resource"] != "*");
}

TEST_CASE("the replica of a bucket named by hand gets its region appended (S3 names are global)") {
  auto p = plan_text(std::string(kHeader) +
                     "storage:\n  buckets:\n    gold: {bucket_name: corp-gold, replicate_to: us-west-2}\n");
  CHECK(p.schema_findings().empty());
  CHECK(p.resource("GoldBucket").properties["BucketName"] == "corp-gold");
  CHECK(p.stack("test-dev-us-west-2-storage").find("GoldReplicaBucket")->properties["BucketName"] ==
        "corp-gold-us-west-2");
  CHECK(p.resource("GoldBucket").properties["ReplicationConfiguration"]["Rules"][0]["Destination"]["Bucket"] ==
        Json::parse(R"({"Fn::Sub": "arn:${AWS::Partition}:s3:::corp-gold-us-west-2"})"));
}

TEST_CASE("CORS, lifecycle rules and EventBridge notifications") {
  auto p = plan_text(std::string(kHeader) +
                     "storage:\n  buckets:\n    web:\n      eventbridge: true\n"
                     "      lifecycle:\n        archive: {prefix: archive/, transitions: [{days: 30, storage_class: STANDARD_IA}], expire_days: 400}\n"
                     "      cors: [{origins: [https://a.example], methods: [GET, HEAD], max_age_seconds: 60}]\n");
  CHECK(p.schema_findings().empty());
  const auto& web = p.resource("WebBucket");
  CHECK(web.properties["NotificationConfiguration"] == Json::parse(R"({"EventBridgeConfiguration": {"EventBridgeEnabled": true}})"));
  CHECK(web.properties["CorsConfiguration"]["CorsRules"][0] ==
        Json::parse(R"({"AllowedOrigins": ["https://a.example"], "AllowedMethods": ["GET", "HEAD"], "MaxAge": 60})"));
  const Json& rules = web.properties["LifecycleConfiguration"]["Rules"];
  CHECK(rules.back() == Json::parse(R"({"Id": "archive", "Status": "Enabled", "Prefix": "archive/", "ExpirationInDays": 400,
      "Transitions": [{"StorageClass": "STANDARD_IA", "TransitionInDays": 30}]})"));
}

TEST_CASE("storage errors name the key and its location") {
  CHECK(errors_of("storage:\n  buckets:\n    a: {preset: platinum}\n") ==
        "spec.yaml:7:17: 'preset' must be one of bronze, silver, gold, logs, got 'platinum'\n");
  CHECK(errors_of("storage:\n  access_logs_bucket: logz\n  buckets:\n    logs: {preset: logs}\n") ==
        "spec.yaml:6:23: access_logs_bucket 'logz' is not a bucket of this spec; did you mean 'logs'?\n");
  CHECK(errors_of("storage:\n  access_logs_bucket: logs\n  buckets:\n    logs: {}\n") ==
        "spec.yaml:6:23: bucket 'logs' receives server access logs, which S3 delivers only to buckets encrypted with "
        "SSE-S3; give it `encryption: s3` or `preset: logs`\n");
  CHECK(errors_of("storage:\n  buckets:\n    a: {receives: [alb-access-logs]}\n") ==
        "spec.yaml:7:20: bucket 'a' cannot receive ALB access logs while encrypted with KMS: S3 and ELB deliver logs "
        "only to SSE-S3 buckets; use `encryption: s3` or `preset: logs`\n");
  CHECK(errors_of("storage:\n  buckets:\n    a: {versioning: false, replicate_to: us-west-2}\n") ==
        "spec.yaml:7:42: bucket 'a' replicates, which needs `versioning: true`\n");
  CHECK(errors_of("storage:\n  buckets:\n    a: {replicate_to: us-east-1}\n") ==
        "spec.yaml:7:23: bucket 'a' lives in us-east-1; replicate_to must name another region\n");
  CHECK(errors_of("storage:\n  buckets:\n    a: {lifecycle: {r: {transitions: [{days: 10, storage_class: STANDARD_IA}]}}}\n") ==
        "spec.yaml:7:46: S3 moves objects to STANDARD_IA only after at least 30 days, got 10\n");
  CHECK(errors_of("storage:\n  buckets:\n    a: {lifecycle: {r: {prefix: x/}}}\n") ==
        "spec.yaml:7:21: lifecycle rule 'r' does nothing: give transitions, expire_days or noncurrent_expire_days\n");
  CHECK(errors_of("storage:\n  buckets:\n    a: {bucket_name: My_Bucket}\n") ==
        "spec.yaml:7:22: S3 bucket name 'My_Bucket' of bucket 'a' must be 3 to 63 lowercase letters, digits, '.' or "
        "'-'\n");
  CHECK(errors_of("storage:\n  buckets:\n    a: {bucket_name: same}\n    b: {bucket_name: same}\n") ==
        "spec.yaml:8:22: S3 bucket name 'same' is used twice\n");
  CHECK(errors_of("storage:\n  buckets:\n    a: {bucket_name: a-bucket-name-of-fifty-five-characters-exactly-in-total, "
                  "replicate_to: us-west-2}\n") ==
        "spec.yaml:7:93: the replica of bucket 'a' is named "
        "'a-bucket-name-of-fifty-five-characters-exactly-in-total-us-west-2' (its bucket_name and region), which is "
        "longer than S3's 63 characters; set a shorter 'bucket_name'\n");
  CHECK(errors_of("storage:\n  buckets:\n    a: {bucket_name: data, replicate_to: us-west-2}\n"
                  "    b: {bucket_name: data-us-west-2}\n") ==
        "spec.yaml:8:22: S3 bucket name 'data-us-west-2' is used twice\n");
  CHECK(errors_of("storage:\n  buckets:\n    a-very-long-bucket-name-that-goes-on-and-on: {}\n") ==
        "spec.yaml:7:5: S3 bucket name 'test-a-very-long-bucket-name-that-goes-on-and-on-123456789012-us-east-1' of "
        "bucket 'a-very-long-bucket-name-that-goes-on-and-on' must be 3 to 63 lowercase letters, digits, '.' or '-'; "
        "set 'bucket_name' to a shorter name\n");
}

TEST_CASE("a stack over CloudFormation's 500 resources is a spec error at the element that overflows it") {
  std::string body = "storage:\n  buckets:\n";
  for (int i = 0; i < 170; ++i) body += "    b" + std::to_string(i) + ": {}\n";  // 3 resources each
  auto loaded = load_text(std::string(kHeader) + body);
  REQUIRE(loaded.spec);
  CHECK_FALSE(aip::plan::plan_platform(*loaded.spec, loaded.diags));
  CHECK(loaded.messages() ==
        "spec.yaml:173:5: stack test-dev-storage would hold 510 resources, more than the 500 CloudFormation allows; "
        "this element goes over the limit (move some elements to another account or region, or split the "
        "platform)\n");
}

TEST_CASE("read_accounts: other accounts list, read and decrypt through S3, nothing more") {
  const std::string header =
      "aip: 1\nname: test\naccounts:\n"
      "  dev: {id: \"123456789012\", region: us-east-1}\n"
      "  test: {id: \"444444444444\", region: us-east-1}\n"
      "  prod: {id: \"555555555555\", region: us-east-1}\n";
  auto p = plan_text(header + "storage:\n  buckets:\n    models: {account: dev, read_accounts: [test, prod]}\n");
  CHECK(p.schema_findings().empty());
  const Json roots = Json::parse(R"([{"Fn::Sub": "arn:${AWS::Partition}:iam::444444444444:root"},
                                     {"Fn::Sub": "arn:${AWS::Partition}:iam::555555555555:root"}])");
  const Json& policy = p.resource("ModelsBucketPolicy").properties["PolicyDocument"];
  CHECK(statement(policy, "ReadAccountsGet") == Json::parse(R"({"Sid": "ReadAccountsGet", "Effect": "Allow",
        "Principal": {"AWS": [{"Fn::Sub": "arn:${AWS::Partition}:iam::444444444444:root"},
                              {"Fn::Sub": "arn:${AWS::Partition}:iam::555555555555:root"}]},
        "Action": "s3:GetObject", "Resource": {"Fn::Sub": "${ModelsBucket.Arn}/*"}})"));
  CHECK(statement(policy, "ReadAccountsList")["Action"] == "s3:ListBucket");
  CHECK(statement(policy, "ReadAccountsList")["Principal"]["AWS"] == roots);
  const Json& key = p.resource("ModelsBucketKey").properties["KeyPolicy"];
  const Json& decrypt = statement(key, "ReadAccountsDecrypt");
  CHECK(decrypt["Action"] == "kms:Decrypt");
  CHECK(decrypt["Principal"]["AWS"] == roots);
  CHECK(decrypt["Condition"] == Json::parse(R"({"StringEquals": {"kms:ViaService": {"Fn::Sub": "s3.${AWS::Region}.${AWS::URLSuffix}"}}})"));
  // Without read_accounts the key has its administration statement only.
  auto plain = plan_text(header + "storage:\n  buckets:\n    models: {account: dev}\n");
  CHECK(plain.resource("ModelsBucketKey").properties["KeyPolicy"]["Statement"].size() == 1);

  // Lines: the storage keys start at line 8.
  CHECK(errors_of("storage:\n  buckets:\n    models: {account: dev, read_accounts: [tset]}\n", header.c_str()) ==
        "spec.yaml:9:44: bucket 'models' lets account 'tset' read, which is not an account of this spec; did you mean "
        "'test'?\n");
  CHECK(errors_of("storage:\n  buckets:\n    models: {account: dev, read_accounts: [dev]}\n", header.c_str()) ==
        "spec.yaml:9:44: bucket 'models' is in account 'dev' already; read_accounts names other accounts\n");
}
