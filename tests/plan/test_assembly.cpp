// Cross-stack references, the manifest, determinism and atomic writes.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <sys/stat.h>
#include <unistd.h>

#include "cfn/assembly_writer.hpp"
#include "cfn/render.hpp"
#include "cfn/validate_assembly.hpp"
#include "plan/plan.hpp"
#include "support/spec_text.hpp"

namespace fs = std::filesystem;
using aip::cfn::Json;

namespace {

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// A fresh directory under the system temp dir, removed at scope exit.
struct TempDir {
  fs::path path;
  TempDir() {
    path = fs::temp_directory_path() / ("aip-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter()++));
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
  static int& counter() {
    static int n = 0;
    return n;
  }
};

aip::cfn::AssemblyFiles synth_files(const std::string& spec_path) {
  aip::SourceManager sources;
  std::string error;
  const aip::SourceFile* file = sources.load(spec_path, &error);
  REQUIRE(file != nullptr);
  aip::Diagnostics diags;
  auto spec = aip::spec::load_spec(*file, diags);
  REQUIRE(spec);
  auto assembly = aip::plan::plan_platform(*spec, diags);
  REQUIRE(assembly);
  std::map<std::string, Json> templates;
  for (const auto& s : assembly->stacks) templates[s.id] = aip::cfn::render_template(*assembly, s);
  return aip::cfn::assembly_files(*assembly, templates);
}

const std::string kBlueprint = std::string(AIP_SOURCE_DIR) + "/blueprints/network.yaml";

}  // namespace

TEST_CASE("references across stacks become exports and imports with a stack dependency") {
  aip::cfn::Assembly assembly;
  auto& network = assembly.stacks.emplace_back();
  network.id = "p-dev-network";
  network.account_id = "111111111111";
  network.region = "us-east-1";
  auto& app = assembly.stacks.emplace_back();
  app.id = "p-dev-compute";
  app.account_id = "111111111111";
  app.region = "us-east-1";

  CHECK(assembly.ref(network, network, "MainVpc") == Json::parse(R"({"Ref": "MainVpc"})"));
  CHECK(assembly.get_att(app, network, "ApiSecurityGroup", "GroupId") ==
        Json::parse(R"({"Fn::ImportValue": "p-dev-network:ApiSecurityGroupGroupId"})"));
  CHECK(network.outputs.at("ApiSecurityGroupGroupId") == Json::parse(R"({
      "Value": {"Fn::GetAtt": ["ApiSecurityGroup", "GroupId"]},
      "Export": {"Name": "p-dev-network:ApiSecurityGroupGroupId"}})"));
  CHECK(app.dependencies == std::set<std::string>{"p-dev-network"});
  CHECK(assembly.ref(app, network, "MainVpc") == Json::parse(R"({"Fn::ImportValue": "p-dev-network:MainVpcRef"})"));

  auto& other = assembly.stacks.emplace_back();
  other.id = "p-prod-compute";
  other.account_id = "222222222222";
  other.region = "us-east-1";
  CHECK_THROWS_AS(assembly.ref(other, network, "MainVpc"), aip::cfn::UnresolvableReference);
}

TEST_CASE("the manifest is a CDK cloud assembly") {
  auto files = synth_files(kBlueprint);
  Json manifest = Json::parse(files.at("manifest.json"));
  CHECK(manifest["version"] == aip::cfn::kCloudAssemblyVersion);
  const Json& artifact = manifest["artifacts"]["lang-portal-dev-network"];
  CHECK(artifact["type"] == "aws:cloudformation:stack");
  CHECK(artifact["environment"] == "aws://333333333333/us-east-1");
  CHECK(artifact["properties"]["templateFile"] == "lang-portal-dev-network.template.json");
  CHECK(files.count("lang-portal-dev-network.template.json") == 1);
}

TEST_CASE("synth is deterministic: same spec, same bytes") {
  CHECK(synth_files(kBlueprint) == synth_files(kBlueprint));
}

TEST_CASE("the assembly is written and an earlier aip assembly is replaced") {
  TempDir tmp;
  fs::path out = tmp.path / "cdk.out";
  std::string error;
  auto files = synth_files(kBlueprint);
  REQUIRE(aip::cfn::write_assembly(out, files, &error));
  CHECK(read(out / "manifest.json") == files.at("manifest.json"));
  // Stale templates from an earlier run disappear; no staging directories remain.
  std::ofstream(out / "old-stack.template.json") << "{}";
  REQUIRE(aip::cfn::write_assembly(out, files, &error));
  CHECK_FALSE(fs::exists(out / "old-stack.template.json"));
  std::size_t entries = 0;
  for (const auto& e : fs::directory_iterator(tmp.path)) entries += e.path().filename() == "cdk.out" ? 0 : 1;
  CHECK(entries == 0);
}

namespace {
ino_t inode_of(const fs::path& path) {
  struct stat st {};
  REQUIRE(::stat(path.c_str(), &st) == 0);
  return st.st_ino;
}
}  // namespace

TEST_CASE("a re-synth rewrites only what changed: identical files keep their inode, changed ones get the new bytes") {
  TempDir tmp;
  fs::path out = tmp.path / "cdk.out";
  std::string error;
  auto files = synth_files(kBlueprint);
  REQUIRE(aip::cfn::write_assembly(out, files, &error));
  const std::string network = "lang-portal-dev-network.template.json";
  const ino_t manifest = inode_of(out / "manifest.json");
  const ino_t template_before = inode_of(out / network);

  // Identical: nothing is written, moved or deleted.
  REQUIRE(aip::cfn::write_assembly(out, files, &error));
  CHECK(inode_of(out / "manifest.json") == manifest);
  CHECK(inode_of(out / network) == template_before);

  // One template changed: it is written anew, the others are the same files.
  auto changed = files;
  changed[network] = "{\"Resources\": {}}\n";
  REQUIRE(aip::cfn::write_assembly(out, changed, &error));
  CHECK(read(out / network) == changed[network]);
  CHECK(inode_of(out / network) != template_before);
  CHECK(inode_of(out / "manifest.json") == manifest);
  CHECK(fs::hard_link_count(out / "manifest.json") == 1);  // the old assembly is gone
  std::size_t entries = 0;
  for (const auto& e : fs::directory_iterator(tmp.path)) entries += e.path().filename() == "cdk.out" ? 0 : 1;
  CHECK(entries == 0);

  // A file edited in place to the same size is seen as changed and rewritten.
  std::string edited = read(out / "manifest.json");
  edited[edited.size() - 2] = edited[edited.size() - 2] == ' ' ? '\t' : ' ';
  std::ofstream(out / "manifest.json", std::ios::binary | std::ios::trunc) << edited;
  REQUIRE(aip::cfn::write_assembly(out, files, &error));
  CHECK(read(out / "manifest.json") == files.at("manifest.json"));
  CHECK(read(out / network) == files.at(network));

  // A file the new assembly drops disappears, even when every other file is unchanged.
  auto fewer = files;
  fewer.erase(network);
  REQUIRE(aip::cfn::write_assembly(out, fewer, &error));
  CHECK_FALSE(fs::exists(out / network));
  REQUIRE(aip::cfn::write_assembly(out, files, &error));
  CHECK(read(out / network) == files.at(network));
}

TEST_CASE("a directory aip did not write is left exactly as it was") {
  TempDir tmp;
  fs::path out = tmp.path / "mine";
  fs::create_directories(out);
  std::ofstream(out / "notes.txt") << "precious";
  std::string error;
  CHECK_FALSE(aip::cfn::write_assembly(out, synth_files(kBlueprint), &error));
  CHECK(error.find("is not empty and was not written by aip") != std::string::npos);
  CHECK(read(out / "notes.txt") == "precious");
  CHECK(std::distance(fs::directory_iterator(out), fs::directory_iterator()) == 1);
  CHECK(std::distance(fs::directory_iterator(tmp.path), fs::directory_iterator()) == 1);

  // A user's file inside an earlier aip assembly is protected as well.
  fs::path earlier = tmp.path / "earlier";
  REQUIRE(aip::cfn::write_assembly(earlier, synth_files(kBlueprint), &error));
  std::ofstream(earlier / "keep.md") << "mine";
  CHECK_FALSE(aip::cfn::write_assembly(earlier, synth_files(kBlueprint), &error));
  CHECK(error.find("holds 'keep.md', which aip did not write") != std::string::npos);
  CHECK(read(earlier / "keep.md") == "mine");
}

TEST_CASE("a failing write leaves an existing assembly untouched and cleans up") {
  TempDir tmp;
  fs::path out = tmp.path / "cdk.out";
  std::string error;
  auto files = synth_files(kBlueprint);
  REQUIRE(aip::cfn::write_assembly(out, files, &error));
  std::string before = read(out / "lang-portal-dev-network.template.json");
  // A file name that cannot be created (a directory component that is a file).
  aip::cfn::AssemblyFiles broken = files;
  broken["manifest.json/child"] = "x";
  broken["lang-portal-dev-network.template.json"] = "changed";
  CHECK_FALSE(aip::cfn::write_assembly(out, broken, &error));
  CHECK(read(out / "lang-portal-dev-network.template.json") == before);
  CHECK(std::distance(fs::directory_iterator(tmp.path), fs::directory_iterator()) == 1);
}

TEST_CASE("symbolic links are not written through") {
  TempDir tmp;
  fs::create_directories(tmp.path / "elsewhere");
  fs::create_directory_symlink(tmp.path / "elsewhere", tmp.path / "link");
  std::string error;
  CHECK_FALSE(aip::cfn::write_assembly(tmp.path / "link", synth_files(kBlueprint), &error));
  CHECK(error.find("is a symbolic link") != std::string::npos);
  CHECK(fs::is_empty(tmp.path / "elsewhere"));
}

TEST_CASE("rendered templates are checked against the CloudFormation schemas") {
  aip::cfn::Assembly assembly;
  assembly.platform = "p";
  auto& stack = assembly.stacks.emplace_back();
  stack.id = "p-dev-network";
  stack.account_id = "111111111111";
  stack.region = "us-east-1";
  aip::cfn::Resource vpc;
  vpc.logical_id = "MainVpc";
  vpc.type = "AWS::EC2::VPC";
  vpc.properties = {{"CidrBlock", "10.0.0.0/16"}, {"EnableDnsHostname", true}};
  stack.add(vpc);
  std::map<std::string, Json> templates{{stack.id, aip::cfn::render_template(assembly, stack)}};
  auto findings = aip::cfn::validate_assembly(assembly, templates);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].rfind("p-dev-network/MainVpc/Properties/EnableDnsHostname: ", 0) == 0);
  CHECK(findings[0].find("EnableDnsHostnames") != std::string::npos);  // the did-you-mean
}

