// The data area: Aurora clusters with RDS Proxy, read from the spec and planned.
#include <catch2/catch.hpp>

#include "support/plan_text.hpp"

using aip::cfn::Json;
using aip::test::kHeader;
using aip::test::load_text;
using aip::test::plan_text;

namespace {

const char* kDataNetwork =
    "network:\n"
    "  vpcs:\n"
    "    main:\n"
    "      cidr: 10.0.0.0/16\n"
    "      azs: 3\n"
    "      tiers: {public: 24, private: 24, database: {kind: isolated, size: 24}}\n"
    "  security_groups:\n"
    "    aurora: {vpc: main}\n";

std::string data_spec(const std::string& data) { return std::string(kHeader) + kDataNetwork + "data:\n  databases:\n" + data; }

std::string data_errors(const std::string& data) {
  auto loaded = load_text(data_spec(data));
  CHECK_FALSE(loaded.spec);
  return loaded.messages();
}

const char* kLangDb =
    "    langdb:\n"       // line 15
    "      vpc: main\n";  // line 16

}  // namespace

TEST_CASE("data: a minimal database gets secure defaults") {
  auto p = plan_text(data_spec(kLangDb));
  CHECK(p.schema_findings().empty());
  const auto& stack = p.stack("test-dev-data");
  CHECK(stack.environment() == "aws://123456789012/us-east-1");
  CHECK(stack.dependencies == std::set<std::string>{"test-dev-network"});

  const auto& cluster = p.resource("LangdbDbCluster");
  CHECK(cluster.type == "AWS::RDS::DBCluster");
  CHECK(cluster.deletion_policy == "Snapshot");
  const Json& c = cluster.properties;
  CHECK(c["Engine"] == "aurora-postgresql");
  CHECK(c["EngineVersion"] == "16.6");
  CHECK(c["DatabaseName"] == "langdb");
  CHECK(c["ManageMasterUserPassword"] == true);
  CHECK_FALSE(c.contains("MasterUserPassword"));
  CHECK(c["MasterUserSecret"]["KmsKeyId"] == Json::parse(R"({"Fn::GetAtt": ["LangdbDbKey", "Arn"]})"));
  CHECK(c["StorageEncrypted"] == true);
  CHECK(c["KmsKeyId"] == Json::parse(R"({"Fn::GetAtt": ["LangdbDbKey", "Arn"]})"));
  CHECK(c["DeletionProtection"] == true);
  CHECK(c["EnableIAMDatabaseAuthentication"] == true);
  CHECK(c["BackupRetentionPeriod"] == 7);
  CHECK(c["CopyTagsToSnapshot"] == true);
  CHECK(c["EnableCloudwatchLogsExports"] == Json::array({"postgresql"}));
  CHECK(c["Port"] == 5432);
  CHECK_FALSE(c.contains("ServerlessV2ScalingConfiguration"));

  // Two instances by default, private, with Performance Insights under the same key.
  const Json& i = p.resource("LangdbDbClusterInstance2").properties;
  CHECK(i["DBInstanceClass"] == "db.t4g.medium");
  CHECK(i["PubliclyAccessible"] == false);
  CHECK(i["EnablePerformanceInsights"] == true);
  CHECK(i["PerformanceInsightsRetentionPeriod"] == 7);
  CHECK(i["PerformanceInsightsKMSKeyId"] == Json::parse(R"({"Fn::GetAtt": ["LangdbDbKey", "Arn"]})"));
  CHECK_FALSE(p.has("LangdbDbClusterInstance3"));
  // Enhanced Monitoring every 60 s, as a role that may write only the region's RDSOSMetrics group.
  CHECK(i["MonitoringInterval"] == 60);
  CHECK(i["MonitoringRoleArn"] == Json::parse(R"({"Fn::GetAtt": ["LangdbDbClusterMonitoringRole", "Arn"]})"));
  const Json& monitoring = p.resource("LangdbDbClusterMonitoringRole").properties;
  CHECK(monitoring["AssumeRolePolicyDocument"]["Statement"][0]["Principal"]["Service"] == "monitoring.rds.amazonaws.com");
  CHECK(monitoring["AssumeRolePolicyDocument"]["Statement"][0]["Condition"]["StringEquals"].contains("aws:SourceAccount"));
  CHECK_FALSE(monitoring.contains("ManagedPolicyArns"));
  const Json& publish = monitoring["Policies"][0]["PolicyDocument"]["Statement"];
  REQUIRE(publish.size() == 2);
  CHECK(publish[0]["Resource"] == Json::parse(
      R"({"Fn::Sub": "arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:RDSOSMetrics"})"));
  CHECK(publish[1]["Action"] == Json::parse(
      R"(["logs:CreateLogStream", "logs:DescribeLogStreams", "logs:GetLogEvents", "logs:PutLogEvents"])"));
  CHECK(publish[1]["Resource"] == Json::parse(
      R"({"Fn::Sub": "arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:RDSOSMetrics:log-stream:*"})"));

  // The customer-managed key: rotation on, the account administers, never deleted with the stack.
  const auto& key = p.resource("LangdbDbKey");
  CHECK(key.deletion_policy == "Retain");
  CHECK(key.properties["EnableKeyRotation"] == true);
  const Json& statement = key.properties["KeyPolicy"]["Statement"][0];
  CHECK(statement["Principal"]["AWS"] == Json::parse(R"({"Fn::Sub": "arn:${AWS::Partition}:iam::${AWS::AccountId}:root"})"));
  CHECK(p.resource("LangdbDbKeyAlias").properties["AliasName"] == "alias/test/langdb-db");

  // Subnets of the isolated tier, imported from the network stack.
  const Json& subnets = p.resource("LangdbDbSubnetGroup").properties["SubnetIds"];
  REQUIRE(subnets.size() == 3);
  CHECK(subnets[2] == Json::parse(R"({"Fn::ImportValue": "test-dev-network:MainVpcDatabaseSubnet3Ref"})"));

  // TLS is required by the engine.
  const Json& pg = p.resource("LangdbDbParameterGroup").properties;
  CHECK(pg["Family"] == "aurora-postgresql16");
  CHECK(pg["Parameters"] == Json::parse(R"({"rds.force_ssl": "1"})"));
}

