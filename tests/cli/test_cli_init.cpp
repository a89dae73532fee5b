// `aip blueprints`, `aip init` and `aip schema` as users meet them.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <unistd.h>

#include <nlohmann/json.hpp>

#include "run_aip.hpp"
#include "support/files.hpp"

namespace fs = std::filesystem;
using aip::test::fresh_dir;
using aip::test::read_text;
using aip::test::run_aip;
using aip::test::write_text;
using nlohmann::json;

namespace {

const fs::path kSource(AIP_SOURCE_DIR);

// The `description:` line of a spec file, as the blueprint list shows it.
std::string description_line(const fs::path& spec) {
  std::istringstream lines(read_text(spec));
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("description: ", 0) == 0) return line.substr(13);
  }
  return "";
}

std::set<std::string> blueprint_files() {
  std::set<std::string> names;
  for (const auto& e : fs::directory_iterator(kSource / "blueprints")) {
    if (e.path().extension() == ".yaml") names.insert(e.path().stem().string());
  }
  return names;
}

}  // namespace

TEST_CASE("blueprints lists every bundled blueprint with its description") {
  auto text = run_aip("blueprints");
  CHECK(text.exit_code == 0);
  auto list = run_aip("blueprints --format json");
  REQUIRE(list.exit_code == 0);
  auto doc = json::parse(list.output);
  std::set<std::string> listed;
  for (const auto& b : doc) {
    const std::string name = b["name"].get<std::string>();
    INFO(name);
    listed.insert(name);
    std::string description = description_line(kSource / "blueprints" / (name + ".yaml"));
    CHECK_FALSE(description.empty());  // every blueprint says what it is
    CHECK(b["description"] == description);
    // Text: name, padding, description on one line.
    CHECK(text.output.find(name + " ") != std::string::npos);
    CHECK(text.output.find(description + "\n") != std::string::npos);
  }
  // Embedded at build time: exactly the files of blueprints/, none forgotten.
  CHECK(listed == blueprint_files());
  CHECK(run_aip("blueprints --format xml").exit_code == 2);
}

TEST_CASE("init writes the starter spec, which validates, lints clean and synthesizes") {
  fs::path dir = fresh_dir("cli-init-starter");
  auto r = run_aip("init '" + dir.string() + "'");
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  fs::path spec = dir / "platform.yaml";
  CHECK(r.output.rfind("aip: wrote " + spec.string() + " from the starter spec\n", 0) == 0);
  CHECK(read_text(spec) == read_text(kSource / "templates/starter.yaml"));
  CHECK(run_aip("validate '" + spec.string() + "'").exit_code == 0);
  auto lint = run_aip("lint '" + spec.string() + "' --fail-on info");
  INFO(lint.output);
  CHECK(lint.exit_code == 0);
  CHECK(run_aip("synth -q '" + spec.string() + "' -o '" + (dir / "cdk.out").string() + "'").exit_code == 0);
  CHECK(fs::exists(dir / "cdk.out" / "manifest.json"));
  fs::remove_all(dir);
}

TEST_CASE("init never overwrites without --force, and --force replaces") {
  fs::path dir = fresh_dir("cli-init-force");
  fs::create_directories(dir);
  fs::path spec = dir / "platform.yaml";
  write_text(spec, "mine\n");
  auto refused = run_aip("init '" + dir.string() + "'");
  CHECK(refused.exit_code == 2);
  CHECK(refused.err == "aip: error: '" + spec.string() +
                           "' already exists; aip init does not overwrite it (--force replaces it)\n");
  CHECK(read_text(spec) == "mine\n");
  auto also_refused = run_aip("init --blueprint network '" + dir.string() + "'");
  CHECK(also_refused.exit_code == 2);
  CHECK(read_text(spec) == "mine\n");

  auto forced = run_aip("init --blueprint network '" + dir.string() + "' --force");
  CHECK(forced.exit_code == 0);
  CHECK(forced.output.rfind("aip: wrote " + spec.string() + " from blueprint 'network'\n", 0) == 0);
  CHECK(read_text(spec) == read_text(kSource / "blueprints/network.yaml"));
  // Only platform.yaml: no temporary file left behind.
  std::set<std::string> files;
  for (const auto& e : fs::directory_iterator(dir)) files.insert(e.path().filename().string());
  CHECK(files == std::set<std::string>{"platform.yaml"});
  fs::remove_all(dir);
}

TEST_CASE("init --force replaces a symbolic link, never writing through it") {
  fs::path dir = fresh_dir("cli-init-link");
  fs::create_directories(dir);
  write_text(dir / "elsewhere.yaml", "not aip's\n");
  fs::create_symlink("elsewhere.yaml", dir / "platform.yaml");
  CHECK(run_aip("init '" + dir.string() + "'").exit_code == 2);  // a link is an existing file too
  CHECK(run_aip("init '" + dir.string() + "' --force").exit_code == 0);
  CHECK_FALSE(fs::is_symlink(dir / "platform.yaml"));
  CHECK(read_text(dir / "elsewhere.yaml") == "not aip's\n");
  CHECK(read_text(dir / "platform.yaml") == read_text(kSource / "templates/starter.yaml"));
  fs::remove_all(dir);
}

