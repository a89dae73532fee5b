// The `security:` area, rendered into the security stack of every account it
// covers (per-account pieces in each account's own stack):
//   GuardDuty: one detector, every protection feature listed ENABLED or DISABLED
//     (the spec's list, or what the account runs: buckets -> S3, Aurora -> RDS,
//     ECS -> runtime monitoring with the Fargate agent, functions -> Lambda);
//   Security Hub: the hub (no default standards, consolidated control
//     findings) and one AWS::SecurityHub::Standard per standard, its ARN built
//     for the account's region and partition (base/security_standards.hpp);
//   IAM Access Analyzer: an account analyzer, or the organization analyzer in
//     the administrator account;
//   AWS Config: a recorder of every resource type (global ones included), its
//     role (AWS_ConfigRole plus delivery to the spec's bucket and key), the
//     delivery channel, and the managed rules of the spec's compliance packs
//     (spec/compliance.hpp); with an administrator account, an aggregator
//     there and an aggregation authorization in every other account.
#include <algorithm>

#include <fmt/format.h>

#include "base/arn.hpp"
#include "base/security_standards.hpp"
#include "cfn/intrinsics.hpp"
#include "cfn/logical_id.hpp"
#include "plan/names.hpp"
#include "plan/plan.hpp"
#include "plan/resource_helpers.hpp"
#include "spec/compliance.hpp"
#include "spec/load.hpp"

