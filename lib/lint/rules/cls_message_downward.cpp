// AIP-CLS-003: messages of a topic or queue flow into a queue of a lower
// classification (an SNS subscription, a dead-letter queue).
#include <fmt/format.h>

#include "lint/rules/classification_levels.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace cls_message_downward {

using namespace classification_levels;

// A topic or queue that a value names (reference, or ARN by name).
std::optional<ResourceRef> messaging(const Context& ctx, const Template& t, const Json& value,
                                     const std::vector<NamedResource>& named) {
  if (auto r = ctx.resolve(t, value)) return r;
  std::optional<std::string> arn =
      value.is_string() ? std::optional<std::string>(value.get<std::string>()) : resolved_text(ctx, t, value);
  if (!arn) return std::nullopt;
  for (const NamedResource& n : named) {
    if ((n.type == "AWS::SQS::Queue" || n.type == "AWS::SNS::Topic") && arn_names(*arn, n)) return n.resource;
  }
  return std::nullopt;
}

void report_flow(Context& ctx, const ResourceRef& at, const Path& path, const ResourceRef& from, const ResourceRef& to,
                 const std::map<std::string, int>& ranks, const char* how) {
  const std::string level = tag_value(from, spec::kClassificationTag);
  const std::string to_level = tag_value(to, spec::kClassificationTag);
  std::optional<int> rank = rank_of(ranks, level);
  if (!rank) return;
  std::optional<int> to_rank = rank_of(ranks, to_level);
  if (to_rank && *to_rank >= *rank) return;
  ctx.report(at, path,
             fmt::format("{} {} (classified '{}') into {}, which is {}: messages keep their source's level",
                         how, from.display(), level, to.display(),
                         to_level.empty() ? "not classified" : fmt::format("classified '{}'", to_level)))
      .note(ctx.locate(to, {}), fmt::format("{} is declared here", to.display()));
}

void check(Context& ctx) {
  const std::map<std::string, int> ranks = level_ranks(ctx);
  if (ranks.empty()) return;
  const std::vector<NamedResource> named = named_classified(ctx);
  for (const ResourceRef& s : ctx.resources("AWS::SNS::Subscription")) {
    const Json* protocol = member(s.properties(), "Protocol");
    const Json* topic = member(s.properties(), "TopicArn");
    const Json* endpoint = member(s.properties(), "Endpoint");
    if (protocol == nullptr || !protocol->is_string() || lower(protocol->get<std::string>()) != "sqs") continue;
    if (topic == nullptr || endpoint == nullptr) continue;
    auto from = messaging(ctx, *s.tmpl, *topic, named);
    auto to = messaging(ctx, *s.tmpl, *endpoint, named);
    if (!from || !to) continue;
    report_flow(ctx, s, {"Properties", "Endpoint"}, *from, *to, ranks, "subscription delivers the messages of");
  }
  for (const ResourceRef& q : ctx.resources("AWS::SQS::Queue")) {
    const Json* target = member_path(q.properties(), {"RedrivePolicy", "deadLetterTargetArn"});
    if (target == nullptr) continue;
    auto to = messaging(ctx, *q.tmpl, *target, named);
    if (!to) continue;
    report_flow(ctx, q, {"Properties", "RedrivePolicy", "deadLetterTargetArn"}, q, *to, ranks,
                "the dead-letter queue receives the failed messages of");
  }
}

}  // namespace cls_message_downward

const Rule& rule_cls_message_downward() {
  static const Rule rule{
      {"AIP-CLS-003", "Messages flow into a queue of a lower classification", Severity::error,
       {"classification", "hipaa", "pci-dss", "gdpr", "iso27001", "nist-800-53", "soc2"},
       "A message carries the data of the place it came from. An SNS subscription that delivers a restricted "
       "topic's messages to an internal queue, or a queue whose dead-letter queue is classified lower (tag "
       "aip:classification), or not at all, moves that data under a weaker key, where the wider set of roles "
       "cleared for the lower level reads it. aip classifies a queue's dead-letter queue as the queue.",
       "Classify the receiving queue at least as high as the topic or queue it receives from, or subscribe a "
       "queue of that level."},
      &cls_message_downward::check};
  return rule;
}

}  // namespace aip::lint