TEST_CASE("data: the proxy reads the master secret, requires TLS and sits in its own group") {
  auto p = plan_text(data_spec(kLangDb));
  const Json& proxy = p.resource("LangdbDbProxy").properties;
  CHECK(proxy["DBProxyName"] == "test-langdb");
  CHECK(proxy["EngineFamily"] == "POSTGRESQL");
  CHECK(proxy["RequireTLS"] == true);
  CHECK(proxy["Auth"][0]["AuthScheme"] == "SECRETS");
  CHECK(proxy["Auth"][0]["SecretArn"] == Json::parse(R"({"Fn::GetAtt": ["LangdbDbCluster", "MasterUserSecret.SecretArn"]})"));
  CHECK(proxy["Auth"][0]["ClientPasswordAuthType"] == "POSTGRES_SCRAM_SHA_256");
  CHECK(proxy["RoleArn"] == Json::parse(R"({"Fn::GetAtt": ["LangdbDbProxyRole", "Arn"]})"));
  CHECK(proxy["VpcSecurityGroupIds"][0] == Json::parse(R"({"Fn::GetAtt": ["LangdbDbProxySecurityGroup", "GroupId"]})"));

  const Json& policy = p.resource("LangdbDbProxyRole").properties["Policies"][0]["PolicyDocument"];
  CHECK(policy["Statement"][0]["Action"] == "secretsmanager:GetSecretValue");
  CHECK(policy["Statement"][0]["Resource"] ==
        Json::parse(R"({"Fn::GetAtt": ["LangdbDbCluster", "MasterUserSecret.SecretArn"]})"));
  CHECK(policy["Statement"][1]["Action"] == "kms:Decrypt");

  const auto& tg = p.resource("LangdbDbProxyTargetGroup");
  CHECK(tg.properties["DBClusterIdentifiers"][0] == Json::parse(R"({"Ref": "LangdbDbCluster"})"));
  CHECK(tg.depends_on == std::vector<std::string>{"LangdbDbClusterInstance1", "LangdbDbClusterInstance2"});

  // The cluster's group admits only the proxy; the proxy may reach only the cluster.
  const Json& in = p.resource("LangdbDbSecurityGroupIngressFromLangdbDbProxySecurityGroup5432").properties;
  CHECK(in["GroupId"] == Json::parse(R"({"Fn::GetAtt": ["LangdbDbSecurityGroup", "GroupId"]})"));
  CHECK(in["SourceSecurityGroupId"] == Json::parse(R"({"Fn::GetAtt": ["LangdbDbProxySecurityGroup", "GroupId"]})"));
  CHECK(p.has("LangdbDbProxySecurityGroupEgressToLangdbDbSecurityGroup5432"));
  CHECK(p.resource("LangdbDbSecurityGroup").properties["SecurityGroupEgress"][0]["Description"] == "Disallow all traffic");
}

