// --fail-on levels and the names of change kinds.
#include "diff/diff.hpp"

namespace aip::diff {

std::optional<FailOn> parse_fail_on(const std::string& text) {
  if (text == "any") return FailOn::Any;
  if (text == "replace") return FailOn::Replace;
  if (text == "data-loss") return FailOn::DataLoss;
  if (text == "broadened") return FailOn::Broadened;
  if (text == "none") return FailOn::None;
  return std::nullopt;
}

bool triggers(const DiffResult& result, FailOn level) {
  const Summary& s = result.summary;
  switch (level) {
    case FailOn::None: return false;
    case FailOn::Any: return !result.empty();
    case FailOn::Replace: return s.replaced + s.may_replace + s.renamed + s.data_loss > 0;
    case FailOn::DataLoss: return s.data_loss > 0;
    case FailOn::Broadened: return s.broadened;
  }
  return false;
}

const char* to_string(ChangeKind k) {
  switch (k) {
    case ChangeKind::Added: return "added";
    case ChangeKind::Removed: return "removed";
    case ChangeKind::Updated: return "updated";
    case ChangeKind::Replaced: return "replaced";
    case ChangeKind::MayReplace: return "may-replace";
  }
  return "?";
}

const char* to_string(ValueChange::Op op) {
  switch (op) {
    case ValueChange::Op::Added: return "added";
    case ValueChange::Op::Removed: return "removed";
    case ValueChange::Op::Changed: return "changed";
    case ValueChange::Op::Moved: return "moved";
  }
  return "?";
}

}  // namespace aip::diff
