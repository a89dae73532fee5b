// `--format json`: the whole diff as one document (format "aip-diff/1").
// Every resource change has `change` (added | removed | updated | replaced |
// may-replace), the classification the cdk agreement test compares.
#include "diff/render_common.hpp"

namespace aip::diff {

namespace {

const char* replacement_name(Replacement r) {
  switch (r) {
    case Replacement::None: return "none";
    case Replacement::Conditional: return "conditional";
    case Replacement::Always: return "always";
  }
  return "none";
}

Json value_change(const ValueChange& c) {
  Json j = {{"path", path_text(c.path)}, {"segments", c.path}, {"op", to_string(c.op)},
            {"replacement", replacement_name(c.replacement)}};
  if (c.op != ValueChange::Op::Added) {
    j["old"] = c.old_value;
    j["old_text"] = render_value(c.old_value);
  }
  if (c.op != ValueChange::Op::Removed) {
    j["new"] = c.new_value;
    j["new_text"] = render_value(c.new_value);
  }
  if (!c.note.empty()) j["note"] = c.note;
  return j;
}

Json resource(const ResourceChange& rc) {
  Json j = {{"logical_id", rc.logical_id}, {"type", rc.type()}, {"change", to_string(rc.kind)}};
  if (rc.old_type != rc.new_type && !rc.old_type.empty() && !rc.new_type.empty()) {
    j["old_type"] = rc.old_type;
    j["new_type"] = rc.new_type;
  }
  if (!rc.replacement_reasons.empty()) j["replacement_reasons"] = rc.replacement_reasons;
  if (rc.data_loss) {
    j["data_loss"] = {{"possible_only", rc.data_loss->possible_only}, {"reason", rc.data_loss->reason}};
  }
  if (!rc.retained_note.empty()) j["retained"] = rc.retained_note;
  if (rc.orphaned) j["orphaned"] = true;
  if (!rc.renamed_to.empty()) j["renamed_to"] = rc.renamed_to;
  if (!rc.renamed_from.empty()) j["renamed_from"] = rc.renamed_from;
  if (!rc.old_location.empty()) j["old_location"] = rc.old_location;
  if (!rc.new_location.empty()) j["new_location"] = rc.new_location;
  Json changes = Json::array();
  for (const auto& c : rc.changes) changes.push_back(value_change(c));
  j["changes"] = changes;
  return j;
}

const char* status_name(StackDiff::Status s) {
  switch (s) {
    case StackDiff::Status::Added: return "added";
    case StackDiff::Status::Removed: return "removed";
    case StackDiff::Status::Changed: return "changed";
  }
  return "changed";
}

}  // namespace

Json render_json(const DiffResult& result) {
  const Summary& s = result.summary;
  Json out = {{"format", "aip-diff/1"}, {"old", result.old_label}, {"new", result.new_label}};
  out["summary"] = {{"added", s.added},
                    {"removed", s.removed},
                    {"updated", s.updated},
                    {"replaced", s.replaced},
                    {"may_replace", s.may_replace},
                    {"renamed", s.renamed},
                    {"orphaned", s.orphaned},
                    {"data_loss", s.data_loss},
                    {"iam_changes", s.iam_changes},
                    {"security_group_changes", s.security_group_changes},
                    {"other_changes", s.other_changes},
                    {"broadened", s.broadened}};
  Json stacks = Json::array();
  for (const StackDiff& sd : result.stacks) {
    Json st = {{"name", sd.name}, {"status", status_name(sd.status)}};
    if (!sd.old_file.empty()) st["old_file"] = sd.old_file;
    if (!sd.new_file.empty()) st["new_file"] = sd.new_file;
    Json resources = Json::array();
    for (const auto& rc : sd.resources) resources.push_back(resource(rc));
    st["resources"] = resources;
    Json renames = Json::array();
    for (const auto& r : sd.renames) {
      renames.push_back({{"from", r.from}, {"to", r.to}, {"type", r.type}, {"similarity", r.similarity}});
    }
    st["renames"] = renames;
    Json sections = Json::array();
    for (const auto& c : sd.sections) {
      Json j = value_change(c.change);
      j["section"] = c.section;
      if (!c.name.empty()) j["name"] = c.name;
      sections.push_back(j);
    }
    st["other_changes"] = sections;
    Json iam = Json::array();
    for (const auto& c : sd.iam) {
      Json j = {{"change", c.added ? "added" : "removed"},
                {"resource", c.resource},
                {"resource_type", c.resource_type},
                {"property", c.property},
                {"effect", c.effect},
                {"principals", c.principals},
                {"actions", c.actions},
                {"resources", c.resources},
                {"conditions", c.conditions},
                {"broadens", c.broadens},
                {"why", c.why}};
      if (!c.target.empty()) j["target"] = c.target;
      iam.push_back(std::move(j));
    }
    st["iam_statements"] = iam;
    Json managed = Json::array();
    for (const auto& c : sd.managed_policies) {
      managed.push_back({{"change", c.added ? "attached" : "detached"},
                         {"principal", c.resource},
                         {"policy", c.policy},
                         {"broadens", c.broadens}});
    }
    st["managed_policies"] = managed;
    Json sgs = Json::array();
    for (const auto& c : sd.security_groups) {
      sgs.push_back({{"change", c.added ? "added" : "removed"},
                     {"group", c.group},
                     {"direction", c.direction},
                     {"protocol", c.protocol},
                     {"ports", c.ports},
                     {"peer", c.peer},
                     {"description", c.description},
                     {"defined_in", c.defined_in},
                     {"broadens", c.broadens},
                     {"why", c.why}});
    }
    st["security_group_rules"] = sgs;
    stacks.push_back(st);
  }
  out["stacks"] = stacks;
  return out;
}

}  // namespace aip::diff
