// AIP-RES-002 (packs hipaa, pci-dss, sox, iso27001): a bucket without versioning.
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace res_bucket_versioning {

void check(Context& ctx) {
  for (const ResourceRef& b : ctx.resources("AWS::S3::Bucket")) {
    const Json* status = member_path(b.properties(), {"VersioningConfiguration", "Status"});
    if (status != nullptr && status->is_string() && *status == "Enabled") continue;
    ctx.report(b, status != nullptr ? Path{"Properties", "VersioningConfiguration", "Status"} : Path{},
               fmt::format("bucket {} does not keep object versions: an overwrite or delete loses the data",
                           b.display()));
  }
}

}  // namespace res_bucket_versioning

const Rule& rule_res_bucket_versioning() {
  static const Rule rule{
      {"AIP-RES-002", "Bucket without versioning (pack: hipaa, pci-dss, sox, iso27001)", Severity::warning,
       {"resilience", "hipaa", "pci-dss", "sox", "iso27001"},
       "Without versioning, an overwritten or deleted object is gone: a faulty job, a compromised role or ransomware "
       "can destroy the records that HIPAA (164.312(c)(1), integrity), PCI DSS, SOX (retention of financial "
       "records) and ISO 27001 (A.8.13, backup) require you to keep. This rule runs only when one of those packs is "
       "on.",
       "Set VersioningConfiguration to {Status: Enabled} and expire old versions with a lifecycle rule. In a spec: "
       "buckets are versioned unless `versioning: false`.",
       {"hipaa", "pci-dss", "sox", "iso27001"}},  // pack-only
      &res_bucket_versioning::check};
  return rule;
}

}  // namespace aip::lint
