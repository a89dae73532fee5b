// `aip can` and `aip policy` on the blueprints: the persona questions of
// seed 001 answered from the rendered policies, with exit codes.
#include <catch2/catch.hpp>

#include "run_aip.hpp"

using aip::test::run_aip;

namespace {
const char* kPlatform = "blueprints/enterprise-ai-platform.yaml";
}

TEST_CASE("aip can: AppDeveloperRole cannot read bronze, DataScientistRole can write silver") {
  auto bronze = run_aip(std::string("can ") + kPlatform + " AppDeveloperRole s3:GetObject bucket:bronze/raw/a.json");
  CHECK(bronze.exit_code == 1);
  CHECK_THAT(bronze.output, Catch::StartsWith("DENY: arn:aws:iam::123456789012:role/AppDeveloperRole may not "
                                              "s3:GetObject on arn:aws:s3:::enterprise-ai-bronze-123456789012/raw/a.json"));
  CHECK_THAT(bronze.output, Catch::Contains("decided by: enterprise-ai-platform-iam/AppDeveloperRole.restrictions/"
                                            "DenyTrainingData (explicit deny)"));
  auto silver = run_aip(std::string("can ") + kPlatform + " DataScientistRole s3:PutObject bucket:silver/f/x.parquet");
  CHECK(silver.exit_code == 0);
  CHECK_THAT(silver.output, Catch::StartsWith("ALLOW: arn:aws:iam::123456789012:role/DataScientistRole may s3:PutObject"));
  CHECK_THAT(silver.output, Catch::Contains("DataScientistRole.permissions/WriteObjects (allow)"));
  // Gold is readable for app developers, and their boundary takes part.
  auto gold = run_aip(std::string("can ") + kPlatform + " AppDeveloperRole s3:GetObject bucket:gold/report.csv");
  CHECK(gold.exit_code == 0);
  CHECK_THAT(gold.output, Catch::Contains("AppDeveloperBoundary.policy (boundary)"));
  // Restrictions of seed 001: no IAM policy changes for data scientists.
  auto iam = run_aip(std::string("can ") + kPlatform +
                     " DataScientistRole iam:PutRolePolicy arn:aws:iam::123456789012:role/DataScientistRole");
  CHECK(iam.exit_code == 1);
  CHECK_THAT(iam.output, Catch::Contains("DenyIamChanges (explicit deny)"));
}

// The role's own policy no longer allows knowledge-base/*: retrieval is
// granted on the spec's knowledge base alone, by a policy the bedrock area
// attaches (which `aip can` does not evaluate yet), so a knowledge base the
// spec does not create is refused whatever its tag.
TEST_CASE("aip can: tenants reach no knowledge base the spec does not create (genai-gateway)") {
  const std::string base = "can blueprints/genai-gateway.yaml GenAiTenantAccessRole-manufactureco bedrock:Retrieve "
                           "arn:aws:bedrock:us-east-1:444444444444:knowledge-base/KB1 --principal-tag TenantId=acme ";
  CHECK(run_aip(base + "--resource-tag TenantId=acme").exit_code == 1);
  CHECK(run_aip(base + "--resource-tag TenantId=globex").exit_code == 1);
}

TEST_CASE("aip can and aip policy: bad input is exit 2 with a reason") {
  auto role = run_aip(std::string("can ") + kPlatform + " NoSuchRole s3:GetObject bucket:gold/x");
  CHECK(role.exit_code == 2);
  CHECK_THAT(role.err, Catch::Contains("no role 'NoSuchRole' in the rendered platform"));
  auto bucket = run_aip(std::string("can ") + kPlatform + " AppDeveloperRole s3:GetObject bucket:platinum/x");
  CHECK(bucket.exit_code == 2);
  CHECK_THAT(bucket.err, Catch::Contains("'bucket:platinum/x' names no bucket of the spec"));
  auto tag = run_aip(std::string("can ") + kPlatform + " AppDeveloperRole s3:GetObject bucket:gold/x --context nokey");
  CHECK(tag.exit_code == 2);
  CHECK_THAT(tag.err, Catch::Contains("--context takes KEY=VALUE, got 'nokey'"));
  auto policy = run_aip(std::string("policy ") + kPlatform + " NoSuchPolicy");
  CHECK(policy.exit_code == 2);
  CHECK_THAT(policy.err, Catch::Contains("no policy document matches 'NoSuchPolicy'"));
}

