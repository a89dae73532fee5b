// The aip driver as users and CI meet it: exit codes, messages, files.
#include <cctype>
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "cfn/assembly_writer.hpp"
#include "driver/input.hpp"
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

TEST_CASE("version and help flags exit 0") {
  auto version = run_aip("--version");
  CHECK(version.exit_code == 0);
  CHECK(version.output.rfind("aip ", 0) == 0);
  auto help = run_aip("--help");
  CHECK(help.exit_code == 0);
  CHECK(help.output.find("synth") != std::string::npos);
  CHECK(help.output.find("Exit codes:") != std::string::npos);
  auto synth_help = run_aip("synth --help");
  CHECK(synth_help.exit_code == 0);
  CHECK(synth_help.output.find("Examples:") != std::string::npos);
  auto validate_help = run_aip("validate --help");
  CHECK(validate_help.output.find("Examples:") != std::string::npos);
}

TEST_CASE("usage errors exit 2") {
  CHECK(run_aip("").exit_code == 2);
  CHECK(run_aip("frobnicate").exit_code == 2);
  CHECK(run_aip("synth").exit_code == 2);
  auto missing = run_aip("validate does-not-exist.yaml");
  CHECK(missing.exit_code == 2);
  CHECK(missing.err.find("aip: error: cannot read 'does-not-exist.yaml'") != std::string::npos);
}

TEST_CASE("validate accepts the blueprint and the good example") {
  auto r = run_aip("validate blueprints/network.yaml");
  CHECK(r.exit_code == 0);
  CHECK(r.output == "blueprints/network.yaml: valid\n");
  CHECK(run_aip("validate examples/network-minimal.yaml").exit_code == 0);
}

// `aip validate FILE` in-process: what it prints to stderr and its exit code.
aip::test::RunResult validate_in_process(const std::string& path) {
  aip::SourceManager sources;
  aip::Diagnostics diags;
  aip::test::RunResult r;
  auto input = aip::driver::read_input(path, sources, diags);
  // This helper is for specs: a template would take validate's other branch.
  if (!input || input->kind == aip::driver::InputKind::cloudformation) return r;
  auto synthesis = aip::driver::synthesize(*input->file, {aip::driver::Stage::plan});
  r.err = aip::driver::render_diagnostics(synthesis.diagnostics, aip::driver::Detail::full, false);
  r.exit_code = synthesis.ok() ? 0 : 2;
  r.output = (synthesis.ok() ? path + ": valid\n" : "") + r.err;
  return r;
}

TEST_CASE("each bad example fails with its documented errors and locations") {
  aip::test::InSourceDir in_source_dir;
  std::size_t files = 0;
  for (const auto& entry : fs::directory_iterator(fs::path(AIP_SOURCE_DIR) / "examples/bad")) {
    if (entry.path().extension() != ".yaml") continue;
    ++files;
    std::string relative = "examples/bad/" + entry.path().filename().string();
    std::vector<std::string> expected;
    std::istringstream lines(read_text(entry.path()));
    for (std::string line; std::getline(lines, line);) {
      const std::string marker = "# expect-error: ";
      if (line.rfind(marker, 0) == 0) {
        std::string rest = line.substr(marker.size());
        // "L:C: message" is in the example; "PATH:L:C: message" in a file it
        // reads (a workflow's definition), relative to examples/bad.
        std::string file = relative;
        if (!rest.empty() && !std::isdigit(static_cast<unsigned char>(rest[0]))) {
          file = "examples/bad/" + rest.substr(0, rest.find(':'));
          rest = rest.substr(rest.find(':') + 1);
        }
        std::size_t colon = rest.find(':', rest.find(':') + 1);  // after "L:C"
        expected.push_back(file + ":" + rest.substr(0, colon) + ": error:" + rest.substr(colon + 1));
      }
    }
    INFO(relative);
    REQUIRE_FALSE(expected.empty());
    auto r = validate_in_process(relative);
    INFO(r.output);
    CHECK(r.exit_code == 2);
    for (const std::string& e : expected) CHECK(r.err.find(e + "\n") != std::string::npos);
    // Nothing beyond the documented errors, and a caret line under each.
    std::size_t error_lines = 0;
    std::istringstream out(r.err);
    for (std::string line; std::getline(out, line);) error_lines += line.find(": error: ") != std::string::npos;
    CHECK(error_lines == expected.size());
  }
  CHECK(files >= 6);
}

