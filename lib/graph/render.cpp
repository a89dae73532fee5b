// The graph as Graphviz DOT and as a Mermaid flowchart.
#include <algorithm>

#include "graph/graph.hpp"

namespace aip::graph {

// Helpers in a namespace of their own: unity builds compile several files as one.
namespace render {

struct Style {
  const char* dot_shape;
  const char* fill;    // fill colour
  const char* stroke;  // border colour
  const char* mermaid_open;
  const char* mermaid_close;
};

Style style_of(NodeKind kind) {
  switch (kind) {
    case NodeKind::compute: return {"box", "#fde7c8", "#c77700", "(", ")"};
    case NodeKind::data: return {"cylinder", "#d8ecd3", "#3f7f2d", "[(", ")]"};
    case NodeKind::network: return {"hexagon", "#dde6f7", "#3060b0", "{{", "}}"};
    case NodeKind::identity: return {"octagon", "#f6d9dc", "#b02a37", "[[", "]]"};
    case NodeKind::security: return {"doubleoctagon", "#ecdff5", "#6b3fa0", "[[", "]]"};
    case NodeKind::integration: return {"parallelogram", "#fbf3c5", "#8a7400", "[/", "/]"};
    case NodeKind::observability: return {"note", "#e8e8e8", "#555555", ">", "]"};
    case NodeKind::other: return {"box", "#ffffff", "#777777", "[", "]"};
    case NodeKind::external: return {"ellipse", "#ffffff", "#999999", "([", "])"};
  }
  return {"box", "#ffffff", "#777777", "[", "]"};
}

const char* status_fill(NodeStatus s) {
  switch (s) {
    case NodeStatus::added: return "#d4f7d4";
    case NodeStatus::removed: return "#f9d0d0";
    case NodeStatus::updated: return "#fff1c2";
    case NodeStatus::replaced: return "#f3d1f7";
    case NodeStatus::unchanged: return "#f2f2f2";
    case NodeStatus::none: return "";
  }
  return "";
}

// AWS::S3::Bucket -> S3::Bucket: the label's second line.
std::string short_type(const std::string& type) { return type.rfind("AWS::", 0) == 0 ? type.substr(5) : type; }

std::string dot_quote(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out + "\"";
}

// Mermaid text in double quotes: a quote is an entity, and so are the
// characters Mermaid would read as markup.
std::string mermaid_text(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '"': out += "#quot;"; break;
      case '<': out += "#lt;"; break;
      case '>': out += "#gt;"; break;
      case '#': out += "#35;"; break;
      case '\n': out += "<br/>"; break;
      default: out += c;
    }
  }
  return out;
}

std::string account_label(const StackCluster& s) {
  std::string label = "account " + s.account;
  if (!s.account_name.empty()) label += " (" + s.account_name + ")";
  return label;
}

std::string node_label(const Node& n) {
  std::string label = n.logical_id + "\n" + short_type(n.type);
  if (n.status != NodeStatus::none && n.status != NodeStatus::unchanged) label += "\n(" + std::string(to_string(n.status)) + ")";
  return label;
}

// The clusters in order: account -> region -> stacks.
struct Layout {
  struct Region {
    std::string name;
    std::vector<std::string> stacks;
  };
  struct Account {
    std::string label;
    std::vector<Region> regions;
  };
  std::vector<Account> accounts;
  std::map<std::string, std::vector<const Node*>> nodes_of;  // stack -> nodes
  std::vector<const Node*> outside;                          // external nodes and nodes of unknown stacks
};

Layout layout_of(const Graph& g) {
  Layout l;
  std::set<std::string> known;
  for (const StackCluster& s : g.stacks) {
    std::string label = account_label(s);
    if (l.accounts.empty() || l.accounts.back().label != label) l.accounts.push_back({label, {}});
    auto& regions = l.accounts.back().regions;
    if (regions.empty() || regions.back().name != s.region) regions.push_back({s.region, {}});
    regions.back().stacks.push_back(s.name);
    known.insert(s.name);
  }
  for (const Node& n : g.nodes) {
    if (!n.stack.empty() && known.count(n.stack) != 0) l.nodes_of[n.stack].push_back(&n);
    else l.outside.push_back(&n);
  }
  return l;
}

}  // namespace render

