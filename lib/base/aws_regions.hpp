// Facts about AWS regions and partitions that several libraries need: the
// region list (spec checks names against it), the partition a region belongs
// to (ARNs, the evaluator's AWS::Partition), the partition's DNS suffix and
// the account that delivers ALB access logs in a region.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace aip::aws {

// The regions aip knows by name, sorted.
const std::vector<std::string>& known_regions();

// "cn-north-1" -> "aws-cn", "us-gov-west-1" -> "aws-us-gov", anything else -> "aws".
std::string partition_of(std::string_view region);

// What AWS::URLSuffix stands for in a partition: "amazonaws.com" or "amazonaws.com.cn".
std::string dns_suffix(std::string_view partition);

// The Elastic Load Balancing account that delivers ALB access logs in regions
// opened before August 2022 (AWS's "Enable access logs" documentation, also
// CDK's region-info); "" in newer regions, which use the service principal.
std::string_view elb_log_account(std::string_view region);

// The account whose ECR repository aws-guardduty-agent-fargate holds the
// GuardDuty Runtime Monitoring sidecar for Fargate tasks in `region` (GuardDuty
// user guide, "ECR repository for GuardDuty agent on AWS Fargate"); empty
// where GuardDuty publishes none.
std::string_view guardduty_fargate_agent_account(std::string_view region);

}  // namespace aip::aws