TEST_CASE("errors show the source line and a caret under the column") {
  auto r = run_aip("validate examples/bad/wrong-type.yaml");
  CHECK(r.err ==
        "examples/bad/wrong-type.yaml:11:12: error: 'azs' must be a whole number, got 'three'\n"
        "        azs: three\n"
        "             ^\n"
        "1 error generated.\n");
}

TEST_CASE("synth writes an assembly and prints a summary per stack") {
  fs::path out = fresh_dir("cli-synth");
  auto r = run_aip("synth blueprints/network.yaml -o '" + out.string() + "'");
  INFO(r.output);
  CHECK(r.exit_code == 0);
  CHECK(r.output.find("aip: synthesized platform 'lang-portal' into " + out.string() + " (1 stack)") == 0);
  CHECK(std::regex_search(r.output, std::regex(R"(lang-portal-dev-network +aws://333333333333/us-east-1 +\d+ resources)")));
  CHECK(fs::exists(out / "manifest.json"));
  CHECK(fs::exists(out / "lang-portal-dev-network.template.json"));
  fs::remove_all(out);
}

TEST_CASE("synth refuses a template the schema keywords reject: exit 3, nothing written") {
  // The spec reads a function's description as free text; Lambda's schema allows at
  // most 256 characters. (A security group description with a quote, the trigger
  // this test had, is now refused by the spec reader: see test_spec_errors.)
  const fs::path dir = fresh_dir("cli-synth-schema-keywords");
  fs::create_directories(dir);
  const std::string description(300, 'x');
  aip::test::write_text(dir / "spec.yaml",
                        "aip: 1\nname: t\naccounts:\n  a: {id: \"111111111111\", region: us-east-1}\nfunctions:\n"
                        "  f:\n    runtime: python3.12\n    handler: a.handler\n"
                        "    code: {inline: \"def handler(e, c): return 1\"}\n    description: " +
                            description + "\n");
  auto r = run_aip("synth '" + (dir / "spec.yaml").string() + "' -o '" + (dir / "out").string() + "'");
  CHECK(r.exit_code == 3);
  CHECK(r.err.find("a rendered template is not valid CloudFormation") != std::string::npos);
  CHECK(r.err.find("t-a-functions/FFunction/Properties/Description: value is 300 characters long; the maximum is 256") !=
        std::string::npos);
  CHECK(r.err.find("[AIP-CFN-E031 string-length]") != std::string::npos);
  CHECK_FALSE(fs::exists(dir / "out"));
  fs::remove_all(dir);
}

TEST_CASE("synth output of every blueprint and good example matches its reviewed golden files") {
  // In-process: the files `aip synth` writes are cfn::assembly_files of the synthesis.
  aip::test::InSourceDir in_source_dir;
  std::size_t specs = 0;
  for (const std::string dir : {"blueprints", "examples"}) {
    for (const auto& spec : fs::directory_iterator(fs::path(AIP_SOURCE_DIR) / dir)) {
      if (spec.path().extension() != ".yaml") continue;
      ++specs;
      std::string name = spec.path().stem().string();
      std::string golden_dir = dir == std::string("blueprints") ? "tests/golden/" + name : "tests/golden/examples/" + name;
      INFO(dir << "/" << name << ".yaml against " << golden_dir);
      aip::SourceManager sources;
      auto synthesis = aip::driver::synthesize(dir + "/" + name + ".yaml", sources);
      INFO(aip::driver::render_diagnostics(synthesis.diagnostics, aip::driver::Detail::full, false));
      REQUIRE(synthesis.ok());  // `aip synth` exits 0
      const auto files = aip::cfn::assembly_files(*synthesis.assembly, synthesis.templates);
      fs::path golden = fs::path(AIP_SOURCE_DIR) / golden_dir;
      REQUIRE(fs::is_directory(golden));
      std::set<std::string> written, expected;
      for (const auto& [file, bytes] : files) written.insert(file);
      // Every file, policies/ included (the binary-based check compared only the top level).
      for (const auto& e : fs::recursive_directory_iterator(golden)) {
        if (e.is_regular_file()) expected.insert(e.path().lexically_relative(golden).generic_string());
      }
      CHECK(written == expected);
      for (const std::string& file : expected) {
        INFO(file << " differs; review with tools/update-golden.sh");
        auto it = files.find(file);
        CHECK((it == files.end() ? std::string() : it->second) == read_text(golden / file));
      }
    }
  }
  CHECK(specs >= 2);
}

