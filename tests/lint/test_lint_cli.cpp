// `aip lint`, `aip explain`, `aip rules` as users and CI meet them.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "cli/run_aip.hpp"
#include "driver/lint_input.hpp"
#include "driver/render_diagnostics.hpp"
#include "lint/reporters/reporters.hpp"
#include "support/in_source_dir.hpp"

namespace fs = std::filesystem;
using aip::test::run_aip;

namespace {

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// "L:C: RULE-ID" lines: from `# expect-lint: ` headers, or a sibling .expect file (JSON templates).
std::vector<std::string> expectations(const fs::path& file) {
  std::vector<std::string> out;
  fs::path expect = file;
  expect.replace_extension(".expect");
  bool sibling = fs::exists(expect);
  std::istringstream lines(read(sibling ? expect : file));
  const std::string marker = "# expect-lint: ";
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind(marker, 0) == 0) out.push_back(line.substr(marker.size()));
    else if (sibling && !line.empty() && line[0] != '#') out.push_back(line);
  }
  return out;
}

}  // namespace

// What `aip lint FILE` reports, in-process, as NO_COLOR prints it.
aip::lint::ReportOptions report_options(const aip::driver::Linted& linted) {
  aip::lint::ReportOptions report;
  report.rules = linted.rules;
  return report;
}

TEST_CASE("each examples/bad/lint file reports its rule at the documented location") {
  aip::test::InSourceDir in_source_dir;
  std::set<std::string> covered;
  std::size_t files = 0;
  for (const auto& entry : fs::directory_iterator(fs::path(AIP_SOURCE_DIR) / "examples/bad/lint")) {
    std::string ext = entry.path().extension().string();
    if (ext != ".yaml" && ext != ".json") continue;
    ++files;
    std::string relative = "examples/bad/lint/" + entry.path().filename().string();
    INFO(relative);
    auto expected = expectations(entry.path());
    REQUIRE_FALSE(expected.empty());
    // `aip lint FILE --format json --fail-on none`, in-process: exit 0 is a file that linted.
    auto linted = aip::driver::lint_file(relative, {});
    INFO(aip::driver::render_diagnostics(linted.diagnostics, aip::driver::Detail::full, false));
    REQUIRE(linted.ok);
    const std::string json_report = aip::lint::report_json(linted.findings, report_options(linted));
    auto doc = nlohmann::json::parse(json_report);
    std::set<std::string> reported;
    for (const auto& f : doc["findings"]) {
      if (f["suppressed"] == true) continue;
      CHECK(f["file"] == relative);
      reported.insert(std::to_string(f["line"].get<int>()) + ":" + std::to_string(f["column"].get<int>()) + ": " +
                      f["rule"].get<std::string>());
    }
    for (const std::string& e : expected) {
      INFO("expected " << e << "; got " << json_report);
      CHECK(reported.count(e) == 1);
      covered.insert(e.substr(e.rfind(' ') + 1));
    }
    // The text form says the same, clang style (the same run: `aip lint FILE` does not exit 2).
    const std::string text = aip::lint::report_text(linted.findings, report_options(linted));
    for (const std::string& e : expected) {
      std::string loc = e.substr(0, e.find(": "));
      std::string id = e.substr(e.rfind(' ') + 1);
      CHECK(text.find(relative + ":" + loc + ": ") != std::string::npos);
      CHECK(text.find("[" + id + "]") != std::string::npos);
    }
  }
  CHECK(files > 0);
  // Every rule has an example.
  auto rules = nlohmann::json::parse(run_aip("rules --format json").output);
  for (const auto& rule : rules) {
    INFO(rule["id"]);
    CHECK(covered.count(rule["id"].get<std::string>()) == 1);
  }
}

// `aip lint FILE --fail-on warning` exits 0 for every spec in the source directory `dir`: it loads,
// and nothing fails at warning.
void check_every_spec_lints_clean(const std::string& dir) {
  aip::test::InSourceDir in_source_dir;
  for (const auto& entry : fs::directory_iterator(fs::path(AIP_SOURCE_DIR) / dir)) {
    if (entry.path().extension() != ".yaml") continue;
    std::string relative = dir + "/" + entry.path().filename().string();
    auto linted = aip::driver::lint_file(relative, {});
    INFO(relative << "\n" << aip::driver::render_diagnostics(linted.diagnostics, aip::driver::Detail::full, false)
                  << aip::lint::report_text(linted.findings, report_options(linted)));
    CHECK(linted.ok);
    CHECK_FALSE(aip::driver::fails(linted.findings, aip::Severity::warning));
  }
}

TEST_CASE("every blueprint lints clean (no unsuppressed errors or warnings)") { check_every_spec_lints_clean("blueprints"); }

// Examples are what users copy after the blueprints: they lint clean too.
TEST_CASE("every example lints clean (no unsuppressed errors or warnings)") { check_every_spec_lints_clean("examples"); }

