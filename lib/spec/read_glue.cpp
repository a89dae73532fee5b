// The `glue:` area: catalog databases, crawlers and ETL jobs, read (checks
// across elements and areas: check_glue.cpp).
#include <fmt/format.h>

#include "base/pattern.hpp"
#include "spec/field_reader.hpp"
#include "spec/load.hpp"
#include "spec/placement.hpp"

namespace aip::spec {
namespace read_glue_impl {

const Pattern& glue_cron() {
  static const Pattern p("cron\\(\\S+ \\S+ \\S+ \\S+ \\S+ \\S+\\)");
  return p;
}
constexpr std::string_view kNotGlueCron =
    "'{}' is not a Glue schedule: cron(minutes hours day-of-month month day-of-week year), such as "
    "cron(0 * * * ? *)";

// `{bucket: silver, prefix: sales/}` or just `silver`.
bool read_path(const YamlNode& n, const std::string& what, BucketPath& out, Diagnostics& diags,
               bool key_required = false) {
  out.location = n.location;
  if (n.is_scalar()) {
    out.bucket = located(n.scalar, n);
    if (key_required) diags.error(n.location, fmt::format("{} needs {{bucket: ..., key: ...}}", what));
    return !key_required;
  }
  Fields f(n, what, diags);
  if (!f.ok()) return false;
  bool ok = f.text("bucket", out.bucket, Presence::required);
  if (key_required) {
    ok = f.text("key", out.prefix, Presence::required) && ok;
  } else {
    f.text("prefix", out.prefix);
  }
  return ok;
}

void read_paths(Fields& f, const char* key, const std::string& what, std::vector<BucketPath>& out,
                Diagnostics& diags) {
  const YamlNode* n = f.optional(key);
  if (n == nullptr) return;
  for (const YamlNode* item : read_list(*n, key, diags)) {
    BucketPath p;
    if (read_path(*item, fmt::format("'{}' of {}", key, what), p, diags)) out.push_back(std::move(p));
  }
}

void read_database(const YamlNode& key, const YamlNode& value, Spec& spec, Diagnostics& diags) {
  if (!check_name(key, "database", diags)) return;
  GlueDatabase d;
  d.name = key.scalar;
  d.location = key.location;
  Fields f(value, fmt::format("database '{}'", d.name), diags, key.location);
  if (!f.ok()) return;
  f.text("account", d.account);
  f.region("region", d.region);
  static const Pattern name("[a-z0-9_]{1,255}");
  f.text("database_name", name, "Glue database names are lowercase letters, digits and '_'; got '{}'",
         d.database_name);
  f.text("description", d.description);
  f.tags(d.tags);
  spec.glue.databases.push_back(std::move(d));
}

void read_crawler(const YamlNode& key, const YamlNode& value, Spec& spec, Diagnostics& diags) {
  if (!check_name(key, "crawler", diags)) return;
  GlueCrawler c;
  c.name = key.scalar;
  c.location = key.location;
  const std::string what = fmt::format("crawler '{}'", c.name);
  Fields f(value, what, diags, key.location);
  if (!f.ok()) return;
  f.text("database", c.database, Presence::required);
  if (f.required("targets") != nullptr) {
    read_paths(f, "targets", what, c.targets, diags);
  }
  f.text("table_prefix", c.table_prefix);
  f.text("schedule", glue_cron(), kNotGlueCron, c.schedule);
  f.tags(c.tags);
  spec.glue.crawlers.push_back(std::move(c));
}

void read_job(const YamlNode& key, const YamlNode& value, Spec& spec, Diagnostics& diags) {
  if (!check_name(key, "job", diags)) return;
  GlueJob j;
  j.name = key.scalar;
  j.location = key.location;
  const std::string what = fmt::format("job '{}'", j.name);
  Fields f(value, what, diags, key.location);
  if (!f.ok()) return;
  f.text("database", j.database);
  if (const YamlNode* s = f.required("script")) read_path(*s, "'script' of " + what, j.script, diags, true);
  f.choice("glue_version", {"3.0", "4.0", "5.0"}, j.glue_version);
  f.choice("worker_type", {"G.1X", "G.2X", "G.4X", "G.8X"}, j.worker_type);
  f.integer("workers", {2, 299}, j.workers);
  f.integer("timeout_minutes", {1, 10080}, j.timeout_minutes);
  f.integer("max_retries", {0, 10}, j.max_retries);
  f.flag("bookmarks", j.bookmarks);
  read_paths(f, "read", what, j.read, diags);
  read_paths(f, "write", what, j.write, diags);
  f.text("schedule", glue_cron(), kNotGlueCron, j.schedule);
  f.text("after", j.after);
  if (!j.schedule.value.empty() && !j.after.value.empty()) {
    diags.error(j.after.location, fmt::format("{} runs on a 'schedule' or 'after' another job, not both", what));
  }
  f.tags(j.tags);
  spec.glue.jobs.push_back(std::move(j));
}

}  // namespace read_glue_impl

std::string glue_database_name(const Spec& spec, const GlueDatabase& d) {
  if (!d.database_name.value.empty()) return d.database_name.value;
  std::string out = fmt::format("{}_{}", spec.name.value, d.name);
  for (char& c : out) {
    if (c == '-') c = '_';
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}
std::string glue_crawler_name(const Spec& spec, const GlueCrawler& c) { return spec.name.value + "-" + c.name; }
std::string glue_job_name(const Spec& spec, const GlueJob& j) { return spec.name.value + "-" + j.name; }

void read_glue(const YamlNode& node, Spec& spec, Diagnostics& diags) {
  spec.glue.location = node.location;
  Fields f(node, "'glue'", diags);
  if (!f.ok()) return;
  read_named(f, "databases", "database", diags,
             [&](const YamlNode& k, const YamlNode& v) { read_glue_impl::read_database(k, v, spec, diags); });
  read_named(f, "crawlers", "crawler", diags,
             [&](const YamlNode& k, const YamlNode& v) { read_glue_impl::read_crawler(k, v, spec, diags); });
  read_named(f, "jobs", "job", diags,
             [&](const YamlNode& k, const YamlNode& v) { read_glue_impl::read_job(k, v, spec, diags); });
}

}  // namespace aip::spec
