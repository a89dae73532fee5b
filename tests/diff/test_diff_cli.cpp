// `aip diff` as users run it: specs copied from blueprints/ and examples/ and
// changed in a temp dir, assemblies from `aip synth`, exit codes and formats.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "diff/diff.hpp"
#include "diff/load_side.hpp"
#include "driver/render_diagnostics.hpp"
#include "run_aip.hpp"
#include "support/in_source_dir.hpp"

namespace fs = std::filesystem;
using aip::test::run_aip;
using nlohmann::json;

namespace {

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void write(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
}

// A copy of a repository spec with `from` replaced by `to` (which must occur).
fs::path changed_copy(const std::string& source, const std::string& name, const std::string& from,
                      const std::string& to) {
  std::string text = read(fs::path(AIP_SOURCE_DIR) / source);
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  text.replace(at, from.size(), to);
  fs::path out = fs::path(AIP_TEST_TMP) / name;
  write(out, text);
  return out;
}

std::string q(const fs::path& p) { return "'" + p.string() + "'"; }

const json* resource(const json& diff, const std::string& id) {
  for (const auto& stack : diff["stacks"]) {
    for (const auto& r : stack["resources"]) {
      if (r["logical_id"] == id) return &r;
    }
  }
  return nullptr;
}

json diff_json(const std::string& args) {
  auto r = run_aip("diff " + args + " --format json");
  INFO(r.output);
  REQUIRE((r.exit_code == 0 || r.exit_code == 1));
  return json::parse(r.output.substr(0, r.output.size() - r.err.size()));
}

}  // namespace

TEST_CASE("a blueprint diffed with itself prints nothing and exits 0") {
  auto r = run_aip("diff blueprints/network.yaml blueprints/network.yaml --fail-on any");
  CHECK(r.exit_code == 0);
  CHECK(r.output.empty());
  // Every example too, in-process: `aip diff SPEC SPEC --fail-on any` loads both sides,
  // prints nothing (text, NO_COLOR) and exits 0.
  aip::test::InSourceDir in_source_dir;
  const auto any = aip::diff::parse_fail_on("any");
  REQUIRE(any);
  for (const auto& entry : fs::directory_iterator(fs::path(AIP_SOURCE_DIR) / "examples")) {
    if (entry.path().extension() != ".yaml") continue;
    const std::string spec = "examples/" + entry.path().filename().string();
    auto old_side = aip::diff::load_side(spec);
    auto new_side = aip::diff::load_side(spec);
    INFO(spec << ": " << aip::driver::render_diagnostics(old_side.diagnostics, aip::driver::Detail::full, false));
    REQUIRE(old_side.side);
    REQUIRE(new_side.side);
    const auto result = aip::diff::diff_sides(*old_side.side, *new_side.side);
    const std::string text = aip::diff::render_text(result, false);
    INFO(text);
    CHECK_FALSE(aip::diff::triggers(result, *any));
    CHECK(text.empty());
  }
}

TEST_CASE("a packed side diffs as the side itself: the same result in every format") {
  // `aip diff` packs the first side (CBOR) while it loads the second; numbers,
  // strings and empty objects read back must compare and print as before.
  aip::test::InSourceDir in_source_dir;
  for (const auto& [from, to] : {std::pair<std::string, std::string>{"blueprints/zero-trust-rag.yaml", "blueprints/lang-portal.yaml"},
                                 {"blueprints/network.yaml", "blueprints/genai-gateway.yaml"}}) {
    INFO(from << " -> " << to);
    auto old_side = aip::diff::load_side(from);
    auto new_side = aip::diff::load_side(to);
    REQUIRE(old_side.side);
    REQUIRE(new_side.side);
    aip::diff::Side packed = *old_side.side;
    aip::diff::pack_templates(packed);
    for (const auto& [name, s] : packed.stacks) {
      CHECK(s.tmpl.is_null());
      CHECK_FALSE(s.packed.empty());
    }
    const auto plain = aip::diff::diff_sides(*old_side.side, *new_side.side);
    const auto from_packed = aip::diff::diff_sides(std::move(packed), *new_side.side);
    CHECK(plain.summary.added > 0);
    CHECK(aip::diff::render_json(from_packed).dump(2) == aip::diff::render_json(plain).dump(2));
    CHECK(aip::diff::render_text(from_packed, false) == aip::diff::render_text(plain, false));
    CHECK(aip::diff::render_markdown(from_packed) == aip::diff::render_markdown(plain));
  }
}

