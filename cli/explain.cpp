// `aip explain ID`: the documentation of a lint rule, or of a topic: the three
// ways out for what the spec does not model (raw resources, overrides,
// existing infrastructure) and when to use which.
#include <algorithm>
#include <cctype>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "exit_codes.hpp"
#include "base/did_you_mean.hpp"
#include "lint/lint.hpp"
#include "lint/reporters/reporters.hpp"

namespace aip::cli {
namespace explain_topics {

// One text for the three topics: choosing among them is the point.
constexpr const char* kWayOut =
    "Three ways out for what the spec does not model\n"
    "\n"
    "  overrides:  a setting of a resource aip renders that the spec has no key for.\n"
    "              Patches on the element's resources, applied last and validated:\n"
    "                buckets: {data: {overrides: {DataBucket: {Properties.ObjectLockEnabled: true}}}}\n"
    "              docs/resources.md, examples/overrides.yaml\n"
    "\n"
    "  resources:  a resource aip does not render at all (any of the bundled CloudFormation\n"
    "              types), referring to spec elements with !ref, !arn, !attr and !sub KIND:NAME:\n"
    "                resources: {guardrail: {type: AWS::Bedrock::Guardrail, properties: {...}}}\n"
    "              docs/resources.md, examples/resources.yaml\n"
    "\n"
    "  existing:   something already deployed elsewhere that the platform builds on: a VPC,\n"
    "              security group, bucket, event bus, user pool or role. aip creates nothing\n"
    "              of it; references, grants and placements use its literal id or ARN (or an\n"
    "              SSM parameter read at deploy time: {ssm: /landing-zone/vpc/id}):\n"
    "                vpcs: {shared: {cidr: 10.40.0.0/16, existing: {id: vpc-..., subnets: {...}}}}\n"
    "              docs/existing.md, examples/existing.yaml\n"
    "\n"
    "Which one:\n"
    "  - aip renders the resource, and you need one more property: overrides.\n"
    "  - aip does not render that kind of resource: resources.\n"
    "  - the resource exists and another team or stack owns it: existing (never a raw\n"
    "    resource or an import: aip must not manage what it does not own).\n"
    "All three stay checked: the bundled schemas, lint and diff see them, and errors and\n"
    "findings point at the spec line.\n";

const std::vector<std::string>& names() {
  static const std::vector<std::string> n = {"existing", "overrides", "resources"};
  return n;
}

}  // namespace explain_topics

void add_explain_command(CLI::App& app, int& exit_code) {
  auto id = std::make_shared<std::string>();
  auto format = std::make_shared<std::string>("text");
  auto* cmd = app.add_subcommand("explain", "Print the documentation of a lint rule: why it matters and how to fix it");
  cmd->add_option("rule", *id, "Rule id, e.g. AIP-IAM-001, or a topic: resources, overrides, existing")->required();
  cmd->add_option("-f,--format", *format, "Output: text (default) or json")->check(CLI::IsMember({"text", "json"}));
  cmd->footer(
      "Examples:\n"
      "  aip explain AIP-IAM-001\n"
      "  aip explain aip-net-003 --format json\n"
      "  aip explain existing        (raw resources, overrides or existing infrastructure: which one)\n\n"
      "Exit codes: 0 printed, 2 no such rule.");
  cmd->callback([id, format, &exit_code] {
    std::string topic = *id;
    std::transform(topic.begin(), topic.end(), topic.begin(), [](unsigned char c) { return std::tolower(c); });
    const auto& topics = explain_topics::names();
    if (std::find(topics.begin(), topics.end(), topic) != topics.end()) {
      if (*format == "json") {
        fmt::print("{}\n", nlohmann::json{{"topic", topic}, {"text", explain_topics::kWayOut}}.dump(2));
      } else {
        fmt::print("{}", explain_topics::kWayOut);
      }
      exit_code = kExitOk;
      return;
    }
    const lint::Rule* rule = lint::find_rule(*id);
    if (rule == nullptr) {
      std::vector<std::string> ids = topics;
      for (const lint::Rule* r : lint::all_rules()) ids.push_back(r->info.id);
      fmt::print(stderr, "aip: error: no lint rule '{}'{}\naip: `aip rules` lists them all\n", *id, did_you_mean(*id, ids, Quote::double_));
      exit_code = kExitInput;
      return;
    }
    if (*format == "json") {
      fmt::print("{}\n", lint::rule_json(*rule).dump(2));
    } else {
      fmt::print("{}", lint::explain_text(*rule));
    }
    exit_code = kExitOk;
  });
}

}  // namespace aip::cli
