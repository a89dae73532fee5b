// AIP-EXP-007: a resource policy allows anyone (Principal "*") without a condition that narrows it.
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace exp_public_resource_policy {

bool anyone(const iam::Principals& p) {
  if (p.any) return true;
  auto it = p.by_kind.find("AWS");
  if (it == p.by_kind.end()) return false;
  for (const Json& v : it->second) {
    if (v == "*") return true;
  }
  return false;
}

const char* const kNarrowing[] = {
    "aws:SourceArn",   "aws:SourceAccount", "aws:SourceOrgID", "aws:SourceOrgPaths", "aws:PrincipalOrgID",
    "aws:PrincipalOrgPaths", "aws:PrincipalAccount", "aws:PrincipalArn", "aws:SourceVpc", "aws:SourceVpce",
    "aws:SourceIp",    "aws:PrincipalServiceName", "kms:CallerAccount", "kms:ViaService", "aws:userid"};

bool is_star(const Json* v) { return v != nullptr && v->is_string() && v->get<std::string>() == "*"; }

// Resource policies written as properties, not documents: an event bus
// policy in its older form (Action, Principal, Condition {Type, Key, Value}
// at the top, no Statement) and a Lambda permission.
void property_forms(Context& ctx) {
  for (const ResourceRef& r : ctx.resources("AWS::Events::EventBusPolicy")) {
    const Json& p = r.properties();
    if (member(p, "Statement") != nullptr || !is_star(member(p, "Principal"))) continue;
    bool narrowed = false;
    if (const Json* key = member_path(p, {"Condition", "Key"}); key != nullptr && key->is_string()) {
      for (const char* k : kNarrowing) narrowed = narrowed || lower(key->get<std::string>()) == lower(k);
    }
    if (narrowed) continue;
    ctx.report(r, {"Properties", "Principal"},
               fmt::format("event bus policy {} allows every AWS account (Principal \"*\") to put events, with no "
                           "condition on the caller's organization",
                           r.display()));
  }
  for (const ResourceRef& r : ctx.resources("AWS::Lambda::Permission")) {
    const Json& p = r.properties();
    if (!is_star(member(p, "Principal"))) continue;
    bool narrowed = false;
    for (const char* k : {"SourceArn", "SourceAccount", "PrincipalOrgID"}) narrowed = narrowed || member(p, k) != nullptr;
    if (narrowed) continue;
    const Json* auth = member(p, "FunctionUrlAuthType");
    const bool url = auth != nullptr && auth->is_string() && auth->get<std::string>() == "NONE";
    ctx.report(r, {"Properties", "Principal"},
               fmt::format("Lambda permission {} lets anyone (Principal \"*\") {}, with no SourceArn, SourceAccount "
                           "or PrincipalOrgID",
                           r.display(), url ? "call the function URL without authentication" : "invoke the function"));
  }
}

void check(Context& ctx) {
  property_forms(ctx);
  for (const PolicyDoc& d : policy_documents(ctx)) {
    if (d.kind != PolicyKind::resource) continue;
    for (std::size_t i = 0; i < d.policy.statements.size(); ++i) {
      const iam::Statement& s = d.policy.statements[i];
      if (s.effect != iam::Effect::Allow || !s.principal || !anyone(*s.principal)) continue;
      bool narrowed = false;
      for (const char* key : kNarrowing) narrowed = narrowed || has_condition_key(s, key);
      if (narrowed) continue;
      ctx.report(d.owner, d.statement_path(i),
                 fmt::format("resource policy of {} allows anyone (Principal \"*\") with no condition on the caller's "
                             "account, organization, source or network",
                             d.owner.display()));
    }
  }
}

}  // namespace exp_public_resource_policy

const Rule& rule_exp_public_resource_policy() {
  static const Rule rule{
      {"AIP-EXP-007", "Resource policy open to anyone", Severity::error,
       {"exposure", "iam", "pci-dss", "hipaa", "gdpr", "nist-800-53", "soc2", "iso27001"},
       "A bucket, queue, topic, key, secret or event bus policy that allows Principal \"*\" grants the action to "
       "every AWS account and, for S3, to anonymous users. The same holds for an event bus policy in its older "
       "form (Principal \"*\" as a property, no Statement) and a Lambda permission with Principal \"*\". Unless a condition narrows the caller (aws:SourceArn, "
       "aws:SourceAccount, aws:PrincipalOrgID, aws:SourceVpce, ...) the resource is public.",
       "Name the principals (account roles, service principals), or keep Principal \"*\" and add a condition such "
       "as aws:PrincipalOrgID for your organization or aws:SourceArn for the one resource that publishes."},
      &exp_public_resource_policy::check};
  return rule;
}

}  // namespace aip::lint
