// AIP-IAM-021: a Cognito user pool that does not require MFA (cdk-nag AwsSolutions-COG2).
#include <string>

#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace iam_user_pool_mfa {

void check(Context& ctx) {
  for (const ResourceRef& pool : ctx.resources("AWS::Cognito::UserPool")) {
    const Json* mfa = member(pool.properties(), "MfaConfiguration");
    if (mfa != nullptr && !mfa->is_string()) continue;  // an intrinsic
    const std::string value = mfa != nullptr ? mfa->get<std::string>() : "OFF";  // Cognito's default
    if (value == "ON") continue;
    ctx.report(pool, mfa != nullptr ? Path{"Properties", "MfaConfiguration"} : Path{},
               fmt::format("user pool {} does not require MFA (MfaConfiguration {}): a stolen or guessed "
                           "password alone signs a user in",
                           pool.display(), mfa != nullptr ? value : "absent, so OFF"));
  }
}

}  // namespace iam_user_pool_mfa

const Rule& rule_iam_user_pool_mfa() {
  static const Rule rule{
      {"AIP-IAM-021", "Cognito user pool without required MFA", Severity::warning,
       {"iam", "nist-800-53", "pci-dss", "hipaa", "soc2", "iso27001"},
       "With MFA off or optional, a password is all it takes to sign in as a user who has not enrolled a second "
       "factor, and phishing, credential stuffing and reused passwords take over those accounts with everything "
       "they may read and do. Optional MFA protects only the users who chose it (cdk-nag AwsSolutions-COG2; "
       "PCI DSS 8.4, NIST 800-53 IA-2(1), IA-2(2)).",
       "Set MfaConfiguration: ON with EnabledMfas [SOFTWARE_TOKEN_MFA] (aip's `identity:` area: `mfa: "
       "required`). Where users may not be forced to enrol (a public sign-up, as aip's default `mfa: optional` "
       "allows), suppress the finding with that reason and consider advanced security's adaptive "
       "authentication."},
      &iam_user_pool_mfa::check};
  return rule;
}

}  // namespace aip::lint