TEST_CASE("a spec and its synthesized assembly have no differences") {
  fs::path out = fs::path(AIP_TEST_TMP) / "assembly-network";
  fs::remove_all(out);
  REQUIRE(run_aip("synth -q blueprints/network.yaml -o " + q(out)).exit_code == 0);
  auto r = run_aip("diff " + q(out) + " blueprints/network.yaml --fail-on any");
  CHECK(r.exit_code == 0);
  CHECK(r.output.empty());
  // A single template of the assembly against the spec's only stack, too.
  auto t = run_aip("diff " + q(out / "lang-portal-dev-network.template.json") + " blueprints/network.yaml --fail-on any");
  CHECK(t.exit_code == 0);
  CHECK(t.output.empty());
}

TEST_CASE("a subnet CIDR change is a replacement without data loss") {
  fs::path spec = changed_copy("blueprints/network.yaml", "subnet-cidr.yaml", "data: {size: 24,", "data: {size: 25,");
  json d = diff_json("blueprints/network.yaml " + q(spec));
  const json* subnet = resource(d, "MainVpcDataSubnet1");
  REQUIRE(subnet != nullptr);
  CHECK((*subnet)["change"] == "replaced");
  CHECK((*subnet)["replacement_reasons"][0] == "CidrBlock changes (createOnly)");
  CHECK(d["summary"]["data_loss"] == 0);
  CHECK(run_aip("diff blueprints/network.yaml " + q(spec) + " --fail-on replace").exit_code == 1);
  CHECK(run_aip("diff blueprints/network.yaml " + q(spec) + " --fail-on data-loss").exit_code == 0);
  auto text = run_aip("diff blueprints/network.yaml " + q(spec));
  CHECK(text.exit_code == 0);
  CHECK(text.output.find("[!] AWS::EC2::Subnet MainVpcDataSubnet1 (replace)") != std::string::npos);
  CHECK(text.output.find("at " + spec.string() + ":") != std::string::npos);
  CHECK(text.output.find("\033[") == std::string::npos);  // NO_COLOR
}

TEST_CASE("an Aurora engine change may replace the cluster and loses the instances' data") {
  std::string text = read(fs::path(AIP_SOURCE_DIR) / "examples/data.yaml");
  for (const auto& [from, to] : std::vector<std::pair<std::string, std::string>>{
           {"engine: aurora-postgresql", "engine: aurora-mysql"},
           {"      version: \"16.6\"\n", ""},
           {"      parameters: {log_min_duration_statement: \"1000\"}\n", ""}}) {
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    text.replace(at, from.size(), to);
  }
  fs::path spec = fs::path(AIP_TEST_TMP) / "aurora-engine.yaml";
  write(spec, text);
  json d = diff_json("examples/data.yaml " + q(spec));
  bool cluster_seen = false;
  for (const auto& stack : d["stacks"]) {
    for (const auto& r : stack["resources"]) {
      if (r["type"] == "AWS::RDS::DBCluster") {
        cluster_seen = true;
        CHECK((r["change"] == "may-replace" || r["change"] == "replaced"));
        CHECK(r["replacement_reasons"].dump().find("Engine") != std::string::npos);
      }
    }
  }
  CHECK(cluster_seen);
  CHECK(d["summary"]["data_loss"].get<int>() > 0);
  CHECK(run_aip("diff examples/data.yaml " + q(spec) + " --fail-on data-loss").exit_code == 1);
}

