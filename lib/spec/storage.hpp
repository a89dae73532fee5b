// The `storage:` area of the spec: S3 buckets, with presets for the medallion
// lake of seed 001 (bronze, silver, gold) and log buckets.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "spec/located.hpp"

namespace aip::spec {

struct LifecycleTransition {
  Located<int> days;
  Located<std::string> storage_class;  // STANDARD_IA, INTELLIGENT_TIERING, GLACIER, ...
};

struct LifecycleRule {
  std::string name;
  Location location;
  Located<std::string> prefix;
  std::vector<LifecycleTransition> transitions;
  std::optional<Located<int>> expire_days;
  std::optional<Located<int>> noncurrent_expire_days;
};

// S3 Object Lock (audit buckets): every new object version is locked for the
// default retention; `compliance` mode cannot be shortened or lifted by anyone,
// `governance` by holders of s3:BypassGovernanceRetention.
struct ObjectLock {
  Location location;                 // invalid: no lock
  Located<std::string> mode;         // governance | compliance
  std::optional<Located<int>> days;  // one of days and years
  std::optional<Located<int>> years;
  int retention_days() const { return days ? days->value : years ? years->value * 365 : 0; }
};

struct CorsRule {
  Location location;
  std::vector<Located<std::string>> origins;
  std::vector<Located<std::string>> methods;  // GET, PUT, POST, DELETE, HEAD
  std::vector<Located<std::string>> headers;
  std::optional<Located<int>> max_age_seconds;
};

// Log deliveries a bucket accepts; each adds the matching bucket-policy grant.
enum class LogSource { s3_access, alb_access, cloudtrail, config, s3_inventory };

// Other areas refer to buckets by name (compute: task access and ALB access
// logs; iam: personas), so `name` and `location` keep these names.
struct Bucket {
  std::string name;
  Location location;
  Located<std::string> account;
  Located<std::string> region;
  Located<std::string> preset;            // bronze | silver | gold | logs, or empty
  Located<std::string> bucket_name;       // the S3 name; default <platform>-<name>-<account id>-<region>
  Located<bool> versioning{true, {}};
  Located<std::string> encryption{"kms", {}};  // kms (a customer-managed key per bucket) | s3
  std::optional<Located<int>> retention_days;  // expire current versions after N days
  std::vector<LifecycleRule> lifecycle;
  std::vector<CorsRule> cors;
  Located<bool> eventbridge{false, {}};   // send object events to EventBridge
  Located<bool> access_logs{true, {}};    // server access logs to storage.access_logs_bucket
  std::optional<Located<std::string>> replicate_to;  // a region: cross-region replica for DR
  std::vector<Located<LogSource>> receives;
  // Other accounts of the spec whose principals may list the bucket and read
  // its objects (and decrypt them through S3): the resource side of a
  // cross-account read; the readers' own IAM policies must allow it too.
  std::vector<Located<std::string>> read_accounts;
  Located<std::string> deletion{"retain", {}};  // retain | delete: what happens when removed from the spec
  ObjectLock object_lock;
  Located<std::string> classification;  // a level of `classification:`; empty: unclassified
  Located<std::string> backup;          // a plan of `backup:` that backs this up; empty: none
  Tags tags;
  // `existing: {name, key}`: a bucket deployed elsewhere (docs/existing.md).
  // aip renders nothing for it; `bucket_name` is its name and `encryption` is
  // kms when `key` (the ARN of the KMS key that encrypts it) is given.
  Location existing_location;          // invalid: aip creates the bucket
  Located<std::string> existing_key;   // "arn:aws:kms:...:key/..."; empty: SSE-S3 or no grants on a key
  bool existing() const { return existing_location.valid(); }
};

struct Storage {
  Location location;  // where `storage:` was written; invalid when absent
  std::optional<Located<std::string>> access_logs_bucket;  // the bucket that receives server access logs
  std::vector<Bucket> buckets;

  const Bucket* find(std::string_view name) const {
    for (const Bucket& b : buckets) {
      if (b.name == name) return &b;
    }
    return nullptr;
  }
};

}  // namespace aip::spec