TEST_CASE("aip policy prints the canonical documents synth writes under policies/") {
  auto list = run_aip(std::string("policy ") + kPlatform + " --list");
  CHECK(list.exit_code == 0);
  CHECK_THAT(list.output, Catch::Contains("policies/enterprise-ai-platform-iam/DataScientistRole.restrictions.json\n"));
  CHECK_THAT(list.output, Catch::Contains("policies/enterprise-ai-platform-iam/AppDeveloperRole.trust.json\n"));
  auto one = run_aip(std::string("policy ") + kPlatform + " DataScientistRole.restrictions");
  CHECK(one.exit_code == 0);
  CHECK_THAT(one.output, Catch::StartsWith("# policies/enterprise-ai-platform-iam/DataScientistRole.restrictions.json\n{"));
  CHECK_THAT(one.output, Catch::Contains("\"Sid\": \"DenyNetworkChanges\""));
}

TEST_CASE("aip can resolves ${AWS::Partition} to the region's partition (aws-cn)") {
  const std::string spec = "can tests/cli/specs/china-partition.yaml WriterFunctionRole s3:PutObject ";
  auto shorthand = run_aip(spec + "bucket:reports/a.txt");
  CHECK(shorthand.exit_code == 0);
  CHECK_THAT(shorthand.output, Catch::StartsWith("ALLOW: WriterFunctionRole may s3:PutObject on "
                                                 "arn:aws-cn:s3:::cn-reports-333333333333-cn-north-1/a.txt"));
  CHECK(run_aip(spec + "arn:aws-cn:s3:::cn-reports-333333333333-cn-north-1/a.txt").exit_code == 0);
  // The same bucket name in the commercial partition is another resource.
  CHECK(run_aip(spec + "arn:aws:s3:::cn-reports-333333333333-cn-north-1/a.txt").exit_code == 1);
}

TEST_CASE("can answers for tables and workflows of the spec by their spec names") {
  auto put = run_aip("can examples/tables.yaml ScorerFunctionRole dynamodb:PutItem table:sessions");
  CHECK(put.exit_code == 0);
  CHECK_THAT(put.output, Catch::Contains("ALLOW: ScorerFunctionRole may dynamodb:PutItem on "
                                      "arn:aws:dynamodb:us-east-1:333333333333:table/features-sessions"));
  CHECK_THAT(put.output, Catch::Contains("WriteTables"));
  // Read only on features: no writes there, but queries of its index.
  CHECK(run_aip("can examples/tables.yaml ScorerFunctionRole dynamodb:PutItem table:features").exit_code == 1);
  CHECK(run_aip("can examples/tables.yaml ScorerFunctionRole dynamodb:Query table:features/index/by-segment").exit_code == 0);
  // An events rule's role may start the workflow it targets, and no other.
  CHECK(run_aip("can examples/workflows.yaml GoldObjectRuleWorkflowRole states:StartExecution workflow:scoring").exit_code == 0);
  CHECK(run_aip("can examples/workflows.yaml GoldObjectRuleWorkflowRole states:StartExecution workflow:ingest").exit_code == 1);
  // The ingest workflow may put items in runs, not read them.
  CHECK(run_aip("can examples/workflows.yaml IngestStateMachineRole dynamodb:PutItem table:runs").exit_code == 0);
  CHECK(run_aip("can examples/workflows.yaml IngestStateMachineRole dynamodb:GetItem table:runs").exit_code == 1);
  auto missing = run_aip("can examples/tables.yaml ScorerFunctionRole dynamodb:GetItem table:nope");
  CHECK(missing.exit_code == 2);
  CHECK_THAT(missing.err, Catch::Contains("'table:nope' names no table of the spec"));
}