TEST_CASE("a bucket name change replaces the bucket") {
  SECTION("deletion: delete loses the data") {
    fs::path old_spec = changed_copy("examples/storage.yaml", "bucket-old.yaml", "    bronze: {preset: bronze}",
                                     "    bronze: {preset: bronze, deletion: delete}");
    std::string text = read(old_spec);
    text.replace(text.find("deletion: delete"), 16, "deletion: delete, bucket_name: acme-bronze-renamed");
    fs::path new_spec = fs::path(AIP_TEST_TMP) / "bucket-new.yaml";
    write(new_spec, text);
    json d = diff_json(q(old_spec) + " " + q(new_spec));
    bool seen = false;
    for (const auto& stack : d["stacks"]) {
      for (const auto& r : stack["resources"]) {
        if (r["type"] != "AWS::S3::Bucket") continue;
        seen = true;
        CHECK(r["change"] == "replaced");
        CHECK(r["replacement_reasons"][0] == "BucketName changes (createOnly)");
        CHECK(r.contains("data_loss"));
      }
    }
    CHECK(seen);
    CHECK(run_aip("diff " + q(old_spec) + " " + q(new_spec) + " --fail-on data-loss").exit_code == 1);
  }
  SECTION("the default deletion: retain keeps the old bucket") {
    fs::path new_spec = changed_copy("examples/storage.yaml", "bucket-retain.yaml", "    bronze: {preset: bronze}",
                                     "    bronze: {preset: bronze, bucket_name: acme-bronze-renamed}");
    json d = diff_json("examples/storage.yaml " + q(new_spec));
    bool seen = false;
    for (const auto& stack : d["stacks"]) {
      for (const auto& r : stack["resources"]) {
        if (r["type"] != "AWS::S3::Bucket" || r["change"] != "replaced") continue;
        seen = true;
        CHECK_FALSE(r.contains("data_loss"));
        CHECK(r.contains("retained"));
      }
    }
    CHECK(seen);
  }
}

TEST_CASE("widening a security group is broadened access") {
  fs::path spec = changed_copy("blueprints/network.yaml", "sg-open.yaml",
                               "        - {port: 7860, from: sg:alb, description: Gradio traffic from the ALB}",
                               "        - {port: 7860, from: 0.0.0.0/0, description: Gradio traffic from anywhere}");
  json d = diff_json("blueprints/network.yaml " + q(spec));
  CHECK(d["summary"]["broadened"] == true);
  bool open = false;
  for (const auto& stack : d["stacks"]) {
    for (const auto& c : stack["security_group_rules"]) {
      if (c["change"] == "added" && c["peer"] == "0.0.0.0/0" && c["ports"] == "7860") {
        open = c["broadens"] == true && c["why"] == "open to the internet";
      }
    }
  }
  CHECK(open);
  CHECK(run_aip("diff blueprints/network.yaml " + q(spec) + " --fail-on broadened").exit_code == 1);
  auto md = run_aip("diff blueprints/network.yaml " + q(spec) + " --format markdown");
  CHECK(md.exit_code == 0);
  CHECK(md.output.find("**Security group changes**") != std::string::npos);
  CHECK(md.output.find("**broadens**: open to the internet") != std::string::npos);
}

TEST_CASE("widening an IAM Allow in a template is broadened access") {
  fs::path out = fs::path(AIP_TEST_TMP) / "assembly-iam";
  fs::remove_all(out);
  REQUIRE(run_aip("synth -q blueprints/network.yaml -o " + q(out)).exit_code == 0);
  const fs::path file = out / "lang-portal-dev-network.template.json";
  json t = json::parse(read(file));
  bool widened = false;
  for (auto& [id, r] : t["Resources"].items()) {
    if (r["Type"] != "AWS::IAM::Role" || !r["Properties"].contains("Policies")) continue;
    for (auto& s : r["Properties"]["Policies"][0]["PolicyDocument"]["Statement"]) {
      s["Resource"] = "*";
      widened = true;
    }
  }
  REQUIRE(widened);
  fs::path changed = fs::path(AIP_TEST_TMP) / "iam-widened.template.json";
  write(changed, t.dump(2));
  json d = diff_json(q(file) + " " + q(changed));
  CHECK(d["summary"]["broadened"] == true);
  CHECK(d["stacks"][0]["iam_statements"][0]["why"] == "widens an existing Allow");
  CHECK(run_aip("diff " + q(file) + " " + q(changed) + " --fail-on broadened").exit_code == 1);
}