TEST_CASE("lint exit codes and --fail-on") {
  const std::string ssh = "examples/bad/lint/exp-001-ssh-open.yaml";
  CHECK(run_aip("lint " + ssh).exit_code == 1);
  CHECK(run_aip("lint " + ssh + " --fail-on none").exit_code == 0);
  CHECK(run_aip("lint " + ssh + " --disable AIP-EXP-001,AIP-EXP-003").exit_code == 0);
  CHECK(run_aip("lint " + ssh + " --disable exposure").exit_code == 0);
  const std::string retention = "examples/bad/lint/log-001-retention.yaml";  // a warning only
  CHECK(run_aip("lint " + retention).exit_code == 0);
  CHECK(run_aip("lint " + retention + " --fail-on warning").exit_code == 1);
  CHECK(run_aip("lint " + retention + " --enable iam --fail-on info").exit_code == 0);

  auto unknown = run_aip("lint " + ssh + " --enable netwrok");
  CHECK(unknown.exit_code == 2);
  CHECK(unknown.err.find("'netwrok' is neither a rule id nor a tag; did you mean \"network\"?") != std::string::npos);
  CHECK(run_aip("lint " + ssh + " --format xml").exit_code == 2);
  CHECK(run_aip("lint").exit_code == 2);
  auto missing = run_aip("lint does-not-exist.yaml");
  CHECK(missing.exit_code == 2);
  CHECK(missing.err.find("aip: error: cannot read 'does-not-exist.yaml'") != std::string::npos);
  auto neither = run_aip("lint data/cfn-schemas.version");
  CHECK(neither.exit_code == 2);
  auto spec_error = run_aip("lint examples/bad/unknown-key.yaml");
  CHECK(spec_error.exit_code == 2);
  CHECK(spec_error.err.find("examples/bad/unknown-key.yaml:") != std::string::npos);
}

TEST_CASE("lint output formats") {
  const std::string file = "examples/bad/lint/exp-001-ssh-open.yaml";
  auto sarif = run_aip("lint " + file + " --format sarif");
  CHECK(sarif.exit_code == 1);
  auto doc = nlohmann::json::parse(sarif.output);
  CHECK(doc["version"] == "2.1.0");
  CHECK(doc["runs"][0]["results"].size() >= 1);
  auto gh = run_aip("lint " + file + " --format github");
  CHECK(gh.output.find("::error file=" + file + ",line=") != std::string::npos);
  CHECK(gh.output.find(",title=AIP-EXP-001::") != std::string::npos);
  auto junit = run_aip("lint " + file + " --format junit");
  CHECK(junit.output.find("<testsuites name=\"aip lint\"") != std::string::npos);
  auto text = run_aip("lint " + file);
  CHECK(text.output.find('\033') == std::string::npos);  // NO_COLOR, and not a terminal
  CHECK(text.output.find(" generated.\n") != std::string::npos);
}

TEST_CASE("explain and rules") {
  auto e = run_aip("explain AIP-IAM-001");
  CHECK(e.exit_code == 0);
  CHECK(e.output.rfind("AIP-IAM-001: ", 0) == 0);
  CHECK(e.output.find("Fix:") != std::string::npos);
  CHECK(run_aip("explain aip-net-003 --format json").exit_code == 0);
  auto bad = run_aip("explain AIP-IAM-01");
  CHECK(bad.exit_code == 2);
  CHECK(bad.err.find("no lint rule 'AIP-IAM-01'; did you mean") != std::string::npos);
  CHECK(run_aip("explain").exit_code == 2);
  // The topics: when to use raw resources, overrides or existing infrastructure.
  for (const char* topic : {"existing", "overrides", "Resources"}) {
    auto t = run_aip(std::string("explain ") + topic);
    INFO(topic);
    CHECK(t.exit_code == 0);
    CHECK(t.output.find("Three ways out for what the spec does not model") == 0);
    CHECK(t.output.find("aip renders the resource, and you need one more property: overrides.") != std::string::npos);
    CHECK(t.output.find("the resource exists and another team or stack owns it: existing") != std::string::npos);
  }
  auto tj = run_aip("explain existing --format json");
  CHECK(tj.exit_code == 0);
  CHECK(tj.output.find("\"topic\": \"existing\"") != std::string::npos);
  auto typo = run_aip("explain existng");
  CHECK(typo.exit_code == 2);
  CHECK(typo.err.find("did you mean \"existing\"") != std::string::npos);

  auto list = run_aip("rules");
  CHECK(list.exit_code == 0);
  CHECK(list.output.find("AIP-IAM-001") != std::string::npos);
  auto json = nlohmann::json::parse(run_aip("rules --format json").output);
  CHECK(json.size() > 30);
  auto pci = nlohmann::json::parse(run_aip("rules --format json --tag pci-dss").output);
  CHECK(pci.size() < json.size());
  for (const auto& r : pci) {
    bool tagged = false;
    for (const auto& t : r["tags"]) tagged = tagged || t == "pci-dss";
    CHECK(tagged);
  }
  CHECK(run_aip("rules --tag nosuchtag").exit_code == 2);
  CHECK(run_aip("rules --format markdown").output == read(fs::path(AIP_SOURCE_DIR) / "docs/lint.md"));
}

