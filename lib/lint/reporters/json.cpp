// Machine-readable findings: every finding, suppressed ones marked. "notes"
// lists every note's text; "related" (only when there are any) the notes that
// name a place, with their file, line and column.
#include "lint/reporters/reporters.hpp"

namespace aip::lint {

std::string report_json(const std::vector<Finding>& findings, const ReportOptions& options) {
  Json list = Json::array();
  Json summary = {{"error", 0}, {"warning", 0}, {"info", 0}, {"suppressed", 0}};
  for (const Finding& f : findings) {
    Json notes = Json::array();
    Json related = Json::array();  // the notes that name a place, with it
    for (const Diagnostic& note : f.notes) {
      notes.push_back(note.message);
      if (note.location.valid()) {
        related.push_back({{"message", note.message},
                           {"file", note.location.file->path},
                           {"line", note.location.line},
                           {"column", note.location.column}});
      }
    }
    Json j = {{"rule", f.rule},
              {"severity", to_string(f.severity)},
              {"message", f.message},
              {"file", f.location.file != nullptr ? f.location.file->path : ""},
              {"line", f.location.line},
              {"column", f.location.column},
              {"resource", f.resource},
              {"notes", std::move(notes)},
              {"suppressed", f.suppressed}};
    if (!related.empty()) j["related"] = std::move(related);
    if (f.suppressed) {
      j["suppression"] = {{"reason", f.suppression_reason}};
      summary["suppressed"] = summary["suppressed"].get<int>() + 1;
    } else {
      summary[to_string(f.severity)] = summary[to_string(f.severity)].get<int>() + 1;
    }
    list.push_back(std::move(j));
  }
  Json doc = {{"tool", {{"name", "aip"}, {"version", options.tool_version}}},
              {"findings", std::move(list)},
              {"summary", std::move(summary)}};
  return doc.dump(2) + "\n";
}

}  // namespace aip::lint