TEST_CASE("widening an AWS::IAM::RolePolicy is broadened access: --fail-on broadened exits 1") {
  auto role_policy = [](const std::string& action, const std::string& resource) {
    return "Resources:\n"
           "  ReadData:\n"
           "    Type: AWS::IAM::RolePolicy\n"
           "    Properties:\n"
           "      RoleName: app\n"
           "      PolicyName: read-data\n"
           "      PolicyDocument:\n"
           "        Version: \"2012-10-17\"\n"
           "        Statement:\n"
           "          - Effect: Allow\n"
           "            Action: " + action + "\n"
           "            Resource: \"" + resource + "\"\n";
  };
  const fs::path narrow = fs::path(AIP_TEST_TMP) / "role-policy-narrow.yaml";
  const fs::path wide = fs::path(AIP_TEST_TMP) / "role-policy-wide.yaml";
  write(narrow, role_policy("s3:GetObject", "arn:aws:s3:::data/*"));
  write(wide, role_policy("[s3:GetObject, s3:DeleteObject]", "*"));
  auto r = run_aip("diff " + q(narrow) + " " + q(wide) + " --fail-on broadened");
  INFO(r.output);
  CHECK(r.exit_code == 1);
  CHECK(r.output.find("[ReadData PolicyDocument] (broadens: widens an existing Allow)") != std::string::npos);
  CHECK(r.output.find("access broadened") != std::string::npos);
  // Narrowing it back takes nothing away that was not there: exit 0.
  CHECK(run_aip("diff " + q(wide) + " " + q(narrow) + " --fail-on broadened").exit_code == 0);
}

TEST_CASE("renaming a spec element is reported as a rename, a replacement") {
  // The group and every reference to it (sg:haiku-api), so the renamed spec stays valid.
  std::string renamed = read(fs::path(AIP_SOURCE_DIR) / "blueprints/network.yaml");
  for (std::size_t at = renamed.find("haiku-api"); at != std::string::npos; at = renamed.find("haiku-api", at))
    renamed.replace(at, 9, "haiku");
  fs::path spec = fs::path(AIP_TEST_TMP) / "renamed.yaml";
  write(spec, renamed);
  json d = diff_json("blueprints/network.yaml " + q(spec));
  const json* old_group = resource(d, "HaikuApiSecurityGroup");
  const json* new_group = resource(d, "HaikuSecurityGroup");
  REQUIRE(old_group != nullptr);
  REQUIRE(new_group != nullptr);
  CHECK((*old_group)["change"] == "removed");
  CHECK((*old_group)["renamed_to"] == "HaikuSecurityGroup");
  CHECK((*new_group)["renamed_from"] == "HaikuApiSecurityGroup");
  CHECK(d["summary"]["renamed"].get<int>() >= 1);
  CHECK(run_aip("diff blueprints/network.yaml " + q(spec) + " --fail-on replace").exit_code == 1);
  auto text = run_aip("diff blueprints/network.yaml " + q(spec));
  CHECK(text.output.find("likely renamed to HaikuSecurityGroup") != std::string::npos);
}

TEST_CASE("YAML templates with short-form tags compare equal to their JSON form") {
  fs::path yaml = fs::path(AIP_TEST_TMP) / "short.template.yaml";
  write(yaml,
        "Resources:\n"
        "  Vpc:\n    Type: AWS::EC2::VPC\n    Properties: {CidrBlock: 10.0.0.0/16}\n"
        "  Subnet:\n    Type: AWS::EC2::Subnet\n    Properties:\n      VpcId: !Ref Vpc\n      CidrBlock: 10.0.0.0/24\n"
        "      AvailabilityZone: !Select [0, !GetAZs '']\n");
  fs::path js = fs::path(AIP_TEST_TMP) / "long.template.json";
  write(js, R"({"Resources": {"Vpc": {"Type": "AWS::EC2::VPC", "Properties": {"CidrBlock": "10.0.0.0/16"}},
    "Subnet": {"Type": "AWS::EC2::Subnet", "Properties": {"VpcId": {"Ref": "Vpc"}, "CidrBlock": "10.0.1.0/24",
    "AvailabilityZone": {"Fn::Select": [0, {"Fn::GetAZs": ""}]}}}}})");
  auto r = run_aip("diff " + q(yaml) + " " + q(js));
  CHECK(r.exit_code == 0);
  CHECK(r.output.find("~ CidrBlock: \"10.0.0.0/24\" -> \"10.0.1.0/24\"") != std::string::npos);
  CHECK(r.output.find("at " + js.string() + ":2:") != std::string::npos);
}

