// Data-loss findings: a stateful resource that is replaced or removed loses
// its data unless its policy keeps it: DeletionPolicy for a removal (a
// rename is a removal of the old logical id), UpdateReplacePolicy for a
// replacement; Retain keeps the resource, Snapshot (on the types that
// support it) keeps a final snapshot.
#include "diff/analysis.hpp"

namespace aip::diff {

namespace {

std::string policy_of(const Json& resource, const char* attribute) {
  if (!resource.is_object()) return "";
  auto it = resource.find(attribute);
  return it != resource.end() && it->is_string() ? it->get<std::string>() : "";
}

}  // namespace

void assess_data_loss(std::vector<ResourceChange>& changes, const Json& old_resources) {
  for (auto& rc : changes) {
    if (!is_stateful(rc.old_type)) continue;
    const bool removed = rc.kind == ChangeKind::Removed;
    const bool replaced = rc.kind == ChangeKind::Replaced || rc.kind == ChangeKind::MayReplace;
    if (!removed && !replaced) continue;
    const Json& old = old_resources.contains(rc.logical_id) ? old_resources[rc.logical_id] : Json();
    const char* attribute = removed ? "DeletionPolicy" : "UpdateReplacePolicy";
    const std::string policy = policy_of(old, attribute);
    const std::string shown = policy.empty() ? std::string(attribute) + " is not set" : std::string(attribute) + ": " + policy;
    const std::string what = rc.old_type + " " + rc.logical_id;
    if (policy == "Retain" || policy == "RetainExceptOnCreate") {
      rc.retained_note = removed ? what + " is kept in the account but no longer managed by the stack (" + shown + ")"
                                 : "the old " + what + " is kept in the account with its data (" + shown +
                                       "); the new one starts empty";
      continue;
    }
    if (policy == "Snapshot" && supports_snapshot(rc.old_type)) {
      rc.retained_note = std::string(removed ? "" : "the old ") + what + " is deleted after a final snapshot (" + shown +
                         ")" + (removed ? "" : "; the new one starts empty");
      continue;
    }
    DataLoss loss;
    loss.possible_only = rc.kind == ChangeKind::MayReplace;
    if (removed && !rc.renamed_to.empty()) {
      loss.reason = "renamed to " + rc.renamed_to + ": CloudFormation creates " + rc.renamed_to + " and deletes " + what +
                    " with its data (" + shown + ")";
    } else if (removed) {
      loss.reason = "deleting " + what + " destroys its data (" + shown + ")";
    } else {
      loss.reason = std::string(loss.possible_only ? "if replaced, " : "replacing ") + what +
                    (loss.possible_only ? " is deleted" : " deletes it") + " with its data (" + shown + ")";
    }
    if (policy == "Snapshot") loss.reason += "; Snapshot is not supported for " + rc.old_type;
    rc.data_loss = loss;
  }
}

}  // namespace aip::diff