TEST_CASE("can answers for guardrails and knowledge bases by spec name, through the policies attached to the role") {
  // The guardrail grant imports the guardrail's ARN from the guardrails stack.
  auto apply = run_aip("can examples/bedrock.yaml AssistantFunctionRole bedrock:ApplyGuardrail guardrail:content-safety");
  CHECK(apply.exit_code == 0);
  CHECK_THAT(apply.output, Catch::StartsWith("ALLOW: AssistantFunctionRole may bedrock:ApplyGuardrail on "
                                             "arn:aws:bedrock:us-east-1:333333333333:guardrail/rag-content-safety"));
  CHECK_THAT(apply.output, Catch::Contains("ApplyGuardrails (allow)"));
  // The knowledge base's grant is an AWS::IAM::Policy of the knowledge stack attached to the role.
  auto retrieve = run_aip("can examples/bedrock.yaml AssistantFunctionRole bedrock:Retrieve knowledge-base:handbook");
  CHECK(retrieve.exit_code == 0);
  CHECK_THAT(retrieve.output, Catch::Contains("knowledge-base/rag-handbook"));
  CHECK_THAT(retrieve.output, Catch::Contains("rag-dev-knowledge/AssistantFunctionKnowledgeAccess.policy/"
                                              "RetrieveFromKnowledgeBases (allow)"));
  CHECK(run_aip("can examples/bedrock.yaml AssistantFunctionRole bedrock:RetrieveAndGenerate knowledge-base:handbook")
            .exit_code == 0);
  // Nothing else on it: no ingestion, no deleting.
  CHECK(run_aip("can examples/bedrock.yaml AssistantFunctionRole bedrock:StartIngestionJob knowledge-base:handbook")
            .exit_code == 1);
  CHECK(run_aip("can examples/bedrock.yaml AssistantFunctionRole bedrock:DeleteKnowledgeBase knowledge-base:handbook")
            .exit_code == 1);
  // The tenant role retrieves only with its own TenantId (genai-gateway, seed 000).
  // Each tenant has its own role (per_tenant); another tenant's role is refused.
  const std::string tenant = "can blueprints/genai-gateway.yaml GenAiTenantAccessRole-manufactureco bedrock:Retrieve "
                             "knowledge-base:enterprise --principal-tag TenantId=manufactureco ";
  CHECK(run_aip(tenant + "--resource-tag TenantId=manufactureco").exit_code == 0);
  CHECK(run_aip(tenant + "--resource-tag TenantId=globex").exit_code == 1);
  CHECK(run_aip("can blueprints/genai-gateway.yaml GenAiTenantAccessRole-tenant-02 bedrock:Retrieve "
                "knowledge-base:enterprise --principal-tag TenantId=tenant-02 --resource-tag TenantId=manufactureco")
            .exit_code == 1);
  // A tenant's role invokes only the inference profiles tagged for its tenant, not the shared system profile.
  const std::string invoke = "can blueprints/genai-gateway.yaml GenAiTenantAccessRole-tenant-02 bedrock:InvokeModel ";
  const std::string profile = "arn:aws:bedrock:us-east-1:444444444444:application-inference-profile/p1 "
                              "--principal-tag TenantId=tenant-02 ";
  CHECK(run_aip(invoke + profile + "--resource-tag AllowedTenant=tenant-02").exit_code == 0);
  CHECK(run_aip(invoke + profile + "--resource-tag AllowedTenant=tenant-03").exit_code == 1);
  CHECK(run_aip(invoke + "arn:aws:bedrock:us-east-1:444444444444:inference-profile/"
                         "us.anthropic.claude-haiku-4-5-20251001-v1:0 --principal-tag TenantId=tenant-02")
            .exit_code == 1);
  // The nightly sync function starts ingestion there (a raw RolePolicy on its role) and may not retrieve.
  const std::string sync = "can blueprints/genai-gateway.yaml GenAiProductCatalogSyncRole ";
  CHECK(run_aip(sync + "bedrock:StartIngestionJob knowledge-base:enterprise").exit_code == 0);
  CHECK(run_aip(sync + "bedrock:Retrieve knowledge-base:enterprise").exit_code == 1);
  // A data source's `sync:` schedule role may start ingestion on its knowledge base and do nothing else.
  const std::string schedule = "can examples/bedrock.yaml HandbookKnowledgeBaseSyncRole ";
  CHECK(run_aip(schedule + "bedrock:StartIngestionJob knowledge-base:handbook").exit_code == 0);
  CHECK(run_aip(schedule + "bedrock:Retrieve knowledge-base:handbook").exit_code == 1);
  auto missing = run_aip("can examples/bedrock.yaml AssistantFunctionRole bedrock:Retrieve knowledge-base:handbok");
  CHECK(missing.exit_code == 2);
  CHECK_THAT(missing.err, Catch::Contains("'knowledge-base:handbok' names no knowledge-base of the spec"));
  auto no_guardrail = run_aip("can examples/bedrock.yaml AssistantFunctionRole bedrock:ApplyGuardrail guardrail:x");
  CHECK(no_guardrail.exit_code == 2);
  CHECK_THAT(no_guardrail.err, Catch::Contains("'guardrail:x' names no guardrail of the spec"));
}