TEST_CASE("two synths produce identical bytes") {
  fs::path a = fresh_dir("cli-det-a"), b = fresh_dir("cli-det-b");
  REQUIRE(run_aip("synth -q blueprints/network.yaml -o '" + a.string() + "'").exit_code == 0);
  REQUIRE(run_aip("synth -q blueprints/network.yaml -o '" + b.string() + "'").exit_code == 0);
  for (const auto& e : fs::directory_iterator(a)) CHECK(read_text(e.path()) == read_text(b / e.path().filename()));
  fs::remove_all(a);
  fs::remove_all(b);
}

TEST_CASE("a failing synth leaves the existing output directory untouched") {
  fs::path out = fresh_dir("cli-atomic");
  REQUIRE(run_aip("synth -q blueprints/network.yaml -o '" + out.string() + "'").exit_code == 0);
  std::string before = read_text(out / "lang-portal-dev-network.template.json");
  auto r = run_aip("synth examples/bad/vpc-too-small.yaml -o '" + out.string() + "'");
  CHECK(r.exit_code == 2);
  CHECK(read_text(out / "lang-portal-dev-network.template.json") == before);
  CHECK_FALSE(fs::exists(out / "small-dev-network.template.json"));
  fs::remove_all(out);
}

TEST_CASE("synth refuses a directory it did not write, exit 2") {
  fs::path out = fresh_dir("cli-foreign");
  fs::create_directories(out);
  std::ofstream(out / "README.txt") << "not aip's";
  auto r = run_aip("synth blueprints/network.yaml -o '" + out.string() + "'");
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("is not empty and was not written by aip") != std::string::npos);
  CHECK(read_text(out / "README.txt") == "not aip's");
  fs::remove_all(out);
}

TEST_CASE("validate checks any CloudFormation template against the schemas, exit 1 on findings") {
  auto good = run_aip("validate tests/cfn_schema/good/short_tags.yaml");
  CHECK(good.exit_code == 0);
  CHECK(good.output == "tests/cfn_schema/good/short_tags.yaml: valid CloudFormation template\n");
  auto generated = run_aip("validate tests/golden/network/lang-portal-dev-network.template.json");
  CHECK(generated.exit_code == 0);
  auto bad = run_aip("validate tests/cfn_schema/bad/unknown_property.json");
  CHECK(bad.exit_code == 1);
  // The misspelt CidrBlock also leaves the VPC without a CIDR (the schema's exactly-one-of), reported first.
  CHECK(bad.err.rfind("tests/cfn_schema/bad/unknown_property.json:5:7: error: unknown_property/Vpc/Properties: exactly one "
                      "of \"CidrBlock\" or \"Ipv4IpamPoolId\" is required; none is set [AIP-CFN-E035 exactly-one-of]\n",
                      0) == 0);
  CHECK(bad.err.find("\ntests/cfn_schema/bad/unknown_property.json:5:23: error: unknown_property/Vpc/Properties/CidrBlok: "
                     "unknown property \"CidrBlok\"; did you mean \"CidrBlock\"? [AIP-CFN-E020 unknown-property]\n") != std::string::npos);
  auto yaml = run_aip("validate tests/cfn_schema/bad/type_mismatch.yaml");
  CHECK(yaml.exit_code == 1);
  CHECK(yaml.err.find("type_mismatch.yaml:16:11: error: type_mismatch/Sg/Properties/SecurityGroupIngress/0/FromPort: "
                      "expected an integer, got \"eighty\" [AIP-CFN-E022 type-mismatch]\n") != std::string::npos);
  auto broken = run_aip("validate tests/cfn_schema/bad/malformed.yaml");
  CHECK(broken.exit_code == 2);
}

