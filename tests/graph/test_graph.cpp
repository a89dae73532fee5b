// lib/graph: the model built from templates (clusters, nodes by kind,
// reference, DependsOn, network and IAM grant edges), its DOT and Mermaid,
// the Mermaid checker, and `aip graph` / the diff diagram through the binary.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>

#include <nlohmann/json.hpp>

#include "diff/diff.hpp"
#include "diff/load_side.hpp"
#include "graph/graph.hpp"
#include "run_aip.hpp"

using aip::test::run_aip;
using nlohmann::json;
namespace g = aip::graph;

namespace {

const g::Edge* find_edge(const g::Graph& graph, const std::string& from, const std::string& to, g::EdgeKind kind) {
  for (const g::Edge& e : graph.edges) {
    if (e.from == from && e.to == to && e.kind == kind) return &e;
  }
  return nullptr;
}

// A network stack that exports its security group, an app stack that imports it.
json net_template() {
  return json::parse(R"({
    "Resources": {
      "Vpc": {"Type": "AWS::EC2::VPC", "Properties": {"CidrBlock": "10.0.0.0/16"}},
      "DbSg": {"Type": "AWS::EC2::SecurityGroup", "Properties": {
        "GroupDescription": "db", "VpcId": {"Ref": "Vpc"},
        "SecurityGroupIngress": [
          {"IpProtocol": "tcp", "FromPort": 5432, "ToPort": 5432, "CidrIp": "10.0.0.0/16"},
          {"IpProtocol": "tcp", "FromPort": 5432, "ToPort": 5432, "SourceSecurityGroupId": {"Fn::GetAtt": ["AppSg", "GroupId"]}}
        ],
        "SecurityGroupEgress": [{"IpProtocol": "-1", "CidrIp": "0.0.0.0/0"}]}},
      "AppSg": {"Type": "AWS::EC2::SecurityGroup", "Properties": {"GroupDescription": "app", "VpcId": {"Ref": "Vpc"}}},
      "WebIn": {"Type": "AWS::EC2::SecurityGroupIngress", "Properties": {
        "GroupId": {"Ref": "AppSg"}, "IpProtocol": "tcp", "FromPort": 8000, "ToPort": 8080, "SourcePrefixListId": "pl-123"}}
    },
    "Outputs": {
      "AppSgId": {"Value": {"Fn::GetAtt": ["AppSg", "GroupId"]}, "Export": {"Name": {"Fn::Sub": "${AWS::StackName}-AppSg"}}}
    }
  })");
}

