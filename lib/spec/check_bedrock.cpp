// Checks of the `bedrock:` area across elements and areas: placement, the
// collection and buckets a knowledge base uses, its embedding model, and the
// functions, services and iam roles that name guardrails and knowledge bases.
#include <algorithm>

#include <fmt/format.h>

#include "base/did_you_mean.hpp"
#include "base/pattern.hpp"
#include "spec/load.hpp"
#include "spec/placement.hpp"

namespace aip::spec {
namespace check_bedrock_area {

// Output dimensions of the embedding models Bedrock knowledge bases take;
// the first is the default.
struct EmbeddingModel {
  const char* id;
  std::vector<int> dimensions;
};
const std::vector<EmbeddingModel> kEmbeddingModels = {
    {"amazon.titan-embed-text-v1", {1536}},
    {"amazon.titan-embed-text-v2:0", {1024, 512, 256}},
    {"amazon.titan-embed-image-v1", {1024, 384, 256}},
    {"cohere.embed-english-v3", {1024}},
    {"cohere.embed-multilingual-v3", {1024}},
};

Placement service_home(const Spec& spec, const Service& s) {
  for (const EcsCluster& cl : spec.compute.clusters) {
    if (cl.name != s.cluster.value) continue;
    if (const Vpc* vpc = spec.find_vpc(cl.vpc.value)) return place(spec, vpc->account, vpc->region);
  }
  return {};
}

void check_guardrail(const Spec& spec, const Guardrail& g, Diagnostics& diags) {
  const std::string what = fmt::format("guardrail '{}'", g.name);
  place(spec, g.account, g.region, what, g.location, diags);
  if (g.content_filters.empty() && g.denied_topics.empty() && g.words.empty() && g.managed_words.empty() &&
      g.pii.empty() && g.regexes.empty() && !g.grounding && !g.relevance) {
    diags.error(g.location, fmt::format("{} filters nothing: give it content_filters, denied_topics, words, "
                                        "managed_words, pii, regexes or grounding",
                                        what));
  }
  std::vector<std::string> seen;
  for (const ContentFilter& c : g.content_filters) {
    if (std::find(seen.begin(), seen.end(), c.category.value) != seen.end()) {
      diags.error(c.category.location, fmt::format("{} lists content filter '{}' twice", what, c.category.value));
    }
    seen.push_back(c.category.value);
  }
}

void check_source(const Spec& spec, const KnowledgeBase& kb, const Placement& here, const DataSource& s,
                  Diagnostics& diags) {
  if (!s.sync.value.empty()) {
    const std::string schedule = knowledge_base_name(spec, kb) + "-" + s.name;
    if (schedule.size() > 64) {
      diags.error(s.sync.location, fmt::format("the sync schedule of data source '{}' would be named {} ({} "
                                               "characters); EventBridge Scheduler allows 64",
                                               s.name, schedule, schedule.size()));
    }
  }
  const Bucket* b = spec.storage.find(s.bucket.value);
  if (b == nullptr) {
    std::vector<std::string> names;
    for (const Bucket& x : spec.storage.buckets) names.push_back(x.name);
    diags.error(s.bucket.location, fmt::format("data source '{}' of knowledge base '{}' refers to bucket '{}', which "
                                               "is not a bucket of the storage area{}",
                                               s.name, kb.name, s.bucket.value, did_you_mean(s.bucket.value, names)));
    return;
  }
  Placement there = place(spec, b->account, b->region);
  if (here.known() && there.known() && there != here) {
    diags.error(s.bucket.location, fmt::format("data source '{}': bucket '{}' ({}) is not in the account and region "
                                               "of knowledge base '{}' ({})",
                                               s.name, b->name, there.str(), kb.name, here.str()));
  }
  if (b->preset.value == "logs") {
    diags.error(s.bucket.location, fmt::format("data source '{}': bucket '{}' holds logs, not documents", s.name,
                                               b->name));
  }
}

void check_knowledge_base(const Spec& spec, const KnowledgeBase& kb, Diagnostics& diags) {
  const std::string what = fmt::format("knowledge base '{}'", kb.name);
  const SearchCollection* c = nullptr;
  for (const SearchCollection& x : spec.search.collections) {
    if (x.name == kb.collection.value) c = &x;
  }
  if (kb.s3_vectors) {
    const S3VectorStore& v = *kb.s3_vectors;
    place(spec, v.account, v.region, what, v.location, diags);
    static const Pattern bucket("[a-z0-9][a-z0-9-]{1,61}[a-z0-9]");
    const std::string name = vector_bucket_name(spec, kb);
    if (v.bucket_name.value.empty() && !bucket.matches(name)) {
      diags.error(v.location, fmt::format("{}: its vector bucket would be named '{}', which S3 Vectors refuses (3 to "
                                          "63 lowercase letters, digits and '-'); set 'bucket_name'",
                                          what, name));
    }
    static const Pattern index("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    if (!index.matches(kb.index.name.value)) {
      diags.error(kb.index.name.location.valid() ? kb.index.name.location : v.location,
                  fmt::format("{}: S3 Vectors index name '{}' must be 3 to 63 lowercase letters, digits, '-' and '.'",
                              what, kb.index.name.value));
    }
    // What only an OpenSearch index has.
    for (const Located<std::string>* key : {&kb.index.vector_field, &kb.index.text_field, &kb.index.metadata_field,
                                            &kb.index.engine, &kb.index.space}) {
      if (key->location.valid()) {
        diags.error(key->location, fmt::format("{} keeps its vectors in S3 Vectors: the index takes only a 'name' "
                                               "(the metric is 's3_vectors.metric')",
                                               what));
      }
    }
  } else if (c == nullptr) {
    std::vector<std::string> names;
    for (const SearchCollection& x : spec.search.collections) names.push_back(x.name);
    diags.error(kb.collection.location, fmt::format("{} refers to collection '{}', which is not a collection of the "
                                                    "search area{}",
                                                    what, kb.collection.value, did_you_mean(kb.collection.value, names)));
  } else if (c->type.value != "vectorsearch") {
    diags.error(kb.collection.location, fmt::format("{} needs a vectorsearch collection; collection '{}' is of type "
                                                    "{}",
                                                    what, c->name, c->type.value));
  }
  const std::string& model = kb.embedding_model.value;
  auto m = std::find_if(kEmbeddingModels.begin(), kEmbeddingModels.end(),
                        [&](const EmbeddingModel& e) { return model == e.id; });
  if (m == kEmbeddingModels.end()) {
    if (model.find("embed") == std::string::npos) {
      diags.error(kb.embedding_model.location, fmt::format("{}: '{}' is not an embedding model (such as "
                                                           "amazon.titan-embed-text-v2:0)",
                                                           what, model));
    } else if (!kb.dimensions) {
      diags.error(kb.embedding_model.location, fmt::format("{}: aip does not know the dimensions of '{}'; set "
                                                           "'dimensions'",
                                                           what, model));
    }
  } else if (kb.dimensions &&
             std::find(m->dimensions.begin(), m->dimensions.end(), kb.dimensions->value) == m->dimensions.end()) {
    std::string allowed;
    for (int d : m->dimensions) allowed += (allowed.empty() ? "" : ", ") + std::to_string(d);
    diags.error(kb.dimensions->location, fmt::format("{}: {} writes vectors of {} dimensions, not {}", what, model,
                                                     allowed, kb.dimensions->value));
  }
  if (kb.sources.empty()) {
    diags.error(kb.location, fmt::format("{} has no data sources: name buckets of the storage area under "
                                         "'sources: {{NAME: {{bucket: ..., prefix: ...}}}}'",
                                         what));
  }
  const Placement here = knowledge_base_placement(spec, kb);
  for (const DataSource& s : kb.sources) check_source(spec, kb, here, s, diags);
  if (here.known() && knowledge_base_role_name(spec, kb).size() > 64) {
    diags.error(kb.location, fmt::format("{}: its service role would be named '{}', longer than IAM's 64 "
                                         "characters; set 'role_name'",
                                         what, knowledge_base_role_name(spec, kb)));
  }
  const auto& index = kb.index;
  std::vector<std::string> fields = {index.vector_field.value, index.text_field.value, index.metadata_field.value};
  std::sort(fields.begin(), fields.end());
  if (std::adjacent_find(fields.begin(), fields.end()) != fields.end()) {
    diags.error(kb.location, fmt::format("{}: the vector, text and metadata fields of its index must differ", what));
  }
}

// A guardrail or knowledge base named by a function, service or role: it
// exists and lives where the caller does.
template <class T>
void check_named(const Spec& spec, const std::vector<T>& items, const char* kind, const Located<std::string>& name,
                 const std::string& who, const Placement& caller, Placement (*where)(const Spec&, const T&),
                 Diagnostics& diags) {
  const T* found = nullptr;
  std::vector<std::string> names;
  for (const T& x : items) {
    names.push_back(x.name);
    if (x.name == name.value) found = &x;
  }
  if (found == nullptr) {
    diags.error(name.location, fmt::format("{} names {} '{}', which is not defined in the bedrock area{}", who, kind,
                                           name.value, did_you_mean(name.value, names)));
    return;
  }
  Placement there = where(spec, *found);
  if (caller.known() && there.known() && caller != there) {
    diags.error(name.location, fmt::format("{} ({}) names {} '{}' of {}; Bedrock answers only in its own account "
                                           "and region",
                                           who, caller.str(), kind, name.value, there.str()));
  }
}

void check_caller(const Spec& spec, const std::string& who, const Placement& caller,
                  const std::vector<Located<std::string>>& guardrails,
                  const std::vector<Located<std::string>>& knowledge_bases, const Located<std::string>& model_guardrail,
                  bool invokes_models, Diagnostics& diags) {
  for (const auto& g : guardrails) {
    check_named(spec, spec.bedrock.guardrails, "guardrail", g, who, caller, &guardrail_placement, diags);
  }
  for (const auto& k : knowledge_bases) {
    check_named(spec, spec.bedrock.knowledge_bases, "knowledge base", k, who, caller, &knowledge_base_placement, diags);
  }
  if (!model_guardrail.value.empty()) {
    check_named(spec, spec.bedrock.guardrails, "guardrail", model_guardrail, who, caller, &guardrail_placement, diags);
    if (!invokes_models) {
      diags.error(model_guardrail.location, fmt::format("{}: 'model_guardrail' guards the models it invokes; name "
                                                        "them under 'models'",
                                                        who));
    }
  }
}

// Model families Bedrock serves only through cross-region inference profiles:
// the bare model id has no on-demand throughput, so every call fails at run
// time ("Invocation of model ID ... with on-demand throughput isn't supported").
const std::vector<std::string_view> kProfileOnlyModels = {
    "anthropic.claude-3-7-sonnet", "anthropic.claude-sonnet-4", "anthropic.claude-opus-4",
    "anthropic.claude-haiku-4-5",  "meta.llama3-2-",            "meta.llama3-3-",
    "meta.llama4-",                "amazon.nova-premier",       "deepseek.r1",
};

// The inference profile geography that serves a region (the profile id's prefix).
std::string_view profile_geography(std::string_view region) {
  if (region.substr(0, 7) == "us-gov-") return "us-gov";
  if (region.substr(0, 3) == "us-") return "us";
  if (region.substr(0, 3) == "eu-") return "eu";
  if (region.substr(0, 3) == "ap-") return "apac";
  return "global";
}

void check_on_demand(const std::string& who, std::string_view region, const std::vector<Located<std::string>>& models,
                     Diagnostics& diags) {
  for (const auto& m : models) {
    bool profile_only = std::any_of(kProfileOnlyModels.begin(), kProfileOnlyModels.end(),
                                    [&](std::string_view family) { return m.value.rfind(family, 0) == 0; });
    if (!profile_only) continue;
    diags.error(m.location, fmt::format("{} invokes '{}', which Bedrock serves only through a cross-region inference "
                                        "profile (the model id has no on-demand throughput); name the profile, such "
                                        "as '{}.{}' for {}",
                                        who, m.value, profile_geography(region), m.value,
                                        region.empty() ? "its region" : region));
  }
}

// The region a role's Bedrock grants are written for: its first account's.
std::string role_region(const Spec& spec, const IamRole& r) {
  if (r.accounts.empty()) return spec.accounts.size() == 1 ? spec.accounts.front().region.value : "";
  const Account* a = spec.find_account(r.accounts.front().value);
  return a != nullptr ? a->region.value : "";
}

}  // namespace check_bedrock_area

void check_bedrock(const Spec& spec, Diagnostics& diags) {
  using namespace check_bedrock_area;
  std::vector<std::pair<std::string, Location>> names;
  auto unique = [&](const std::string& name, Location where, const char* kind) {
    for (const auto& [other, at] : names) {
      if (other != name) continue;
      Diagnostic& d = diags.error(where, fmt::format("two {}s would both be named '{}'", kind, name));
      d.notes.push_back({Severity::note, at, "first declared here", {}});
    }
    names.emplace_back(name, where);
  };
  for (const Guardrail& g : spec.bedrock.guardrails) {
    check_guardrail(spec, g, diags);
    unique(guardrail_name(spec, g), g.location, "guardrail");
  }
  names.clear();
  for (const KnowledgeBase& kb : spec.bedrock.knowledge_bases) {
    check_knowledge_base(spec, kb, diags);
    unique(knowledge_base_name(spec, kb), kb.location, "knowledge base");
  }
  for (const Function& fn : spec.functions.items) {
    check_on_demand(fmt::format("function '{}'", fn.name), function_placement(spec, fn).region, fn.models, diags);
    check_caller(spec, fmt::format("function '{}'", fn.name), function_placement(spec, fn), fn.guardrails,
                 fn.knowledge_bases, fn.model_guardrail, !fn.models.empty(), diags);
  }
  for (const Service& s : spec.compute.services) {
    check_on_demand(fmt::format("service '{}'", s.name), service_home(spec, s).region, s.models, diags);
    check_caller(spec, fmt::format("service '{}'", s.name), service_home(spec, s), s.guardrails, s.knowledge_bases,
                 s.model_guardrail, !s.models.empty(), diags);
  }
  for (const IamRole& r : spec.iam.roles) {
    if (!r.permissions.bedrock) continue;
    check_on_demand(fmt::format("role '{}'", r.name), role_region(spec, r), r.permissions.bedrock->invoke, diags);
    for (const auto& k : r.permissions.bedrock->knowledge_bases) {
      const KnowledgeBase* kb = spec.bedrock.find_knowledge_base(k.value);
      std::vector<std::string> known;
      for (const KnowledgeBase& x : spec.bedrock.knowledge_bases) known.push_back(x.name);
      if (kb == nullptr) {
        diags.error(k.location, fmt::format("role '{}' names knowledge base '{}', which is not defined in the "
                                            "bedrock area{}",
                                            r.name, k.value, did_you_mean(k.value, known)));
        continue;
      }
      Placement there = knowledge_base_placement(spec, *kb);
      bool in_account = r.accounts.empty() ? spec.accounts.size() == 1 || (there.known() && there.account == &spec.accounts.front())
                                           : std::any_of(r.accounts.begin(), r.accounts.end(), [&](const auto& a) {
                                               return there.known() && a.value == there.account->name;
                                             });
      if (r.stackset || !in_account) {
        diags.error(k.location, fmt::format("role '{}' names knowledge base '{}', but is not created in its account "
                                            "{}",
                                            r.name, k.value, there.known() ? there.account->name : "?"));
      }
    }
  }
}

}  // namespace aip::spec