TEST_CASE("aip rules --pack shows a pack's lint rules and the AWS Config rules it deploys") {
  CHECK(run_aip("rules --pack all --format markdown").output ==
        read(fs::path(AIP_SOURCE_DIR) / "docs/compliance-packs.md"));
  auto hipaa = run_aip("rules --pack hipaa");
  CHECK(hipaa.exit_code == 0);
  CHECK(hipaa.output.find("AIP-ENC-002   Bucket does not enforce TLS  -> Config: S3_BUCKET_SSL_REQUESTS_ONLY\n") !=
        std::string::npos);
  CHECK(hipaa.output.find("(runtime)     a root user without MFA  -> Config: ROOT_ACCOUNT_MFA_ENABLED\n") !=
        std::string::npos);
  auto sox = nlohmann::json::parse(run_aip("rules --pack sox --format json").output);
  CHECK(sox["pack"] == "sox");
  CHECK(sox["lint"].size() > 0);
  CHECK(run_aip("rules --pack hippa").exit_code != 0);
}

TEST_CASE("a stale suppression is reported only when its rule runs") {
  const std::string stale = "examples/bad/lint/lint-002-stale-suppression.yaml";
  auto all = run_aip("lint " + stale + " --fail-on warning");
  CHECK(all.exit_code == 1);
  CHECK(all.output.find(stale + ":16:27: warning: this suppression of AIP-NET-005 suppresses nothing") !=
        std::string::npos);
  CHECK(all.output.find("[AIP-LINT-002]") != std::string::npos);
  CHECK(run_aip("lint " + stale).exit_code == 0);  // a warning: below the default --fail-on error
  CHECK(run_aip("lint " + stale + " --fail-on warning --disable AIP-NET-005").exit_code == 0);
  CHECK(run_aip("lint " + stale + " --fail-on warning --enable lint").exit_code == 0);
  CHECK(run_aip("lint " + stale + " --fail-on warning --enable lint,network").exit_code == 1);
  CHECK(run_aip("lint " + stale + " --fail-on warning --disable AIP-LINT-002").exit_code == 0);
}

TEST_CASE("a restriction granted by the persona's own Allow, at the spec line, the rendered role in a note") {
  const std::string granted = "examples/bad/lint/iam-012-restriction-granted.yaml";
  auto r = run_aip("lint " + granted + " --fail-on warning");
  CHECK(r.exit_code == 1);
  CHECK(r.output.find(granted + ":24:14: warning: role AppDeveloperRole is granted what its restriction "
                                "'training-data' forbids: s3:ListBucket on "
                                "arn:aws:s3:::lake-bronze-123456789012-us-east-1") != std::string::npos);
  CHECK(r.output.find("note: in rendered resource lake-dev-iam/AppDeveloperRole (AWS::IAM::Role)") !=
        std::string::npos);
  CHECK(run_aip("lint " + granted).exit_code == 0);
  // A template whose restriction does not hold: an error, exit 1 by default.
  const std::string broken = "examples/bad/lint/iam-012-restriction-not-held.yaml";
  auto e = run_aip("lint " + broken);
  CHECK(e.exit_code == 1);
  CHECK(e.output.find(broken + ":12:13: error: restriction 'training-data' does not hold: role AppDeveloperRole may "
                               "s3:ListBucket") != std::string::npos);
}

TEST_CASE("compliance packs: a spec's compliance list and --pack turn pack-only rules on") {
  // The spec enables pci-dss itself.
  const std::string spec = "examples/bad/lint/log-005-retention-under-a-year.yaml";
  auto on = run_aip("lint " + spec + " --format json --fail-on none");
  CHECK(on.output.find("\"AIP-LOG-005\"") != std::string::npos);
  // A template: only with --pack (or --enable).
  const std::string golden = "tests/golden/zero-trust-rag/zero-trust-rag-prod-storage.template.json";
  auto plain = run_aip("lint " + golden + " --format json --fail-on none");
  CHECK(plain.output.find("AIP-ENC-007") == std::string::npos);
  auto packed = run_aip("lint " + golden + " --pack hipaa,sox --format json --fail-on none");
  CHECK(packed.output.find("AIP-ENC-007") != std::string::npos);  // suppressed in Metadata, still listed
  CHECK(run_aip("lint " + golden + " --pack hipaa --fail-on warning").exit_code == 0);
  auto bogus = run_aip("lint " + golden + " --pack hippa");
  CHECK(bogus.exit_code == 2);
  CHECK(bogus.err.find("'hippa' is not a compliance pack") != std::string::npos);
  // The catalogue lists pack-only rules, with their packs.
  auto rules = nlohmann::json::parse(run_aip("rules --format json").output);
  bool listed = false;
  for (const auto& r : rules) {
    if (r["id"] == "AIP-RES-002") listed = r["packs"] == nlohmann::json::parse(R"(["hipaa","pci-dss","sox","iso27001"])");
  }
  CHECK(listed);
  CHECK(run_aip("rules --tag sox").output.find("AIP-LOG-005") != std::string::npos);
}
