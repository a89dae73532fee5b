// AIP-EXP-011: an OpenSearch Serverless data access policy grants aoss:* or names a wildcard principal.
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/aoss_policy.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace exp_aoss_broad_data_access {

std::vector<std::string> strings(const Json* value) {
  std::vector<std::string> out;
  if (value == nullptr) return out;
  if (value->is_string()) out.push_back(value->get<std::string>());
  if (value->is_array()) {
    for (const Json& v : *value) {
      if (v.is_string()) out.push_back(v.get<std::string>());
    }
  }
  return out;
}

void check(Context& ctx) {
  for (const ResourceRef& r : ctx.resources("AWS::OpenSearchServerless::AccessPolicy")) {
    const Json* text = member(r.properties(), "Policy");
    if (text == nullptr) continue;
    auto policy = aoss_policy(*text);
    if (!policy) continue;
    bool anyone = false;
    std::string wildcard;
    for (const Json* entry : aoss_entries(*policy)) {
      for (const std::string& p : strings(member(*entry, "Principal"))) anyone = anyone || p == "*";
      const Json* rules = member(*entry, "Rules");
      if (rules == nullptr || !rules->is_array()) continue;
      for (const Json& rule : *rules) {
        if (!rule.is_object()) continue;
        for (const std::string& perm : strings(member(rule, "Permission"))) {
          if (wildcard.empty() && (perm == "*" || lower(perm) == "aoss:*")) wildcard = perm;
        }
      }
    }
    if (anyone) {
      ctx.report(r, {"Properties", "Policy"},
                 fmt::format("OpenSearch Serverless data access policy {} grants to every principal (Principal "
                             "\"*\")",
                             r.display()),
                 Severity::error);
    } else if (!wildcard.empty()) {
      ctx.report(r, {"Properties", "Policy"},
                 fmt::format("OpenSearch Serverless data access policy {} grants every permission ({})", r.display(),
                             wildcard));
    }
  }
}

}  // namespace exp_aoss_broad_data_access

const Rule& rule_exp_aoss_broad_data_access() {
  static const Rule rule{
      {"AIP-EXP-011", "OpenSearch Serverless data access to anyone or with aoss:*", Severity::warning,
       {"exposure", "iam", "pci-dss", "hipaa", "gdpr", "nist-800-53", "soc2", "iso27001"},
       "A data access policy decides who may read, write and delete the documents and indexes of a collection. "
       "Principal \"*\" hands that to every principal that can reach the endpoint (an error); aoss:* gives the "
       "named roles deletion of indexes and collections too (a warning).",
       "Name the roles, and grant per level: aoss:ReadDocument and aoss:DescribeIndex to readers, plus "
       "aoss:WriteDocument, aoss:CreateIndex and aoss:UpdateIndex to writers. In a spec: `access: {read: [...], "
       "write: [...]}`."},
      &exp_aoss_broad_data_access::check};
  return rule;
}

}  // namespace aip::lint
