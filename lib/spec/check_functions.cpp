// Checks of the `functions:` area across elements and areas: VPC placement,
// code buckets, grants on other areas' elements, environment variables.
#include <algorithm>
#include <cctype>
#include <set>

#include <fmt/format.h>

#include "base/did_you_mean.hpp"
#include "base/pattern.hpp"
#include "spec/load.hpp"
#include "spec/placement.hpp"
#include "spec/regions.hpp"
#include "spec/tables.hpp"

namespace aip::spec {
namespace {

bool is_provided(const std::string& runtime) { return runtime.rfind("provided.", 0) == 0; }
bool takes_inline(const std::string& runtime) {
  return runtime.rfind("python", 0) == 0 || runtime.rfind("nodejs", 0) == 0;
}
// A referenced element must be deployed where the function runs.
void check_same_place(const Function& fn, const Placement& mine, const Placement& theirs, std::string_view kind,
                      const Located<std::string>& ref, Location declared, Diagnostics& diags) {
  if (!mine.known() || !theirs.known() || mine == theirs) return;
  Diagnostic& d = diags.error(ref.location, fmt::format("function '{}' ({}) cannot use {} '{}' ({}); use one of its "
                                                        "own account and region",
                                                        fn.name, mine.str(), kind, ref.value, theirs.str()));
  d.notes.push_back({Severity::note, declared, fmt::format("{} declared here", kind), {}});
}

void check_vpc_placement(const Spec& spec, const Function& fn, Diagnostics& diags) {
  if (!fn.tier.value.empty() && fn.vpc.value.empty()) {
    diags.error(fn.tier.location, fmt::format("function '{}' names a tier but no 'vpc'", fn.name));
  }
  if (!fn.security_groups.empty() && fn.vpc.value.empty()) {
    diags.error(fn.security_groups.front().location,
                fmt::format("function '{}' names security groups but no 'vpc'", fn.name));
  }
  if (fn.vpc.value.empty()) return;
  for (const Located<std::string>* k : {&fn.account, &fn.region}) {
    if (k->value.empty()) continue;
    diags.error(k->location, fmt::format("function '{}' runs where its vpc '{}' is; remove '{}'", fn.name,
                                         fn.vpc.value, k == &fn.account ? "account" : "region"));
  }
  const Vpc* vpc = spec.find_vpc(fn.vpc.value);
  if (vpc == nullptr) {
    diags.error(fn.vpc.location, fmt::format("function '{}' refers to vpc '{}', which is not defined{}", fn.name,
                                             fn.vpc.value, did_you_mean(fn.vpc.value, names_of(spec.network.vpcs))));
    return;
  }
  if (!fn.tier.value.empty()) {
    auto t = std::find_if(vpc->tiers.begin(), vpc->tiers.end(), [&](const Tier& x) { return x.name == fn.tier.value; });
    if (t == vpc->tiers.end()) {
      diags.error(fn.tier.location, fmt::format("function '{}' refers to tier '{}', which vpc '{}' does not have{}",
                                                fn.name, fn.tier.value, vpc->name,
                                                did_you_mean(fn.tier.value, names_of(vpc->tiers))));
    } else if (t->kind == TierKind::public_) {
      // A function's network interfaces never get public addresses.
      diags.error(fn.tier.location, fmt::format("function '{}' cannot run in public tier '{}': Lambda functions get "
                                                "no public address there; use a private tier (with NAT or VPC "
                                                "endpoints)",
                                                fn.name, fn.tier.value));
    }
  } else if (std::none_of(vpc->tiers.begin(), vpc->tiers.end(), [](const Tier& t) { return t.kind == TierKind::private_; })) {
    diags.error(fn.vpc.location, fmt::format("function '{}' needs a private tier in vpc '{}', or 'tier: NAME'",
                                             fn.name, vpc->name));
  }
  for (const auto& g : fn.security_groups) {
    const SecurityGroup* sg = spec.find_security_group(g.value);
    if (sg == nullptr) {
      diags.error(g.location, fmt::format("function '{}' refers to security group '{}', which is not defined{}",
                                          fn.name, g.value,
                                          did_you_mean(g.value, names_of(spec.network.security_groups))));
    } else if (sg->vpc.value != vpc->name) {
      Diagnostic& d = diags.error(g.location, fmt::format("function '{}' (vpc '{}') cannot use security group '{}' "
                                                          "of vpc '{}'",
                                                          fn.name, vpc->name, g.value, sg->vpc.value));
      d.notes.push_back({Severity::note, sg->location, "security group declared here", {}});
    }
  }
}

void check_code(const Spec& spec, const Function& fn, const Placement& here, Diagnostics& diags) {
  const std::string& runtime = fn.runtime.value;
  if (!runtime.empty() && !is_provided(runtime) && fn.handler.value.empty()) {
    diags.error(fn.location, fmt::format("function '{}' needs a 'handler' for runtime {}, such as app.handler", fn.name,
                                         runtime));
  }
  if (fn.code.is_inline() && !runtime.empty() && !takes_inline(runtime)) {
    diags.error(fn.code.source.location, fmt::format("inline code works with python and nodejs runtimes only, not "
                                                     "{}; put the package in a bucket",
                                                     runtime));
  }
  if (fn.code.bucket.value.empty()) return;
  const Bucket* b = spec.storage.find(fn.code.bucket.value);
  if (b == nullptr) {
    diags.error(fn.code.bucket.location, fmt::format("function '{}' refers to bucket '{}', which is not defined{}",
                                                     fn.name, fn.code.bucket.value,
                                                     did_you_mean(fn.code.bucket.value, names_of(spec.storage.buckets))));
    return;
  }
  // Lambda reads the package in the function's region only.
  check_same_place(fn, here, place(spec, b->account, b->region), "bucket", fn.code.bucket, b->location, diags);
}

void check_grants(const Spec& spec, const Function& fn, const Placement& here, Diagnostics& diags) {
  for (const auto* list : {&fn.read_buckets, &fn.write_buckets}) {
    for (const auto& name : *list) {
      const Bucket* b = spec.storage.find(name.value);
      if (b == nullptr) {
        diags.error(name.location, fmt::format("function '{}' refers to bucket '{}', which is not defined{}", fn.name,
                                               name.value, did_you_mean(name.value, names_of(spec.storage.buckets))));
        continue;
      }
      check_same_place(fn, here, place(spec, b->account, b->region), "bucket", name, b->location, diags);
    }
  }
  for (const auto& name : fn.send_queues) {
    const EventQueue* q = spec.events.find_queue(name.value);
    if (q == nullptr) {
      diags.error(name.location, fmt::format("function '{}' refers to queue '{}', which is not defined{}", fn.name,
                                             name.value, did_you_mean(name.value, names_of(spec.events.queues))));
      continue;
    }
    check_same_place(fn, here, place(spec, q->account, q->region), "queue", name, q->location, diags);
  }
  for (const auto& name : fn.publish_topics) {
    const EventTopic* t = spec.events.find_topic(name.value);
    if (t == nullptr) {
      diags.error(name.location, fmt::format("function '{}' refers to topic '{}', which is not defined{}", fn.name,
                                             name.value, did_you_mean(name.value, names_of(spec.events.topics))));
      continue;
    }
    check_same_place(fn, here, place(spec, t->account, t->region), "topic", name, t->location, diags);
  }
  for (const auto& name : fn.put_events) {
    if (name.value == "default") continue;  // the account's default bus
    const EventBus* b = spec.events.find_bus(name.value);
    if (b == nullptr) {
      std::vector<std::string> names = names_of(spec.events.buses);
      names.push_back("default");
      diags.error(name.location, fmt::format("function '{}' refers to bus '{}', which is neither a bus of this spec "
                                             "nor 'default'{}",
                                             fn.name, name.value, did_you_mean(name.value, names)));
      continue;
    }
    if (b->existing()) continue;  // by its ARN, which reaches any account and region (docs/existing.md)
    check_same_place(fn, here, place(spec, b->account, b->region), "bus", name, b->location, diags);
  }
}

void check_environment(const Function& fn, Diagnostics& diags) {
  std::set<std::string> wired;
  for (const auto& q : fn.send_queues) wired.insert(wired_variable("QUEUE", q.value, "URL"));
  for (const auto& t : fn.publish_topics) wired.insert(wired_variable("TOPIC", t.value, "ARN"));
  for (const auto& b : fn.put_events) wired.insert(wired_variable("EVENT_BUS", b.value, "NAME"));
  for (const auto* list : {&fn.read_buckets, &fn.write_buckets}) {
    for (const auto& b : *list) wired.insert(wired_variable("BUCKET", b.value, "NAME"));
  }
  for (const auto* list : {&fn.tables.read, &fn.tables.write}) {
    for (const auto& t : *list) wired.insert(wired_variable("TABLE", t.value, "NAME"));
  }
  for (const auto& [k, v] : fn.environment) {
    if (wired.count(k.value) != 0) {
      diags.error(k.location, fmt::format("environment variable {} of function '{}' is set by aip from the function's "
                                          "grants; remove it",
                                          k.value, fn.name));
    }
  }
}

void check_function_deployment(const Spec& spec, const Function& fn, Diagnostics& diags) {
  if (!fn.deployment) return;
  std::vector<std::string> names;
  for (const Alarm& a : spec.observability.alarms) names.push_back(a.name);
  for (const Located<std::string>& alarm : fn.deployment->alarms) {
    if (std::find(names.begin(), names.end(), alarm.value) == names.end()) {
      diags.error(alarm.location, fmt::format("deployment of function '{}' rolls back on alarm '{}', which is not "
                                              "defined in observability.alarms{}",
                                              fn.name, alarm.value, did_you_mean(alarm.value, names)));
    }
  }
}

}  // namespace

void check_functions(const Spec& spec, Diagnostics& diags) {
  for (const Function& fn : spec.functions.items) {
    check_vpc_placement(spec, fn, diags);
    Placement here = fn.vpc.value.empty()
                         ? place(spec, fn.account, fn.region, fmt::format("function '{}'", fn.name), fn.location, diags)
                         : function_placement(spec, fn);
    const std::string lambda_name = function_name(spec, fn);
    if (lambda_name.size() > 64) {
      diags.error(fn.location, fmt::format("function '{}' would be named {} ({} characters); Lambda allows 64, so "
                                           "shorten the function or platform name",
                                           fn.name, lambda_name, lambda_name.size()));
    }
    check_code(spec, fn, here, diags);
    check_grants(spec, fn, here, diags);
    check_environment(fn, diags);
    check_function_deployment(spec, fn, diags);
    std::vector<std::string> roles;
    for (const IamRole& r : spec.iam.roles) roles.push_back(r.name);
    for (const auto& a : fn.assume) {
      if (spec.iam.named(a.value).empty()) {
        diags.error(a.location, fmt::format("function '{}' assumes '{}', which is not a role of the iam: area{}",
                                            fn.name, a.value, did_you_mean(a.value, roles)));
      }
    }
  }
}

}  // namespace aip::spec
