// AIP-IAM-009: ForAllValues with a single-valued condition key.
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace iam_for_all_values {

bool single_valued(const std::string& key) {
  static const char* const kSingle[] = {
      "aws:principalorgid",   "aws:principalaccount", "aws:principalarn",     "aws:principaltype",
      "aws:principalisawsservice", "aws:principalservicename", "aws:sourceaccount", "aws:sourcearn",
      "aws:sourceorgid",      "aws:sourceip",         "aws:sourcevpc",        "aws:sourcevpce",
      "aws:vpcsourceip",      "aws:requestedregion",  "aws:securetransport",  "aws:username",
      "aws:userid",           "aws:multifactorauthpresent", "aws:multifactorauthage", "aws:currenttime",
      "aws:epochtime",        "aws:tokenissuetime",   "aws:resourceaccount",  "aws:resourceorgid",
      "aws:calledviafirst",   "aws:calledvialast",    "aws:viaawsservice",    "aws:referer",
      "aws:useragent",        "aws:federatedprovider", "aws:sourceidentity",  "aws:ec2instancesourcevpc",
      "aws:ec2instancesourceprivateipv4", "sts:externalid", "iam:passedtoservice", "s3:prefix",
      "kms:callerAccount",    "kms:viaservice"};
  std::string k = lower(key);
  for (const char* s : kSingle) {
    if (k == lower(s)) return true;
  }
  for (const char* prefix : {"aws:principaltag/", "aws:resourcetag/", "aws:requesttag/"}) {
    if (k.rfind(prefix, 0) == 0) return true;
  }
  return false;
}

void check(Context& ctx) {
  for (const PolicyDoc& d : policy_documents(ctx)) {
    for (std::size_t i = 0; i < d.policy.statements.size(); ++i) {
      const iam::Statement& s = d.policy.statements[i];
      for (const auto& [op, keys] : s.condition) {
        if (lower(op).rfind("forallvalues:", 0) != 0) continue;
        for (const auto& [key, values] : keys) {
          if (!single_valued(key)) continue;
          Path path = d.statement_path(i);
          path.insert(path.end(), {"Condition", op});
          ctx.report(d.owner, path,
                     fmt::format("{} on the single-valued key {} in the policy of {}: ForAllValues is also true when "
                                 "the key is absent from the request{}",
                                 op, key, d.owner.display(),
                                 s.effect == iam::Effect::Allow ? ", so this Allow matches requests without it" : ""));
        }
      }
    }
  }
}

}  // namespace iam_for_all_values

const Rule& rule_iam_for_all_values() {
  static const Rule rule{
      {"AIP-IAM-009", "ForAllValues on a single-valued condition key", Severity::warning,
       {"iam", "nist-800-53", "soc2"},
       "The ForAllValues: set operators are for multivalued keys (aws:TagKeys, aws:CalledVia, ...). They evaluate "
       "to true when the key is missing from the request, so ForAllValues:StringEquals on a single-valued key such as "
       "aws:PrincipalOrgID, aws:SourceIp or aws:RequestedRegion grants access to requests that do not carry the key "
       "at all, the opposite of what was meant.",
       "Use the plain operator (StringEquals, IpAddress, ...) for single-valued keys. If a ForAllValues operator is "
       "really needed, add a Null condition requiring the key to be present."},
      &iam_for_all_values::check};
  return rule;
}

}  // namespace aip::lint
