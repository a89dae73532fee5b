// Secrets Manager secrets (secrets:): generated values and placeholders, keys,
// resource policies, rotation by a function or by RDS, exact grants, and the
// database proxy's IAM authentication instead of the master password.
#include <catch2/catch.hpp>

#include "support/plan_text.hpp"

using aip::cfn::Json;
using aip::test::errors_of;
using aip::test::kHeader;
using aip::test::plan_text;

namespace {

// Line 5 on (after kHeader's four lines).
const char* kSecretsBase =
    "network:\n"
    "  vpcs:\n"
    "    main: {cidr: 10.0.0.0/16, azs: 2, tiers: {private: 24, data: {kind: isolated, size: 24}}}\n"
    "data:\n"
    "  databases:\n"
    "    app-db: {vpc: main, instances: 1, proxy: {iam_auth: true}}\n"
    "functions:\n"
    "  rotator: {runtime: python3.12, handler: index.handler, code: {inline: \"def handler(e, c): pass\"}}\n"
    "  issuer: {runtime: python3.12, handler: index.handler, code: {inline: \"def handler(e, c): pass\"},\n"
    "           secrets: [jwt]}\n"
    "compute:\n"
    "  clusters:\n"
    "    apps: {vpc: main}\n"
    "  services:\n"
    "    api:\n"
    "      cluster: apps\n"
    "      image: nginx:1.27\n"
    "      port: 8000\n"
    "      database: app-db\n"
    "      secrets: {JWT: jwt, KEY: {secret: api-key, key: token}}\n"
    "secrets:\n";

const char* kSecretItems =
    "  jwt: {generate: {length: 64}, rotation: {days: 30, function: rotator}}\n"
    "  api-key: {placeholder: true, description: Issued by the provider}\n"
    "  db: {database: app-db, rotation: {days: 14}}\n";

const Json* secret_statement(const Json& policies, const std::string& sid) {
  for (const Json& st : policies[0]["PolicyDocument"]["Statement"]) {
    if (st["Sid"] == sid) return &st;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("a secret has its own key, a generated value or none, and a policy refusing other accounts") {
  auto p = plan_text(std::string(kHeader) + kSecretsBase + kSecretItems);
  CHECK(p.schema_findings().empty());
  const auto& s = p.stack("test-dev-secrets");
  const auto& jwt = *s.find("JwtSecret");
  CHECK(jwt.deletion_policy == "Retain");
  CHECK(jwt.properties["Name"] == "test/jwt");
  CHECK(jwt.properties["KmsKeyId"] == Json::parse(R"({"Fn::GetAtt": ["JwtSecretKey", "Arn"]})"));
  CHECK(jwt.properties["GenerateSecretString"] == Json::parse(R"({"PasswordLength": 64, "ExcludePunctuation": true})"));
  CHECK(s.find("JwtSecretKey")->properties["EnableKeyRotation"] == true);
  const auto& key = *s.find("ApiKeySecret");
  CHECK_FALSE(key.properties.contains("GenerateSecretString"));
  CHECK_FALSE(key.properties.contains("SecretString"));
  CHECK(key.properties["Description"] == "Issued by the provider");
  const auto& policy = *s.find("JwtSecretPolicy");
  CHECK(policy.properties["BlockPublicPolicy"] == true);
  const Json& deny = policy.properties["ResourcePolicy"]["Statement"][0];
  CHECK(deny["Effect"] == "Deny");
  CHECK(deny["Condition"] == Json::parse(R"({"StringNotEquals": {"aws:PrincipalAccount": {"Ref": "AWS::AccountId"}}})"));
  // A database's secret is RDS's: nothing rendered but its managed rotation's schedule.
  CHECK_FALSE(s.find("DbSecret") != nullptr);
  const auto& managed = *s.find("DbSecretRotation");
  CHECK(managed.properties["SecretId"] ==
        Json::parse(R"({"Fn::ImportValue": "test-dev-data:AppDbDbClusterMasterUserSecretSecretArn"})"));
  CHECK(managed.properties["RotationRules"] == Json::parse(R"({"AutomaticallyAfterDays": 14})"));
  CHECK_FALSE(managed.properties.contains("RotationLambdaARN"));
}

TEST_CASE("generate options: JSON key with fields, punctuation, excluded characters") {
  auto p = plan_text(std::string(kHeader) + kSecretsBase + kSecretItems +
                     "  svc: {generate: {length: 20, punctuation: true, exclude_characters: '\"@/', key: password,\n"
                     "                   fields: {username: app}}}\n");
  const auto& svc = *p.stack("test-dev-secrets").find("SvcSecret");
  CHECK(svc.properties["GenerateSecretString"] ==
        Json::parse(R"({"PasswordLength": 20, "ExcludePunctuation": false, "ExcludeCharacters": "\"@/",
                        "GenerateStringKey": "password", "SecretStringTemplate": "{\"username\":\"app\"}"})"));
}

TEST_CASE("a function rotates a secret from its own stack, with exactly the permissions rotation needs") {
  auto p = plan_text(std::string(kHeader) + kSecretsBase + kSecretItems);
  const auto& f = p.stack("test-dev-functions");
  const auto& schedule = *f.find("JwtSecretRotation");
  CHECK(schedule.properties["SecretId"] == Json::parse(R"({"Fn::ImportValue": "test-dev-secrets:JwtSecretRef"})"));
  CHECK(schedule.properties["RotationLambdaARN"] == Json::parse(R"({"Fn::GetAtt": ["RotatorFunction", "Arn"]})"));
  CHECK(schedule.properties["RotationRules"] == Json::parse(R"({"AutomaticallyAfterDays": 30})"));
  CHECK(schedule.depends_on == std::vector<std::string>{"JwtSecretRotationPermission"});
  const auto& permission = *f.find("JwtSecretRotationPermission");
  CHECK(permission.properties["Principal"] == "secretsmanager.amazonaws.com");
  CHECK(permission.properties["SourceArn"] == Json::parse(R"({"Fn::ImportValue": "test-dev-secrets:JwtSecretRef"})"));
  // The secrets stack never imports from the functions stack.
  CHECK(p.stack("test-dev-secrets").dependencies.count("test-dev-functions") == 0);
  const Json& rotator = f.find("RotatorFunctionRole")->properties["Policies"];
  const Json* rotate = secret_statement(rotator, "RotateSecrets");
  REQUIRE(rotate != nullptr);
  CHECK((*rotate)["Resource"] == Json::parse(R"([{"Fn::ImportValue": "test-dev-secrets:JwtSecretRef"}])"));
  const Json* keys = secret_statement(rotator, "EncryptRotatedSecrets");
  REQUIRE(keys != nullptr);
  CHECK((*keys)["Resource"] == Json::parse(R"([{"Fn::ImportValue": "test-dev-secrets:JwtSecretKeyArn"}])"));
  CHECK((*keys)["Condition"]["StringEquals"]["kms:ViaService"] ==
        Json::parse(R"({"Fn::Sub": "secretsmanager.${AWS::Region}.amazonaws.com"})"));
  // A function that names a secret reads exactly it, and knows its ARN.
  const auto& issuer = *f.find("IssuerFunction");
  CHECK(issuer.properties["Environment"]["Variables"]["SECRET_JWT_ARN"] ==
        Json::parse(R"({"Fn::ImportValue": "test-dev-secrets:JwtSecretRef"})"));
  const Json* read = secret_statement(f.find("IssuerFunctionRole")->properties["Policies"], "ReadSecrets");
  REQUIRE(read != nullptr);
  CHECK((*read)["Action"] == "secretsmanager:GetSecretValue");
  CHECK((*read)["Resource"] == Json::parse(R"([{"Fn::ImportValue": "test-dev-secrets:JwtSecretRef"}])"));
}

TEST_CASE("a service reads exactly its secrets and reaches its database with IAM tokens, not the password") {
  auto p = plan_text(std::string(kHeader) + kSecretsBase + kSecretItems);
  const auto& compute = p.stack("test-dev-compute");
  const Json& container = compute.find("ApiTaskDefinition")->properties["ContainerDefinitions"][0];
  CHECK(container["Secrets"] ==
        Json::parse(R"([{"Name": "JWT", "ValueFrom": {"Fn::ImportValue": "test-dev-secrets:JwtSecretRef"}},
                        {"Name": "KEY", "ValueFrom": {"Fn::Join": ["", [{"Fn::ImportValue": "test-dev-secrets:ApiKeySecretRef"},
                                                                        ":token::"]]}}])"));
  Json env = Json::object();
  for (const Json& e : container["Environment"]) env[e["Name"].get<std::string>()] = e["Value"];
  CHECK(env["DB_USERNAME"] == "dbadmin");
  CHECK(env["DB_IAM_AUTH"] == "true");
  CHECK(env["DB_HOST"] == Json::parse(R"({"Fn::ImportValue": "test-dev-data:AppDbDbProxyEndpoint"})"));
  CHECK_FALSE(env.contains("DB_PASSWORD"));
  const Json& exec = compute.find("ApiExecutionRole")->properties["Policies"];
  const Json* read = secret_statement(exec, "ReadSecrets");
  REQUIRE(read != nullptr);
  CHECK((*read)["Resource"] == Json::parse(R"([{"Fn::ImportValue": "test-dev-secrets:JwtSecretRef"},
                                              {"Fn::ImportValue": "test-dev-secrets:ApiKeySecretRef"}])"));
  CHECK(secret_statement(exec, "DecryptDatabaseSecret") == nullptr);
  const Json* decrypt = secret_statement(exec, "DecryptSecrets");
  REQUIRE(decrypt != nullptr);
  CHECK((*decrypt)["Resource"].size() == 2);
  const Json* connect = secret_statement(compute.find("ApiTaskRole")->properties["Policies"], "ConnectToDatabase");
  REQUIRE(connect != nullptr);
  CHECK((*connect)["Action"] == "rds-db:connect");
  CHECK((*connect)["Resource"]["Fn::Sub"][0] ==
        "arn:${AWS::Partition}:rds-db:${AWS::Region}:${AWS::AccountId}:dbuser:${ProxyId}/dbadmin");
  CHECK((*connect)["Resource"]["Fn::Sub"][1]["ProxyId"] ==
        Json::parse(R"({"Fn::Select": [6, {"Fn::Split": [":", {"Fn::ImportValue": "test-dev-data:AppDbDbProxyDBProxyArn"}]}]})"));
  const Json& auth = p.stack("test-dev-data").find("AppDbDbProxy")->properties["Auth"][0];
  CHECK(auth["IAMAuth"] == "REQUIRED");
}

TEST_CASE("without IAM authentication the service still gets the master secret") {
  std::string base = kSecretsBase;
  base.replace(base.find("proxy: {iam_auth: true}"), std::string("proxy: {iam_auth: true}").size(), "proxy: true");
  auto p = plan_text(std::string(kHeader) + base + kSecretItems);
  const Json& exec = p.stack("test-dev-compute").find("ApiExecutionRole")->properties["Policies"];
  CHECK(secret_statement(exec, "DecryptDatabaseSecret") != nullptr);
  CHECK(p.stack("test-dev-data").find("AppDbDbProxy")->properties["Auth"][0]["IAMAuth"] == "DISABLED");
  // Nothing else to grant: the task role has no policy at all.
  CHECK_FALSE(p.stack("test-dev-compute").find("ApiTaskRole")->properties.contains("Policies"));
}

TEST_CASE("secret errors point at the spec") {
  // kSecretsBase ends at line 25; the secrets start at line 26.
  auto errors = [](const std::string& secrets) { return errors_of(std::string(kSecretsBase) + secrets); };
  CHECK(errors("  jwt: {rotation: {days: 30, function: rotater}}\n  api-key: {}\n") ==
        "spec.yaml:26:40: secret 'jwt' is rotated by function 'rotater', which is not defined; did you mean "
        "'rotator'?\n");
  CHECK(errors("  jwt: {rotation: {days: 30}}\n  api-key: {}\n") ==
        "spec.yaml:26:19: rotation of secret 'jwt' needs a 'function' of the spec that rotates it (only a "
        "database's master secret rotates without one)\n");
  CHECK(errors("  jwt: {generate: {length: 12}, placeholder: true}\n  api-key: {}\n") ==
        "spec.yaml:26:46: secret 'jwt' is either generated or a placeholder; remove 'generate' or 'placeholder'\n");
  CHECK(errors("  jwt: {}\n  api-key: {}\n  db: {database: app-bd}\n") ==
        "spec.yaml:28:18: secret 'db' refers to database 'app-bd', which is not defined; did you mean 'app-db'?\n");
  CHECK(errors("  jwt: {}\n  api-key: {}\n  db: {database: app-db, placeholder: true}\n") ==
        "spec.yaml:28:18: secret 'db' is the master secret of database 'app-db', which RDS creates; remove "
        "'generate', 'placeholder' and 'secret_name'\n");
  CHECK(errors("  jwt: {}\n  api-key: {}\n  db: {database: app-db, rotation: {function: rotator}}\n") ==
        "spec.yaml:28:47: secret 'db' is rotated by RDS (managed rotation of the master secret); remove "
        "'function'\n");
  CHECK(errors("  jwt: {}\n  api-key: {}\n  a: {database: app-db}\n  b: {database: app-db}\n") ==
        "spec.yaml:29:17: secrets 'a' and 'b' both stand for the master secret of database 'app-db'\n");
  CHECK(errors("  jwt: {secret_name: x/y}\n  api-key: {secret_name: x/y}\n") ==
        "spec.yaml:27:3: secrets 'jwt' and 'api-key' would both be named 'x/y' in account dev, us-east-1\n");
  CHECK(errors("  jwt: {generate: {fields: {username: app}}}\n  api-key: {}\n") ==
        "spec.yaml:26:28: 'fields' of secret 'jwt' needs 'key': the JSON key of the generated value\n");
  CHECK(errors("  jwt: {rotation: {dayz: 3, function: rotator}}\n  api-key: {}\n")
            .find("unknown key 'dayz' in rotation of secret 'jwt'; did you mean 'days'?") != std::string::npos);
  // References from services (line 24) and functions (line 14).
  CHECK(errors("  jwt: {}\n  api-kee: {}\n") ==
        "spec.yaml:24:41: container 'api' refers to secret 'api-key', which is not defined; did you mean "
        "'api-kee'?\n");
  CHECK(errors("  jwtt: {}\n  api-key: {}\n") ==
        "spec.yaml:14:22: function 'issuer' refers to secret 'jwt', which is not defined; did you mean 'jwtt'?\n"
        "spec.yaml:24:22: container 'api' refers to secret 'jwt', which is not defined; did you mean 'jwtt'?\n");
}

TEST_CASE("a service reads rotating secrets at run time through its task role, every version stage") {
  std::string base = kSecretsBase;
  const std::string at = "      secrets: {JWT: jwt, KEY: {secret: api-key, key: token}}\n";
  base.replace(base.find(at), at.size(), at + "      read_secrets: [jwt]\n");
  auto p = plan_text(std::string(kHeader) + base + kSecretItems);
  CHECK(p.schema_findings().empty());
  const auto& compute = p.stack("test-dev-compute");
  const Json& task = compute.find("ApiTaskRole")->properties["Policies"];
  const Json* read = secret_statement(task, "ReadSecretsAtRunTime");
  REQUIRE(read != nullptr);
  CHECK((*read)["Action"] == "secretsmanager:GetSecretValue");
  CHECK((*read)["Resource"] == Json::parse(R"([{"Fn::ImportValue": "test-dev-secrets:JwtSecretRef"}])"));
  const Json* decrypt = secret_statement(task, "DecryptSecretsAtRunTime");
  REQUIRE(decrypt != nullptr);
  CHECK((*decrypt)["Resource"] == Json::parse(R"([{"Fn::ImportValue": "test-dev-secrets:JwtSecretKeyArn"}])"));
  CHECK((*decrypt)["Condition"]["StringEquals"]["kms:ViaService"] ==
        Json::parse(R"({"Fn::Sub": "secretsmanager.${AWS::Region}.amazonaws.com"})"));
  Json env = Json::object();
  for (const Json& e : compute.find("ApiTaskDefinition")->properties["ContainerDefinitions"][0]["Environment"]) {
    env[e["Name"].get<std::string>()] = e["Value"];
  }
  CHECK(env["SECRET_JWT_ARN"] == Json::parse(R"({"Fn::ImportValue": "test-dev-secrets:JwtSecretRef"})"));
  // Without read_secrets, the task role reads nothing of Secrets Manager (the execution role injects).
  auto plain = plan_text(std::string(kHeader) + kSecretsBase + kSecretItems);
  CHECK(secret_statement(plain.stack("test-dev-compute").find("ApiTaskRole")->properties["Policies"],
                         "ReadSecretsAtRunTime") == nullptr);
  // A name the secrets area does not have (line 25).
  base.replace(base.find("read_secrets: [jwt]"), std::string("read_secrets: [jwt]").size(), "read_secrets: [jwtt]");
  CHECK(errors_of(base + kSecretItems) ==
        "spec.yaml:25:22: service 'api' refers to secret 'jwtt', which is not defined; did you mean 'jwt'?\n");
}
