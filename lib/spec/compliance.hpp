// Compliance rule packs (seed 003: SOX, GDPR, HIPAA, PCI DSS, ISO 27001).
// A spec enables packs with `compliance: [pci-dss, sox]`; `aip lint` then also
// runs the rules only those packs turn on (lib/lint: RuleInfo::packs), and
// `aip lint --pack NAME` does the same for any template.
// Each pack also deploys AWS Config managed rules (config_rules() below) into
// every account whose `security: config:` records resources (lib/plan/security.cpp):
// what the pack's lint rules check at review time, checked again on the running
// platform, plus what only runtime can see (root MFA, access key age, ...).
// `aip rules --pack NAME` shows both sides; docs/compliance-packs.md is its output.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace aip::spec {

inline const std::vector<std::string>& compliance_packs() {
  static const std::vector<std::string> packs = {"gdpr", "hipaa", "iso27001", "nist-800-53", "pci-dss", "soc2", "sox"};
  return packs;
}

// An AWS Config managed rule (Source Owner AWS) a pack deploys.
struct ConfigManagedRule {
  const char* identifier;  // SourceIdentifier: "S3_BUCKET_SSL_REQUESTS_ONLY"
  const char* summary;     // what it finds non-compliant
  std::vector<std::string> lint;   // aip lint rules that check the same before deployment; empty: runtime only
  std::vector<std::string> packs;  // the packs that deploy it
  const char* parameters;  // InputParameters as JSON text, "" for none
};

// Every managed rule of every pack, in a stable order.
const std::vector<ConfigManagedRule>& config_rules();
// The rules of the given packs, each once, in config_rules() order.
std::vector<const ConfigManagedRule*> config_rules_of(const std::vector<std::string>& packs);
// "S3_BUCKET_SSL_REQUESTS_ONLY" -> "s3-bucket-ssl-requests-only"
std::string config_rule_slug(std::string_view identifier);

}  // namespace aip::spec
