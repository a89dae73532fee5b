// The `edge:` area rendered into its stack: WAFv2 web ACLs with their rules,
// logging to CloudWatch Logs and association with load balancers.
#include <fmt/format.h>

#include "base/arn.hpp"
#include "cfn/intrinsics.hpp"
#include "cfn/logical_id.hpp"
#include "plan/names.hpp"
#include "plan/plan.hpp"
#include "plan/resource_helpers.hpp"
#include "spec/placement.hpp"

namespace aip::plan {
namespace {

using cfn::Json;
namespace fn = cfn::intrinsic;

Json visibility(const std::string& metric) {
  return {{"CloudWatchMetricsEnabled", true}, {"MetricName", metric}, {"SampledRequestsEnabled", true}};
}

Json blocking_rule(const std::string& acl_metric, const std::string& name, int priority, Json statement) {
  return {{"Name", name},
          {"Priority", priority},
          {"Action", {{"Block", Json::object()}}},
          {"Statement", std::move(statement)},
          {"VisibilityConfig", visibility(acl_metric + "-" + name)}};
}

const char* aws_name(const std::string& short_name) {
  for (const spec::ManagedRuleGroup& g : spec::managed_rule_groups()) {
    if (short_name == g.short_name) return g.aws_name;
  }
  return "";
}

Json rules_of(const spec::WebAcl& acl, const std::string& metric) {
  Json rules = Json::array();
  // Cheap, decisive rules first: where a request comes from, how often, how big.
  if (!acl.geo_allow.empty() || !acl.geo_block.empty()) {
    bool allow = !acl.geo_allow.empty();
    Json codes = Json::array();
    for (const auto& c : allow ? acl.geo_allow : acl.geo_block) codes.push_back(c.value);
    Json geo = {{"GeoMatchStatement", {{"CountryCodes", codes}}}};
    rules.push_back(allow ? blocking_rule(metric, "geo-allow", 0, {{"NotStatement", {{"Statement", geo}}}})
                          : blocking_rule(metric, "geo-block", 0, geo));
  }
  if (acl.rate_limit.value > 0) {
    rules.push_back(blocking_rule(metric, "rate-limit", 1,
                                  {{"RateBasedStatement",
                                    {{"Limit", acl.rate_limit.value},
                                     {"AggregateKeyType", "IP"},
                                     {"EvaluationWindowSec", 300}}}}));
  }
  if (acl.max_body_kb.value > 0) {
    // The limit is never above what WAF inspects, so a body too large to
    // inspect is also too large: oversize bodies match.
    rules.push_back(blocking_rule(metric, "body-size-limit", 2,
                                  {{"SizeConstraintStatement",
                                    {{"FieldToMatch", {{"Body", {{"OversizeHandling", "MATCH"}}}}},
                                     {"ComparisonOperator", "GT"},
                                     {"Size", acl.max_body_kb.value * 1024},
                                     {"TextTransformations", Json::array({{{"Priority", 0}, {"Type", "NONE"}}})}}}}));
  }
  int priority = 10;
  for (const auto& m : acl.managed_rules) {
    std::string name = "aws-" + m.value;
    rules.push_back({{"Name", name},
                     {"Priority", priority++},
                     {"OverrideAction", {{"None", Json::object()}}},
                     {"Statement", {{"ManagedRuleGroupStatement", {{"VendorName", "AWS"}, {"Name", aws_name(m.value)}}}}},
                     {"VisibilityConfig", visibility(metric + "-" + name)}});
  }
  return rules;
}

void plan_web_acl(const spec::Spec& spec, cfn::Assembly& assembly, const spec::WebAcl& acl) {
  const spec::Account& account = account_of(spec, acl.account);
  // CloudFront web ACLs live with the distributions they protect (plan/cdn.cpp),
  // in us-east-1: the edge stack depends on the compute stack (associations),
  // which may depend on the storage stack, which imports distribution ids.
  cfn::Stack& stack = acl.cloudfront() ? stack_for(assembly, spec, kLayerCdn, account, "us-east-1")
                                       : stack_for(assembly, spec, kLayerEdge, account, acl.region.value);
  const std::string id = web_acl_id(acl.name);
  const std::string metric = fmt::format("{}-{}", spec.name.value, acl.name);

  cfn::Resource r;
  r.logical_id = id;
  r.type = "AWS::WAFv2::WebACL";
  r.provenance = acl.location;
  r.properties = {{"Name", metric},
                  {"Scope", acl.cloudfront() ? "CLOUDFRONT" : "REGIONAL"},
                  {"Description", fmt::format("Web ACL {} of platform {}", acl.name, spec.name.value)},
                  {"DefaultAction", {{acl.default_action.value == "block" ? "Block" : "Allow", Json::object()}}},
                  {"VisibilityConfig", visibility(metric)},
                  {"Rules", rules_of(acl, metric)}};
  // CloudFront and API Gateway inspect 16 KB of a body unless raised (the
  // reader allows more only for them); load balancers always 8 KB.
  if (acl.max_body_kb.value > 16) {
    int limit = (acl.max_body_kb.value + 15) / 16 * 16;
    r.properties["AssociationConfig"] = {
        {"RequestBody",
         {{acl.cloudfront() ? "CLOUDFRONT" : "API_GATEWAY", {{"DefaultSizeInspectionLimit", fmt::format("KB_{}", limit)}}}}}};
  }
  for (const auto& [k, v] : acl.tags) r.tags[k] = v.value;
  stack.add(std::move(r));

  const spec::WafLogging& log = acl.logging;
  if (log.enabled) {
    Location where = log.location.valid() ? log.location : acl.location;
    const std::string group = id + "LogGroup";
    cfn::Resource g;
    g.logical_id = group;
    g.type = "AWS::Logs::LogGroup";
    g.provenance = where;
    g.properties = {{"LogGroupName", !log.log_group.value.empty() ? log.log_group.value
                                                                   : "aws-waf-logs-" + metric},
                    {"RetentionInDays", log.retention_days.value}};
    // WAF logs are security evidence: keep them when the stack goes away.
    g.deletion_policy = "Retain";
    for (const auto& [k, v] : acl.tags) g.tags[k] = v.value;
    stack.add(std::move(g));

    cfn::Resource c;
    c.logical_id = id + "Logging";
    c.type = "AWS::WAFv2::LoggingConfiguration";
    c.provenance = where;
    // WAF wants the log group's ARN without the ":*" that GetAtt Arn ends with.
    c.properties = {{"ResourceArn", fn::get_att(id, "Arn")},
                    {"LogDestinationConfigs",
                     Json::array({log_group_arn(group)})}};
    if (!log.redact_headers.empty()) {
      Json fields = Json::array();
      for (const auto& h : log.redact_headers) fields.push_back({{"SingleHeader", {{"Name", h.value}}}});
      c.properties["RedactedFields"] = fields;
    }
    if (log.requests.value == "blocked") {
      c.properties["LoggingFilter"] = {
          {"DefaultBehavior", "DROP"},
          {"Filters", Json::array({{{"Behavior", "KEEP"},
                                    {"Requirement", "MEETS_ANY"},
                                    {"Conditions", Json::array({{{"ActionCondition", {{"Action", "BLOCK"}}}}})}}})}};
    }
    stack.add(std::move(c));
  }

  for (const auto& lb_name : acl.load_balancers) {
    const spec::LoadBalancer* lb = nullptr;
    for (const spec::LoadBalancer& l : spec.compute.load_balancers) {
      if (l.name == lb_name.value) lb = &l;
    }
    const spec::Vpc* vpc = lb != nullptr ? spec.find_vpc(lb->vpc.value) : nullptr;
    if (vpc == nullptr) continue;  // check_edge reported it
    cfn::Stack& compute = stack_for(assembly, spec, kLayerCompute, account_of(spec, vpc->account), vpc->region.value);
    cfn::Resource a;
    a.logical_id = id + cfn::pascal_case(lb_name.value) + "Association";
    a.type = "AWS::WAFv2::WebACLAssociation";
    a.provenance = lb_name.location;
    a.properties = {{"ResourceArn", assembly.get_att(stack, compute, load_balancer_id(lb_name.value), "LoadBalancerArn")},
                    {"WebACLArn", fn::get_att(id, "Arn")}};
    stack.add(std::move(a));
  }

  for (const auto& api_name : acl.apis) {
    const spec::RestApi* api = spec.api.find(api_name.value);
    spec::Placement where = spec::api_placement(spec, *api);
    cfn::Stack& api_stack = stack_for(assembly, spec, kLayerApi, *where.account, where.region);
    cfn::Resource a;
    a.logical_id = id + cfn::pascal_case(api_name.value) + "ApiAssociation";
    a.type = "AWS::WAFv2::WebACLAssociation";
    a.provenance = api_name.location;
    // A REST API is protected stage by stage.
    a.properties = {{"ResourceArn",
                     Json{{"Fn::Sub",
                           Json::array({aws::arn(aws::kThisPartition, "apigateway", aws::kThisRegion, "",
                                                 "/restapis/${Api}/stages/${Stage}"),
                                        {{"Api", assembly.ref(stack, api_stack, rest_api_id(api->name))},
                                         {"Stage", assembly.ref(stack, api_stack, api_stage_id(api->name))}}})}}},
                    {"WebACLArn", fn::get_att(id, "Arn")}};
    stack.add(std::move(a));
  }
}

}  // namespace

void plan_edge(const spec::Spec& spec, cfn::Assembly& assembly) {
  for (const spec::WebAcl& acl : spec.edge.web_acls) plan_web_acl(spec, assembly, acl);
}

}  // namespace aip::plan
