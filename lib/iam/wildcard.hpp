// IAM wildcard matching: `*` is any run of characters (possibly empty), `?`
// exactly one. There is no escape: IAM has none either.
#pragma once

#include <string_view>

namespace aip::iam {

enum class Case { Sensitive, Insensitive };

bool glob_match(std::string_view pattern, std::string_view text, Case c = Case::Sensitive);

// Actions match case-insensitively ("S3:get*" matches "s3:GetObject").
bool action_matches(std::string_view pattern, std::string_view action);

// ARNs match case-sensitively, component by component like ArnLike: the five
// colon-separated fields and the resource part (which may itself contain
// colons) are matched separately, so a `*` in the service field never eats
// into the region. A pattern that is "*" or not ARN-shaped is a plain glob.
bool arn_matches(std::string_view pattern, std::string_view arn);

}  // namespace aip::iam
