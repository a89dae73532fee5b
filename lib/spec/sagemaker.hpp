// The `sagemaker:` area of the spec (seeds 001 and 002):
//   registries   model package groups whose resource policy lets named accounts
//                of the spec or named roles read, register or approve model
//                versions (seed 002's dev -> central registry -> test -> prod);
//   endpoints    a model (a registry package, or an image and an artifact in a
//                bucket of the spec), its endpoint config (production variants
//                with weights, KMS, data capture) and the endpoint, with target
//                tracking auto-scaling and a Model Monitor data quality schedule;
//   notebooks    notebook instances in a private subnet of a VPC of the spec,
//                without direct internet or root access, stopped when idle;
//   feature_groups  Feature Store groups, online and/or offline, KMS-encrypted.
// Every role aip creates here reaches only what the element names.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "spec/located.hpp"

namespace aip::spec {

// Who a registry lets in, per verb: accounts of the spec (their root: the
// account's own IAM policies decide further) or roles of the iam area.
struct RegistryAccess {
  std::vector<Located<std::string>> read;      // describe and list versions, create models from them
  std::vector<Located<std::string>> register_;  // + create model package versions
  std::vector<Located<std::string>> approve;   // + update a version's approval status
  // + update a version's metadata (metrics, customer metadata) but never its
  // approval status: seed 002's test pipeline records its results.
  std::vector<Located<std::string>> record;
};

struct ModelRegistry {
  std::string name;
  Location location;
  Located<std::string> account;
  Located<std::string> region;
  Located<std::string> group_name;  // the SageMaker name; default <platform>-<name>
  Located<std::string> description;
  RegistryAccess access;
  Tags tags;
};

// Where a model comes from: a version of a registry of the spec, or an image
// in ECR and an artifact (model.tar.gz) in a bucket of the spec.
struct ModelSource {
  Location location;
  Located<std::string> registry;  // a registry of this spec
  std::optional<Located<int>> version;  // the package version in that registry
  // A deploy-time version: the name of a parameter of the endpoint's stack
  // whose default is `version` (a deploy passes the approved one).
  Located<std::string> version_parameter;
  Located<std::string> image;     // <account>.dkr.ecr.<region>.amazonaws.com/<repository>[:tag|@digest]
  Located<std::string> bucket;    // a bucket of the spec holding the artifact
  Located<std::string> key;       // the artifact's key (image models), or the prefix its role may read
};

struct EndpointVariant {
  std::string name;
  Location location;
  ModelSource model;
  Located<std::string> instance_type;  // ml.*
  Located<int> count{1, {}};
  Located<int> weight{1, {}};
};

struct EndpointScaling {
  Location location;
  Located<int> min;
  Located<int> max;
  Located<int> invocations_per_instance{1000, {}};  // target of SageMakerVariantInvocationsPerInstance (per minute)
  Located<int> scale_in_cooldown{300, {}};
  Located<int> scale_out_cooldown{60, {}};
  // Deploy-time values: parameters of the endpoint's stack, `min`/`max` their defaults.
  Located<std::string> min_parameter;
  Located<std::string> max_parameter;
  Located<std::string> invocations_per_instance_parameter;
};

struct DataCapture {
  Location location;
  Located<std::string> bucket;  // a bucket of the spec
  Located<std::string> prefix;  // default "capture/<endpoint>"
  Located<int> percent{100, {}};
};

// A Model Monitor data quality schedule against the baseline a baselining job wrote.
struct EndpointMonitoring {
  Location location;
  Located<std::string> bucket;           // the bucket holding the baseline and receiving reports
  Located<std::string> baseline;         // the prefix holding constraints.json and statistics.json
  Located<std::string> reports;          // the prefix the reports go to; default "monitoring/<endpoint>"
  Located<std::string> schedule{"cron(0 * ? * * *)", {}};  // hourly
  Located<std::string> instance_type{"ml.m5.xlarge", {}};
  Located<std::string> image;            // the Model Monitor analyzer image; default: the region's
};

struct Endpoint {
  std::string name;
  Location location;
  Located<std::string> account;
  Located<std::string> region;
  Located<std::string> endpoint_name;  // the SageMaker name; default <platform>-<name>
  std::vector<EndpointVariant> variants;  // `variants:`, or one "AllTraffic" from model/instance_type/count
  std::optional<EndpointScaling> scaling;
  std::optional<DataCapture> capture;
  std::optional<EndpointMonitoring> monitoring;
  // A deploy-time instance type of every variant: a parameter of its stack
  // whose default is the variants' (one) instance_type.
  Located<std::string> instance_type_parameter;
  Located<bool> network_isolation{true, {}};  // the models' containers make no network calls of their own
  Tags tags;
};

struct Notebook {
  std::string name;
  Location location;
  Located<std::string> vpc;             // required: the notebook lives in a private subnet of it
  Located<std::string> subnets;         // a private or isolated tier; default: the first private one
  Located<std::string> security_group;  // a group of that VPC; default: aip's (HTTPS out to the VPC only)
  Located<std::string> instance_type{"ml.t3.xlarge", {}};
  Located<int> volume_gb{50, {}};
  Located<int> idle_minutes{60, {}};    // stopped after this long without kernel activity
  std::vector<Located<std::string>> read_buckets;
  std::vector<Located<std::string>> write_buckets;
  // A CodeCommit repository of the notebook's account and region, by name: cloned
  // as its default code repository; the notebook's role may pull and push it.
  Located<std::string> code_repository;
  Tags tags;
};

// A Feature Store feature group (seed 001, 5.3): its features and their types,
// the record identifier and event time features, an online store and/or an
// offline store under a prefix of a bucket of the spec. Both are encrypted
// with customer-managed keys (the group's own online, the bucket's offline).
struct FeatureDefinition {
  Located<std::string> name;
  Located<std::string> type;  // string | integral | fractional
};

struct FeatureGroup {
  std::string name;
  Location location;
  Located<std::string> account;
  Located<std::string> region;
  Located<std::string> group_name;   // the SageMaker name; default <platform>-<name>
  Located<std::string> description;
  Location features_location;
  std::vector<FeatureDefinition> features;
  Located<std::string> record_id;    // a feature of the group
  Located<std::string> event_time;   // a feature of the group, string or fractional
  Located<bool> online{true, {}};    // the online store
  Location offline_location;         // invalid: no offline store
  Located<std::string> offline_bucket;
  Located<std::string> offline_prefix;
  Tags tags;
};

struct SageMaker {
  Location location;  // where `sagemaker:` was written; invalid when absent
  std::vector<ModelRegistry> registries;
  std::vector<Endpoint> endpoints;
  std::vector<Notebook> notebooks;
  std::vector<FeatureGroup> feature_groups;

  const ModelRegistry* find_registry(std::string_view name) const {
    for (const ModelRegistry& r : registries) {
      if (r.name == name) return &r;
    }
    return nullptr;
  }
};

struct Spec;
// The SageMaker names: "<platform>-<name>" unless the spec names them.
std::string model_package_group_name(const Spec& spec, const ModelRegistry& r);
std::string sagemaker_endpoint_name(const Spec& spec, const Endpoint& e);
std::string notebook_name(const Spec& spec, const Notebook& n);
std::string feature_group_name(const Spec& spec, const FeatureGroup& g);
// The account that publishes the Model Monitor analyzer image in a region; "" when aip does not know it.
std::string_view model_monitor_account(std::string_view region);

}  // namespace aip::spec
