// AIP-RES-006: an SQS queue that has no dead-letter queue and is not itself one
// (cdk-nag AwsSolutions-SQS3).
#include <set>
#include <utility>

#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace res_queue_dead_letter {

using QueueKey = std::pair<const Template*, std::string>;

bool dead_letter_key(const std::string& key) {
  const std::string k = lower(key);
  return k.find("deadletter") != std::string::npos || k == "onfailure";
}

// Marks every queue a value under a dead-letter or on-failure key refers to:
// RedrivePolicy.deadLetterTargetArn of queues and SNS subscriptions,
// DeadLetterConfig of functions, rule targets, schedules and pipes, the
// OnFailure destination of event invoke configs and event source mappings.
void collect(const Context& ctx, const Template& t, const Json& value, bool under, std::set<QueueKey>& out) {
  if (under) {
    if (std::optional<ResourceRef> q = ctx.resolve(t, value); q && q->type() == "AWS::SQS::Queue") {
      out.insert({q->tmpl, q->logical_id});
      return;
    }
  }
  if (value.is_object()) {
    for (auto it = value.begin(); it != value.end(); ++it) {
      collect(ctx, t, it.value(), under || dead_letter_key(it.key()), out);
    }
  } else if (value.is_array()) {
    for (const Json& v : value) collect(ctx, t, v, under, out);
  }
}

void check(Context& ctx) {
  std::set<QueueKey> dead_letter;
  for (const ResourceRef& r : ctx.resources()) collect(ctx, *r.tmpl, r.properties(), false, dead_letter);
  for (const ResourceRef& q : ctx.resources("AWS::SQS::Queue")) {
    if (member(q.properties(), "RedrivePolicy") != nullptr) continue;
    if (dead_letter.count({q.tmpl, q.logical_id}) != 0) continue;
    ctx.report(q, {},
               fmt::format("queue {} has no dead-letter queue (RedrivePolicy) and is none: a message its consumer "
                           "keeps failing on is retried until it expires and is then lost",
                           q.display()));
  }
}

}  // namespace res_queue_dead_letter

const Rule& rule_res_queue_dead_letter() {
  static const Rule rule{
      {"AIP-RES-006", "SQS queue without a dead-letter queue", Severity::warning, {"resilience", "soc2"},
       "A message that its consumer cannot process (a malformed document, a model call that always times out) "
       "returns to the queue after every visibility timeout, is received again and again, holds up the work "
       "behind it and is silently deleted when the retention period ends. A dead-letter queue sets such "
       "messages aside after maxReceiveCount attempts, where an alarm sees them and they can be inspected and "
       "redriven (cdk-nag AwsSolutions-SQS3). A queue that is itself the dead-letter queue of another queue, a "
       "subscription, a function, a rule or schedule target or an on-failure destination is not reported.",
       "Add RedrivePolicy {deadLetterTargetArn: !GetAtt Dlq.Arn, maxReceiveCount: 5} with a second queue as Dlq, "
       "and an alarm on its ApproximateNumberOfMessagesVisible (aip's `queues:` area renders both)."},
      &res_queue_dead_letter::check};
  return rule;
}

}  // namespace aip::lint
