// Where each area puts its resources and what their logical ids are, so areas
// can reference each other's resources by spec name without reading each
// other's code. Every id is PascalCase(spec name) + a fixed suffix.
#pragma once

#include <cctype>
#include <string>
#include <string_view>

#include "cfn/logical_id.hpp"

namespace aip::plan {

// Stack layers: stack_for(assembly, spec, layer, account, region) gives
// "<platform>-<account>[-<region>]-<layer>".
inline constexpr const char* kLayerNetwork = "network";
inline constexpr const char* kLayerIdentity = "identity";
inline constexpr const char* kLayerData = "data";
inline constexpr const char* kLayerStorage = "storage";
inline constexpr const char* kLayerCompute = "compute";
inline constexpr const char* kLayerEdge = "edge";
inline constexpr const char* kLayerFinops = "finops";
inline constexpr const char* kLayerObservability = "observability";
inline constexpr const char* kLayerEvents = "events";
inline constexpr const char* kLayerIam = "iam";
inline constexpr const char* kLayerFunctions = "functions";
inline constexpr const char* kLayerApi = "api";
inline constexpr const char* kLayerSearch = "search";
inline constexpr const char* kLayerSageMaker = "sagemaker";
inline constexpr const char* kLayerGlue = "glue";
inline constexpr const char* kLayerRegistries = "registries";
inline constexpr const char* kLayerSecrets = "secrets";
inline constexpr const char* kLayerDiscovery = "discovery";
inline constexpr const char* kLayerTables = "tables";
inline constexpr const char* kLayerWorkflows = "workflows";
inline constexpr const char* kLayerSecurity = "security";
inline constexpr const char* kLayerGuardrails = "guardrails";
inline constexpr const char* kLayerKnowledge = "knowledge";
inline constexpr const char* kLayerBackup = "backup";
inline constexpr const char* kLayerKeys = "keys";
inline constexpr const char* kLayerPipelines = "pipelines";

// The key of a stack's own logs and function environments (plan/operations_key.cpp).
inline constexpr const char* kOperationsKeyId = "OperationsKey";
inline constexpr const char* kOperationsKeyAliasId = "OperationsKeyAlias";

inline std::string id_for(std::string_view name, std::string_view suffix) {
  return cfn::pascal_case(name) + std::string(suffix);
}

// network (plan/network.cpp, plan/security_groups.cpp)
inline std::string security_group_id(std::string_view sg) { return id_for(sg, "SecurityGroup"); }
// Subnet of a VPC's tier in AZ `az` (1-based): "MainVpcPrivateSubnet1".
inline std::string subnet_id(std::string_view vpc, std::string_view tier, int az) {
  return id_for(vpc, "Vpc") + cfn::pascal_case(tier) + "Subnet" + std::to_string(az);
}

// classification (plan/classification.cpp): the key of a level, in the keys stack.
inline std::string classification_key_id(std::string_view level) { return id_for(level, "ClassificationKey"); }

// storage (plan/storage.cpp): bucket and the KMS key that encrypts it.
inline std::string bucket_id(std::string_view bucket) { return id_for(bucket, "Bucket"); }
inline std::string bucket_key_id(std::string_view bucket) { return id_for(bucket, "BucketKey"); }

// data (plan/data.cpp): Aurora cluster, its writer secret (managed by RDS) and proxy.
inline std::string db_cluster_id(std::string_view db) { return id_for(db, "DbCluster"); }
inline std::string db_proxy_id(std::string_view db) { return id_for(db, "DbProxy"); }
inline std::string db_key_id(std::string_view db) { return id_for(db, "DbKey"); }
// The groups aip creates for a database and its proxy when the spec names none.
inline std::string db_security_group_id(std::string_view db) { return id_for(db, "DbSecurityGroup"); }
inline std::string db_proxy_security_group_id(std::string_view db) { return id_for(db, "DbProxySecurityGroup"); }

// compute (plan/compute.cpp): ECS cluster, service, task definition, load balancer.
inline std::string ecs_cluster_id(std::string_view cluster) { return id_for(cluster, "EcsCluster"); }
inline std::string ecs_service_id(std::string_view service) { return id_for(service, "Service"); }
inline std::string task_definition_id(std::string_view service) { return id_for(service, "TaskDefinition"); }
inline std::string task_role_id(std::string_view service) { return id_for(service, "TaskRole"); }
inline std::string load_balancer_id(std::string_view alb) { return id_for(alb, "LoadBalancer"); }
inline std::string target_group_id(std::string_view service) { return id_for(service, "TargetGroup"); }
// The second group of a blue-green or canary service ("<Service>AlternateTargetGroup").
inline std::string alternate_target_group_id(std::string_view service) { return id_for(service, "AlternateTargetGroup"); }

// identity (plan/identity.cpp)
inline std::string user_pool_id(std::string_view pool) { return id_for(pool, "UserPool"); }
inline std::string user_pool_client_id(std::string_view pool, std::string_view client) {
  return user_pool_id(pool) + cfn::pascal_case(client) + "Client";
}
inline std::string identity_pool_id(std::string_view pool) { return id_for(pool, "IdentityPool"); }

// edge (plan/edge.cpp)
inline std::string web_acl_id(std::string_view acl) { return id_for(acl, "WebAcl"); }

// finops (plan/finops.cpp)
inline std::string budget_id(std::string_view budget) { return id_for(budget, "Budget"); }

// observability (plan/observability.cpp)
inline std::string alarm_topic_id(std::string_view topic) { return id_for(topic, "AlarmTopic"); }

// events (plan/events.cpp)
inline std::string event_bus_id(std::string_view bus) { return id_for(bus, "EventBus"); }
inline std::string queue_id(std::string_view queue) { return id_for(queue, "Queue"); }
inline std::string queue_key_id(std::string_view queue) { return id_for(queue, "QueueKey"); }
inline std::string topic_id(std::string_view topic) { return id_for(topic, "Topic"); }
inline std::string topic_key_id(std::string_view topic) { return id_for(topic, "TopicKey"); }

// functions (plan/functions.cpp): the function and its execution role.
inline std::string function_id(std::string_view fn) { return id_for(fn, "Function"); }
// The alias CodeDeploy shifts for a function with `deployment:`.
inline constexpr std::string_view kFunctionAlias = "live";
inline std::string function_alias_id(std::string_view fn) { return id_for(fn, "FunctionAlias"); }
inline std::string function_role_id(std::string_view fn) { return id_for(fn, "FunctionRole"); }

// api (plan/api*.cpp): the REST API and its stage.
inline std::string rest_api_id(std::string_view api) { return id_for(api, "Api"); }
inline std::string api_stage_id(std::string_view api) { return id_for(api, "ApiStage"); }

// search (plan/search.cpp): the collection; its key, policies and VPC endpoint add suffixes.
inline std::string collection_id(std::string_view collection) { return id_for(collection, "Collection"); }

// sagemaker (plan/sagemaker.cpp): the model package group, the endpoint (its
// key, role, models, config and scaling add suffixes), the notebook instance,
// the feature group (its key and role add suffixes).
inline std::string registry_id(std::string_view registry) { return id_for(registry, "ModelRegistry"); }
inline std::string endpoint_id(std::string_view endpoint) { return id_for(endpoint, "Endpoint"); }
inline std::string notebook_id(std::string_view notebook) { return id_for(notebook, "Notebook"); }
inline std::string feature_group_id(std::string_view group) { return id_for(group, "FeatureGroup"); }

// glue (plan/glue.cpp): catalog database, crawler, job (its role and trigger add
// suffixes), and the security configuration and key of each glue stack.
inline std::string glue_database_id(std::string_view db) { return id_for(db, "GlueDatabase"); }
inline std::string glue_crawler_id(std::string_view crawler) { return id_for(crawler, "Crawler"); }
inline std::string glue_job_id(std::string_view job) { return id_for(job, "GlueJob"); }
inline constexpr const char* kGlueSecurityConfigurationId = "GlueSecurityConfiguration";
inline constexpr const char* kGlueKeyId = "GlueKey";

// network (plan/vpn.cpp): one virtual private gateway per VPC.
inline std::string vpn_gateway_id(std::string_view vpc) { return id_for(vpc, "VpcVpnGateway"); }

// iam (plan/iam.cpp): roles from intent, their boundaries, StackSets, and the
// account's GitHub OIDC provider (one per account).
inline std::string iam_role_id(std::string_view role) { return id_for(role, "Role"); }
inline std::string iam_boundary_id(std::string_view role) { return id_for(role, "Boundary"); }
// The policies a persona's tenant roles share: "...PermissionsPolicy", "...RestrictionsPolicy".
inline std::string iam_tenant_policy_id(std::string_view persona, std::string_view kind) {
  return id_for(persona, std::string(cfn::pascal_case(kind)) + "Policy");
}
inline std::string iam_stackset_id(std::string_view role) { return id_for(role, "StackSet"); }
inline constexpr const char* kGithubOidcProviderId = "GithubOidcProvider";

// registries (plan/registries.cpp): the repository and its key ("...RepositoryKey").
inline std::string repository_id(std::string_view repo) { return id_for(repo, "Repository"); }
// secrets (plan/secrets.cpp): the secret, its key ("...SecretKey"), policy and rotation.
inline std::string secret_id(std::string_view secret) { return id_for(secret, "Secret"); }
inline std::string secret_key_id(std::string_view secret) { return id_for(secret, "SecretKey"); }
// discovery (plan/discovery.cpp): the namespace; each registered service's
// Cloud Map service lives with the ECS service ("<Service>DiscoveryService").
inline std::string namespace_id(std::string_view ns) { return id_for(ns, "Namespace"); }
// dns (plan/dns.cpp): hosted zones and certificates in the dns stack of their
// account and region; alias records in their target's stack. cdn (plan/cdn.cpp):
// CloudFront distributions and CloudFront web ACLs, in us-east-1.
inline constexpr const char* kLayerDns = "dns";
inline constexpr const char* kLayerCdn = "cdn";
inline std::string hosted_zone_id(std::string_view zone) { return id_for(zone, "HostedZone"); }
inline std::string certificate_id(std::string_view cert) { return id_for(cert, "Certificate"); }
inline std::string distribution_id(std::string_view d) { return id_for(d, "Distribution"); }
// tables (plan/tables.cpp): the DynamoDB table and its customer-managed key.
inline std::string table_id(std::string_view table) { return id_for(table, "Table"); }
inline std::string table_key_id(std::string_view table) { return id_for(table, "TableKey"); }

// pipelines (plan/pipelines.cpp): the pipeline, its role, artifact bucket and
// key ("<Name>PipelineArtifacts", "...ArtifactsKey"), its connection, and per
// build stage a CodeBuild project with its role and log group
// ("<Name><Stage>Build", "...BuildRole", "...BuildLogs").
inline std::string pipeline_id(std::string_view pipeline) { return id_for(pipeline, "Pipeline"); }
// The role another environment's pipeline assumes to promote into this account
// ("<Pipeline>PipelineDeployRole", in this account's pipelines stack).
inline std::string pipeline_promotion_role_id(std::string_view pipeline) { return pipeline_id(pipeline) + "DeployRole"; }
inline std::string pipeline_build_id(std::string_view pipeline, std::string_view stage) {
  return cfn::pascal_case(pipeline) + cfn::pascal_case(stage) + "Build";
}

// workflows (plan/workflows.cpp): the state machine and its execution role.
inline std::string state_machine_id(std::string_view workflow) { return id_for(workflow, "StateMachine"); }
inline std::string state_machine_role_id(std::string_view workflow) { return id_for(workflow, "StateMachineRole"); }
// bedrock (plan/bedrock.cpp): guardrails (their key and version add suffixes),
// knowledge bases (their role, index and data sources add suffixes).
inline std::string guardrail_id(std::string_view g) { return id_for(g, "Guardrail"); }
inline std::string knowledge_base_id(std::string_view kb) { return id_for(kb, "KnowledgeBase"); }

// resources (plan/resources.cpp): a raw resource's id is PascalCase(spec name).
inline std::string raw_resource_id(std::string_view resource) { return cfn::pascal_case(resource); }

// security (plan/security.cpp): one of each per account's security stack.
inline constexpr const char* kGuardDutyDetectorId = "GuardDutyDetector";
inline constexpr const char* kSecurityHubId = "SecurityHub";
inline constexpr const char* kAccessAnalyzerId = "AccessAnalyzer";
inline constexpr const char* kConfigRoleId = "ConfigRecorderRole";
inline constexpr const char* kConfigRecorderId = "ConfigRecorder";
inline constexpr const char* kConfigDeliveryChannelId = "ConfigDeliveryChannel";
inline constexpr const char* kConfigAggregatorId = "ConfigAggregator";
inline constexpr const char* kConfigAggregationAuthorizationId = "ConfigAggregationAuthorization";
// "cis-1.4" -> "SecurityHubStandardCis14"
inline std::string security_standard_id(std::string_view standard) {
  std::string name;
  for (char c : standard) {
    if (c != '.') name += c;
  }
  return "SecurityHubStandard" + cfn::pascal_case(name);
}
// "S3_BUCKET_SSL_REQUESTS_ONLY" -> "ConfigRuleS3BucketSslRequestsOnly"
inline std::string config_rule_id(std::string_view identifier) {
  std::string name;
  for (char c : identifier) name += c == '_' ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return "ConfigRule" + cfn::pascal_case(name);
}
// backup (plan/backup.cpp): vaults (their keys add "Key"), plans (their
// selections add "Selection") and the one role AWS Backup assumes per stack.
inline std::string backup_vault_id(std::string_view vault) { return id_for(vault, "BackupVault"); }
inline std::string backup_plan_id(std::string_view plan) { return id_for(plan, "BackupPlan"); }
inline constexpr const char* kBackupRoleId = "BackupRole";

}  // namespace aip::plan
