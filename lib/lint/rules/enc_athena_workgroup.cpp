// AIP-ENC-043: an Athena workgroup that lets clients override its settings,
// including result encryption (checkov CKV_AWS_82).
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace enc_athena_workgroup {

void check(Context& ctx) {
  for (const ResourceRef& w : ctx.resources("AWS::Athena::WorkGroup")) {
    const Json* enforce = member_path(w.properties(), {"WorkGroupConfiguration", "EnforceWorkGroupConfiguration"});
    if (enforce == nullptr || !is_false(*enforce)) continue;  // Athena enforces by default
    ctx.report(w, {"Properties", "WorkGroupConfiguration", "EnforceWorkGroupConfiguration"},
               fmt::format("Athena workgroup {} lets each client override its settings "
                           "(EnforceWorkGroupConfiguration false): a query can write unencrypted results to any "
                           "location",
                           w.display()));
  }
}

}  // namespace enc_athena_workgroup

const Rule& rule_enc_athena_workgroup() {
  static const Rule rule{
      {"AIP-ENC-043", "Athena workgroup lets clients override encryption", Severity::warning,
       {"encryption", "nist-800-53", "pci-dss", "hipaa", "soc2", "iso27001"},
       "A workgroup's result location and encryption (SSE-KMS with the team's key) hold only if the workgroup "
       "overrides client-side settings. With EnforceWorkGroupConfiguration false, any JDBC driver, notebook or "
       "console user can send results, which contain the queried data, to another bucket without encryption "
       "(checkov CKV_AWS_82, AWS Config ATHENA_WORKGROUP_ENFORCE_WORKGROUP_CONFIGURATION). Athena enforces the "
       "configuration when the property is absent, so only an explicit false is reported; checkov also fails a "
       "workgroup that does not state it.",
       "Set WorkGroupConfiguration EnforceWorkGroupConfiguration: true, with ResultConfiguration "
       "EncryptionConfiguration {EncryptionOption: SSE_KMS, KmsKey: ...}."},
      &enc_athena_workgroup::check};
  return rule;
}

}  // namespace aip::lint
