// Checks of the `pipelines:` area: where each pipeline lives, its source, and
// what its stages name (secrets, repositories, topics, services), all in the
// pipeline's account and region.
#include <algorithm>

#include <fmt/format.h>

#include "base/did_you_mean.hpp"
#include "spec/dns_placement.hpp"
#include "spec/load.hpp"
#include "spec/placement.hpp"

namespace aip::spec {
namespace check_pipelines_cpp {

const Service* pipeline_service(const Spec& spec, std::string_view name) {
  for (const Service& s : spec.compute.services) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

Placement pipeline_service_placement(const Spec& spec, const Service& svc) {
  if (const EcsCluster* cl = spec.compute.find_cluster(svc.cluster.value)) {
    if (const Vpc* vpc = spec.find_vpc(cl->vpc.value)) return place(spec, vpc->account, vpc->region);
  }
  return {};
}

// `thing` lives in `there`; the pipeline in `here`: an error when they differ.
void same_place(const Placement& here, const Placement& there, const std::string& what, const std::string& thing,
                Location at, Diagnostics& diags) {
  if (!here.known() || !there.known() || here == there) return;
  diags.error(at, fmt::format("{} names {} in {}, but the pipeline runs in {}; a pipeline uses what lives in its own "
                              "account and region",
                              what, thing, there.str(), here.str()));
}

void check_source(const Spec& spec, const Pipeline& p, const Placement& here, Diagnostics& diags) {
  const PipelineSource& s = p.source;
  if (s.bucket.value.empty()) return;
  const Bucket* b = spec.storage.find(s.bucket.value);
  const std::string what = fmt::format("the source of pipeline '{}'", p.name);
  if (b == nullptr) {
    diags.error(s.bucket.location, fmt::format("{} refers to bucket '{}', which is not defined{}", what, s.bucket.value,
                                               did_you_mean(s.bucket.value, names_of(spec.storage.buckets))));
    return;
  }
  same_place(here, place(spec, b->account, b->region), what, fmt::format("bucket '{}'", b->name), s.bucket.location,
             diags);
  if (!b->versioning.value) {
    diags.error(s.bucket.location, fmt::format("{} reads bucket '{}', which is not versioned; CodePipeline's S3 source "
                                               "needs a versioned bucket",
                                               what, b->name));
  }
  if (!b->eventbridge.value) {
    diags.error(s.bucket.location, fmt::format("{} reads bucket '{}', which does not send events to EventBridge; set "
                                               "'eventbridge: true' on it so a new object starts the pipeline",
                                               what, b->name));
  }
}

void check_build(const Spec& spec, const Pipeline& p, const PipelineBuild& b, const std::string& what,
                 const Placement& here, Diagnostics& diags) {
  for (const auto& [env, name] : b.secrets) {
    const Secret* s = spec.secrets.find(name.value);
    if (s == nullptr) {
      diags.error(name.location, fmt::format("{} refers to secret '{}', which is not defined{}", what, name.value,
                                             did_you_mean(name.value, names_of(spec.secrets.items))));
      continue;
    }
    same_place(here, place(spec, s->account, s->region), what, fmt::format("secret '{}'", s->name), name.location,
               diags);
  }
  for (const auto& [env, value] : b.environment) {
    for (const auto& [secret_env, unused] : b.secrets) {
      if (secret_env.value == env.value) {
        diags.error(secret_env.location, fmt::format("{} sets variable {} in both 'environment' and 'secrets'", what,
                                                     env.value));
      }
    }
  }
  for (const Located<std::string>& r : b.push) {
    const Repository* repo = spec.registries.find(r.value);
    if (repo == nullptr) {
      diags.error(r.location, fmt::format("{} pushes to repository '{}', which is not defined{}", what, r.value,
                                          did_you_mean(r.value, names_of(spec.registries.repositories))));
      continue;
    }
    same_place(here, place(spec, repo->account, repo->region), what, fmt::format("repository '{}'", repo->name),
               r.location, diags);
  }
  (void)p;
}

// A deploy stage with `account`: a promotion into another environment's
// account of the image this pipeline built (and the earlier stages tested).
void check_promotion(const Spec& spec, const PipelineDeploy& d, const Service* svc,
                     const std::string& stage, const Placement& here, Diagnostics& diags) {
  const Located<std::string>& to = d.account;
  if (spec.environment.empty()) {
    diags.error(to.location, fmt::format("{} deploys into account '{}', but the spec has no environments: 'account' "
                                         "promotes into another environment's account (docs/environments.md)",
                                         stage, to.value));
    return;
  }
  const Account* target = spec.find_account(to.value);
  if (target == nullptr) {
    std::vector<std::string> names;
    for (const auto& [account, env] : spec.environment_of_account) names.push_back(account);
    diags.error(to.location, fmt::format("{} deploys into account '{}', which is not defined{}", stage, to.value,
                                         did_you_mean(to.value, names)));
    return;
  }
  if (!here.known()) return;
  if (target == here.account) {
    diags.error(to.location, fmt::format("{} deploys into account '{}', the pipeline's own; remove 'account'", stage,
                                         to.value));
    return;
  }
  if (spec.environment_of_account.count(target->name) == 0) {
    diags.error(to.location, fmt::format("{} deploys into account '{}', which is no environment's: a promotion "
                                         "deploys the service as another environment renders it",
                                         stage, to.value));
    return;
  }
  if (spec.environment_of_account.count(here.account->name) == 0) {
    diags.error(to.location, fmt::format("{} promotes from shared account '{}'; a promoting pipeline lives in an "
                                         "environment's account",
                                         stage, here.account->name));
    return;
  }
  if (svc == nullptr) return;
  // The service in the target environment: its VPC's region, or the account's.
  std::string region = target->region.value;
  if (const EcsCluster* cl = spec.compute.find_cluster(svc->cluster.value)) {
    if (const Vpc* vpc = spec.find_vpc(cl->vpc.value)) {
      if (!vpc->region.value.empty()) region = vpc->region.value;
    }
  }
  if (region != here.region) {
    diags.error(to.location, fmt::format("{} deploys service '{}' in {}, but the pipeline runs in {}; promotions stay "
                                         "in the pipeline's region",
                                         stage, svc->name, region, here.region));
  }
  // The image: from a repository the target account may pull from.
  const Repository* repo = spec.registries.find(svc->app.repository.value);
  if (repo == nullptr) {
    diags.error(d.service.location, fmt::format("{} promotes service '{}', whose image is no repository of "
                                                "`registries:`; name the repository the build pushes to in its "
                                                "'repository'",
                                                stage, svc->name));
  } else {
    Placement at = place(spec, repo->account, repo->region);
    bool pulls = at.known() && at.account == target;
    for (const Located<std::string>& a : repo->pull_accounts) pulls = pulls || a.value == target->name;
    if (!pulls) {
      Diagnostic& e = diags.error(to.location, fmt::format("{} promotes the image of repository '{}' into account "
                                                           "'{}', which may not pull from it; add '{}' to the "
                                                           "repository's 'pull_accounts'",
                                                           stage, repo->name, target->name, target->name));
      e.notes.push_back({Severity::note, repo->location, "repository declared here", {}});
    }
  }
  // The roles' names are shorter than the bucket's, which check_pipeline limits
  // (environment names have at most 12 characters).
}

// A publish stage: its bucket in the pipeline's account and region, its
// distribution defined, after the build whose output it publishes.
void check_publish(const Spec& spec, const PipelinePublish& pb, const std::string& stage, const Placement& here,
                   bool built, Diagnostics& diags) {
  if (const Bucket* b = spec.storage.find(pb.bucket.value); b == nullptr) {
    diags.error(pb.bucket.location, fmt::format("{} publishes to bucket '{}', which is not defined{}", stage,
                                                pb.bucket.value, did_you_mean(pb.bucket.value,
                                                                              names_of(spec.storage.buckets))));
  } else {
    same_place(here, place(spec, b->account, b->region), stage, fmt::format("bucket '{}'", b->name),
               pb.bucket.location, diags);
  }
  const Distribution* d = pb.invalidate.value.empty() ? nullptr : spec.edge.find_distribution(pb.invalidate.value);
  if (d != nullptr) {
    // The invalidation reads the distribution's id from its stack: one account and region.
    same_place(here, distribution_placement(spec, *d), stage, fmt::format("distribution '{}'", d->name),
               pb.invalidate.location, diags);
  } else if (!pb.invalidate.value.empty()) {
    std::vector<std::string> names;
    for (const Distribution& x : spec.edge.distributions) names.push_back(x.name);
    diags.error(pb.invalidate.location, fmt::format("{} invalidates distribution '{}', which is not defined{}", stage,
                                                    pb.invalidate.value, did_you_mean(pb.invalidate.value, names)));
  }
  if (!built) {
    diags.error(pb.location, fmt::format("{} publishes before any 'build' stage wrote the files; put a 'build' "
                                         "stage before it",
                                         stage));
  }
}

void check_pipeline(const Spec& spec, const Pipeline& p, Diagnostics& diags) {
  const std::string what = fmt::format("pipeline '{}'", p.name);
  if (pipeline_elsewhere(spec, p)) {
    // Its own environment checks it; here only that what it promotes into this account exists.
    for (const PipelineStage& st : p.stages) {
      if (!promotes(st) || st.deploy->account.value != spec.accounts.front().name) continue;
      if (pipeline_service(spec, st.deploy->service.value) == nullptr) {
        diags.error(st.deploy->service.location,
                    fmt::format("stage '{}' of pipeline '{}' promotes service '{}' into environment {}, which does "
                                "not define it",
                                st.name.value, p.name, st.deploy->service.value, spec.environment));
      }
    }
    return;
  }
  Placement here = place(spec, p.account, p.region, what, p.location, diags);
  if (has_promotions(p)) {
    // The longest of the fixed names: the roles' are shorter (environment names have at most 12 characters).
    const std::string bucket = pipeline_artifact_bucket_name(spec, p);
    if (bucket.size() > 63) {
      diags.error(p.location, fmt::format("{} promotes into another account, so its role and artifact bucket get "
                                          "fixed names; '{}' would be longer than 63 characters: shorten the "
                                          "pipeline's name",
                                          what, bucket));
    }
  }
  check_source(spec, p, here, diags);
  const Located<std::string>& shared = p.source.connection;
  if (!shared.value.empty() && !shared.value.starts_with("arn:")) {
    // Another pipeline's connection: one aip creates, in the same stack.
    const Pipeline* owner = spec.pipelines.find(shared.value);
    std::vector<std::string> names;
    for (const Pipeline& x : spec.pipelines.items) {
      if (x.name != p.name) names.push_back(x.name);
    }
    if (owner == nullptr || owner == &p) {
      diags.error(shared.location, fmt::format("{} shares the connection of pipeline '{}', which {}{}", what,
                                               shared.value, owner == nullptr ? "is not defined" : "is itself",
                                               owner == nullptr ? did_you_mean(shared.value, names) : ""));
    } else if (owner->source.github.value.empty() || !owner->source.connection.value.empty()) {
      diags.error(shared.location, fmt::format("{} shares the connection of pipeline '{}', which creates none (it "
                                               "{}); name the pipeline that does, or its ARN",
                                               what, owner->name,
                                               owner->source.github.value.empty() ? "reads an S3 object"
                                                                                  : "uses another connection"));
    } else {
      Placement there = place(spec, owner->account, owner->region);
      if (here.known() && there.known() && (there.account != here.account || there.region != here.region)) {
        diags.error(shared.location, fmt::format("{} shares the connection of pipeline '{}', which lives in another "
                                                 "account or region; a connection serves its own",
                                                 what, owner->name));
      }
    }
  }
  // The connection aip creates is named "<platform>-<pipeline>"; CodeConnections allows 32 characters.
  const std::string connection = spec.name.value + "-" + p.name;
  if (!p.source.github.value.empty() && p.source.connection.value.empty() && connection.size() > 32) {
    diags.error(p.source.github.location,
                fmt::format("{} would create connection '{}', longer than CodeConnections' 32 characters; shorten "
                            "the pipeline's name or give an existing 'connection' ARN",
                            what, connection));
  }
  std::vector<const PipelineStage*> seen;
  bool built = false;
  for (const PipelineStage& st : p.stages) {
    const std::string stage = fmt::format("stage '{}' of pipeline '{}'", st.name.value, p.name);
    for (const PipelineStage* other : seen) {
      if (other->name.value == st.name.value) {
        Diagnostic& d = diags.error(st.name.location, fmt::format("pipeline '{}' has two stages named '{}'", p.name,
                                                                  st.name.value));
        d.notes.push_back({Severity::note, other->name.location, "first stage declared here", {}});
      }
    }
    if (st.name.value == "Source") {
      diags.error(st.name.location, fmt::format("{}: 'Source' is the name of the stage aip writes from 'source'",
                                                stage));
    }
    seen.push_back(&st);
    if (st.build) {
      check_build(spec, p, *st.build, stage, here, diags);
      if (!st.test) built = true;
    }
    if (st.approval && !st.approval->topic.value.empty()) {
      const AlarmTopic* t = spec.observability.find_topic(st.approval->topic.value);
      if (t == nullptr) {
        diags.error(st.approval->topic.location,
                    fmt::format("{} refers to topic '{}', which is not defined{}", stage, st.approval->topic.value,
                                did_you_mean(st.approval->topic.value, names_of(spec.observability.topics))));
      } else {
        same_place(here, place(spec, t->account, t->region), stage, fmt::format("topic '{}'", t->name),
                   st.approval->topic.location, diags);
      }
    }
    if (st.deploy) {
      const PipelineDeploy& d = *st.deploy;
      const Service* svc = pipeline_service(spec, d.service.value);
      if (svc == nullptr) {
        std::vector<std::string> names;
        for (const Service& s : spec.compute.services) names.push_back(s.name);
        diags.error(d.service.location, fmt::format("{} deploys service '{}', which is not defined{}", stage,
                                                    d.service.value, did_you_mean(d.service.value, names)));
      } else if (d.account.value.empty()) {
        same_place(here, pipeline_service_placement(spec, *svc), stage, fmt::format("service '{}'", svc->name),
                   d.service.location, diags);
      }
      if (!d.account.value.empty()) check_promotion(spec, d, svc, stage, here, diags);
      if (!built) {
        diags.error(d.location, fmt::format("{} deploys before any 'build' stage wrote the image definitions; put a "
                                            "'build' stage before it",
                                            stage));
      }
    }
    if (st.publish) check_publish(spec, *st.publish, stage, here, built, diags);
  }
}

}  // namespace check_pipelines_cpp

void check_pipelines(const Spec& spec, Diagnostics& diags) {
  for (const Pipeline& p : spec.pipelines.items) check_pipelines_cpp::check_pipeline(spec, p, diags);
}

}  // namespace aip::spec