TEST_CASE("validate --list-checks lists every check with its id, and docs/validate-checks.md documents each") {
  auto r = run_aip("validate --list-checks");
  CHECK(r.exit_code == 0);
  CHECK(r.output.find("AIP-CFN-E030  error    pattern-mismatch            a string matches the schema's pattern\n") !=
        std::string::npos);
  const std::string docs = aip::test::read_text(std::string(AIP_SOURCE_DIR) + "/docs/validate-checks.md");
  std::istringstream lines(r.output);
  std::size_t n = 0;
  for (std::string line; std::getline(lines, line); ++n) {
    INFO(line);
    REQUIRE(line.rfind("AIP-CFN-", 0) == 0);
    const std::string id = line.substr(0, 12), rule = line.substr(23, line.find(' ', 23) - 23);
    CHECK(docs.find("| " + id + " | " + rule + " |") != std::string::npos);
  }
  CHECK(n >= 36);
  CHECK(run_aip("validate").exit_code == 2);  // neither a file nor --list-checks
}

TEST_CASE("validate takes several files, directories and cloud assemblies and exits with the worst code") {
  auto dirs = run_aip("validate tests/cfn_schema/good tests/cfn_schema/cdk-reference");
  CHECK(dirs.exit_code == 0);
  CHECK(dirs.output ==
        "tests/cfn_schema/good/conditions.yaml: valid CloudFormation template\n"
        "tests/cfn_schema/good/functions.yaml: valid CloudFormation template\n"
        "tests/cfn_schema/good/getatt_types.yaml: valid CloudFormation template\n"
        "tests/cfn_schema/good/json_with_trailing_comma.json: valid CloudFormation template\n"
        "tests/cfn_schema/good/language_extensions.yaml: valid CloudFormation template\n"
        "tests/cfn_schema/good/network.yaml: valid CloudFormation template\n"
        "tests/cfn_schema/good/parameters.yaml: valid CloudFormation template\n"
        "tests/cfn_schema/good/ref_types.yaml: valid CloudFormation template\n"
        "tests/cfn_schema/good/rules.yaml: valid CloudFormation template\n"
        "tests/cfn_schema/good/short_tags.yaml: valid CloudFormation template\n"
        "tests/cfn_schema/good/unicode_patterns.yaml: valid CloudFormation template\n"
        "tests/cfn_schema/good/value_limits.yaml: valid CloudFormation template\n"
        "tests/cfn_schema/good/vpc_endpoint.json: valid CloudFormation template\n"
        "tests/cfn_schema/cdk-reference/LangPortalReference.template.json: valid CloudFormation template\n");
  auto mixed = run_aip("validate tests/cfn_schema/good/short_tags.yaml tests/cfn_schema/bad/enum.json");
  CHECK(mixed.exit_code == 1);
  CHECK(mixed.output.rfind("tests/cfn_schema/good/short_tags.yaml: valid CloudFormation template\n", 0) == 0);
  CHECK(mixed.err.rfind("tests/cfn_schema/bad/enum.json:6:71: error: enum/Endpoint/Properties/VpcEndpointType: ", 0) == 0);
  CHECK(run_aip("validate tests/cfn_schema/bad/enum.json tests/cfn_schema/bad/malformed.yaml").exit_code == 2);

  // An assembly aip wrote: every stack template of its manifest.
  const fs::path dir = fresh_dir("cli-validate-assembly");
  REQUIRE(run_aip("synth -q blueprints/network.yaml -o '" + (dir / "cdk.out").string() + "'").exit_code == 0);
  auto assembly = run_aip("validate '" + (dir / "cdk.out").string() + "'");
  CHECK(assembly.exit_code == 0);
  CHECK(assembly.output == (dir / "cdk.out" / "lang-portal-dev-network.template.json").string() +
                               ": valid CloudFormation template\n");

  // The shape the AWS CDK writes: a stage is a nested assembly; other artifacts are not templates.
  fs::create_directories(dir / "cdk" / "assembly-Prod");
  aip::test::write_text(dir / "cdk" / "manifest.json", R"({"version": "55.0.0", "artifacts": {
    "Tree": {"type": "cdk:tree", "properties": {"file": "tree.json"}},
    "Prod": {"type": "cdk:cloud-assembly", "properties": {"directoryName": "assembly-Prod", "displayName": "Prod"}}}})");
  aip::test::write_text(dir / "cdk" / "assembly-Prod" / "manifest.json", R"({"version": "55.0.0", "artifacts": {
    "ProdApp": {"type": "aws:cloudformation:stack", "environment": "aws://unknown-account/unknown-region",
                "properties": {"templateFile": "ProdApp.template.json"}}}})");
  fs::copy_file(std::string(AIP_SOURCE_DIR) + "/tests/cfn_schema/bad/enum.json",
                dir / "cdk" / "assembly-Prod" / "ProdApp.template.json");
  auto nested = run_aip("validate '" + (dir / "cdk").string() + "'");
  CHECK(nested.exit_code == 1);
  CHECK(nested.err.rfind((dir / "cdk" / "assembly-Prod" / "ProdApp.template.json").string() +
                        ":6:71: error: ProdApp/Endpoint/Properties/VpcEndpointType: value \"interface\" is not allowed",
                         0) == 0);
  aip::test::write_text(dir / "cdk" / "manifest.json", "{not json");
  auto broken = run_aip("validate '" + (dir / "cdk").string() + "'");
  CHECK(broken.exit_code == 2);
  CHECK(broken.err.find("manifest.json' is not valid JSON") != std::string::npos);
  fs::remove_all(dir);
}

