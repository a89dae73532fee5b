// `aip graph`: a platform as a picture. The model is built from the
// CloudFormation templates of one or more stacks (a spec's rendering, a cloud
// assembly or one template): accounts, regions and stacks are clusters,
// resources are nodes by kind, and four kinds of edge connect them:
// references (Ref, Fn::GetAtt, Fn::Sub, Fn::ImportValue), DependsOn, network
// paths (who may reach which security group, on which port) and IAM grants
// (the principal, the resource granted and a summary of the actions).
// Renderers: Graphviz DOT and Mermaid flowchart. Output is deterministic.
// docs/graph.md describes what is drawn.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace aip::graph {

using Json = nlohmann::json;

// One stack to draw. `environment` is "aws://ACCOUNT/REGION" (as a cloud
// assembly's manifest writes it) or "" when unknown (a lone template).
struct StackInput {
  std::string name;
  std::string environment;
  std::string account_name;  // the spec's name for the account, when known
  const Json* tmpl = nullptr;
};

// What a node stands for, which decides its shape and colour.
enum class NodeKind { compute, data, network, identity, security, integration, observability, other, external };

// How a node changed (aip diff); none in `aip graph`.
enum class NodeStatus { none, added, removed, updated, replaced, unchanged };

struct Node {
  std::string id;          // unique in the graph: "stack/LogicalId", or "ext:..." for an external node
  std::string stack;       // "" for external nodes
  std::string logical_id;  // the label's first line
  std::string type;        // AWS::S3::Bucket, or what an external node is ("CIDR", "export", "prefix list")
  NodeKind kind = NodeKind::other;
  NodeStatus status = NodeStatus::none;
};

enum class EdgeKind { reference, depends_on, network, iam_grant };

struct Edge {
  std::string from;
  std::string to;
  EdgeKind kind = EdgeKind::reference;
  std::string label;  // GetAtt attributes, "tcp 443", "s3: GetObject, PutObject"
  bool operator<(const Edge& o) const;
};

// A stack and where it is deployed.
struct StackCluster {
  std::string name;
  std::string account;       // account id (or "unknown account")
  std::string account_name;  // "" when unknown
  std::string region;        // region (or "unknown region")
};

struct Graph {
  std::vector<StackCluster> stacks;  // sorted by account, region, name
  std::vector<Node> nodes;           // sorted by id
  std::vector<Edge> edges;           // sorted, duplicates merged
  const Node* node(const std::string& id) const;
};

struct GraphOptions {
  bool references = true;
  bool depends_on = true;
  bool network = true;
  bool iam = true;
};

Graph build_graph(const std::vector<StackInput>& stacks, const GraphOptions& options = {});

// The kind a resource type is drawn as.
NodeKind kind_of_type(const std::string& type);
const char* to_string(NodeKind kind);
const char* to_string(EdgeKind kind);
const char* to_string(NodeStatus status);

// The logical ids a value refers to through Ref, Fn::GetAtt and Fn::Sub
// (pseudo parameters and template parameters are not resources: `resources`
// is the set to keep), with the GetAtt attributes seen for each.
void collect_references(const Json& value, const std::set<std::string>& resources,
                        std::map<std::string, std::set<std::string>>& out);

// Renderers. `title` is the graph's label ("" for none).
std::string render_dot(const Graph& graph, const std::string& title = "");
std::string render_mermaid(const Graph& graph, const std::string& title = "");

// A checked subset of the Mermaid flowchart grammar (what render_mermaid
// writes): "" when `text` parses, else "line N: what is wrong".
std::string check_mermaid(const std::string& text);

}  // namespace aip::graph
