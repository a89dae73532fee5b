// Checks of the `storage:` area across elements and areas: the access log
// bucket, accounts, S3 bucket names, replication, log deliveries, lifecycle.
#include <algorithm>

#include <fmt/format.h>

#include "base/did_you_mean.hpp"
#include "base/pattern.hpp"
#include "spec/field_reader.hpp"
#include "spec/load.hpp"
#include "spec/placement.hpp"
#include "spec/regions.hpp"
#include "spec/tables.hpp"

namespace aip::spec {
void check_storage(const Spec& spec, Diagnostics& diags) {
  static const Pattern bucket_name_shape("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
  std::vector<std::string> names;
  for (const Bucket& b : spec.storage.buckets) names.push_back(b.name);
  const Bucket* log_bucket = nullptr;
  if (const auto& l = spec.storage.access_logs_bucket) {
    log_bucket = spec.storage.find(l->value);
    if (log_bucket == nullptr) {
      diags.error(l->location, fmt::format("access_logs_bucket '{}' is not a bucket of this spec{}", l->value,
                                           did_you_mean(l->value, names)));
    } else if (log_bucket->encryption.value != "s3") {
      diags.error(l->location, fmt::format("bucket '{}' receives server access logs, which S3 delivers only to "
                                           "buckets encrypted with SSE-S3; give it `encryption: s3` or `preset: logs`",
                                           log_bucket->name));
    }
  }
  std::map<std::string, Location> seen_names;
  for (const Bucket& b : spec.storage.buckets) {
    if (!b.account.value.empty() && spec.find_account(b.account.value) == nullptr) {
      std::vector<std::string> accounts;
      for (const Account& a : spec.accounts) accounts.push_back(a.name);
      diags.error(b.account.location, fmt::format("bucket '{}' refers to account '{}', which is not defined{}", b.name,
                                                  b.account.value, did_you_mean(b.account.value, accounts)));
      continue;
    }
    if (b.account.value.empty() && spec.accounts.size() > 1) {
      diags.error(b.location, fmt::format("bucket '{}' needs 'account': the spec has {} accounts", b.name,
                                          spec.accounts.size()));
      continue;
    }
    const Account& account = b.account.value.empty() ? spec.accounts.front() : *spec.find_account(b.account.value);
    std::string region = b.region.value.empty() ? account.region.value : b.region.value;
    std::string name = s3_bucket_name(spec, b, region);
    Location where = b.bucket_name.value.empty() ? b.location : b.bucket_name.location;
    if (!deploy_time(name) && (!bucket_name_shape.matches(name) || name.find("..") != std::string::npos)) {
      diags.error(where, fmt::format("S3 bucket name '{}' of bucket '{}' must be 3 to 63 lowercase letters, digits, "
                                     "'.' or '-'{}",
                                     name, b.name,
                                     b.bucket_name.value.empty() ? "; set 'bucket_name' to a shorter name" : ""));
    }
    auto [it, inserted] = seen_names.emplace(name, where);
    if (!inserted) {
      Diagnostic& d = diags.error(where, fmt::format("S3 bucket name '{}' is used twice", name));
      d.notes.push_back({Severity::note, it->second, "first used here", {}});
    }
    for (const auto& a : b.read_accounts) {
      const Account* reader = spec.find_account(a.value);
      if (reader == nullptr) {
        diags.error(a.location, fmt::format("bucket '{}' lets account '{}' read, which is not an account of this spec{}",
                                            b.name, a.value, did_you_mean(a.value, names_of(spec.accounts))));
      } else if (reader == &account) {
        diags.error(a.location, fmt::format("bucket '{}' is in account '{}' already; read_accounts names other "
                                            "accounts",
                                            b.name, a.value));
      }
    }
    if (!b.read_accounts.empty() && !b.classification.value.empty()) {
      // A classified bucket's key is its level's, shared by every bucket of that
      // level in the account: opening it to another account would open them all.
      diags.error(b.read_accounts.front().location,
                  fmt::format("bucket '{}' is classified '{}', whose key other accounts cannot use; remove "
                              "read_accounts or the classification",
                              b.name, b.classification.value));
    }
    if (b.replicate_to) {
      if (!b.versioning.value) {
        diags.error(b.replicate_to->location, fmt::format("bucket '{}' replicates, which needs `versioning: true`",
                                                          b.name));
      }
      if (b.replicate_to->value == region) {
        diags.error(b.replicate_to->location, fmt::format("bucket '{}' lives in {}; replicate_to must name another "
                                                          "region",
                                                          b.name, region));
      } else if (!b.bucket_name.value.empty()) {
        std::string replica = replica_bucket_name(spec, b, b.replicate_to->value);
        if (!bucket_name_shape.matches(replica)) {
          diags.error(b.replicate_to->location,
                      fmt::format("the replica of bucket '{}' is named '{}' (its bucket_name and region), which is "
                                  "longer than S3's 63 characters; set a shorter 'bucket_name'",
                                  b.name, replica));
        }
        auto [at, fresh] = seen_names.emplace(replica, b.replicate_to->location);
        if (!fresh) {
          Diagnostic& d = diags.error(b.replicate_to->location,
                                      fmt::format("S3 bucket name '{}' of the replica of bucket '{}' is used twice",
                                                  replica, b.name));
          d.notes.push_back({Severity::note, at->second, "first used here", {}});
        }
      }
    }
    if (b.object_lock.location.valid()) {
      if (!b.versioning.value) {
        diags.error(b.object_lock.location, fmt::format("bucket '{}' has an object lock, which needs `versioning: true`",
                                                        b.name));
      }
      int locked = b.object_lock.retention_days();
      if (b.retention_days && locked > b.retention_days->value) {
        diags.error(b.retention_days->location,
                    fmt::format("bucket '{}' expires objects after {} days but locks them for {} days; keep them at "
                                "least as long as the lock",
                                b.name, b.retention_days->value, locked));
      }
    }
    for (const auto& r : b.receives) {
      if ((r.value == LogSource::alb_access || r.value == LogSource::s3_access) && b.encryption.value != "s3") {
        diags.error(r.location, fmt::format("bucket '{}' cannot receive {} while encrypted with KMS: S3 and ELB "
                                            "deliver logs only to SSE-S3 buckets; use `encryption: s3` or "
                                            "`preset: logs`",
                                            b.name, r.value == LogSource::alb_access ? "ALB access logs" : "S3 access logs"));
      }
    }
    for (const LifecycleRule& rule : b.lifecycle) {
      for (const LifecycleTransition& t : rule.transitions) {
        bool infrequent = t.storage_class.value == "STANDARD_IA" || t.storage_class.value == "ONEZONE_IA";
        if (infrequent && t.days.value < 30) {
          diags.error(t.days.location, fmt::format("S3 moves objects to {} only after at least 30 days, got {}",
                                                   t.storage_class.value, t.days.value));
        }
        if (rule.expire_days && rule.expire_days->value <= t.days.value) {
          diags.error(rule.expire_days->location, fmt::format("lifecycle rule '{}' expires objects after {} days, "
                                                              "before their transition at {} days",
                                                              rule.name, rule.expire_days->value, t.days.value));
        }
      }
    }
    if (log_bucket != nullptr && log_bucket != &b && b.access_logs.value) {
      const Account& log_account =
          log_bucket->account.value.empty() ? spec.accounts.front() : *spec.find_account(log_bucket->account.value);
      std::string log_region = log_bucket->region.value.empty() ? log_account.region.value : log_bucket->region.value;
      if (log_account.name != account.name || log_region != region) {
        diags.error(b.location, fmt::format("bucket '{}' ({}, {}) cannot send server access logs to '{}' ({}, {}): S3 "
                                            "logs only to a bucket of the same account and region; set `access_logs: "
                                            "false` on it",
                                            b.name, account.name, region, log_bucket->name, log_account.name,
                                            log_region));
      }
    }
  }
}

}  // namespace aip::spec
