// Where the elements of the dns: area and CloudFront distributions live, for
// the checks (check_dns.cpp, check_cdn.cpp) and the planners (plan/dns.cpp,
// plan/cdn.cpp), which must agree.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "spec/placement.hpp"
#include "spec/spec.hpp"

namespace aip::spec {

// CloudFront, its certificates and its web ACLs live in us-east-1.
inline constexpr const char* kCloudFrontRegion = "us-east-1";

// A hosted zone's dns stack: a public zone's account and region (default the
// account's), a private zone's first VPC's.
Placement zone_placement(const Spec& spec, const HostedZone& zone);
// A load balancer's account and region (its VPC's).
Placement load_balancer_placement(const Spec& spec, const LoadBalancer& lb);
// A distribution's: its account, in us-east-1.
Placement distribution_placement(const Spec& spec, const Distribution& d);
// A bucket's account and region.
Placement bucket_placement(const Spec& spec, const Bucket& b);
// The places a certificate is rendered in: one per account and region that
// uses it (load balancers in theirs, distributions in us-east-1), or its own
// account's region when nothing names it. Sorted by region, no repeats.
std::vector<Placement> certificate_placements(const Spec& spec, const Certificate& c);
// An ACM certificate ARN (rather than the name of a dns certificate)?
bool is_certificate_arn(std::string_view text);
// The region of an ACM certificate ARN.
std::string certificate_arn_region(std::string_view arn);

}  // namespace aip::spec
