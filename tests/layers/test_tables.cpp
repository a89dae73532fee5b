// DynamoDB tables (tables:): keys, billing and auto scaling, TTL, streams,
// point-in-time recovery, keys, deletion protection, indexes, and the grants
// of functions and services that name a table.
#include <catch2/catch.hpp>

#include "support/plan_text.hpp"

using aip::cfn::Json;
using aip::test::errors_of;
using aip::test::kHeader;
using aip::test::plan_text;

namespace {

const char* kFunction =
    "functions:\n"
    "  scorer:\n"
    "    runtime: python3.12\n"
    "    handler: app.handler\n"
    "    code: {inline: \"def handler(event, context):\\n    return None\\n\"}\n";

// The statement with this Sid in the first inline policy of a role.
Json statement(const aip::cfn::Resource& role, const std::string& sid) {
  for (const Json& st : role.properties["Policies"][0]["PolicyDocument"]["Statement"]) {
    if (st["Sid"] == sid) return st;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("a table is on-demand with point-in-time recovery, deletion protection and an AWS-owned key by default") {
  auto p = plan_text(std::string(kHeader) + "tables:\n  runs: {partition_key: run_id}\n");
  CHECK(p.schema_findings().empty());
  const auto& t = *p.stack("test-dev-tables").find("RunsTable");
  CHECK(t.type == "AWS::DynamoDB::Table");
  CHECK(t.properties["TableName"] == "test-runs");
  CHECK(t.properties["BillingMode"] == "PAY_PER_REQUEST");
  CHECK(t.properties["KeySchema"] == Json::parse(R"([{"AttributeName": "run_id", "KeyType": "HASH"}])"));
  CHECK(t.properties["AttributeDefinitions"] == Json::parse(R"([{"AttributeName": "run_id", "AttributeType": "S"}])"));
  CHECK(t.properties["PointInTimeRecoverySpecification"]["PointInTimeRecoveryEnabled"] == true);
  CHECK(t.properties["DeletionProtectionEnabled"] == true);
  CHECK(t.deletion_policy == "Retain");
  CHECK_FALSE(t.properties.contains("SSESpecification"));
  CHECK_FALSE(t.properties.contains("ProvisionedThroughput"));
  CHECK_FALSE(p.has("RunsTableKey"));
}

TEST_CASE("table options: sort key, TTL, stream, customer key, indexes, no protection") {
  auto p = plan_text(std::string(kHeader) +
                     "tables:\n"
                     "  features:\n"
                     "    partition_key: customer_id\n"
                     "    sort_key: {name: ts, type: number}\n"
                     "    ttl: expires_at\n"
                     "    stream: new-and-old-images\n"
                     "    encryption: kms\n"
                     "    point_in_time_recovery: false\n"
                     "    deletion_protection: false\n"
                     "    indexes:\n"
                     "      by-segment: {partition_key: segment, sort_key: {name: ts, type: number}, projection: keys-only}\n");
  CHECK(p.schema_findings().empty());
  const auto& s = p.stack("test-dev-tables");
  const auto& t = *s.find("FeaturesTable");
  CHECK(t.properties["AttributeDefinitions"] == Json::parse(R"([{"AttributeName": "customer_id", "AttributeType": "S"},
      {"AttributeName": "ts", "AttributeType": "N"}, {"AttributeName": "segment", "AttributeType": "S"}])"));
  CHECK(t.properties["KeySchema"][1] == Json::parse(R"({"AttributeName": "ts", "KeyType": "RANGE"})"));
  CHECK(t.properties["TimeToLiveSpecification"] == Json::parse(R"({"AttributeName": "expires_at", "Enabled": true})"));
  CHECK(t.properties["StreamSpecification"]["StreamViewType"] == "NEW_AND_OLD_IMAGES");
  CHECK(t.properties["PointInTimeRecoverySpecification"]["PointInTimeRecoveryEnabled"] == false);
  CHECK(t.properties["DeletionProtectionEnabled"] == false);
  CHECK(t.deletion_policy.empty());
  CHECK(t.properties["SSESpecification"] ==
        Json::parse(R"({"SSEEnabled": true, "SSEType": "KMS", "KMSMasterKeyId": {"Fn::GetAtt": ["FeaturesTableKey", "Arn"]}})"));
  const auto& key = *s.find("FeaturesTableKey");
  CHECK(key.properties["EnableKeyRotation"] == true);
  CHECK(key.deletion_policy == "Retain");
  CHECK(t.properties["GlobalSecondaryIndexes"][0]["IndexName"] == "by-segment");
  CHECK(t.properties["GlobalSecondaryIndexes"][0]["Projection"]["ProjectionType"] == "KEYS_ONLY");
  CHECK_FALSE(t.properties["GlobalSecondaryIndexes"][0].contains("ProvisionedThroughput"));
}

TEST_CASE("a provisioned table and its indexes scale with Application Auto Scaling") {
  auto p = plan_text(std::string(kHeader) +
                     "tables:\n"
                     "  sessions:\n"
                     "    partition_key: id\n"
                     "    billing: provisioned\n"
                     "    capacity: {read: {min: 5, max: 50}, write: {min: 2, max: 20}, target_utilization: 60}\n"
                     "    indexes:\n"
                     "      by-user: {partition_key: user, capacity: {read: {min: 1, max: 10}, write: {min: 1, max: 5}}}\n");
  CHECK(p.schema_findings().empty());
  const auto& s = p.stack("test-dev-tables");
  const auto& t = *s.find("SessionsTable");
  CHECK(t.properties["BillingMode"] == "PROVISIONED");
  CHECK(t.properties["ProvisionedThroughput"] == Json::parse(R"({"ReadCapacityUnits": 5, "WriteCapacityUnits": 2})"));
  CHECK(t.properties["GlobalSecondaryIndexes"][0]["ProvisionedThroughput"] ==
        Json::parse(R"({"ReadCapacityUnits": 1, "WriteCapacityUnits": 1})"));
  const auto& read = *s.find("SessionsTableReadScalingTarget");
  CHECK(read.properties["ResourceId"] == "table/test-sessions");
  CHECK(read.properties["ScalableDimension"] == "dynamodb:table:ReadCapacityUnits");
  CHECK(read.properties["MinCapacity"] == 5);
  CHECK(read.properties["MaxCapacity"] == 50);
  CHECK(read.depends_on == std::vector<std::string>{"SessionsTable"});
  const auto& policy = *s.find("SessionsTableWriteScalingPolicy");
  CHECK(policy.properties["TargetTrackingScalingPolicyConfiguration"]["TargetValue"] == 60);
  CHECK(policy.properties["TargetTrackingScalingPolicyConfiguration"]["PredefinedMetricSpecification"]
                         ["PredefinedMetricType"] == "DynamoDBWriteCapacityUtilization");
  const auto& index = *s.find("SessionsTableByUserReadScalingTarget");
  CHECK(index.properties["ResourceId"] == "table/test-sessions/index/by-user");
  CHECK(index.properties["ScalableDimension"] == "dynamodb:index:ReadCapacityUnits");
  CHECK(index.properties["MaxCapacity"] == 10);
}

TEST_CASE("functions and services get exactly the DynamoDB actions of their level on the tables they name") {
  auto p = plan_text(std::string(kHeader) +
                     "tables:\n"
                     "  features: {partition_key: id, encryption: kms, indexes: {by-x: {partition_key: x}}}\n"
                     "  sessions: {partition_key: id}\n" +
                     kFunction + "    tables: {read: [features], write: [sessions]}\n");
  CHECK(p.schema_findings().empty());
  const auto& role = p.resource("ScorerFunctionRole");
  Json read = statement(role, "ReadTables");
  CHECK(read["Action"] == Json::parse(R"(["dynamodb:BatchGetItem", "dynamodb:ConditionCheckItem",
      "dynamodb:DescribeTable", "dynamodb:GetItem", "dynamodb:Query", "dynamodb:Scan"])"));
  CHECK(read["Resource"] == Json::parse(R"([
      {"Fn::Sub": "arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/test-features"},
      {"Fn::Sub": "arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/test-features/index/*"}])"));
  Json write = statement(role, "WriteTables");
  CHECK(write["Resource"] == Json::parse(R"([
      {"Fn::Sub": "arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/test-sessions"}])"));
  CHECK(write["Action"].size() == 6);
  CHECK(std::find(write["Action"].begin(), write["Action"].end(), "dynamodb:PutItem") != write["Action"].end());
  CHECK(std::find(write["Action"].begin(), write["Action"].end(), "dynamodb:Scan") == write["Action"].end());
  Json kms = statement(role, "DecryptTables");
  CHECK(kms["Resource"] == Json::parse(R"([{"Fn::ImportValue": "test-dev-tables:FeaturesTableKeyArn"}])"));
  CHECK(kms["Condition"]["StringEquals"]["kms:ViaService"] ==
        Json::parse(R"({"Fn::Sub": "dynamodb.${AWS::Region}.amazonaws.com"})"));
  CHECK(statement(role, "EncryptTables").is_null());  // sessions has an AWS-owned key
  const Json& env = p.resource("ScorerFunction").properties["Environment"]["Variables"];
  CHECK(env["TABLE_FEATURES_NAME"] == "test-features");
  CHECK(env["TABLE_SESSIONS_NAME"] == "test-sessions");
}

TEST_CASE("table errors point at the spec") {
  auto errors = [](const std::string& body) { return errors_of(body); };
  CHECK(errors("tables:\n  runs: {sort_key: ts}\n") ==
        "spec.yaml:6:3: table 'runs' is missing required key 'partition_key'\n");
  CHECK(errors("tables:\n  runs: {partition_key: {name: id, type: text}}\n")
            .find("spec.yaml:6:42: 'type' must be one of string, number, binary, got 'text'") != std::string::npos);
  CHECK(errors("tables:\n  runs: {partition_key: id, sort_key: id}\n") ==
        "spec.yaml:6:39: table 'runs' uses attribute 'id' as both partition and sort key\n");
  CHECK(errors("tables:\n  runs: {partition_key: id, capacity: {read: {min: 1, max: 2}}}\n") ==
        "spec.yaml:6:39: 'capacity' of table 'runs' needs `billing: provisioned` (on-demand tables scale without it)\n");
  CHECK(errors("tables:\n  runs: {partition_key: id, billing: provisioned}\n") ==
        "spec.yaml:6:38: table 'runs' is provisioned: give 'capacity: {read: {min, max}, write: {min, max}}' for "
        "auto scaling\n");
  CHECK(errors("tables:\n  runs: {partition_key: id, billing: provisioned, capacity: {read: {min: 9, max: 2}}}\n") ==
        "spec.yaml:6:68: capacity of table 'runs' read capacity: min 9 is above max 2\n");
  CHECK(errors("tables:\n  runs: {partition_key: id, indexes: {by-x: {partition_key: {name: id, type: number}}}}\n") ==
        "spec.yaml:6:61: index 'by-x' of table 'runs' gives attribute 'id' type number, but it is string elsewhere "
        "in the table; an attribute has one type\n");
  CHECK(errors("tables:\n  runs: {partition_key: id, indexes: {x: {partition_key: y}}}\n") ==
        "spec.yaml:6:39: index name 'x' must be 3 to 255 letters, digits, '_', '-' and '.'\n");
  CHECK(errors("tables:\n  runs: {partition_key: id, stream: all}\n")
            .find("spec.yaml:6:37: 'stream' must be one of new-and-old-images") != std::string::npos);
  CHECK(errors("tables:\n  runs: {partition_key: id, table_name: ab}\n") ==
        "spec.yaml:6:41: table name 'ab' must be 3 to 255 letters, digits, '_', '-' and '.'\n");
  CHECK(errors("tables:\n  runs: {partition_key: id, ttl: \"a b\"}\n") ==
        "spec.yaml:6:34: 'ttl' names an attribute: 1 to 255 characters without spaces, got 'a b'\n");
  CHECK(errors("tables:\n  runs: {partition_key: id, pitr: true}\n")
            .find("unknown key 'pitr' in table 'runs'") != std::string::npos);
  CHECK(errors("tables:\n  a: {partition_key: id, table_name: same}\n  b: {partition_key: id, table_name: same}\n") ==
        "spec.yaml:7:3: tables 'a' and 'b' would both be named 'same'\n");
  CHECK(errors("tables: [runs]\n") == "spec.yaml:5:9: 'tables' must map table names to their settings, got a list\n");
  CHECK(errors(std::string("tables:\n  runs: {partition_key: id}\n") + kFunction + "    tables: {read: [rnus]}\n") ==
        "spec.yaml:12:21: function 'scorer' refers to table 'rnus', which is not defined; did you mean 'runs'?\n");
  CHECK(errors(std::string("tables:\n  runs: {partition_key: id}\n") + kFunction +
               "    tables: {read: [runs], write: [runs]}\n") ==
        "spec.yaml:12:21: function 'scorer' names table 'runs' twice\n");
  CHECK(errors(std::string("tables:\n  runs: {partition_key: id}\n") + kFunction + "    tables: {raed: [runs]}\n")
            .find("unknown key 'raed' in tables of function 'scorer'; did you mean 'read'?") != std::string::npos);
}