TEST_CASE("can counts an AWS::IAM::RolePolicy that names the role (a raw resource's grant)") {
  // genai-gateway's raw GatewayAuditWriter lets the router write streams of /genai/gateway/audit.
  const std::string can = "can blueprints/genai-gateway.yaml GenAiGatewayRouterRole ";
  auto put = run_aip(can + "logs:PutLogEvents "
                           "arn:aws:logs:us-east-1:444444444444:log-group:/genai/gateway/audit:log-stream:search/2026/12/07");
  CHECK(put.exit_code == 0);
  CHECK_THAT(put.output, Catch::Contains("genai-gateway-platform-resources/GatewayAuditWriter.policy/WriteAuditStreams (allow)"));
  // Streams of that group only, and no reading back.
  CHECK(run_aip(can + "logs:PutLogEvents arn:aws:logs:us-east-1:444444444444:log-group:/genai/other:log-stream:x")
            .exit_code == 1);
  CHECK(run_aip(can + "logs:GetLogEvents "
                      "arn:aws:logs:us-east-1:444444444444:log-group:/genai/gateway/audit:log-stream:search/2026/12/07")
            .exit_code == 1);
}

TEST_CASE("can answers for registries, endpoints and Glue jobs by spec name") {
  // The reviewer of the prod account may approve versions of the dev registry (its identity side).
  const std::string reviewer = "can examples/sagemaker.yaml ModelReviewerRole ";
  auto approve = run_aip(reviewer + "sagemaker:UpdateModelPackage registry:churn/3");
  CHECK(approve.exit_code == 0);
  CHECK_THAT(approve.output, Catch::Contains("arn:aws:sagemaker:us-east-1:333333333333:model-package/ml-churn/3"));
  CHECK(run_aip(reviewer + "sagemaker:DescribeModelPackageGroup registry:churn").exit_code == 0);
  CHECK(run_aip(reviewer + "sagemaker:DeleteModelPackageGroup registry:churn").exit_code == 1);
  // The gateway's handler may invoke exactly the endpoint it names.
  const std::string invoke = std::string("can ") + kPlatform + " SagemakerInvokeFunctionRole sagemaker:InvokeEndpoint ";
  auto endpoint = run_aip(invoke + "endpoint:custom-model");
  CHECK(endpoint.exit_code == 0);
  CHECK_THAT(endpoint.output, Catch::Contains("endpoint/enterprise-ai-custom-model"));
  CHECK(run_aip(std::string("can ") + kPlatform + " EmbeddingsFunctionRole sagemaker:InvokeEndpoint endpoint:custom-model")
            .exit_code == 1);
  // A workflow runs and watches the Glue job it names; another workflow may not.
  auto job = run_aip("can examples/workflows.yaml IngestStateMachineRole glue:StartJobRun job:curate");
  CHECK(job.exit_code == 0);
  CHECK_THAT(job.output, Catch::Contains("arn:aws:glue:us-east-1:333333333333:job/pipelines-curate"));
  CHECK(run_aip("can examples/workflows.yaml IngestStateMachineRole glue:GetJobRun job:curate").exit_code == 0);
  CHECK(run_aip("can examples/workflows.yaml IngestStateMachineRole glue:DeleteJob job:curate").exit_code == 1);
  CHECK(run_aip("can examples/workflows.yaml ScoringStateMachineRole glue:StartJobRun job:curate").exit_code == 1);
  CHECK(run_aip(std::string("can ") + kPlatform + " DataIngestionStateMachineRole glue:StartJobRun job:feature-engineering")
            .exit_code == 0);
  CHECK(run_aip(std::string("can ") + kPlatform + " DataIngestionStateMachineRole glue:StartJobRun job:data-quality")
            .exit_code == 1);
  auto missing = run_aip("can examples/workflows.yaml IngestStateMachineRole glue:StartJobRun job:nope");
  CHECK(missing.exit_code == 2);
  CHECK_THAT(missing.err, Catch::Contains("'job:nope' names no job of the spec"));
  CHECK(run_aip("can examples/sagemaker.yaml ModelReviewerRole sagemaker:InvokeEndpoint endpoint:nope").exit_code == 2);
  CHECK(run_aip("can examples/sagemaker.yaml ModelReviewerRole sagemaker:DescribeModelPackage registry:nope").exit_code == 2);
}