TEST_CASE("the network blueprint renders schema-valid templates") {
  aip::SourceManager sources;
  std::string error;
  const aip::SourceFile* file = sources.load(kBlueprint, &error);
  REQUIRE(file != nullptr);
  aip::Diagnostics diags;
  auto spec = aip::spec::load_spec(*file, diags);
  REQUIRE(spec);
  auto assembly = aip::plan::plan_platform(*spec, diags);
  REQUIRE(assembly);
  std::map<std::string, Json> templates;
  for (const auto& s : assembly->stacks) templates[s.id] = aip::cfn::render_template(*assembly, s);
  CHECK(aip::cfn::validate_assembly(*assembly, templates).empty());
}

TEST_CASE("with force, a foreign directory is moved aside instead of deleting it") {
  TempDir tmp;
  fs::path out = tmp.path / "mine";
  fs::create_directories(out / "sub");
  std::ofstream(out / "sub" / "notes.txt") << "precious";
  std::string error;
  fs::path backup;
  REQUIRE(aip::cfn::write_assembly(out, synth_files(kBlueprint), &error, aip::cfn::WriteOptions{true, &backup}));
  CHECK(backup == tmp.path / "mine.backup-1");
  CHECK(read(backup / "sub" / "notes.txt") == "precious");
  CHECK(fs::exists(out / "manifest.json"));
  // A link is never written through, force or not.
  fs::create_directories(tmp.path / "elsewhere");
  fs::create_directory_symlink(tmp.path / "elsewhere", tmp.path / "link");
  CHECK_FALSE(aip::cfn::write_assembly(tmp.path / "link", synth_files(kBlueprint), &error, aip::cfn::WriteOptions{true, nullptr}));
  CHECK(fs::is_empty(tmp.path / "elsewhere"));
}
