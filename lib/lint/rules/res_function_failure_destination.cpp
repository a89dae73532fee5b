// AIP-RES-016: a Lambda function that a service invokes asynchronously but that
// keeps no failed event: no dead-letter queue and no on-failure destination
// (checkov CKV_AWS_116, which asks every function for a DLQ).
#include <map>
#include <optional>
#include <set>
#include <string>

#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace res_function_failure_destination {

// Services that invoke a function asynchronously (Lambda queues the event, retries twice, then drops it).
bool invokes_asynchronously(const std::string& principal) {
  static const std::set<std::string> kAsync = {
      "s3.amazonaws.com",     "sns.amazonaws.com",        "events.amazonaws.com",
      "logs.amazonaws.com",   "ses.amazonaws.com",        "iot.amazonaws.com",
      "config.amazonaws.com", "codecommit.amazonaws.com", "lambda.alarms.cloudwatch.amazonaws.com"};
  return kAsync.count(principal) != 0 || (principal.rfind("logs.", 0) == 0 && principal.ends_with(".amazonaws.com"));
}

// A function of the input by its FunctionName: a name, a partial ARN or a full ARN (an alias or version
// qualifier dropped), as aip writes it for a function of another stack.
std::optional<ResourceRef> function_named(const Context& ctx, std::string text) {
  if (const auto at = text.find("function:"); at != std::string::npos) text = text.substr(at + 9);
  if (const auto colon = text.find(':'); colon != std::string::npos) text = text.substr(0, colon);
  for (const ResourceRef& f : ctx.resources("AWS::Lambda::Function")) {
    const Json* name = member(f.properties(), "FunctionName");
    if (name != nullptr && name->is_string() && name->get<std::string>() == text) return f;
  }
  return std::nullopt;
}

// The function a FunctionName designates: itself, or the function of an alias or version.
std::optional<ResourceRef> function_of(const Context& ctx, const ResourceRef& from, const Json& name) {
  if (name.is_string()) return function_named(ctx, name.get<std::string>());
  auto r = ctx.resolve(*from.tmpl, name);
  for (int hops = 0; r && hops < 2; ++hops) {
    if (r->type() == "AWS::Lambda::Function") return r;
    if (r->type() != "AWS::Lambda::Alias" && r->type() != "AWS::Lambda::Version") return std::nullopt;
    const Json* target = member(r->properties(), "FunctionName");
    if (target == nullptr) return std::nullopt;
    r = ctx.resolve(*r->tmpl, *target);
  }
  return std::nullopt;
}

void check(Context& ctx) {
  // Functions with an on-failure destination (AWS::Lambda::EventInvokeConfig).
  std::set<std::pair<const Template*, std::string>> with_destination;
  for (const ResourceRef& c : ctx.resources("AWS::Lambda::EventInvokeConfig")) {
    const Json* name = member(c.properties(), "FunctionName");
    if (name == nullptr || member_path(c.properties(), {"DestinationConfig", "OnFailure", "Destination"}) == nullptr) {
      continue;
    }
    if (auto f = function_of(ctx, c, *name)) with_destination.insert({f->tmpl, f->logical_id});
  }
  // Asynchronously invoked functions, each with the first permission that says so.
  std::map<std::pair<const Template*, std::string>, std::pair<ResourceRef, ResourceRef>> async;
  for (const ResourceRef& p : ctx.resources("AWS::Lambda::Permission")) {
    const Json* principal = member(p.properties(), "Principal");
    const Json* name = member(p.properties(), "FunctionName");
    if (principal == nullptr || !principal->is_string() || name == nullptr) continue;
    if (!invokes_asynchronously(principal->get<std::string>())) continue;
    if (auto f = function_of(ctx, p, *name)) async.try_emplace({f->tmpl, f->logical_id}, *f, p);
  }
  for (const auto& [key, found] : async) {
    const auto& [f, permission] = found;
    if (member_path(f.properties(), {"DeadLetterConfig", "TargetArn"}) != nullptr) continue;
    if (with_destination.count(key) != 0) continue;
    const Json* principal = member(permission.properties(), "Principal");
    Finding& finding = ctx.report(
        f, {},
        fmt::format("function {} is invoked asynchronously by {} but keeps no failed event: it has no "
                    "DeadLetterConfig and no on-failure destination, so an event that fails three times is dropped",
                    f.display(), principal->get<std::string>()));
    finding.note(ctx.locate(permission, {"Properties", "Principal"}), "asynchronous invoker allowed here");
  }
}

}  // namespace res_function_failure_destination

const Rule& rule_res_function_failure_destination() {
  static const Rule rule{
      {"AIP-RES-016", "Asynchronously invoked function without a dead-letter queue or failure destination",
       Severity::warning,
       {"resilience", "nist-800-53", "soc2", "iso27001"},
       "S3, SNS, EventBridge, CloudWatch Logs, SES, IoT and Config invoke a function asynchronously: Lambda queues "
       "the event, retries twice and then discards it, unless the function has a dead-letter queue "
       "(DeadLetterConfig) or an EventInvokeConfig with an on-failure destination. Without either, an upload "
       "that was never indexed or a notification that was never sent leaves no trace to replay (checkov "
       "CKV_AWS_116). checkov asks every function for a DLQ; aip reports the functions a template lets a service "
       "invoke asynchronously, since synchronous callers (API Gateway, load balancers, Step Functions) receive "
       "the error themselves and never use a DLQ.",
       "Give the function DeadLetterConfig {TargetArn: a queue or topic} or an AWS::Lambda::EventInvokeConfig with "
       "DestinationConfig.OnFailure (aip specs: functions keep `dead_letter: true`, the default)."},
      &res_function_failure_destination::check};
  return rule;
}

}  // namespace aip::lint
