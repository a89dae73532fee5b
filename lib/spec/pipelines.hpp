// The `pipelines:` area of the spec: CodePipeline V2 release pipelines (seed
// 003 deploys its RAG service through build, staging tests, an approval and a
// canary). Each pipeline gets an artifact bucket of its own (customer-managed
// KMS key, versioned, public access blocked, TLS only), one CodeBuild project
// per build or test stage (its buildspec is a file of the source repository,
// logs in a log group with retention) and least-privilege roles on exactly the
// bucket, key, projects, connection, secrets, repositories and services it
// names.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "spec/located.hpp"

namespace aip::spec {

// Where a release starts: a GitHub repository through a CodeConnections
// connection (an ARN, or one aip creates, which needs a one-time handshake in
// the console), or an object in a versioned bucket of the spec.
struct PipelineSource {
  Location location;
  Located<std::string> github;      // "owner/repository"
  Located<std::string> branch{"main", {}};
  Located<std::string> connection;  // a CodeConnections connection ARN; empty: aip creates one
  Located<std::string> bucket;      // a storage bucket (versioned, eventbridge: true)
  Located<std::string> key;         // the object key of the source .zip
};

// A CodeBuild project run as a Build or Test action.
struct PipelineBuild {
  Location location;
  Located<std::string> buildspec{"buildspec.yml", {}};  // a path in the source artifact
  Located<std::string> compute{"small", {}};            // small | medium | large
  Located<std::string> architecture{"x86_64", {}};      // x86_64 | arm64
  Located<std::string> image;                           // default: the Amazon Linux standard image
  Located<bool> privileged{false, {}};                  // docker builds need it
  Located<int> timeout{60, {}};                         // minutes, 5-2160
  std::vector<std::pair<Located<std::string>, Located<std::string>>> environment;  // plaintext, in order
  std::vector<std::pair<Located<std::string>, Located<std::string>>> secrets;      // variable -> secret name
  std::vector<Located<std::string>> push;               // repositories of `registries:` it pushes to
};

// A manual approval, optionally announced on an alarm topic of the spec.
struct PipelineApproval {
  Location location;
  Located<std::string> topic;    // observability topic
  Located<std::string> comment;
  Located<int> timeout_minutes{10080, {}};  // CodePipeline's limit: 7 days
};

// An ECS deployment of a compute service from the image definitions a build wrote.
// With `account`, a promotion: the service as another environment renders it,
// in that environment's account, from the same image definitions (the image
// the earlier stages tested), through a role of that account the pipeline assumes.
struct PipelineDeploy {
  Location location;
  Located<std::string> service;  // a compute service
  Located<std::string> account;  // another environment's account; empty: the pipeline's
  Located<std::string> file{"imagedefinitions.json", {}};
  Located<int> timeout_minutes{60, {}};
};

// Static files the latest build wrote, extracted under a prefix of a bucket
// of the spec (CodePipeline's S3 deploy action), then optionally a CloudFront
// invalidation of a distribution of the spec (a CodeBuild action aip writes).
struct PipelinePublish {
  Location location;
  Located<std::string> bucket;        // a storage bucket in the pipeline's account and region
  Located<std::string> prefix;        // "" : the bucket's root; else "dir/" (ends with '/')
  Located<std::string> invalidate;    // an edge distribution; empty: none
};

struct PipelineStage {
  Location location;
  Located<std::string> name;
  std::optional<PipelineBuild> build;  // `build:` or `test:` (test = true)
  bool test = false;
  std::optional<PipelineApproval> approval;
  std::optional<PipelineDeploy> deploy;
  std::optional<PipelinePublish> publish;
};

struct Pipeline {
  std::string name;
  Location location;
  Located<std::string> account;  // default: the only account
  Located<std::string> region;   // default: the account's
  PipelineSource source;
  std::vector<PipelineStage> stages;
  Located<int> log_retention_days{90, {}};
  Located<int> artifact_days{30, {}};  // expire artifacts after N days
  Tags tags;
};

struct Pipelines {
  Location location;  // where `pipelines:` was written; invalid when absent
  std::vector<Pipeline> items;

  const Pipeline* find(std::string_view name) const {
    for (const Pipeline& p : items) {
      if (p.name == name) return &p;
    }
    return nullptr;
  }
};

struct Spec;
struct Account;
// The prefix of physical names in an account: this spec's `name` for its own
// account, "<platform>-<env>" for another environment's, "<platform>" for a
// shared account (docs/environments.md).
std::string account_name_prefix(const Spec& spec, const Account& account);
// A pipeline placed in another environment's account: that environment's read
// renders and checks it; this one renders only what its promotions into this
// account need.
bool pipeline_elsewhere(const Spec& spec, const Pipeline& p);
// Whether a stage promotes into another account.
inline bool promotes(const PipelineStage& st) { return st.deploy && !st.deploy->account.value.empty(); }
bool has_promotions(const Pipeline& p);
// The names promotions need on both sides (the other side knows them before
// either exists): the pipeline's role "<prefix>-<pipeline>-pipeline", its
// artifact bucket "<prefix>-<pipeline>-artifacts-<account id>", and the role in
// the target account "<target prefix>-<pipeline>-deploy".
std::string pipeline_role_name(const Spec& spec, const Pipeline& p);
std::string pipeline_artifact_bucket_name(const Spec& spec, const Pipeline& p);
std::string promotion_role_name(const Spec& spec, const Pipeline& p, const Account& target);
// Whether another environment's pipeline promotes compute service `service`
// (or a service of cluster `cluster`) into this spec's account: its ECS names
// are then fixed ("<prefix>-<name>") so that pipeline can name them.
bool promoted_here(const Spec& spec, std::string_view service);
bool cluster_promoted_here(const Spec& spec, std::string_view cluster);

}  // namespace aip::spec
