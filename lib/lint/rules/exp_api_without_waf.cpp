// AIP-EXP-009: a public REST API stage or an AppSync GraphQL API without a WAF
// web ACL (cdk-nag APIG3, checkov CKV2_AWS_33).
#include <algorithm>
#include <cctype>
#include <set>

#include <fmt/format.h>

#include "cfn/schema/intrinsics.hpp"
#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace exp_api_without_waf {

// Every resource a value refers to (Ref, GetAtt, ImportValue, ${Name} in
// Fn::Sub), and the literal text of its strings.
void collect(const Context& ctx, const Template& t, const Json& value, std::vector<ResourceRef>& refs,
             std::string& text) {
  if (value.is_string()) {
    text += value.get<std::string>() + "\n";
    return;
  }
  if (value.is_array()) {
    for (const Json& v : value) collect(ctx, t, v, refs, text);
    return;
  }
  if (!value.is_object()) return;
  if (auto r = ctx.resolve(t, value)) {
    refs.push_back(*r);
    return;
  }
  if (const Json* sub = member(value, "Fn::Sub")) {
    const Json* body = sub->is_array() && !sub->empty() ? &(*sub)[0] : sub;
    const Json* vars = sub->is_array() && sub->size() > 1 ? &(*sub)[1] : nullptr;
    if (body->is_string()) {
      std::string s = body->get<std::string>();
      for (const std::string& id : cfn::sub_references(s)) {
        // Only ${LogicalId}: attributes (${X.Arn}) and pseudo parameters name no resource here.
        if (!std::all_of(id.begin(), id.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)); })) continue;
        if (vars != nullptr && member(*vars, id) != nullptr) continue;
        if (auto r = ctx.find(t, id)) refs.push_back(*r);
      }
      text += s + "\n";
    }
    if (vars != nullptr) collect(ctx, t, *vars, refs, text);
    return;
  }
  for (const auto& [k, v] : value.items()) collect(ctx, t, v, refs, text);
}

bool is_private(const Context& ctx, const ResourceRef& stage) {
  const Json* api_id = member(stage.properties(), "RestApiId");
  if (api_id == nullptr) return false;
  auto api = ctx.resolve(*stage.tmpl, *api_id);
  if (!api) return false;
  const Json* types = member_path(api->properties(), {"EndpointConfiguration", "Types"});
  if (types == nullptr || !types->is_array()) return false;  // EDGE by default
  for (const Json& t : *types) {
    if (t == "PRIVATE") return true;
  }
  return false;
}

void check(Context& ctx) {
  // Stages that an association names: by reference, or as API + stage name.
  std::set<std::pair<const Template*, std::string>> named;
  std::vector<std::pair<std::vector<ResourceRef>, std::string>> associations;
  for (const char* type : {"AWS::WAFv2::WebACLAssociation", "AWS::WAFRegional::WebACLAssociation"}) {
    for (const ResourceRef& a : ctx.resources(type)) {
      const Json* arn = member(a.properties(), "ResourceArn");
      if (arn == nullptr) continue;
      std::vector<ResourceRef> refs;
      std::string text;
      collect(ctx, *a.tmpl, *arn, refs, text);
      for (const ResourceRef& r : refs) named.insert({r.tmpl, r.logical_id});
      associations.emplace_back(std::move(refs), std::move(text));
    }
  }
  auto protected_by_name = [&](const ResourceRef& stage) {
    const Json* api_id = member(stage.properties(), "RestApiId");
    const Json* name = member(stage.properties(), "StageName");
    if (api_id == nullptr || name == nullptr || !name->is_string()) return false;
    auto api = ctx.resolve(*stage.tmpl, *api_id);
    if (!api) return false;
    for (const auto& [refs, text] : associations) {
      bool names_api = false;
      for (const ResourceRef& r : refs) names_api |= r.tmpl == api->tmpl && r.logical_id == api->logical_id;
      if (names_api && text.find("/stages/" + name->get<std::string>()) != std::string::npos) return true;
    }
    return false;
  };
  for (const ResourceRef& s : ctx.resources("AWS::ApiGateway::Stage")) {
    if (named.count({s.tmpl, s.logical_id}) != 0 || is_private(ctx, s) || protected_by_name(s)) continue;
    ctx.report(s, {}, fmt::format("API stage {} is reachable from the internet (a regional or edge-optimized REST API) "
                                  "and has no WAF web ACL associated (AWS::WAFv2::WebACLAssociation)",
                                  s.display()));
  }
  // AppSync GraphQL APIs (checkov CKV2_AWS_33): public unless Visibility is PRIVATE.
  for (const ResourceRef& a : ctx.resources("AWS::AppSync::GraphQLApi")) {
    if (named.count({a.tmpl, a.logical_id}) != 0) continue;
    const Json* visibility = member(a.properties(), "Visibility");
    if (visibility != nullptr && (!visibility->is_string() || *visibility == "PRIVATE")) continue;
    ctx.report(a, {}, fmt::format("GraphQL API {} is reachable from the internet and has no WAF web ACL associated "
                                  "(AWS::WAFv2::WebACLAssociation)",
                                  a.display()));
  }
}

}  // namespace exp_api_without_waf

const Rule& rule_exp_api_without_waf() {
  static const Rule rule{
      {"AIP-EXP-009", "Public API Gateway stage or AppSync API without a WAF web ACL", Severity::warning,
       {"exposure", "pci-dss", "nist-800-53", "soc2"},
       "A regional or edge-optimized REST API answers anyone on the internet. Authorizers and usage plans run after "
       "API Gateway has accepted a request; a WAF web ACL on the stage blocks injection payloads, known bad inputs, "
       "abusive IP addresses and floods before they reach an authorizer or a model (and before they cost tokens). "
       "cdk-nag APIG3 and AWS Security Hub APIGateway.4 check the same. Private APIs (reachable only through a VPC "
       "endpoint) are exempt. AppSync GraphQL APIs are checked the same way (checkov CKV2_AWS_33); private ones "
       "(Visibility PRIVATE) are exempt.",
       "Associate a regional WAFv2 web ACL with the stage (AWS::WAFv2::WebACLAssociation with the stage ARN "
       "arn:aws:apigateway:REGION::/restapis/API_ID/stages/STAGE), or make the API private. In an aip spec, list the "
       "API under `edge: web_acls: NAME: apis:`. For a GraphQL API the association's ResourceArn is the "
       "API's Arn (!GetAtt Api.Arn)."},
      &exp_api_without_waf::check};
  return rule;
}

}  // namespace aip::lint