json app_template() {
  return json::parse(R"({
    "Parameters": {"Stage": {"Type": "String"}},
    "Resources": {
      "Bucket": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": {"Fn::Sub": "data-${Stage}-${AWS::AccountId}"}}},
      "Fn": {"Type": "AWS::Lambda::Function", "DependsOn": ["Role"], "Properties": {
        "Role": {"Fn::GetAtt": ["Role", "Arn"]},
        "Environment": {"Variables": {"BUCKET": {"Ref": "Bucket"}, "URL": {"Fn::Sub": "s3://${Bucket}/${!Literal}"}}},
        "VpcConfig": {"SecurityGroupIds": [{"Fn::ImportValue": "net-AppSg"}], "SubnetIds": ["subnet-1"]}}},
      "Role": {"Type": "AWS::IAM::Role", "Properties": {
        "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
          "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]},
        "ManagedPolicyArns": [{"Ref": "Managed"}],
        "Policies": [{"PolicyName": "data", "PolicyDocument": {"Version": "2012-10-17", "Statement": [
          {"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": {"Fn::Sub": "${Bucket.Arn}/*"}},
          {"Effect": "Allow", "Action": "bedrock:InvokeModel",
           "Resource": {"Fn::Sub": "arn:${AWS::Partition}:bedrock:${AWS::Region}::foundation-model/x"}},
          {"Effect": "Deny", "Action": "s3:DeleteObject", "Resource": "*"}]}}]}},
      "Managed": {"Type": "AWS::IAM::ManagedPolicy", "Properties": {"PolicyDocument": {"Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": ["logs:CreateLogStream", "logs:PutLogEvents", "logs:CreateLogGroup",
                       "logs:DescribeLogStreams"], "Resource": "*"}]}}},
      "Extra": {"Type": "AWS::IAM::Policy", "Properties": {"PolicyName": "extra", "Roles": [{"Ref": "Role"}],
        "PolicyDocument": {"Version": "2012-10-17", "Statement": [
          {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": {"Fn::GetAtt": ["Bucket", "Arn"]}}]}}}
    }
  })");
}

g::Graph sample_graph() {
  static const json net = net_template();
  static const json app = app_template();
  return g::build_graph({{"net", "aws://111111111111/eu-west-1", "network", &net},
                         {"app", "aws://222222222222/eu-west-1", "", &app}});
}

}  // namespace

TEST_CASE("graph: stacks are clusters by account and region, resources are nodes by kind") {
  const g::Graph graph = sample_graph();
  REQUIRE(graph.stacks.size() == 2);
  CHECK(graph.stacks[0].name == "net");
  CHECK(graph.stacks[0].account == "111111111111");
  CHECK(graph.stacks[0].account_name == "network");
  CHECK(graph.stacks[0].region == "eu-west-1");
  CHECK(graph.stacks[1].account == "222222222222");
  REQUIRE(graph.node("app/Bucket") != nullptr);
  CHECK(graph.node("app/Bucket")->kind == g::NodeKind::data);
  CHECK(graph.node("app/Fn")->kind == g::NodeKind::compute);
  CHECK(graph.node("app/Role")->kind == g::NodeKind::identity);
  CHECK(graph.node("net/DbSg")->kind == g::NodeKind::network);
  CHECK(g::kind_of_type("AWS::KMS::Key") == g::NodeKind::security);
  CHECK(g::kind_of_type("AWS::SQS::Queue") == g::NodeKind::integration);
  CHECK(g::kind_of_type("AWS::Logs::LogGroup") == g::NodeKind::observability);
  CHECK(g::kind_of_type("Custom::Thing") == g::NodeKind::other);
  // A lone template: unknown account and region.
  const json t = json::parse(R"({"Resources": {"A": {"Type": "AWS::SNS::Topic"}}})");
  const g::Graph lone = g::build_graph({{"t", "", "", &t}});
  CHECK(lone.stacks[0].account == "unknown account");
  CHECK(lone.stacks[0].region == "unknown region");
}

TEST_CASE("graph: Ref, GetAtt, Sub, ImportValue and DependsOn are edges, parameters and pseudo parameters are not") {
  const g::Graph graph = sample_graph();
  const g::Edge* role = find_edge(graph, "app/Fn", "app/Role", g::EdgeKind::reference);
  REQUIRE(role != nullptr);
  CHECK(role->label == "Arn");
  const g::Edge* bucket = find_edge(graph, "app/Fn", "app/Bucket", g::EdgeKind::reference);
  REQUIRE(bucket != nullptr);
  CHECK(bucket->label.empty());  // Ref and ${Bucket}: no attribute
  CHECK(find_edge(graph, "app/Fn", "app/Role", g::EdgeKind::depends_on) != nullptr);
  // The export's name is Fn::Sub of ${AWS::StackName}: resolved to the exporting stack's group.
  const g::Edge* import = find_edge(graph, "app/Fn", "net/AppSg", g::EdgeKind::reference);
  REQUIRE(import != nullptr);
  CHECK(import->label == "import");
  // Nothing points at parameters, pseudo parameters or ${!Literal}.
  for (const g::Edge& e : graph.edges) {
    CHECK(graph.node(e.from) != nullptr);
    CHECK(graph.node(e.to) != nullptr);
    CHECK(e.to.find("Stage") == std::string::npos);
    CHECK(e.to.find("Literal") == std::string::npos);
  }
}

TEST_CASE("graph: an import of an export no stack has is an external node") {
  const json t = json::parse(R"({"Resources": {"A": {"Type": "AWS::SNS::Topic",
      "Properties": {"KmsMasterKeyId": {"Fn::ImportValue": "shared-KeyArn"}}}}})");
  const g::Graph graph = g::build_graph({{"t", "", "", &t}});
  const g::Edge* e = find_edge(graph, "t/A", "ext:export:shared-KeyArn", g::EdgeKind::reference);
  REQUIRE(e != nullptr);
  CHECK(graph.node("ext:export:shared-KeyArn")->kind == g::NodeKind::external);
}

