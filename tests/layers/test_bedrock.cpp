// Bedrock guardrails and knowledge bases (bedrock:): what they render, the
// grants of the functions, services and roles that name them, and every
// reader and check error with its message and line.
#include <algorithm>

#include <catch2/catch.hpp>

#include "support/plan_text.hpp"

using aip::cfn::Json;
using aip::test::errors_of;
using aip::test::kHeader;
using aip::test::plan_text;

namespace test_bedrock {

// Lines 5 to 17 after kHeader; bedrock: entries start on line 18.
const char* kBedrockBase =
    "network:\n"
    "  vpcs:\n"
    "    main: {cidr: 10.0.0.0/16, azs: 2, tiers: {private: 24}}\n"
    "storage:\n"
    "  buckets:\n"
    "    docs: {access_logs: false}\n"
    "    code: {access_logs: false}\n"
    "search:\n"
    "  collections:\n"
    "    vectors: {vpc: main, access: {read: [bot]}}\n"
    "functions:\n"
    "  bot: {runtime: python3.12, handler: app.handler, code: {bucket: code, key: bot.zip}, models: "
    "[anthropic.claude-3-haiku-20240307-v1:0]}\n"
    "bedrock:\n";

const char* kKnowledgeBase =
    "  knowledge_bases:\n"
    "    kb:\n"
    "      embedding_model: amazon.titan-embed-text-v2:0\n"
    "      collection: vectors\n"
    "      sources:\n"
    "        manuals: {bucket: docs, prefix: manuals/, chunking: {strategy: fixed, max_tokens: 500, overlap_percent: 10}}\n"
    "        faq: {bucket: docs, prefix: faq/, chunking: {strategy: semantic, max_tokens: 400}}\n";

const Json* bedrock_sid(const Json& doc, const std::string& sid) {
  for (const Json& s : doc["Statement"]) {
    if (s.value("Sid", "") == sid) return &s;
  }
  return nullptr;
}

}  // namespace test_bedrock

using namespace test_bedrock;

TEST_CASE("a guardrail renders every policy the spec gives, its key and a published version") {
  auto p = plan_text(std::string(kHeader) + kBedrockBase +
                     "  guardrails:\n"
                     "    safety:\n"
                     "      content_filters: {hate: high, violence: {input: high, output: low}, prompt_attack: {input: "
                     "medium, output: none}}\n"
                     "      denied_topics: {finance: {definition: Investment advice., examples: [\"Buy stocks?\"]}}\n"
                     "      words: [nightingale]\n"
                     "      managed_words: [profanity]\n"
                     "      pii: {EMAIL: anonymize, US_SOCIAL_SECURITY_NUMBER: block}\n"
                     "      regexes: {badge: {pattern: \"B-[0-9]{4}\", action: block}}\n"
                     "      grounding: 0.8\n"
                     "      relevance: 0.5\n");
  CHECK(p.schema_findings().empty());
  const auto& s = p.stack("test-dev-guardrails");
  const auto& g = *s.find("SafetyGuardrail");
  CHECK(g.type == "AWS::Bedrock::Guardrail");
  CHECK(g.properties["Name"] == "test-safety");
  CHECK(g.properties["ContentPolicyConfig"] == Json::parse(R"({"FiltersConfig": [
      {"Type": "HATE", "InputStrength": "HIGH", "OutputStrength": "HIGH"},
      {"Type": "VIOLENCE", "InputStrength": "HIGH", "OutputStrength": "LOW"},
      {"Type": "PROMPT_ATTACK", "InputStrength": "MEDIUM", "OutputStrength": "NONE"}]})"));
  CHECK(g.properties["TopicPolicyConfig"] == Json::parse(R"({"TopicsConfig": [
      {"Name": "finance", "Definition": "Investment advice.", "Examples": ["Buy stocks?"], "Type": "DENY"}]})"));
  CHECK(g.properties["WordPolicyConfig"] == Json::parse(R"({"WordsConfig": [{"Text": "nightingale"}],
      "ManagedWordListsConfig": [{"Type": "PROFANITY"}]})"));
  CHECK(g.properties["SensitiveInformationPolicyConfig"] == Json::parse(R"({
      "PiiEntitiesConfig": [{"Type": "EMAIL", "Action": "ANONYMIZE"}, {"Type": "US_SOCIAL_SECURITY_NUMBER", "Action": "BLOCK"}],
      "RegexesConfig": [{"Name": "badge", "Pattern": "B-[0-9]{4}", "Action": "BLOCK"}]})"));
  CHECK(g.properties["ContextualGroundingPolicyConfig"] == Json::parse(R"({"FiltersConfig": [
      {"Type": "GROUNDING", "Threshold": 0.8}, {"Type": "RELEVANCE", "Threshold": 0.5}]})"));
  CHECK(g.properties["KmsKeyArn"] == Json::parse(R"({"Fn::GetAtt": ["SafetyGuardrailKey", "Arn"]})"));
  CHECK(s.find("SafetyGuardrailKey")->properties["EnableKeyRotation"] == true);
  CHECK(s.find("SafetyGuardrailVersion")->properties["GuardrailIdentifier"] ==
        Json::parse(R"({"Fn::GetAtt": ["SafetyGuardrail", "GuardrailId"]})"));
}

