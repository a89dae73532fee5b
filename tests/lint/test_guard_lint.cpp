// `aip lint --rules`: a team's Guard rules next to the built-in ones, with
// findings at the spec line, severities from the rule file, aip suppressions,
// every output format and exit codes.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/run_aip.hpp"
#include "driver/lint_input.hpp"
#include "driver/render_diagnostics.hpp"
#include "lint/reporters/reporters.hpp"
#include "support/files.hpp"

namespace fs = std::filesystem;
using aip::test::run_aip;

namespace {

// Buckets must carry an `owner` tag; log groups are a warning by comment.
const char* kRules = R"(# Every bucket names its owner.
rule BUCKET_OWNER_TAGGED {
  AWS::S3::Bucket {
    Properties.Tags exists
    some Properties.Tags[*] {
      Key == 'owner'
    }
  }
}

# Retention is a recommendation here.
# severity: warning
rule LOGS_KEPT_A_YEAR {
  AWS::Logs::LogGroup {
    Properties.RetentionInDays >= 365
    << Keep logs for at least 365 days >>
  }
}
)";

// Line 12 is bucket `raw`; the others have the owner tag and pass. The spec
// lints clean without Guard rules, so exit codes come from them alone.
const char* kSpec = R"(aip: 1
name: guarded
accounts:
  dev: {id: "111111111111", region: us-east-1}
storage:
  access_logs_bucket: logs
  buckets:
    logs: {preset: logs, receives: [s3-access-logs], tags: {owner: platform}}
    tagged:
      preset: bronze
      tags: {owner: data-team}
    raw:
      preset: bronze
)";

struct Fixture {
  fs::path dir = aip::test::fresh_dir("guard-lint");
  fs::path rules = dir / "team.guard";
  fs::path spec = dir / "platform.yaml";
  Fixture() {
    fs::create_directories(dir);
    aip::test::write_text(rules, kRules);
    aip::test::write_text(spec, kSpec);
  }
};

std::vector<const aip::lint::Finding*> with_rule(const std::vector<aip::lint::Finding>& findings,
                                                 const std::string& rule) {
  std::vector<const aip::lint::Finding*> out;
  for (const auto& f : findings) {
    if (f.rule == rule) out.push_back(&f);
  }
  return out;
}

}  // namespace

TEST_CASE("a Guard rule's failure is a finding at the spec line of the resource") {
  Fixture fx;
  aip::lint::Selection selection;
  selection.guard_rules = {fx.rules.string()};
  auto linted = aip::driver::lint_file(fx.spec.string(), selection);
  REQUIRE(linted.ok);
  CHECK(aip::driver::fails(linted.findings, aip::Severity::error));
  auto owner = with_rule(linted.findings, "guard:team/BUCKET_OWNER_TAGGED");
  REQUIRE(owner.size() == 1);
  CHECK(owner[0]->location.line == 12);
  CHECK(owner[0]->location.column == 5);
  CHECK(owner[0]->severity == aip::Severity::error);
  CHECK(owner[0]->resource.find("RawBucket") != std::string::npos);
  // A located note points at the failing clause in the rule file.
  bool clause_note = std::any_of(owner[0]->notes.begin(), owner[0]->notes.end(), [&](const aip::Diagnostic& n) {
    return n.location.file != nullptr && n.location.file->path == fx.rules.string() && n.location.line == 6;
  });
  CHECK(clause_note);
}

TEST_CASE("a `# severity:` comment above a Guard rule sets its findings' severity") {
  Fixture fx;
  aip::lint::Selection selection;
  selection.guard_rules = {fx.dir.string()};  // a directory: every *.guard file in it
  REQUIRE(aip::driver::lint_file(fx.spec.string(), selection).ok);
  // The spec renders no log group: the warning rule is tried on a template.
  fs::path tmpl = fx.dir / "logs.template.json";
  aip::test::write_text(tmpl, R"({"Resources": {
  "Logs": {"Type": "AWS::Logs::LogGroup", "Properties": {"RetentionInDays": 30}}
}})");
  auto on_template = aip::driver::lint_file(tmpl.string(), selection);
  REQUIRE(on_template.ok);
  auto kept = with_rule(on_template.findings, "guard:team/LOGS_KEPT_A_YEAR");
  REQUIRE(kept.size() == 1);
  CHECK(kept[0]->severity == aip::Severity::warning);
  CHECK(kept[0]->message == "Keep logs for at least 365 days");
  CHECK(kept[0]->location.line == 2);  // the template line of the resource's property
  // --guard-severity sets the rules without a comment; the comment still wins.
  selection.guard_severity = aip::Severity::info;
  auto relaxed = aip::driver::lint_file(fx.spec.string(), selection);
  REQUIRE(relaxed.ok);
  auto owner = with_rule(relaxed.findings, "guard:team/BUCKET_OWNER_TAGGED");
  REQUIRE(owner.size() == 1);
  CHECK(owner[0]->severity == aip::Severity::info);
  auto template_again = aip::driver::lint_file(tmpl.string(), selection);
  auto kept_again = with_rule(template_again.findings, "guard:team/LOGS_KEPT_A_YEAR");
  REQUIRE(kept_again.size() == 1);
  CHECK(kept_again[0]->severity == aip::Severity::warning);
}