namespace aip::plan {
namespace plan_security_area {

using cfn::Json;
namespace fn = cfn::intrinsic;

bool has(const std::vector<std::string>& list, const char* item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

Json feature(const char* name, bool on) { return {{"Name", name}, {"Status", on ? "ENABLED" : "DISABLED"}}; }

void plan_guardduty(const spec::Spec& spec, cfn::Stack& stack, const spec::Account& account) {
  const spec::GuardDuty& g = spec.security.guardduty;
  const std::vector<std::string> on = spec::guardduty_features(spec, account);
  Json features = Json::array({feature("S3_DATA_EVENTS", has(on, "s3")), feature("EKS_AUDIT_LOGS", has(on, "eks-audit")),
                               feature("EBS_MALWARE_PROTECTION", has(on, "ebs-malware")),
                               feature("RDS_LOGIN_EVENTS", has(on, "rds")),
                               feature("LAMBDA_NETWORK_LOGS", has(on, "lambda"))});
  bool ecs = has(on, "ecs-runtime");
  bool eks = has(on, "eks-runtime");
  Json runtime = feature("RUNTIME_MONITORING", ecs || eks);
  if (ecs || eks) {
    // GuardDuty manages the agents: the Fargate sidecar, the EKS add-on.
    runtime["AdditionalConfiguration"] = Json::array({feature("ECS_FARGATE_AGENT_MANAGEMENT", ecs),
                                                      feature("EKS_ADDON_MANAGEMENT", eks)});
  }
  features.push_back(std::move(runtime));
  const std::string& f = g.frequency.value;
  add_resource(stack, kGuardDutyDetectorId, "AWS::GuardDuty::Detector",
               {{"Enable", true},
                {"FindingPublishingFrequency", f == "15m" ? "FIFTEEN_MINUTES" : f == "1h" ? "ONE_HOUR" : "SIX_HOURS"},
                {"Features", std::move(features)}},
               g.location);
}

void plan_security_hub(const spec::Spec& spec, cfn::Stack& stack, const spec::Account& account) {
  const spec::SecurityHub& h = spec.security.security_hub;
  add_resource(stack, kSecurityHubId, "AWS::SecurityHub::Hub",
               {{"EnableDefaultStandards", false},
                {"ControlFindingGenerator", "SECURITY_CONTROL"},
                {"AutoEnableControls", true}},
               h.location);
  for (const std::string& name : spec::security_hub_standards(spec)) {
    const aws::SecurityStandard* standard = aws::find_security_standard(name);
    if (standard == nullptr) continue;
    std::string arn = aws::security_standard_arn(*standard, account.region.value);
    if (arn.empty()) continue;  // check_security reported it for explicit lists; defaults skip it
    cfn::Resource& r = add_resource(stack, security_standard_id(name), "AWS::SecurityHub::Standard",
                                    {{"StandardsArn", arn}}, h.location);
    r.depends_on.push_back(kSecurityHubId);
  }
}

void plan_access_analyzer(const spec::Spec& spec, cfn::Stack& stack, const spec::Account& account) {
  const spec::Security& s = spec.security;
  bool organization = s.access_analyzer.value == "organization" && s.administrator.value == account.name;
  add_resource(stack, kAccessAnalyzerId, "AWS::AccessAnalyzer::Analyzer",
               {{"AnalyzerName", organization ? fmt::format("{}-organization", spec.name.value)
                                              : fmt::format("{}-{}", spec.name.value, account.name)},
                {"Type", organization ? "ORGANIZATION" : "ACCOUNT"}},
               s.access_analyzer.location.valid() ? s.access_analyzer.location : s.location);
}

void plan_config(const spec::Spec& spec, cfn::Assembly& assembly, cfn::Stack& stack, const spec::Account& account) {
  const spec::ConfigRecording& c = spec.security.config;
  const spec::Bucket& b = *spec.storage.find(c.bucket.value);
  const spec::Account& owner = account_of(spec, b.account);
  const std::string bucket_region = b.region.value.empty() ? owner.region.value : b.region.value;
  const std::string bucket_name = spec::s3_bucket_name(spec, b, bucket_region);
  // The bucket policy that admits Config exists first.
  cfn::Stack& storage = stack_for(assembly, spec, kLayerStorage, owner, bucket_region);
  stack.dependencies.insert(storage.id);
  const std::string prefix = c.prefix.value.empty() ? "" : c.prefix.value + "/";
  auto s3 = [](const std::string& resource) { return fn::sub(aws::arn(aws::kThisPartition, "s3", "", "", resource)); };
  Json statements = Json::array();
  statements.push_back(allow("BucketAcl", "s3:GetBucketAcl", s3(bucket_name)));
  statements.push_back(allow("Deliver", "s3:PutObject", s3(bucket_name + "/" + prefix + "AWSLogs/${AWS::AccountId}/*"))
                           .condition("StringEquals", "s3:x-amz-acl", "bucket-owner-full-control"));
  Json key = nullptr;
  if (b.encryption.value == "kms") {
    // check_security: a KMS bucket is in this account and region.
    key = bucket_key_arn(spec, assembly, stack, storage, b);
    statements.push_back(allow("EncryptDeliveries", Json::array({"kms:Decrypt", "kms:GenerateDataKey"}), key));
  }
  cfn::Resource& role = add_resource(stack, kConfigRoleId, "AWS::IAM::Role",
               {{"AssumeRolePolicyDocument",
                 policy_doc(Json::array({service_assumes_role("config.amazonaws.com").from_this_account()}))},
                {"Description", fmt::format("AWS Config recorder of platform {} in account {}", spec.name.value,
                                            account.name)},
                {"ManagedPolicyArns",
                 Json::array({fn::sub(aws::arn(aws::kThisPartition, "iam", "", "aws", "policy/service-role/AWS_ConfigRole"))})},
                {"Policies", Json::array({{{"PolicyName", "deliver"}, {"PolicyDocument", policy_doc(statements)}}})}},
               c.location);
  clear_role(role, b.classification.value);  // it writes into that bucket, nothing else
  add_resource(stack, kConfigRecorderId, "AWS::Config::ConfigurationRecorder",
               {{"Name", spec.name.value},
                {"RoleARN", fn::get_att(kConfigRoleId, "Arn")},
                {"RecordingGroup", {{"AllSupported", true}, {"IncludeGlobalResourceTypes", true}}},
                {"RecordingMode", {{"RecordingFrequency", c.frequency.value == "daily" ? "DAILY" : "CONTINUOUS"}}}},
               c.location);
  static const char* kFrequencies[] = {"One_Hour", "Three_Hours", "Six_Hours", "Twelve_Hours", "TwentyFour_Hours"};
  const int h = c.snapshot_hours.value;
  Json channel = {{"Name", spec.name.value},
                  {"S3BucketName", bucket_name},
                  {"ConfigSnapshotDeliveryProperties",
                   {{"DeliveryFrequency", kFrequencies[h == 1 ? 0 : h == 3 ? 1 : h == 6 ? 2 : h == 12 ? 3 : 4]}}}};
  if (!c.prefix.value.empty()) channel["S3KeyPrefix"] = c.prefix.value;
  if (!key.is_null()) channel["S3KmsKeyArn"] = key;
  add_resource(stack, kConfigDeliveryChannelId, "AWS::Config::DeliveryChannel", std::move(channel), c.location);
  if (!c.pack_rules.value || spec.compliance.empty()) return;
  std::vector<std::string> packs;
  for (const auto& p : spec.compliance) packs.push_back(p.value);
  for (const spec::ConfigManagedRule* rule : spec::config_rules_of(packs)) {
    Json p = {{"ConfigRuleName", fmt::format("{}-{}", spec.name.value, spec::config_rule_slug(rule->identifier))},
              {"Description", rule->summary},
              {"Source", {{"Owner", "AWS"}, {"SourceIdentifier", rule->identifier}}}};
    if (*rule->parameters != '\0') p["InputParameters"] = Json::parse(rule->parameters);
    cfn::Resource& r = add_resource(stack, config_rule_id(rule->identifier), "AWS::Config::ConfigRule", std::move(p),
                                    spec.compliance.front().location);
    r.depends_on = {kConfigRecorderId, kConfigDeliveryChannelId};
  }
}

// With an administrator, its account aggregates every covered account's Config
// data (account-based aggregation: plain CloudFormation, no organization
// needed); each other account authorizes it.
void plan_aggregation(const spec::Spec& spec, cfn::Stack& stack, const spec::Account& account,
                      const std::vector<const spec::Account*>& accounts) {
  const spec::Security& s = spec.security;
  const spec::Account* admin = spec.find_account(s.administrator.value);
  if (admin == nullptr) return;
  if (&account != admin) {
    add_resource(stack, kConfigAggregationAuthorizationId, "AWS::Config::AggregationAuthorization",
                 {{"AuthorizedAccountId", admin->id.value}, {"AuthorizedAwsRegion", admin->region.value}},
                 s.administrator.location);
    return;
  }
  Json ids = Json::array();
  std::vector<std::string> regions;
  for (const spec::Account* a : accounts) {
    ids.push_back(a->id.value);
    if (std::find(regions.begin(), regions.end(), a->region.value) == regions.end()) regions.push_back(a->region.value);
  }
  std::sort(regions.begin(), regions.end());
  add_resource(stack, kConfigAggregatorId, "AWS::Config::ConfigurationAggregator",
               {{"ConfigurationAggregatorName", spec.name.value},
                {"AccountAggregationSources", Json::array({{{"AccountIds", ids}, {"AwsRegions", regions}}})}},
               s.administrator.location);
}

}  // namespace plan_security_area

void plan_security(const spec::Spec& spec, cfn::Assembly& assembly) {
  using namespace plan_security_area;
  const spec::Security& s = spec.security;
  if (!s.present()) return;
  const std::vector<const spec::Account*> accounts = spec::security_accounts(spec);
  for (const spec::Account* account : accounts) {
    cfn::Stack& stack = stack_for(assembly, spec, kLayerSecurity, *account, "");
    if (s.guardduty.location.valid()) plan_guardduty(spec, stack, *account);
    if (s.security_hub.location.valid()) plan_security_hub(spec, stack, *account);
    if (s.access_analyzer.value != "none") plan_access_analyzer(spec, stack, *account);
    if (s.config.location.valid()) {
      plan_config(spec, assembly, stack, *account);
      if (accounts.size() > 1) plan_aggregation(spec, stack, *account, accounts);
    }
  }
}

}  // namespace aip::plan
