// The `glue:` area of the spec (seed 001's ETL layer): Data Catalog databases,
// crawlers over buckets and prefixes of the storage area, and ETL jobs with
// their script in a bucket, bookmarks, a schedule or the success of another
// job as trigger, and a security configuration (S3, CloudWatch Logs and job
// bookmarks encrypted with aip's key). Each crawler and job gets a role that
// reaches exactly its buckets and prefixes and its catalog database.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "spec/located.hpp"

namespace aip::spec {

// A bucket of the spec and a prefix in it ("" : the whole bucket).
struct BucketPath {
  Location location;
  Located<std::string> bucket;
  Located<std::string> prefix;
};

struct GlueDatabase {
  std::string name;
  Location location;
  Located<std::string> account;
  Located<std::string> region;
  Located<std::string> database_name;  // the catalog name; default <platform>_<name> with '-' as '_'
  Located<std::string> description;
  Tags tags;
};

struct GlueCrawler {
  std::string name;
  Location location;
  Located<std::string> database;  // a database of this area; the crawler lives where it lives
  std::vector<BucketPath> targets;
  Located<std::string> table_prefix;
  Located<std::string> schedule;  // cron(...); empty: run on demand
  Tags tags;
};

struct GlueJob {
  std::string name;
  Location location;
  Located<std::string> database;  // the catalog database it reads and writes tables of
  BucketPath script;              // the script's bucket and key
  Located<std::string> glue_version{"4.0", {}};
  Located<std::string> worker_type{"G.1X", {}};
  Located<int> workers{2, {}};
  Located<int> timeout_minutes{60, {}};
  Located<int> max_retries{0, {}};
  Located<bool> bookmarks{true, {}};
  std::vector<BucketPath> read;
  std::vector<BucketPath> write;
  Located<std::string> schedule;  // cron(...)
  Located<std::string> after;     // another job of this area: run when it succeeds
  Tags tags;
};

struct Glue {
  Location location;  // where `glue:` was written; invalid when absent
  std::vector<GlueDatabase> databases;
  std::vector<GlueCrawler> crawlers;
  std::vector<GlueJob> jobs;

  const GlueDatabase* find_database(std::string_view name) const {
    for (const GlueDatabase& d : databases) {
      if (d.name == name) return &d;
    }
    return nullptr;
  }
  const GlueJob* find_job(std::string_view name) const {
    for (const GlueJob& j : jobs) {
      if (j.name == name) return &j;
    }
    return nullptr;
  }
};

struct Spec;
// The catalog name of a database, the Glue names of crawlers and jobs ("<platform>-<name>").
std::string glue_database_name(const Spec& spec, const GlueDatabase& d);
std::string glue_crawler_name(const Spec& spec, const GlueCrawler& c);
std::string glue_job_name(const Spec& spec, const GlueJob& j);
struct Placement;
// Where a job runs: its database's account and region, else its script bucket's.
Placement glue_job_placement(const Spec& spec, const GlueJob& j);

}  // namespace aip::spec
