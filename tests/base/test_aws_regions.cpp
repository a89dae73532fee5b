// Region and partition facts (base/aws_regions.hpp) and the ARN forms aip
// writes (base/arn.hpp).
#include <catch2/catch.hpp>

#include <algorithm>

#include "base/arn.hpp"
#include "base/aws_regions.hpp"

namespace aws = aip::aws;

TEST_CASE("partition_of: China and GovCloud regions have their own partitions", "[base][aws]") {
  CHECK(aws::partition_of("us-east-1") == "aws");
  CHECK(aws::partition_of("eu-central-2") == "aws");
  CHECK(aws::partition_of("cn-north-1") == "aws-cn");
  CHECK(aws::partition_of("cn-northwest-1") == "aws-cn");
  CHECK(aws::partition_of("us-gov-west-1") == "aws-us-gov");
  CHECK(aws::partition_of("us-gov-east-1") == "aws-us-gov");
  // Only the prefix decides: "us-" alone is the commercial partition.
  CHECK(aws::partition_of("us-west-2") == "aws");
  CHECK(aws::partition_of("") == "aws");
}

TEST_CASE("dns_suffix: amazonaws.com.cn in China only", "[base][aws]") {
  CHECK(aws::dns_suffix("aws") == "amazonaws.com");
  CHECK(aws::dns_suffix("aws-us-gov") == "amazonaws.com");
  CHECK(aws::dns_suffix("aws-cn") == "amazonaws.com.cn");
}

TEST_CASE("known_regions: sorted, unique, every partition present", "[base][aws]") {
  const auto& regions = aws::known_regions();
  CHECK(std::is_sorted(regions.begin(), regions.end()));
  CHECK(std::adjacent_find(regions.begin(), regions.end()) == regions.end());
  for (const char* r : {"us-east-1", "eu-west-1", "cn-north-1", "us-gov-west-1", "mx-central-1"}) {
    INFO(r);
    CHECK(std::find(regions.begin(), regions.end(), r) != regions.end());
  }
}

TEST_CASE("elb_log_account: the delivery account of older regions, none in newer ones", "[base][aws]") {
  CHECK(aws::elb_log_account("us-east-1") == "127311923021");
  CHECK(aws::elb_log_account("eu-west-1") == "156460612806");
  CHECK(aws::elb_log_account("cn-north-1") == "638102146993");
  CHECK(aws::elb_log_account("us-gov-west-1") == "048591011584");
  // Regions opened after August 2022 use the log delivery service principal.
  CHECK(aws::elb_log_account("eu-central-2").empty());
  CHECK(aws::elb_log_account("not-a-region").empty());
}

TEST_CASE("arn: six parts, empty region and account for global services", "[base][aws]") {
  CHECK(aws::arn("aws", "sqs", "eu-west-1", "111122223333", "jobs") == "arn:aws:sqs:eu-west-1:111122223333:jobs");
  CHECK(aws::arn("aws", "s3", "", "", "my-bucket/*") == "arn:aws:s3:::my-bucket/*");
  CHECK(aws::arn("aws-cn", "iam", "", "111122223333", "role/Admin") == "arn:aws-cn:iam::111122223333:role/Admin");
  CHECK(aws::arn("aws", "bedrock", "*", "", "foundation-model/m") == "arn:aws:bedrock:*::foundation-model/m");
  CHECK(aws::arn(aws::kThisPartition, "events", aws::kThisRegion, aws::kThisAccount, "event-bus/b") ==
        "arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:event-bus/b");
}

TEST_CASE("account_root_arn: the account's root principal", "[base][aws]") {
  CHECK(aws::account_root_arn("aws-us-gov", "111122223333") == "arn:aws-us-gov:iam::111122223333:root");
  CHECK(aws::account_root_arn(aws::kThisPartition, aws::kThisAccount) == "arn:${AWS::Partition}:iam::${AWS::AccountId}:root");
}
