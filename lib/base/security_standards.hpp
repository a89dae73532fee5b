// Security Hub standards: the names a spec uses and the ARN of each in a region.
// Standards ARNs are regional ("arn:aws:securityhub:eu-west-1::standards/...");
// CIS 1.2.0 is the exception, a global ruleset ("arn:aws:securityhub:::ruleset/...").
// The partition comes from the region (aws_regions.hpp).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace aip::aws {

struct SecurityStandard {
  const char* name;         // the spec's name: "aws-foundational", "cis-1.4", ...
  const char* title;        // "AWS Foundational Security Best Practices v1.0.0"
  const char* resource;     // "standards/aws-foundational-security-best-practices/v/1.0.0"
  bool global;              // the ARN has no region (CIS 1.2.0)
  const char* not_in;       // partitions without the standard, comma-separated ("" = everywhere)
};

// Every standard aip can enable, in a stable order.
const std::vector<SecurityStandard>& security_standards();
const SecurityStandard* find_security_standard(std::string_view name);
// The names, for a reader's choice list.
std::vector<std::string> security_standard_names();
// The standard's ARN in `region`; "" when the region's partition does not offer it.
std::string security_standard_arn(const SecurityStandard& standard, std::string_view region);

}  // namespace aip::aws