std::string render_dot(const Graph& graph, const std::string& title) {
  using namespace render;
  const Layout layout = layout_of(graph);
  std::string out = "digraph aip {\n";
  out += "  graph [rankdir=LR, newrank=true, fontname=\"Helvetica\", fontsize=12, nodesep=0.3, ranksep=0.8";
  if (!title.empty()) out += ", label=" + dot_quote(title) + ", labelloc=t";
  out += "];\n";
  out += "  node [fontname=\"Helvetica\", fontsize=10, style=filled, penwidth=1.2];\n";
  out += "  edge [fontname=\"Helvetica\", fontsize=9];\n";
  auto write_node = [&](const Node& n, const std::string& indent) {
    Style s = style_of(n.kind);
    const char* fill = n.status == NodeStatus::none ? s.fill : status_fill(n.status);
    out += indent + dot_quote(n.id) + " [label=" + dot_quote(node_label(n)) + ", shape=" + s.dot_shape +
           ", fillcolor=\"" + fill + "\", color=\"" + s.stroke + "\"";
    if (n.kind == NodeKind::external || n.status == NodeStatus::removed) out += ", style=\"filled,dashed\"";
    out += "];\n";
  };
  int a = 0;
  for (const auto& account : layout.accounts) {
    out += "  subgraph cluster_a" + std::to_string(a) + " {\n";
    out += "    label=" + dot_quote(account.label) + "; style=\"rounded\"; color=\"#444444\";\n";
    int r = 0;
    for (const auto& region : account.regions) {
      const std::string rid = std::to_string(a) + "_" + std::to_string(r);
      out += "    subgraph cluster_r" + rid + " {\n";
      out += "      label=" + dot_quote(region.name) + "; style=\"rounded,dashed\"; color=\"#777777\";\n";
      int s = 0;
      for (const std::string& stack : region.stacks) {
        out += "      subgraph cluster_s" + rid + "_" + std::to_string(s++) + " {\n";
        out += "        label=" + dot_quote("stack " + stack) + "; style=\"rounded,filled\"; fillcolor=\"#fafafa\"; color=\"#999999\";\n";
        auto it = layout.nodes_of.find(stack);
        if (it != layout.nodes_of.end()) {
          for (const Node* n : it->second) write_node(*n, "        ");
        }
        out += "      }\n";
      }
      out += "    }\n";
      ++r;
    }
    out += "  }\n";
    ++a;
  }
  for (const Node* n : layout.outside) write_node(*n, "  ");
  for (const Edge& e : graph.edges) {
    out += "  " + dot_quote(e.from) + " -> " + dot_quote(e.to) + " [";
    switch (e.kind) {
      case EdgeKind::reference: out += "color=\"#666666\""; break;
      case EdgeKind::depends_on: out += "color=\"#999999\", style=dashed, arrowhead=empty"; break;
      case EdgeKind::network: out += "color=\"#c0392b\", penwidth=2, fontcolor=\"#c0392b\""; break;
      case EdgeKind::iam_grant: out += "color=\"#2c6fbb\", penwidth=2, style=bold, arrowhead=odot, fontcolor=\"#2c6fbb\""; break;
    }
    if (!e.label.empty()) out += ", label=" + dot_quote(e.label);
    out += ", class=\"" + std::string(to_string(e.kind)) + "\"];\n";
  }
  out += "}\n";
  return out;
}

