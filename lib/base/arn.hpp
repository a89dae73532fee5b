// The ARN forms aip writes: arn:{partition}:{service}:{region}:{account}:{resource}.
// Region and account are empty for global services (iam: no region; s3: neither).
// Inside a template the parts may be pseudo parameters ("${AWS::Partition}"),
// and the caller wraps the text in Fn::Sub.
#pragma once

#include <string>
#include <string_view>

namespace aip::aws {

// The pseudo parameters as Fn::Sub spells them: the partition, region and
// account of the stack the template is deployed as.
inline constexpr std::string_view kThisPartition = "${AWS::Partition}";
inline constexpr std::string_view kThisRegion = "${AWS::Region}";
inline constexpr std::string_view kThisAccount = "${AWS::AccountId}";

std::string arn(std::string_view partition, std::string_view service, std::string_view region,
                std::string_view account, std::string_view resource);

// The account's root principal: arn:{partition}:iam::{account}:root.
std::string account_root_arn(std::string_view partition, std::string_view account);

// One part of an ARN written in a spec (existing infrastructure): 0 "arn",
// 1 the partition, 2 the service, 3 the region, 4 the account, 5 the
// resource (which keeps its own colons); empty when absent.
std::string arn_part(std::string_view arn, int part);

}  // namespace aip::aws
