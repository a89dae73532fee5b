// Internal: phrases shared by the text and markdown renderers.
#pragma once

#include <string>
#include <vector>

#include "diff/values.hpp"

namespace aip::diff {

std::string join(const std::vector<std::string>& items, const std::string& sep);
// "(replace)", "(remove: likely renamed to X)" ...
std::string kind_phrase(const ResourceChange& rc);
// "Allow s3:GetObject on arn:... for AWS:... when ... [Role X, Policies[...]]"
std::string iam_line(const IamStatementChange& c);
// "ingress AlbSecurityGroup: tcp 443 from 0.0.0.0/0 (HTTPS)"
std::string sg_line(const SecurityGroupRuleChange& c);
// "Summary: 1 added, 1 replaced; data loss in 1 resource; access broadened"
std::string summary_line(const Summary& s);

}  // namespace aip::diff