TEST_CASE("data: every setting reaches the template") {
  auto p = plan_text(data_spec(
      "    langdb:\n"
      "      vpc: main\n"
      "      version: \"15.4\"\n"
      "      database_name: langportal\n"
      "      master_username: portal\n"
      "      instances: 1\n"
      "      instance_class: db.r6g.large\n"
      "      security_group: aurora\n"
      "      parameters: {log_min_duration_statement: \"1000\"}\n"
      "      backup: {retention_days: 14, window: \"03:00-04:00\"}\n"
      "      maintenance_window: sun:04:30-sun:05:00\n"
      "      deletion_protection: false\n"
      "      performance_insights: {retention_days: 31}\n"
      "      enhanced_monitoring: 0\n"
      "      iam_auth: false\n"
      "      proxy: {security_group: aurora, idle_client_timeout: 900, max_connections_percent: 80,\n"
      "              max_idle_connections_percent: 10, borrow_timeout: 30}\n"
      "      tags: {Team: data}\n"));
  CHECK(p.schema_findings().empty());
  const auto& cluster = p.resource("LangdbDbCluster");
  const Json& c = cluster.properties;
  CHECK(c["EngineVersion"] == "15.4");
  CHECK(c["DatabaseName"] == "langportal");
  CHECK(c["MasterUsername"] == "portal");
  CHECK(c["BackupRetentionPeriod"] == 14);
  CHECK(c["PreferredBackupWindow"] == "03:00-04:00");
  CHECK(c["PreferredMaintenanceWindow"] == "sun:04:30-sun:05:00");
  CHECK(c["DeletionProtection"] == false);
  CHECK(c["EnableIAMDatabaseAuthentication"] == false);
  CHECK(c["VpcSecurityGroupIds"][0] == Json::parse(R"({"Fn::ImportValue": "test-dev-network:AuroraSecurityGroupGroupId"})"));
  CHECK(cluster.tags.at("Team") == "data");
  CHECK(p.resource("LangdbDbClusterInstance1").properties["DBInstanceClass"] == "db.r6g.large");
  CHECK(p.resource("LangdbDbClusterInstance1").properties["PerformanceInsightsRetentionPeriod"] == 31);
  CHECK_FALSE(p.has("LangdbDbClusterInstance2"));
  CHECK_FALSE(p.resource("LangdbDbClusterInstance1").properties.contains("MonitoringInterval"));
  CHECK_FALSE(p.has("LangdbDbClusterMonitoringRole"));
  CHECK(p.resource("LangdbDbParameterGroup").properties["Parameters"] ==
        Json::parse(R"({"rds.force_ssl": "1", "log_min_duration_statement": "1000"})"));
  CHECK(p.resource("LangdbDbParameterGroup").properties["Family"] == "aurora-postgresql15");
  const Json& pool = p.resource("LangdbDbProxyTargetGroup").properties["ConnectionPoolConfigurationInfo"];
  CHECK(pool == Json::parse(R"({"MaxConnectionsPercent": 80, "MaxIdleConnectionsPercent": 10, "ConnectionBorrowTimeout": 30})"));
  CHECK(p.resource("LangdbDbProxy").properties["IdleClientTimeout"] == 900);
  // Both named groups are the same: no groups created, no rules needed beyond one pair.
  CHECK_FALSE(p.has("LangdbDbSecurityGroup"));
  CHECK_FALSE(p.has("LangdbDbProxySecurityGroup"));
}

TEST_CASE("data: Aurora MySQL Serverless v2 without a proxy") {
  auto p = plan_text(data_spec(
      "    haiku:\n"
      "      vpc: main\n"
      "      engine: aurora-mysql\n"
      "      instances: 1\n"
      "      serverless: {min: 0.5, max: 8}\n"
      "      log_exports: [error, slowquery]\n"
      "      proxy: false\n"));
  CHECK(p.schema_findings().empty());
  const Json& c = p.resource("HaikuDbCluster").properties;
  CHECK(c["Engine"] == "aurora-mysql");
  CHECK(c["EngineVersion"] == "8.0.mysql_aurora.3.08.0");
  CHECK(c["Port"] == 3306);
  CHECK(c["ServerlessV2ScalingConfiguration"] == Json::parse(R"({"MinCapacity": 0.5, "MaxCapacity": 8.0})"));
  CHECK(c["EnableCloudwatchLogsExports"] == Json::array({"error", "slowquery"}));
  CHECK(p.resource("HaikuDbClusterInstance1").properties["DBInstanceClass"] == "db.serverless");
  CHECK(p.resource("HaikuDbParameterGroup").properties["Family"] == "aurora-mysql8.0");
  CHECK(p.resource("HaikuDbParameterGroup").properties["Parameters"] == Json::parse(R"({"require_secure_transport": "ON"})"));
  CHECK_FALSE(p.has("HaikuDbProxy"));
  CHECK_FALSE(p.has("HaikuDbProxySecurityGroup"));
}