TEST_CASE("can answers for the model training workflow's SageMaker jobs, deployment and passed role") {
  const std::string can = std::string("can ") + kPlatform + " ModelTrainingStateMachineRole ";
  const std::string jobs = "arn:aws:sagemaker:us-east-1:123456789012:";
  // Jobs only under the prefixes its definition gives.
  CHECK(run_aip(can + "sagemaker:CreateTrainingJob " + jobs + "training-job/enterprise-ai-train-3f2a").exit_code == 0);
  CHECK(run_aip(can + "sagemaker:StopTrainingJob " + jobs + "training-job/enterprise-ai-train-3f2a").exit_code == 0);
  CHECK(run_aip(can + "sagemaker:CreateTrainingJob " + jobs + "training-job/someone-else-3f2a").exit_code == 1);
  CHECK(run_aip(can + "sagemaker:CreateProcessingJob " + jobs + "processing-job/enterprise-ai-prep-3f2a").exit_code == 0);
  CHECK(run_aip(can + "sagemaker:CreateProcessingJob " + jobs + "processing-job/enterprise-ai-train-3f2a").exit_code == 1);
  CHECK(run_aip(can + "sagemaker:DeleteModel " + jobs + "model/enterprise-ai-model-3f2a").exit_code == 1);
  // It updates the spec's endpoint; it may not delete it or create others.
  auto update = run_aip(can + "sagemaker:UpdateEndpoint endpoint:custom-model");
  CHECK(update.exit_code == 0);
  CHECK_THAT(update.output, Catch::Contains("endpoint/enterprise-ai-custom-model"));
  CHECK(run_aip(can + "sagemaker:DeleteEndpoint endpoint:custom-model").exit_code == 1);
  CHECK(run_aip(can + "sagemaker:CreateEndpoint " + jobs + "endpoint/enterprise-ai-custom-model").exit_code == 1);
  // It passes the data scientists' SageMaker execution role, only to SageMaker, and no other role.
  const std::string pass = can + "iam:PassRole arn:aws:iam::123456789012:role/DataScientistRoleSageMakerExecution ";
  CHECK(run_aip(pass + "--context iam:PassedToService=sagemaker.amazonaws.com").exit_code == 0);
  CHECK(run_aip(pass + "--context iam:PassedToService=lambda.amazonaws.com").exit_code == 1);
  CHECK(run_aip(can + "iam:PassRole arn:aws:iam::123456789012:role/DataScientistRole "
                      "--context iam:PassedToService=sagemaker.amazonaws.com")
            .exit_code == 1);
  // Data capture reaches Model Monitor whichever configuration serves: the spec's endpoint role and the
  // model the pipeline deploys (as the data scientists' SageMaker role) both write the one silver prefix
  // the monitoring role reads.
  const std::string capture = " bucket:silver/sagemaker-capture/custom-model/AllTraffic/2026/12/04/10/x.jsonl";
  const std::string platform = std::string("can ") + kPlatform + " ";
  CHECK(run_aip(platform + "CustomModelEndpointRole s3:PutObject" + capture).exit_code == 0);
  CHECK(run_aip(platform + "DataScientistRoleSageMakerExecution s3:PutObject" + capture).exit_code == 0);
  CHECK(run_aip(platform + "CustomModelEndpointMonitoringRole s3:GetObject" + capture).exit_code == 0);
  // The example's scoring workflow invokes its one Bedrock model (not streaming: Step Functions does not).
  const std::string haiku = " arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0";
  CHECK(run_aip("can examples/workflows.yaml ScoringStateMachineRole bedrock:InvokeModel" + haiku).exit_code == 0);
  CHECK(run_aip("can examples/workflows.yaml ScoringStateMachineRole bedrock:InvokeModelWithResponseStream" + haiku)
            .exit_code == 1);
  CHECK(run_aip("can examples/workflows.yaml IngestStateMachineRole bedrock:InvokeModel" + haiku).exit_code == 1);
}