TEST_CASE("graph: network paths go from who may reach to the group, with protocol and ports, CIDR sources included") {
  const g::Graph graph = sample_graph();
  const g::Edge* cidr = find_edge(graph, "ext:cidr:10.0.0.0/16", "net/DbSg", g::EdgeKind::network);
  REQUIRE(cidr != nullptr);
  CHECK(cidr->label == "tcp 5432");
  CHECK(graph.node("ext:cidr:10.0.0.0/16")->type == "CIDR");
  const g::Edge* sg = find_edge(graph, "net/AppSg", "net/DbSg", g::EdgeKind::network);
  REQUIRE(sg != nullptr);
  CHECK(sg->label == "tcp 5432");
  const g::Edge* pl = find_edge(graph, "ext:pl:pl-123", "net/AppSg", g::EdgeKind::network);
  REQUIRE(pl != nullptr);
  CHECK(pl->label == "tcp 8000-8080");
  const g::Edge* egress = find_edge(graph, "net/DbSg", "ext:cidr:0.0.0.0/0", g::EdgeKind::network);
  REQUIRE(egress != nullptr);
  CHECK(egress->label == "egress all traffic");
}

TEST_CASE("graph: IAM grants go from the principal to the resource, with the actions summarised") {
  const g::Graph graph = sample_graph();
  // Inline policy and an AWS::IAM::Policy attached by Roles: one edge, actions merged.
  const g::Edge* data = find_edge(graph, "app/Role", "app/Bucket", g::EdgeKind::iam_grant);
  REQUIRE(data != nullptr);
  CHECK(data->label == "s3: GetObject, ListBucket, PutObject");
  // An ARN outside the platform: the service as an external node.
  const g::Edge* bedrock = find_edge(graph, "app/Role", "ext:service:bedrock", g::EdgeKind::iam_grant);
  REQUIRE(bedrock != nullptr);
  CHECK(bedrock->label == "bedrock: InvokeModel");
  // A managed policy in ManagedPolicyArns grants to the role; more than three actions are counted.
  const g::Edge* logs = find_edge(graph, "app/Role", "ext:any", g::EdgeKind::iam_grant);
  REQUIRE(logs != nullptr);
  CHECK(logs->label == "logs: CreateLogGroup, CreateLogStream and 2 more");
  // Deny statements grant nothing; the trust policy is not a grant.
  for (const g::Edge& e : graph.edges) {
    if (e.kind == g::EdgeKind::iam_grant) {
      CHECK(e.label.find("DeleteObject") == std::string::npos);
      CHECK(e.label.find("sts:") == std::string::npos);
    }
  }
  CHECK(find_edge(graph, "app/Managed", "ext:any", g::EdgeKind::iam_grant) == nullptr);
}

TEST_CASE("graph: --without leaves one kind of edge out") {
  static const json app = app_template();
  g::GraphOptions options;
  options.iam = false;
  options.depends_on = false;
  const g::Graph graph = g::build_graph({{"app", "", "", &app}}, options);
  for (const g::Edge& e : graph.edges) {
    CHECK(e.kind != g::EdgeKind::iam_grant);
    CHECK(e.kind != g::EdgeKind::depends_on);
  }
  CHECK(find_edge(graph, "app/Fn", "app/Role", g::EdgeKind::reference) != nullptr);
}

