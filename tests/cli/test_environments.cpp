// Includes and environments (docs/environments.md) as users meet them.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include <fmt/format.h>

#include "cfn/assembly_writer.hpp"
#include "driver/lint_input.hpp"
#include "driver/render_diagnostics.hpp"
#include "driver/synthesize.hpp"
#include "run_aip.hpp"
#include "support/files.hpp"
#include "support/in_source_dir.hpp"

namespace fs = std::filesystem;
using aip::test::fresh_dir;
using aip::test::read_text;
using aip::test::run_aip;
using aip::test::write_text;

namespace {

std::string q(const fs::path& p) { return "'" + p.string() + "'"; }

const char* kEnvSpec =
    "aip: 1\n"
    "name: shop\n"
    "accounts:\n"
    "  dev: {id: \"111111111111\", region: us-east-1}\n"
    "  prod: {id: \"333333333333\", region: eu-west-1}\n"
    "environments:\n"
    "  dev: {account: dev}\n"
    "  prod:\n"
    "    account: prod\n"
    "    overlay:\n"
    "      storage: {buckets: {assets: {retention_days: 3650}}}\n"
    "storage:\n"
    "  buckets:\n"
    "    assets: {retention_days: 365}\n";

}  // namespace

TEST_CASE("environments: three environments synthesize into one assembly that validates and lints clean") {
  aip::test::InSourceDir in_source_dir;
  aip::SourceManager sources;
  auto synthesis = aip::driver::synthesize("examples/environments.yaml", sources);
  INFO(aip::driver::render_diagnostics(synthesis.diagnostics, aip::driver::Detail::full, false));
  REQUIRE(synthesis.ok());  // schema validation of every template passed
  REQUIRE(synthesis.environments.size() == 3);
  std::set<std::string> stacks;
  for (const auto& s : synthesis.assembly->stacks) stacks.insert(s.id + " " + s.environment());
  CHECK(stacks.count("shop-dev-network aws://111111111111/us-east-1") == 1);
  CHECK(stacks.count("shop-test-data aws://222222222222/us-east-1") == 1);
  CHECK(stacks.count("shop-prod-storage aws://333333333333/eu-west-1") == 1);
  CHECK(stacks.size() == 9);
  // Per-environment values reach the templates.
  const auto& prod = synthesis.templates.at("shop-prod-data")["Resources"];
  const auto& test = synthesis.templates.at("shop-test-data")["Resources"];
  CHECK(prod.contains("OrdersDbClusterInstance3"));
  CHECK_FALSE(test.contains("OrdersDbClusterInstance2"));
  CHECK(prod["OrdersDbCluster"]["Properties"]["BackupRetentionPeriod"] == 35);
  CHECK(test["OrdersDbCluster"]["Properties"]["BackupRetentionPeriod"] == 7);
  // The manifest lists every environment's stacks (what `cdk ls` reads).
  const auto files = aip::cfn::assembly_files(*synthesis.assembly, synthesis.templates);
  const auto manifest = aip::cfn::Json::parse(files.at("manifest.json"));
  CHECK(manifest["artifacts"].contains("shop-prod-network"));
  CHECK(manifest["artifacts"].contains("shop-dev-network"));
  // Lint: nothing at all, every environment.
  aip::driver::Linted linted = aip::driver::lint_file("examples/environments.yaml", {});
  REQUIRE(linted.ok);
  CHECK(linted.findings.empty());
}

