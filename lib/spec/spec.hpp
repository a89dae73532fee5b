// The typed platform spec. Every element keeps the Location it was written at,
// so later stages (checks, plan, lint) can point back at the line a person wrote.
// Each area of the platform has its own header.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "spec/located.hpp"
#include "spec/lint_suppressions.hpp"
#include "spec/network.hpp"
#include "spec/identity.hpp"
#include "spec/data.hpp"
#include "spec/compute.hpp"
#include "spec/edge.hpp"
#include "spec/finops.hpp"
#include "spec/storage.hpp"
#include "spec/observability.hpp"
#include "spec/events.hpp"
#include "spec/iam.hpp"
#include "spec/functions.hpp"
#include "spec/api.hpp"
#include "spec/search.hpp"
#include "spec/resources.hpp"
#include "spec/sagemaker.hpp"
#include "spec/glue.hpp"
#include "spec/registries.hpp"
#include "spec/secrets.hpp"
#include "spec/discovery.hpp"
#include "spec/dns.hpp"
#include "spec/dynamodb.hpp"
#include "spec/workflows.hpp"
#include "spec/security.hpp"
#include "spec/bedrock.hpp"
#include "spec/backup.hpp"
#include "spec/classification.hpp"
#include "spec/pipelines.hpp"

namespace aip::spec {

struct Account {
  std::string name;
  Location location;
  Located<std::string> id;      // 12 digits
  Located<std::string> region;  // e.g. us-east-1
  Located<std::string> organizational_unit;  // optional, "ou-xxxx-yyyyyyyy" or a name
};

struct Spec {
  const SourceFile* file = nullptr;
  // The files `include:` merged in (docs/environments.md), which Locations may
  // point into: the Spec keeps them alive. Paths in the order they were read.
  std::shared_ptr<SourceManager> included_sources;
  std::vector<std::string> included;
  // The environment this Spec renders (`environments:`), empty for a spec
  // without any. Then `name` is "<platform>-<environment>", `platform` the
  // spec's own name, and `accounts` only the environment's account.
  // `other_accounts` are the spec's other accounts: the shared ones (no
  // environment's), where elements that name them are rendered once for all
  // environments (driver/shared_accounts.hpp), and the other environments',
  // which elements may name (a bus policy, a registry's readers) but not be
  // placed in. `find_account` finds both.
  std::string environment;
  Location environment_location;
  std::string platform;
  Located<int> version;
  Located<std::string> name;
  Located<std::string> description;
  Tags tags;
  std::vector<Located<std::string>> compliance;  // rule packs lint runs too (spec/compliance.hpp)
  std::vector<Account> accounts;
  std::vector<Account> other_accounts;
  std::vector<std::string> shared_accounts;  // names, in `other_accounts`: no environment's account
  std::map<std::string, std::string> environment_of_account;  // every environment's account name -> its name
  bool shared_part = false;                  // load_shared_part's: only its shared accounts' stacks count
  std::vector<LintSuppression> lint_suppressions;  // `lint:` of every element, in source order
  // Top-level `lint: {rules: [...]}`: Guard rule files or directories, relative
  // to the spec's directory, that `aip lint SPEC` runs too (as `--rules` does).
  std::vector<Located<std::string>> guard_rules;
  Network network;
  Identity identity;
  Data data;
  Compute compute;
  Edge edge;
  Finops finops;
  Storage storage;
  Observability observability;
  Events events;
  Iam iam;
  Functions functions;
  Api api;
  Search search;
  SageMaker sagemaker;
  Glue glue;
  Registries registries;  // `registries:` (spec/registries.hpp)
  Secrets secrets;        // `secrets:` (spec/secrets.hpp)
  Discovery discovery;    // `discovery:` (spec/discovery.hpp)
  Dns dns;
  Tables tables;        // `tables:` (spec/dynamodb.hpp)
  Workflows workflows;  // `workflows:` (spec/workflows.hpp)
  Security security;                        // `security:` (spec/security.hpp)
  Bedrock bedrock;
  Backup backup;  // `backup:` (spec/backup.hpp)
  Classification classification;  // `classification:` (spec/classification.hpp)
  Pipelines pipelines;  // `pipelines:` (spec/pipelines.hpp)
  std::vector<RawResource> resources;       // `resources:` (spec/resources.hpp)
  std::vector<ElementOverride> overrides;   // `overrides:` of every element, in source order

  const Account* find_account(std::string_view name) const;
  const Vpc* find_vpc(std::string_view name) const;
  const SecurityGroup* find_security_group(std::string_view name) const;
};

}  // namespace aip::spec
