// Checks of the `events:` area across elements and areas: accounts, buses,
// queues, topics and functions that rules and subscriptions name, ARNs.
#include <map>
#include <set>

#include <fmt/format.h>

#include "base/arn.hpp"
#include "base/did_you_mean.hpp"
#include "base/pattern.hpp"
#include "spec/load.hpp"
#include "spec/placement.hpp"
#include "spec/regions.hpp"
#include "spec/tables.hpp"

namespace aip::spec {
namespace {

// The account an events element lives in; nullptr (after an error) when it is
// unknown or missing.
const Account* events_account(const Spec& spec, const Located<std::string>& account, const std::string& what,
                              Location where, Diagnostics& diags) {
  if (!account.value.empty()) {
    if (const Account* a = spec.find_account(account.value)) return a;
    std::vector<std::string> names;
    for (const Account& a : spec.accounts) names.push_back(a.name);
    diags.error(account.location, fmt::format("{} refers to account '{}', which is not defined{}", what, account.value,
                                              did_you_mean(account.value, names)));
    return nullptr;
  }
  if (spec.accounts.size() > 1) {
    diags.error(where, fmt::format("{} needs 'account': the spec has {} accounts", what, spec.accounts.size()));
    return nullptr;
  }
  return spec.accounts.empty() ? nullptr : &spec.accounts.front();
}

using Env = Placement;

Env env_of(const Spec& spec, const Located<std::string>& account, const Located<std::string>& region,
           const std::string& what, Location where, Diagnostics& diags) {
  Env e;
  e.account = events_account(spec, account, what, where, diags);
  if (e.account != nullptr) e.region = region.value.empty() ? e.account->region.value : region.value;
  return e;
}

struct Arn {
  std::string region;
  std::string account;
};

// `shape` is an ARN pattern; region and account are its 4th and 5th ':'-separated fields.
std::optional<Arn> parse_arn(const std::string& text, const Pattern& shape) {
  if (!shape.matches(text)) return std::nullopt;
  std::vector<std::string_view> fields;
  std::string_view rest = text;
  for (int i = 0; i < 5; ++i) {
    const std::size_t colon = rest.find(':');
    fields.push_back(rest.substr(0, colon));
    rest.remove_prefix(colon + 1);
  }
  return Arn{std::string(fields[3]), std::string(fields[4])};
}

const Pattern kLambdaArn("arn:aws[a-z-]*:lambda:([a-z0-9-]+):([0-9]{12}):function:[A-Za-z0-9_-]{1,64}(:[A-Za-z0-9_$-]+)?");
const Pattern kTopicArn("arn:aws[a-z-]*:sns:([a-z0-9-]+):([0-9]{12}):[A-Za-z0-9_-]{1,256}(\\.fifo)?");
const Pattern kBusArn("arn:aws[a-z-]*:events:([a-z0-9-]+):([0-9]{12}):event-bus/[/.\\-_A-Za-z0-9]{1,256}");

}  // namespace

namespace {

// A function of the spec that an events element invokes: it must exist and
// run in the element's account and region.
void check_function_ref(const Spec& spec, const std::string& what, const Env& env, const Located<std::string>& ref,
                        Diagnostics& diags) {
  const Function* fn = spec.functions.find(ref.value);
  if (fn == nullptr) {
    std::vector<std::string> names;
    for (const Function& f : spec.functions.items) names.push_back(f.name);
    diags.error(ref.location, fmt::format("{} refers to function '{}', which is not defined (write a function of this "
                                          "spec or a Lambda function ARN){}",
                                          what, ref.value, did_you_mean(ref.value, names)));
    return;
  }
  Placement there = function_placement(spec, *fn);
  if (there.known() && env.account != nullptr && (there.account != env.account || there.region != env.region)) {
    Diagnostic& d = diags.error(ref.location, fmt::format("{} ({}) cannot invoke function '{}' ({}); Lambda event "
                                                          "sources and targets stay in one account and region",
                                                          what, env.str(), fn->name, there.str()));
    d.notes.push_back({Severity::note, fn->location, "function declared here", {}});
  }
}

}  // namespace

void check_events(const Spec& spec, Diagnostics& diags) {
  std::vector<std::string> account_names;
  for (const Account& a : spec.accounts) account_names.push_back(a.name);
  std::vector<std::string> bus_names, queue_names;
  for (const EventBus& b : spec.events.buses) bus_names.push_back(b.name);
  for (const EventQueue& q : spec.events.queues) queue_names.push_back(q.name);

  std::map<std::string, Env> bus_env;
  for (const EventBus& b : spec.events.buses) {
    if (b.foreign) continue;  // an existing bus of an account outside the spec: nothing is placed there
    Env e = env_of(spec, b.account, b.region, fmt::format("bus '{}'", b.name), b.location, diags);
    if (e.account != nullptr) bus_env[b.name] = e;
    for (const auto& a : b.allow_accounts) {
      if (aws_account_id().matches(a.value) || spec.find_account(a.value) != nullptr) continue;
      diags.error(a.location, fmt::format("bus '{}' lets account '{}' put events, which is neither an account of "
                                          "this spec nor a 12-digit account id{}",
                                          b.name, a.value, did_you_mean(a.value, account_names)));
    }
  }
  std::vector<std::string> topic_names;
  std::map<std::string, Env> topic_env;
  for (const EventTopic& t : spec.events.topics) {
    topic_names.push_back(t.name);
    Env e = env_of(spec, t.account, t.region, fmt::format("topic '{}'", t.name), t.location, diags);
    if (e.account != nullptr) topic_env[t.name] = e;
  }
  std::map<std::string, Env> queue_env;
  for (const EventQueue& q : spec.events.queues) {
    Env e = env_of(spec, q.account, q.region, fmt::format("queue '{}'", q.name), q.location, diags);
    if (e.account != nullptr) queue_env[q.name] = e;
    if (q.dead_letter_retention_days.value < q.retention_days.value) {
      diags.error(q.dead_letter_retention_days.location.valid() ? q.dead_letter_retention_days.location : q.location,
                  fmt::format("queue '{}' keeps messages {} days but its dead-letter queue only {}: SQS counts a "
                              "message's age from its first enqueue, so it would expire on arrival",
                              q.name, q.retention_days.value, q.dead_letter_retention_days.value));
    }
    if (!q.consumer.value.empty() && e.account != nullptr && q.consumer.value.rfind("arn:", 0) != 0) {
      check_function_ref(spec, fmt::format("queue '{}'", q.name), e, q.consumer, diags);
      const Function* fn = spec.functions.find(q.consumer.value);
      if (fn != nullptr && fn->timeout.value > q.visibility_timeout.value) {
        // Lambda refuses the event source mapping otherwise: a message must stay
        // hidden while the function works on it.
        diags.error(q.visibility_timeout.location.valid() ? q.visibility_timeout.location : q.consumer.location,
                    fmt::format("queue '{}' hides a received message for {} seconds, less than the {} second timeout "
                                "of its consumer '{}'; raise 'visibility_timeout' to at least {}",
                                q.name, q.visibility_timeout.value, fn->timeout.value, fn->name, fn->timeout.value));
      }
    } else if (!q.consumer.value.empty() && e.account != nullptr) {
      auto arn = parse_arn(q.consumer.value, kLambdaArn);
      if (!arn) {
        diags.error(q.consumer.location, fmt::format("'consumer' must be a function of this spec or a Lambda function "
                                                     "ARN (arn:aws:lambda:REGION:ACCOUNT:function:NAME), got '{}'",
                                                     q.consumer.value));
      } else if (arn->region != e.region) {
        diags.error(q.consumer.location, fmt::format("queue '{}' lives in {}; a Lambda function polls queues of its "
                                                     "own region only, got one in {}",
                                                     q.name, e.region, arn->region));
      }
    }
  }

  std::map<std::string, Env> destination_env;
  for (const ApiDestination& d : spec.events.destinations) {
    Env e = env_of(spec, d.account, d.region, fmt::format("destination '{}'", d.name), d.location, diags);
    if (e.account != nullptr) destination_env[d.name] = e;
    if (destination_name(spec, d).size() > 64) {
      diags.error(d.location, fmt::format("destination '{}' would be named '{}', longer than the 64 characters "
                                          "EventBridge allows; shorten its name",
                                          d.name, destination_name(spec, d)));
    }
  }

  for (const EventRule& r : spec.events.rules) {
    const std::string what = fmt::format("rule '{}'", r.name);
    Env env;
    if (!r.bus.value.empty()) {
      if (spec.events.find_bus(r.bus.value) == nullptr) {
        diags.error(r.bus.location, fmt::format("rule '{}' refers to bus '{}', which is not defined{}", r.name,
                                                r.bus.value, did_you_mean(r.bus.value, bus_names)));
        continue;
      }
      if (const EventBus* bus = spec.events.find_bus(r.bus.value); bus->foreign) {
        diags.error(r.bus.location, fmt::format("rule '{}' is on bus '{}', an existing bus of account {}, which is "
                                                "not in this spec: a rule lives in its bus's account; define the "
                                                "rule there, or route events to the bus with a rule target",
                                                r.name, bus->name, aws::arn_part(bus->existing_arn.value, 4)));
        continue;
      }
      for (const Located<std::string>* k : {&r.account, &r.region}) {
        if (k->value.empty()) continue;
        diags.error(k->location, fmt::format("rule '{}' lives where its bus '{}' lives; remove '{}'", r.name,
                                             r.bus.value, k == &r.account ? "account" : "region"));
      }
      auto it = bus_env.find(r.bus.value);
      if (it == bus_env.end()) continue;
      env = it->second;
    } else {
      env = env_of(spec, r.account, r.region, what, r.location, diags);
      if (env.account == nullptr) continue;
    }
    if (!r.pattern && r.schedule.value.empty()) {
      diags.error(r.location, fmt::format("rule '{}' needs a 'pattern' or a 'schedule'", r.name));
    }
    if (r.pattern && !r.schedule.value.empty()) {
      diags.error(r.schedule.location, fmt::format("rule '{}' has both a pattern and a schedule; EventBridge rules "
                                                   "take one of them",
                                                   r.name));
    }
    if (!r.schedule.value.empty() && !r.bus.value.empty()) {
      diags.error(r.schedule.location, fmt::format("rule '{}' has a schedule, which EventBridge runs only on the "
                                                   "default bus; remove 'bus' or use a pattern",
                                                   r.name));
    }
    if (r.targets.size() > 5) {
      diags.error(r.targets[5].location, fmt::format("rule '{}' has {} targets; EventBridge allows 5 per rule",
                                                     r.name, r.targets.size()));
    }
    std::set<std::string> seen;
    for (const RuleTarget& t : r.targets) {
      if (!seen.insert(fmt::format("{}:{}", to_string(t.kind), t.value.value)).second) {
        diags.error(t.location, fmt::format("rule '{}' targets {} '{}' twice", r.name, to_string(t.kind), t.value.value));
        continue;
      }
      switch (t.kind) {
        case TargetKind::queue: {
          if (spec.events.find_queue(t.value.value) == nullptr) {
            diags.error(t.value.location, fmt::format("rule '{}' refers to queue '{}', which is not defined{}", r.name,
                                                      t.value.value, did_you_mean(t.value.value, queue_names)));
            break;
          }
          auto it = queue_env.find(t.value.value);
          if (it != queue_env.end() && !(it->second == env)) {
            diags.error(t.value.location, fmt::format("rule '{}' ({}) cannot send to queue '{}' ({}): give the queue "
                                                      "the rule's account and region, or forward to a bus there",
                                                      r.name, env.str(), t.value.value, it->second.str()));
          }
          break;
        }
        case TargetKind::lambda: {
          if (!t.is_arn()) {
            check_function_ref(spec, what, env, t.value, diags);
            break;
          }
          auto arn = parse_arn(t.value.value, kLambdaArn);
          if (!arn) {
            diags.error(t.value.location, fmt::format("'lambda' must be a function ARN "
                                                      "(arn:aws:lambda:REGION:ACCOUNT:function:NAME), got '{}'",
                                                      t.value.value));
          } else if (arn->region != env.region || arn->account != env.account->id.value) {
            diags.error(t.value.location, fmt::format("rule '{}' ({}) can invoke Lambda functions of its own account "
                                                      "({}) and region only; forward the events to a bus there",
                                                      r.name, env.str(), env.account->id.value));
          }
          break;
        }
        case TargetKind::topic: {
          if (!t.is_arn()) {
            const EventTopic* topic = spec.events.find_topic(t.value.value);
            if (topic == nullptr) {
              diags.error(t.value.location, fmt::format("rule '{}' refers to topic '{}', which is not defined (write "
                                                        "a topic of this spec or an SNS topic ARN){}",
                                                        r.name, t.value.value, did_you_mean(t.value.value, topic_names)));
            } else if (auto it = topic_env.find(topic->name); it != topic_env.end() && !(it->second == env)) {
              diags.error(t.value.location, fmt::format("rule '{}' ({}) cannot publish to topic '{}' ({}): give the "
                                                        "topic the rule's account and region",
                                                        r.name, env.str(), topic->name, it->second.str()));
            }
            break;
          }
          auto arn = parse_arn(t.value.value, kTopicArn);
          if (!arn) {
            diags.error(t.value.location, fmt::format("'topic' must be an SNS topic ARN "
                                                      "(arn:aws:sns:REGION:ACCOUNT:NAME), got '{}'",
                                                      t.value.value));
          } else if (arn->region != env.region) {
            diags.error(t.value.location, fmt::format("rule '{}' ({}) can publish to SNS topics of its own region "
                                                      "only, got one in {}",
                                                      r.name, env.str(), arn->region));
          }
          break;
        }
        case TargetKind::bus: {
          if (t.value.value.rfind("arn:", 0) == 0) {
            if (!parse_arn(t.value.value, kBusArn)) {
              diags.error(t.value.location, fmt::format("'bus' must be a bus of this spec or an event bus ARN "
                                                        "(arn:aws:events:REGION:ACCOUNT:event-bus/NAME), got '{}'",
                                                        t.value.value));
            }
            break;
          }
          const EventBus* target = spec.events.find_bus(t.value.value);
          if (target == nullptr) {
            diags.error(t.value.location, fmt::format("rule '{}' refers to bus '{}', which is not defined{}", r.name,
                                                      t.value.value, did_you_mean(t.value.value, bus_names)));
            break;
          }
          if (t.value.value == r.bus.value) {
            diags.error(t.value.location, fmt::format("rule '{}' forwards to its own bus '{}', which would loop",
                                                      r.name, r.bus.value));
            break;
          }
          auto it = bus_env.find(target->name);
          if (it == bus_env.end() || it->second.account == env.account) break;
          bool allowed = false;
          for (const auto& a : target->allow_accounts) {
            if (a.value == env.account->name || a.value == env.account->id.value) allowed = true;
          }
          if (!allowed) {
            diags.error(t.value.location, fmt::format("bus '{}' does not let account {} put events; add {} to its "
                                                      "allow_put_events_from",
                                                      target->name, env.account->name, env.account->name));
          }
          break;
        }
        case TargetKind::destination: {
          if (spec.events.find_destination(t.value.value) == nullptr) {
            diags.error(t.value.location, fmt::format("rule '{}' refers to destination '{}', which is not defined{}",
                                                      r.name, t.value.value,
                                                      did_you_mean(t.value.value, names_of(spec.events.destinations))));
            break;
          }
          auto it = destination_env.find(t.value.value);
          if (it != destination_env.end() && !(it->second == env)) {
            diags.error(t.value.location, fmt::format("rule '{}' ({}) cannot call destination '{}' ({}): give the "
                                                      "destination the rule's account and region",
                                                      r.name, env.str(), t.value.value, it->second.str()));
          }
          break;
        }
        case TargetKind::workflow: {
          const Workflow* w = spec.workflows.find(t.value.value);
          if (w == nullptr) {
            diags.error(t.value.location, fmt::format("rule '{}' refers to workflow '{}', which is not defined{}",
                                                      r.name, t.value.value,
                                                      did_you_mean(t.value.value, names_of(spec.workflows.items))));
            break;
          }
          Placement p = workflow_placement(spec, *w);
          if (p.known() && p != env) {
            diags.error(t.value.location, fmt::format("rule '{}' ({}) cannot start workflow '{}' ({}): give the "
                                                      "workflow the rule's account and region",
                                                      r.name, env.str(), w->name, p.str()));
          }
          break;
        }
      }
    }
  }
}

}  // namespace aip::spec
