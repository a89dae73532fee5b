// AIP-ENC-015: a classified resource (tag aip:classification) is not
// encrypted with the KMS key of its level (a key with the same tag).
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"
#include "spec/classification.hpp"

namespace aip::lint {

namespace enc_classified_key {

// Where each type names its KMS key.
const std::vector<std::pair<std::string, Path>>& key_paths() {
  static const std::vector<std::pair<std::string, Path>> paths = {
      {"AWS::S3::Bucket",
       {"BucketEncryption", "ServerSideEncryptionConfiguration", "0", "ServerSideEncryptionByDefault",
        "KMSMasterKeyID"}},
      {"AWS::SQS::Queue", {"KmsMasterKeyId"}},
      {"AWS::SNS::Topic", {"KmsMasterKeyId"}},
      {"AWS::DynamoDB::Table", {"SSESpecification", "KMSMasterKeyId"}},
      {"AWS::RDS::DBCluster", {"KmsKeyId"}}};
  return paths;
}

const Json* at(const Json& object, const Path& path) {
  const Json* v = &object;
  for (const std::string& step : path) {
    if (v->is_array()) {
      if (step != "0" || v->empty()) return nullptr;
      v = &(*v)[0];
    } else if (v->is_object() && v->contains(step)) {
      v = &(*v)[step];
    } else {
      return nullptr;
    }
  }
  return v;
}

void check(Context& ctx) {
  for (const auto& [type, path] : key_paths()) {
    for (const ResourceRef& r : ctx.resources(type)) {
      const std::string level = tag_value(r, spec::kClassificationTag);
      if (level.empty()) continue;
      Path full{"Properties"};
      full.insert(full.end(), path.begin(), path.end());
      const Json* key = at(r.properties(), path);
      if (key == nullptr) {
        ctx.report(r, {"Properties"},
                   fmt::format("{} is classified '{}' but names no KMS key ({}): it is not under its level's key",
                               r.display(), level, path.back()));
        continue;
      }
      std::optional<ResourceRef> k = ctx.resolve(*r.tmpl, *key);
      if (!k || k->type() != "AWS::KMS::Key") continue;  // a literal ARN or an alias: not knowable here
      const std::string key_level = tag_value(*k, spec::kClassificationTag);
      if (key_level == level) continue;
      ctx.report(r, full,
                 fmt::format("{} is classified '{}' but encrypted with {}, {}", r.display(), level, k->display(),
                             key_level.empty() ? std::string("which is no classification level's key")
                                               : fmt::format("the key of level '{}'", key_level)))
          .note(ctx.locate(*k, {}), fmt::format("{} is declared here", k->display()));
    }
  }
}

}  // namespace enc_classified_key

const Rule& rule_enc_classified_key() {
  static const Rule rule{
      {"AIP-ENC-015", "Classified resource not encrypted with its level's key", Severity::error,
       {"encryption", "classification", "hipaa", "pci-dss", "gdpr", "iso27001", "nist-800-53", "soc2"},
       "A classification level is enforced through its KMS key: the key's policy admits the principals cleared for "
       "the level, and the roles aip clears are granted that key. A bucket, queue, topic, table or database "
       "classified at one level (tag aip:classification) but encrypted with another key (another level's, a key "
       "of its own, or none) escapes that: whoever may use the other key reads the data. An override or a "
       "hand-written template can do this without the spec saying so.",
       "Encrypt the resource with the key of its level (the KMS key tagged aip:classification with the same "
       "level; in a spec, remove the override of its key), or classify it at the level of the key it uses."},
      &enc_classified_key::check};
  return rule;
}

}  // namespace aip::lint
