// Phrases shared by the text and markdown renderers.
#include "diff/render_common.hpp"

namespace aip::diff {

std::string join(const std::vector<std::string>& items, const std::string& sep) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? sep : "") + items[i];
  return out;
}

std::string kind_phrase(const ResourceChange& rc) {
  switch (rc.kind) {
    case ChangeKind::Added:
      return rc.renamed_from.empty() ? "(add)" : "(add: likely renamed from " + rc.renamed_from + ")";
    case ChangeKind::Removed:
      if (rc.orphaned) {
        return rc.renamed_to.empty() ? "(orphan: DeletionPolicy keeps it in the account, no longer managed by the stack)"
                                     : "(orphan: likely renamed to " + rc.renamed_to +
                                           "; DeletionPolicy keeps the old one in the account, unmanaged)";
      }
      return rc.renamed_to.empty() ? "(remove)"
                                   : "(remove: likely renamed to " + rc.renamed_to + ", which CloudFormation performs "
                                     "as a replacement)";
    case ChangeKind::Updated: return "(update)";
    case ChangeKind::Replaced: return "(replace)";
    case ChangeKind::MayReplace: return "(may replace)";
  }
  return "";
}

std::string iam_line(const IamStatementChange& c) {
  std::string line = c.effect + " " + (c.actions.empty() ? "(no action)" : join(c.actions, ", "));
  if (!c.resources.empty()) line += " on " + join(c.resources, ", ");
  if (!c.principals.empty()) line += " for " + join(c.principals, ", ");
  if (!c.conditions.empty()) line += " when " + join(c.conditions, " and ");
  line += " [" + c.resource + " " + c.property + (c.target.empty() ? "" : " of " + c.target) + "]";
  return line;
}

std::string sg_line(const SecurityGroupRuleChange& c) {
  std::string line = c.direction + " " + c.group + ": " + c.protocol;
  if (c.protocol != "all") line += " " + (c.ports == "all" ? std::string("all ports") : c.ports);
  line += (c.direction == "ingress" ? " from " : " to ") + c.peer;
  if (!c.description.empty()) line += " \"" + c.description + "\"";
  if (c.defined_in != c.group) line += " [" + c.defined_in + "]";
  return line;
}

std::string summary_line(const Summary& s) {
  std::vector<std::string> counts;
  const auto add = [&](int n, const std::string& what) {
    if (n > 0) counts.push_back(std::to_string(n) + " " + what);
  };
  add(s.added, "added");
  add(s.updated, "updated");
  add(s.replaced, "replaced");
  add(s.may_replace, "may be replaced");
  add(s.removed - s.orphaned, "removed");
  add(s.orphaned, "orphaned");
  std::vector<std::string> parts;
  if (!counts.empty()) parts.push_back(join(counts, ", "));
  if (s.renamed > 0) parts.push_back(std::to_string(s.renamed) + " likely rename" + (s.renamed == 1 ? "" : "s"));
  if (s.iam_changes > 0) parts.push_back(std::to_string(s.iam_changes) + " IAM change" + (s.iam_changes == 1 ? "" : "s"));
  if (s.security_group_changes > 0) {
    parts.push_back(std::to_string(s.security_group_changes) + " security group rule change" +
                    (s.security_group_changes == 1 ? "" : "s"));
  }
  if (s.other_changes > 0) {
    parts.push_back(std::to_string(s.other_changes) + " other change" + (s.other_changes == 1 ? "" : "s"));
  }
  if (s.data_loss > 0) {
    parts.push_back("data loss in " + std::to_string(s.data_loss) + " resource" + (s.data_loss == 1 ? "" : "s"));
  }
  if (s.broadened) parts.push_back("access broadened");
  return "Summary: " + join(parts, "; ");
}

}  // namespace aip::diff
