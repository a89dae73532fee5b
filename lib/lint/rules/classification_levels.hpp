// Reading data classification in templates (AIP-CLS-001..003): a resource's
// level is its tag aip:classification, a role's clearance its tag
// aip:clearance (aip writes both from `classification:` and `clearance:`;
// hand-written templates can set them too). The order of the levels is the
// spec's `classification: levels`, or, for templates, the rank each level's
// key carries (tag aip:classification-rank on the KMS key of that level).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "lint/rule_support.hpp"
#include "spec/spec.hpp"

namespace aip::lint::classification_levels {

// Level -> rank (0: lowest).
inline std::map<std::string, int> level_ranks(const Context& ctx) {
  std::map<std::string, int> out;
  if (const spec::Spec* s = ctx.spec(); s != nullptr && s->classification.defined()) {
    for (std::size_t i = 0; i < s->classification.levels.size(); ++i) {
      out[s->classification.levels[i].value] = static_cast<int>(i);
    }
    return out;
  }
  for (const ResourceRef& key : ctx.resources("AWS::KMS::Key")) {
    std::string level = tag_value(key, spec::kClassificationTag);
    std::string rank = tag_value(key, spec::kClassificationRankTag);
    if (level.empty() || rank.empty() || rank.size() > 3 ||
        rank.find_first_not_of("0123456789") != std::string::npos) {
      continue;
    }
    out[level] = std::stoi(rank);
  }
  return out;
}

inline std::optional<int> rank_of(const std::map<std::string, int>& ranks, const std::string& level) {
  auto it = ranks.find(level);
  if (it == ranks.end()) return std::nullopt;
  return it->second;
}

// The value at a path inside a resource (keys and list indexes), or nullptr.
inline const Json* value_at(const Json& root, const Path& path) {
  const Json* at = &root;
  for (const std::string& step : path) {
    if (at->is_object()) {
      auto it = at->find(step);
      if (it == at->end()) return nullptr;
      at = &*it;
    } else if (at->is_array()) {
      if (step.empty() || step.find_first_not_of("0123456789") != std::string::npos) return nullptr;
      std::size_t i = std::stoul(step);
      if (i >= at->size()) return nullptr;
      at = &(*at)[i];
    } else {
      return nullptr;
    }
  }
  return at;
}

// The names in ${Name} / ${Name.Attr} of an Fn::Sub string (not ${AWS::...}, not ${!literal}).
inline std::vector<std::string> sub_names(const std::string& text) {
  std::vector<std::string> out;
  for (std::size_t i = text.find("${"); i != std::string::npos; i = text.find("${", i + 2)) {
    std::size_t end = text.find('}', i);
    if (end == std::string::npos) break;
    std::string name = text.substr(i + 2, end - i - 2);
    if (name.empty() || name[0] == '!' || name.rfind("AWS::", 0) == 0) continue;
    if (std::size_t dot = name.find('.'); dot != std::string::npos) name.resize(dot);
    out.push_back(name);
  }
  return out;
}

// A classified resource that ARNs can name without a reference (by its name):
// S3 buckets, SQS queues, SNS topics, DynamoDB tables.
struct NamedResource {
  ResourceRef resource;
  std::string type;
  std::string name;
};

inline std::vector<NamedResource> named_classified(const Context& ctx) {
  static const std::vector<std::pair<std::string, std::string>> kNameOf = {
      {"AWS::S3::Bucket", "BucketName"},
      {"AWS::SQS::Queue", "QueueName"},
      {"AWS::SNS::Topic", "TopicName"},
      {"AWS::DynamoDB::Table", "TableName"}};
  std::vector<NamedResource> out;
  for (const auto& [type, property] : kNameOf) {
    for (const ResourceRef& r : ctx.resources(type)) {
      if (tag_value(r, spec::kClassificationTag).empty()) continue;
      const Json* name = member(r.properties(), property);
      if (name == nullptr) continue;
      if (auto text = resolved_text(ctx, *r.tmpl, *name)) out.push_back({r, type, *text});
    }
  }
  return out;
}

// Whether an ARN (as text) names `n` or what is inside it (objects, indexes).
inline bool arn_names(const std::string& arn, const NamedResource& n) {
  auto followed_by_end_or = [&](std::size_t at, char c) { return at == arn.size() || arn[at] == c; };
  if (n.type == "AWS::S3::Bucket") {
    std::size_t at = arn.find(":s3:::" + n.name);
    return at != std::string::npos && followed_by_end_or(at + 6 + n.name.size(), '/');
  }
  if (n.type == "AWS::DynamoDB::Table") {
    std::size_t at = arn.find(":table/" + n.name);
    return arn.find(":dynamodb:") != std::string::npos && at != std::string::npos &&
           followed_by_end_or(at + 7 + n.name.size(), '/');
  }
  const char* service = n.type == "AWS::SQS::Queue" ? ":sqs:" : ":sns:";
  const std::string tail = ":" + n.name;
  return arn.find(service) != std::string::npos && arn.size() > tail.size() &&
         arn.compare(arn.size() - tail.size(), tail.size(), tail) == 0;
}

// The classified resources a value (a policy's Resource, a property) refers
// to: Ref / Fn::GetAtt / Fn::ImportValue, the names in an Fn::Sub, the parts
// of an Fn::Join, and ARNs that name a classified bucket, queue, topic or table.
inline void collect_classified(const Context& ctx, const Template& t, const Json& value,
                               const std::vector<NamedResource>& named, std::vector<ResourceRef>& out) {
  auto add = [&](const ResourceRef& r) {
    if (tag_value(r, spec::kClassificationTag).empty()) return;
    for (const ResourceRef& o : out) {
      if (o.tmpl == r.tmpl && o.logical_id == r.logical_id) return;
    }
    out.push_back(r);
  };
  if (auto r = ctx.resolve(t, value)) {
    add(*r);
    return;
  }
  if (value.is_string()) {
    const std::string& arn = value.get_ref<const std::string&>();
    for (const NamedResource& n : named) {
      if (arn_names(arn, n)) add(n.resource);
    }
    return;
  }
  if (value.is_array()) {
    for (const Json& v : value) collect_classified(ctx, t, v, named, out);
    return;
  }
  if (!value.is_object() || value.size() != 1) return;
  if (const Json* sub = member(value, "Fn::Sub")) {
    const Json* text = sub->is_array() && !sub->empty() ? &(*sub)[0] : sub;
    if (text->is_string()) {
      for (const std::string& name : sub_names(text->get_ref<const std::string&>())) {
        if (auto r = ctx.find(t, name)) add(*r);
      }
    }
    if (sub->is_array() && sub->size() > 1 && (*sub)[1].is_object()) {
      for (const auto& [k, v] : (*sub)[1].items()) collect_classified(ctx, t, v, named, out);
    }
    if (auto arn = resolved_text(ctx, t, value)) {
      for (const NamedResource& n : named) {
        if (arn_names(*arn, n)) add(n.resource);
      }
    }
    return;
  }
  if (const Json* join = member(value, "Fn::Join")) {
    if (join->is_array() && join->size() == 2) collect_classified(ctx, t, (*join)[1], named, out);
    if (auto arn = resolved_text(ctx, t, value)) {
      for (const NamedResource& n : named) {
        if (arn_names(*arn, n)) add(n.resource);
      }
    }
  }
}

}  // namespace aip::lint::classification_levels
