#include "base/security_standards.hpp"

#include "base/arn.hpp"
#include "base/aws_regions.hpp"

namespace aip::aws {

const std::vector<SecurityStandard>& security_standards() {
  static const std::vector<SecurityStandard> list = {
      {"aws-foundational", "AWS Foundational Security Best Practices v1.0.0",
       "standards/aws-foundational-security-best-practices/v/1.0.0", false, ""},
      {"cis-1.2", "CIS AWS Foundations Benchmark v1.2.0", "ruleset/cis-aws-foundations-benchmark/v/1.2.0", true, ""},
      {"cis-1.4", "CIS AWS Foundations Benchmark v1.4.0", "standards/cis-aws-foundations-benchmark/v/1.4.0", false, ""},
      {"cis-3.0", "CIS AWS Foundations Benchmark v3.0.0", "standards/cis-aws-foundations-benchmark/v/3.0.0", false,
       "aws-cn"},
      {"nist-800-53", "NIST SP 800-53 Rev. 5", "standards/nist-800-53/v/5.0.0", false, ""},
      {"pci-dss", "PCI DSS v3.2.1", "standards/pci-dss/v/3.2.1", false, ""},
      {"pci-dss-4", "PCI DSS v4.0.1", "standards/pci-dss/v/4.0.1", false, "aws-cn"},
  };
  return list;
}

const SecurityStandard* find_security_standard(std::string_view name) {
  for (const SecurityStandard& s : security_standards()) {
    if (name == s.name) return &s;
  }
  return nullptr;
}

std::vector<std::string> security_standard_names() {
  std::vector<std::string> out;
  for (const SecurityStandard& s : security_standards()) out.emplace_back(s.name);
  return out;
}

std::string security_standard_arn(const SecurityStandard& standard, std::string_view region) {
  const std::string partition = partition_of(region);
  std::string_view missing = standard.not_in;
  while (!missing.empty()) {
    std::size_t comma = missing.find(',');
    if (missing.substr(0, comma) == partition) return "";
    missing = comma == std::string_view::npos ? std::string_view{} : missing.substr(comma + 1);
  }
  return arn(partition, "securityhub", standard.global ? "" : region, "", standard.resource);
}

}  // namespace aip::aws
