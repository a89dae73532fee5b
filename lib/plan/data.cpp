// The `data:` area rendered into its stack: per database a customer-managed KMS
// key, a DB subnet group on the isolated tier, a cluster parameter group that
// requires TLS, the Aurora cluster (master password kept by Secrets Manager) and
// its instances, security groups, and an RDS Proxy with its role.
#include <algorithm>

#include <fmt/format.h>

#include "cfn/intrinsics.hpp"
#include "cfn/logical_id.hpp"
#include "plan/names.hpp"
#include "plan/group_rules.hpp"
#include "plan/plan.hpp"
#include "plan/policy_builder.hpp"

namespace aip::plan {
namespace {

using cfn::Json;
namespace fn = cfn::intrinsic;

using Group = SecurityGroupRef;

Group group_of(const spec::Spec& spec, cfn::Assembly& assembly, const spec::Vpc& vpc,
               const spec::Located<std::string>& named, cfn::Stack& own, std::string own_id) {
  if (!named.value.empty()) {
    return Group{spec.find_security_group(named.value), &vpc_stack(spec, assembly, vpc),
                 security_group_id(named.value)};
  }
  return Group{nullptr, &own, std::move(own_id)};
}

// RDS Proxy names: letters, digits and single hyphens, starting with a letter, at most 60.
std::string proxy_name(const std::string& platform, const std::string& db) {
  std::string out;
  for (char c : platform + "-" + db) {
    char ch = c == '_' ? '-' : c;
    if (ch == '-' && (out.empty() || out.back() == '-')) continue;
    out += ch;
  }
  if (out.size() > 60) out.resize(60);
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

struct DbPlan {
  const spec::Spec& spec;
  const spec::Database& db;
  const spec::Vpc& vpc;
  cfn::Assembly& assembly;
  cfn::Stack& stack;
  cfn::Stack& net;

  cfn::Resource& add(std::string id, std::string type, Json properties, Location where = {}) {
    cfn::Resource r;
    r.logical_id = std::move(id);
    r.type = std::move(type);
    r.properties = std::move(properties);
    r.provenance = where.valid() ? where : db.location;
    for (const auto& [k, v] : db.tags) r.tags[k] = v.value;
    return stack.add(std::move(r));
  }
  std::string name_tag(std::string_view suffix) const {
    return fmt::format("{}-{}-{}", spec.name.value, db.name, suffix);
  }
};

const spec::Tier& db_tier(const spec::Database& db, const spec::Vpc& vpc) {
  for (const spec::Tier& t : vpc.tiers) {
    if (db.tier.value.empty() ? t.kind == spec::TierKind::isolated : t.name == db.tier.value) return t;
  }
  return vpc.tiers.front();  // unreachable: check_data guarantees the tier
}

void plan_key(DbPlan& p) {
  const std::string key = db_key_id(p.db.name);
  Json policy = policy_doc(Json::array({account_administers_key("AccountAdministersKey")}));
  cfn::Resource& k = p.add(key, "AWS::KMS::Key",
                           {{"Description", fmt::format("Encrypts database {} of platform {}: storage, master secret, "
                                                        "Performance Insights",
                                                        p.db.name, p.spec.name.value)},
                            {"EnableKeyRotation", true},
                            {"PendingWindowInDays", 30},
                            {"KeyPolicy", policy}});
  // Snapshots outlive the stack; without their key they are unreadable.
  k.deletion_policy = "Retain";
  k.tags["Name"] = p.name_tag("db");
  p.add(key + "Alias", "AWS::KMS::Alias",
        {{"AliasName", fmt::format("alias/{}/{}-db", p.spec.name.value, p.db.name)}, {"TargetKeyId", fn::ref(key)}});
}

void plan_cluster(DbPlan& p, const Group& db_group) {
  const spec::Database& db = p.db;
  const std::string cluster = db_cluster_id(db.name);
  const std::string key = db_key_id(db.name);
  const std::string subnet_group = id_for(db.name, "DbSubnetGroup");
  const std::string parameter_group = id_for(db.name, "DbParameterGroup");

  const spec::Tier& tier = db_tier(db, p.vpc);
  Json subnets = Json::array();
  for (int az = 1; az <= p.vpc.azs.value; ++az) {
    subnets.push_back(p.assembly.ref(p.stack, p.net, subnet_id(p.vpc.name, tier.name, az)));
  }
  cfn::Resource& sng = p.add(subnet_group, "AWS::RDS::DBSubnetGroup",
                             {{"DBSubnetGroupDescription", fmt::format("Subnets of database {} (tier {} of vpc {})",
                                                                       db.name, tier.name, p.vpc.name)},
                              {"SubnetIds", subnets}},
                             db.tier.location.valid() ? db.tier.location : db.location);
  sng.tags["Name"] = p.name_tag("db");

  Json parameters = Json::object();
  parameters[spec::tls_parameter(db.engine.value)] = db.engine.value == spec::DbEngine::aurora_mysql ? "ON" : "1";
  for (const auto& [k, v] : db.parameters) parameters[k.value] = v.value;
  cfn::Resource& pg = p.add(parameter_group, "AWS::RDS::DBClusterParameterGroup",
                            {{"Description", fmt::format("Cluster parameters of database {}", db.name)},
                             {"Family", db.parameter_family()},
                             {"Parameters", parameters}});
  pg.tags["Name"] = p.name_tag("db");

  // Instance-level settings (memory, connections) live in a DB parameter group of the same family,
  // so a pinned major version moves both groups together.
  const std::string instance_group = id_for(db.name, "DbInstanceParameterGroup");
  if (!db.instance_parameters.empty()) {
    Json values = Json::object();
    for (const auto& [k, v] : db.instance_parameters) values[k.value] = v.value;
    cfn::Resource& ipg = p.add(instance_group, "AWS::RDS::DBParameterGroup",
                               {{"Description", fmt::format("Instance parameters of database {}", db.name)},
                                {"Family", db.parameter_family()},
                                {"Parameters", values}},
                               db.instance_parameters.front().first.location);
    ipg.tags["Name"] = p.name_tag("db");
  }

  Json logs = Json::array();
  if (db.log_exports_given) {
    for (const auto& l : db.log_exports) logs.push_back(l.value);
  } else {
    for (const auto& l : spec::default_log_exports(db.engine.value)) logs.push_back(l);
  }
  // A classified database keeps its data (storage, snapshots, Performance
  // Insights) under its level's key; the master secret stays under its own.
  Json data_key = db.classification.value.empty()
                      ? fn::get_att(key, "Arn")
                      : classification_key_arn(p.spec, p.assembly, p.stack, db.classification.value);
  Json props = {{"Engine", spec::to_string(db.engine.value)},
                {"EngineVersion", db.effective_version()},
                {"DatabaseName", db.effective_database_name()},
                {"MasterUsername", db.master_username.value},
                // RDS keeps the password in Secrets Manager; none is ever in a template.
                {"ManageMasterUserPassword", true},
                {"MasterUserSecret", {{"KmsKeyId", fn::get_att(key, "Arn")}}},
                {"Port", db.port()},
                {"DBSubnetGroupName", fn::ref(subnet_group)},
                {"DBClusterParameterGroupName", fn::ref(parameter_group)},
                {"VpcSecurityGroupIds", Json::array({p.assembly.get_att(p.stack, *db_group.stack, db_group.id, "GroupId")})},
                {"StorageEncrypted", true},
                {"KmsKeyId", data_key},
                {"BackupRetentionPeriod", db.backup_retention_days.value},
                {"CopyTagsToSnapshot", true},
                {"DeletionProtection", db.deletion_protection.value},
                {"EnableIAMDatabaseAuthentication", db.iam_auth.value},
                {"EnableCloudwatchLogsExports", logs}};
  if (!db.backup_window.value.empty()) props["PreferredBackupWindow"] = db.backup_window.value;
  if (!db.maintenance_window.value.empty()) props["PreferredMaintenanceWindow"] = db.maintenance_window.value;
  // Backtrack rewinds the cluster in place, in minutes, after a bad migration or a DELETE without WHERE;
  // it can only be turned on when the cluster is created. CloudFormation takes seconds.
  if (db.effective_backtrack_hours() > 0) props["BacktrackWindow"] = db.effective_backtrack_hours() * 3600;
  if (db.serverless) {
    props["ServerlessV2ScalingConfiguration"] = {{"MinCapacity", db.serverless->min.value},
                                                 {"MaxCapacity", db.serverless->max.value}};
  }
  cfn::Resource& c = p.add(cluster, "AWS::RDS::DBCluster", props);
  c.deletion_policy = "Snapshot";
  c.tags["Name"] = p.name_tag("db");
  classify(c, db.classification);

  // Enhanced Monitoring: RDS publishes OS metrics to the log group RDSOSMetrics
  // of the region as this role (the AWS managed policy's grants, on that group only).
  const std::string monitoring_role = cluster + "MonitoringRole";
  if (db.enhanced_monitoring_seconds.value > 0) {
    const std::string group = "arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:RDSOSMetrics";
    Json policy = policy_doc(Json::array(
        {allow("MetricsLogGroup", Json::array({"logs:CreateLogGroup", "logs:PutRetentionPolicy"}), fn::sub(group)),
         allow("MetricsLogStreams", Json::array({"logs:CreateLogStream", "logs:DescribeLogStreams",
                                                  "logs:GetLogEvents", "logs:PutLogEvents"}),
               fn::sub(group + ":log-stream:*"))}));
    p.add(monitoring_role, "AWS::IAM::Role",
          {{"AssumeRolePolicyDocument",
            policy_doc(Json::array({service_assumes_role("monitoring.rds.amazonaws.com").from_this_account()}))},
           {"Description", fmt::format("Lets RDS Enhanced Monitoring of database {} publish OS metrics", db.name)},
           {"Policies", Json::array({{{"PolicyName", "publish-os-metrics"}, {"PolicyDocument", policy}}})}},
          db.enhanced_monitoring_seconds.location.valid() ? db.enhanced_monitoring_seconds.location : db.location);
  }
  for (int i = 1; i <= db.instances.value; ++i) {
    Json instance = {{"DBClusterIdentifier", fn::ref(cluster)},
                     {"DBInstanceClass", db.serverless ? std::string("db.serverless") : db.instance_class.value},
                     {"Engine", spec::to_string(db.engine.value)},
                     {"PubliclyAccessible", false},
                     {"AutoMinorVersionUpgrade", true},
                     {"EnablePerformanceInsights", db.performance_insights.value}};
    if (!db.instance_parameters.empty()) instance["DBParameterGroupName"] = fn::ref(instance_group);
    if (db.performance_insights.value) {
      instance["PerformanceInsightsKMSKeyId"] = data_key;
      instance["PerformanceInsightsRetentionPeriod"] = db.performance_insights_retention_days.value;
    }
    if (db.enhanced_monitoring_seconds.value > 0) {
      instance["MonitoringInterval"] = db.enhanced_monitoring_seconds.value;
      instance["MonitoringRoleArn"] = fn::get_att(monitoring_role, "Arn");
    }
    cfn::Resource& r = p.add(fmt::format("{}Instance{}", cluster, i), "AWS::RDS::DBInstance", instance,
                             db.serverless ? db.serverless->location
                                           : (db.instances.location.valid() ? db.instances.location : db.location));
    r.tags["Name"] = p.name_tag(fmt::format("db-{}", i));
    classify(r, db.classification);
  }
}

void plan_proxy(DbPlan& p, const Group& db_group, const Group& proxy_group) {
  const spec::Database& db = p.db;
  Location where = p.db.proxy.location.valid() ? p.db.proxy.location : db.location;
  const std::string cluster = db_cluster_id(db.name);
  const std::string key = db_key_id(db.name);
  const std::string proxy = db_proxy_id(db.name);
  const std::string role = proxy + "Role";
  Json trust = policy_doc(Json::array({service_assumes_role("rds.amazonaws.com").from_this_account()}));
  Json policy = policy_doc(Json::array(
      {allow("ReadMasterSecret", "secretsmanager:GetSecretValue", fn::get_att(cluster, "MasterUserSecret.SecretArn")),
       allow("DecryptMasterSecret", "kms:Decrypt", fn::get_att(key, "Arn"))
           .condition("StringEquals", "kms:ViaService", fn::sub("secretsmanager.${AWS::Region}.amazonaws.com"))}));
  p.add(role, "AWS::IAM::Role",
        {{"AssumeRolePolicyDocument", trust},
         {"Description", fmt::format("Lets RDS Proxy of database {} read the master secret", db.name)},
         {"Policies", Json::array({{{"PolicyName", "read-master-secret"}, {"PolicyDocument", policy}}})}},
        where);

  const spec::Tier& tier = db_tier(db, p.vpc);
  Json subnets = Json::array();
  for (int az = 1; az <= p.vpc.azs.value; ++az) {
    subnets.push_back(p.assembly.ref(p.stack, p.net, subnet_id(p.vpc.name, tier.name, az)));
  }
  bool postgres = db.engine.value == spec::DbEngine::aurora_postgresql;
  bool scram = postgres && std::stoi(db.effective_version()) >= 14;
  p.add(proxy, "AWS::RDS::DBProxy",
        {{"DBProxyName", proxy_name(p.spec.name.value, db.name)},
         {"EngineFamily", postgres ? "POSTGRESQL" : "MYSQL"},
         {"Auth", Json::array({{{"AuthScheme", "SECRETS"},
                                {"SecretArn", fn::get_att(cluster, "MasterUserSecret.SecretArn")},
                                // `proxy: {iam_auth: true}`: clients connect with IAM tokens, never the password.
                                {"IAMAuth", db.proxy.iam_auth.value ? "REQUIRED" : "DISABLED"},
                                {"ClientPasswordAuthType",
                                 postgres ? (scram ? "POSTGRES_SCRAM_SHA_256" : "POSTGRES_MD5") : "MYSQL_NATIVE_PASSWORD"},
                                {"Description", "master user, password from Secrets Manager"}}})},
         {"RequireTLS", true},
         {"IdleClientTimeout", db.proxy.idle_client_timeout.value},
         {"DebugLogging", false},
         {"RoleArn", fn::get_att(role, "Arn")},
         {"VpcSubnetIds", subnets},
         {"VpcSecurityGroupIds",
          Json::array({p.assembly.get_att(p.stack, *proxy_group.stack, proxy_group.id, "GroupId")})}},
        where);
  cfn::Resource& tg = p.add(proxy + "TargetGroup", "AWS::RDS::DBProxyTargetGroup",
                            {{"DBProxyName", fn::ref(proxy)},
                             {"TargetGroupName", "default"},
                             {"DBClusterIdentifiers", Json::array({fn::ref(cluster)})},
                             {"ConnectionPoolConfigurationInfo",
                              {{"MaxConnectionsPercent", db.proxy.max_connections_percent.value},
                               {"MaxIdleConnectionsPercent", db.proxy.max_idle_connections_percent.value},
                               {"ConnectionBorrowTimeout", db.proxy.borrow_timeout.value}}}},
                            where);
  // Targets register once the cluster has its instances.
  for (int i = 1; i <= db.instances.value; ++i) tg.depends_on.push_back(fmt::format("{}Instance{}", cluster, i));
  if (db.proxy.read_only_endpoint.value) {
    // Readers only; the proxy's default endpoint stays the read/write one. Same subnets and group.
    // Proxy names have at most 60 characters, endpoint names 63.
    p.add(proxy + "ReadOnlyEndpoint", "AWS::RDS::DBProxyEndpoint",
          {{"DBProxyName", fn::ref(proxy)},
           {"DBProxyEndpointName", proxy_name(p.spec.name.value, db.name) + "-ro"},
           {"TargetRole", "READ_ONLY"},
           {"VpcSubnetIds", subnets},
           {"VpcSecurityGroupIds",
            Json::array({p.assembly.get_att(p.stack, *proxy_group.stack, proxy_group.id, "GroupId")})}},
          where);
  }

  add_group_rule(p.assembly, p.stack, db_group, proxy_group, true, db.port(),
                 fmt::format("tcp {} from the proxy of database {}", db.port(), db.name), where);
  add_group_rule(p.assembly, p.stack, proxy_group, db_group, false, db.port(),
                 fmt::format("tcp {} to database {}", db.port(), db.name), where);
}

Group created_group(DbPlan& p, const std::string& id, const std::string& description, const std::string& name,
                    Location where) {
  cfn::Resource& sg = p.add(id, "AWS::EC2::SecurityGroup",
                            {{"GroupDescription", description},
                             {"VpcId", p.assembly.ref(p.stack, p.net, vpc_logical_id(p.vpc))},
                             {"SecurityGroupEgress", deny_all_egress()}},
                            where);
  sg.tags["Name"] = name;
  return Group{nullptr, &p.stack, id};
}

void plan_database(const spec::Spec& spec, cfn::Assembly& assembly, const spec::Database& db) {
  const spec::Vpc& vpc = *spec.find_vpc(db.vpc.value);
  cfn::Stack& net = vpc_stack(spec, assembly, vpc);
  cfn::Stack& stack = stack_for(assembly, spec, kLayerData, account_of(spec, vpc.account), vpc.region.value);
  DbPlan p{spec, db, vpc, assembly, stack, net};

  Group db_group = db.security_group.value.empty()
                       ? created_group(p, db_security_group_id(db.name), fmt::format("Database {} of platform {}", db.name,
                                                                            spec.name.value),
                                       p.name_tag("db"), db.location)
                       : group_of(spec, assembly, vpc, db.security_group, stack, "");
  plan_key(p);
  plan_cluster(p, db_group);
  if (!db.proxy.enabled) return;
  Location where = db.proxy.location.valid() ? db.proxy.location : db.location;
  Group proxy_group =
      db.proxy.security_group.value.empty()
          ? created_group(p, db_proxy_security_group_id(db.name),
                          fmt::format("RDS Proxy of database {} of platform {}", db.name, spec.name.value),
                          p.name_tag("proxy"), where)
          : group_of(spec, assembly, vpc, db.proxy.security_group, stack, "");
  plan_proxy(p, db_group, proxy_group);
}

}  // namespace

void plan_data(const spec::Spec& spec, cfn::Assembly& assembly) {
  for (const spec::Database& db : spec.data.databases) plan_database(spec, assembly, db);
}

}  // namespace aip::plan