TEST_CASE("data: reading errors point at the value") {
  CHECK(data_errors(std::string(kLangDb) + "      engine: aurora-postgres\n") ==
        "spec.yaml:17:15: 'engine' must be one of aurora-postgresql, aurora-mysql, got 'aurora-postgres'; did you "
        "mean 'aurora-postgresql'?\n");
  CHECK(data_errors(std::string(kLangDb) + "      serverless: {min: 8, max: 2}\n") ==
        "spec.yaml:17:25: serverless capacity of database 'langdb' goes from 8 down to 2 ACU; 'min' must not exceed "
        "'max'\n");
  CHECK(data_errors(std::string(kLangDb) + "      serverless: {min: 0.3, max: 2}\n") ==
        "spec.yaml:17:25: 'min' must be a multiple of 0.5 ACU, got 0.3\n");
  CHECK(data_errors(std::string(kLangDb) + "      serverless: {min: 1, max: 300}\n") ==
        "spec.yaml:17:33: 'max' must be between 0 and 256, got 300\n");
  CHECK(data_errors(std::string(kLangDb) + "      instance_class: db.r6g.large\n      serverless: {min: 1, max: 2}\n") ==
        "spec.yaml:18:19: database 'langdb' gives both 'instance_class' and 'serverless'; use one\n");
  CHECK(data_errors(std::string(kLangDb) + "      backup: {retention_days: 1}\n") ==
        "spec.yaml:17:32: 'retention_days' must be between 7 and 35, got 1\n");
  CHECK(data_errors(std::string(kLangDb) + "      backup: {window: \"03:00-03:10\"}\n") ==
        "spec.yaml:17:24: the backup window must be at least 30 minutes long, got 10 minutes\n");
  CHECK(data_errors(std::string(kLangDb) + "      maintenance_window: sunday\n") ==
        "spec.yaml:17:27: 'maintenance_window' must be a UTC range such as sun:04:30-sun:05:00, got 'sunday'\n");
  // RDS refuses a maintenance window that overlaps the daily backup window, across midnight too.
  CHECK(data_errors(std::string(kLangDb) + "      backup: {window: \"03:00-04:00\"}\n"
                    "      maintenance_window: sun:03:30-sun:04:30\n") ==
        "spec.yaml:18:27: database 'langdb': the maintenance window sun:03:30-sun:04:30 overlaps the daily backup "
        "window 03:00-04:00, which RDS refuses; move one of them\n");
  CHECK(data_errors(std::string(kLangDb) + "      backup: {window: \"23:30-00:30\"}\n"
                    "      maintenance_window: mon:00:00-mon:01:00\n") ==
        "spec.yaml:18:27: database 'langdb': the maintenance window mon:00:00-mon:01:00 overlaps the daily backup "
        "window 23:30-00:30, which RDS refuses; move one of them\n");
  CHECK(data_errors(std::string(kLangDb) + "      backup: {window: \"03:00-04:00\"}\n"
                    "      maintenance_window: sun:23:30-mon:03:30\n") ==
        "spec.yaml:18:27: database 'langdb': the maintenance window sun:23:30-mon:03:30 overlaps the daily backup "
        "window 03:00-04:00, which RDS refuses; move one of them\n");
  // Windows that touch are fine (the seed's Haiku database: backups 04:00-05:00, maintenance from 05:00).
  CHECK(load_text(data_spec(std::string(kLangDb) + "      backup: {window: \"04:00-05:00\"}\n"
                            "      maintenance_window: sun:05:00-sun:06:00\n"))
            .messages()
            .empty());
  CHECK(data_errors(std::string(kLangDb) + "      enhanced_monitoring: 20\n") ==
        "spec.yaml:17:28: Enhanced Monitoring collects every 1, 5, 10, 15, 30 or 60 seconds (0 turns it off); got 20\n");
  CHECK(data_errors(std::string(kLangDb) + "      enhanced_monitoring: 120\n") ==
        "spec.yaml:17:28: 'enhanced_monitoring' must be between 0 and 60, got 120\n");
  CHECK(data_errors(std::string(kLangDb) + "      proxi: false\n") ==
        "spec.yaml:17:7: unknown key 'proxi' in database 'langdb'; did you mean 'proxy'?\n");
  CHECK(data_errors("    langdb: {engine: aurora-mysql}\n") ==
        "spec.yaml:15:5: database 'langdb' is missing required key 'vpc'\n");
}