TEST_CASE("environments: --env selects, a finding points at the overlay line that set the value") {
  fs::path dir = fresh_dir("env-select");
  fs::create_directories(dir);
  write_text(dir / "spec.yaml", kEnvSpec);
  auto r = run_aip("synth " + q(dir / "spec.yaml") + " --env prod -o " + q(dir / "out"));
  REQUIRE(r.exit_code == 0);
  CHECK(fs::exists(dir / "out" / "shop-prod-storage.template.json"));
  CHECK_FALSE(fs::exists(dir / "out" / "shop-dev-storage.template.json"));

  auto bad = run_aip("synth " + q(dir / "spec.yaml") + " --env prd -o " + q(dir / "out2"));
  CHECK(bad.exit_code == 2);
  CHECK(bad.err.find("spec.yaml:6:1: error: --env prd: the spec has no environment 'prd'; did you mean 'prod'?") !=
        std::string::npos);
  CHECK_FALSE(fs::exists(dir / "out2"));

  // An overlay value out of range: the error is at the overlay's line.
  std::string spec = kEnvSpec;
  spec.replace(spec.find("3650"), 4, "99999");
  write_text(dir / "range.yaml", spec);
  auto range = run_aip("validate " + q(dir / "range.yaml"));
  CHECK(range.exit_code == 2);
  CHECK(range.err.find("range.yaml:11:") != std::string::npos);
  auto dev_only = run_aip("validate " + q(dir / "range.yaml") + " --env dev");
  CHECK(dev_only.exit_code == 0);
}

TEST_CASE("environments: bad overlay keys, unknown accounts and clashing names are errors at their line") {
  fs::path dir = fresh_dir("env-errors");
  fs::create_directories(dir);
  std::string typo = kEnvSpec;
  typo.replace(typo.find("storage: {buckets"), 7, "storag");
  write_text(dir / "typo.yaml", typo);
  auto r = run_aip("synth " + q(dir / "typo.yaml") + " -o " + q(dir / "out"));
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("typo.yaml:11:7:") != std::string::npos);
  CHECK(r.err.find("did you mean 'storage'?") != std::string::npos);
  CHECK_FALSE(fs::exists(dir / "out"));

  std::string account = kEnvSpec;
  account.replace(account.find("account: prod"), 13, "account: prd");
  write_text(dir / "account.yaml", account);
  auto a = run_aip("validate " + q(dir / "account.yaml"));
  CHECK(a.exit_code == 2);
  CHECK(a.err.find("account.yaml:9:14: error: environment 'prod' refers to account 'prd', which is not defined; did "
                   "you mean 'prod'?") != std::string::npos);

  // Both environments in one account with an explicit bucket name: one physical name twice.
  std::string clash = kEnvSpec;
  clash.replace(clash.find("account: prod"), 13, "account: dev");
  clash.replace(clash.find("{retention_days: 365}"), 21, "{retention_days: 365, bucket_name: shop-assets-shared}");
  write_text(dir / "clash.yaml", clash);
  auto c = run_aip("synth " + q(dir / "clash.yaml") + " -o " + q(dir / "out3"));
  CHECK(c.exit_code == 2);
  CHECK(c.err.find("environments 'dev' and 'prod' would both create AWS::S3::Bucket BucketName 'shop-assets-shared'") !=
        std::string::npos);
  CHECK_FALSE(fs::exists(dir / "out3"));
}

TEST_CASE("environments: a limit one environment exceeds is reported once per environment, naming it") {
  fs::path dir = fresh_dir("env-limit");
  fs::create_directories(dir);
  // 24 buckets read-write make the persona's boundary longer than a managed policy may be.
  std::string buckets;
  std::string names;
  for (char c = 'a'; c <= 'x'; ++c) {
    buckets += fmt::format("    bucket-{}: {{}}\n", c);
    names += fmt::format("{}bucket-{}", names.empty() ? "" : ", ", c);
  }
  write_text(dir / "limit.yaml", std::string(kEnvSpec) + buckets +
                                     "iam:\n  personas:\n    analyst:\n      trust: {identity_center: Analyst}\n"
                                     "      sagemaker: develop\n      buckets: {read_write: [" + names + "]}\n");
  auto r = run_aip("synth " + q(dir / "limit.yaml") + " -o " + q(dir / "out"));
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("more than the 6144 of a managed policy; set 'boundary: false' or split the role (environment dev)") !=
        std::string::npos);
  CHECK(r.err.find("(environment prod)") != std::string::npos);
  CHECK_FALSE(fs::exists(dir / "out"));
}

