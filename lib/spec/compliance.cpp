// The AWS Config managed rules of each compliance pack (spec/compliance.hpp).
// `lint` names the aip lint rules that check the same thing in the templates;
// a test keeps those ids real and docs/compliance-packs.md in step.
#include <algorithm>
#include <cctype>

#include "spec/compliance.hpp"

namespace aip::spec {
namespace compliance_table {

const std::vector<std::string> kAll = {"gdpr", "hipaa", "iso27001", "nist-800-53", "pci-dss", "soc2", "sox"};
const std::vector<std::string> kData = {"gdpr", "hipaa", "iso27001", "nist-800-53", "pci-dss", "soc2"};
const std::vector<std::string> kSecurity = {"hipaa", "iso27001", "nist-800-53", "pci-dss", "soc2"};

}  // namespace compliance_table

const std::vector<ConfigManagedRule>& config_rules() {
  using compliance_table::kAll;
  using compliance_table::kData;
  using compliance_table::kSecurity;
  static const std::vector<ConfigManagedRule> rules = {
      // What aip lint also checks in the templates.
      {"S3_BUCKET_SERVER_SIDE_ENCRYPTION_ENABLED", "an S3 bucket without default encryption", {"AIP-ENC-001"}, kData, ""},
      {"S3_BUCKET_SSL_REQUESTS_ONLY", "an S3 bucket whose policy admits requests without TLS", {"AIP-ENC-002"}, kData, ""},
      {"S3_DEFAULT_ENCRYPTION_KMS", "an S3 bucket not encrypted with a KMS key by default", {"AIP-ENC-007"},
       {"hipaa", "pci-dss"}, ""},
      {"RDS_STORAGE_ENCRYPTED", "an RDS or Aurora instance with unencrypted storage", {"AIP-ENC-003"}, kData, ""},
      {"SNS_ENCRYPTED_KMS", "an SNS topic without a KMS key", {"AIP-ENC-004"}, {"hipaa", "nist-800-53", "pci-dss", "soc2"},
       ""},
      {"CLOUDWATCH_LOG_GROUP_ENCRYPTED", "a log group not encrypted with a KMS key", {"AIP-ENC-045"},
       {"hipaa", "nist-800-53", "pci-dss"}, ""},
      {"S3_BUCKET_LEVEL_PUBLIC_ACCESS_PROHIBITED", "an S3 bucket without all four public access blocks",
       {"AIP-EXP-005"}, kData, ""},
      {"RDS_INSTANCE_PUBLIC_ACCESS_CHECK", "a publicly accessible RDS or Aurora instance", {"AIP-EXP-004"}, kData, ""},
      {"LAMBDA_FUNCTION_PUBLIC_ACCESS_PROHIBITED", "a Lambda function whose resource policy admits anyone",
       {"AIP-EXP-007"}, kData, ""},
      {"INCOMING_SSH_DISABLED", "a security group that admits SSH from anywhere", {"AIP-EXP-001"}, kSecurity, ""},
      {"VPC_SG_OPEN_ONLY_TO_AUTHORIZED_PORTS", "a security group open to the internet on a port other than 443",
       {"AIP-EXP-002"}, {"nist-800-53", "pci-dss", "soc2"}, R"({"authorizedTcpPorts":"443"})"},
      {"ALB_WAF_ENABLED", "an Application Load Balancer without a WAF web ACL", {"AIP-EXP-006"},
       {"nist-800-53", "pci-dss", "soc2"}, ""},
      {"API_GW_ASSOCIATED_WITH_WAF", "an API Gateway stage without a WAF web ACL", {"AIP-EXP-009"},
       {"nist-800-53", "pci-dss", "soc2"}, ""},
      {"IAM_POLICY_NO_STATEMENTS_WITH_ADMIN_ACCESS", "a customer-managed policy that allows \"*\" on \"*\"",
       {"AIP-IAM-001", "AIP-IAM-010"}, kSecurity, ""},
      {"IAM_POLICY_NO_STATEMENTS_WITH_FULL_ACCESS", "a customer-managed policy that allows every action of a service",
       {"AIP-IAM-001"}, kSecurity, ""},
      {"ELB_LOGGING_ENABLED", "a load balancer without access logs", {"AIP-LOG-002"}, kSecurity, ""},
      {"S3_BUCKET_LOGGING_ENABLED", "an S3 bucket without server access logs", {"AIP-LOG-003"}, kSecurity, ""},
      {"API_GW_EXECUTION_LOGGING_ENABLED", "an API Gateway stage without execution logs", {"AIP-LOG-032"}, kSecurity,
       ""},
      {"CW_LOGGROUP_RETENTION_PERIOD_CHECK", "a log group kept less than 365 days", {"AIP-LOG-001", "AIP-LOG-005"},
       {"pci-dss", "sox"}, ""},
      {"S3_BUCKET_VERSIONING_ENABLED", "an S3 bucket without versioning", {"AIP-RES-002"},
       {"hipaa", "iso27001", "pci-dss", "sox"}, ""},
      {"RDS_CLUSTER_DELETION_PROTECTION_ENABLED", "an Aurora cluster without deletion protection", {"AIP-RES-001"},
       {"iso27001", "soc2", "sox"}, ""},
      {"CLOUD_TRAIL_LOG_FILE_VALIDATION_ENABLED", "a trail without log file validation", {"AIP-SEC-003"}, kAll, ""},
      {"CLOUD_TRAIL_ENCRYPTION_ENABLED", "a trail whose log files are not encrypted with a KMS key", {"AIP-SEC-004"},
       kAll, ""},
      {"GUARDDUTY_ENABLED_CENTRALIZED", "an account and region without an enabled GuardDuty detector", {"AIP-SEC-006"}, kAll,
       ""},
      // What only the running accounts show.
      {"CLOUD_TRAIL_ENABLED", "an account without a trail", {}, kAll, ""},
      {"MULTI_REGION_CLOUD_TRAIL_ENABLED", "an account without a multi-region trail of management events", {}, kAll, ""},
      {"SECURITYHUB_ENABLED", "an account without Security Hub", {}, kSecurity, ""},
      {"ROOT_ACCOUNT_MFA_ENABLED", "a root user without MFA", {}, kAll, ""},
      {"IAM_ROOT_ACCESS_KEY_CHECK", "a root user with access keys", {}, kAll, ""},
      {"MFA_ENABLED_FOR_IAM_CONSOLE_ACCESS", "an IAM user with a console password but no MFA", {}, kAll, ""},
      {"IAM_PASSWORD_POLICY", "an account password policy weaker than AWS's recommended one", {}, kSecurity, ""},
      {"ACCESS_KEYS_ROTATED", "an access key older than 90 days", {}, {"hipaa", "iso27001", "nist-800-53", "pci-dss", "soc2", "sox"},
       ""},
      {"IAM_USER_NO_POLICIES_CHECK", "an IAM user with policies of its own instead of a group's or role's",
       {"AIP-IAM-015"}, kSecurity, ""},
      {"VPC_FLOW_LOGS_ENABLED", "a VPC without flow logs", {}, kSecurity, ""},
      {"VPC_DEFAULT_SECURITY_GROUP_CLOSED", "a default security group that admits traffic", {}, kSecurity, ""},
      {"EC2_EBS_ENCRYPTION_BY_DEFAULT", "an account and region whose new EBS volumes are not encrypted by default", {},
       kData, ""},
      {"S3_ACCOUNT_LEVEL_PUBLIC_ACCESS_BLOCKS_PERIODIC", "an account without the account-wide S3 public access blocks",
       {}, kData, ""},
      {"RDS_SNAPSHOTS_PUBLIC_PROHIBITED", "a public RDS snapshot", {}, kData, ""},
      {"CMK_BACKING_KEY_ROTATION_ENABLED", "a customer-managed KMS key without rotation", {"AIP-ENC-014"}, kData, ""},
      {"KMS_CMK_NOT_SCHEDULED_FOR_DELETION", "a customer-managed KMS key scheduled for deletion", {},
       {"gdpr", "hipaa", "nist-800-53", "pci-dss", "sox"}, ""},
      {"SECRETSMANAGER_ROTATION_ENABLED_CHECK", "a Secrets Manager secret without rotation", {},
       {"hipaa", "nist-800-53", "pci-dss", "soc2"}, ""},
  };
  return rules;
}

std::vector<const ConfigManagedRule*> config_rules_of(const std::vector<std::string>& packs) {
  std::vector<const ConfigManagedRule*> out;
  for (const ConfigManagedRule& r : config_rules()) {
    bool on = std::any_of(r.packs.begin(), r.packs.end(), [&](const std::string& p) {
      return std::find(packs.begin(), packs.end(), p) != packs.end();
    });
    if (on) out.push_back(&r);
  }
  return out;
}

std::string config_rule_slug(std::string_view identifier) {
  std::string out;
  for (char c : identifier) out += c == '_' ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace aip::spec