TEST_CASE("data: checks of references, versions, logs and parameters") {
  CHECK(data_errors("    langdb: {vpc: mian}\n") ==
        "spec.yaml:15:19: database 'langdb' refers to vpc 'mian', which is not defined; did you mean 'main'?\n");
  CHECK(data_errors(std::string(kLangDb) + "      tier: databse\n") ==
        "spec.yaml:17:13: database 'langdb' refers to tier 'databse', which vpc 'main' does not have; did you mean "
        "'database'?\n");
  CHECK(data_errors(std::string(kLangDb) + "      tier: public\n") ==
        "spec.yaml:17:13: database 'langdb' must not be placed in public tier 'public'\n");
  CHECK(data_errors(std::string(kLangDb) + "      security_group: auora\n") ==
        "spec.yaml:17:23: database 'langdb' refers to security group 'auora', which is not defined; did you mean "
        "'aurora'?\n");
  CHECK(data_errors(std::string(kLangDb) + "      version: \"8.0\"\n") ==
        "spec.yaml:17:16: '8.0' is not an Aurora PostgreSQL version; write one such as 16.6\n");
  CHECK(data_errors(std::string(kLangDb) + "      log_exports: [postgres]\n") ==
        "spec.yaml:17:21: aurora-postgresql exports no log 'postgres'; it has postgresql; did you mean "
        "'postgresql'?\n");
  CHECK(data_errors(std::string(kLangDb) + "      parameters: {rds.force_ssl: \"0\"}\n") ==
        "spec.yaml:17:20: parameter 'rds.force_ssl' is set by aip: clients of database 'langdb' must use TLS\n");
  // A VPC without an isolated tier.
  auto loaded = load_text(std::string(kHeader) +
                          "network:\n  vpcs:\n    main: {cidr: 10.0.0.0/16, azs: 1, tiers: {private: 24}}\n"
                          "data:\n  databases:\n    langdb: {vpc: main}\n");
  CHECK(loaded.messages() ==
        "spec.yaml:10:5: database 'langdb' needs an isolated tier in vpc 'main', or 'tier: NAME' naming a private "
        "one\n"
        "spec.yaml:10:19: database 'langdb' needs subnets in at least 2 AZs; vpc 'main' has 1\n");
}

TEST_CASE("data: resources carry the spec location they came from") {
  auto p = plan_text(data_spec(kLangDb));
  CHECK(p.resource("LangdbDbCluster").provenance.line == 15);
  CHECK(p.resource("LangdbDbCluster").provenance.column == 5);
}

TEST_CASE("data: Enhanced Monitoring at another interval") {
  auto fast = plan_text(data_spec(std::string(kLangDb) + "      enhanced_monitoring: 5\n"));
  CHECK(fast.schema_findings().empty());
  CHECK(fast.resource("LangdbDbClusterInstance2").properties["MonitoringInterval"] == 5);
  CHECK(fast.has("LangdbDbClusterMonitoringRole"));
}