TEST_CASE("bad input exits 2") {
  auto missing = run_aip("diff does-not-exist.yaml blueprints/network.yaml");
  CHECK(missing.exit_code == 2);
  CHECK(missing.err.find("aip: error: cannot read 'does-not-exist.yaml'") != std::string::npos);
  CHECK(run_aip("diff blueprints/network.yaml").exit_code == 2);
  CHECK(run_aip("diff blueprints/network.yaml blueprints/network.yaml --fail-on everything").exit_code == 2);
  CHECK(run_aip("diff blueprints/network.yaml blueprints/network.yaml --format html").exit_code == 2);
  auto bad = run_aip("diff examples/bad/dangling-reference.yaml blueprints/network.yaml");
  CHECK(bad.exit_code == 2);
  CHECK(bad.err.find("error:") != std::string::npos);
  fs::path not_template = fs::path(AIP_TEST_TMP) / "not-a-template.json";
  write(not_template, "{\"hello\": 1}");
  auto nt = run_aip("diff " + q(not_template) + " blueprints/network.yaml");
  CHECK(nt.exit_code == 2);
  CHECK(nt.err.find("not a CloudFormation template") != std::string::npos);
  auto help = run_aip("diff --help");
  CHECK(help.exit_code == 0);
  CHECK(help.output.find("Exit codes:") != std::string::npos);
}

TEST_CASE("a spec suppression naming a rule aip does not have is an error in diff, as in synth and lint") {
  fs::path typo = changed_copy("blueprints/enterprise-ai-platform.yaml", "suppression-typo/platform.yaml",
                               "- rule: AIP-IAM-005", "- rule: AIP-IAM-05");
  // The error is at the first changed line, `          - rule: AIP-IAM-05`, column 19.
  int line = 0;
  {
    std::ifstream in(typo);
    std::string text;
    for (int n = 1; std::getline(in, text); ++n) {
      if (text.find("- rule: AIP-IAM-05") != std::string::npos) {
        line = n;
        break;
      }
    }
  }
  REQUIRE(line > 0);
  const std::string message = typo.string() + ":" + std::to_string(line) +
                              ":19: error: suppression names rule 'AIP-IAM-05', which aip does not have; did you "
                              "mean 'AIP-IAM-005'?";
  for (const std::string& args : {"diff blueprints/enterprise-ai-platform.yaml " + q(typo),
                                  "diff " + q(typo) + " blueprints/enterprise-ai-platform.yaml"}) {
    auto r = run_aip(args);
    INFO(args << "\n" << r.output);
    CHECK(r.exit_code == 2);
    CHECK(r.err.find(message) != std::string::npos);
  }
  // The same error, at the same place, from the commands that already checked it.
  for (const std::string& args : {"synth " + q(typo) + " -o " + q(typo.parent_path() / "out"), "lint " + q(typo)}) {
    auto r = run_aip(args);
    INFO(args << "\n" << r.output);
    CHECK(r.exit_code == 2);
    CHECK(r.err.find(message) != std::string::npos);
  }
  // The correct id diffs clean.
  CHECK(run_aip("diff blueprints/enterprise-ai-platform.yaml blueprints/enterprise-ai-platform.yaml").exit_code == 0);
}

TEST_CASE("removing a resource with DeletionPolicy Retain is an orphan, not a deletion, in every format") {
  const fs::path dir = fs::path(AIP_TEST_TMP) / ("orphan-" + std::to_string(getpid()));
  fs::create_directories(dir);
  write(dir / "old.json", R"({"Resources": {
    "Topic": {"Type": "AWS::SNS::Topic", "DeletionPolicy": "Retain"},
    "Queue": {"Type": "AWS::SQS::Queue"}}})");
  write(dir / "new.json", R"({"Resources": {}})");
  const json d = diff_json(q(dir / "old.json") + " " + q(dir / "new.json"));
  const json* topic = resource(d, "Topic");
  const json* queue = resource(d, "Queue");
  REQUIRE(topic != nullptr);
  REQUIRE(queue != nullptr);
  CHECK((*topic)["change"] == "removed");  // CloudFormation's classification, as cdk diff's
  CHECK((*topic)["orphaned"] == true);
  CHECK(queue->count("orphaned") == 0);
  CHECK(d["summary"]["removed"] == 2);
  CHECK(d["summary"]["orphaned"] == 1);
  auto text = run_aip("diff " + q(dir / "old.json") + " " + q(dir / "new.json"));
  CHECK(text.output.find("[-] AWS::SNS::Topic Topic (orphan: DeletionPolicy keeps it in the account, no longer managed "
                         "by the stack)") != std::string::npos);
  CHECK(text.output.find("[-] AWS::SQS::Queue Queue (remove)") != std::string::npos);
  CHECK(text.output.find("Summary: 1 removed, 1 orphaned") != std::string::npos);
  auto md = run_aip("diff " + q(dir / "old.json") + " " + q(dir / "new.json") + " --format markdown");
  CHECK(md.output.find("**orphan** (kept in the account by its DeletionPolicy, no longer managed)") != std::string::npos);
  CHECK(md.output.find("**remove**") != std::string::npos);
  fs::remove_all(dir);
}