TEST_CASE("a guardrail without its key or version, when the spec says so") {
  auto p = plan_text(std::string(kHeader) + kBedrockBase +
                     "  guardrails: {g: {words: [x], aws_owned_key: true, publish: false}}\n");
  const auto& s = p.stack("test-dev-guardrails");
  CHECK(s.find("GGuardrail")->properties.count("KmsKeyArn") == 0);
  CHECK(s.find("GGuardrailKey") == nullptr);
  CHECK(s.find("GGuardrailVersion") == nullptr);
}

TEST_CASE("a function applies exactly its guardrails and invokes models only through its model guardrail") {
  std::string spec = std::string(kHeader) + kBedrockBase + "  guardrails: {g: {words: [x]}, other: {words: [y]}}\n";
  spec.replace(spec.find("models: ["), 0, "guardrails: [other], model_guardrail: g, ");
  auto p = plan_text(spec);
  CHECK(p.schema_findings().empty());
  const auto& role = *p.stack("test-dev-functions").find("BotFunctionRole");
  const Json& doc = role.properties["Policies"][0]["PolicyDocument"];
  const Json* invoke = bedrock_sid(doc, "InvokeModels");
  REQUIRE(invoke != nullptr);
  const Json arn = Json::parse(R"({"Fn::ImportValue": "test-dev-guardrails:GGuardrailGuardrailArn"})");
  CHECK((*invoke)["Condition"]["StringLike"]["bedrock:GuardrailIdentifier"][0] == arn);
  const Json* apply = bedrock_sid(doc, "ApplyGuardrails");
  REQUIRE(apply != nullptr);
  CHECK((*apply)["Action"] == "bedrock:ApplyGuardrail");
  CHECK((*apply)["Resource"] == Json::array({Json::parse(R"({"Fn::ImportValue": "test-dev-guardrails:OtherGuardrailGuardrailArn"})"), arn}));
  const Json* decrypt = bedrock_sid(doc, "DecryptGuardrails");
  REQUIRE(decrypt != nullptr);
  CHECK((*decrypt)["Resource"].size() == 2);
}

TEST_CASE("a model guardrail conditions the text models only: embeddings are invoked without it") {
  std::string spec = std::string(kHeader) + kBedrockBase + "  guardrails: {g: {words: [x]}}\n";
  spec.replace(spec.find("[anthropic.claude-3-haiku-20240307-v1:0]"), 40,
               "[anthropic.claude-3-haiku-20240307-v1:0, amazon.titan-embed-text-v2:0], model_guardrail: g");
  auto p = plan_text(spec);
  CHECK(p.schema_findings().empty());
  const Json& doc = p.stack("test-dev-functions").find("BotFunctionRole")->properties["Policies"][0]["PolicyDocument"];
  const Json* guarded = bedrock_sid(doc, "InvokeModels");
  REQUIRE(guarded != nullptr);
  CHECK((*guarded)["Condition"].contains("StringLike"));
  CHECK((*guarded)["Resource"].dump().find("claude-3-haiku") != std::string::npos);
  CHECK((*guarded)["Resource"].dump().find("titan-embed") == std::string::npos);
  const Json* plain = bedrock_sid(doc, "InvokeModelsGuardrailsCannotFilter");
  REQUIRE(plain != nullptr);
  CHECK_FALSE(plain->contains("Condition"));
  CHECK((*plain)["Resource"].dump().find("amazon.titan-embed-text-v2:0") != std::string::npos);
}

