// A checked subset of the Mermaid flowchart grammar: exactly the statements
// render_mermaid writes, each checked as Mermaid's own parser (flow.jison)
// reads it, plus what a parser would accept but draw wrongly (an edge to a
// node never declared, a linkStyle past the last edge, a keyword as an id).
#include <cctype>
#include <string_view>

#include "graph/graph.hpp"

namespace aip::graph {

// Helpers in a namespace of their own: unity builds compile several files as one.
namespace mermaid_check {

struct Cursor {
  std::string_view s;
  std::size_t at = 0;
  bool done() const { return at >= s.size(); }
  char peek() const { return done() ? '\0' : s[at]; }
  bool eat(std::string_view t) {
    if (s.substr(at, t.size()) != t) return false;
    at += t.size();
    return true;
  }
  void spaces() {
    while (!done() && s[at] == ' ') ++at;
  }
};

bool is_keyword(const std::string& id) {
  static const std::set<std::string> kKeywords = {"end", "subgraph", "graph", "flowchart", "style", "class",
                                                  "classDef", "linkStyle", "click", "default", "direction"};
  return kKeywords.count(id) != 0;
}

std::string read_id(Cursor& c) {
  std::size_t start = c.at;
  if (c.done() || !(std::isalpha(static_cast<unsigned char>(c.peek())) != 0 || c.peek() == '_')) return "";
  while (!c.done() && (std::isalnum(static_cast<unsigned char>(c.peek())) != 0 || c.peek() == '_')) ++c.at;
  return std::string(c.s.substr(start, c.at - start));
}

// "text": no raw quote inside; entities (#quot;) are whole.
bool read_string(Cursor& c, std::string& why) {
  if (!c.eat("\"")) {
    why = "expected a quoted string";
    return false;
  }
  while (!c.done() && c.peek() != '"') {
    if (c.peek() == '#') {
      std::size_t semi = c.s.find(';', c.at);
      std::string_view entity = c.s.substr(c.at + 1, semi == std::string_view::npos ? 0 : semi - c.at - 1);
      bool ok = semi != std::string_view::npos && !entity.empty() && entity.size() <= 8;
      for (char ch : entity) ok = ok && std::isalnum(static_cast<unsigned char>(ch)) != 0;
      if (!ok) {
        why = "'#' that does not start an entity (#quot;)";
        return false;
      }
      c.at = semi + 1;
      continue;
    }
    ++c.at;
  }
  if (!c.eat("\"")) {
    why = "unterminated string";
    return false;
  }
  return true;
}

// Shapes render_mermaid writes, longest opening first.
struct Shape {
  std::string_view open;
  std::string_view close;
};
const Shape kShapes[] = {{"[(", ")]"}, {"([", "])"}, {"[[", "]]"}, {"{{", "}}"}, {"[/", "/]"},
                         {"(", ")"},   {"[", "]"},   {">", "]"}};

bool read_list(Cursor& c, std::vector<std::string>& items, bool numbers) {
  for (;;) {
    std::size_t start = c.at;
    if (numbers) {
      while (!c.done() && std::isdigit(static_cast<unsigned char>(c.peek())) != 0) ++c.at;
    } else {
      read_id(c);
    }
    if (c.at == start) return false;
    items.emplace_back(c.s.substr(start, c.at - start));
    if (!c.eat(",")) return true;
  }
}

// name:value,name:value (values without ';' or spaces except in dasharray)
bool read_styles(Cursor& c) {
  std::size_t start = c.at;
  while (!c.done()) ++c.at;
  std::string_view styles = c.s.substr(start);
  if (styles.empty() || styles.find(':') == std::string_view::npos || styles.find(';') != std::string_view::npos) return false;
  return true;
}

}  // namespace mermaid_check

std::string check_mermaid(const std::string& text) {
  using namespace mermaid_check;
  std::vector<std::string_view> lines;
  {
    std::string_view all = text;
    std::size_t start = 0;
    while (start < all.size()) {
      std::size_t end = all.find('\n', start);
      if (end == std::string_view::npos) end = all.size();
      lines.push_back(all.substr(start, end - start));
      start = end + 1;
    }
  }
  std::size_t i = 0;
  auto fail = [&](std::size_t line, const std::string& why) { return "line " + std::to_string(line + 1) + ": " + why; };
  if (i < lines.size() && lines[i] == "---") {
    for (++i; i < lines.size() && lines[i] != "---"; ++i) {
      if (lines[i].find(':') == std::string_view::npos) return fail(i, "front matter line without 'key: value'");
    }
    if (i == lines.size()) return fail(i - 1, "front matter without its closing ---");
    ++i;
  }
  if (i >= lines.size()) return fail(i, "no flowchart");
  {
    Cursor c{lines[i]};
    if (!c.eat("flowchart ") && !c.eat("graph ")) return fail(i, "expected 'flowchart DIRECTION'");
    std::string dir(c.s.substr(c.at));
    if (dir != "LR" && dir != "RL" && dir != "TB" && dir != "TD" && dir != "BT") return fail(i, "unknown direction '" + dir + "'");
  }
  std::set<std::string> nodes;
  std::set<std::string> subgraphs;
  std::set<std::string> class_defs;
  struct Pending {
    std::size_t line;
    std::string id;
    bool link;
  };
  std::vector<Pending> references;  // checked at the end: edges and classes may name later nodes
  std::vector<std::pair<std::size_t, std::size_t>> link_styles;  // (line, index)
  std::size_t edges = 0;
  int depth = 0;
  for (++i; i < lines.size(); ++i) {
    Cursor c{lines[i]};
    c.spaces();
    if (c.done()) continue;
    std::string why;
    if (c.eat("%%")) continue;  // a comment
    if (c.eat("subgraph ")) {
      std::string id = read_id(c);
      if (id.empty() || is_keyword(id)) return fail(i, "subgraph without a valid id");
      if (!subgraphs.insert(id).second || nodes.count(id) != 0) return fail(i, "id '" + id + "' used twice");
      if (c.eat("[")) {
        if (!read_string(c, why)) return fail(i, why);
        if (!c.eat("]")) return fail(i, "expected ']' after the subgraph title");
      }
      if (!c.done()) return fail(i, "unexpected text after the subgraph");
      ++depth;
      continue;
    }
    if (c.s.substr(c.at) == "end") {
      if (--depth < 0) return fail(i, "'end' without a subgraph");
      continue;
    }
    if (c.eat("classDef ")) {
      std::string name = read_id(c);
      if (name.empty() || !c.eat(" ") || !read_styles(c)) return fail(i, "expected 'classDef NAME STYLES'");
      class_defs.insert(name);
      continue;
    }
    if (c.eat("class ")) {
      std::vector<std::string> ids;
      if (!read_list(c, ids, false) || !c.eat(" ")) return fail(i, "expected 'class ID,ID NAME'");
      std::string name = read_id(c);
      if (name.empty() || !c.done()) return fail(i, "expected a class name");
      if (class_defs.count(name) == 0) return fail(i, "class '" + name + "' used before its classDef");
      for (const std::string& id : ids) references.push_back({i, id, false});
      continue;
    }
    if (c.eat("linkStyle ")) {
      std::vector<std::string> indexes;
      if (!read_list(c, indexes, true) || !c.eat(" ") || !read_styles(c)) return fail(i, "expected 'linkStyle N,N STYLES'");
      for (const std::string& n : indexes) link_styles.emplace_back(i, std::stoul(n));
      continue;
    }
    // A node declaration or an edge.
    std::string id = read_id(c);
    if (id.empty()) return fail(i, "expected a node id");
    if (is_keyword(id)) return fail(i, "'" + id + "' is a keyword, not a node id");
    bool shaped = false;
    for (const Shape& s : kShapes) {
      if (!c.eat(s.open)) continue;
      if (!read_string(c, why)) return fail(i, why);
      if (!c.eat(s.close)) return fail(i, "expected '" + std::string(s.close) + "' to close the node's shape");
      shaped = true;
      break;
    }
    if (shaped) {
      if (!c.done()) return fail(i, "unexpected text after the node");
      if (!nodes.insert(id).second || subgraphs.count(id) != 0) return fail(i, "node '" + id + "' declared twice");
      continue;
    }
    if (!c.eat(" ")) return fail(i, "expected a shape or an edge after '" + id + "'");
    if (!c.eat("-.->") && !c.eat("==>") && !c.eat("-->") && !c.eat("--o") && !c.eat("--x")) {
      return fail(i, "unknown edge");
    }
    if (c.eat("|")) {
      if (!read_string(c, why)) return fail(i, why);
      if (!c.eat("|")) return fail(i, "expected '|' after the edge label");
    }
    if (!c.eat(" ")) return fail(i, "expected ' ' before the edge's target");
    std::string to = read_id(c);
    if (to.empty() || !c.done()) return fail(i, "expected the edge's target id");
    if (is_keyword(to)) return fail(i, "'" + to + "' is a keyword, not a node id");
    references.push_back({i, id, true});
    references.push_back({i, to, true});
    ++edges;
  }
  if (depth != 0) return fail(lines.size() - 1, std::to_string(depth) + " subgraph(s) without 'end'");
  for (const Pending& p : references) {
    if (nodes.count(p.id) == 0) return fail(p.line, (p.link ? "edge to undeclared node '" : "class of undeclared node '") + p.id + "'");
  }
  for (const auto& [line, index] : link_styles) {
    if (index >= edges) return fail(line, "linkStyle " + std::to_string(index) + " past the last edge");
  }
  return "";
}

}  // namespace aip::graph