TEST_CASE("data: Aurora MySQL backtracks as long as backtrack_hours says, Serverless v2 too, and not by default") {
  const std::string mysql = std::string(kLangDb) + "      engine: aurora-mysql\n";
  // Off by default: RDS cannot turn it on for clusters created without it.
  auto p = plan_text(data_spec(mysql));
  CHECK(p.schema_findings().empty());
  CHECK_FALSE(p.resource("LangdbDbCluster").properties.contains("BacktrackWindow"));
  auto day = plan_text(data_spec(mysql + "      backtrack_hours: 24\n"));
  CHECK(day.resource("LangdbDbCluster").properties["BacktrackWindow"] == 86400);
  auto serverless = plan_text(data_spec(mysql + "      serverless: {min: 0.5, max: 8}\n      backtrack_hours: 24\n"));
  CHECK(serverless.resource("LangdbDbCluster").properties["BacktrackWindow"] == 86400);
  auto three_days = plan_text(data_spec(mysql + "      backtrack_hours: 72\n"));
  CHECK(three_days.schema_findings().empty());
  CHECK(three_days.resource("LangdbDbCluster").properties["BacktrackWindow"] == 259200);
  auto off = plan_text(data_spec(mysql + "      backtrack_hours: 0\n"));
  CHECK_FALSE(off.resource("LangdbDbCluster").properties.contains("BacktrackWindow"));
  // Aurora PostgreSQL has no backtrack: nothing by default, 0 accepted, more an error.
  CHECK_FALSE(plan_text(data_spec(kLangDb)).resource("LangdbDbCluster").properties.contains("BacktrackWindow"));
  CHECK_FALSE(plan_text(data_spec(std::string(kLangDb) + "      backtrack_hours: 0\n"))
                  .resource("LangdbDbCluster")
                  .properties.contains("BacktrackWindow"));
  CHECK(data_errors(std::string(kLangDb) + "      backtrack_hours: 12\n") ==
        "spec.yaml:17:24: Backtrack is an Aurora MySQL feature; database 'langdb' is aurora-postgresql (restore to a "
        "point in time instead)\n");
  CHECK(data_errors(mysql + "      backtrack_hours: 100\n") ==
        "spec.yaml:18:24: 'backtrack_hours' must be between 0 and 72, got 100\n");
}

TEST_CASE("data: the proxy's read-only endpoint serves the readers") {
  auto p = plan_text(data_spec(std::string(kLangDb) + "      proxy: {read_only_endpoint: true}\n"));
  CHECK(p.schema_findings().empty());
  const Json& ep = p.resource("LangdbDbProxyReadOnlyEndpoint").properties;
  CHECK(ep["DBProxyName"] == Json::parse(R"({"Ref": "LangdbDbProxy"})"));
  CHECK(ep["DBProxyEndpointName"] == "test-langdb-ro");
  CHECK(ep["TargetRole"] == "READ_ONLY");
  CHECK(ep["VpcSecurityGroupIds"][0] == Json::parse(R"({"Fn::GetAtt": ["LangdbDbProxySecurityGroup", "GroupId"]})"));
  CHECK(ep["VpcSubnetIds"] == p.resource("LangdbDbProxy").properties["VpcSubnetIds"]);
  // Without readers there is nothing to read from.
  CHECK(data_errors(std::string(kLangDb) + "      instances: 1\n      proxy: {read_only_endpoint: true}\n") ==
        "spec.yaml:18:35: 'read_only_endpoint' of database 'langdb' needs a reader: 'instances' is 1, at least 2\n");
}

TEST_CASE("data: instance parameters get a group of the cluster's family on every instance") {
  auto p = plan_text(data_spec(std::string(kLangDb) + "      version: \"15.10\"\n"
                               "      instance_parameters: {max_connections: \"200\", shared_buffers: \"131072\"}\n"));
  CHECK(p.schema_findings().empty());
  const Json& group = p.resource("LangdbDbInstanceParameterGroup").properties;
  CHECK(group["Family"] == "aurora-postgresql15");
  CHECK(group["Parameters"] == Json::parse(R"({"max_connections": "200", "shared_buffers": "131072"})"));
  // The cluster group follows the same pinned major version.
  CHECK(p.resource("LangdbDbParameterGroup").properties["Family"] == "aurora-postgresql15");
  for (const char* instance : {"LangdbDbClusterInstance1", "LangdbDbClusterInstance2"}) {
    CHECK(p.resource(instance).properties["DBParameterGroupName"] ==
          Json::parse(R"({"Ref": "LangdbDbInstanceParameterGroup"})"));
  }
  // Without instance parameters the instances keep RDS's default group.
  auto plain = plan_text(data_spec(kLangDb));
  CHECK_FALSE(plain.resource("LangdbDbClusterInstance1").properties.contains("DBParameterGroupName"));
  CHECK(data_errors(std::string(kLangDb) + "      instance_parameters: [max_connections]\n") ==
        "spec.yaml:17:28: 'instance_parameters' must map parameter names to values, got a list\n");
  CHECK(data_errors(std::string(kLangDb) + "      instance_parameters: {rds.force_ssl: \"0\"}\n") ==
        "spec.yaml:17:29: parameter 'rds.force_ssl' is set by aip: clients of database 'langdb' must use TLS\n");
}