std::string render_mermaid(const Graph& graph, const std::string& title) {
  using namespace render;
  const Layout layout = layout_of(graph);
  // Mermaid ids: letters, digits and _, unique, never a keyword (the n_ prefix).
  std::map<std::string, std::string> ids;
  std::set<std::string> used;
  for (const Node& n : graph.nodes) {
    std::string id = "n_";
    for (char c : n.id) id += (std::isalnum(static_cast<unsigned char>(c)) != 0) ? c : '_';
    std::string unique = id;
    for (int i = 2; used.count(unique) != 0; ++i) unique = id + "_" + std::to_string(i);
    used.insert(unique);
    ids[n.id] = unique;
  }
  std::string out;
  if (!title.empty()) out += "---\ntitle: \"" + mermaid_text(title) + "\"\n---\n";
  out += "flowchart LR\n";
  std::map<std::string, std::vector<std::string>> classes;  // class -> mermaid ids
  auto write_node = [&](const Node& n, const std::string& indent) {
    Style s = style_of(n.kind);
    out += indent + ids[n.id] + s.mermaid_open + "\"" + mermaid_text(node_label(n)) + "\"" + s.mermaid_close + "\n";
    classes[n.status == NodeStatus::none ? std::string(to_string(n.kind)) : std::string("st_") + to_string(n.status)]
        .push_back(ids[n.id]);
  };
  int a = 0;
  for (const auto& account : layout.accounts) {
    out += "  subgraph a" + std::to_string(a) + "[\"" + mermaid_text(account.label) + "\"]\n";
    int r = 0;
    for (const auto& region : account.regions) {
      const std::string rid = std::to_string(a) + "_" + std::to_string(r);
      out += "    subgraph r" + rid + "[\"" + mermaid_text(region.name) + "\"]\n";
      int s = 0;
      for (const std::string& stack : region.stacks) {
        out += "      subgraph s" + rid + "_" + std::to_string(s++) + "[\"" + mermaid_text("stack " + stack) + "\"]\n";
        auto it = layout.nodes_of.find(stack);
        if (it != layout.nodes_of.end()) {
          for (const Node* n : it->second) write_node(*n, "        ");
        }
        out += "      end\n";
      }
      out += "    end\n";
      ++r;
    }
    out += "  end\n";
    ++a;
  }
  for (const Node* n : layout.outside) write_node(*n, "  ");
  std::map<EdgeKind, std::vector<std::size_t>> link_styles;
  std::size_t index = 0;
  for (const Edge& e : graph.edges) {
    const char* arrow = "-->";
    switch (e.kind) {
      case EdgeKind::reference: arrow = "-->"; break;
      case EdgeKind::depends_on: arrow = "-.->"; break;
      case EdgeKind::network: arrow = "==>"; break;
      case EdgeKind::iam_grant: arrow = "--o"; break;
    }
    out += "  " + ids[e.from] + " " + arrow;
    if (!e.label.empty()) out += "|\"" + mermaid_text(e.label) + "\"|";
    out += " " + ids[e.to] + "\n";
    link_styles[e.kind].push_back(index++);
  }
  auto class_def = [&](const std::string& name, const std::string& fill, const std::string& stroke, bool dashed) {
    auto it = classes.find(name);
    if (it == classes.end()) return;
    out += "  classDef " + name + " fill:" + fill + ",stroke:" + stroke + (dashed ? ",stroke-dasharray:4 3" : "") + "\n";
    // Many ids per line, in lines of bounded length.
    for (std::size_t i = 0; i < it->second.size(); i += 40) {
      out += "  class ";
      for (std::size_t j = i; j < std::min(it->second.size(), i + 40); ++j) out += (j == i ? "" : ",") + it->second[j];
      out += " " + name + "\n";
    }
  };
  for (NodeKind k : {NodeKind::compute, NodeKind::data, NodeKind::network, NodeKind::identity, NodeKind::security,
                     NodeKind::integration, NodeKind::observability, NodeKind::other, NodeKind::external}) {
    Style s = style_of(k);
    class_def(to_string(k), s.fill, s.stroke, k == NodeKind::external);
  }
  for (NodeStatus st : {NodeStatus::added, NodeStatus::removed, NodeStatus::updated, NodeStatus::replaced,
                        NodeStatus::unchanged}) {
    class_def(std::string("st_") + to_string(st), status_fill(st), "#555555", st == NodeStatus::removed);
  }
  for (const auto& [kind, indexes] : link_styles) {
    const char* stroke = "#666666";
    switch (kind) {
      case EdgeKind::reference: stroke = "stroke:#666666"; break;
      case EdgeKind::depends_on: stroke = "stroke:#999999"; break;
      case EdgeKind::network: stroke = "stroke:#c0392b,stroke-width:2px"; break;
      case EdgeKind::iam_grant: stroke = "stroke:#2c6fbb,stroke-width:2px"; break;
    }
    for (std::size_t i = 0; i < indexes.size(); i += 60) {
      out += "  linkStyle ";
      for (std::size_t j = i; j < std::min(indexes.size(), i + 60); ++j) out += (j == i ? "" : ",") + std::to_string(indexes[j]);
      out += std::string(" ") + stroke + "\n";
    }
  }
  return out;
}

}  // namespace aip::graph