TEST_CASE("{} and an empty file are an empty template on either side, as cdk diff accepts") {
  const fs::path dir = fs::path(AIP_TEST_TMP) / ("empty-side-" + std::to_string(getpid()));
  fs::create_directories(dir);
  write(dir / "braces.json", " {}\n");
  write(dir / "empty.json", "");
  write(dir / "blank.yaml", "\n  \n");
  write(dir / "one.json", R"({"Resources": {"Topic": {"Type": "AWS::SNS::Topic"}}})");
  for (const char* empty : {"braces.json", "empty.json", "blank.yaml"}) {
    INFO(empty);
    const json added = diff_json(q(dir / empty) + " " + q(dir / "one.json"));
    REQUIRE(resource(added, "Topic") != nullptr);
    CHECK((*resource(added, "Topic"))["change"] == "added");
    const json removed = diff_json(q(dir / "one.json") + " " + q(dir / empty));
    REQUIRE(resource(removed, "Topic") != nullptr);
    CHECK((*resource(removed, "Topic"))["change"] == "removed");
    auto same = run_aip("diff " + q(dir / empty) + " " + q(dir / "braces.json") + " --fail-on any");
    CHECK(same.exit_code == 0);
    CHECK(same.output.empty());
    // Nothing deployed yet against a whole spec: every stack is added.
    const json spec = diff_json(q(dir / empty) + " blueprints/network.yaml");
    CHECK(spec["summary"]["added"].get<int>() > 10);
    CHECK(spec["summary"]["removed"] == 0);
  }
  fs::remove_all(dir);
}

TEST_CASE("assembly directories on both sides, the CDK's shape with a nested stage, stacks matched by name") {
  const fs::path dir = fs::path(AIP_TEST_TMP) / ("assemblies-" + std::to_string(getpid()));
  for (const char* side : {"old", "new"}) {
    fs::create_directories(dir / side / "assembly-Prod");
    write(dir / side / "manifest.json", R"({"version": "36.0.0", "artifacts": {
      "Prod": {"type": "cdk:cloud-assembly", "properties": {"directoryName": "assembly-Prod"}}}})");
    write(dir / side / "assembly-Prod" / "manifest.json", R"({"version": "36.0.0", "artifacts": {
      "ProdQueue": {"type": "aws:cloudformation:stack", "environment": "aws://111111111111/us-east-1",
                    "properties": {"templateFile": "ProdQueue.template.json"}}}})");
  }
  const std::string queues = R"("Jobs": {"Type": "AWS::SQS::Queue"}, "Payroll": {"Type": "AWS::SQS::Queue"})";
  auto policy = [&](const char* target) {
    return std::string(R"({"Resources": {)") + queues + R"(, "Policy": {"Type": "AWS::SQS::QueuePolicy", "Properties": {
      "Queues": [{"Ref": ")" + target + R"("}], "PolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
      "Principal": {"Service": "sns.amazonaws.com"}, "Action": "sqs:SendMessage", "Resource": "*"}]}}}}})";
  };
  write(dir / "old" / "assembly-Prod" / "ProdQueue.template.json", policy("Jobs"));
  write(dir / "new" / "assembly-Prod" / "ProdQueue.template.json", policy("Payroll"));
  const std::string sides = q(dir / "old") + " " + q(dir / "new");
  const json d = diff_json(sides);
  REQUIRE(d["stacks"].size() == 1);
  CHECK(d["stacks"][0]["name"] == "ProdQueue");
  CHECK(d["summary"]["broadened"] == true);
  CHECK(run_aip("diff " + sides + " --fail-on broadened").exit_code == 1);
  CHECK(run_aip("diff " + sides).exit_code == 0);
  CHECK(run_aip("diff " + q(dir / "old") + " " + q(dir / "old") + " --fail-on any").exit_code == 0);
  // Moved back: broadened for Jobs; a policy on the same queue is no change.
  CHECK(run_aip("diff " + q(dir / "new") + " " + q(dir / "old") + " --fail-on broadened").exit_code == 1);
  fs::remove_all(dir);
}

