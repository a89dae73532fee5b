// The mapping table of foreign_rules.hpp. Sources:
//   cfn_nag:  https://github.com/stelligent/cfn_nag (lib/cfn-nag/custom_rules/, `cfn_nag_rules` lists them)
//   checkov:  https://www.checkov.io/5.Policy%20Index/cloudformation.html
//   cdk-nag:  https://github.com/cdklabs/cdk-nag/blob/main/RULES.md (AwsSolutions pack)
//   cfn-lint: https://github.com/aws-cloudformation/cfn-lint/blob/main/docs/rules.md
#include "spec/foreign_rules.hpp"

#include <algorithm>
#include <cctype>

namespace aip::spec {

namespace foreign_rules_table {

constexpr std::string_view kCfnNag = "cfn_nag custom_rules";
constexpr std::string_view kCheckov = "checkov CloudFormation policy index";
constexpr std::string_view kCdkNag = "cdk-nag RULES.md, AwsSolutions";
constexpr std::string_view kCfnLint = "cfn-lint docs/rules.md";

bool same(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

}  // namespace foreign_rules_table

const std::vector<ForeignRule>& foreign_rules() {
  using T = ForeignTool;
  using namespace foreign_rules_table;
  static const std::vector<ForeignRule> table = {
      // Bucket default encryption
      {"AIP-ENC-001", T::cfn_nag, "W41", kCfnNag},           // S3 Bucket should have encryption option set
      {"AIP-ENC-001", T::checkov, "CKV_AWS_19", kCheckov},   // S3 bucket has server-side encryption
      // Bucket requires TLS
      {"AIP-ENC-002", T::cdk_nag, "AwsSolutions-S10", kCdkNag},  // bucket or policy does not require SSL
      // Database storage encryption
      {"AIP-ENC-003", T::checkov, "CKV_AWS_16", kCheckov},   // RDS database encrypted at rest
      {"AIP-ENC-003", T::cdk_nag, "AwsSolutions-RDS2", kCdkNag},  // RDS storage encryption disabled
      {"AIP-ENC-003", T::checkov, "CKV_AWS_96", kCheckov},   // Aurora encrypted at rest
      {"AIP-ENC-003", T::checkov, "CKV_AWS_64", kCheckov},   // Redshift encrypted at rest
      {"AIP-ENC-003", T::cdk_nag, "AwsSolutions-RS6", kCdkNag},
      // SNS / SQS encryption
      {"AIP-ENC-004", T::cfn_nag, "W47", kCfnNag},           // SNS Topic should specify KmsMasterKeyId
      {"AIP-ENC-004", T::checkov, "CKV_AWS_26", kCheckov},   // SNS topic encrypted
      {"AIP-ENC-005", T::cfn_nag, "W48", kCfnNag},           // SQS Queue should specify KmsMasterKeyId
      {"AIP-ENC-005", T::checkov, "CKV_AWS_27", kCheckov},   // SQS queue encrypted
      {"AIP-ENC-005", T::cdk_nag, "AwsSolutions-SQS2", kCdkNag},
      // Admin ports open to the internet
      {"AIP-EXP-001", T::checkov, "CKV_AWS_24", kCheckov},   // no ingress from 0.0.0.0/0 to port 22
      {"AIP-EXP-001", T::checkov, "CKV_AWS_25", kCheckov},   // no ingress from 0.0.0.0/0 to port 3389
      {"AIP-EXP-001", T::cdk_nag, "AwsSolutions-EC23", kCdkNag},  // inbound from 0.0.0.0/0 or ::/0
      // Other ports open to the internet
      {"AIP-EXP-002", T::cfn_nag, "W2", kCfnNag},            // Security Groups with cidr open to world on ingress
      {"AIP-EXP-002", T::cdk_nag, "AwsSolutions-EC23", kCdkNag},
      // Open egress
      {"AIP-EXP-003", T::cfn_nag, "W5", kCfnNag},            // Security Groups with cidr open to world on egress
      // Public database
      {"AIP-EXP-004", T::checkov, "CKV_AWS_17", kCheckov},   // RDS not publicly accessible
      {"AIP-EXP-004", T::checkov, "CKV_AWS_87", kCheckov},   // Redshift not publicly accessible
      {"AIP-EXP-004", T::checkov, "CKV_AWS_89", kCheckov},   // DMS replication instance not public
      {"AIP-EXP-004", T::cdk_nag, "AwsSolutions-RS8", kCdkNag},
      // Block Public Access
      {"AIP-EXP-005", T::checkov, "CKV_AWS_53", kCheckov},   // BlockPublicAcls
      {"AIP-EXP-005", T::checkov, "CKV_AWS_54", kCheckov},   // BlockPublicPolicy
      {"AIP-EXP-005", T::checkov, "CKV_AWS_55", kCheckov},   // IgnorePublicAcls
      {"AIP-EXP-005", T::checkov, "CKV_AWS_56", kCheckov},   // RestrictPublicBuckets
      {"AIP-EXP-005", T::cdk_nag, "AwsSolutions-S2", kCdkNag},
      // Bucket policy open to anyone
      {"AIP-EXP-007", T::cfn_nag, "F16", kCfnNag},           // S3 Bucket policy should not allow * principal
      // API method without authorization
      {"AIP-EXP-008", T::cfn_nag, "W59", kCfnNag},           // Method should not have AuthorizationType NONE
      {"AIP-EXP-008", T::checkov, "CKV_AWS_59", kCheckov},   // API Gateway has no open resources
      {"AIP-EXP-008", T::cdk_nag, "AwsSolutions-APIG4", kCdkNag},
      // API stage without WAF
      {"AIP-EXP-009", T::cdk_nag, "AwsSolutions-APIG3", kCdkNag},
      // Action "*"
      {"AIP-IAM-001", T::cfn_nag, "F3", kCfnNag},            // IAM role should not allow * action on its permissions policy
      {"AIP-IAM-001", T::cfn_nag, "F4", kCfnNag},            // IAM policy should not allow * action
      {"AIP-IAM-001", T::checkov, "CKV_AWS_63", kCheckov},   // no IAM policy allows "*" as actions
      {"AIP-IAM-001", T::cdk_nag, "AwsSolutions-IAM5", kCdkNag},  // wildcard permissions
      // Resource "*"
      {"AIP-IAM-002", T::cfn_nag, "W11", kCfnNag},           // IAM role should not allow * resource on its permissions policy
      {"AIP-IAM-002", T::cfn_nag, "W12", kCfnNag},           // IAM policy should not allow * resource
      {"AIP-IAM-002", T::cdk_nag, "AwsSolutions-IAM5", kCdkNag},
      // Role assumable by anyone
      {"AIP-IAM-006", T::checkov, "CKV_AWS_60", kCheckov},   // IAM role allows only specific principals to assume it
      // Unknown IAM actions
      {"AIP-IAM-011", T::cfn_lint, "W3037", kCfnLint},       // IAM permission configuration (valid actions)
      // Log group retention
      {"AIP-LOG-001", T::cfn_nag, "W86", kCfnNag},           // CloudWatchLogs LogGroup should specify RetentionInDays
      {"AIP-LOG-001", T::checkov, "CKV_AWS_66", kCheckov},   // CloudWatch log groups specify retention days
      // Load balancer access logs
      {"AIP-LOG-002", T::cfn_nag, "W52", kCfnNag},           // Elastic Load Balancer V2 should have access logging
      {"AIP-LOG-002", T::checkov, "CKV_AWS_91", kCheckov},   // ELBv2 access logging
      {"AIP-LOG-002", T::cdk_nag, "AwsSolutions-ELB2", kCdkNag},
      // Bucket access logs
      {"AIP-LOG-003", T::cfn_nag, "W35", kCfnNag},           // S3 Bucket should have access logging configured
      {"AIP-LOG-003", T::checkov, "CKV_AWS_18", kCheckov},   // S3 bucket has access logging
      {"AIP-LOG-003", T::cdk_nag, "AwsSolutions-S1", kCdkNag},
      // API stage access logs
      {"AIP-LOG-004", T::cfn_nag, "W69", kCfnNag},           // Stage should have access logging configured
      {"AIP-LOG-004", T::checkov, "CKV_AWS_76", kCheckov},   // API Gateway has access logging
      {"AIP-LOG-004", T::cdk_nag, "AwsSolutions-APIG1", kCdkNag},
      // Database deletion protection
      {"AIP-RES-001", T::cdk_nag, "AwsSolutions-RDS10", kCdkNag},
      // Bucket versioning
      {"AIP-RES-002", T::checkov, "CKV_AWS_21", kCheckov},   // S3 bucket has versioning
      // ECR scan on push, immutable tags
      {"AIP-ECR-001", T::checkov, "CKV_AWS_163", kCheckov},  // ECR image scanning on push is enabled
      {"AIP-ECR-002", T::checkov, "CKV_AWS_51", kCheckov},   // ECR image tags are immutable
      // Secret rotation
      {"AIP-SEC-001", T::cdk_nag, "AwsSolutions-SMG4", kCdkNag},  // secret without automatic rotation
      // Rules written for parity (data/lint-parity.tsv)
      {"AIP-ENC-020", T::checkov, "CKV_AWS_42", kCheckov},   // EFS is securely encrypted
      {"AIP-ENC-020", T::cdk_nag, "AwsSolutions-EFS1", kCdkNag},
      {"AIP-ENC-021", T::checkov, "CKV_AWS_43", kCheckov},   // Kinesis Stream is securely encrypted
      {"AIP-ENC-021", T::cdk_nag, "AwsSolutions-KDS1", kCdkNag},
      {"AIP-ENC-022", T::checkov, "CKV_AWS_29", kCheckov},   // ElastiCache replication group encrypted at rest
      {"AIP-ENC-022", T::checkov, "CKV_AWS_30", kCheckov},   // ... and in transit
      {"AIP-ENC-022", T::cdk_nag, "AwsSolutions-AEC3", kCdkNag},
      {"AIP-ENC-023", T::checkov, "CKV_AWS_5", kCheckov},    // Elasticsearch encrypted at rest
      {"AIP-ENC-023", T::cdk_nag, "AwsSolutions-OS8", kCdkNag},
      {"AIP-ENC-024", T::checkov, "CKV_AWS_6", kCheckov},    // node-to-node encryption
      {"AIP-ENC-024", T::checkov, "CKV_AWS_83", kCheckov},   // enforces HTTPS
      {"AIP-ENC-024", T::cdk_nag, "AwsSolutions-OS2", kCdkNag},
      {"AIP-ENC-025", T::checkov, "CKV_AWS_3", kCheckov},    // EBS encrypted
      {"AIP-ENC-025", T::checkov, "CKV_AWS_8", kCheckov},    // launch configuration EBS encrypted
      {"AIP-ENC-025", T::cdk_nag, "AwsSolutions-EC26", kCdkNag},
      {"AIP-ENC-027", T::checkov, "CKV_AWS_7", kCheckov},    // rotation for customer created CMKs
      {"AIP-ENC-027", T::cdk_nag, "AwsSolutions-KMS5", kCdkNag},
      {"AIP-EXP-021", T::checkov, "CKV_AWS_366", kCheckov},  // identity pool without guest access
      {"AIP-EXP-021", T::cdk_nag, "AwsSolutions-COG7", kCdkNag},
      {"AIP-LOG-020", T::checkov, "CKV_AWS_65", kCheckov},   // container insights on ECS clusters
      {"AIP-LOG-020", T::cdk_nag, "AwsSolutions-ECS4", kCdkNag},
      {"AIP-LOG-021", T::cdk_nag, "AwsSolutions-ECS7", kCdkNag},
      {"AIP-LOG-022", T::checkov, "CKV_AWS_71", kCheckov},   // Redshift logging
      {"AIP-LOG-022", T::cdk_nag, "AwsSolutions-RS5", kCdkNag},
      {"AIP-RES-010", T::cdk_nag, "AwsSolutions-RDS13", kCdkNag},
      {"AIP-RES-010", T::cdk_nag, "AwsSolutions-RS10", kCdkNag},
      {"AIP-ENC-028", T::cdk_nag, "AwsSolutions-SNS3", kCdkNag},  // topic does not require SSL
      {"AIP-ENC-028", T::cdk_nag, "AwsSolutions-SQS4", kCdkNag},  // queue does not require SSL
      {"AIP-LOG-023", T::cdk_nag, "AwsSolutions-VPC7", kCdkNag},  // VPC without a flow log
      {"AIP-EXP-022", T::checkov, "CKV_AWS_79", kCheckov},   // IMDSv1 not enabled (launch templates)
      {"AIP-EXP-022", T::checkov, "CKV_AWS_371", kCheckov},  // notebook only allows IMDSv2
      {"AIP-IAM-013", T::checkov, "CKV_AWS_364", kCheckov},  // Lambda permissions limited by SourceArn / SourceAccount
      // CodeBuild and CodePipeline
      {"AIP-ENC-012", T::cdk_nag, "AwsSolutions-CB4", kCdkNag},  // CodeBuild project does not use a KMS key
      {"AIP-ENC-012", T::checkov, "CKV_AWS_147", kCheckov},      // CodeBuild projects are encrypted with a CMK
      {"AIP-ENC-013", T::checkov, "CKV_AWS_219", kCheckov},      // CodePipeline artifact store uses a KMS CMK
      {"AIP-CICD-001", T::cdk_nag, "AwsSolutions-CB3", kCdkNag},  // CodeBuild project has privileged mode
      {"AIP-CICD-001", T::checkov, "CKV_AWS_316", kCheckov},     // CodeBuild privileged mode is off
      {"AIP-ENC-030", T::checkov, "CKV_AWS_78", kCheckov},       // CodeBuild project encryption is not disabled
      // Function URLs and trails
      {"AIP-EXP-030", T::checkov, "CKV_AWS_258", kCheckov},  // Lambda function URL AuthType is not NONE
      {"AIP-LOG-030", T::checkov, "CKV_AWS_67", kCheckov},   // CloudTrail is enabled in all regions
      {"AIP-EXP-031", T::checkov, "CKV_AWS_88", kCheckov},   // EC2 instance has no public IP
      {"AIP-ENC-031", T::cdk_nag, "AwsSolutions-ELB5", kCdkNag},  // CLB listener uses HTTPS or SSL
      {"AIP-ENC-032", T::cdk_nag, "AwsSolutions-SM2", kCdkNag},  // notebook storage volume encrypted
      {"AIP-ENC-032", T::checkov, "CKV_AWS_187", kCheckov},      // SageMaker domain and notebook use a CMK
      // Parity, third round
      {"AIP-IAM-014", T::cdk_nag, "AwsSolutions-RDS6", kCdkNag},  // Aurora cluster without IAM database auth
      {"AIP-IAM-014", T::checkov, "CKV_AWS_161", kCheckov},       // RDS instance has IAM authentication
      {"AIP-IAM-014", T::checkov, "CKV_AWS_162", kCheckov},       // RDS cluster has IAM authentication
      {"AIP-RES-005", T::cdk_nag, "AwsSolutions-RDS3", kCdkNag},  // non-Aurora instance not Multi-AZ
      {"AIP-RES-005", T::checkov, "CKV_AWS_157", kCheckov},       // RDS instance has Multi-AZ
      {"AIP-ENC-033", T::checkov, "CKV_AWS_2", kCheckov},         // ALB protocol is HTTPS
      {"AIP-ENC-033", T::checkov, "CKV_AWS_103", kCheckov},       // listener uses at least TLS 1.2
      {"AIP-EXP-032", T::checkov, "CKV_AWS_131", kCheckov},       // ALB drops invalid HTTP headers
      {"AIP-LOG-031", T::checkov, "CKV_AWS_73", kCheckov},        // API Gateway has X-Ray tracing
      {"AIP-LOG-032", T::cdk_nag, "AwsSolutions-APIG6", kCdkNag}, // stage logs all methods to CloudWatch
      {"AIP-EXP-033", T::checkov, "CKV_AWS_192", kCheckov},       // WAF blocks Log4j lookups
      {"AIP-ENC-034", T::cdk_nag, "AwsSolutions-CFR5", kCdkNag},  // origin uses SSLv3 or TLSv1
      {"AIP-ENC-034", T::checkov, "CKV2_AWS_72", kCheckov},       // origin protocol policy HTTPS only
      {"AIP-ENC-035", T::checkov, "CKV_AWS_367", kCheckov},       // data quality job output KMS
      {"AIP-ENC-035", T::checkov, "CKV_AWS_368", kCheckov},       // data quality job volume KMS
      {"AIP-ENC-035", T::checkov, "CKV_AWS_369", kCheckov},       // data quality job inter-container encryption
      {"AIP-ENC-036", T::checkov, "CKV_AWS_97", kCheckov},        // EFS transit encryption in task definitions
      {"AIP-ENC-037", T::checkov, "CKV_AWS_94", kCheckov},        // Glue Data Catalog encryption
      {"AIP-ENC-037", T::checkov, "CKV_AWS_99", kCheckov},        // Glue security configuration encryption
      {"AIP-IAM-015", T::checkov, "CKV_AWS_40", kCheckov},        // IAM policies attached to groups or roles only
      {"AIP-LOG-033", T::cdk_nag, "AwsSolutions-OS9", kCdkNag},   // domain publishes slow logs
      {"AIP-LOG-033", T::checkov, "CKV_AWS_84", kCheckov},        // Elasticsearch domain logging
      {"AIP-LOG-033", T::checkov, "CKV_AWS_317", kCheckov},       // Elasticsearch domain audit logging
      {"AIP-EXP-034", T::cdk_nag, "AwsSolutions-OS1", kCdkNag},   // domain provisioned inside a VPC
      {"AIP-EXP-035", T::checkov, "CKV_AWS_363", kCheckov},       // Lambda runtime not deprecated
      {"AIP-EXP-045", T::cdk_nag, "AwsSolutions-L1", kCdkNag},    // Lambda on the newest runtime of its family
      {"AIP-EXP-046", T::cdk_nag, "AwsSolutions-APIG2", kCdkNag}, // REST API request validation
      {"AIP-RES-006", T::cdk_nag, "AwsSolutions-SQS3", kCdkNag},  // queue has or is a dead-letter queue
      {"AIP-IAM-016", T::checkov, "CKV_AWS_107", kCheckov},       // IAM policy allows credentials exposure
      {"AIP-IAM-002", T::checkov, "CKV_AWS_108", kCheckov},       // IAM policy allows data exfiltration
      {"AIP-ENC-007", T::checkov, "CKV_AWS_119", kCheckov},       // DynamoDB table uses a CMK
      {"AIP-ENC-007", T::checkov, "CKV_AWS_136", kCheckov},       // ECR repository encrypted with KMS
      {"AIP-ENC-007", T::checkov, "CKV_AWS_149", kCheckov},       // Secrets Manager secret uses a CMK
      {"AIP-ENC-007", T::checkov, "CKV_AWS_373", kCheckov},       // Bedrock agent uses a CMK
      {"AIP-RES-003", T::checkov, "CKV_AWS_165", kCheckov},       // global table point-in-time recovery
      {"AIP-ENC-038", T::checkov, "CKV2_AWS_69", kCheckov},       // RDS instance encryption in transit
      {"AIP-ENC-038", T::cdk_nag, "AwsSolutions-RS1", kCdkNag},   // Redshift cluster requires TLS
      {"AIP-ENC-038", T::checkov, "CKV_AWS_105", kCheckov},       // Redshift uses SSL
      {"AIP-IAM-017", T::cdk_nag, "AwsSolutions-COG1", kCdkNag},  // user pool strong password policy
      {"AIP-EXP-036", T::checkov, "CKV_AWS_45", kCheckov},        // no secrets in Lambda environment
      {"AIP-EXP-036", T::checkov, "CKV_AWS_46", kCheckov},        // no secrets in EC2 user data
      {"AIP-EXP-036", T::checkov, "CKV_AWS_384", kCheckov},       // no secrets in Parameter Store values
      {"AIP-ENC-003", T::cdk_nag, "AwsSolutions-N4", kCdkNag},    // Neptune cluster encrypted at rest
      {"AIP-ENC-003", T::checkov, "CKV_AWS_44", kCheckov},        // Neptune storage encrypted
      {"AIP-ENC-003", T::cdk_nag, "AwsSolutions-DOC1", kCdkNag},  // DocumentDB cluster encrypted at rest
      {"AIP-ENC-003", T::checkov, "CKV_AWS_74", kCheckov},        // DocumentDB encrypted at rest
      {"AIP-ENC-003", T::cdk_nag, "AwsSolutions-DDB4", kCdkNag},  // DAX cluster server-side encryption
      {"AIP-ENC-003", T::checkov, "CKV_AWS_47", kCheckov},        // DAX encrypted at rest
      {"AIP-ENC-021", T::cdk_nag, "AwsSolutions-KDF1", kCdkNag},  // Firehose server-side encryption
      {"AIP-EXP-037", T::checkov, "CKV_AWS_123", kCheckov},       // endpoint service manual acceptance
      {"AIP-RES-007", T::cdk_nag, "AwsSolutions-AEC4", kCdkNag},  // ElastiCache Redis Multi-AZ
      {"AIP-LOG-034", T::cdk_nag, "AwsSolutions-DOC5", kCdkNag},  // DocumentDB log exports
      {"AIP-LOG-034", T::checkov, "CKV_AWS_85", kCheckov},        // DocumentDB logging
      {"AIP-LOG-034", T::checkov, "CKV_AWS_101", kCheckov},       // Neptune logging
      {"AIP-LOG-034", T::checkov, "CKV_AWS_104", kCheckov},       // DocumentDB audit logs
      {"AIP-LOG-035", T::cdk_nag, "AwsSolutions-ASC3", kCdkNag},  // AppSync request logging
      {"AIP-LOG-035", T::checkov, "CKV_AWS_193", kCheckov},       // AppSync logging
      {"AIP-LOG-035", T::checkov, "CKV_AWS_194", kCheckov},       // AppSync field-level logs
      {"AIP-LOG-002", T::checkov, "CKV_AWS_92", kCheckov},        // classic ELB access logging
      {"AIP-IAM-014", T::cdk_nag, "AwsSolutions-N5", kCdkNag},    // Neptune IAM database authentication
      {"AIP-ENC-038", T::checkov, "CKV_AWS_90", kCheckov},        // DocumentDB TLS not disabled
      // Parity 4: hand-written resource types (EKS, MSK, EMR, Beanstalk, ...), see data/lint-parity.tsv.
      {"AIP-EXP-040", T::cdk_nag, "AwsSolutions-EB1", kCdkNag},
      {"AIP-SEC-008", T::cdk_nag, "AwsSolutions-EB3", kCdkNag},
      {"AIP-LOG-039", T::cdk_nag, "AwsSolutions-EB4", kCdkNag},
      {"AIP-LOG-042", T::cdk_nag, "AwsSolutions-EC28", kCdkNag},
      {"AIP-RES-014", T::cdk_nag, "AwsSolutions-EC29", kCdkNag},
      {"AIP-EXP-038", T::cdk_nag, "AwsSolutions-EKS1", kCdkNag},
      {"AIP-LOG-036", T::cdk_nag, "AwsSolutions-EKS2", kCdkNag},
      {"AIP-EXP-043", T::cdk_nag, "AwsSolutions-ELB1", kCdkNag},
      {"AIP-RES-015", T::cdk_nag, "AwsSolutions-ELB3", kCdkNag},
      {"AIP-RES-015", T::cdk_nag, "AwsSolutions-ELB4", kCdkNag},
      {"AIP-IAM-018", T::cdk_nag, "AwsSolutions-AEC6", kCdkNag},
      {"AIP-RES-005", T::cdk_nag, "AwsSolutions-N1", kCdkNag},
      {"AIP-SEC-008", T::cdk_nag, "AwsSolutions-N2", kCdkNag},
      {"AIP-RES-010", T::cdk_nag, "AwsSolutions-N3", kCdkNag},
      {"AIP-SEC-009", T::cdk_nag, "AwsSolutions-RS3", kCdkNag},
      {"AIP-SEC-008", T::cdk_nag, "AwsSolutions-RS9", kCdkNag},
      {"AIP-LOG-043", T::cdk_nag, "AwsSolutions-RS11", kCdkNag},
      {"AIP-RES-016", T::checkov, "CKV_AWS_116", kCheckov},
      {"AIP-LOG-044", T::checkov, "CKV_AWS_118", kCheckov},
      {"AIP-SEC-010", T::checkov, "CKV2_AWS_71", kCheckov},
      {"AIP-IAM-021", T::cdk_nag, "AwsSolutions-COG2", kCdkNag},
      {"AIP-EXP-044", T::checkov, "CKV_AWS_370", kCheckov},
      {"AIP-RES-017", T::cdk_nag, "AwsSolutions-RDS14", kCdkNag},
      {"AIP-SEC-009", T::cdk_nag, "AwsSolutions-DOC3", kCdkNag},
      {"AIP-RES-010", T::cdk_nag, "AwsSolutions-DOC4", kCdkNag},
      {"AIP-ENC-007", T::cdk_nag, "AwsSolutions-TS3", kCdkNag},
      {"AIP-RES-011", T::cdk_nag, "AwsSolutions-AS1", kCdkNag},
      {"AIP-RES-011", T::cdk_nag, "AwsSolutions-AS2", kCdkNag},
      {"AIP-LOG-040", T::cdk_nag, "AwsSolutions-AS3", kCdkNag},
      {"AIP-ENC-044", T::cdk_nag, "AwsSolutions-LEX4", kCdkNag},
      {"AIP-LOG-041", T::cdk_nag, "AwsSolutions-EMR2", kCdkNag},
      {"AIP-ENC-041", T::cdk_nag, "AwsSolutions-EMR4", kCdkNag},
      {"AIP-ENC-041", T::cdk_nag, "AwsSolutions-EMR5", kCdkNag},
      {"AIP-IAM-019", T::cdk_nag, "AwsSolutions-EMR6", kCdkNag},
      {"AIP-RES-012", T::cdk_nag, "AwsSolutions-KDA3", kCdkNag},
      {"AIP-ENC-040", T::cdk_nag, "AwsSolutions-MSK2", kCdkNag},
      {"AIP-ENC-040", T::cdk_nag, "AwsSolutions-MSK3", kCdkNag},
      {"AIP-LOG-037", T::cdk_nag, "AwsSolutions-MSK6", kCdkNag},
      {"AIP-EXP-041", T::cdk_nag, "AwsSolutions-OS3", kCdkNag},
      {"AIP-RES-013", T::cdk_nag, "AwsSolutions-OS4", kCdkNag},
      {"AIP-RES-013", T::cdk_nag, "AwsSolutions-OS7", kCdkNag},
      {"AIP-ENC-042", T::cdk_nag, "AwsSolutions-QS1", kCdkNag},
      {"AIP-IAM-018", T::checkov, "CKV_AWS_31", kCheckov},
      {"AIP-ENC-039", T::checkov, "CKV_AWS_58", kCheckov},
      {"AIP-EXP-039", T::checkov, "CKV_AWS_69", kCheckov},
      {"AIP-LOG-037", T::checkov, "CKV_AWS_80", kCheckov},
      {"AIP-ENC-040", T::checkov, "CKV_AWS_81", kCheckov},
      {"AIP-ENC-043", T::checkov, "CKV_AWS_82", kCheckov},
      {"AIP-EXP-038", T::checkov, "CKV_AWS_100", kCheckov},
      {"AIP-ENC-025", T::checkov, "CKV_AWS_155", kCheckov},
      {"AIP-ENC-025", T::checkov, "CKV_AWS_156", kCheckov},
      {"AIP-ENC-007", T::checkov, "CKV_AWS_160", kCheckov},
      {"AIP-EXP-039", T::checkov, "CKV_AWS_164", kCheckov},
      {"AIP-LOG-038", T::checkov, "CKV_AWS_197", kCheckov},
      {"AIP-EXP-039", T::checkov, "CKV_AWS_291", kCheckov},
      {"AIP-RES-010", T::checkov, "CKV_AWS_360", kCheckov},
      {"AIP-RES-010", T::checkov, "CKV_AWS_361", kCheckov},
      {"AIP-EXP-009", T::checkov, "CKV2_AWS_33", kCheckov},
      {"AIP-EXP-042", T::checkov, "CKV2_AWS_75", kCheckov},
      {"AIP-IAM-020", T::checkov, "CKV2_AWS_68", kCheckov},
      {"AIP-ENC-045", T::checkov, "CKV_AWS_158", kCheckov},
      {"AIP-ENC-046", T::checkov, "CKV_AWS_173", kCheckov},
  };
  return table;
}

std::vector<std::string_view> foreign_ids(std::string_view aip_rule, ForeignTool tool) {
  std::vector<std::string_view> out;
  for (const ForeignRule& r : foreign_rules()) {
    if (r.tool == tool && foreign_rules_table::same(r.aip, aip_rule) &&
        std::find(out.begin(), out.end(), r.id) == out.end()) {
      out.push_back(r.id);
    }
  }
  return out;
}

std::vector<std::string_view> aip_rules_for(ForeignTool tool, std::string_view foreign_id) {
  std::vector<std::string_view> out;
  for (const ForeignRule& r : foreign_rules()) {
    if (r.tool == tool && foreign_rules_table::same(r.id, foreign_id)) out.push_back(r.aip);
  }
  return out;
}

std::string_view metadata_key(ForeignTool tool) {
  switch (tool) {
    case ForeignTool::cfn_nag: return "cfn_nag";
    case ForeignTool::checkov: return "checkov";
    case ForeignTool::cdk_nag: return "cdk_nag";
    case ForeignTool::cfn_lint: return "cfn-lint";
  }
  return "";
}

}  // namespace aip::spec
