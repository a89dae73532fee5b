// The `bedrock:` area: guardrails and knowledge bases, read (checks across
// elements and areas: check_bedrock.cpp).
#include <algorithm>
#include <cstdlib>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "base/pattern.hpp"
#include "spec/field_reader.hpp"
#include "spec/load.hpp"
#include "spec/placement.hpp"
#include "spec/regions.hpp"
#include "spec/tables.hpp"

namespace aip::spec {
namespace read_bedrock_area {

const std::vector<std::string> kCategories = {"hate", "insults", "misconduct", "prompt_attack", "sexual", "violence"};
const std::vector<std::string> kStrengths = {"none", "low", "medium", "high"};
const std::vector<std::string> kPiiActions = {"block", "anonymize"};
// AWS::Bedrock::Guardrail PiiEntityConfig Type (data/cfn-schemas.jsonl).
const std::vector<std::string> kPiiTypes = {
    "ADDRESS", "AGE", "AWS_ACCESS_KEY", "AWS_SECRET_KEY", "CA_HEALTH_NUMBER", "CA_SOCIAL_INSURANCE_NUMBER",
    "CREDIT_DEBIT_CARD_CVV", "CREDIT_DEBIT_CARD_EXPIRY", "CREDIT_DEBIT_CARD_NUMBER", "DRIVER_ID", "EMAIL",
    "INTERNATIONAL_BANK_ACCOUNT_NUMBER", "IP_ADDRESS", "LICENSE_PLATE", "MAC_ADDRESS", "NAME", "PASSWORD", "PHONE",
    "PIN", "SWIFT_CODE", "UK_NATIONAL_HEALTH_SERVICE_NUMBER", "UK_NATIONAL_INSURANCE_NUMBER",
    "UK_UNIQUE_TAXPAYER_REFERENCE_NUMBER", "URL", "USERNAME", "US_BANK_ACCOUNT_NUMBER", "US_BANK_ROUTING_NUMBER",
    "US_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER", "US_PASSPORT_NUMBER", "US_SOCIAL_SECURITY_NUMBER",
    "VEHICLE_IDENTIFICATION_NUMBER"};

// A threshold between 0 and 0.99 (Bedrock refuses 1: nothing could pass).
// Fields has no reader for fractions; this is the only one in the spec.
void read_threshold(Fields& f, std::string_view key, std::optional<Located<double>>& out, Diagnostics& diags) {
  const YamlNode* n = f.optional(key);
  if (n == nullptr) return;
  static const Pattern number("(0|1)?(\\.[0-9]{1,2})?|0|1");
  if (!n->is_scalar() || n->scalar.empty() || !number.matches(n->scalar) || std::strtod(n->scalar.c_str(), nullptr) > 0.99) {
    diags.error(n->location, fmt::format("'{}' must be a threshold from 0 to 0.99, got {}", key, n->describe()));
    return;
  }
  out = Located<double>{std::strtod(n->scalar.c_str(), nullptr), n->location};
}

void read_content_filters(const YamlNode& n, Guardrail& g, Diagnostics& diags) {
  g.content_filters_location = n.location;
  if (!n.is_map()) {
    diags.error(n.location, fmt::format("'content_filters' must map categories ({}) to a strength or {{input, "
                                        "output}}, got {}",
                                        fmt::join(kCategories, ", "), n.describe()));
    return;
  }
  for (const auto& [k, v] : n.entries) {
    ContentFilter c;
    auto cat = read_choice(k, "content filter", kCategories, diags);
    if (!cat) continue;
    c.category = located(*cat, k);
    if (v.is_map()) {
      Fields f(v, fmt::format("content filter '{}' of guardrail '{}'", *cat, g.name), diags);
      f.choice("input", kStrengths, c.input, Presence::required);
      f.choice("output", kStrengths, c.output, Presence::required);
    } else if (auto s = read_choice(v, *cat, kStrengths, diags)) {
      c.input = located(*s, v);
      c.output = located(*s, v);
    } else {
      continue;
    }
    // Bedrock refuses an output strength on prompt attacks: they are in prompts.
    if (*cat == "prompt_attack" && c.output.value != "none") {
      diags.error(c.output.location, fmt::format("guardrail '{}': prompt attacks are detected in the input only; "
                                                 "write `prompt_attack: {{input: {}, output: none}}`",
                                                 g.name, c.input.value));
    }
    g.content_filters.push_back(std::move(c));
  }
}

void read_topics(const YamlNode& n, Guardrail& g, Diagnostics& diags) {
  if (!n.is_map()) {
    diags.error(n.location, fmt::format("'denied_topics' must map topic names to {{definition, examples}}, got {}",
                                        n.describe()));
    return;
  }
  static const Pattern name("[0-9a-zA-Z_ !?.-]{1,100}");
  for (const auto& [k, v] : n.entries) {
    DeniedTopic t;
    if (!k.is_scalar() || !name.matches(k.scalar)) {
      diags.error(k.location, fmt::format("denied topic name {} must be 1 to 100 letters, digits, spaces and "
                                          "_-!?.",
                                          k.describe()));
      continue;
    }
    t.name = located(k.scalar, k);
    Fields f(v, fmt::format("denied topic '{}' of guardrail '{}'", k.scalar, g.name), diags, k.location);
    if (!f.ok()) continue;
    static const Pattern definition("[^\\n]{1,1000}");
    f.text("definition", definition, "a topic's 'definition' must be 1 to 1000 characters on one line, got '{}'",
           t.definition, Presence::required);
    static const Pattern example(".{1,100}");
    f.strings("examples", example, "an example must be 1 to 100 characters, got '{}'", t.examples);
    if (t.examples.size() > 5) {
      diags.error(t.examples[5].location, fmt::format("denied topic '{}' has {} examples; Bedrock takes at most 5",
                                                      k.scalar, t.examples.size()));
    }
    g.denied_topics.push_back(std::move(t));
  }
}

void read_pii(const YamlNode& n, Guardrail& g, Diagnostics& diags) {
  if (!n.is_map()) {
    diags.error(n.location, fmt::format("'pii' must map PII entity types (EMAIL, PHONE, ...) to block or anonymize, "
                                        "got {}",
                                        n.describe()));
    return;
  }
  for (const auto& [k, v] : n.entries) {
    auto type = read_choice(k, "PII entity", kPiiTypes, diags);
    auto action = read_choice(v, k.scalar, kPiiActions, diags);
    if (type && action) g.pii.push_back({located(*type, k), located(*action, v)});
  }
}

void read_regexes(const YamlNode& n, Guardrail& g, Diagnostics& diags) {
  if (!n.is_map()) {
    diags.error(n.location, fmt::format("'regexes' must map names to {{pattern, action}}, got {}", n.describe()));
    return;
  }
  for (const auto& [k, v] : n.entries) {
    if (!check_name(k, "regex", diags)) continue;
    GuardrailRegex r;
    r.name = located(k.scalar, k);
    Fields f(v, fmt::format("regex '{}' of guardrail '{}'", k.scalar, g.name), diags, k.location);
    if (!f.ok()) continue;
    f.text("pattern", r.pattern, Presence::required);
    f.choice("action", kPiiActions, r.action, Presence::required);
    static const Pattern description(".{1,1000}");
    f.text("description", description, "a regex's 'description' must be 1 to 1000 characters, got '{}'",
           r.description);
    g.regexes.push_back(std::move(r));
  }
  if (g.regexes.size() > 30) {
    diags.error(n.location, fmt::format("guardrail '{}' has {} regexes; Bedrock takes at most 30", g.name,
                                        g.regexes.size()));
  }
}

void read_guardrail(const YamlNode& key, const YamlNode& value, Spec& spec, Diagnostics& diags) {
  if (!check_name(key, "guardrail", diags)) return;
  Guardrail g;
  g.name = key.scalar;
  g.location = key.location;
  Fields f(value, fmt::format("guardrail '{}'", g.name), diags, key.location);
  if (!f.ok()) return;
  f.text("account", g.account);
  f.region("region", g.region);
  static const Pattern name("[0-9a-zA-Z_-]{1,50}");
  f.text("guardrail_name", name, "guardrail name '{}' must be 1 to 50 letters, digits, '-' and '_'",
         g.guardrail_name);
  static const Pattern description(".{1,200}");
  f.text("description", description, "'description' must be 1 to 200 characters, got '{}'", g.description);
  static const Pattern message("[^\\n]{1,500}");
  f.text("blocked_input_message", message, "a blocked message must be 1 to 500 characters on one line, got '{}'",
         g.blocked_input_message);
  f.text("blocked_output_message", message, "a blocked message must be 1 to 500 characters on one line, got '{}'",
         g.blocked_output_message);
  if (const YamlNode* n = f.optional("content_filters")) read_content_filters(*n, g, diags);
  if (const YamlNode* n = f.optional("denied_topics")) read_topics(*n, g, diags);
  static const Pattern word("[^\\n]{1,100}");
  f.strings("words", word, "a blocked word or phrase must be 1 to 100 characters, got '{}'", g.words);
  f.choices("managed_words", {"profanity"}, g.managed_words);
  if (const YamlNode* n = f.optional("pii")) read_pii(*n, g, diags);
  if (const YamlNode* n = f.optional("regexes")) read_regexes(*n, g, diags);
  read_threshold(f, "grounding", g.grounding, diags);
  read_threshold(f, "relevance", g.relevance, diags);
  f.flag("aws_owned_key", g.aws_owned_key);
  f.flag("publish", g.publish);
  f.tags(g.tags);
  spec.bedrock.guardrails.push_back(std::move(g));
}

void read_chunking(const YamlNode& n, DataSource& s, Diagnostics& diags) {
  Chunking& c = s.chunking;
  c.location = n.location;
  Fields f(n, fmt::format("chunking of data source '{}'", s.name), diags);
  if (!f.ok()) return;
  f.choice("strategy", {"fixed", "hierarchical", "semantic", "none"}, c.strategy, Presence::required);
  f.integer("max_tokens", {20, 8192}, c.max_tokens);
  f.integer("overlap_percent", {1, 99}, c.overlap_percent);
  f.integer("parent_max_tokens", {1, 8192}, c.parent_max_tokens);
  f.integer("child_max_tokens", {1, 8192}, c.child_max_tokens);
  f.integer("overlap_tokens", {1, 8192}, c.overlap_tokens);
  f.integer("breakpoint_percentile", {50, 99}, c.breakpoint_percentile);
  f.integer("buffer_size", {0, 1}, c.buffer_size);
  // Each strategy takes its own settings; another's is a mistake.
  const std::string& st = c.strategy.value;
  const std::pair<const char*, const Located<int>*> settings[] = {
      {"max_tokens", &c.max_tokens},           {"overlap_percent", &c.overlap_percent},
      {"parent_max_tokens", &c.parent_max_tokens}, {"child_max_tokens", &c.child_max_tokens},
      {"overlap_tokens", &c.overlap_tokens},   {"breakpoint_percentile", &c.breakpoint_percentile},
      {"buffer_size", &c.buffer_size}};
  auto takes = [&](std::string_view key) {
    if (st == "fixed") return key == "max_tokens" || key == "overlap_percent";
    if (st == "semantic") return key == "max_tokens" || key == "breakpoint_percentile" || key == "buffer_size";
    if (st == "hierarchical") return key == "parent_max_tokens" || key == "child_max_tokens" || key == "overlap_tokens";
    return false;
  };
  for (const auto& [key, v] : settings) {
    if (v->location.valid() && !c.strategy.value.empty() && !takes(key)) {
      diags.error(v->location, fmt::format("'{}' does not apply to the {} chunking strategy of data source '{}'", key,
                                           st, s.name));
    }
  }
  if (st == "hierarchical" && c.child_max_tokens.value >= c.parent_max_tokens.value) {
    diags.error(c.child_max_tokens.location.valid() ? c.child_max_tokens.location : n.location,
                fmt::format("data source '{}': child chunks ({} tokens) must be smaller than parent chunks ({})",
                            s.name, c.child_max_tokens.value, c.parent_max_tokens.value));
  }
}

void read_source(const YamlNode& key, const YamlNode& value, KnowledgeBase& kb, Diagnostics& diags) {
  if (!check_name(key, "data source", diags)) return;
  DataSource s;
  s.name = key.scalar;
  s.location = key.location;
  Fields f(value, fmt::format("data source '{}' of knowledge base '{}'", s.name, kb.name), diags, key.location);
  if (!f.ok()) return;
  f.text("bucket", s.bucket, Presence::required);
  static const Pattern prefix("[^*?\\s]{1,300}");
  f.text("prefix", prefix, "'prefix' must be 1 to 300 characters without spaces or wildcards, got '{}'", s.prefix);
  static const Pattern description(".{1,200}");
  f.text("description", description, "'description' must be 1 to 200 characters, got '{}'", s.description);
  if (const YamlNode* c = f.optional("chunking")) read_chunking(*c, s, diags);
  f.flag("retain_data", s.retain_data);
  // CloudFormation cannot start an ingestion job; a schedule of EventBridge
  // Scheduler can (its universal target calls StartIngestionJob).
  static const Pattern sync("(rate|cron)\\(.+\\)");
  f.text("sync", sync, "'sync' must be rate(...) or cron(...), got '{}'", s.sync);
  f.text("sync_timezone", s.sync_timezone);
  if (!s.sync_timezone.value.empty() && s.sync.value.empty()) {
    diags.error(s.sync_timezone.location, fmt::format("'sync_timezone' of data source '{}' needs a 'sync' schedule",
                                                      s.name));
  }
  kb.sources.push_back(std::move(s));
}

void read_index(const YamlNode& n, KnowledgeBase& kb, Diagnostics& diags) {
  Fields f(n, fmt::format("index of knowledge base '{}'", kb.name), diags);
  if (!f.ok()) return;
  static const Pattern index("[a-z][a-z0-9_-]{0,254}");
  f.text("name", index, "index name '{}' must start with a lowercase letter and use lowercase letters, digits, '_' "
                        "and '-'",
         kb.index.name);
  static const Pattern field("[A-Za-z][A-Za-z0-9_-]{0,63}");
  constexpr std::string_view kField = "a field name must be a letter and up to 63 letters, digits, '_' and '-', got '{}'";
  f.text("vector_field", field, kField, kb.index.vector_field);
  f.text("text_field", field, kField, kb.index.text_field);
  f.text("metadata_field", field, kField, kb.index.metadata_field);
  f.choice("engine", {"faiss", "nmslib", "lucene"}, kb.index.engine);
  f.choice("space", {"l2", "innerproduct", "cosinesimil"}, kb.index.space);
}

void read_knowledge_base(const YamlNode& key, const YamlNode& value, Spec& spec, Diagnostics& diags) {
  if (!check_name(key, "knowledge base", diags)) return;
  KnowledgeBase kb;
  kb.name = key.scalar;
  kb.location = key.location;
  Fields f(value, fmt::format("knowledge base '{}'", kb.name), diags, key.location);
  if (!f.ok()) return;
  static const Pattern name("([0-9a-zA-Z][_-]?){1,100}");
  f.text("knowledge_base_name", name, "knowledge base name '{}' must be letters and digits, single '-' or '_' between "
                                      "them, at most 100",
         kb.kb_name);
  static const Pattern description(".{1,200}");
  f.text("description", description, "'description' must be 1 to 200 characters, got '{}'", kb.description);
  f.text("embedding_model", bedrock_model_id(), kNotBedrockModelId, kb.embedding_model, Presence::required);
  f.integer("dimensions", {1, 4096}, kb.dimensions);
  f.text("collection", kb.collection);
  // `s3_vectors: {...}`: a map of its own, read with its own Fields.
  if (const YamlNode* n = f.optional("s3_vectors")) {
    S3VectorStore v;
    v.location = n->location;
    Fields s3(*n, fmt::format("'s3_vectors' of knowledge base '{}'", kb.name), diags);
    if (s3.ok()) {
      s3.text("account", v.account);
      s3.region("region", v.region);
      static const Pattern bucket("[a-z0-9][a-z0-9-]{1,61}[a-z0-9]");
      s3.text("bucket_name", bucket, "vector bucket name '{}' must be 3 to 63 lowercase letters, digits and '-'",
              v.bucket_name);
      s3.choice("metric", {"cosine", "euclidean"}, v.metric);
    }
    kb.s3_vectors = std::move(v);
  }
  if (kb.s3_vectors && !kb.collection.value.empty()) {
    diags.error(kb.s3_vectors->location, fmt::format("knowledge base '{}' has both 'collection' and 's3_vectors'; its "
                                                     "vectors go to one store",
                                                     kb.name));
  } else if (!kb.s3_vectors && kb.collection.value.empty()) {
    diags.error(kb.location, fmt::format("knowledge base '{}' needs a vector store: 'collection: NAME' (a collection of "
                                         "the search area) or 's3_vectors: {{}}' (an S3 vector bucket of its own)",
                                         kb.name));
  }
  if (const YamlNode* n = f.optional("index")) read_index(*n, kb, diags);
  read_named(f, "sources", "data source", diags,
             [&](const YamlNode& k, const YamlNode& v) { read_source(k, v, kb, diags); });
  f.text("role_name", iam_role_name(), kNotIamRoleName, kb.role_name);
  f.tags(kb.tags);
  spec.bedrock.knowledge_bases.push_back(std::move(kb));
}

}  // namespace read_bedrock_area

std::string guardrail_name(const Spec& spec, const Guardrail& g) {
  if (!g.guardrail_name.value.empty()) return g.guardrail_name.value;
  return fmt::format("{}-{}", spec.name.value, g.name);
}

std::string knowledge_base_name(const Spec& spec, const KnowledgeBase& kb) {
  if (!kb.kb_name.value.empty()) return kb.kb_name.value;
  return fmt::format("{}-{}", spec.name.value, kb.name);
}

Placement guardrail_placement(const Spec& spec, const Guardrail& g) { return place(spec, g.account, g.region); }

Placement knowledge_base_placement(const Spec& spec, const KnowledgeBase& kb) {
  if (kb.s3_vectors) return place(spec, kb.s3_vectors->account, kb.s3_vectors->region);
  for (const SearchCollection& c : spec.search.collections) {
    if (c.name != kb.collection.value) continue;
    if (const Vpc* vpc = spec.find_vpc(c.vpc.value)) return place(spec, vpc->account, vpc->region);
    return place(spec, c.account, c.region);
  }
  return {};
}

std::string vector_bucket_name(const Spec& spec, const KnowledgeBase& kb) {
  if (kb.s3_vectors && !kb.s3_vectors->bucket_name.value.empty()) return kb.s3_vectors->bucket_name.value;
  return fmt::format("{}-{}-vectors", spec.name.value, kb.name);
}

std::string knowledge_base_role_name(const Spec& spec, const KnowledgeBase& kb) {
  if (!kb.role_name.value.empty()) return kb.role_name.value;
  Placement p = knowledge_base_placement(spec, kb);
  return fmt::format("{}-{}-kb-{}", spec.name.value, kb.name, p.region);
}

void read_bedrock(const YamlNode& node, Spec& spec, Diagnostics& diags) {
  using namespace read_bedrock_area;
  spec.bedrock.location = node.location;
  Fields f(node, "'bedrock'", diags);
  if (!f.ok()) return;
  read_named(f, "guardrails", "guardrail", diags,
             [&](const YamlNode& k, const YamlNode& v) { read_guardrail(k, v, spec, diags); });
  read_named(f, "knowledge_bases", "knowledge base", diags,
             [&](const YamlNode& k, const YamlNode& v) { read_knowledge_base(k, v, spec, diags); });
  // Read only to refuse it: CloudFormation has no resource for Bedrock's
  // model invocation logging (PutModelInvocationLoggingConfiguration is an
  // API call), and aip renders nothing it cannot deploy.
  if (const YamlNode* n = f.optional("invocation_logging")) {
    diags.error(n->location, "'invocation_logging': CloudFormation has no resource for Bedrock model invocation "
                             "logging, so aip cannot render it; turn it on once per account and region with `aws "
                             "bedrock put-model-invocation-logging-configuration` (docs/areas/bedrock.md)");
  }
}

}  // namespace aip::spec
