// The `bedrock:` area of the spec (seeds 000, 001, 004): Guardrails and
// knowledge bases.
//   guardrails       AWS::Bedrock::Guardrail (content filters, denied topics,
//                    word lists, PII entities and regexes, contextual
//                    grounding), encrypted with aip's customer-managed key,
//                    and a published AWS::Bedrock::GuardrailVersion;
//   knowledge_bases  AWS::Bedrock::KnowledgeBase on a vector index
//                    (AWS::OpenSearchServerless::Index) in a collection of the
//                    `search:` area, fed by S3 data sources on buckets of the
//                    `storage:` area, with a service role that reads exactly
//                    those prefixes and invokes exactly the embedding model.
// Functions, services and iam roles name guardrails and knowledge bases by
// their spec names (bedrock:ApplyGuardrail, bedrock:Retrieve on exactly them).
// CloudFormation has no resource for model invocation logging: asking for it
// is an error (read_bedrock.cpp).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "spec/located.hpp"

namespace aip::spec {

// `hate: high` or `violence: {input: high, output: medium}`.
struct ContentFilter {
  Located<std::string> category;  // hate | insults | misconduct | prompt_attack | sexual | violence
  Located<std::string> input;     // none | low | medium | high
  Located<std::string> output;
};

struct DeniedTopic {
  Located<std::string> name;
  Located<std::string> definition;
  std::vector<Located<std::string>> examples;
};

// `EMAIL: anonymize`: a PII entity type and what the guardrail does with it.
struct PiiEntity {
  Located<std::string> type;    // EMAIL, US_SOCIAL_SECURITY_NUMBER, ...
  Located<std::string> action;  // block | anonymize
};

struct GuardrailRegex {
  Located<std::string> name;
  Located<std::string> pattern;
  Located<std::string> action;  // block | anonymize
  Located<std::string> description;
};

struct Guardrail {
  std::string name;
  Location location;
  Located<std::string> account;
  Located<std::string> region;
  Located<std::string> guardrail_name;  // the AWS name; default "<platform>-<name>"
  Located<std::string> description;
  Located<std::string> blocked_input_message;
  Located<std::string> blocked_output_message;
  Location content_filters_location;  // invalid: no content_filters
  std::vector<ContentFilter> content_filters;
  std::vector<DeniedTopic> denied_topics;
  std::vector<Located<std::string>> words;
  std::vector<Located<std::string>> managed_words;  // profanity
  std::vector<PiiEntity> pii;
  std::vector<GuardrailRegex> regexes;
  std::optional<Located<double>> grounding;  // contextual grounding threshold, 0 to 0.99
  std::optional<Located<double>> relevance;
  Located<bool> aws_owned_key{false, {}};  // no KmsKeyArn: Bedrock's own key
  Located<bool> publish{true, {}};         // a GuardrailVersion
  Tags tags;
};

// `chunking: {strategy: fixed, max_tokens: 300, overlap_percent: 20}`.
struct Chunking {
  Location location;                           // invalid: Bedrock's default
  Located<std::string> strategy{"fixed", {}};  // fixed | hierarchical | semantic | none
  Located<int> max_tokens{300, {}};            // fixed, semantic
  Located<int> overlap_percent{20, {}};        // fixed
  Located<int> parent_max_tokens{1500, {}};    // hierarchical
  Located<int> child_max_tokens{300, {}};
  Located<int> overlap_tokens{60, {}};
  Located<int> breakpoint_percentile{95, {}};  // semantic
  Located<int> buffer_size{0, {}};
};

struct DataSource {
  std::string name;
  Location location;
  Located<std::string> bucket;  // a bucket of the storage area
  Located<std::string> prefix;  // empty: the whole bucket
  Located<std::string> description;
  Chunking chunking;
  Located<bool> retain_data{false, {}};  // DataDeletionPolicy RETAIN
  Located<std::string> sync;             // rate(...) | cron(...): a schedule that starts an ingestion job
  Located<std::string> sync_timezone;    // IANA name; default UTC
};

// The vector index in the collection and the fields Bedrock writes.
struct VectorIndex {
  Located<std::string> name{"bedrock-knowledge-base-default-index", {}};
  Located<std::string> vector_field{"bedrock-knowledge-base-default-vector", {}};
  Located<std::string> text_field{"AMAZON_BEDROCK_TEXT_CHUNK", {}};
  Located<std::string> metadata_field{"AMAZON_BEDROCK_METADATA", {}};
  Located<std::string> engine{"faiss", {}};  // faiss | nmslib | lucene
  Located<std::string> space{"l2", {}};      // l2 | innerproduct | cosinesimil
};

// `s3_vectors: {}`: an S3 vector bucket and index of the knowledge base's own,
// instead of a `search:` collection.
struct S3VectorStore {
  Location location;
  Located<std::string> account;
  Located<std::string> region;
  Located<std::string> bucket_name;            // default "<platform>-<name>-vectors"
  Located<std::string> metric{"cosine", {}};   // cosine | euclidean
};

struct KnowledgeBase {
  std::string name;
  Location location;
  Located<std::string> kb_name;  // the AWS name; default "<platform>-<name>"
  Located<std::string> description;
  Located<std::string> embedding_model;  // a Bedrock model id
  std::optional<Located<int>> dimensions;
  Located<std::string> collection;  // a collection of the search area, or
  std::optional<S3VectorStore> s3_vectors;  // an S3 vector bucket of its own
  VectorIndex index;
  std::vector<DataSource> sources;
  Located<std::string> role_name;  // the service role's IAM name; default "<platform>-<name>-kb-<region>"
  Tags tags;
};

struct Bedrock {
  Location location;  // where `bedrock:` was written; invalid when absent
  std::vector<Guardrail> guardrails;
  std::vector<KnowledgeBase> knowledge_bases;

  const Guardrail* find_guardrail(std::string_view name) const {
    for (const Guardrail& g : guardrails) {
      if (g.name == name) return &g;
    }
    return nullptr;
  }
  const KnowledgeBase* find_knowledge_base(std::string_view name) const {
    for (const KnowledgeBase& k : knowledge_bases) {
      if (k.name == name) return &k;
    }
    return nullptr;
  }
};

struct Spec;
struct Placement;
// AWS names.
std::string guardrail_name(const Spec& spec, const Guardrail& g);
std::string knowledge_base_name(const Spec& spec, const KnowledgeBase& kb);
// Where a guardrail lives (its account and region) and where a knowledge base
// lives (its collection's, or its S3 vector bucket's).
Placement guardrail_placement(const Spec& spec, const Guardrail& g);
Placement knowledge_base_placement(const Spec& spec, const KnowledgeBase& kb);
// The service role's name (fixed: the collection's data access policy names it).
std::string knowledge_base_role_name(const Spec& spec, const KnowledgeBase& kb);
// The S3 vector bucket of a knowledge base with `s3_vectors`.
std::string vector_bucket_name(const Spec& spec, const KnowledgeBase& kb);

}  // namespace aip::spec
