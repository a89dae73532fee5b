// The terminal rendering: per stack, resources with their property changes,
// then other template sections, IAM statement changes and security group rule
// changes, and a one-line summary. Nothing at all for an empty diff.
#include <fmt/format.h>

#include "diff/render_common.hpp"

namespace aip::diff {

namespace {

struct Style {
  bool color;
  std::string paint(const std::string& code, const std::string& s) const {
    return color ? "\033[" + code + "m" + s + "\033[0m" : s;
  }
  std::string red(const std::string& s) const { return paint("31", s); }
  std::string green(const std::string& s) const { return paint("32", s); }
  std::string yellow(const std::string& s) const { return paint("33", s); }
  std::string bold(const std::string& s) const { return paint("1", s); }
  std::string alarm(const std::string& s) const { return paint("1;31", s); }
  std::string dim(const std::string& s) const { return paint("2", s); }
};

std::string marker(ChangeKind k, const Style& st) {
  switch (k) {
    case ChangeKind::Added: return st.green("[+]");
    case ChangeKind::Removed: return st.red("[-]");
    case ChangeKind::Updated: return st.yellow("[~]");
    case ChangeKind::Replaced: return st.alarm("[!]");
    case ChangeKind::MayReplace: return st.red("[?]");
  }
  return "[ ]";
}

std::string value_line(const ValueChange& c, const Style& st) {
  const std::string where = path_text(c.path);
  std::string line;
  switch (c.op) {
    case ValueChange::Op::Added: line = st.green("+ " + where + ": " + render_value(c.new_value)); break;
    case ValueChange::Op::Removed: line = st.red("- " + where + ": " + render_value(c.old_value)); break;
    case ValueChange::Op::Changed:
      line = st.yellow("~ " + where + ": ") + st.red(render_value(c.old_value)) + " -> " + st.green(render_value(c.new_value));
      break;
    case ValueChange::Op::Moved: line = st.yellow("> " + where + ": " + render_value(c.new_value) + " (" + c.note + ")"); break;
  }
  if (c.replacement == Replacement::Always) line += " " + st.alarm("(requires replacement)");
  if (c.replacement == Replacement::Conditional) line += " " + st.red("(may require replacement)");
  return line;
}

}  // namespace

std::string render_text(const DiffResult& result, bool color) {
  if (result.empty()) return "";
  const Style st{color};
  std::string out;
  for (const StackDiff& sd : result.stacks) {
    std::string status = sd.status == StackDiff::Status::Added     ? " (new stack)"
                         : sd.status == StackDiff::Status::Removed ? " (stack removed)"
                                                                   : "";
    out += st.bold("Stack " + sd.name) + status + "\n";
    if (!sd.resources.empty()) out += "Resources\n";
    for (const ResourceChange& rc : sd.resources) {
      std::string head = marker(rc.kind, st) + " " + rc.type() + " " + st.bold(rc.logical_id);
      head += " " + kind_phrase(rc);
      out += head + "\n";
      const std::string& where = rc.new_location.empty() ? rc.old_location : rc.new_location;
      if (!where.empty()) out += "    " + st.dim("at " + where) + "\n";
      for (const auto& reason : rc.replacement_reasons) out += "    " + st.red("why: " + reason) + "\n";
      if (rc.data_loss) {
        out += "    " + st.alarm(std::string(rc.data_loss->possible_only ? "possible data loss: " : "data loss: ") +
                                 rc.data_loss->reason) +
               "\n";
      }
      if (!rc.retained_note.empty()) out += "    " + st.yellow("note: " + rc.retained_note) + "\n";
      for (const auto& c : rc.changes) out += "    " + value_line(c, st) + "\n";
    }
    if (!sd.sections.empty()) out += "Other changes\n";
    for (const SectionChange& s : sd.sections) {
      ValueChange c = s.change;
      Path p = c.path;
      if (!s.name.empty()) p.insert(p.begin(), s.name);
      p.insert(p.begin(), s.section);
      c.path = p;
      out += "    " + value_line(c, st) + "\n";
    }
    if (!sd.iam.empty() || !sd.managed_policies.empty()) out += "IAM statement changes\n";
    for (const auto& c : sd.iam) {
      std::string line = (c.added ? st.green("[+]") : st.red("[-]")) + " " + iam_line(c);
      line += c.broadens ? " " + st.alarm("(broadens: " + c.why + ")") : " " + st.dim("(" + c.why + ")");
      out += line + "\n";
    }
    for (const auto& c : sd.managed_policies) {
      std::string line = (c.added ? st.green("[+]") : st.red("[-]")) + " managed policy " + c.policy + " " +
                         (c.added ? "attached to " : "detached from ") + c.resource;
      if (c.broadens) line += " " + st.alarm("(broadens)");
      out += line + "\n";
    }
    if (!sd.security_groups.empty()) out += "Security group changes\n";
    for (const auto& c : sd.security_groups) {
      std::string line = (c.added ? st.green("[+]") : st.red("[-]")) + " " + sg_line(c);
      line += c.broadens ? " " + st.alarm("(broadens: " + c.why + ")") : " " + st.dim("(" + c.why + ")");
      out += line + "\n";
    }
    out += "\n";
  }
  std::string summary = summary_line(result.summary);
  out += (result.summary.data_loss > 0 || result.summary.broadened ? st.alarm(summary) : st.bold(summary)) + "\n";
  return out;
}

}  // namespace aip::diff
