// Values that several readers share, each defined once: choice lists, the
// shape of an HTTP header name, the retention periods of CloudWatch Logs.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace aip {
class Pattern;
}  // namespace aip

namespace aip::spec {

// `deletion:` of buckets and log groups: what happens when removed from the spec.
const std::vector<std::string>& deletion_choices();  // retain, delete
// `kind:` of tiers and zones.
const std::vector<std::string>& tier_kind_choices();  // public, private, isolated
// Cognito's standard attributes (OpenID Connect claims): what a user pool may
// require, and names its custom attributes must not take.
const std::vector<std::string>& cognito_standard_attributes();
// A 12-digit AWS account id.
const Pattern& aws_account_id();
// The ARN of a KMS key ("arn:aws:kms:REGION:ACCOUNT:key/ID"; not an alias:
// IAM grants on an alias ARN do not cover the key), and the message for a
// string that is not one: keys of existing elements (docs/existing.md).
const Pattern& kms_key_arn();
inline constexpr std::string_view kNotKmsKeyArn =
    "'key' must be the ARN of a KMS key such as arn:aws:kms:eu-west-1:123456789012:key/"
    "1234abcd-12ab-34cd-56ef-1234567890ab, got '{}'";
// An HTTP header name (RFC 9110 token, at most 64 characters): API authorizer
// headers, headers WAF redacts from its logs.
const Pattern& http_header_name();
// A Bedrock foundation model id, and the message for a string that is not one
// (a format string given the string): models that services and functions invoke.
const Pattern& bedrock_model_id();
inline constexpr std::string_view kNotBedrockModelId =
    "'{}' is not a Bedrock model id such as anthropic.claude-3-haiku-20240307-v1:0";
// An IAM role name (`role_name` of roles and functions), and the message for
// a string that is not one.
const Pattern& iam_role_name();
inline constexpr std::string_view kNotIamRoleName = "IAM role names are 1 to 64 letters, digits and +=,.@_-; got '{}'";
// OpenSearch Serverless names: collections, security and access policies and
// VPC endpoints all take ^[a-z][a-z0-9-]{2,31}$.
const Pattern& aoss_name();
// The retention periods CloudWatch Logs accepts, ascending (1, 3, 5, ... 3653 days).
const std::vector<int>& log_retention_periods();

}  // namespace aip::spec