TEST_CASE("a knowledge base: its index first, a service role on exactly its model, prefixes and collection") {
  std::string spec = std::string(kHeader) + kBedrockBase + kKnowledgeBase;
  spec.replace(spec.find("models: ["), 0, "knowledge_bases: [kb], ");
  auto p = plan_text(spec);
  CHECK(p.schema_findings().empty());
  const auto& s = p.stack("test-dev-knowledge");
  const auto& kb = *s.find("KbKnowledgeBase");
  CHECK(kb.properties["Name"] == "test-kb");
  CHECK(kb.depends_on == std::vector<std::string>{"KbKnowledgeBaseIndex", "KbKnowledgeBaseRole"});
  CHECK(kb.properties["StorageConfiguration"]["OpensearchServerlessConfiguration"]["VectorIndexName"] ==
        "bedrock-knowledge-base-default-index");
  const auto& index = *s.find("KbKnowledgeBaseIndex");
  CHECK(index.properties["Mappings"]["Properties"]["bedrock-knowledge-base-default-vector"]["Dimension"] == 1024);
  const auto& role = *s.find("KbKnowledgeBaseRole");
  CHECK(role.properties["RoleName"] == "test-kb-kb-us-east-1");
  const Json& trust = role.properties["AssumeRolePolicyDocument"]["Statement"][0];
  CHECK(trust["Principal"]["Service"] == "bedrock.amazonaws.com");
  CHECK(trust["Condition"]["StringEquals"].count("aws:SourceAccount") == 1);
  CHECK(trust["Condition"]["ArnLike"].count("aws:SourceArn") == 1);
  const Json& doc = role.properties["Policies"][0]["PolicyDocument"];
  CHECK((*bedrock_sid(doc, "EmbedDocuments"))["Resource"] ==
        Json::parse(R"({"Fn::Sub": "arn:${AWS::Partition}:bedrock:${AWS::Region}::foundation-model/amazon.titan-embed-text-v2:0"})"));
  CHECK((*bedrock_sid(doc, "ListDocumentsDocs"))["Condition"]["StringLike"]["s3:prefix"] ==
        Json::parse(R"(["manuals/*", "faq/*"])"));
  CHECK((*bedrock_sid(doc, "ReadDocuments"))["Resource"].size() == 2);
  CHECK((*bedrock_sid(doc, "CollectionApiAccess"))["Resource"] ==
        Json::parse(R"({"Fn::ImportValue": "test-dev-search:VectorsCollectionArn"})"));
  CHECK(bedrock_sid(doc, "DecryptDocuments") != nullptr);  // the bucket has aip's customer-managed key
  const auto& manuals = *s.find("KbKnowledgeBaseManualsDataSource");
  CHECK(manuals.properties["DataSourceConfiguration"]["S3Configuration"]["InclusionPrefixes"] == Json::array({"manuals/"}));
  CHECK(manuals.properties["VectorIngestionConfiguration"]["ChunkingConfiguration"] == Json::parse(R"({
      "ChunkingStrategy": "FIXED_SIZE", "FixedSizeChunkingConfiguration": {"MaxTokens": 500, "OverlapPercentage": 10}})"));
  CHECK(s.find("KbKnowledgeBaseFaqDataSource")->properties["VectorIngestionConfiguration"]["ChunkingConfiguration"]
                                                                           ["ChunkingStrategy"] == "SEMANTIC");
  // The function that names it may retrieve from exactly it.
  const auto& access = *s.find("BotFunctionKnowledgeAccess");
  CHECK(access.properties["PolicyDocument"]["Statement"][0]["Resource"] ==
        Json::parse(R"([{"Fn::GetAtt": ["KbKnowledgeBase", "KnowledgeBaseArn"]}])"));
  // The collection admits the service role (and the deploying role, to create
  // the index) on exactly that index, and lets Bedrock reach it.
  const auto& policy = *p.stack("test-dev-search").find("VectorsCollectionAccessPolicy");
  const std::string text = policy.properties["Policy"]["Fn::Sub"].is_array()
                               ? policy.properties["Policy"]["Fn::Sub"][0].get<std::string>()
                               : policy.properties["Policy"]["Fn::Sub"].get<std::string>();
  Json entries = Json::parse(text);
  const Json& last = entries.back();
  CHECK(last["Principal"][0] == "arn:${AWS::Partition}:iam::${AWS::AccountId}:role/test-kb-kb-us-east-1");
  CHECK(last["Rules"][1]["Resource"] == Json::array({"index/test-vectors/bedrock-knowledge-base-default-index"}));
  const auto& network = *p.stack("test-dev-search").find("VectorsCollectionNetworkPolicy");
  CHECK(network.properties["Policy"]["Fn::Sub"][0].get<std::string>().find("\"SourceServices\":[\"bedrock.amazonaws.com\"]") !=
        std::string::npos);
}

TEST_CASE("a knowledge base on S3 vectors: its own vector bucket and index, the role on exactly that index") {
  const std::string spec = std::string(kHeader) + kBedrockBase +
                           "  knowledge_bases:\n"
                           "    kb:\n"
                           "      embedding_model: amazon.titan-embed-text-v2:0\n"
                           "      s3_vectors: {metric: euclidean}\n"
                           "      index: {name: manuals}\n"
                           "      sources:\n"
                           "        manuals: {bucket: docs, prefix: manuals/}\n";
  auto p = plan_text(spec);
  CHECK(p.schema_findings().empty());
  const auto& s = p.stack("test-dev-knowledge");
  const auto& bucket = *s.find("KbKnowledgeBaseVectorBucket");
  CHECK(bucket.type == "AWS::S3Vectors::VectorBucket");
  CHECK(bucket.properties["VectorBucketName"] == "test-kb-vectors");
  CHECK(bucket.properties["EncryptionConfiguration"]["SseType"] == "AES256");
  const auto& index = *s.find("KbKnowledgeBaseIndex");
  CHECK(index.type == "AWS::S3Vectors::Index");
  CHECK(index.properties["IndexName"] == "manuals");
  CHECK(index.properties["Dimension"] == 1024);
  CHECK(index.properties["DistanceMetric"] == "euclidean");
  CHECK(index.properties["DataType"] == "float32");
  CHECK(index.properties["VectorBucketArn"] ==
        Json::parse(R"({"Fn::GetAtt": ["KbKnowledgeBaseVectorBucket", "VectorBucketArn"]})"));
  CHECK(index.properties["MetadataConfiguration"]["NonFilterableMetadataKeys"] ==
        Json::parse(R"(["AMAZON_BEDROCK_METADATA", "AMAZON_BEDROCK_TEXT"])"));
  const auto& kb = *s.find("KbKnowledgeBase");
  CHECK(kb.properties["StorageConfiguration"] ==
        Json::parse(R"({"Type": "S3_VECTORS", "S3VectorsConfiguration": {"IndexArn": {"Fn::GetAtt": ["KbKnowledgeBaseIndex", "IndexArn"]}}})"));
  CHECK(kb.depends_on == std::vector<std::string>{"KbKnowledgeBaseIndex", "KbKnowledgeBaseRole"});
  // The service role: the index, not a collection.
  const Json& doc = s.find("KbKnowledgeBaseRole")->properties["Policies"][0]["PolicyDocument"];
  const Json* vectors = bedrock_sid(doc, "VectorIndexAccess");
  REQUIRE(vectors != nullptr);
  CHECK((*vectors)["Action"] == Json::parse(R"(["s3vectors:DeleteVectors", "s3vectors:GetIndex", "s3vectors:GetVectors",
                                                "s3vectors:PutVectors", "s3vectors:QueryVectors"])"));
  CHECK((*vectors)["Resource"] == Json::parse(R"({"Fn::GetAtt": ["KbKnowledgeBaseIndex", "IndexArn"]})"));
  CHECK(bedrock_sid(doc, "CollectionApiAccess") == nullptr);
  // The collection's data access policy does not name it.
  for (const auto& r : p.stack("test-dev-search").resources) {
    INFO(r.logical_id);
    CHECK(r.properties.dump().find("test-kb-kb-") == std::string::npos);
  }
}

TEST_CASE("a data source with a sync schedule: Scheduler starts its ingestion jobs, as a role allowed only that") {
  std::string spec = std::string(kHeader) + kBedrockBase + kKnowledgeBase;
  spec.replace(spec.find("chunking: {strategy: fixed"), 0, "sync: \"cron(0 3 * * ? *)\", sync_timezone: Europe/Berlin, ");
  spec.replace(spec.find("chunking: {strategy: semantic"), 0, "sync: rate(6 hours), ");
  auto p = plan_text(spec);
  CHECK(p.schema_findings().empty());
  const auto& s = p.stack("test-dev-knowledge");
  const auto& manuals = *s.find("KbKnowledgeBaseManualsDataSourceSync");
  CHECK(manuals.type == "AWS::Scheduler::Schedule");
  CHECK(manuals.properties["Name"] == "test-kb-manuals");
  CHECK(manuals.properties["ScheduleExpression"] == "cron(0 3 * * ? *)");
  CHECK(manuals.properties["ScheduleExpressionTimezone"] == "Europe/Berlin");
  CHECK(manuals.properties["Target"]["Arn"]["Fn::Sub"] ==
        "arn:${AWS::Partition}:scheduler:::aws-sdk:bedrockagent:startIngestionJob");
  CHECK(manuals.properties["Target"]["Input"]["Fn::Sub"] ==
        "{\"KnowledgeBaseId\": \"${KbKnowledgeBase.KnowledgeBaseId}\", \"DataSourceId\": "
        "\"${KbKnowledgeBaseManualsDataSource.DataSourceId}\"}");
  CHECK(manuals.properties["Target"]["RoleArn"] == Json::parse(R"({"Fn::GetAtt": ["KbKnowledgeBaseSyncRole", "Arn"]})"));
  const auto& faq = *s.find("KbKnowledgeBaseFaqDataSourceSync");
  CHECK(faq.properties["ScheduleExpression"] == "rate(6 hours)");
  CHECK_FALSE(faq.properties.contains("ScheduleExpressionTimezone"));
  // One role for both schedules: StartIngestionJob on this knowledge base, nothing else.
  const auto& role = *s.find("KbKnowledgeBaseSyncRole");
  CHECK(role.properties["AssumeRolePolicyDocument"]["Statement"][0]["Principal"]["Service"] == "scheduler.amazonaws.com");
  const Json& st = role.properties["Policies"][0]["PolicyDocument"]["Statement"];
  CHECK(st.size() == 1);
  CHECK(st[0]["Action"] == "bedrock:StartIngestionJob");
  CHECK(st[0]["Resource"] == Json::parse(R"({"Fn::GetAtt": ["KbKnowledgeBase", "KnowledgeBaseArn"]})"));
  // Without sync, no schedule and no role.
  auto plain = plan_text(std::string(kHeader) + kBedrockBase + kKnowledgeBase);
  CHECK_FALSE(plain.has("KbKnowledgeBaseSyncRole"));
  CHECK_FALSE(plain.has("KbKnowledgeBaseManualsDataSourceSync"));
}

TEST_CASE("an iam role retrieves from the knowledge bases it names, with its tenant tag") {
  std::string spec = std::string(kHeader) + kBedrockBase + kKnowledgeBase +
                     "iam:\n"
                     "  personas:\n"
                     "    tenant: {role_name: TenantRole, trust: {identity_center: T}, bedrock: {knowledge_bases: [kb], "
                     "tenant_tag: TenantId}}\n";
  auto p = plan_text(spec);
  CHECK(p.schema_findings().empty());
  const auto& s = p.stack("test-dev-knowledge");
  const auto& access = *s.find("TenantRoleKnowledgeAccess");
  CHECK(access.properties["Roles"] == Json::array({"TenantRole"}));
  const Json& st = access.properties["PolicyDocument"]["Statement"][0];
  CHECK(st["Condition"]["StringEquals"]["aws:ResourceTag/TenantId"] == "${aws:PrincipalTag/TenantId}");
  CHECK(s.dependencies.count("test-dev-iam") == 1);
}

TEST_CASE("bedrock errors point at the spec") {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"  guardrails: {g: {content_filters: {prompt_attack: high}}}\n",
       "spec.yaml:18:53: guardrail 'g': prompt attacks are detected in the input only; write `prompt_attack: {input: high, output: none}`\n"},
      {"  guardrails: {g: {content_filters: [hate]}}\n",
       "spec.yaml:18:37: 'content_filters' must map categories (hate, insults, misconduct, prompt_attack, sexual, violence) to a strength or {input, output}, got a list\n"},
      {"  guardrails: {g: {content_filters: {hatred: high}}}\n",
       "spec.yaml:18:38: 'content filter' must be one of hate, insults, misconduct, prompt_attack, sexual, violence, got 'hatred'; did you mean 'hate'?\n"},
      {"  guardrails: {g: {content_filters: {hate: extreme}}}\n",
       "spec.yaml:18:44: 'hate' must be one of none, low, medium, high, got 'extreme'\n"},
      {"  guardrails: {g: {denied_topics: [x]}}\n",
       "spec.yaml:18:35: 'denied_topics' must map topic names to {definition, examples}, got a list\n"},
      {"  guardrails: {g: {denied_topics: {\"a*b\": {definition: x}}}}\n",
       "spec.yaml:18:36: denied topic name 'a*b' must be 1 to 100 letters, digits, spaces and _-!?.\n"},
      {"  guardrails: {g: {denied_topics: {t: {definition: x, examples: [a, b, c, d, e, f]}}}}\n",
       "spec.yaml:18:81: denied topic 't' has 6 examples; Bedrock takes at most 5\n"},
      {"  guardrails: {g: {denied_topics: {t: {examples: [a]}}}}\n",
       "spec.yaml:18:36: denied topic 't' of guardrail 'g' is missing required key 'definition'\n"},
      {"  guardrails: {g: {pii: [EMAIL]}}\n",
       "spec.yaml:18:25: 'pii' must map PII entity types (EMAIL, PHONE, ...) to block or anonymize, got a list\n"},
      {"  guardrails: {g: {pii: {E_MAIL: block}}}\n",
       "spec.yaml:18:26: 'PII entity' must be one of ADDRESS, AGE, AWS_ACCESS_KEY, AWS_SECRET_KEY, CA_HEALTH_NUMBER, CA_SOCIAL_INSURANCE_NUMBER, CREDIT_DEBIT_CARD_CVV, CREDIT_DEBIT_CARD_EXPIRY, CREDIT_DEBIT_CARD_NUMBER, DRIVER_ID, EMAIL, INTERNATIONAL_BANK_ACCOUNT_NUMBER, IP_ADDRESS, LICENSE_PLATE, MAC_ADDRESS, NAME, PASSWORD, PHONE, PIN, SWIFT_CODE, UK_NATIONAL_HEALTH_SERVICE_NUMBER, UK_NATIONAL_INSURANCE_NUMBER, UK_UNIQUE_TAXPAYER_REFERENCE_NUMBER, URL, USERNAME, US_BANK_ACCOUNT_NUMBER, US_BANK_ROUTING_NUMBER, US_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER, US_PASSPORT_NUMBER, US_SOCIAL_SECURITY_NUMBER, VEHICLE_IDENTIFICATION_NUMBER, got 'E_MAIL'; did you mean 'EMAIL'?\n"},
      {"  guardrails: {g: {pii: {EMAIL: mask}}}\n",
       "spec.yaml:18:33: 'EMAIL' must be one of block, anonymize, got 'mask'\n"},
      {"  guardrails: {g: {regexes: [x]}}\n",
       "spec.yaml:18:29: 'regexes' must map names to {pattern, action}, got a list\n"},
      {"  guardrails: {g: {regexes: {r: {pattern: x}}}}\n",
       "spec.yaml:18:30: regex 'r' of guardrail 'g' is missing required key 'action'\n"},
      {"  guardrails: {g: {grounding: 1}}\n",
       "spec.yaml:18:31: 'grounding' must be a threshold from 0 to 0.99, got '1'\n"},
      {"  guardrails: {g: {relevance: high}}\n",
       "spec.yaml:18:31: 'relevance' must be a threshold from 0 to 0.99, got 'high'\n"},
      {"  guardrails: {g: {guardrail_name: \"a b\", managed_words: [profanity]}}\n",
       "spec.yaml:18:36: guardrail name 'a b' must be 1 to 50 letters, digits, '-' and '_'\n"},
      {"  guardrails: {g: {blocked_input_message: \"\"}}\n",
       "spec.yaml:18:43: a blocked message must be 1 to 500 characters on one line, got ''\n"},
      {"  guardrails: {g: {description: x}}\n",
       "spec.yaml:18:16: guardrail 'g' filters nothing: give it content_filters, denied_topics, words, managed_words, pii, regexes or grounding\n"},
      {"  guardrails: {g: {managed_words: [profanty]}}\n",
       "spec.yaml:18:36: 'managed_words' must be one of profanity, got 'profanty'; did you mean 'profanity'?\n"},
      {"  guardrails: {g: {words: [x], account: prod}}\n",
       "spec.yaml:18:41: guardrail 'g' refers to account 'prod', which is not defined\n"},
      {"  guardrails: {a: {words: [x]}, b: {words: [y], guardrail_name: test-a}}\n",
       "spec.yaml:18:33: two guardrails would both be named 'test-a'\n"},
      {"  invocation_logging: {log_group: bedrock}\n",
       "spec.yaml:18:23: 'invocation_logging': CloudFormation has no resource for Bedrock model invocation logging, so aip cannot render it; turn it on once per account and region with `aws bedrock put-model-invocation-logging-configuration` (docs/areas/bedrock.md)\n"},
      {"  knowledge_bases: {kb: {embedding_model: amazon.titan-embed-text-v2:0, collection: vectros, sources: {s: {bucket: docs}}}}\n",
       "spec.yaml:18:85: knowledge base 'kb' refers to collection 'vectros', which is not a collection of the search area; did you mean 'vectors'?\n"},
      {"  knowledge_bases: {kb: {embedding_model: amazon.titan-embed-text-v2:0, collection: vectors, sources: {s: {bucket: dcos}}}}\n",
       "spec.yaml:18:116: data source 's' of knowledge base 'kb' refers to bucket 'dcos', which is not a bucket of the storage area; did you mean 'docs'?\n"},
      {"  knowledge_bases: {kb: {embedding_model: amazon.titan-embed-text-v2:0, collection: vectors}}\n",
       "spec.yaml:18:21: knowledge base 'kb' has no data sources: name buckets of the storage area under 'sources: {NAME: {bucket: ..., prefix: ...}}'\n"},
      {"  knowledge_bases: {kb: {embedding_model: anthropic.claude-3-haiku-20240307-v1:0, collection: vectors, sources: {s: {bucket: docs}}}}\n",
       "spec.yaml:18:43: knowledge base 'kb': 'anthropic.claude-3-haiku-20240307-v1:0' is not an embedding model (such as amazon.titan-embed-text-v2:0)\n"},
      {"  knowledge_bases: {kb: {embedding_model: acme.embed-x, collection: vectors, sources: {s: {bucket: docs}}}}\n",
       "spec.yaml:18:43: knowledge base 'kb': aip does not know the dimensions of 'acme.embed-x'; set 'dimensions'\n"},
      {"  knowledge_bases: {kb: {embedding_model: amazon.titan-embed-text-v2:0, dimensions: 1536, collection: vectors, sources: {s: {bucket: docs}}}}\n",
       "spec.yaml:18:85: knowledge base 'kb': amazon.titan-embed-text-v2:0 writes vectors of 1024, 512, 256 dimensions, not 1536\n"},
      {"  knowledge_bases: {kb: {embedding_model: titan, collection: vectors, sources: {s: {bucket: docs}}}}\n",
       "spec.yaml:18:43: 'titan' is not a Bedrock model id such as anthropic.claude-3-haiku-20240307-v1:0\n"},
      {"  knowledge_bases: {kb: {embedding_model: amazon.titan-embed-text-v2:0, collection: vectors, sources: {s: {bucket: docs, chunking: {strategy: semantic, overlap_percent: 10}}}}}\n",
       "spec.yaml:18:170: 'overlap_percent' does not apply to the semantic chunking strategy of data source 's'\n"},
      {"  knowledge_bases: {kb: {embedding_model: amazon.titan-embed-text-v2:0, collection: vectors, sources: {s: {bucket: docs, chunking: {strategy: hierarchical, parent_max_tokens: 300, child_max_tokens: 300}}}}}\n",
       "spec.yaml:18:199: data source 's': child chunks (300 tokens) must be smaller than parent chunks (300)\n"},
      {"  knowledge_bases: {kb: {embedding_model: amazon.titan-embed-text-v2:0, collection: vectors, sources: {s: {bucket: docs, chunking: {max_tokens: 300}}}}}\n",
       "spec.yaml:18:132: chunking of data source 's' is missing required key 'strategy'\n"},
      {"  knowledge_bases: {kb: {embedding_model: amazon.titan-embed-text-v2:0, collection: vectors, sources: {s: {bucket: docs, prefix: \"a/*\"}}}}\n",
       "spec.yaml:18:130: 'prefix' must be 1 to 300 characters without spaces or wildcards, got 'a/*'\n"},
      {"  knowledge_bases: {kb: {embedding_model: amazon.titan-embed-text-v2:0, collection: vectors, index: {name: Docs}, sources: {s: {bucket: docs}}}}\n",
       "spec.yaml:18:108: index name 'Docs' must start with a lowercase letter and use lowercase letters, digits, '_' and '-'\n"},
      {"  knowledge_bases: {kb: {embedding_model: amazon.titan-embed-text-v2:0, collection: vectors, index: {text_field: x, metadata_field: x}, sources: {s: {bucket: docs}}}}\n",
       "spec.yaml:18:21: knowledge base 'kb': the vector, text and metadata fields of its index must differ\n"},
      {"  knowledge_bases: {kb: {embedding_model: amazon.titan-embed-text-v2:0, collection: vectors, index: {vector_field: \"1x\"}, sources: {s: {bucket: docs}}}}\n",
       "spec.yaml:18:116: a field name must be a letter and up to 63 letters, digits, '_' and '-', got '1x'\n"},
      {"  knowledge_bases: {a-knowledge-base-with-a-rather-long-name-indeed: {embedding_model: amazon.titan-embed-text-v2:0, collection: vectors, sources: {s: {bucket: docs}}}}\n",
       "spec.yaml:18:21: knowledge base 'a-knowledge-base-with-a-rather-long-name-indeed': its service role would be named 'test-a-knowledge-base-with-a-rather-long-name-indeed-kb-us-east-1', longer than IAM's 64 characters; set 'role_name'\n"},
      {"  knowledge_bases: {kb: {embedding_model: amazon.titan-embed-text-v2:0, collection: vectors, sources: {s: {bucket: docs}}}, kb2: {knowledge_base_name: test-kb, embedding_model: amazon.titan-embed-text-v2:0, collection: vectors, sources: {s: {bucket: docs}}}}\n",
       "spec.yaml:18:125: two knowledge bases would both be named 'test-kb'\n"},
      {"  knowledge_bases: {kb: {embedding_model: amazon.titan-embed-text-v2:0, collection: vectors, sources: {s: {bucket: docs, sync: daily}}}}\n",
       "spec.yaml:18:128: 'sync' must be rate(...) or cron(...), got 'daily'\n"},
      {"  knowledge_bases: {kb: {embedding_model: amazon.titan-embed-text-v2:0, collection: vectors, sources: {s: {bucket: docs, sync_timezone: UTC}}}}\n",
       "spec.yaml:18:137: 'sync_timezone' of data source 's' needs a 'sync' schedule\n"},
      {"  knowledge_bases: {kb: {knowledge_base_name: a-knowledge-base-name-of-quite-some-length-really, embedding_model: amazon.titan-embed-text-v2:0, collection: vectors, role_name: kb-role, sources: {a-source-with-a-long-name: {bucket: docs, sync: rate(1 day)}}}}\n",
       "spec.yaml:18:244: the sync schedule of data source 'a-source-with-a-long-name' would be named a-knowledge-base-name-of-quite-some-length-really-a-source-with-a-long-name (75 characters); EventBridge Scheduler allows 64\n"},
      {"  knowledge_bases: {kb: {embedding_model: amazon.titan-embed-text-v2:0, collection: vectors, s3_vectors: {}, sources: {s: {bucket: docs}}}}\n",
       "spec.yaml:18:106: knowledge base 'kb' has both 'collection' and 's3_vectors'; its vectors go to one store\n"},
      {"  knowledge_bases: {kb: {embedding_model: amazon.titan-embed-text-v2:0, sources: {s: {bucket: docs}}}}\n",
       "spec.yaml:18:21: knowledge base 'kb' needs a vector store: 'collection: NAME' (a collection of the search area) or 's3_vectors: {}' (an S3 vector bucket of its own)\n"},
      {"  knowledge_bases: {kb: {embedding_model: amazon.titan-embed-text-v2:0, s3_vectors: {metric: dotproduct}, sources: {s: {bucket: docs}}}}\n",
       "spec.yaml:18:94: 'metric' must be one of cosine, euclidean, got 'dotproduct'\n"},
      {"  knowledge_bases: {kb: {embedding_model: amazon.titan-embed-text-v2:0, s3_vectors: {bucket_name: Vectors}, sources: {s: {bucket: docs}}}}\n",
       "spec.yaml:18:99: vector bucket name 'Vectors' must be 3 to 63 lowercase letters, digits and '-'\n"},
      {"  knowledge_bases: {kb: {embedding_model: amazon.titan-embed-text-v2:0, s3_vectors: {}, index: {name: my_index}, sources: {s: {bucket: docs}}}}\n",
       "spec.yaml:18:103: knowledge base 'kb': S3 Vectors index name 'my_index' must be 3 to 63 lowercase letters, digits, '-' and '.'\n"},
      {"  knowledge_bases: {kb: {embedding_model: amazon.titan-embed-text-v2:0, s3_vectors: {}, index: {space: l2}, sources: {s: {bucket: docs}}}}\n",
       "spec.yaml:18:104: knowledge base 'kb' keeps its vectors in S3 Vectors: the index takes only a 'name' (the metric is 's3_vectors.metric')\n"},
      {"  knowledge_bases: {kb: {embedding_model: amazon.titan-embed-text-v2:0, s3_vectors: {account: prod}, sources: {s: {bucket: docs}}}}\n",
       "spec.yaml:18:95: knowledge base 'kb' refers to account 'prod', which is not defined\n"},
      {"  knowledge_bases: {kb: {embedding_model: amazon.titan-embed-text-v2:0, s3_vectors: {bucket_nam: x}, sources: {s: {bucket: docs}}}}\n",
       "spec.yaml:18:86: unknown key 'bucket_nam' in 's3_vectors' of knowledge base 'kb'; did you mean 'bucket_name'?\n"},
      {"  knowledge_bases: {kb_docs: {embedding_model: amazon.titan-embed-text-v2:0, s3_vectors: {}, sources: {s: {bucket: docs}}}}\n",
       "spec.yaml:18:90: knowledge base 'kb_docs': its vector bucket would be named 'test-kb_docs-vectors', which S3 Vectors refuses (3 to 63 lowercase letters, digits and '-'); set 'bucket_name'\n"},
  };
  for (const auto& [text, expected] : cases) {
    INFO(text);
    CHECK(errors_of(std::string(kBedrockBase) + text) == expected);
  }
}

TEST_CASE("functions, services and roles that name what the bedrock area does not define") {
  std::string spec = std::string(kBedrockBase) + "  guardrails: {g: {words: [x]}}\n";
  spec.replace(spec.find("models: ["), 0, "guardrails: [gg], knowledge_bases: [kbb], ");
  CHECK(errors_of(spec) ==
        "spec.yaml:16:101: function 'bot' names guardrail 'gg', which is not defined in the bedrock area; did you "
        "mean 'g'?\n"
        "spec.yaml:16:124: function 'bot' names knowledge base 'kbb', which is not defined in the bedrock area\n");
  std::string no_models = std::string(kBedrockBase) + "  guardrails: {g: {words: [x]}}\n";
  no_models.replace(no_models.find(", models: [anthropic.claude-3-haiku-20240307-v1:0]"),
                    std::string(", models: [anthropic.claude-3-haiku-20240307-v1:0]").size(), ", model_guardrail: g");
  CHECK(errors_of(no_models) ==
        "spec.yaml:16:105: function 'bot': 'model_guardrail' guards the models it invokes; name them under 'models'\n");
  CHECK(errors_of(std::string(kBedrockBase) + kKnowledgeBase +
                  "iam:\n  personas:\n    r: {role_name: R, trust: {identity_center: R}, bedrock: {knowledge_bases: "
                  "true}}\n") ==
        "spec.yaml:27:79: 'knowledge_bases: true' no longer grants every knowledge base of the account: name the "
        "knowledge bases of the bedrock area the role may query, `knowledge_bases: [NAME, ...]` "
        "(docs/areas/bedrock.md)\n");
  CHECK(errors_of(std::string(kBedrockBase) + kKnowledgeBase +
                  "iam:\n  personas:\n    r: {role_name: R, trust: {identity_center: R}, bedrock: {knowledge_bases: "
                  "[kbx]}}\n") ==
        "spec.yaml:27:80: role 'r' names knowledge base 'kbx', which is not defined in the bedrock area; did you mean "
        "'kb'?\n");
}

TEST_CASE("knowledge bases and their data sources are reference kinds: ids into a function's environment") {
  auto p = plan_text(std::string(kHeader) + kBedrockBase + kKnowledgeBase +
                     "resources:\n"
                     "  ingests:\n"
                     "    type: AWS::SSM::Parameter\n"
                     "    stack: knowledge\n"
                     "    properties: {Type: String, Value: !attr data_source:kb.faq.DataSourceId}\n"
                     "  kb-arn:\n"
                     "    type: AWS::SSM::Parameter\n"
                     "    stack: knowledge\n"
                     "    properties: {Type: String, Value: !attr knowledge_base:kb.KnowledgeBaseArn}\n"
                     "  kb-id:\n"
                     "    type: AWS::SSM::Parameter\n"
                     "    stack: knowledge\n"
                     "    properties: {Type: String, Value: !sub \"${knowledge_base:kb}/${data_source:kb.manuals.DataSourceId}\"}\n");
  CHECK(p.schema_findings().empty());
  const auto& s = p.stack("test-dev-knowledge");
  CHECK(s.find("Ingests")->properties["Value"] == Json::parse(R"({"Fn::GetAtt": ["KbKnowledgeBaseFaqDataSource", "DataSourceId"]})"));
  CHECK(s.find("KbArn")->properties["Value"] == Json::parse(R"({"Fn::GetAtt": ["KbKnowledgeBase", "KnowledgeBaseArn"]})"));
  CHECK(s.find("KbId")->properties["Value"] ==
        Json::parse(R"({"Fn::Sub": "${KbKnowledgeBase}/${KbKnowledgeBaseManualsDataSource.DataSourceId}"})"));
}

TEST_CASE("a guardrail is a reference kind: its ARN into an alarm's Metrics Insights query in another stack") {
  auto p = plan_text(std::string(kHeader) + kBedrockBase +
                     "  guardrails:\n    safety: {managed_words: [profanity]}\n"
                     "resources:\n"
                     "  safety-arn:\n"
                     "    type: AWS::SSM::Parameter\n"
                     "    properties: {Type: String, Value: !sub \"guardrail ${guardrail:safety.GuardrailArn}\"}\n"
                     "  safety-id:\n"
                     "    type: AWS::SSM::Parameter\n"
                     "    stack: guardrails\n"
                     "    properties: {Type: String, Value: !ref guardrail:safety}\n");
  CHECK(p.schema_findings().empty());
  CHECK(p.stack("test-dev-guardrails").find("SafetyId")->properties["Value"] ==
        Json::parse(R"({"Ref": "SafetyGuardrail"})"));
  const Json& sub = p.stack("test-dev-resources").find("SafetyArn")->properties["Value"]["Fn::Sub"];
  CHECK(sub[0].get<std::string>().find("guardrail ${") == 0);
  CHECK(sub[1].begin().value().contains("Fn::ImportValue"));
  CHECK(errors_of(std::string(kBedrockBase) + "  guardrails:\n    safety: {managed_words: [profanity]}\n" +
                  "resources:\n  p:\n    type: AWS::SSM::Parameter\n    properties: {Type: String, Value: "
                  "!ref guardrail:safty}\n") ==
        "spec.yaml:23:39: resource 'p' refers to guardrail 'safty', which is not defined; did you mean 'safety'?\n");
}

TEST_CASE("knowledge base and data source references to undefined ones, with did-you-mean") {
  const std::string base = std::string(kBedrockBase) + kKnowledgeBase +
                           "resources:\n  p:\n    type: AWS::SSM::Parameter\n    properties: {Type: String, Value: ";
  CHECK(errors_of(base + "!attr data_source:kb.fqa.DataSourceId}\n") ==
        "spec.yaml:28:39: resource 'p' refers to data_source 'kb.fqa', which is not defined; did you mean 'kb.faq'?\n");
  CHECK(errors_of(base + "!ref knowledge_base:kbb}\n") ==
        "spec.yaml:28:39: resource 'p' refers to knowledge_base 'kbb', which is not defined; did you mean 'kb'?\n");
}
