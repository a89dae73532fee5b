// The `events:` area: EventBridge buses, queues and rules, read (checks: check_events.cpp).
#include <map>
#include <set>

#include <fmt/format.h>

#include "base/arn.hpp"
#include "base/did_you_mean.hpp"
#include "base/pattern.hpp"
#include "spec/field_reader.hpp"
#include "spec/load.hpp"
#include "spec/placement.hpp"
#include "spec/regions.hpp"

namespace aip::spec {

const char* to_string(TargetKind kind) {
  switch (kind) {
    case TargetKind::queue: return "queue";
    case TargetKind::lambda: return "lambda";
    case TargetKind::topic: return "topic";
    case TargetKind::bus: return "bus";
    case TargetKind::workflow: return "workflow";
    case TargetKind::destination: return "destination";
  }
  return "queue";
}

namespace {

const std::vector<std::string> kTargetKinds = {"queue", "lambda", "topic", "bus", "workflow", "destination"};
// Top-level fields of an EventBridge event.
const std::vector<std::string> kEventFields = {"version", "id",        "detail-type", "source", "account",
                                               "time",    "region",    "resources",   "detail"};

// EventBridge matches values only inside lists: `source: [sap.erp]`.
void check_pattern(const YamlNode& n, bool top, Diagnostics& diags) {
  for (const auto& [key, value] : n.entries) {
    if (top && key.is_scalar() && std::find(kEventFields.begin(), kEventFields.end(), key.scalar) == kEventFields.end()) {
      diags.error(key.location, fmt::format("event pattern field '{}' is not a field of EventBridge events (version, "
                                            "id, detail-type, source, account, time, region, resources, detail){}",
                                            key.scalar, did_you_mean(key.scalar, kEventFields)));
      continue;
    }
    if (value.is_map()) {
      if (value.entries.empty()) diags.error(value.location, fmt::format("event pattern field '{}' is empty", key.scalar));
      check_pattern(value, false, diags);
    } else if (!value.is_sequence() || value.items.empty()) {
      diags.error(value.location, fmt::format("event pattern field '{}' must be a non-empty list of values to match "
                                              "(`{}: [value]`), got {}",
                                              key.scalar, key.scalar, value.describe()));
    }
  }
}

// `existing: {arn}`: a bus deployed elsewhere; where it lives is in its ARN.
void read_existing_bus(const YamlNode& n, const YamlNode& bus, const Spec& spec, EventBus& b, Diagnostics& diags) {
  static const Pattern bus_arn("arn:aws[a-z-]*:events:[a-z0-9-]+:[0-9]{12}:event-bus/[/.\\-_A-Za-z0-9]{1,256}");
  refuse_on_existing(bus, fmt::format("bus '{}'", b.name), {"name", "allow_put_events_from", "tags"}, diags,
                     "the bus's owner sets its name and policy");
  for (const char* placed : {"account", "region"}) {
    if (const YamlNode* k = bus.find_key(placed)) {
      diags.error(k->location, fmt::format("bus '{}' is existing: its {} is the one in existing.arn; remove '{}'",
                                           b.name, placed, placed));
    }
  }
  Fields f(n, fmt::format("existing bus '{}'", b.name), diags, n.location);
  if (!f.ok()) return;
  f.without_lint();
  if (!f.text("arn", bus_arn, "'arn' must be an event bus ARN such as arn:aws:events:eu-west-1:123456789012:event-bus/"
                              "central, got '{}'",
              b.existing_arn, Presence::required)) {
    return;
  }
  const std::string& arn = b.existing_arn.value;
  b.bus_name = {aws::arn_part(arn, 5).substr(std::string_view("event-bus/").size()), b.existing_arn.location};
  b.allow_accounts.clear();
  b.tags.clear();
  b.account = {};
  b.region = {};
  const std::string account_id = aws::arn_part(arn, 4);
  for (const Account& a : spec.accounts) {
    if (a.id.value == account_id) b.account = {a.name, b.existing_arn.location};
  }
  b.foreign = b.account.value.empty();
  b.region = {aws::arn_part(arn, 3), b.existing_arn.location};
}

void read_bus(const YamlNode& key, const YamlNode& value, Spec& spec, Diagnostics& diags) {
  if (!check_name(key, "bus", diags)) return;
  EventBus b;
  b.name = key.scalar;
  b.location = key.location;
  Fields f(value, fmt::format("bus '{}'", b.name), diags, key.location);
  if (!f.ok()) return;
  f.text("account", b.account);
  f.region("region", b.region);
  Located<std::string> name;
  if (f.text("name", name)) {
    static const Pattern shape("[/.\\-_A-Za-z0-9]{1,256}");
    if (!shape.matches(name.value) || name.value == "default") {
      diags.error(name.location, fmt::format("EventBridge bus names are 1 to 256 letters, digits, '.', '-', '_' or "
                                             "'/', and not 'default'; got '{}'",
                                             name.value));
    } else {
      b.bus_name = name;
    }
  }

  f.strings("allow_put_events_from", b.allow_accounts);
  f.tags(b.tags);
  if (const YamlNode* e = f.optional("existing")) read_existing_bus(*e, value, spec, b, diags);
  spec.events.buses.push_back(std::move(b));
}

void read_queue(const YamlNode& key, const YamlNode& value, Spec& spec, Diagnostics& diags) {
  if (!check_name(key, "queue", diags)) return;
  EventQueue q;
  q.name = key.scalar;
  q.location = key.location;
  Fields f(value, fmt::format("queue '{}'", q.name), diags, key.location);
  if (!f.ok()) return;
  f.text("account", q.account);
  f.region("region", q.region);
  f.choice("encryption", {"sqs", "kms"}, q.encryption);
  f.integer("visibility_timeout", {0, 43200}, q.visibility_timeout);
  f.integer("retention_days", {1, 14}, q.retention_days);
  f.integer("max_receives", {1, 1000}, q.max_receives);
  f.integer("dead_letter_retention_days", {1, 14}, q.dead_letter_retention_days);
  f.text("consumer", q.consumer);
  f.integer("batch_size", {1, 10}, q.batch_size);
  f.text("classification", q.classification);
  f.tags(q.tags);
  spec.events.queues.push_back(std::move(q));
}

void read_topic(const YamlNode& key, const YamlNode& value, Spec& spec, Diagnostics& diags) {
  if (!check_name(key, "topic", diags)) return;
  EventTopic t;
  t.name = key.scalar;
  t.location = key.location;
  Fields f(value, fmt::format("topic '{}'", t.name), diags, key.location);
  if (!f.ok()) return;
  f.text("account", t.account);
  f.region("region", t.region);
  f.text("display_name", t.display_name);
  if (const YamlNode* subs = f.optional("subscriptions")) {
    for (const YamlNode* item : read_list(*subs, "subscriptions", diags)) {
      Fields sf(*item, fmt::format("a subscription of topic '{}'", t.name), diags);
      if (!sf.ok()) continue;
      // Explicit: exactly one of the two keys, each with a shape of its own.
      const YamlNode* https = sf.optional("https");

      const YamlNode* email = sf.optional("email");
      if ((https != nullptr) == (email != nullptr)) {
        diags.error(item->location, fmt::format("a subscription of topic '{}' names exactly one of https or email",
                                                t.name));
        continue;
      }
      TopicSubscription sub;
      sub.location = item->location;
      const YamlNode* v = https != nullptr ? https : email;
      auto text = read_string(*v, https != nullptr ? "https" : "email", diags);
      if (!text) continue;
      // Messages leave AWS: only over TLS, never to http:// endpoints.
      static const Pattern url("https://[^\\s/]+(/[^\\s]*)?");
      static const Pattern mail("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
      if (https != nullptr && !url.matches(*text)) {
        diags.error(v->location, fmt::format("'https' must be an https:// URL, got '{}'", *text));
        continue;
      }
      if (email != nullptr && !mail.matches(*text)) {
        diags.error(v->location, fmt::format("'email' must be an e-mail address, got '{}'", *text));
        continue;
      }
      sub.protocol = located(std::string(https != nullptr ? "https" : "email"), *v);
      sub.endpoint = located(*text, *v);
      t.subscriptions.push_back(std::move(sub));
    }
  }
  f.text("classification", t.classification);
  f.tags(t.tags);
  spec.events.topics.push_back(std::move(t));
}

void read_targets(const YamlNode& n, EventRule& rule, Diagnostics& diags) {
  for (const YamlNode* item : read_list(n, "targets", diags)) {
    Fields f(*item, fmt::format("a target of rule '{}'", rule.name), diags);
    if (!f.ok()) continue;
    std::vector<std::pair<TargetKind, const YamlNode*>> given;
    for (std::size_t i = 0; i < kTargetKinds.size(); ++i) {
      if (const YamlNode* v = f.optional(kTargetKinds[i])) given.emplace_back(static_cast<TargetKind>(i), v);
    }
    if (given.size() != 1) {
      diags.error(item->location, fmt::format("a target of rule '{}' names exactly one of queue, lambda, topic, bus, "
                                              "workflow or destination, got {}",
                                              rule.name, given.size()));
      continue;
    }
    RuleTarget t;
    t.location = item->location;
    t.kind = given.front().first;
    if (const YamlNode* paths = f.optional("input_paths")) {
      static const Pattern path("\\$(\\.[A-Za-z0-9_-]+)*");
      if (!paths->is_map()) {
        diags.error(paths->location, fmt::format("'input_paths' must map names to JSON paths into the event, got {}",
                                                 paths->describe()));
      } else {
        for (const auto& [k, v] : paths->entries) {
          auto text = read_string(v, k.scalar, diags);
          if (!text) continue;
          if (!path.matches(*text)) {
            diags.error(v.location, fmt::format("input path '{}' must be a JSON path into the event, such as "
                                                "$.detail.ModelPackageArn, got '{}'",
                                                k.scalar, *text));
            continue;
          }
          t.input_paths.emplace_back(located(k.scalar, k), located(*text, v));
        }
      }
    }
    f.text("input_template", t.input_template);
    if (!t.input_paths.empty() && t.input_template.value.empty()) {
      diags.error(item->location, fmt::format("a target of rule '{}' has input_paths but no input_template to place "
                                              "them in",
                                              rule.name));
    }
    if (auto v = read_string(*given.front().second, to_string(t.kind), diags)) {
      t.value = located(*v, *given.front().second);
      rule.targets.push_back(std::move(t));
    }
  }
}

void read_destination(const YamlNode& key, const YamlNode& value, Spec& spec, Diagnostics& diags) {
  if (!check_name(key, "destination", diags)) return;
  ApiDestination d;
  d.name = key.scalar;
  d.location = key.location;
  Fields f(value, fmt::format("destination '{}'", d.name), diags, key.location);
  if (!f.ok()) return;
  f.text("account", d.account);
  f.region("region", d.region);
  // API destinations call HTTPS endpoints only.
  static const Pattern https("https://[A-Za-z0-9.-]+(:[0-9]+)?(/[-A-Za-z0-9._~%!$&'()*+,;=:@/?]*)?");
  f.text("endpoint", https, "'endpoint' must be an https:// URL, got '{}'", d.endpoint, Presence::required);
  f.choice("method", {"POST", "PUT", "PATCH", "GET", "DELETE", "HEAD", "OPTIONS"}, d.method);
  f.integer("rate_per_second", {1, 300}, d.rate_per_second);
  if (const YamlNode* a = f.required("auth")) {
    Fields af(*a, fmt::format("auth of destination '{}'", d.name), diags);
    if (af.ok()) {
      af.text("header", http_header_name(), "'header' must be an HTTP header name, got '{}'", d.auth_header);
      static const Pattern secret("[A-Za-z0-9/_+=.@-]{1,512}");
      af.text("secret", secret, "'secret' must be the name of a Secrets Manager secret, got '{}'", d.auth_secret,
              Presence::required);
      af.text("key", d.auth_secret_key);
    }
  }
  if (const YamlNode* h = f.optional("headers")) {
    if (!h->is_map()) {
      diags.error(h->location, fmt::format("'headers' must map HTTP header names to values, got {}", h->describe()));
    } else {
      for (const auto& [k, v] : h->entries) {
        if (!http_header_name().matches(k.scalar)) {
          diags.error(k.location, fmt::format("'{}' is not an HTTP header name", k.scalar));
          continue;
        }
        if (auto text = read_string(v, k.scalar, diags)) d.headers.push_back({located(k.scalar, k), located(*text, v)});
      }
    }
  }
  f.tags(d.tags);
  spec.events.destinations.push_back(std::move(d));
}

void read_rule(const YamlNode& key, const YamlNode& value, Spec& spec, Diagnostics& diags) {
  if (!check_name(key, "rule", diags)) return;
  EventRule r;
  r.name = key.scalar;
  r.location = key.location;
  Fields f(value, fmt::format("rule '{}'", r.name), diags, key.location);
  if (!f.ok()) return;
  f.text("bus", r.bus);
  f.text("account", r.account);
  f.region("region", r.region);
  f.text("description", r.description);
  if (const YamlNode* p = f.optional("pattern")) {
    if (!p->is_map() || p->entries.empty()) {
      diags.error(p->location, fmt::format("'pattern' must map event fields to the values to match, got {}",
                                           p->describe()));
    } else {
      check_pattern(*p, true, diags);
      r.pattern = *p;
    }
  }
  static const Pattern schedule("(rate|cron)\\(.+\\)");
  f.text("schedule", schedule, "'schedule' must be rate(...) or cron(...), such as rate(1 hour), got '{}'", r.schedule);
  if (const YamlNode* t = f.required("targets")) read_targets(*t, r, diags);
  f.flag("enabled", r.enabled);
  f.flag("dead_letter", r.dead_letter);
  f.integer("max_retries", {0, 185}, r.max_retries);
  f.integer("max_event_age", {60, 86400}, r.max_event_age);
  f.tags(r.tags);
  spec.events.rules.push_back(std::move(r));
}

}  // namespace

void read_events(const YamlNode& node, Spec& spec, Diagnostics& diags) {
  spec.events.location = node.location;
  Fields f(node, "'events'", diags);
  if (!f.ok()) return;
  read_named(f, "buses", "bus", diags, [&](const YamlNode& k, const YamlNode& v) { read_bus(k, v, spec, diags); });
  read_named(f, "queues", "queue", diags, [&](const YamlNode& k, const YamlNode& v) { read_queue(k, v, spec, diags); });
  read_named(f, "rules", "rule", diags, [&](const YamlNode& k, const YamlNode& v) { read_rule(k, v, spec, diags); });
  read_named(f, "topics", "topic", diags, [&](const YamlNode& k, const YamlNode& v) { read_topic(k, v, spec, diags); });
  read_named(f, "destinations", "destination", diags,
             [&](const YamlNode& k, const YamlNode& v) { read_destination(k, v, spec, diags); });
}

std::string event_bus_name(const Spec& spec, const EventBus& bus) {
  return bus.bus_name.value.empty() ? spec.name.value + "-" + bus.name : bus.bus_name.value;
}

std::string queue_name(const Spec& spec, const EventQueue& queue) { return spec.name.value + "-" + queue.name; }

std::string topic_name(const Spec& spec, const EventTopic& topic) { return spec.name.value + "-" + topic.name; }

std::string destination_name(const Spec& spec, const ApiDestination& d) { return spec.name.value + "-" + d.name; }

}  // namespace aip::spec
