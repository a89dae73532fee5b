// Entry point of lib/spec: a file becomes a checked Spec, or diagnostics.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/diagnostics.hpp"
#include "base/yaml_tree.hpp"
#include "spec/spec.hpp"

namespace aip::spec {

struct LoadOptions {
  // The rule ids that `lint: {suppress: ...}` may name (lib/lint's registry;
  // lib/spec cannot ask lib/lint). Empty: rule ids are not checked here, and
  // lint reports unknown ones in the rendered Metadata (AIP-LINT-001).
  std::vector<std::string> lint_rules;
  // The environments to load (`environments:`); empty: every one. Naming one
  // the spec does not have is an error.
  std::vector<std::string> environments;
};

// Parses YAML, merges its includes, reads the typed model and runs every
// semantic check. Returns nullopt if any error was reported; all errors of the
// run are in `diags`. A spec with environments loads its first selected
// environment (load_environments loads them all).
std::optional<Spec> load_spec(const SourceFile& file, Diagnostics& diags, const LoadOptions& options = {});

// The same for every selected environment (spec/environments.cpp): one Spec
// per environment, in the order the spec writes them, or one Spec for a spec
// without environments. nullopt if any error was reported.
std::optional<std::vector<Spec>> load_environments(const SourceFile& file, Diagnostics& diags,
                                                   const LoadOptions& options = {});

// The part of a spec with environments that lives in its shared accounts
// (accounts no environment names): the spec without any overlay, read as its
// first environment but named as the platform, so that what it places in the
// shared accounts is rendered once, with the platform's names
// (driver/shared_accounts.hpp). nullopt without an error when the spec has no
// environments or no shared account.
std::optional<Spec> load_shared_part(const SourceFile& file, Diagnostics& diags, const LoadOptions& options = {});

// Top-level keys of aip's design that this version rejects as not implemented yet.
const std::vector<std::string>& planned_areas();

// The steps of load_spec, for tests and tools that need one of them.
Spec read_spec(const YamlNode& root, const SourceFile& file, Diagnostics& diags);
void read_network(const YamlNode& node, Spec& spec, Diagnostics& diags);
void read_accounts(const YamlNode& node, Spec& spec, Diagnostics& diags);  // appends to spec.accounts
void check_spec(const Spec& spec, Diagnostics& diags);

// One reader and one checker per area (read_<area>.cpp, check_<area>.cpp).
void read_identity(const YamlNode& node, Spec& spec, Diagnostics& diags);
void read_data(const YamlNode& node, Spec& spec, Diagnostics& diags);
void read_compute(const YamlNode& node, Spec& spec, Diagnostics& diags);
void read_edge(const YamlNode& node, Spec& spec, Diagnostics& diags);
void read_finops(const YamlNode& node, Spec& spec, Diagnostics& diags);
void read_storage(const YamlNode& node, Spec& spec, Diagnostics& diags);
void read_observability(const YamlNode& node, Spec& spec, Diagnostics& diags);
// Parts of observability: dashboards (read_dashboards.cpp), xray and queries (read_insights.cpp).
class Fields;
void read_dashboards(Fields& f, Spec& spec, Diagnostics& diags);
void read_xray(Fields& f, Spec& spec, Diagnostics& diags);
void read_queries(Fields& f, Spec& spec, Diagnostics& diags);
void read_events(const YamlNode& node, Spec& spec, Diagnostics& diags);
void read_iam(const YamlNode& node, Spec& spec, Diagnostics& diags);
void check_network(const Spec& spec, Diagnostics& diags);
void check_identity(const Spec& spec, Diagnostics& diags);
void check_data(const Spec& spec, Diagnostics& diags);
void check_compute(const Spec& spec, Diagnostics& diags);
void check_edge(const Spec& spec, Diagnostics& diags);
void check_finops(const Spec& spec, Diagnostics& diags);
void check_storage(const Spec& spec, Diagnostics& diags);
void check_observability(const Spec& spec, Diagnostics& diags);
void check_dashboards(const Spec& spec, Diagnostics& diags);  // dashboards, X-Ray, saved queries
void check_events(const Spec& spec, Diagnostics& diags);
void check_iam(const Spec& spec, Diagnostics& diags);
void read_functions(const YamlNode& node, Spec& spec, Diagnostics& diags);
void read_api(const YamlNode& node, Spec& spec, Diagnostics& diags);
void read_vpns(const YamlNode& node, Spec& spec, Diagnostics& diags);  // network.vpns
void check_functions(const Spec& spec, Diagnostics& diags);
void check_api(const Spec& spec, Diagnostics& diags);
void check_vpns(const Spec& spec, Diagnostics& diags);
// The keys of each environment's map, as load_environments reads them (its
// errors are reported there): so that the keys readers accept are one list.
void read_environment_keys(const YamlNode& node);
void read_search(const YamlNode& node, Spec& spec, Diagnostics& diags);
void check_search(const Spec& spec, Diagnostics& diags);
void read_sagemaker(const YamlNode& node, Spec& spec, Diagnostics& diags);
void check_sagemaker(const Spec& spec, Diagnostics& diags);
void read_glue(const YamlNode& node, Spec& spec, Diagnostics& diags);
void check_glue(const Spec& spec, Diagnostics& diags);
void read_registries(const YamlNode& node, Spec& spec, Diagnostics& diags);
void read_secrets(const YamlNode& node, Spec& spec, Diagnostics& diags);
void read_discovery(const YamlNode& node, Spec& spec, Diagnostics& diags);
void check_registries(const Spec& spec, Diagnostics& diags);
void check_secrets(const Spec& spec, Diagnostics& diags);
void check_discovery(const Spec& spec, Diagnostics& diags);
// dns: (read_dns.cpp, check_dns.cpp) and edge.distributions (read_cdn.cpp, check_cdn.cpp).
void read_dns(const YamlNode& node, Spec& spec, Diagnostics& diags);
void read_distribution(const YamlNode& key, const YamlNode& value, Spec& spec, Diagnostics& diags);
void check_dns(const Spec& spec, Diagnostics& diags);
void check_cdn(const Spec& spec, Diagnostics& diags);
void read_tables(const YamlNode& node, Spec& spec, Diagnostics& diags);
void check_tables(const Spec& spec, Diagnostics& diags);
void read_workflows(const YamlNode& node, Spec& spec, Diagnostics& diags);
void check_workflows(const Spec& spec, Diagnostics& diags);
void read_security(const YamlNode& node, Spec& spec, Diagnostics& diags);
void check_security(const Spec& spec, Diagnostics& diags);
void read_bedrock(const YamlNode& node, Spec& spec, Diagnostics& diags);
void check_bedrock(const Spec& spec, Diagnostics& diags);
void read_backup(const YamlNode& node, Spec& spec, Diagnostics& diags);
void check_backup(const Spec& spec, Diagnostics& diags);
void read_classification(const YamlNode& node, Spec& spec, Diagnostics& diags);
void check_classification(const Spec& spec, Diagnostics& diags);
void read_pipelines(const YamlNode& node, Spec& spec, Diagnostics& diags);
void check_pipelines(const Spec& spec, Diagnostics& diags);


// The S3 name of a bucket in `region`: its `bucket_name`, or
// "<platform>-<bucket>-<account id>-<region>" (globally unique, and known before
// deployment so other accounts and regions can name it in policies).
std::string s3_bucket_name(const Spec& spec, const Bucket& bucket, const std::string& region);

// The S3 name of the bucket's replica in `region` (`replicate_to`): the default name
// carries the region already; a `bucket_name` gets "-<region>" appended, since S3
// names are global and the replica cannot share its source's.
std::string replica_bucket_name(const Spec& spec, const Bucket& bucket, const std::string& region);

}  // namespace aip::spec
