// AIP-EXP-033: a WAF web ACL that does not block the Log4j JNDI lookup
// (CVE-2021-44228) with the Known Bad Inputs managed rule group (checkov CKV_AWS_192).
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace exp_waf_log4j {

bool log4j_rule_name(const Json* name) {
  return name != nullptr && name->is_string() && name->get<std::string>().rfind("Log4JRCE", 0) == 0;
}

// Why the Known Bad Inputs group of rule i does not block Log4j, or "" when it does.
std::string weakened(const Json& rule, const Json& group) {
  const Json* override_action = member(rule, "OverrideAction");
  if (override_action != nullptr && override_action->is_object() && member(*override_action, "None") == nullptr) {
    return "its OverrideAction counts instead of blocking";
  }
  const Json* excluded = member(group, "ExcludedRules");
  if (excluded != nullptr && excluded->is_array()) {
    for (const Json& e : *excluded) {
      if (log4j_rule_name(member(e, "Name"))) return "it excludes " + member(e, "Name")->get<std::string>();
    }
  }
  const Json* overrides = member(group, "RuleActionOverrides");
  if (overrides != nullptr && overrides->is_array()) {
    for (const Json& o : *overrides) {
      const Json* action = member(o, "ActionToUse");
      if (!log4j_rule_name(member(o, "Name")) || action == nullptr || member(*action, "Block") != nullptr) continue;
      return "it overrides " + member(o, "Name")->get<std::string>() + " not to block";
    }
  }
  return "";
}

void check(Context& ctx) {
  for (const ResourceRef& acl : ctx.resources("AWS::WAFv2::WebACL")) {
    const Json* rules = member(acl.properties(), "Rules");
    if (rules != nullptr && !rules->is_array()) continue;  // an intrinsic
    bool found = false;
    if (rules != nullptr) {
      for (std::size_t i = 0; i < rules->size() && !found; ++i) {
        const Json& r = (*rules)[i];
        const Json* group = member_path(r, {"Statement", "ManagedRuleGroupStatement"});
        if (group == nullptr) continue;
        const Json* name = member(*group, "Name");
        const Json* vendor = member(*group, "VendorName");
        if (name == nullptr || !name->is_string() || name->get<std::string>() != "AWSManagedRulesKnownBadInputsRuleSet")
          continue;
        if (vendor != nullptr && vendor->is_string() && vendor->get<std::string>() != "AWS") continue;
        found = true;
        std::string why = weakened(r, *group);
        if (!why.empty()) {
          ctx.report(acl, {"Properties", "Rules", std::to_string(i)},
                     fmt::format("web ACL {} uses AWSManagedRulesKnownBadInputsRuleSet, but {}: Log4j JNDI lookups "
                                 "(CVE-2021-44228) reach the application",
                                 acl.display(), why));
        }
      }
    }
    if (found) continue;
    ctx.report(acl, rules != nullptr ? Path{"Properties", "Rules"} : Path{},
               fmt::format("web ACL {} does not use AWSManagedRulesKnownBadInputsRuleSet: Log4j JNDI lookups "
                           "(CVE-2021-44228) and other known exploit payloads reach the application",
                           acl.display()));
  }
}

}  // namespace exp_waf_log4j

const Rule& rule_exp_waf_log4j() {
  static const Rule rule{
      {"AIP-EXP-033", "WAF web ACL without the Log4j (Known Bad Inputs) rules", Severity::warning,
       {"exposure", "nist-800-53", "pci-dss"},
       "CVE-2021-44228 (Log4Shell) lets a string such as ${jndi:ldap://...} in any logged header, path or body run "
       "code on a Java server that logs it with Log4j 2, and exploit attempts still arrive on every public "
       "endpoint. AWS's Known Bad Inputs managed rule group blocks them (its Log4JRCE rules) together with other "
       "payloads of known exploits; a web ACL without it, or that counts those rules instead of blocking, lets "
       "them through (checkov CKV_AWS_192).",
       "Add a rule with ManagedRuleGroupStatement {VendorName: AWS, Name: AWSManagedRulesKnownBadInputsRuleSet} "
       "and OverrideAction {None: {}}, without excluding or counting the Log4JRCE rules (aip's `waf:` adds it to "
       "every web ACL)."},
      &exp_waf_log4j::check};
  return rule;
}

}  // namespace aip::lint