TEST_CASE("changes in raw resources are replacements and broadened access like any other") {
  // Two versions of a spec with raw resources (docs/resources.md): the access
  // point moves to another bucket (Bucket is createOnly), the raw security
  // group opens to the internet and the raw policy widens to every object.
  auto spec = [](const std::string& bucket, const std::string& cidr, const std::string& objects) {
    return "aip: 1\n"
           "name: rawdiff\n"
           "accounts:\n"
           "  dev: {id: \"111111111111\", region: us-east-1}\n"
           "storage:\n"
           "  access_logs_bucket: logs\n"
           "  buckets:\n"
           "    logs: {preset: logs, receives: [s3-access-logs]}\n"
           "    data: {preset: silver}\n"
           "    other: {preset: silver}\n"
           "resources:\n"
           "  data-access-point:\n"
           "    type: AWS::S3::AccessPoint\n"
           "    properties:\n"
           "      Bucket: !ref bucket:" + bucket + "\n"
           "      PublicAccessBlockConfiguration:\n"
           "        {BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true}\n"
           "  scanner-vpc:\n"
           "    type: AWS::EC2::VPC\n"
           "    lint: {suppress: [{rule: AIP-NET-004, reason: a test of diff}]}\n"
           "    properties: {CidrBlock: 10.9.0.0/16}\n"
           "  scanner-group:\n"
           "    type: AWS::EC2::SecurityGroup\n"
           "    properties:\n"
           "      GroupDescription: Scanner\n"
           "      VpcId: !ref resource:scanner-vpc\n"
           "      SecurityGroupIngress:\n"
           "        - {IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: " + cidr + ", Description: HTTPS}\n"
           "  reader-policy:\n"
           "    type: AWS::IAM::ManagedPolicy\n"
           "    properties:\n"
           "      PolicyDocument:\n"
           "        Version: \"2012-10-17\"\n"
           "        Statement:\n"
           "          - {Effect: Allow, Action: s3:GetObject, Resource: \"" + objects + "\"}\n";
  };
  const fs::path before = fs::path(AIP_TEST_TMP) / "raw-before.yaml";
  const fs::path after = fs::path(AIP_TEST_TMP) / "raw-after.yaml";
  write(before, spec("data", "10.9.0.0/16", "arn:aws:s3:::rawdiff-data/reports/*"));
  write(after, spec("other", "0.0.0.0/0", "*"));
  REQUIRE(run_aip("validate " + q(before)).exit_code == 0);
  REQUIRE(run_aip("validate " + q(after)).exit_code == 0);
  json d = diff_json(q(before) + " " + q(after));
  const json* point = resource(d, "DataAccessPoint");
  REQUIRE(point != nullptr);
  CHECK((*point)["change"] == "replaced");
  CHECK((*point)["replacement_reasons"][0] == "Bucket changes (createOnly)");
  CHECK(d["summary"]["broadened"] == true);
  bool open = false, widened = false;
  for (const auto& stack : d["stacks"]) {
    for (const auto& c : stack["security_group_rules"]) {
      if (c["change"] == "added" && c["peer"] == "0.0.0.0/0") open = c["broadens"] == true;
    }
    for (const auto& s : stack.value("iam_statements", json::array())) {
      if (s.value("why", "") == "widens an existing Allow") widened = true;
    }
  }
  CHECK(open);
  CHECK(widened);
  CHECK(run_aip("diff " + q(before) + " " + q(after) + " --fail-on broadened").exit_code == 1);
  CHECK(run_aip("diff " + q(before) + " " + q(before)).exit_code == 0);
}