TEST_CASE("aip policy shows the policies derived for the AI areas") {
  auto list = [](const std::string& spec) { return run_aip("policy " + spec + " --list").output; };
  const std::string bedrock = list("examples/bedrock.yaml");
  CHECK_THAT(bedrock, Catch::Contains("policies/rag-dev-knowledge/AssistantFunctionKnowledgeAccess.policy.json\n"));
  CHECK_THAT(bedrock, Catch::Contains("policies/rag-dev-knowledge/HandbookKnowledgeBaseRole."));
  const std::string sagemaker = list("examples/sagemaker.yaml");
  CHECK_THAT(sagemaker, Catch::Contains("policies/ml-dev-sagemaker/ChurnModelRegistry."));
  CHECK_THAT(sagemaker, Catch::Contains("policies/ml-dev-sagemaker/ChurnEndpointRole."));
  CHECK_THAT(sagemaker, Catch::Contains("policies/ml-dev-sagemaker/CustomersFeatureGroupRole."));
  const std::string workflows = list("examples/workflows.yaml");
  CHECK_THAT(workflows, Catch::Contains("policies/pipelines-dev-workflows/IngestStateMachineRole."));
  CHECK_THAT(list("examples/tables.yaml"), Catch::Contains("ScorerFunctionRole."));
  CHECK_THAT(list("examples/glue.yaml"), Catch::Contains("CurateSalesGlueJobRole."));
  // One document printed: the workflow's role with its Glue grants.
  auto ingest = run_aip("policy examples/workflows.yaml IngestStateMachineRole.");
  CHECK(ingest.exit_code == 0);
  CHECK_THAT(ingest.output, Catch::Contains("\"glue:StartJobRun\""));
  CHECK_THAT(ingest.output, Catch::Contains("job/pipelines-curate"));
  auto kb = run_aip("policy examples/bedrock.yaml AssistantFunctionKnowledgeAccess");
  CHECK(kb.exit_code == 0);
  CHECK_THAT(kb.output, Catch::Contains("\"bedrock:Retrieve\""));
}