TEST_CASE("graph: DOT has nested clusters, shapes by kind and a style per edge kind") {
  const std::string dot = g::render_dot(sample_graph(), "t.yaml");
  CHECK(dot.rfind("digraph aip {\n", 0) == 0);
  CHECK(dot.find("subgraph cluster_a0 {\n    label=\"account 111111111111 (network)\"") != std::string::npos);
  CHECK(dot.find("subgraph cluster_r0_0 {\n      label=\"eu-west-1\"") != std::string::npos);
  CHECK(dot.find("label=\"stack net\"") != std::string::npos);
  CHECK(dot.find("\"app/Bucket\" [label=\"Bucket\\nS3::Bucket\", shape=cylinder") != std::string::npos);
  CHECK(dot.find("\"ext:cidr:10.0.0.0/16\" -> \"net/DbSg\" [color=\"#c0392b\", penwidth=2, fontcolor=\"#c0392b\", "
                 "label=\"tcp 5432\", class=\"network\"]") != std::string::npos);
  CHECK(dot.find("arrowhead=odot") != std::string::npos);
  CHECK(dot.find("style=dashed, arrowhead=empty") != std::string::npos);
  // Deterministic: the same input, the same bytes.
  CHECK(dot == g::render_dot(sample_graph(), "t.yaml"));
}

TEST_CASE("graph: DOT and Mermaid escape quotes and markup") {
  const json t = json::parse(R"({"Resources": {"A": {"Type": "Custom::Q\"<b>#1"}}})");
  const g::Graph graph = g::build_graph({{"s\"x", "", "", &t}});
  const std::string dot = g::render_dot(graph, "a\"b");
  CHECK(dot.find("label=\"a\\\"b\"") != std::string::npos);
  CHECK(dot.find("Custom::Q\\\"<b>#1") != std::string::npos);
  const std::string mermaid = g::render_mermaid(graph, "a\"b");
  CHECK(mermaid.find("Custom::Q#quot;#lt;b#gt;#35;1") != std::string::npos);
  CHECK(g::check_mermaid(mermaid).empty());
}

TEST_CASE("graph: Mermaid output passes the checked grammar, with distinct arrows per edge kind") {
  const std::string mermaid = g::render_mermaid(sample_graph(), "t.yaml");
  INFO(mermaid);
  CHECK(g::check_mermaid(mermaid).empty());
  CHECK(mermaid.rfind("---\ntitle: \"t.yaml\"\n---\nflowchart LR\n", 0) == 0);
  CHECK(mermaid.find("subgraph a0[\"account 111111111111 (network)\"]") != std::string::npos);
  CHECK(mermaid.find("n_app_Bucket[(\"Bucket<br/>S3::Bucket\")]") != std::string::npos);
  CHECK(mermaid.find("n_ext_cidr_10_0_0_0_16 ==>|\"tcp 5432\"| n_net_DbSg") != std::string::npos);
  CHECK(mermaid.find("n_app_Fn -.-> n_app_Role") != std::string::npos);
  CHECK(mermaid.find("n_app_Role --o|\"s3: GetObject, ListBucket, PutObject\"| n_app_Bucket") != std::string::npos);
  CHECK(mermaid.find("linkStyle ") != std::string::npos);
  CHECK(mermaid.find("classDef data fill:") != std::string::npos);
}

