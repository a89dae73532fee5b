// Bedrock guardrails and knowledge bases (seeds 000, 001, 004).
//
// Guardrails live in the "guardrails" stack of their account and region,
// planned before functions and services, which import their ARNs: a caller
// applies exactly the guardrails it names, and a `model_guardrail` makes its
// InvokeModel conditional on bedrock:GuardrailIdentifier.
//
// Knowledge bases live in the "knowledge" stack of their collection's account
// and region, planned after every role that names them (retrieval is attached
// to those roles here, as AWS::IAM::Policy: the roles' stacks cannot import
// from a stack that imports from them). Per knowledge base: its vector index
// (AWS::OpenSearchServerless::Index, created before the knowledge base), its
// service role (fixed name: the collection's data access policy, planned in
// the search stack, admits it by ARN), the knowledge base and one data source
// per bucket prefix.
#include <fmt/format.h>

#include "base/arn.hpp"
#include "cfn/intrinsics.hpp"
#include "plan/bedrock.hpp"
#include "plan/functions.hpp"
#include "plan/names.hpp"
#include "plan/plan.hpp"
#include "plan/resource_helpers.hpp"
#include "spec/load.hpp"
#include "spec/placement.hpp"

namespace aip::plan {
namespace bedrock_plan {

using cfn::Json;
namespace fn = cfn::intrinsic;

std::string upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

cfn::Stack& guardrail_stack(const spec::Spec& spec, cfn::Assembly& assembly, const spec::Guardrail& g) {
  spec::Placement where = spec::guardrail_placement(spec, g);
  return stack_for(assembly, spec, kLayerGuardrails, *where.account, where.region);
}

cfn::Stack& knowledge_stack(const spec::Spec& spec, cfn::Assembly& assembly, const spec::KnowledgeBase& kb) {
  spec::Placement where = spec::knowledge_base_placement(spec, kb);
  return stack_for(assembly, spec, kLayerKnowledge, *where.account, where.region);
}

Json model_arn(const std::string& model) {
  return stack_arn("bedrock", "foundation-model/" + model, aws::kThisRegion, "");
}

void plan_guardrail(const spec::Spec& spec, cfn::Assembly& assembly, const spec::Guardrail& g) {
  cfn::Stack& stack = guardrail_stack(spec, assembly, g);
  const std::string id = guardrail_id(g.name);
  const std::string name = spec::guardrail_name(spec, g);
  Json props = {{"Name", name},
                {"Description", g.description.value.empty() ? fmt::format("Guardrail {} of platform {}", g.name,
                                                                          spec.name.value)
                                                            : g.description.value},
                {"BlockedInputMessaging", g.blocked_input_message.value.empty()
                                              ? "Sorry, this request is not allowed by the content policy."
                                              : g.blocked_input_message.value},
                {"BlockedOutputsMessaging", g.blocked_output_message.value.empty()
                                                ? "Sorry, the answer was withheld by the content policy."
                                                : g.blocked_output_message.value}};
  if (!g.content_filters.empty()) {
    Json filters = Json::array();
    for (const spec::ContentFilter& c : g.content_filters) {
      filters.push_back({{"Type", upper(c.category.value)},
                         {"InputStrength", upper(c.input.value)},
                         {"OutputStrength", upper(c.output.value)}});
    }
    props["ContentPolicyConfig"] = {{"FiltersConfig", filters}};
  }
  if (!g.denied_topics.empty()) {
    Json topics = Json::array();
    for (const spec::DeniedTopic& t : g.denied_topics) {
      Json topic = {{"Name", t.name.value}, {"Definition", t.definition.value}, {"Type", "DENY"}};
      if (!t.examples.empty()) {
        Json examples = Json::array();
        for (const auto& e : t.examples) examples.push_back(e.value);
        topic["Examples"] = examples;
      }
      topics.push_back(topic);
    }
    props["TopicPolicyConfig"] = {{"TopicsConfig", topics}};
  }
  if (!g.words.empty() || !g.managed_words.empty()) {
    Json words = Json::object();
    if (!g.words.empty()) {
      words["WordsConfig"] = Json::array();
      for (const auto& w : g.words) words["WordsConfig"].push_back({{"Text", w.value}});
    }
    if (!g.managed_words.empty()) {
      words["ManagedWordListsConfig"] = Json::array();
      for (const auto& w : g.managed_words) words["ManagedWordListsConfig"].push_back({{"Type", upper(w.value)}});
    }
    props["WordPolicyConfig"] = words;
  }
  if (!g.pii.empty() || !g.regexes.empty()) {
    Json sensitive = Json::object();
    if (!g.pii.empty()) {
      sensitive["PiiEntitiesConfig"] = Json::array();
      for (const spec::PiiEntity& p : g.pii) {
        sensitive["PiiEntitiesConfig"].push_back({{"Type", p.type.value}, {"Action", upper(p.action.value)}});
      }
    }
    if (!g.regexes.empty()) {
      sensitive["RegexesConfig"] = Json::array();
      for (const spec::GuardrailRegex& r : g.regexes) {
        Json regex = {{"Name", r.name.value}, {"Pattern", r.pattern.value}, {"Action", upper(r.action.value)}};
        if (!r.description.value.empty()) regex["Description"] = r.description.value;
        sensitive["RegexesConfig"].push_back(regex);
      }
    }
    props["SensitiveInformationPolicyConfig"] = sensitive;
  }
  if (g.grounding || g.relevance) {
    Json filters = Json::array();
    if (g.grounding) filters.push_back({{"Type", "GROUNDING"}, {"Threshold", g.grounding->value}});
    if (g.relevance) filters.push_back({{"Type", "RELEVANCE"}, {"Threshold", g.relevance->value}});
    props["ContextualGroundingPolicyConfig"] = {{"FiltersConfig", filters}};
  }
  if (!g.aws_owned_key.value) {
    cfn::Resource& key = add_resource(
        stack, id + "Key", "AWS::KMS::Key",
        {{"Description", fmt::format("Encrypts Bedrock guardrail {}", name)},
         {"EnableKeyRotation", true},
         {"KeyPolicy", policy_doc(Json::array({account_administers_key()}))}},
        g.location, g.tags);
    key.deletion_policy = "Retain";
    props["KmsKeyArn"] = fn::get_att(id + "Key", "Arn");
  }
  add_resource(stack, id, "AWS::Bedrock::Guardrail", props, g.location, g.tags);
  if (g.publish.value) {
    // A version is immutable: CloudFormation publishes a new one when the
    // guardrail is replaced or this description changes.
    add_resource(stack, id + "Version", "AWS::Bedrock::GuardrailVersion",
                 {{"GuardrailIdentifier", fn::get_att(id, "GuardrailId")},
                  {"Description", fmt::format("Published by aip from the spec of platform {}", spec.name.value)}},
                 g.publish.location.valid() ? g.publish.location : g.location);
  }
}

// ---- knowledge bases ----

struct Caller {
  std::string label;         // "Function", "Service", "Role": the policy's logical id
  Json role;                 // for AWS::IAM::Policy Roles: one, or an array (a persona's tenants)
  std::string tenant_tag;    // iam roles: retrieval only with a matching tag
  std::vector<const spec::KnowledgeBase*> knowledge_bases;
};

void plan_retrieval(cfn::Stack& stack, const Caller& c, Location where) {
  Json arns = Json::array();
  for (const spec::KnowledgeBase* kb : c.knowledge_bases) {
    arns.push_back(fn::get_att(knowledge_base_id(kb->name), "KnowledgeBaseArn"));
  }
  PolicyStatement s = allow("RetrieveFromKnowledgeBases",
                            Json::array({"bedrock:Retrieve", "bedrock:RetrieveAndGenerate"}), arns);
  // Tenant isolation (seed 000): a knowledge base answers only callers whose
  // tenant tag equals its own.
  if (!c.tenant_tag.empty()) {
    s.condition("StringEquals", "aws:ResourceTag/" + c.tenant_tag, fmt::format("${{aws:PrincipalTag/{}}}", c.tenant_tag));
  }
  add_resource(stack, c.label + "KnowledgeAccess", "AWS::IAM::Policy",
               {{"PolicyName", "knowledge-base-access"},
                {"Roles", c.role.is_array() ? c.role : Json::array({c.role})},
                {"PolicyDocument", policy_doc(Json::array({s}))}},
               where);
}

void plan_knowledge_base(const spec::Spec& spec, cfn::Assembly& assembly, const spec::KnowledgeBase& kb) {
  cfn::Stack& stack = knowledge_stack(spec, assembly, kb);
  const std::string id = knowledge_base_id(kb.name);
  const std::string name = spec::knowledge_base_name(spec, kb);
  spec::Placement home = spec::knowledge_base_placement(spec, kb);
  const int dimensions = kb.dimensions ? kb.dimensions->value
                         : kb.embedding_model.value == "amazon.titan-embed-text-v1" ? 1536
                                                                                     : 1024;
  // The vector store, before the knowledge base (Bedrock checks it exists):
  // an index in the collection, or a vector bucket and index of its own.
  Json store;  // the knowledge base's StorageConfiguration
  Json store_access;  // the service role's statement on the store
  if (kb.s3_vectors) {
    const spec::S3VectorStore& v = *kb.s3_vectors;
    Location where = v.location;
    add_resource(stack, id + "VectorBucket", "AWS::S3Vectors::VectorBucket",
                 {{"VectorBucketName", spec::vector_bucket_name(spec, kb)},
                  {"EncryptionConfiguration", {{"SseType", "AES256"}}}},
                 where);
    add_resource(stack, id + "Index", "AWS::S3Vectors::Index",
                 {{"VectorBucketArn", fn::get_att(id + "VectorBucket", "VectorBucketArn")},
                  {"IndexName", kb.index.name.value},
                  {"DataType", "float32"},
                  {"Dimension", dimensions},
                  {"DistanceMetric", v.metric.value},
                  // Bedrock's chunk text and metadata are returned, not filtered on (the
                  // filterable metadata of a vector is limited to 2 KB).
                  {"MetadataConfiguration",
                   {{"NonFilterableMetadataKeys", Json::array({"AMAZON_BEDROCK_METADATA", "AMAZON_BEDROCK_TEXT"})}}}},
                 kb.index.name.location.valid() ? kb.index.name.location : where);
    store = {{"Type", "S3_VECTORS"},
               {"S3VectorsConfiguration", {{"IndexArn", fn::get_att(id + "Index", "IndexArn")}}}};
    store_access = allow("VectorIndexAccess",
                         Json::array({"s3vectors:DeleteVectors", "s3vectors:GetIndex", "s3vectors:GetVectors",
                                      "s3vectors:PutVectors", "s3vectors:QueryVectors"}),
                         fn::get_att(id + "Index", "IndexArn"));
  } else {
    const spec::SearchCollection* collection = nullptr;
    for (const spec::SearchCollection& c : spec.search.collections) {
      if (c.name == kb.collection.value) collection = &c;
    }
    cfn::Stack& search = stack_for(assembly, spec, kLayerSearch, *home.account, home.region);
    const std::string coll = collection_id(collection->name);
    Json method = {{"Name", "hnsw"},
                   {"Engine", kb.index.engine.value},
                   {"SpaceType", kb.index.space.value},
                   {"Parameters", {{"EfConstruction", 512}, {"M", 16}}}};
    Json mapping = {
        {kb.index.vector_field.value, {{"Type", "knn_vector"}, {"Dimension", dimensions}, {"Method", method}}},
        {kb.index.text_field.value, {{"Type", "text"}, {"Index", true}}},
        {kb.index.metadata_field.value, {{"Type", "text"}, {"Index", false}}}};
    add_resource(stack, id + "Index", "AWS::OpenSearchServerless::Index",
                 {{"CollectionEndpoint", assembly.get_att(stack, search, coll, "CollectionEndpoint")},
                  {"IndexName", kb.index.name.value},
                  {"Settings", {{"Index", {{"Knn", true}, {"KnnAlgoParamEfSearch", 512}}}}},
                  {"Mappings", {{"Properties", mapping}}}},
                 kb.index.name.location.valid() ? kb.index.name.location : kb.collection.location);
    store = {{"Type", "OPENSEARCH_SERVERLESS"},
               {"OpensearchServerlessConfiguration",
                {{"CollectionArn", assembly.get_att(stack, search, coll, "Arn")},
                 {"VectorIndexName", kb.index.name.value},
                 {"FieldMapping",
                  {{"VectorField", kb.index.vector_field.value},
                   {"TextField", kb.index.text_field.value},
                   {"MetadataField", kb.index.metadata_field.value}}}}}};
    store_access = allow("CollectionApiAccess", "aoss:APIAccessAll", assembly.get_att(stack, search, coll, "Arn"));
  }

  // The service role: the embedding model, the collection, the documents.
  Json statements = Json::array();
  statements.push_back(allow("EmbedDocuments", "bedrock:InvokeModel", model_arn(kb.embedding_model.value)));
  statements.push_back(store_access);
  Json keys = Json::array();
  std::vector<std::string> buckets;  // in order of first use
  for (const spec::DataSource& s : kb.sources) {
    if (std::find(buckets.begin(), buckets.end(), s.bucket.value) == buckets.end()) buckets.push_back(s.bucket.value);
  }
  Json objects = Json::array();
  for (const std::string& bname : buckets) {
    const spec::Bucket& b = *spec.storage.find(bname);
    const std::string arn = aws::arn(aws::kThisPartition, "s3", "", "", spec::s3_bucket_name(spec, b, home.region));
    Json prefixes = Json::array();
    bool whole = false;
    for (const spec::DataSource& s : kb.sources) {
      if (s.bucket.value != bname) continue;
      if (s.prefix.value.empty()) whole = true;
      prefixes.push_back(s.prefix.value + "*");
      objects.push_back(fn::sub(arn + "/" + s.prefix.value + "*"));
    }
    PolicyStatement list = allow("ListDocuments" + cfn::pascal_case(bname), "s3:ListBucket", fn::sub(arn));
    if (!whole) list.condition("StringLike", "s3:prefix", prefixes);
    list.condition("StringEquals", "aws:ResourceAccount", fn::sub("${AWS::AccountId}"));
    statements.push_back(list);
    if (b.encryption.value == "kms") {
      cfn::Stack& storage = stack_for(assembly, spec, kLayerStorage, account_of(spec, b.account), home.region);
      keys.push_back(bucket_key_arn(spec, assembly, stack, storage, b));
    }
  }
  statements.push_back(allow("ReadDocuments", "s3:GetObject", objects)
                           .condition("StringEquals", "aws:ResourceAccount", fn::sub("${AWS::AccountId}")));
  if (!keys.empty()) {
    statements.push_back(allow("DecryptDocuments", "kms:Decrypt", keys)
                             .condition("StringEquals", "kms:ViaService", fn::sub("s3.${AWS::Region}.amazonaws.com")));
  }
  Json trust = policy_doc(Json::array(
      {PolicyStatement::allow()
           .service("bedrock.amazonaws.com")
           .action("sts:AssumeRole")
           .condition("StringEquals", "aws:SourceAccount", fn::sub("${AWS::AccountId}"))
           .condition("ArnLike", "aws:SourceArn", stack_arn("bedrock", "knowledge-base/*"))}));
  // Cleared for the highest level it reads and writes (its sources, its collection).
  std::string clearance;
  auto raise = [&](const std::string& level) {
    if (!level.empty() && spec.classification.rank(level) > spec.classification.rank(clearance)) clearance = level;
  };
  for (const std::string& bname : buckets) raise(spec.storage.find(bname)->classification.value);
  for (const spec::SearchCollection& c : spec.search.collections) {
    if (c.name == kb.collection.value) raise(c.classification.value);
  }
  cfn::Resource& role = add_resource(stack, id + "Role", "AWS::IAM::Role",
               {{"RoleName", spec::knowledge_base_role_name(spec, kb)},
                {"AssumeRolePolicyDocument", trust},
                {"Description", fmt::format("Service role of knowledge base {}: its model, index and documents", kb.name)},
                {"Policies", Json::array({{{"PolicyName", "knowledge-base"}, {"PolicyDocument", policy_doc(statements)}}})}},
               kb.location, kb.tags);
  clear_role(role, clearance);

  Json embedding = {{"EmbeddingModelArn", model_arn(kb.embedding_model.value)}};
  if (kb.dimensions && kb.embedding_model.value != "amazon.titan-embed-text-v1") {
    embedding["EmbeddingModelConfiguration"] = {{"BedrockEmbeddingModelConfiguration", {{"Dimensions", dimensions}}}};
  }
  Json props = {
      {"Name", name},
      {"RoleArn", fn::get_att(id + "Role", "Arn")},
      {"KnowledgeBaseConfiguration", {{"Type", "VECTOR"}, {"VectorKnowledgeBaseConfiguration", embedding}}},
      {"StorageConfiguration", store}};
  props["Description"] = kb.description.value.empty()
                             ? fmt::format("Knowledge base {} of platform {}", kb.name, spec.name.value)
                             : kb.description.value;
  cfn::Resource& base = add_resource(stack, id, "AWS::Bedrock::KnowledgeBase", props, kb.location, kb.tags);
  base.depends_on = {id + "Index", id + "Role"};

  for (const spec::DataSource& s : kb.sources) {
    const spec::Bucket& b = *spec.storage.find(s.bucket.value);
    Json s3 = {{"BucketArn", stack_arn("s3", spec::s3_bucket_name(spec, b, home.region), "", "")}};
    if (!s.prefix.value.empty()) s3["InclusionPrefixes"] = Json::array({s.prefix.value});
    Json ds = {{"Name", s.name},
               {"KnowledgeBaseId", fn::get_att(id, "KnowledgeBaseId")},
               {"DataDeletionPolicy", s.retain_data.value ? "RETAIN" : "DELETE"},
               {"DataSourceConfiguration", {{"Type", "S3"}, {"S3Configuration", s3}}}};
    if (!s.description.value.empty()) ds["Description"] = s.description.value;
    const spec::Chunking& c = s.chunking;
    if (c.location.valid()) {
      Json chunking;
      if (c.strategy.value == "fixed") {
        chunking = {{"ChunkingStrategy", "FIXED_SIZE"},
                    {"FixedSizeChunkingConfiguration",
                     {{"MaxTokens", c.max_tokens.value}, {"OverlapPercentage", c.overlap_percent.value}}}};
      } else if (c.strategy.value == "hierarchical") {
        chunking = {{"ChunkingStrategy", "HIERARCHICAL"},
                    {"HierarchicalChunkingConfiguration",
                     {{"LevelConfigurations", Json::array({{{"MaxTokens", c.parent_max_tokens.value}},
                                                           {{"MaxTokens", c.child_max_tokens.value}}})},
                      {"OverlapTokens", c.overlap_tokens.value}}}};
      } else if (c.strategy.value == "semantic") {
        chunking = {{"ChunkingStrategy", "SEMANTIC"},
                    {"SemanticChunkingConfiguration",
                     {{"MaxTokens", c.max_tokens.value},
                      {"BufferSize", c.buffer_size.value},
                      {"BreakpointPercentileThreshold", c.breakpoint_percentile.value}}}};
      } else {
        chunking = {{"ChunkingStrategy", "NONE"}};
      }
      ds["VectorIngestionConfiguration"] = {{"ChunkingConfiguration", chunking}};
    }
    const std::string source_id = id + cfn::pascal_case(s.name) + "DataSource";
    add_resource(stack, source_id, "AWS::Bedrock::DataSource", ds, s.location);
    if (s.sync.value.empty()) continue;
    // CloudFormation cannot start an ingestion job: EventBridge Scheduler's
    // universal target calls StartIngestionJob, as a role allowed only that,
    // on this knowledge base.
    const std::string sync_role = id + "SyncRole";
    if (stack.find(sync_role) == nullptr) {
      add_resource(
          stack, sync_role, "AWS::IAM::Role",
          {{"AssumeRolePolicyDocument",
            policy_doc(Json::array({service_assumes_role("scheduler.amazonaws.com").from_this_account()}))},
           {"Description", fmt::format("Lets the sync schedules of knowledge base {} start its ingestion jobs, and "
                                       "nothing else",
                                       kb.name)},
           {"Policies",
            Json::array({{{"PolicyName", "start-ingestion"},
                          {"PolicyDocument", policy_doc(Json::array({allow("StartIngestion", "bedrock:StartIngestionJob",
                                                                           fn::get_att(id, "KnowledgeBaseArn"))}))}}})}},
          s.sync.location, kb.tags);
    }
    Json schedule = {
        {"Name", name + "-" + s.name},
        {"Description", fmt::format("Syncs data source {} of knowledge base {}", s.name, kb.name)},
        {"ScheduleExpression", s.sync.value},
        {"FlexibleTimeWindow", {{"Mode", "OFF"}}},
        {"State", "ENABLED"},
        {"Target",
         {{"Arn", fn::sub("arn:${AWS::Partition}:scheduler:::aws-sdk:bedrockagent:startIngestionJob")},
          {"RoleArn", fn::get_att(sync_role, "Arn")},
          {"Input", fn::sub(fmt::format("{{\"KnowledgeBaseId\": \"${{{}.KnowledgeBaseId}}\", \"DataSourceId\": "
                                        "\"${{{}.DataSourceId}}\"}}",
                                        id, source_id))}}}};
    if (!s.sync_timezone.value.empty()) schedule["ScheduleExpressionTimezone"] = s.sync_timezone.value;
    add_resource(stack, source_id + "Sync", "AWS::Scheduler::Schedule", std::move(schedule), s.sync.location);
  }
}

// Every function, service and iam role that names knowledge bases of `stack`'s
// account and region gets one policy there.
void plan_callers(const spec::Spec& spec, cfn::Assembly& assembly) {
  auto resolve = [&](const std::vector<spec::Located<std::string>>& names) {
    std::vector<const spec::KnowledgeBase*> out;
    for (const auto& n : names) {
      if (const spec::KnowledgeBase* kb = spec.bedrock.find_knowledge_base(n.value)) out.push_back(kb);
    }
    return out;
  };
  for (const spec::Function& f : spec.functions.items) {
    auto kbs = resolve(f.knowledge_bases);
    if (kbs.empty()) continue;
    cfn::Stack& stack = knowledge_stack(spec, assembly, *kbs.front());
    cfn::Stack& home = function_stack(spec, assembly, f);
    Caller c{cfn::pascal_case(f.name) + "Function", assembly.ref(stack, home, function_role_id(f.name)), "", kbs};
    plan_retrieval(stack, c, f.knowledge_bases.front().location);
  }
  for (const spec::Service& s : spec.compute.services) {
    auto kbs = resolve(s.knowledge_bases);
    if (kbs.empty()) continue;
    cfn::Stack& stack = knowledge_stack(spec, assembly, *kbs.front());
    for (const spec::EcsCluster& cl : spec.compute.clusters) {
      if (cl.name != s.cluster.value) continue;
      const spec::Vpc& vpc = *spec.find_vpc(cl.vpc.value);
      cfn::Stack& compute = stack_for(assembly, spec, kLayerCompute, account_of(spec, vpc.account), vpc.region.value);
      Caller c{cfn::pascal_case(s.name) + "Service", assembly.ref(stack, compute, cfn::pascal_case(s.name) + "TaskRole"),
               "", kbs};
      plan_retrieval(stack, c, s.knowledge_bases.front().location);
    }
  }
  for (const spec::IamRole& r : spec.iam.roles) {
    if (!r.permissions.bedrock) continue;
    auto kbs = resolve(r.permissions.bedrock->knowledge_bases);
    if (kbs.empty()) continue;
    cfn::Stack& stack = knowledge_stack(spec, assembly, *kbs.front());
    // The role lives in the account's iam stack; deploy that first.
    cfn::Stack& iam = stack_for(assembly, spec, kLayerIam, account_of(spec, {stack.account_name, {}}), "");
    if (&iam != &stack) stack.dependencies.insert(iam.id);
    // A persona stamped per tenant gets one policy for all its tenants' roles.
    if (!r.stamped_from.empty() && r.name != spec.iam.named(r.stamped_from).front()->name) continue;
    Json roles = iam_role_name(r);
    if (!r.stamped_from.empty()) {
      roles = Json::array();
      for (const spec::IamRole* t : spec.iam.named(r.stamped_from)) roles.push_back(iam_role_name(*t));
    }
    Caller c{cfn::pascal_case(r.group()) + "Role", roles, r.permissions.bedrock->tenant_tag.value, kbs};
    plan_retrieval(stack, c, r.permissions.bedrock->knowledge_bases.front().location);
  }
}

}  // namespace bedrock_plan

void add_invocable_arns(const std::string& model, cfn::Json& arns) {
  using bedrock_plan::model_arn;
  if (!is_inference_profile(model)) {
    arns.push_back(model_arn(model));
    return;
  }
  arns.push_back(stack_arn("bedrock", "inference-profile/" + model));
  arns.push_back(stack_arn("bedrock", "foundation-model/" + model.substr(model.find('.') + 1), "*", ""));
}

// Whether a guardrail can filter the model's invocations: text and chat models. Embedding,
// reranking and image models return vectors, scores or pictures, which guardrails do not
// inspect; a model_guardrail condition on them would refuse every call.
bool guardrail_filters(std::string_view model) {
  for (std::string_view kind : {"embed", "rerank", "stability.", "titan-image", "nova-canvas", "nova-reel"}) {
    if (model.find(kind) != std::string_view::npos) return false;
  }
  return true;
}

bool is_inference_profile(std::string_view id) {
  for (std::string_view p : {"us.", "eu.", "apac.", "global.", "us-gov.", "jp.", "au.", "ca."}) {
    if (id.substr(0, p.size()) == p) return true;
  }
  return false;
}

void bedrock_caller_statements(const spec::Spec& spec, cfn::Assembly& assembly, cfn::Stack& from,
                               const std::vector<spec::Located<std::string>>& models,
                               const std::vector<spec::Located<std::string>>& guardrails,
                               const spec::Located<std::string>& model_guardrail, cfn::Json& statements) {
  using namespace bedrock_plan;
  std::vector<const spec::Guardrail*> applied;
  auto add = [&](const std::string& name) {
    const spec::Guardrail* g = spec.bedrock.find_guardrail(name);
    if (g != nullptr && std::find(applied.begin(), applied.end(), g) == applied.end()) applied.push_back(g);
  };
  for (const auto& g : guardrails) add(g.value);
  if (!model_guardrail.value.empty()) add(model_guardrail.value);
  auto arn_of = [&](const spec::Guardrail& g) {
    return assembly.get_att(from, guardrail_stack(spec, assembly, g), guardrail_id(g.name), "GuardrailArn");
  };
  const spec::Guardrail* required = spec.bedrock.find_guardrail(model_guardrail.value);
  Json models_arns = Json::array();
  Json unguarded = Json::array();  // with a model_guardrail: the models a guardrail cannot filter
  for (const auto& m : models) {
    add_invocable_arns(m.value, required == nullptr || guardrail_filters(m.value) ? models_arns : unguarded);
  }
  const Json actions = Json::array({"bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"});
  if (!models_arns.empty()) {
    PolicyStatement invoke = allow("InvokeModels", actions, models_arns);
    if (required != nullptr) {
      // Only requests that carry this guardrail (any of its versions).
      Json arn = arn_of(*required);
      invoke.condition("StringLike", "bedrock:GuardrailIdentifier",
                       Json::array({arn, Json{{"Fn::Join", Json::array({"", Json::array({arn, ":*"})})}}}));
    }
    statements.push_back(invoke);
  }
  if (!unguarded.empty()) statements.push_back(allow("InvokeModelsGuardrailsCannotFilter", actions, unguarded));
  if (applied.empty()) return;
  Json arns = Json::array();
  Json keys = Json::array();
  for (const spec::Guardrail* g : applied) {
    arns.push_back(arn_of(*g));
    if (!g->aws_owned_key.value) {
      keys.push_back(assembly.get_att(from, guardrail_stack(spec, assembly, *g), guardrail_id(g->name) + "Key", "Arn"));
    }
  }
  statements.push_back(allow("ApplyGuardrails", "bedrock:ApplyGuardrail", arns));
  if (!keys.empty()) {
    statements.push_back(allow("DecryptGuardrails", "kms:Decrypt", keys)
                             .condition("StringEquals", "kms:ViaService",
                                        fn::sub("bedrock.${AWS::Region}.amazonaws.com")));
  }
}

void plan_guardrails(const spec::Spec& spec, cfn::Assembly& assembly) {
  for (const spec::Guardrail& g : spec.bedrock.guardrails) bedrock_plan::plan_guardrail(spec, assembly, g);
}

void plan_knowledge_bases(const spec::Spec& spec, cfn::Assembly& assembly) {
  for (const spec::KnowledgeBase& kb : spec.bedrock.knowledge_bases) {
    bedrock_plan::plan_knowledge_base(spec, assembly, kb);
  }
  bedrock_plan::plan_callers(spec, assembly);
}

}  // namespace aip::plan