// Seed 002's flows, each of which its traceability table once found broken
// (docs/blueprints/governed-ml-path.md): a role's trust policy takes part in
// sts:AssumeRole on it, as a resource policy.
TEST_CASE("aip can: the governed path's cross-account flows work end to end (governed-ml-path)") {
  const std::string can = "can blueprints/governed-ml-path.yaml ";
  const std::string org = " --context aws:PrincipalOrgID=o-a1b2c3d4e5";
  // The promotion function assumes the writer role, which trusts only it.
  auto promote = run_aip(can + "mlpath-promote-model-role sts:AssumeRole "
                               "arn:aws:iam::222222222222:role/CentralRegistryWriterRole --env dev" + org);
  CHECK(promote.exit_code == 0);
  CHECK_THAT(promote.output, Catch::Contains("and mlpath-governance-iam/RegistryWriterRole.trust/AssumeFromNamedRoles"));
  // Nobody else may, even with sts:AssumeRole of its own: the trust decides.
  auto other = run_aip(can + "GithubDeployRole sts:AssumeRole arn:aws:iam::222222222222:role/CentralRegistryWriterRole "
                             "--env dev" + org);
  CHECK(other.exit_code == 1);
  // The governance engineer reads through the audit role every workloads account gets from a StackSet.
  auto audit = run_aip(can + "GovernanceEngineerRole sts:AssumeRole arn:aws:iam::555555555555:role/PlatformAuditReader "
                             "--env prod --context aws:ResourceOrgID=o-a1b2c3d4e5" + org);
  CHECK(audit.exit_code == 0);
  CHECK_THAT(audit.output, Catch::Contains("AssumeStackSetRoles"));
  CHECK_THAT(audit.output, Catch::Contains("AuditReaderStackSet/AuditReaderRole.trust"));
  // The dev pipeline, running as the data scientists' SageMaker role, registers in the dev registry.
  CHECK(run_aip(can + "DataScientistRoleSageMakerExecution sagemaker:CreateModelPackage "
                      "arn:aws:sagemaker:us-east-1:333333333333:model-package/mlpath-dev-project/1 --env dev")
            .exit_code == 0);
  // The test pipeline's integration tests call the test endpoint.
  CHECK(run_aip(can + "GithubDeployRole sagemaker:InvokeEndpoint "
                      "arn:aws:sagemaker:us-east-1:444444444444:endpoint/project-a --env test")
            .exit_code == 0);
  // Test and prod may read the model artifacts the central versions point at, in the governance
  // account's bucket the promotion copies them into (the bucket's side)...
  auto bucket = run_aip("policy blueprints/governed-ml-path.yaml CentralModelsBucketPolicy --env test");
  CHECK_THAT(bucket.output, Catch::Contains("ReadAccountsGet"));
  CHECK_THAT(bucket.output, Catch::Contains("arn:${AWS::Partition}:iam::444444444444:root"));
  CHECK_THAT(bucket.output, Catch::Contains("arn:${AWS::Partition}:iam::555555555555:root"));
  // ...and only the governance account (the writer role copying them) reads the dev bucket.
  auto dev_bucket = run_aip("policy blueprints/governed-ml-path.yaml ModelArtifactsBucketPolicy --env dev");
  CHECK_THAT(dev_bucket.output, Catch::Contains("arn:${AWS::Partition}:iam::222222222222:root"));
  CHECK_THAT(dev_bucket.output, !Catch::Contains("arn:${AWS::Partition}:iam::444444444444:root"));
  CHECK_THAT(dev_bucket.output, !Catch::Contains("arn:${AWS::Partition}:iam::555555555555:root"));
  // The copy: the writer role reads models/ of the dev bucket and writes the governance bucket.
  auto copy_from = run_aip(can + "CentralRegistryWriterRole s3:GetObject bucket:model-artifacts/models/m.tar.gz --env dev");
  CHECK(copy_from.exit_code == 0);
  CHECK_THAT(copy_from.output, Catch::Contains("mlpath-dev-storage/ModelArtifactsBucketPolicy"));
  CHECK(run_aip(can + "CentralRegistryWriterRole s3:GetObject bucket:training-data/t.csv --env dev").exit_code == 1);
  CHECK(run_aip(can + "CentralRegistryWriterRole s3:PutObject bucket:central-models/models/g/1/m.tar.gz --env dev")
            .exit_code == 0);
  // The test pipeline records its results in the central registry (seed 002 "Closing the Loop")
  // through the recorder role, which only the test account's deploy role may assume...
  const std::string recorder = " sts:AssumeRole arn:aws:iam::222222222222:role/CentralRegistryRecorderRole --env ";
  auto from_test = run_aip(can + "GithubDeployRole" + recorder + "test");
  CHECK(from_test.exit_code == 0);  // a role of the spec calls from inside iam.organization_id
  CHECK_THAT(from_test.output, Catch::Contains("RegistryRecorderRole.trust/AssumeFromNamedRoles"));
  CHECK(run_aip(can + "GithubDeployRole" + recorder + "dev").exit_code == 1);
  CHECK(run_aip(can + "GithubDeployRole" + recorder + "prod").exit_code == 1);
  CHECK(run_aip(can + "GithubDeployRole" + recorder + "test --context aws:PrincipalOrgID=o-other").exit_code == 1);
  // ...and which may update a version's metadata, but never approve it or move its stage.
  const std::string update = "CentralRegistryRecorderRole sagemaker:UpdateModelPackage registry:central/3 --env test";
  auto record = run_aip(can + update);
  CHECK(record.exit_code == 0);
  CHECK_THAT(record.output, Catch::Contains("model-package/mlpath-central/3"));
  CHECK_THAT(record.output, Catch::Contains("CentralRegistryRecordVersions"));
  CHECK(run_aip(can + update + " --context sagemaker:ModelApprovalStatus=Approved").exit_code == 1);
  CHECK(run_aip(can + update + " --context sagemaker:ModelLifeCycle:stage=Prod").exit_code == 1);
  // Phase 1: CreateProject, as CloudTrail delivers it in the governance account, travels to the
  // central bus, whose rule starts the provisioning workflow, which invokes the repositories' function.
  CHECK(run_aip(can + "ForwardCreateProjectRuleBusRole events:PutEvents "
                      "arn:aws:events:us-east-1:111111111111:event-bus/mlpath-central --env dev")
            .exit_code == 0);
  CHECK(run_aip(can + "ProjectCreatedRuleWorkflowRole states:StartExecution workflow:provision-project --env dev")
            .exit_code == 0);
  CHECK(run_aip(can + "ProvisionProjectStateMachineRole lambda:InvokeFunction "
                      "arn:aws:lambda:us-east-1:111111111111:function:mlpath-provision-repositories --env dev")
            .exit_code == 0);
  // The test endpoint reads the central version's artifacts in the governance bucket (not the dev
  // one), and decrypts them through S3 for that bucket only.
  auto artifacts = run_aip(can + "ProjectATestEndpointRole s3:GetObject bucket:central-models/models/m.tar.gz --env test");
  CHECK(artifacts.exit_code == 0);
  CHECK_THAT(artifacts.output, Catch::Contains("mlpath-central-models-222222222222-us-east-1/models/m.tar.gz"));
  CHECK_THAT(artifacts.output, Catch::Contains("mlpath-governance-storage/CentralModelsBucketPolicy"));
  CHECK(run_aip(can + "ProjectATestEndpointRole s3:GetObject bucket:model-artifacts/models/m.tar.gz --env test")
            .exit_code == 1);
  const std::string decrypt = can + "ProjectATestEndpointRole kms:Decrypt "
                              "arn:aws:kms:us-east-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab --env test "
                              "--context kms:ViaService=s3.us-east-1.amazonaws.com";
  CHECK(run_aip(decrypt + " --context kms:EncryptionContext:aws:s3:arn="
                          "arn:aws:s3:::mlpath-central-models-222222222222-us-east-1").exit_code == 0);
  CHECK(run_aip(decrypt + " --context kms:EncryptionContext:aws:s3:arn="
                          "arn:aws:s3:::mlpath-governance-trail-222222222222-us-east-1").exit_code == 1);
  // The pipelines: CI starts the dev build pipeline and the test validation pipeline, whose role
  // may invoke the test endpoint.
  CHECK(run_aip(can + "GithubDeployRole sagemaker:StartPipelineExecution "
                      "arn:aws:sagemaker:us-east-1:333333333333:pipeline/mlpath-dev-build --env dev")
            .exit_code == 0);
  CHECK(run_aip(can + "GithubDeployRole s3:PutObject bucket:model-artifacts/pipeline-code/main/build.py --env dev")
            .exit_code == 0);
  CHECK(run_aip(can + "GithubDeployRole s3:PutObject bucket:model-artifacts/models/m.tar.gz --env dev").exit_code == 1);
  CHECK(run_aip(can + "mlpath-test-validation sagemaker:InvokeEndpoint endpoint:project-a-test --env test")
            .exit_code == 0);
  // Endpoint state changes are logged against their central versions through the recorder role.
  auto logger = run_aip(can + "mlpath-record-endpoint-role" + recorder + "dev" + org);
  CHECK(logger.exit_code == 0);
  CHECK_THAT(logger.output, Catch::Contains("RegistryRecorderRole.trust/AssumeFromNamedRoles"));
  // The Admin persona manages the Unified Studio domain's project profiles (role and boundary).
  CHECK(run_aip(can + "AdminRole datazone:CreateProjectProfile '*' --env dev").exit_code == 0);
}

