// The `events:` area of the spec: EventBridge custom buses with resource
// policies for named accounts, SQS queues with dead-letter queues, and rules
// that route events (a pattern or a schedule) to queues, Lambda functions, SNS
// topics and other buses (seeds 002 and 000).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/yaml_tree.hpp"
#include "spec/located.hpp"

namespace aip::spec {

struct EventBus {
  std::string name;
  Location location;
  Located<std::string> account;
  Located<std::string> region;
  Located<std::string> bus_name;  // the EventBridge name; default <platform>-<name>
  // Accounts that may PutEvents on this bus: spec account names or 12-digit ids.
  std::vector<Located<std::string>> allow_accounts;
  Tags tags;
  // `existing: {arn}`: a bus deployed elsewhere (docs/existing.md). Its
  // account and region come from the ARN: `account` names the spec's account
  // of that id, or stays empty and `foreign` is set for an account outside
  // the spec (rules cannot be created on it, events can be put to it).
  Located<std::string> existing_arn;
  bool foreign = false;
  bool existing() const { return !existing_arn.value.empty(); }
};

struct EventQueue {
  std::string name;
  Location location;
  Located<std::string> account;
  Located<std::string> region;
  Located<std::string> encryption{"sqs", {}};  // sqs (SQS-managed SSE) | kms (a customer-managed key)
  Located<int> visibility_timeout{30, {}};      // seconds
  Located<int> retention_days{4, {}};
  Located<int> max_receives{5, {}};             // receives before a message moves to the dead-letter queue
  Located<int> dead_letter_retention_days{14, {}};
  Located<std::string> consumer;                // a function of the spec, or a Lambda function ARN; empty: none
  Located<int> batch_size{10, {}};
  Located<std::string> classification;  // a level of `classification:`; empty: unclassified
  Tags tags;
};

// An SNS topic of the spec (seed 000: analysis results back to SAP), always
// encrypted with its own customer-managed key.
struct TopicSubscription {
  Location location;
  Located<std::string> protocol;  // https | email
  Located<std::string> endpoint;
};

struct EventTopic {
  std::string name;
  Location location;
  Located<std::string> account;
  Located<std::string> region;
  Located<std::string> display_name;
  std::vector<TopicSubscription> subscriptions;
  Located<std::string> classification;  // a level of `classification:`; empty: unclassified
  Tags tags;
};

// An HTTPS endpoint outside AWS that rules call (an EventBridge API
// destination and its connection): seed 002's GitHub repository_dispatch,
// which starts the test and production pipelines from registry approvals.
struct HttpHeader {
  Located<std::string> name;
  Located<std::string> value;
};

struct ApiDestination {
  std::string name;
  Location location;
  Located<std::string> account;
  Located<std::string> region;
  Located<std::string> endpoint;              // https://...
  Located<std::string> method{"POST", {}};
  std::optional<Located<int>> rate_per_second;  // absent: EventBridge's default (300)
  // The header that authenticates each call, its value read at deployment
  // from an existing Secrets Manager secret (optionally one JSON key of it).
  Located<std::string> auth_header{"Authorization", {}};
  Located<std::string> auth_secret;
  Located<std::string> auth_secret_key;
  std::vector<HttpHeader> headers;            // sent with every call, in the order written
  Tags tags;
};

enum class TargetKind { queue, lambda, topic, bus, workflow, destination };
// "queue" | "lambda" | "topic" | "bus" | "workflow" | "destination"
const char* to_string(TargetKind kind);

struct RuleTarget {
  Location location;
  TargetKind kind = TargetKind::queue;
  // queue: a queue name; lambda: a function name or ARN; topic: a topic name
  // or ARN; bus: a bus name or ARN; workflow: a workflow of the spec;
  // destination: an API destination of the spec.
  Located<std::string> value;
  // What the target receives instead of the event (an InputTransformer):
  // JSON paths into the event, and the template that places them.
  std::vector<std::pair<Located<std::string>, Located<std::string>>> input_paths;
  Located<std::string> input_template;
  bool is_arn() const { return value.value.rfind("arn:", 0) == 0; }
};

struct EventRule {
  std::string name;
  Location location;
  Located<std::string> bus;        // a bus of this spec; empty: the account's default bus
  Located<std::string> account;    // with the default bus only
  Located<std::string> region;     // with the default bus only
  Located<std::string> description;
  std::optional<YamlNode> pattern;  // the event pattern, as written
  Located<std::string> schedule;    // rate(...) or cron(...): default bus only
  std::vector<RuleTarget> targets;
  Located<bool> enabled{true, {}};
  Located<bool> dead_letter{true, {}};     // undeliverable events go to the rule's dead-letter queue
  Located<int> max_retries{185, {}};
  Located<int> max_event_age{86400, {}};   // seconds
  Tags tags;
};

struct Events {
  Location location;  // where `events:` was written; invalid when absent
  std::vector<EventBus> buses;
  std::vector<EventQueue> queues;
  std::vector<EventRule> rules;
  std::vector<EventTopic> topics;
  std::vector<ApiDestination> destinations;

  const ApiDestination* find_destination(std::string_view name) const {
    for (const ApiDestination& d : destinations) {
      if (d.name == name) return &d;
    }
    return nullptr;
  }
  const EventBus* find_bus(std::string_view name) const {
    for (const EventBus& b : buses) {
      if (b.name == name) return &b;
    }
    return nullptr;
  }
  const EventTopic* find_topic(std::string_view name) const {
    for (const EventTopic& t : topics) {
      if (t.name == name) return &t;
    }
    return nullptr;
  }
  const EventQueue* find_queue(std::string_view name) const {
    for (const EventQueue& q : queues) {
      if (q.name == name) return &q;
    }
    return nullptr;
  }
};

struct Spec;
// The EventBridge name of a bus: its `name`, or "<platform>-<bus>".
std::string event_bus_name(const Spec& spec, const EventBus& bus);
// The SQS name of a queue and the SNS name of a topic: "<platform>-<name>".
std::string queue_name(const Spec& spec, const EventQueue& queue);
std::string topic_name(const Spec& spec, const EventTopic& topic);
// The EventBridge name of an API destination and of its connection: "<platform>-<name>".
std::string destination_name(const Spec& spec, const ApiDestination& d);

}  // namespace aip::spec