TEST_CASE("environments: diff of two environments shows exactly the overlay's differences") {
  fs::path dir = fresh_dir("env-diff");
  fs::create_directories(dir);
  write_text(dir / "spec.yaml", kEnvSpec);
  auto r = run_aip("diff " + q(dir / "spec.yaml") + " --env dev --env prod --format json");
  REQUIRE(r.exit_code == 0);
  const std::string out = r.output;
  INFO(out);
  CHECK(out.find("3650") != std::string::npos);
  // Names, account ids and regions differ by construction: not reported.
  CHECK(out.find("111111111111") == std::string::npos);
  CHECK(out.find("shop-dev") == std::string::npos);
  CHECK(out.find("us-east-1") == std::string::npos);
  // An environment against itself: nothing.
  auto same = run_aip("diff " + q(dir / "spec.yaml") + " --env prod --env prod --fail-on any");
  CHECK(same.exit_code == 0);
  CHECK(same.output.empty());
}

TEST_CASE("includes: merged underneath, errors in the included file, cycles and missing files at the include") {
  fs::path dir = fresh_dir("includes");
  fs::create_directories(dir);
  fs::create_directories(dir / "org");
  write_text(dir / "org" / "defaults.yaml",
             "tags: {Org: corp, Team: platform}\n"
             "accounts:\n"
             "  dev: {id: \"111111111111\", region: us-east-1}\n");
  write_text(dir / "spec.yaml",
             "include: [org/defaults.yaml]\n"
             "aip: 1\n"
             "name: team\n"
             "tags: {Team: a}\n"
             "storage: {buckets: {b: {retention_days: 30}}}\n");
  auto v = run_aip("validate --verbose " + q(dir / "spec.yaml"));
  CHECK(v.exit_code == 0);
  CHECK(v.output.find("included " + (dir / "org" / "defaults.yaml").string()) != std::string::npos);
  auto policy = run_aip("synth -q " + q(dir / "spec.yaml") + " -o " + q(dir / "out"));
  REQUIRE(policy.exit_code == 0);
  const std::string storage = read_text(dir / "out" / "team-dev-storage.template.json");
  CHECK(storage.find("\"Org\"") != std::string::npos);
  CHECK(storage.find("\"platform\"") == std::string::npos);  // the spec's Team wins

  // An error in the included file points into it.
  write_text(dir / "org" / "bad.yaml", "accounts:\n  dev: {id: \"1234\", region: us-east-1}\n");
  write_text(dir / "bad.yaml", "include: org/bad.yaml\naip: 1\nname: team\n");
  auto bad = run_aip("validate " + q(dir / "bad.yaml"));
  CHECK(bad.exit_code == 2);
  CHECK(bad.err.find("bad.yaml:2:13: error: account id must be exactly 12 digits") != std::string::npos);
  CHECK(bad.err.find("org/bad.yaml:2:") != std::string::npos);

  // A missing file and a cycle: at the include's line.
  write_text(dir / "missing.yaml", "aip: 1\nname: team\ninclude:\n  - nowhere.yaml\n");
  auto missing = run_aip("synth " + q(dir / "missing.yaml") + " -o " + q(dir / "out-missing"));
  CHECK(missing.exit_code == 2);
  CHECK(missing.err.find("missing.yaml:4:5: error: cannot include 'nowhere.yaml'") != std::string::npos);
  CHECK_FALSE(fs::exists(dir / "out-missing"));
  write_text(dir / "a.yaml", "include: [b.yaml]\naip: 1\nname: team\n");
  write_text(dir / "b.yaml", "include: [a.yaml]\n");
  auto cycle = run_aip("validate " + q(dir / "a.yaml"));
  CHECK(cycle.exit_code == 2);
  CHECK(cycle.err.find("b.yaml:1:11: error: include 'a.yaml' is a cycle: a.yaml -> b.yaml -> a.yaml") != std::string::npos);
}

