// The `security:` area of the spec: threat detection and continuous
// compliance in every account of the platform (or those it names):
// GuardDuty with the protection features the platform's services need,
// Security Hub with standards, IAM Access Analyzer, and the AWS Config
// recorder and delivery channel that the compliance packs' Config rules need.
#pragma once

#include <string>
#include <vector>

#include "spec/located.hpp"

namespace aip::spec {

struct GuardDuty {
  Location location;  // invalid: absent
  // Explicit features (s3, rds, ecs-runtime, eks-runtime, lambda, ebs-malware,
  // eks-audit); empty and not given: derived per account from what it runs.
  std::vector<Located<std::string>> features;
  bool features_given = false;
  Located<std::string> frequency{"15m", {}};  // 15m | 1h | 6h: how often updated findings are published
};

struct SecurityHub {
  Location location;  // invalid: absent
  // Standards (base/security_standards.hpp names); not given: aws-foundational,
  // cis-1.4, and pci-dss / nist-800-53 when those compliance packs are on.
  std::vector<Located<std::string>> standards;
  bool standards_given = false;
};

struct ConfigRecording {
  Location location;  // invalid: absent
  Located<std::string> bucket;  // a storage bucket that `receives: [config]`
  Located<std::string> prefix;  // S3 key prefix; default none
  Located<std::string> frequency{"continuous", {}};  // continuous | daily
  Located<int> snapshot_hours{24, {}};              // 1, 3, 6, 12, 24
  Located<bool> pack_rules{true, {}};               // deploy the compliance packs' Config rules
};

struct Security {
  Location location;  // where `security:` was written; invalid when absent
  std::vector<Located<std::string>> accounts;  // default: every account of the spec
  GuardDuty guardduty;
  SecurityHub security_hub;
  Located<std::string> access_analyzer{"account", {}};  // account | organization | none
  Located<std::string> administrator;  // the account whose analyzer covers the organization
  ConfigRecording config;

  bool present() const { return location.valid(); }
};

struct Spec;
struct Account;
// The accounts the security area covers: those it names, or every account.
std::vector<const Account*> security_accounts(const Spec& spec);
// The GuardDuty features of an account: the explicit list, or derived from
// the buckets, databases, ECS clusters and functions the account holds.
std::vector<std::string> guardduty_features(const Spec& spec, const Account& account);
// The Security Hub standards: the explicit list or the defaults.
std::vector<std::string> security_hub_standards(const Spec& spec);

}  // namespace aip::spec
