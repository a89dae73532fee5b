// Checks of `classification:` across the spec: every element's level and every
// workload's clearance is a level of `classification:`, and a classified
// element is encrypted with its level's customer-managed key, which an
// explicit choice of another key (`encryption: s3`, `aws-owned`, `sqs`,
// `aws_owned_key: true`) contradicts. `encryption: kms` agrees: the level's
// key is the customer-managed key. Flows between levels are lint's (AIP-CLS-*).
#include <fmt/format.h>

#include "base/did_you_mean.hpp"
#include "spec/load.hpp"

namespace aip::spec {
namespace check_classification_area {

// `what` is "bucket 'x'"; `key` the key that names the level.
void check_level(const Spec& spec, const Located<std::string>& level, const std::string& what, const char* key,
                 Diagnostics& diags) {
  if (level.value.empty()) return;
  if (!spec.classification.defined()) {
    diags.error(level.location, fmt::format("{} names {} '{}', but the spec defines no levels: add "
                                            "`classification: {{levels: [...]}}`, lowest first",
                                            what, key, level.value));
    return;
  }
  if (spec.classification.rank(level.value) < 0) {
    diags.error(level.location,
                fmt::format("{} names {} '{}', which is not a level of `classification:` ({}){}", what, key,
                            level.value, fmt::join(spec.classification.names(), ", "),
                            did_you_mean(level.value, spec.classification.names())));
  }
}

// A classified element whose spec asks for a key other than its level's.
void conflicting_key(const Located<std::string>& level, const std::string& what, const std::string& setting,
                     Location setting_at, Diagnostics& diags) {
  Diagnostic& d = diags.error(
      level.location, fmt::format("{} is classified '{}', so it is encrypted with that level's customer-managed KMS "
                                  "key, but it asks for {}: remove that setting (or write `encryption: kms`)",
                                  what, level.value, setting));
  if (setting_at.valid()) d.notes.push_back({Severity::note, setting_at, "the other key is chosen here", {}});
}

}  // namespace check_classification_area

void check_classification(const Spec& spec, Diagnostics& diags) {
  using namespace check_classification_area;
  const char* level = "classification";
  for (const Bucket& b : spec.storage.buckets) {
    const std::string what = fmt::format("bucket '{}'", b.name);
    check_level(spec, b.classification, what, level, diags);
    if (!b.classification.value.empty() && b.encryption.value != "kms") {
      // `preset: logs` sets SSE-S3 at its own place (spec/read_storage.cpp).
      const bool from_preset = b.preset.value == "logs" && b.encryption.location.line == b.preset.location.line &&
                               b.encryption.location.column == b.preset.location.column;
      conflicting_key(b.classification, what,
                      from_preset
                          ? "SSE-S3 (`preset: logs`: S3 and ALB log deliveries need SSE-S3)"
                          : "SSE-S3 (`encryption: s3`)",
                      b.encryption.location.valid() ? b.encryption.location : b.preset.location, diags);
    }
  }
  // CloudFront reads its origins for anyone: a classified bucket is no origin.
  for (const Distribution& d : spec.edge.distributions) {
    for (const CdnOrigin& o : d.origins) {
      const Bucket* b = o.bucket.value.empty() ? nullptr : spec.storage.find(o.bucket.value);
      if (b == nullptr || b->classification.value.empty()) continue;
      Diagnostic& e = diags.error(o.bucket.location,
                                  fmt::format("distribution '{}' serves bucket '{}', which is classified '{}': "
                                              "CloudFront serves its origins to anyone, so an origin bucket is not "
                                              "classified (remove its `classification:` or serve another bucket)",
                                              d.name, b->name, b->classification.value));
      e.notes.push_back({Severity::note, b->classification.location, "classified here", {}});
    }
  }
  for (const Database& db : spec.data.databases) {
    check_level(spec, db.classification, fmt::format("database '{}'", db.name), level, diags);
  }
  for (const Table& t : spec.tables.items) {
    const std::string what = fmt::format("table '{}'", t.name);
    check_level(spec, t.classification, what, level, diags);
    // The default (aws-owned) gives way to the level's key; said explicitly, it contradicts it.
    if (!t.classification.value.empty() && t.encryption.value != "kms" && t.encryption.location.valid()) {
      conflicting_key(t.classification, what, "an AWS-owned key (`encryption: aws-owned`)", t.encryption.location,
                      diags);
    }
  }
  for (const EventQueue& q : spec.events.queues) {
    const std::string what = fmt::format("queue '{}'", q.name);
    check_level(spec, q.classification, what, level, diags);
    if (!q.classification.value.empty() && q.encryption.value != "kms" && q.encryption.location.valid()) {
      conflicting_key(q.classification, what, "SQS-managed encryption (`encryption: sqs`)", q.encryption.location,
                      diags);
    }
  }
  for (const EventTopic& t : spec.events.topics) {
    check_level(spec, t.classification, fmt::format("topic '{}'", t.name), level, diags);
  }
  for (const SearchCollection& c : spec.search.collections) {
    const std::string what = fmt::format("collection '{}'", c.name);
    check_level(spec, c.classification, what, level, diags);
    if (!c.classification.value.empty() && c.aws_owned_key.value) {
      conflicting_key(c.classification, what, "an AWS-owned key (`aws_owned_key: true`)", c.aws_owned_key.location,
                      diags);
    }
  }
  const char* clearance = "clearance";
  for (const Function& f : spec.functions.items) {
    check_level(spec, f.clearance, fmt::format("function '{}'", f.name), clearance, diags);
  }
  for (const Service& s : spec.compute.services) {
    check_level(spec, s.clearance, fmt::format("service '{}'", s.name), clearance, diags);
  }
  for (const IamRole& r : spec.iam.roles) {
    check_level(spec, r.clearance, fmt::format("role '{}'", r.name), clearance, diags);
  }
  // A workflow's role has no clearance (the lowest level): the level key of a
  // queue or topic above it would refuse its messages.
  for (const Workflow& w : spec.workflows.items) {
    for (const AslTask& t : w.asl.tasks) {
      std::string target_level;
      if (t.target.kind == "queue") {
        if (const EventQueue* q = spec.events.find_queue(t.target.name)) target_level = q->classification.value;
      } else if (t.target.kind == "topic") {
        if (const EventTopic* tp = spec.events.find_topic(t.target.name)) target_level = tp->classification.value;
      } else if (t.target.kind == "table") {
        if (const Table* tb = spec.tables.find(t.target.name)) target_level = tb->classification.value;
      } else if (t.target.kind == "bucket") {
        if (const Bucket* b = spec.storage.find(t.target.name)) target_level = b->classification.value;
      }
      if (spec.classification.rank(target_level) <= 0) continue;
      diags.error(t.location, fmt::format("workflow '{}' uses {} '{}', classified '{}', but workflows have no "
                                          "clearance (they are cleared for the lowest level only): call a function "
                                          "cleared for '{}' instead",
                                          w.name, t.target.kind, t.target.name, target_level, target_level));
    }
  }
}

}  // namespace aip::spec
