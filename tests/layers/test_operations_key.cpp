// The operations key (plan/operations_key.cpp): one customer-managed key per
// stack for the log groups and function environments that have no key of
// their own, CloudWatch Logs admitted by the key policy, function roles
// granted kms:Decrypt through Lambda; keys the spec asks for win.
#include <catch2/catch.hpp>

#include "support/plan_text.hpp"
#include "support/statement.hpp"

using aip::cfn::Json;
using aip::test::kHeader;
using aip::test::plan_text;
using aip::test::statement;

namespace {

const Json kKeyArn = Json::parse(R"({"Fn::GetAtt": ["OperationsKey", "Arn"]})");

const std::string kSpec = std::string(kHeader) +
                          "functions:\n"
                          "  router: {runtime: python3.12, handler: app.handler, code: {inline: x},\n"
                          "           environment: {LOG_LEVEL: INFO}}\n"
                          "  scorer: {runtime: python3.12, handler: app.handler, code: {inline: x},\n"
                          "           environment: {MODE: batch}}\n"
                          "  quiet: {runtime: python3.12, handler: app.handler, code: {inline: x}}\n"
                          "observability:\n"
                          "  log_groups:\n"
                          "    app: {}\n"
                          "    audit: {retention_days: 365, kms: true}\n";

std::size_t count_type(const aip::cfn::Stack& stack, const std::string& type) {
  std::size_t n = 0;
  for (const auto& r : stack.resources) n += r.type == type ? 1 : 0;
  return n;
}

bool has_sid(const Json& role, const std::string& sid) {
  for (const Json& s : role["Policies"][0]["PolicyDocument"]["Statement"]) {
    if (s.value("Sid", "") == sid) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("each stack with unencrypted log groups or function environments gets one operations key") {
  auto p = plan_text(kSpec);
  CHECK(p.schema_findings().empty());
  for (const char* id : {"test-dev-functions", "test-dev-observability"}) {
    INFO(id);
    const auto& stack = p.stack(id);
    REQUIRE(stack.find("OperationsKey") != nullptr);
    CHECK(count_type(stack, "AWS::KMS::Alias") == 1);
    const auto& alias = *stack.find("OperationsKeyAlias");
    CHECK(alias.properties["AliasName"] == std::string("alias/") + id + "/operations");
    CHECK(alias.properties["TargetKeyId"] == Json::parse(R"({"Ref": "OperationsKey"})"));
    const auto& key = *stack.find("OperationsKey");
    CHECK(key.properties["EnableKeyRotation"] == true);
    CHECK(key.deletion_policy == "Retain");
    // The account administers it through IAM; CloudWatch Logs of the region may use it for the
    // account's log groups (no log group named: nothing is circular).
    const Json& policy = key.properties["KeyPolicy"];
    CHECK(policy["Statement"].size() == 2);
    CHECK(statement(policy, "AccountAdministers")["Action"] == "kms:*");
    const Json& logs = statement(policy, "CloudWatchLogsEncrypt");
    CHECK(logs["Principal"]["Service"] == Json::parse(R"({"Fn::Sub": "logs.${AWS::Region}.amazonaws.com"})"));
    CHECK(logs["Action"] == Json::parse(R"(["kms:Decrypt*", "kms:Describe*", "kms:Encrypt*", "kms:GenerateDataKey*",
                                            "kms:ReEncrypt*"])"));
    CHECK(logs["Condition"] == Json::parse(R"({"ArnLike": {"kms:EncryptionContext:aws:logs:arn":
        {"Fn::Sub": "arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:*"}}})"));
    CHECK(key.depends_on.empty());
  }
  // Every function's log group, and the observability group without a key of its own.
  for (const char* group : {"RouterFunctionLogGroup", "ScorerFunctionLogGroup", "QuietFunctionLogGroup", "AppLogGroup"}) {
    INFO(group);
    CHECK(p.resource(group).properties["KmsKeyId"] == kKeyArn);
  }
  // A stack with neither gets none.
  auto storage = plan_text(std::string(kHeader) + "storage:\n  buckets:\n    data: {access_logs: false}\n");
  CHECK_FALSE(storage.has("OperationsKey"));
}

TEST_CASE("functions with environment variables get the key, and their roles may decrypt through Lambda only") {
  auto p = plan_text(kSpec);
  for (const char* name : {"Router", "Scorer"}) {
    INFO(name);
    CHECK(p.resource(std::string(name) + "Function").properties["KmsKeyArn"] == kKeyArn);
    const Json& role = p.resource(std::string(name) + "FunctionRole").properties;
    const Json& decrypt = statement(role["Policies"][0]["PolicyDocument"], "DecryptEnvironment");
    CHECK(decrypt["Effect"] == "Allow");
    CHECK(decrypt["Action"] == "kms:Decrypt");
    CHECK(decrypt["Resource"] == kKeyArn);
    CHECK(decrypt["Condition"] ==
          Json::parse(R"({"StringEquals": {"kms:ViaService": {"Fn::Sub": "lambda.${AWS::Region}.amazonaws.com"}}})"));
  }
  // Nothing to decrypt: no key on the function, no grant on its role.
  CHECK_FALSE(p.resource("QuietFunction").properties.contains("KmsKeyArn"));
  CHECK_FALSE(has_sid(p.resource("QuietFunctionRole").properties, "DecryptEnvironment"));
}

TEST_CASE("keys the spec asks for win over the operations key") {
  auto p = plan_text(kSpec);
  // observability `kms: true`: the group's own key, which admits only that group.
  CHECK(p.resource("AuditLogGroup").properties["KmsKeyId"] ==
        Json::parse(R"({"Fn::GetAtt": ["AuditLogGroupKey", "Arn"]})"));
  // An API stage's log groups have their own key: a stack of nothing else needs no operations key.
  auto api = plan_text(std::string(kHeader) +
                       "functions:\n  router: {runtime: python3.12, handler: app.handler, code: {inline: x}}\n"
                       "api:\n  rest_apis:\n    gw:\n      routes:\n        GET /health: {function: router, auth: none}\n");
  CHECK(api.resource("GwApiAccessLogGroup").properties["KmsKeyId"] ==
        Json::parse(R"({"Fn::GetAtt": ["GwApiLogKey", "Arn"]})"));
  CHECK(api.stack("test-dev-api").find("OperationsKey") == nullptr);
  CHECK(api.stack("test-dev-functions").find("OperationsKey") != nullptr);
}

TEST_CASE("raw resources are planned before the pass: a raw log group without a key gets the stack's, one with its own keeps it") {
  auto p = plan_text(std::string(kHeader) +
                     "functions:\n  router: {runtime: python3.15, handler: app.handler, code: {inline: x}}\n"
                     "resources:\n"
                     "  audit-logs:\n"
                     "    type: AWS::Logs::LogGroup\n"
                     "    stack: functions\n"
                     "    properties: {RetentionInDays: 365}\n"
                     "  own-key:\n"
                     "    type: AWS::KMS::Key\n"
                     "    stack: functions\n"
                     "    properties: {EnableKeyRotation: true}\n"
                     "  keyed-logs:\n"
                     "    type: AWS::Logs::LogGroup\n"
                     "    stack: functions\n"
                     "    properties: {RetentionInDays: 365, KmsKeyId: !arn resource:own-key}\n");
  CHECK(p.resource("AuditLogs").properties["KmsKeyId"] == kKeyArn);
  CHECK(p.resource("KeyedLogs").properties["KmsKeyId"] == Json::parse(R"({"Fn::GetAtt": ["OwnKey", "Arn"]})"));
  CHECK(p.resource("RouterFunctionLogGroup").properties["KmsKeyId"] == kKeyArn);
}