TEST_CASE("graph: the Mermaid checker rejects what Mermaid would not parse or would draw wrongly") {
  CHECK(g::check_mermaid("flowchart LR\n  a[\"x\"]\n").empty());
  CHECK(g::check_mermaid("graph TD\n").empty());
  CHECK(g::check_mermaid("") == "line 1: no flowchart");
  CHECK(g::check_mermaid("flowchart XY\n") == "line 1: unknown direction 'XY'");
  CHECK(g::check_mermaid("sequenceDiagram\n") == "line 1: expected 'flowchart DIRECTION'");
  CHECK(g::check_mermaid("---\ntitle x\n---\nflowchart LR\n") == "line 2: front matter line without 'key: value'");
  CHECK(g::check_mermaid("flowchart LR\n  a[\"x\"y\"]\n") == "line 2: expected ']' to close the node's shape");
  CHECK(g::check_mermaid("flowchart LR\n  a[\"x]\n") == "line 2: unterminated string");
  CHECK(g::check_mermaid("flowchart LR\n  a[\"x # y\"]\n") == "line 2: '#' that does not start an entity (#quot;)");
  CHECK(g::check_mermaid("flowchart LR\n  end[\"x\"]\n") == "line 2: 'end' is a keyword, not a node id");
  CHECK(g::check_mermaid("flowchart LR\n  end\n") == "line 2: 'end' without a subgraph");
  CHECK(g::check_mermaid("flowchart LR\n  class[\"x\"]\n") == "line 2: 'class' is a keyword, not a node id");
  CHECK(g::check_mermaid("flowchart LR\n  class a\n") == "line 2: expected 'class ID,ID NAME'");
  CHECK(g::check_mermaid("flowchart LR\n  subgraph s\n  a[\"x\"]\n") == "line 3: 1 subgraph(s) without 'end'");
  CHECK(g::check_mermaid("flowchart LR\n  a[\"x\"]\n  a[\"y\"]\n") == "line 3: node 'a' declared twice");
  CHECK(g::check_mermaid("flowchart LR\n  a[\"x\"]\n  a --> b\n") == "line 3: edge to undeclared node 'b'");
  CHECK(g::check_mermaid("flowchart LR\n  a[\"x\"]\n  a <-> a\n") == "line 3: unknown edge");
  CHECK(g::check_mermaid("flowchart LR\n  a[\"x\"]\n  a --> a\n  linkStyle 1 stroke:#000\n") ==
        "line 4: linkStyle 1 past the last edge");
  CHECK(g::check_mermaid("flowchart LR\n  a[\"x\"]\n  class a nope\n") == "line 3: class 'nope' used before its classDef");
  CHECK(g::check_mermaid("flowchart LR\n  a[\"x\"]\n  a --> end\n") == "line 3: 'end' is a keyword, not a node id");
}

TEST_CASE("graph: aip graph of a spec draws its stacks with their account and region") {
  auto r = run_aip("graph blueprints/network.yaml");
  REQUIRE(r.exit_code == 0);
  CHECK(r.output.rfind("digraph aip {", 0) == 0);
  CHECK(r.output.find("label=\"network.yaml\"") != std::string::npos);
  CHECK(r.output.find("subgraph cluster_a0 {") != std::string::npos);
  CHECK(r.output.find("shape=hexagon") != std::string::npos);
  CHECK(r.output.find("class=\"network\"") != std::string::npos);
  auto m = run_aip("graph blueprints/network.yaml --format mermaid");
  REQUIRE(m.exit_code == 0);
  CHECK(g::check_mermaid(m.output).empty());
  CHECK(run_aip("graph blueprints/network.yaml").output == r.output);  // deterministic
}

TEST_CASE("graph: every blueprint and example renders Mermaid the checked grammar accepts") {
  for (const char* spec : {"blueprints/enterprise-ai-platform.yaml", "blueprints/genai-gateway.yaml",
                           "blueprints/governed-ml-path.yaml", "blueprints/lang-portal.yaml", "blueprints/network.yaml",
                           "blueprints/zero-trust-rag.yaml", "examples/environments.yaml", "examples/cdn.yaml"}) {
    auto m = run_aip(std::string("graph ") + spec + " --format mermaid");
    INFO(spec << ": " << m.err);
    REQUIRE(m.exit_code == 0);
    CHECK(g::check_mermaid(m.output).empty());
  }
}

