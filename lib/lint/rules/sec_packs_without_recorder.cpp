// AIP-SEC-007: a spec with compliance packs whose accounts record nothing with
// AWS Config, so the packs' Config rules cannot deploy.
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"
#include "spec/spec.hpp"

namespace aip::lint {

namespace sec_packs_without_recorder {

void check(Context& ctx) {
  const spec::Spec* s = ctx.spec();
  if (s == nullptr || s->compliance.empty()) return;
  if (s->security.config.location.valid()) return;
  std::string packs;
  for (const auto& p : s->compliance) packs += (packs.empty() ? "" : ", ") + p.value;
  ctx.report_at(s->compliance.front().location,
                fmt::format("compliance packs {} are checked at review time only: no account records resources with "
                            "AWS Config, so their Config rules do not deploy; add `security: config: {{bucket: ...}}`",
                            packs));
}

}  // namespace sec_packs_without_recorder

const Rule& rule_sec_packs_without_recorder() {
  static const Rule rule{
      {"AIP-SEC-007", "Compliance packs without an AWS Config recorder", Severity::info,
       {"security", "sox", "pci-dss", "hipaa", "gdpr", "nist-800-53", "soc2", "iso27001"},
       "A pack's lint rules check the templates once, before deployment. What happens afterwards (a console change, "
       "another tool, a key scheduled for deletion, a root user without MFA) only AWS Config rules see, and they need "
       "a recorder in the account. Without `security: config:` the spec deploys none of them, and the frameworks' "
       "continuous monitoring requirement (SOX, PCI DSS 11.5, HIPAA 164.308(a)(1)(ii)(D), ISO 27001 A.8.16) is not "
       "met by the platform.",
       "Add `security: config: {bucket: NAME}` with a storage bucket that `receives: [config]`; the packs' managed "
       "rules then deploy into every account the security area covers (docs/compliance-packs.md)."},
      &sec_packs_without_recorder::check};
  return rule;
}

}  // namespace aip::lint