TEST_CASE("environments: lint runs each environment with its own packs and suppressions") {
  const std::string spec =
      "aip: 1\n"
      "name: shop\n"
      "accounts:\n"
      "  dev: {id: \"111111111111\", region: us-east-1}\n"
      "  prod: {id: \"333333333333\", region: eu-west-1}\n"
      "environments:\n"
      "  dev: {account: dev}\n"
      "  prod:\n"
      "    account: prod\n"
      "    overlay:\n"
      "      compliance: [pci-dss]\n"
      "functions:\n"
      "  worker:\n"
      "    runtime: python3.12\n"
      "    handler: index.handler\n"
      "    code: {inline: \"def handler(event, context): return 1\"}\n"
      "    log_retention_days: 14\n";
  fs::path dir = fresh_dir("env-lint");
  fs::create_directories(dir);
  write_text(dir / "plain.yaml", spec);
  aip::driver::Linted plain = aip::driver::lint_file((dir / "plain.yaml").string(), {});
  REQUIRE(plain.ok);
  // Only prod's pack asks for a year of logs: one finding, in prod's stack.
  std::vector<std::string> retention;
  for (const auto& f : plain.findings) {
    if (f.rule == "AIP-LOG-005") retention.push_back(f.resource);
  }
  CHECK(retention == std::vector<std::string>{"shop-prod-functions/WorkerFunctionLogGroup"});

  // A suppression that does its work in prod is not stale because dev needs none.
  write_text(dir / "suppressed.yaml",
             spec + "    lint:\n      suppress:\n        - {rule: AIP-LOG-005, reason: \"traces only, nothing to keep\"}\n");
  aip::driver::Linted suppressed = aip::driver::lint_file((dir / "suppressed.yaml").string(), {});
  REQUIRE(suppressed.ok);
  std::size_t stale = 0, quiet = 0;
  for (const auto& f : suppressed.findings) {
    stale += f.rule == "AIP-LINT-002";
    quiet += f.rule == "AIP-LOG-005" && f.suppressed;
  }
  CHECK(stale == 0);
  CHECK(quiet == 1);

  // One that suppresses nothing anywhere is stale, and reported once.
  write_text(dir / "stale.yaml",
             spec + "    lint:\n      suppress:\n        - {rule: AIP-IAM-001, reason: \"nothing here\"}\n");
  aip::driver::Linted stale_everywhere = aip::driver::lint_file((dir / "stale.yaml").string(), {});
  REQUIRE(stale_everywhere.ok);
  stale = 0;
  for (const auto& f : stale_everywhere.findings) stale += f.rule == "AIP-LINT-002";
  CHECK(stale == 1);
}

namespace {

// A central bus in a shared account (no environment's), forwarding rules in
// each environment, and a queue only dev has.
const char* kSharedSpec =
    "aip: 1\n"
    "name: shop\n"
    "accounts:\n"
    "  shared: {id: \"999999999999\", region: us-east-1}\n"
    "  dev: {id: \"111111111111\", region: us-east-1}\n"
    "  prod: {id: \"333333333333\", region: us-east-1}\n"
    "environments:\n"
    "  dev: {account: dev}\n"
    "  prod: {account: prod}\n"
    "events:\n"
    "  buses:\n"
    "    central: {account: shared, allow_put_events_from: [dev, prod]}\n"
    "  queues:\n"
    "    scratch: {account: dev}\n"
    "  rules:\n"
    "    forward:\n"
    "      pattern: {source: [shop.orders]}\n"
    "      targets: [{bus: central}]\n";

}  // namespace

