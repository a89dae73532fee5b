// Checks of the `glue:` area across elements and areas: databases' placement,
// crawlers' and jobs' databases and buckets (in the same account and region),
// the job another job runs after.
#include <map>

#include <fmt/format.h>

#include "base/did_you_mean.hpp"
#include "spec/load.hpp"
#include "spec/placement.hpp"

namespace aip::spec {
namespace check_glue_impl {

void check_path(const Spec& spec, const std::string& what, const Placement& here, const BucketPath& p,
                Diagnostics& diags) {
  const Bucket* b = spec.storage.find(p.bucket.value);
  if (b == nullptr) {
    diags.error(p.bucket.location, fmt::format("{} refers to bucket '{}', which is not defined{}", what, p.bucket.value,
                                               did_you_mean(p.bucket.value, names_of(spec.storage.buckets))));
    return;
  }
  Placement there = place(spec, b->account, b->region);
  if (here.known() && there.known() && there != here) {
    Diagnostic& d = diags.error(p.bucket.location, fmt::format("{} ({}) refers to bucket '{}' ({}); Glue reaches "
                                                               "buckets of its own account and region",
                                                               what, here.str(), b->name, there.str()));
    d.notes.push_back({Severity::note, b->location, "bucket declared here", {}});
  }
  if (!p.prefix.value.empty() && (p.prefix.value.front() == '/' || p.prefix.value.find('*') != std::string::npos)) {
    diags.error(p.prefix.location, fmt::format("prefix '{}' of {} is a key prefix such as sales/ (no leading '/', no "
                                               "wildcards)",
                                               p.prefix.value, what));
  }
}

const GlueDatabase* check_database(const Spec& spec, const std::string& what, const Located<std::string>& name,
                                   Diagnostics& diags) {
  if (name.value.empty()) return nullptr;
  const GlueDatabase* d = spec.glue.find_database(name.value);
  if (d == nullptr) {
    diags.error(name.location, fmt::format("{} refers to database '{}', which is not defined{}", what, name.value,
                                           did_you_mean(name.value, names_of(spec.glue.databases))));
  }
  return d;
}

}  // namespace check_glue_impl

// Where a job runs: its database's account and region, else its script bucket's.
Placement glue_job_placement(const Spec& spec, const GlueJob& j) {
  if (const GlueDatabase* d = spec.glue.find_database(j.database.value)) return place(spec, d->account, d->region);
  if (const Bucket* b = spec.storage.find(j.script.bucket.value)) return place(spec, b->account, b->region);
  return {};
}

void check_glue(const Spec& spec, Diagnostics& diags) {
  using namespace check_glue_impl;
  std::map<std::string, const GlueDatabase*> names;
  for (const GlueDatabase& d : spec.glue.databases) {
    place(spec, d.account, d.region, fmt::format("database '{}'", d.name), d.location, diags);
    auto [it, fresh] = names.emplace(glue_database_name(spec, d), &d);
    if (!fresh) {
      Diagnostic& e = diags.error(d.location, fmt::format("databases '{}' and '{}' would both be named '{}'",
                                                          it->second->name, d.name, it->first));
      e.notes.push_back({Severity::note, it->second->location, "first declared here", {}});
    }
  }
  for (const GlueCrawler& c : spec.glue.crawlers) {
    const std::string what = fmt::format("crawler '{}'", c.name);
    const GlueDatabase* d = check_database(spec, what, c.database, diags);
    Placement here = d != nullptr ? place(spec, d->account, d->region) : Placement{};
    for (const BucketPath& p : c.targets) check_path(spec, what, here, p, diags);
    if (c.targets.empty() && c.location.valid() && d != nullptr) {
      diags.error(c.location, fmt::format("{} has no 'targets': name buckets and prefixes to crawl", what));
    }
  }
  for (const GlueJob& j : spec.glue.jobs) {
    const std::string what = fmt::format("job '{}'", j.name);
    check_database(spec, what, j.database, diags);
    Placement here = glue_job_placement(spec, j);
    check_path(spec, "the script of " + what, here, j.script, diags);
    for (const auto* list : {&j.read, &j.write}) {
      for (const BucketPath& p : *list) check_path(spec, what, here, p, diags);
    }
    if (!j.after.value.empty()) {
      const GlueJob* other = spec.glue.find_job(j.after.value);
      if (other == nullptr) {
        diags.error(j.after.location, fmt::format("{} runs after job '{}', which is not defined{}", what, j.after.value,
                                                  did_you_mean(j.after.value, names_of(spec.glue.jobs))));
      } else if (other == &j) {
        diags.error(j.after.location, fmt::format("{} cannot run after itself", what));
      } else if (glue_job_placement(spec, *other) != here) {
        diags.error(j.after.location, fmt::format("{} runs after job '{}', which runs in another account or region",
                                                  what, other->name));
      }
    }
  }
}

}  // namespace aip::spec