TEST_CASE("an aip suppression with a reason silences a Guard rule's finding") {
  Fixture fx;
  std::string spec = kSpec;
  spec += "      lint: {suppress: [{rule: guard:team/BUCKET_OWNER_TAGGED, reason: raw data has no owner yet}]}\n";
  aip::test::write_text(fx.spec, spec);
  aip::lint::Selection selection;
  selection.guard_rules = {fx.rules.string()};
  auto linted = aip::driver::lint_file(fx.spec.string(), selection);
  REQUIRE(linted.ok);
  auto owner = with_rule(linted.findings, "guard:team/BUCKET_OWNER_TAGGED");
  REQUIRE(owner.size() == 1);
  CHECK(owner[0]->suppressed);
  CHECK(owner[0]->suppression_reason == "raw data has no owner yet");
  CHECK_FALSE(aip::driver::fails(linted.findings, aip::Severity::info));
}

TEST_CASE("aip lint --rules: text, JSON and SARIF name the Guard rule, with exit codes") {
  Fixture fx;
  const std::string base = "lint " + fx.spec.string() + " --rules " + fx.rules.string();
  auto text = run_aip(base);
  CHECK(text.exit_code == 1);
  CHECK(text.output.find(fx.spec.string() + ":12:5: error: Guard rule BUCKET_OWNER_TAGGED fails: Key == 'owner' "
                         "[guard:team/BUCKET_OWNER_TAGGED]") != std::string::npos);
  CHECK(text.output.find(fx.rules.string() + ":6:7: note: the clause of Guard rule BUCKET_OWNER_TAGGED that fails") !=
        std::string::npos);

  auto json = nlohmann::json::parse(run_aip(base + " --format json").output);
  bool in_json = false;
  for (const auto& f : json["findings"]) in_json = in_json || f["rule"] == "guard:team/BUCKET_OWNER_TAGGED";
  CHECK(in_json);

  auto sarif = nlohmann::json::parse(run_aip(base + " --format sarif").output);
  bool in_sarif = false;
  for (const auto& r : sarif["runs"][0]["results"]) {
    if (r["ruleId"] != "guard:team/BUCKET_OWNER_TAGGED") continue;
    in_sarif = true;
    CHECK(r["locations"][0]["physicalLocation"]["region"]["startLine"] == 12);
  }
  CHECK(in_sarif);

  CHECK(run_aip("lint " + fx.spec.string() + " --fail-on info").exit_code == 0);  // clean without the rules
  CHECK(run_aip(base + " --guard-severity info").exit_code == 0);
  CHECK(run_aip(base + " --guard-severity info --fail-on info").exit_code == 1);
}

TEST_CASE("aip lint --rules: a broken or missing rule file is bad input (exit 2, file:line:col)") {
  Fixture fx;
  fs::path broken = fx.dir / "broken.guard";
  aip::test::write_text(broken, "rule R {\n  Resources.* !empty\n");
  auto bad = run_aip("lint " + fx.spec.string() + " --rules " + broken.string());
  CHECK(bad.exit_code == 2);
  CHECK(bad.output.find(broken.string() + ":") != std::string::npos);
  CHECK(bad.output.find("error:") != std::string::npos);

  auto missing = run_aip("lint " + fx.spec.string() + " --rules " + (fx.dir / "nope.guard").string());
  CHECK(missing.exit_code == 2);
  CHECK(missing.output.find("nope.guard") != std::string::npos);

  fs::path empty = fx.dir / "empty";
  fs::create_directories(empty);
  auto none = run_aip("lint " + fx.spec.string() + " --rules " + empty.string());
  CHECK(none.exit_code == 2);
  CHECK(none.output.find("holds no Guard rule files (*.guard)") != std::string::npos);
}

TEST_CASE("a spec's `lint: {rules: [...]}` runs its Guard rules, relative to the spec") {
  Fixture fx;
  aip::test::write_text(fx.spec, std::string(kSpec) + "lint: {rules: [team.guard]}\n");
  auto linted = aip::driver::lint_file(fx.spec.string(), {});
  REQUIRE(linted.ok);
  auto owner = with_rule(linted.findings, "guard:team/BUCKET_OWNER_TAGGED");
  REQUIRE(owner.size() == 1);
  CHECK(owner[0]->location.line == 12);

  // A rule file that is not there is an error at the spec's entry.
  aip::test::write_text(fx.spec, std::string(kSpec) + "lint: {rules: [missing.guard]}\n");
  auto missing = aip::driver::lint_file(fx.spec.string(), {});
  CHECK_FALSE(missing.ok);
  REQUIRE(missing.diagnostics.items().size() == 1);
  CHECK(missing.diagnostics.items()[0].location.line == 14);
  CHECK(missing.diagnostics.items()[0].location.column == 16);
  CHECK(missing.diagnostics.items()[0].message.find("missing.guard") != std::string::npos);
}

TEST_CASE("aip lint --rules over several templates reports each template's resources") {
  Fixture fx;
  fs::path a = fx.dir / "a.template.json";
  fs::path b = fx.dir / "b.template.json";
  aip::test::write_text(a, R"({"Resources": {"Logs": {"Type": "AWS::Logs::LogGroup", "Properties": {"RetentionInDays": 30}}}})");
  aip::test::write_text(b, R"({"Resources": {"Kept": {"Type": "AWS::Logs::LogGroup", "Properties": {"RetentionInDays": 400}},
  "Short": {"Type": "AWS::Logs::LogGroup", "Properties": {"RetentionInDays": 7}}}})");
  aip::lint::Selection selection;
  selection.guard_rules = {fx.rules.string()};
  auto linted = aip::driver::lint_files({a.string(), b.string()}, selection);
  REQUIRE(linted.ok);
  auto kept = with_rule(linted.findings, "guard:team/LOGS_KEPT_A_YEAR");
  REQUIRE(kept.size() == 2);
  std::vector<std::string> files;
  for (const auto* f : kept) files.push_back(f->location.file->path);
  std::sort(files.begin(), files.end());
  CHECK(files == std::vector<std::string>{a.string(), b.string()});
}
