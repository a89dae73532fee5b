// Validating everything aip rendered against the official CloudFormation
// resource schemas before a byte is written.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "cfn/model.hpp"

namespace aip::cfn {

// Findings as "Stack/LogicalId/Properties/Path: message [AIP-CFN-Ennn rule]", sorted; empty when
// every template is valid and export names are unique per account and region.
std::vector<std::string> validate_assembly(const Assembly& assembly, const std::map<std::string, Json>& templates);

}  // namespace aip::cfn
