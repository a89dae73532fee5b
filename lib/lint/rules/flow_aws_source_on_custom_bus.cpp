// AIP-FLOW-001: an EventBridge rule on a custom event bus that matches events of an AWS service
// (`source: aws.sagemaker`, ...) while nothing forwards such events to that bus. AWS services put
// their events only on each account's default bus, so the rule never fires (issue #21: seed 002's
// promotion chain matched SageMaker events on custom buses).
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace flow_aws_source_on_custom_bus {

bool is_service_source(const Json& s) {
  if (!s.is_string()) return false;
  const std::string& v = s.get_ref<const std::string&>();
  // Partner event sources (aws.partner/...) publish to partner buses, which are custom buses.
  return v.rfind("aws.", 0) == 0 && v.rfind("aws.partner/", 0) != 0;
}

// The first AWS service source the pattern matches, or "".
std::string service_source(const Json& pattern) {
  const Json* source = member(pattern, "source");
  if (source == nullptr) return "";
  if (is_service_source(*source)) return source->get<std::string>();
  if (source->is_array()) {
    for (const Json& s : *source) {
      if (is_service_source(s)) return s.get<std::string>();
    }
  }
  return "";
}

// The bus a rule is on, when the template says it exactly: its name, and the logical id of the
// bus resource when it is one of the input's. {"", ""} for the default bus or an unknown one.
struct Bus {
  std::string name;
  std::string logical_id;
  const Template* tmpl = nullptr;
};

std::optional<Bus> custom_bus_of(const Context& ctx, const ResourceRef& rule) {
  const Json* bus = member(rule.properties(), "EventBusName");
  if (bus == nullptr) return std::nullopt;  // the default bus
  if (bus->is_string()) {
    const std::string& v = bus->get_ref<const std::string&>();
    if (v == "default" || (v.size() >= 18 && v.compare(v.size() - 18, 18, ":event-bus/default") == 0)) {
      return std::nullopt;
    }
    return Bus{v.substr(v.rfind('/') == std::string::npos ? 0 : v.rfind('/') + 1), "", rule.tmpl};
  }
  std::optional<ResourceRef> target = ctx.resolve(*rule.tmpl, *bus);
  if (!target || target->type() != "AWS::Events::EventBus") return std::nullopt;  // not knowable: stay quiet
  const Json* name = member(target->properties(), "Name");
  return Bus{name != nullptr && name->is_string() ? name->get<std::string>() : "", target->logical_id,
             target->tmpl};
}

// Whether a value (a target ARN, a policy's bus name) names the bus.
bool names_bus(const Context& ctx, const Template& t, const Json& value, const Bus& bus) {
  if (std::optional<ResourceRef> r = ctx.resolve(t, value)) {
    if (!bus.logical_id.empty() && r->tmpl == bus.tmpl && r->logical_id == bus.logical_id) return true;
    const Json* name = member(r->properties(), "Name");
    return !bus.name.empty() && r->type() == "AWS::Events::EventBus" && name != nullptr && *name == bus.name;
  }
  if (bus.name.empty()) return false;
  const std::string text = value.is_string() ? value.get<std::string>() : value.dump();
  return text == bus.name || text.find("event-bus/" + bus.name) != std::string::npos;
}

// Something delivers other buses' events to this one: a rule targeting it, or a policy on it
// (an EventBusPolicy, or the bus's own Policy) that lets other accounts put events.
bool receives_forwarded_events(const Context& ctx, const Bus& bus) {
  for (const ResourceRef& r : ctx.resources("AWS::Events::Rule")) {
    const Json* targets = member(r.properties(), "Targets");
    if (targets == nullptr || !targets->is_array()) continue;
    for (const Json& target : *targets) {
      const Json* arn = member(target, "Arn");
      if (arn != nullptr && names_bus(ctx, *r.tmpl, *arn, bus)) return true;
    }
  }
  for (const ResourceRef& p : ctx.resources("AWS::Events::EventBusPolicy")) {
    const Json* name = member(p.properties(), "EventBusName");
    if (name != nullptr && names_bus(ctx, *p.tmpl, *name, bus)) return true;
  }
  if (!bus.logical_id.empty()) {
    std::optional<ResourceRef> b = ctx.find(*bus.tmpl, bus.logical_id);
    if (b && member(b->properties(), "Policy") != nullptr) return true;
  }
  return false;
}

void check(Context& ctx) {
  for (const ResourceRef& rule : ctx.resources("AWS::Events::Rule")) {
    const Json* pattern = member(rule.properties(), "EventPattern");
    if (pattern == nullptr || !pattern->is_object()) continue;
    const std::string source = service_source(*pattern);
    if (source.empty()) continue;
    std::optional<Bus> bus = custom_bus_of(ctx, rule);
    if (!bus || receives_forwarded_events(ctx, *bus)) continue;
    ctx.report(rule, Path{"Properties", "EventPattern", "source"},
               fmt::format("rule {} matches {} events on custom bus {}, but AWS services send their events only "
                           "to the default bus and nothing forwards them here: the rule never fires",
                           rule.display(), source, bus->name.empty() ? bus->logical_id : bus->name));
  }
}

}  // namespace flow_aws_source_on_custom_bus

const Rule& rule_flow_aws_source_on_custom_bus() {
  static const Rule rule{
      {"AIP-FLOW-001", "event rule on a custom bus matching an AWS service that publishes only to the default bus",
       Severity::error,
       {"flow"},
       "AWS services (SageMaker, S3, EC2, CodePipeline, ...) put their events on the default event bus of the "
       "account they run in, never on a custom bus. A rule on a custom bus that matches `source: aws.<service>` "
       "therefore never fires unless another rule forwards those events to the bus (cross-account or from the "
       "default bus): the flow it starts is dead on arrival, and nothing reports it at deploy time.",
       "Put the rule on the default bus (drop EventBusName), or add a rule on the default bus of each producing "
       "account that forwards the events to this bus. In a spec: rules matching AWS services go on `bus: default`; "
       "a custom bus receives them through `forward:` rules from each account's default bus."},
      &flow_aws_source_on_custom_bus::check};
  return rule;
}

}  // namespace aip::lint
