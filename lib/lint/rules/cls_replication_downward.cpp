// AIP-CLS-002: a bucket replicates into a bucket of a lower classification.
#include <fmt/format.h>

#include "lint/rules/classification_levels.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace cls_replication_downward {

using namespace classification_levels;

// The bucket a replication destination names (GetAtt, import, or its ARN by name).
std::optional<ResourceRef> destination_bucket(const Context& ctx, const Template& t, const Json& bucket,
                                              const std::vector<NamedResource>& buckets) {
  if (auto r = ctx.resolve(t, bucket)) return r;
  std::optional<std::string> arn = bucket.is_string() ? std::optional<std::string>(bucket.get<std::string>())
                                                      : resolved_text(ctx, t, bucket);
  if (!arn) return std::nullopt;
  for (const NamedResource& n : buckets) {
    if (n.type == "AWS::S3::Bucket" && arn_names(*arn, n)) return n.resource;
  }
  return std::nullopt;
}

void check(Context& ctx) {
  const std::map<std::string, int> ranks = level_ranks(ctx);
  if (ranks.empty()) return;
  // Every classified bucket by name, and every bucket by reference.
  const std::vector<NamedResource> named = named_classified(ctx);
  for (const ResourceRef& source : ctx.resources("AWS::S3::Bucket")) {
    const std::string level = tag_value(source, spec::kClassificationTag);
    std::optional<int> rank = rank_of(ranks, level);
    if (!rank) continue;
    const Json* rules = member_path(source.properties(), {"ReplicationConfiguration", "Rules"});
    if (rules == nullptr || !rules->is_array()) continue;
    for (std::size_t i = 0; i < rules->size(); ++i) {
      const Json* bucket = member_path((*rules)[i], {"Destination", "Bucket"});
      if (bucket == nullptr) continue;
      Path path{"Properties", "ReplicationConfiguration", "Rules", std::to_string(i), "Destination", "Bucket"};
      std::optional<ResourceRef> target = destination_bucket(ctx, *source.tmpl, *bucket, named);
      std::string target_level = target ? tag_value(*target, spec::kClassificationTag) : "";
      std::optional<int> target_rank = rank_of(ranks, target_level);
      if (target && target_rank && *target_rank >= *rank) continue;
      if (!target) continue;  // a bucket outside the input: its level is unknown
      Finding& f = ctx.report(
          source, path,
          fmt::format("bucket {} (classified '{}') replicates into {}, which is {}: a replica keeps its source's "
                      "level",
                      source.display(), level, target->display(),
                      target_level.empty() ? "not classified" : fmt::format("classified '{}'", target_level)));
      f.note(ctx.locate(*target, {}), fmt::format("{} is declared here", target->display()));
    }
  }
}

}  // namespace cls_replication_downward

const Rule& rule_cls_replication_downward() {
  static const Rule rule{
      {"AIP-CLS-002", "Bucket replicated into a bucket of a lower classification", Severity::error,
       {"classification", "hipaa", "pci-dss", "gdpr", "iso27001", "nist-800-53", "soc2"},
       "S3 replication copies every object of the source bucket into the destination. When the destination is "
       "classified lower than the source (tag aip:classification), or not at all, restricted data ends up under a "
       "weaker key and the wider set of roles cleared for that level can read it: the classification of the data "
       "is lost on the way. A spec's `replicate_to:` keeps the level (the replica is classified as its source).",
       "Classify the destination bucket at least as high as the source (`classification: LEVEL`), or replicate "
       "into a bucket of that level."},
      &cls_replication_downward::check};
  return rule;
}

}  // namespace aip::lint