TEST_CASE("environments: a shared account's elements render once, and every environment refers to them") {
  fs::path dir = fresh_dir("env-shared");
  fs::create_directories(dir);
  write_text(dir / "shared.yaml", kSharedSpec);
  auto r = run_aip("synth -q " + q(dir / "shared.yaml") + " -o " + q(dir / "out"));
  INFO(r.output << r.err);
  REQUIRE(r.exit_code == 0);
  // Once, named as the platform's; each environment's rule, in its own account.
  CHECK(fs::exists(dir / "out/shop-shared-events.template.json"));
  CHECK_FALSE(fs::exists(dir / "out/shop-dev-shared-events.template.json"));
  const std::string central = read_text(dir / "out/shop-shared-events.template.json");
  CHECK(central.find("\"Name\": \"shop-central\"") != std::string::npos);
  for (const char* env : {"dev", "prod"}) {
    INFO(env);
    const std::string events = read_text(dir / (std::string("out/shop-") + env + "-events.template.json"));
    CHECK(events.find("event-bus/shop-central\"") != std::string::npos);  // the shared name, not shop-<env>-central
    CHECK(events.find("shop-" + std::string(env) + "-central") == std::string::npos);
  }
  // An element pinned to an environment's account is that environment's alone.
  CHECK(read_text(dir / "out/shop-dev-events.template.json").find("shop-dev-scratch") != std::string::npos);
  CHECK(read_text(dir / "out/shop-prod-events.template.json").find("scratch") == std::string::npos);
  CHECK(run_aip("validate " + q(dir / "out")).exit_code == 0);
  auto verbose = run_aip("validate --verbose " + q(dir / "shared.yaml"));
  CHECK(verbose.output.find("  environment prod: account prod (us-east-1), 1 stacks\n  shared accounts shared: 1 stacks\n") !=
        std::string::npos);
  CHECK(run_aip("lint " + q(dir / "shared.yaml") + " --fail-on warning").exit_code == 0);

  // An overlay may not change what a shared account holds.
  std::string changed = kSharedSpec;
  changed.replace(changed.find("  dev: {account: dev}\n"), 22,
                  "  dev:\n    account: dev\n    overlay: {events: {buses: {central: {allow_put_events_from: [dev]}}}}\n");
  write_text(dir / "changed.yaml", changed);
  auto c = run_aip("synth " + q(dir / "changed.yaml") + " -o " + q(dir / "out2"));
  CHECK(c.exit_code == 2);
  CHECK(c.err.find("changed.yaml:14:5: error: environment 'dev' renders AWS::Events::EventBus CentralEventBus in shared") != std::string::npos);
  CHECK(c.err.find("account 'shared' differently from the spec without overlays") != std::string::npos);
  CHECK_FALSE(fs::exists(dir / "out2"));

  // The shared part is the spec without overlays: it must load on its own, even
  // when every environment's overlay supplies what it lacks.
  std::string lacking = kSharedSpec;
  const std::string plain_environments = "  dev: {account: dev}\n  prod: {account: prod}\n";
  lacking.replace(lacking.find(plain_environments), plain_environments.size(),
                  "  dev: {account: dev, overlay: {events: {queues: {work: {}}}}}\n"
                  "  prod: {account: prod, overlay: {events: {queues: {work: {}}}}}\n");
  const std::string to_bus = "targets: [{bus: central}]";
  lacking.replace(lacking.find(to_bus), to_bus.size(), "targets: [{bus: central}, {queue: work}]");
  write_text(dir / "lacking.yaml", lacking);
  auto l = run_aip("synth " + q(dir / "lacking.yaml") + " -o " + q(dir / "out3"));
  INFO(l.err);
  CHECK(l.exit_code == 2);
  CHECK(l.err.find("lacking.yaml:18:41: error: rule 'forward' refers to queue 'work', which is not defined") != std::string::npos);
  CHECK(l.err.find("'work'") != std::string::npos);
  CHECK_FALSE(fs::exists(dir / "out3"));
}
