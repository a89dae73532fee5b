// The `storage:` area: S3 buckets with presets, lifecycle, CORS, replication
// and the log deliveries each bucket accepts, read (checks: check_storage.cpp).
#include <algorithm>

#include <fmt/format.h>

#include "base/did_you_mean.hpp"
#include "base/pattern.hpp"
#include "spec/field_reader.hpp"
#include "spec/load.hpp"
#include "spec/pipelines.hpp"
#include "spec/regions.hpp"
#include "spec/tables.hpp"

namespace aip::spec {
namespace {

const std::vector<std::string> kPresets = {"bronze", "silver", "gold", "logs"};
const std::vector<std::string> kStorageClasses = {"STANDARD_IA", "ONEZONE_IA", "INTELLIGENT_TIERING",
                                                  "GLACIER_IR",  "GLACIER",    "DEEP_ARCHIVE"};
const std::vector<std::string> kCorsMethods = {"GET", "PUT", "POST", "DELETE", "HEAD"};
const std::vector<std::string> kLogSources = {"s3-access-logs", "alb-access-logs", "cloudtrail", "config",
                                               "s3-inventory"};

// Seed 001's medallion lake: retention per layer, KMS and versioning on all.
// `logs` is for log deliveries, which S3 and ELB support only with SSE-S3.
void apply_preset(const std::string& preset, Bucket& b) {
  if (preset == "bronze") b.retention_days = Located<int>{90, b.preset.location};
  if (preset == "silver") b.retention_days = Located<int>{365, b.preset.location};
  if (preset == "gold") b.retention_days = Located<int>{1095, b.preset.location};
  if (preset == "logs") {
    b.encryption = Located<std::string>{"s3", b.preset.location};
    b.access_logs = Located<bool>{false, b.preset.location};
    b.retention_days = Located<int>{365, b.preset.location};
    LifecycleRule tiering;
    tiering.name = "log-tiering";
    tiering.location = b.preset.location;
    tiering.transitions.push_back({{30, b.preset.location}, {"INTELLIGENT_TIERING", b.preset.location}});
    tiering.transitions.push_back({{90, b.preset.location}, {"GLACIER", b.preset.location}});
    b.lifecycle.push_back(std::move(tiering));
  }
}

void read_transitions(const YamlNode& n, LifecycleRule& rule, Diagnostics& diags) {
  if (!n.is_sequence()) {
    diags.error(n.location, fmt::format("'transitions' must be a list, got {}", n.describe()));
    return;
  }
  for (const YamlNode& item : n.items) {
    Fields f(item, fmt::format("a transition of lifecycle rule '{}'", rule.name), diags);
    if (!f.ok()) continue;
    LifecycleTransition t;
    f.integer("days", {0, 36500}, t.days, Presence::required);
    f.choice("storage_class", kStorageClasses, t.storage_class, Presence::required);
    rule.transitions.push_back(std::move(t));
  }
}

void read_lifecycle(const YamlNode& n, Bucket& b, Diagnostics& diags) {
  if (!n.is_map()) {
    diags.error(n.location, fmt::format("'lifecycle' must map rule names to rules, got {}", n.describe()));
    return;
  }
  for (const auto& [key, value] : n.entries) {
    if (!check_name(key, "lifecycle rule", diags)) continue;
    LifecycleRule rule;
    rule.name = key.scalar;
    rule.location = key.location;
    Fields f(value, fmt::format("lifecycle rule '{}'", rule.name), diags, key.location);
    if (!f.ok()) continue;
    f.text("prefix", rule.prefix);
    if (const YamlNode* t = f.optional("transitions")) read_transitions(*t, rule, diags);
    f.integer("expire_days", {1, 36500}, rule.expire_days);
    f.integer("noncurrent_expire_days", {1, 36500}, rule.noncurrent_expire_days);
    if (rule.transitions.empty() && !rule.expire_days && !rule.noncurrent_expire_days) {
      diags.error(key.location, fmt::format("lifecycle rule '{}' does nothing: give transitions, expire_days or "
                                            "noncurrent_expire_days",
                                            rule.name));
    }
    b.lifecycle.push_back(std::move(rule));
  }
}

void read_cors(const YamlNode& n, Bucket& b, Diagnostics& diags) {
  if (!n.is_sequence()) {
    diags.error(n.location, fmt::format("'cors' must be a list of rules, got {}", n.describe()));
    return;
  }
  for (const YamlNode& item : n.items) {
    Fields f(item, fmt::format("a cors rule of bucket '{}'", b.name), diags);
    if (!f.ok()) continue;
    CorsRule rule;
    rule.location = item.location;
    f.strings("origins", rule.origins, Presence::required);
    f.choices("methods", kCorsMethods, rule.methods, Presence::required);
    f.strings("headers", rule.headers);
    f.integer("max_age_seconds", {0, 86400}, rule.max_age_seconds);
    b.cors.push_back(std::move(rule));
  }
}

// object_lock: {mode: governance | compliance, days: N | years: N}
void read_object_lock(const YamlNode& n, Bucket& b, Diagnostics& diags) {
  Fields f(n, fmt::format("object lock of bucket '{}'", b.name), diags);
  if (!f.ok()) return;
  b.object_lock.location = n.location;
  f.choice("mode", {"governance", "compliance"}, b.object_lock.mode, Presence::required);
  f.integer("days", {1, 36500}, b.object_lock.days);
  f.integer("years", {1, 100}, b.object_lock.years);
  if (b.object_lock.days && b.object_lock.years) {
    diags.error(b.object_lock.years->location,
                fmt::format("object lock of bucket '{}' gives both 'days' and 'years'; give one", b.name));
  } else if (!b.object_lock.days && !b.object_lock.years) {
    diags.error(n.location, fmt::format("object lock of bucket '{}' needs a retention: 'days' or 'years'", b.name));
  }
}

// `existing: {name, key}`: a bucket deployed elsewhere. Everything that
// describes the bucket itself is refused; its name and key are what
// references and grants use.
void read_existing_bucket(const YamlNode& n, const YamlNode& bucket, Bucket& b, Diagnostics& diags) {
  Fields f(n, fmt::format("existing bucket '{}'", b.name), diags, n.location);
  if (!f.ok()) return;
  f.without_lint();
  b.existing_location = n.location;
  refuse_on_existing(bucket, fmt::format("bucket '{}'", b.name),
                     {"preset", "bucket_name", "versioning", "encryption", "retention_days", "lifecycle", "cors",
                      "eventbridge", "access_logs", "replicate_to", "receives", "read_accounts", "deletion", "object_lock",
                      "tags"},
                     diags, "its name is existing.name, its KMS key existing.key");
  static const Pattern any(".+");
  Located<std::string> name;
  if (const YamlNode* n_name = f.required("name")) {
    if (auto v = read_existing_id(*n_name, "name", any, "", diags)) name = located(*v, *n_name);
  }
  f.text("key", kms_key_arn(), kNotKmsKeyArn, b.existing_key);
  // What the reads of the bucket's own keys set is of no use: the bucket is
  // the one that exists, and grants need only its name and key.
  if (!name.value.empty()) b.bucket_name = name;
  b.encryption = {b.existing_key.value.empty() ? "s3" : "kms", n.location};
  b.versioning = {false, n.location};
  b.access_logs = {false, n.location};
  b.preset = {};
  b.retention_days.reset();
  b.lifecycle.clear();
  b.cors.clear();
  b.receives.clear();
  b.read_accounts.clear();
  b.replicate_to.reset();
  b.eventbridge = {false, n.location};
  b.object_lock = {};
  b.tags.clear();
}

void read_bucket(const YamlNode& key, const YamlNode& value, Spec& spec, Diagnostics& diags) {
  if (!check_name(key, "bucket", diags)) return;
  Bucket b;
  b.name = key.scalar;
  b.location = key.location;
  Fields f(value, fmt::format("bucket '{}'", b.name), diags, key.location);
  if (!f.ok()) return;
  // The preset first, so that every key written next to it overrides it.
  if (f.choice("preset", kPresets, b.preset)) apply_preset(b.preset.value, b);
  f.text("account", b.account);
  f.region("region", b.region);
  f.text("bucket_name", b.bucket_name);
  f.flag("versioning", b.versioning);
  f.choice("encryption", {"kms", "s3"}, b.encryption);
  f.integer("retention_days", {1, 36500}, b.retention_days);
  if (const YamlNode* l = f.optional("lifecycle")) read_lifecycle(*l, b, diags);
  if (const YamlNode* c = f.optional("cors")) read_cors(*c, b, diags);
  f.flag("eventbridge", b.eventbridge);
  f.flag("access_logs", b.access_logs);
  f.region("replicate_to", b.replicate_to);
  std::vector<Located<std::string>> receives;
  f.choices("receives", kLogSources, receives);
  for (const Located<std::string>& r : receives) {
    LogSource source = r.value == "s3-access-logs"    ? LogSource::s3_access
                       : r.value == "alb-access-logs" ? LogSource::alb_access
                       : r.value == "config"          ? LogSource::config
                       : r.value == "s3-inventory"    ? LogSource::s3_inventory
                                                      : LogSource::cloudtrail;
    b.receives.push_back(Located<LogSource>{source, r.location});
  }
  f.strings("read_accounts", b.read_accounts);
  f.choice("deletion", deletion_choices(), b.deletion);
  if (const YamlNode* l = f.optional("object_lock")) read_object_lock(*l, b, diags);
  f.text("classification", b.classification);
  f.text("backup", b.backup);
  f.tags(b.tags);
  if (const YamlNode* e = f.optional("existing")) read_existing_bucket(*e, value, b, diags);
  spec.storage.buckets.push_back(std::move(b));
}

}  // namespace

void read_storage(const YamlNode& node, Spec& spec, Diagnostics& diags) {
  spec.storage.location = node.location;
  Fields f(node, "'storage'", diags);
  if (!f.ok()) return;
  f.text("access_logs_bucket", spec.storage.access_logs_bucket);
  read_named(f, "buckets", "bucket", diags,
             [&](const YamlNode& k, const YamlNode& v) { read_bucket(k, v, spec, diags); });
}

std::string s3_bucket_name(const Spec& spec, const Bucket& b, const std::string& region) {
  if (!b.bucket_name.value.empty()) return b.bucket_name.value;
  const Account* account = spec.find_account(b.account.value);
  const Account& owner = account != nullptr ? *account : spec.accounts.front();
  // With environments, a bucket of another environment's account has that environment's name.
  std::string name = fmt::format("{}-{}-{}-{}", account_name_prefix(spec, owner), b.name, owner.id.value, region);
  std::transform(name.begin(), name.end(), name.begin(), [](char c) {
    return c == '_' ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  });
  return name;
}

std::string replica_bucket_name(const Spec& spec, const Bucket& b, const std::string& region) {
  if (b.bucket_name.value.empty()) return s3_bucket_name(spec, b, region);
  return b.bucket_name.value + "-" + region;
}

}  // namespace aip::spec
