// Compliance rule packs (seed 003: SOX, GDPR, HIPAA, PCI DSS, ISO 27001).
// A spec enables packs with `compliance: [pci-dss, sox]`; `aip lint` then also
// runs the rules only those packs turn on (lib/lint: RuleInfo::packs), and
// `aip lint --pack NAME` does the same for any template.
#pragma once

#include <string>
#include <vector>

namespace aip::spec {

inline const std::vector<std::string>& compliance_packs() {
  static const std::vector<std::string> packs = {"gdpr", "hipaa", "iso27001", "nist-800-53", "pci-dss", "soc2", "sox"};
  return packs;
}

}  // namespace aip::spec
