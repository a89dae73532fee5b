// lib/driver: what an input is, reading it once, and how far a spec got.
#include <catch2/catch.hpp>

#include <filesystem>

#include "driver/input.hpp"
#include "driver/lint_input.hpp"
#include "driver/render_diagnostics.hpp"
#include "driver/synthesize.hpp"
#include "driver/template_input.hpp"
#include "support/in_source_dir.hpp"

using namespace aip;
using driver::InputKind;
using driver::sniff;

TEST_CASE("input kind by content") {
  CHECK(sniff("", "aip: 1\nname: x\n") == InputKind::spec);
  CHECK(sniff("", "Resources: {}\n") == InputKind::cloudformation);
  CHECK(sniff("", "{\"Resources\": {}}") == InputKind::cloudformation);
  CHECK(sniff("", "AWSTemplateFormatVersion: '2010-09-09'\n") == InputKind::cloudformation);
  CHECK(sniff("", "hello: world\n") == InputKind::unknown);
  CHECK(sniff("", "aip: 1\nname: [\n") == InputKind::spec);  // malformed: the spec loader reports it
}

TEST_CASE("input kind: JSON specs, malformed templates, non-maps") {
  CHECK(sniff("p.json", "{\"aip\": 1, \"name\": \"x\"}") == InputKind::spec);
  CHECK(sniff("", "aip : 1\n") == InputKind::spec);
  CHECK(sniff("", "Resources:\n  A: [\n") == InputKind::cloudformation);
  CHECK(sniff("t.json", "{\"Resources\": ") == InputKind::cloudformation);
  CHECK(sniff("t.json", "not: [json\n") == InputKind::cloudformation);  // a .json file is a template
  CHECK(sniff("", "- a\n- b\n") == InputKind::unknown);
  CHECK(sniff("", "") == InputKind::unknown);
  // A nested `aip:` (template Metadata suppressions) does not make a spec.
  CHECK(sniff("", "Resources:\n  A:\n    Metadata:\n      aip: {suppress: []}\n") == InputKind::cloudformation);
}

TEST_CASE("read_input reads the file once and says what it is") {
  test::InSourceDir in_source_dir;
  SourceManager sources;
  Diagnostics diags;
  auto spec = driver::read_input("blueprints/network.yaml", sources, diags);
  REQUIRE(spec);
  CHECK(spec->kind == InputKind::spec);
  REQUIRE(spec->file != nullptr);
  CHECK(spec->file->path == "blueprints/network.yaml");
  CHECK(diags.items().empty());

  auto missing = driver::read_input("does-not-exist.yaml", sources, diags);
  CHECK_FALSE(missing);
  REQUIRE(diags.items().size() == 1);
  CHECK(driver::render_diagnostics(diags, driver::Detail::full, false).rfind(
            "aip: error: cannot read 'does-not-exist.yaml'", 0) == 0);
}

TEST_CASE("a directory is an assembly only where assemblies are taken") {
  test::InSourceDir in_source_dir;
  SourceManager sources;
  Diagnostics diags;
  auto assembly = driver::read_input("blueprints", sources, diags, driver::Directories::assemblies);
  REQUIRE(assembly);
  CHECK(assembly->kind == InputKind::assembly);
  CHECK(assembly->file == nullptr);
  // lint and validate read files only: a directory cannot be read, as before.
  CHECK_FALSE(driver::read_input("blueprints", sources, diags));
  CHECK(diags.has_errors());
}

TEST_CASE("synthesize stops where asked and reports spec errors as diagnostics") {
  SourceManager sources;
  const SourceFile& good = sources.add("spec.yaml",
                                       "aip: 1\nname: test\naccounts:\n  dev: {id: \"123456789012\", region: us-east-1}\n");
  auto planned = driver::synthesize(good, {driver::Stage::plan});
  REQUIRE(planned.ok());
  CHECK(planned.assembly);
  CHECK(planned.templates.empty());
  auto validated = driver::synthesize(good);
  REQUIRE(validated.ok());
  CHECK(validated.templates.size() == validated.assembly->stacks.size());

  const SourceFile& bad = sources.add("bad.yaml", "aip: 1\nname: test\n");
  auto failed = driver::synthesize(bad);
  CHECK(failed.outcome == driver::Outcome::spec_errors);
  CHECK(failed.diagnostics.has_errors());
  CHECK_FALSE(failed.assembly);

  auto unreadable = driver::synthesize("does-not-exist.yaml", sources);
  CHECK(unreadable.outcome == driver::Outcome::unreadable);
}

TEST_CASE("lint_file lints a template and refuses what is neither") {
  test::InSourceDir in_source_dir;
  auto neither = driver::lint_file("CMakeLists.txt", {});
  CHECK_FALSE(neither.ok);
  CHECK(driver::render_diagnostics(neither.diagnostics, driver::Detail::full, false) ==
        "aip: error: 'CMakeLists.txt' is neither an aip spec (a top-level `aip:` key) nor a CloudFormation template "
        "(`Resources`)\n");
}

TEST_CASE("a standalone template's stack is its file name") {
  CHECK(driver::stack_name_of_file("cdk.out/a-dev-network.template.json") == "a-dev-network");
  CHECK(driver::stack_name_of_file("b.yaml") == "b");
  CHECK(driver::stack_name_of_file("plain") == "plain");
}
