// `--format markdown`: a pull-request comment. A summary with the findings
// that need a reviewer's attention first (data loss, replacements, broadened
// access), then one section per stack with tables.
#include <algorithm>
#include <set>

#include "diff/render_common.hpp"
#include "graph/graph.hpp"

namespace aip::diff {

namespace {

// Table cells: no pipes or newlines; values in code spans.
std::string cell(std::string s) {
  std::string out;
  for (char c : s) {
    if (c == '|') {
      out += "\\|";
    } else if (c == '\n') {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

std::string code(const std::string& s) {
  if (s.empty()) return "";
  return s.find('`') == std::string::npos ? "`" + cell(s) + "`" : "``" + cell(s) + "``";
}

std::string codes(const std::vector<std::string>& items) {
  std::vector<std::string> out;
  for (const auto& i : items) out.push_back(code(i));
  return join(out, "<br>");
}

std::string change_name(const ResourceChange& rc) {
  switch (rc.kind) {
    case ChangeKind::Added: return rc.renamed_from.empty() ? "add" : "add (likely renamed from " + code(rc.renamed_from) + ")";
    case ChangeKind::Removed:
      if (rc.orphaned) {
        return rc.renamed_to.empty() ? "**orphan** (kept in the account by its DeletionPolicy, no longer managed)"
                                     : "**orphan** (likely renamed to " + code(rc.renamed_to) +
                                           "; the old one is kept by its DeletionPolicy)";
      }
      return rc.renamed_to.empty() ? "**remove**" : "**remove** (likely renamed to " + code(rc.renamed_to) + ": a replacement)";
    case ChangeKind::Updated: return "update";
    case ChangeKind::Replaced: return "**replace**";
    case ChangeKind::MayReplace: return "**may replace**";
  }
  return "";
}

std::string change_line(const ValueChange& c) {
  const std::string where = path_text(c.path);
  std::string line;
  switch (c.op) {
    case ValueChange::Op::Added: line = "+ " + where + ": " + render_value(c.new_value); break;
    case ValueChange::Op::Removed: line = "- " + where + ": " + render_value(c.old_value); break;
    case ValueChange::Op::Changed:
      // Two lines, so GitHub's diff highlighting colours old and new.
      line = "- " + where + ": " + render_value(c.old_value) + "\n+ " + where + ": " + render_value(c.new_value);
      break;
    case ValueChange::Op::Moved: line = "! " + where + ": " + render_value(c.new_value) + " (" + c.note + ")"; break;
  }
  if (c.replacement == Replacement::Always) line += "  (requires replacement)";
  if (c.replacement == Replacement::Conditional) line += "  (may require replacement)";
  return line;
}

// The changed resources of a stack as a Mermaid flowchart, which GitHub draws:
// each changed resource coloured by its change, the unchanged resources they
// reference or are referenced by in grey, references and DependsOn as edges.
constexpr std::size_t kDiagramMaxChanges = 150;     // past this, no diagram (GitHub's renderer gives up)
constexpr std::size_t kDiagramMaxNeighbours = 60;   // past this many changes, no unchanged neighbours

graph::NodeStatus status_of(ChangeKind k) {
  switch (k) {
    case ChangeKind::Added: return graph::NodeStatus::added;
    case ChangeKind::Removed: return graph::NodeStatus::removed;
    case ChangeKind::Updated: return graph::NodeStatus::updated;
    case ChangeKind::Replaced:
    case ChangeKind::MayReplace: return graph::NodeStatus::replaced;
  }
  return graph::NodeStatus::updated;
}

std::string change_diagram(const StackDiff& sd) {
  if (sd.resources.size() > kDiagramMaxChanges) {
    return "_No diagram: " + std::to_string(sd.resources.size()) + " resources changed (at most " +
           std::to_string(kDiagramMaxChanges) + " are drawn)._\n\n";
  }
  const bool neighbours = sd.resources.size() <= kDiagramMaxNeighbours;
  graph::Graph g;
  std::set<std::string> drawn;
  for (const ResourceChange& rc : sd.resources) {
    graph::Node n;
    n.id = rc.logical_id;
    n.logical_id = rc.logical_id;
    n.type = rc.type();
    n.kind = graph::kind_of_type(n.type);
    n.status = status_of(rc.kind);
    g.nodes.push_back(n);
    drawn.insert(n.id);
  }
  if (neighbours) {
    for (const auto& [id, type] : sd.neighbours) {
      graph::Node n;
      n.id = id;
      n.logical_id = id;
      n.type = type;
      n.kind = graph::kind_of_type(type);
      n.status = graph::NodeStatus::unchanged;
      g.nodes.push_back(n);
      drawn.insert(id);
    }
  }
  std::sort(g.nodes.begin(), g.nodes.end(), [](const graph::Node& a, const graph::Node& b) { return a.id < b.id; });
  for (const ChangeLink& l : sd.links) {
    if (drawn.count(l.from) == 0 || drawn.count(l.to) == 0) continue;
    graph::Edge e;
    e.from = l.from;
    e.to = l.to;
    e.kind = l.depends_on ? graph::EdgeKind::depends_on : graph::EdgeKind::reference;
    e.label = l.label;
    if (l.removed) e.label = e.label.empty() ? "removed" : "removed: " + e.label;
    g.edges.push_back(e);
  }
  std::sort(g.edges.begin(), g.edges.end());
  return "```mermaid\n" + graph::render_mermaid(g) + "```\n\n";
}

}  // namespace

std::string render_markdown(const DiffResult& result) {
  std::string out = "### aip diff: " + code(result.old_label) + " → " + code(result.new_label) + "\n\n";
  if (result.empty()) return out + "No changes.\n";
  const Summary& s = result.summary;
  out += summary_line(s) + "\n\n";
  std::vector<std::string> alerts;
  for (const auto& sd : result.stacks) {
    for (const auto& rc : sd.resources) {
      if (rc.data_loss) {
        alerts.push_back(std::string(rc.data_loss->possible_only ? "**Possible data loss**" : "**Data loss**") + " in " +
                         code(sd.name) + ": " + cell(rc.data_loss->reason));
      }
    }
  }
  if (s.replaced + s.may_replace + s.renamed > 0) {
    alerts.push_back("**Replacement**: " + std::to_string(s.replaced) + " replaced, " + std::to_string(s.may_replace) +
                     " may be replaced, " + std::to_string(s.renamed) + " likely renamed");
  }
  if (s.broadened) alerts.push_back("**Access broadened**: see the IAM and security group tables below");
  if (!alerts.empty()) {
    out += "> [!WARNING]\n";
    for (const auto& a : alerts) out += "> - " + a + "\n";
    out += "\n";
  }
  for (const StackDiff& sd : result.stacks) {
    out += "#### Stack " + code(sd.name);
    if (sd.status == StackDiff::Status::Added) out += " (new)";
    if (sd.status == StackDiff::Status::Removed) out += " (removed)";
    out += "\n\n";
    if (!sd.resources.empty()) {
      out += "| Resource | Type | Change | Why |\n|---|---|---|---|\n";
      for (const auto& rc : sd.resources) {
        std::vector<std::string> why = rc.replacement_reasons;
        if (rc.data_loss) why.push_back(std::string(rc.data_loss->possible_only ? "possible data loss: " : "data loss: ") +
                                        rc.data_loss->reason);
        if (!rc.retained_note.empty()) why.push_back(rc.retained_note);
        std::vector<std::string> cells;
        for (const auto& w : why) cells.push_back(cell(w));
        out += "| " + code(rc.logical_id) + " | " + code(rc.type()) + " | " + change_name(rc) + " | " + join(cells, "<br>") +
               " |\n";
      }
      out += "\n" + change_diagram(sd);
    }
    {
      std::string details;
      for (const auto& rc : sd.resources) {
        if (rc.changes.empty()) continue;
        details += "@@ " + rc.logical_id + " @@\n";
        for (const auto& c : rc.changes) details += change_line(c) + "\n";
      }
      for (const auto& c : sd.sections) {
        ValueChange v = c.change;
        if (!c.name.empty()) v.path.insert(v.path.begin(), c.name);
        v.path.insert(v.path.begin(), c.section);
        details += "@@ " + c.section + " @@\n" + change_line(v) + "\n";
      }
      if (!details.empty()) {
        out += "<details><summary>Property changes</summary>\n\n```diff\n" + details + "```\n\n</details>\n\n";
      }
    }
    if (!sd.iam.empty() || !sd.managed_policies.empty()) {
      out += "**IAM statement changes**\n\n| | Resource | Effect | Action | Principal | On | Condition | Verdict |\n"
             "|---|---|---|---|---|---|---|---|\n";
      for (const auto& c : sd.iam) {
        out += std::string("| ") + (c.added ? "+" : "-") + " | " + code(c.resource) + " " + cell(c.property) +
               (c.target.empty() ? "" : " of " + code(c.target)) + " | " + c.effect + " | " + codes(c.actions) + " | " + codes(c.principals) + " | " + codes(c.resources) + " | " +
               codes(c.conditions) + " | " + (c.broadens ? "**broadens**: " : "") + cell(c.why) + " |\n";
      }
      for (const auto& c : sd.managed_policies) {
        out += std::string("| ") + (c.added ? "+" : "-") + " | " + code(c.resource) + " | managed policy | " +
               code(c.policy) + " | | | | " + (c.broadens ? "**broadens**: attached" : "detached") + " |\n";
      }
      out += "\n";
    }
    if (!sd.security_groups.empty()) {
      out += "**Security group changes**\n\n| | Group | Direction | Protocol | Ports | Peer | Description | Verdict |\n"
             "|---|---|---|---|---|---|---|---|\n";
      for (const auto& c : sd.security_groups) {
        out += std::string("| ") + (c.added ? "+" : "-") + " | " + code(c.group) + " | " + c.direction + " | " +
               c.protocol + " | " + c.ports + " | " + code(c.peer) + " | " + cell(c.description) + " | " +
               (c.broadens ? "**broadens**: " : "") + cell(c.why) + " |\n";
      }
      out += "\n";
    }
  }
  return out;
}

}  // namespace aip::diff