TEST_CASE("init writes the files a blueprint reads beside it, and the copy validates") {
  fs::path dir = fresh_dir("cli-init-companions");
  auto r = run_aip("init --blueprint enterprise-ai-platform '" + dir.string() + "'");
  INFO(r.output << r.err);
  REQUIRE(r.exit_code == 0);
  // Every file of blueprints/enterprise-ai-platform/, byte for byte, and said so.
  std::size_t companions = 0;
  for (const auto& e : fs::directory_iterator(kSource / "blueprints/enterprise-ai-platform")) {
    ++companions;
    fs::path copy = dir / "enterprise-ai-platform" / e.path().filename();
    INFO(copy.string());
    CHECK(read_text(copy) == read_text(e.path()));
    CHECK(r.output.find("aip: wrote " + copy.string() + ", which it reads\n") != std::string::npos);
  }
  CHECK(companions >= 2);
  auto valid = run_aip("validate '" + (dir / "platform.yaml").string() + "'");
  INFO(valid.output << valid.err);
  CHECK(valid.exit_code == 0);
  // A companion in the way refuses the whole init, and nothing is written.
  fs::path again = fresh_dir("cli-init-companions-again");
  fs::create_directories(again / "enterprise-ai-platform");
  write_text(again / "enterprise-ai-platform/batch-inference.asl.yaml", "mine\n");
  auto refused = run_aip("init --blueprint enterprise-ai-platform '" + again.string() + "'");
  CHECK(refused.exit_code == 2);
  CHECK(refused.err.find("batch-inference.asl.yaml' already exists") != std::string::npos);
  CHECK_FALSE(fs::exists(again / "platform.yaml"));
  CHECK(read_text(again / "enterprise-ai-platform/batch-inference.asl.yaml") == "mine\n");
  // `aip blueprints` lists blueprints only, not the files they read.
  auto list = run_aip("blueprints");
  CHECK(list.output.find("batch-inference") == std::string::npos);
  fs::remove_all(dir);
  fs::remove_all(again);
}

TEST_CASE("init: unknown blueprint, a file for DIR, a missing DIR, the default DIR") {
  fs::path dir = fresh_dir("cli-init-misc");
  auto typo = run_aip("init --blueprint lang-portl '" + dir.string() + "'");
  CHECK(typo.exit_code == 2);
  CHECK(typo.err == "aip: error: no blueprint 'lang-portl'; did you mean 'lang-portal'?\n"
                    "aip: `aip blueprints` lists them\n");
  CHECK_FALSE(fs::exists(dir));  // nothing created for a failed init

  fs::create_directories(dir);
  write_text(dir / "file", "x");
  auto not_dir = run_aip("init '" + (dir / "file").string() + "'");
  CHECK(not_dir.exit_code == 2);
  CHECK(not_dir.err == "aip: error: '" + (dir / "file").string() + "' exists and is not a directory\n");

  auto nested = run_aip("init -b network '" + (dir / "a/b").string() + "'");
  CHECK(nested.exit_code == 0);
  CHECK(read_text(dir / "a/b/platform.yaml") == read_text(kSource / "blueprints/network.yaml"));

  // Without DIR: platform.yaml in the working directory.
  std::string command = "cd '" + dir.string() + "' && NO_COLOR=1 '" + std::string(AIP_BINARY) + "' init >/dev/null";
  CHECK(std::system(command.c_str()) == 0);
  CHECK(read_text(dir / "platform.yaml") == read_text(kSource / "templates/starter.yaml"));
  fs::remove_all(dir);
}

TEST_CASE("schema prints templates/spec.schema.json with the rule ids of this build") {
  auto r = run_aip("schema");
  REQUIRE(r.exit_code == 0);
  auto printed = json::parse(r.output);
  auto rules = json::parse(run_aip("rules --format json").output);
  json ids = json::array();
  for (const auto& rule : rules) ids.push_back(rule["id"]);
  CHECK(printed["definitions"]["suppression"]["properties"]["rule"]["enum"] == ids);
  // The raw resource types: every type of the bundled resource schemas, sorted.
  json types = json::array();
  {
    std::ifstream in(kSource / "data/cfn-schemas.jsonl");
    std::vector<std::string> names;
    for (std::string line; std::getline(in, line);) {
      if (!line.empty()) names.push_back(json::parse(line).at("type"));
    }
    std::sort(names.begin(), names.end());
    for (const std::string& n : names) types.push_back(n);
  }
  const json& type = printed["definitions"]["raw_resource"]["properties"]["type"];
  CHECK(type["enum"].size() == 1828);
  CHECK(type["enum"] == types);
  CHECK(type["pattern"] == "^[A-Za-z0-9]+::[A-Za-z0-9]+::[A-Za-z0-9]+$");
  auto file = json::parse(read_text(kSource / "templates/spec.schema.json"));
  CHECK_FALSE(file["definitions"]["raw_resource"]["properties"]["type"].contains("enum"));  // not a second copy
  file["definitions"]["suppression"]["properties"]["rule"]["enum"] = ids;
  file["definitions"]["raw_resource"]["properties"]["type"]["enum"] = types;
  CHECK(printed == file);
  CHECK(printed["$schema"] == "http://json-schema.org/draft-07/schema#");
  CHECK(run_aip("schema extra").exit_code == 2);
}