TEST_CASE("aip can: staging's pipeline promotes into production through production's role only (zero-trust-rag)") {
  const std::string can = "can blueprints/zero-trust-rag.yaml ";
  const std::string deploy_role = " arn:aws:iam::555555555555:role/zero-trust-rag-prod-rag-deploy";
  // Both sides: staging's pipeline role may assume it, and production's trust admits exactly that role.
  auto assume = run_aip(can + "RagPipelineRole sts:AssumeRole" + deploy_role + " --env staging");
  CHECK(assume.exit_code == 0);
  CHECK_THAT(assume.output, Catch::Contains("AssumePromotionRoles and zero-trust-rag-prod-pipelines/"
                                            "RagPipelineDeployRole.trust/PipelineAssumes"));
  // Another role of staging with no grant of its own may not; nor may the build role.
  CHECK(run_aip(can + "RagBuildBuildRole sts:AssumeRole" + deploy_role + " --env staging").exit_code == 1);
  // The role deploys exactly the RAG API service of production and reads the artifacts, never writes them.
  const std::string as = can + "zero-trust-rag-prod-rag-deploy ";
  CHECK(run_aip(as + "ecs:UpdateService arn:aws:ecs:eu-west-1:555555555555:service/zero-trust-rag-prod-rag/"
                     "zero-trust-rag-prod-rag-api --env prod")
            .exit_code == 0);
  CHECK(run_aip(as + "ecs:UpdateService arn:aws:ecs:eu-west-1:555555555555:service/zero-trust-rag-prod-rag/"
                     "zero-trust-rag-prod-ingest --env prod")
            .exit_code == 1);
  auto read = run_aip(as + "s3:GetObject arn:aws:s3:::zero-trust-rag-staging-rag-artifacts-444444444444/rag/"
                           "BuildOutput/x.zip --env prod");
  CHECK(read.exit_code == 0);
  CHECK_THAT(read.output, Catch::Contains("RagPipelineArtifactsPolicy"));
  CHECK(run_aip(as + "s3:PutObject arn:aws:s3:::zero-trust-rag-staging-rag-artifacts-444444444444/rag/x.zip --env prod")
            .exit_code == 1);
  // --env names an environment of the spec.
  auto bad = run_aip(can + "RagPipelineRole sts:AssumeRole" + deploy_role + " --env prd");
  CHECK(bad.exit_code == 2);
  CHECK_THAT(bad.err, Catch::Contains("has no environment 'prd' (it has dev, staging, prod); did you mean 'prod'?"));
}
