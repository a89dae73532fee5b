// AIP-EXP-021: a Cognito identity pool that hands AWS credentials to
// unauthenticated callers (cdk-nag COG7, checkov CKV_AWS_366).
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace exp_identity_pool_unauthenticated {

void check(Context& ctx) {
  for (const ResourceRef& p : ctx.resources("AWS::Cognito::IdentityPool")) {
    const Json* guest = member(p.properties(), "AllowUnauthenticatedIdentities");
    if (guest == nullptr || !is_true(*guest)) continue;
    ctx.report(p, {"Properties", "AllowUnauthenticatedIdentities"},
               fmt::format("identity pool {} gives AWS credentials to anyone who asks "
                           "(AllowUnauthenticatedIdentities: true)",
                           p.display()));
  }
}

}  // namespace exp_identity_pool_unauthenticated

const Rule& rule_exp_identity_pool_unauthenticated() {
  static const Rule rule{
      {"AIP-EXP-021", "Cognito identity pool allows unauthenticated identities", Severity::warning,
       {"exposure", "iam", "pci-dss", "hipaa", "gdpr", "nist-800-53", "soc2", "iso27001"},
       "With AllowUnauthenticatedIdentities an identity pool issues temporary AWS credentials for its "
       "unauthenticated role to any caller who knows the pool id (it is in every client). Whatever that role "
       "may do, the whole internet may do; a guest role is sometimes intended (anonymous telemetry), which is "
       "what a suppression with its reason records (cdk-nag COG7, checkov CKV_AWS_366; NIST 800-53 IA-2 and "
       "AC-14).",
       "Set AllowUnauthenticatedIdentities: false (an aip spec: leave `allow_unauthenticated` off), or suppress "
       "the finding with the reason the guest role is needed and keep that role to the few actions it needs."},
      &exp_identity_pool_unauthenticated::check};
  return rule;
}

}  // namespace aip::lint