TEST_CASE("hostile templates are refused at file:line:col by validate, lint and diff, exit 2") {
  const fs::path dir = fresh_dir("cli-hostile");
  fs::create_directories(dir);
  const fs::path deep = dir / "deep.json";
  std::ofstream(deep) << "{\"Resources\": {}, \"Metadata\": " << std::string(64, '[') << std::string(64, ']') << "}\n";
  const std::string at = deep.string() + ":1:94: error: nesting is deeper than the limit of 64 levels\n";
  for (const std::string& command : std::vector<std::string>{"validate", "lint", "diff " + deep.string()}) {
    INFO(command);
    auto r = run_aip(command + " '" + deep.string() + "'");
    CHECK(r.exit_code == 2);
    CHECK(r.err.rfind(at, 0) == 0);
  }

  const fs::path big = dir / "big.json";
  {
    std::ofstream out(big);
    out << "{\"Resources\": {}, \"Description\": \"" << std::string(16u << 20, 'x') << "\"}\n";
  }
  const std::string too_big = "aip: error: cannot read '" + big.string() +
                              "': file is 16777253 bytes, larger than the limit of 16777216 bytes\n";
  CHECK(run_aip("validate '" + big.string() + "'").err == too_big);
  CHECK(run_aip("lint '" + big.string() + "'").err == too_big);
  // diff reports both sides.
  CHECK(run_aip("diff '" + big.string() + "' '" + deep.string() + "'").err == too_big + at);
  fs::remove_all(dir);
}

TEST_CASE("existing infrastructure given badly: synth exits 2 with the error at its line and writes nothing") {
  // docs/existing.md: each class of bad input has its example in examples/bad.
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"existing-bucket", "examples/bad/existing-bucket.yaml:15:7: error: bucket 'archive' is existing: 'versioning'"},
      {"existing-bus", "examples/bad/existing-bus.yaml:14:7: error: bus 'landing-zone' is existing: its region"},
      {"existing-user-pool", "examples/bad/existing-user-pool.yaml:14:7: error: user pool 'customers' is existing"},
      {"existing-role", "examples/bad/existing-role.yaml:13:7: error: persona 'admin' is existing: 'trust'"},
      {"existing-ssm", "examples/bad/existing-ssm.yaml:16:19: error: 'ssm' must be an SSM parameter name"},
      {"existing-references", "examples/bad/existing-references.yaml:26:14: error: bucket 'archive' is existing"},
      {"existing-bus-rule", "examples/bad/existing-bus-rule.yaml:14:12: error: rule 'on-audit' is on bus 'audit'"},
      {"existing-bucket-origin", "examples/bad/existing-bucket-origin.yaml:16:25: error: origin 'files'"},
  };
  for (const auto& [name, error] : cases) {
    INFO(name);
    fs::path out = fresh_dir("cli-" + name);
    fs::remove_all(out);
    auto r = run_aip("synth examples/bad/" + name + ".yaml -o '" + out.string() + "'");
    CHECK(r.exit_code == 2);
    CHECK(r.err.find(error) != std::string::npos);
    CHECK_FALSE(fs::exists(out));
  }
}