TEST_CASE("graph: aip graph of a template, -o FILE, and its errors") {
  const std::string out = std::string(AIP_TEST_TMP) + "/graph-out.mmd";
  auto r = run_aip("graph tests/graph/data/diff-new.template.yaml --format mermaid -o '" + out + "'");
  REQUIRE(r.exit_code == 0);
  CHECK(r.output.empty());
  auto missing = run_aip("graph no-such-file.yaml");
  CHECK(missing.exit_code == 2);
  CHECK(missing.err.find("cannot read 'no-such-file.yaml'") != std::string::npos);
  auto bad_format = run_aip("graph blueprints/network.yaml --format png");
  CHECK(bad_format.exit_code != 0);
  CHECK(bad_format.err.find("--format") != std::string::npos);
  // A spec with errors: its errors at their lines, exit 2, nothing drawn.
  auto bad_spec = run_aip("graph examples/bad/backup-plan.yaml");
  CHECK(bad_spec.exit_code == 2);
  CHECK(bad_spec.err.find("backup-plan.yaml:") != std::string::npos);
  CHECK(bad_spec.output.find("digraph") == std::string::npos);
}

TEST_CASE("graph: aip graph --format svg without Graphviz is a clear error, exit 2") {
  // run_aip's ARGS are shell syntax: `env PATH=... aip` is not possible there, so aip runs through env(1) here.
  const std::string out = std::string(AIP_TEST_TMP) + "/none.svg";
  const std::string err = std::string(AIP_TEST_TMP) + "/none.err";
  const std::string command = "cd '" + std::string(AIP_SOURCE_DIR) + "' && /usr/bin/env PATH=/nonexistent '" +
                              std::string(AIP_BINARY) + "' graph blueprints/network.yaml --format svg -o '" + out +
                              "' 2>'" + err + "'";
  const int status = std::system(command.c_str());
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 2);
  std::ifstream in(err);
  const std::string message((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  CHECK(message ==
        "aip: error: --format svg needs Graphviz's `dot` program, which is not on PATH (Debian and Ubuntu: apt-get "
        "install graphviz); --format dot or --format mermaid need nothing else\n");
  CHECK_FALSE(std::filesystem::exists(out));
}

TEST_CASE("graph: aip diff --format markdown embeds a Mermaid diagram of what changed") {
  auto r = run_aip("diff tests/graph/data/diff-old.template.yaml tests/graph/data/diff-new.template.yaml --format markdown");
  REQUIRE(r.exit_code == 0);
  const auto start = r.output.find("```mermaid\n");
  REQUIRE(start != std::string::npos);
  const auto end = r.output.find("```\n", start + 11);
  REQUIRE(end != std::string::npos);
  const std::string diagram = r.output.substr(start + 11, end - start - 11);
  INFO(diagram);
  CHECK(g::check_mermaid(diagram).empty());
  CHECK(diagram.find("n_Alarms[/\"Alarms<br/>SNS::Topic<br/>(added)\"/]") != std::string::npos);
  CHECK(diagram.find("n_OldTopic[/\"OldTopic<br/>SNS::Topic<br/>(removed)\"/]") != std::string::npos);
  CHECK(diagram.find("n_Queue[/\"Queue<br/>SQS::Queue<br/>(updated)\"/]") != std::string::npos);
  CHECK(diagram.find("n_Data[(\"Data<br/>S3::Bucket<br/>(replaced)\")]") != std::string::npos);
  // Unchanged neighbours: the key they use, the role that reads the bucket.
  CHECK(diagram.find("n_Key[[\"Key<br/>KMS::Key\"]]") != std::string::npos);
  CHECK(diagram.find("n_Worker[[\"Worker<br/>IAM::Role\"]]") != std::string::npos);
  CHECK(diagram.find("n_Alarms -.-> n_Queue") != std::string::npos);
  CHECK(diagram.find("n_Data -->|\"Arn\"| n_Key") != std::string::npos);
  CHECK(diagram.find("n_OldTopic -->|\"removed\"| n_Key") != std::string::npos);
  CHECK(diagram.find("class n_Alarms st_added") != std::string::npos);
  CHECK(diagram.find("class n_Key,n_Worker st_unchanged") != std::string::npos);
  // No change, no diagram.
  auto same = run_aip("diff tests/graph/data/diff-new.template.yaml tests/graph/data/diff-new.template.yaml --format markdown");
  CHECK(same.output.find("```mermaid") == std::string::npos);
}
