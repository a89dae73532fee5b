// SARIF 2.1.0 (OASIS): one run, the rules that ran with their documentation,
// one result per finding; suppressed findings carry an inSource suppression.
#include <map>

#include "lint/reporters/reporters.hpp"

namespace aip::lint {
namespace {

const char* level(Severity s) {
  switch (s) {
    case Severity::error: return "error";
    case Severity::warning: return "warning";
    case Severity::info: return "note";
    case Severity::note: return "note";
  }
  return "warning";
}

}  // namespace

std::string report_sarif(const std::vector<Finding>& findings, const ReportOptions& options) {
  Json rules = Json::array();
  std::map<std::string, std::size_t> index;
  auto add_rule = [&](const Rule& r) {
    if (index.count(r.info.id) != 0) return;
    index[r.info.id] = rules.size();
    std::string help = r.info.rationale + "\n\nFix: " + r.info.fix;
    std::string markdown = "**" + r.info.summary + "**\n\n" + r.info.rationale + "\n\n**Fix:** " + r.info.fix;
    rules.push_back({{"id", r.info.id},
                     {"name", r.info.id},
                     {"shortDescription", {{"text", r.info.summary}}},
                     {"fullDescription", {{"text", r.info.rationale}}},
                     {"help", {{"text", help}, {"markdown", markdown}}},
                     {"defaultConfiguration", {{"level", level(r.info.severity)}}},
                     {"properties", {{"tags", r.info.tags}}}});
  };
  for (const Rule* r : options.rules) add_rule(*r);
  for (const Finding& f : findings) {
    if (const Rule* r = find_rule(f.rule)) add_rule(*r);
  }

  Json results = Json::array();
  std::map<std::string, std::size_t> artifacts;
  Json artifact_list = Json::array();
  auto physical_location = [&](const Location& where) {
    std::string uri = where.file != nullptr ? where.file->path : "";
    Json physical = {{"artifactLocation", {{"uri", uri}}}};
    if (!uri.empty()) {
      if (artifacts.count(uri) == 0) {
        artifacts[uri] = artifact_list.size();
        artifact_list.push_back({{"location", {{"uri", uri}}}});
      }
      physical["artifactLocation"]["index"] = artifacts[uri];
    }
    if (where.line > 0) {
      physical["region"] = {{"startLine", where.line}, {"startColumn", std::max(1, where.column)}};
    }
    return physical;
  };
  for (const Finding& f : findings) {
    Json location = {{"physicalLocation", physical_location(f.location)}};
    if (!f.resource.empty()) {
      location["logicalLocations"] = Json::array({{{"name", f.resource}, {"kind", "resource"}}});
    }
    std::string text = f.message;
    for (const Diagnostic& note : f.notes) text += "\n" + headline(note);
    Json result = {{"ruleId", f.rule},
                   {"level", level(f.severity)},
                   {"message", {{"text", text}}},
                   {"locations", Json::array({location})}};
    // Notes that name a place (the other subnet of an overlap) are related locations.
    Json related = Json::array();
    for (const Diagnostic& note : f.notes) {
      if (!note.location.valid()) continue;
      related.push_back({{"id", related.size()},
                         {"physicalLocation", physical_location(note.location)},
                         {"message", {{"text", note.message}}}});
    }
    if (!related.empty()) result["relatedLocations"] = std::move(related);
    if (auto it = index.find(f.rule); it != index.end()) result["ruleIndex"] = it->second;
    if (f.suppressed) {
      result["suppressions"] = Json::array({{{"kind", f.baselined ? "external" : "inSource"}, {"justification", f.suppression_reason}}});
    }
    results.push_back(std::move(result));
  }

  Json run = {{"tool",
               {{"driver",
                 {{"name", "aip"},
                  {"fullName", "aip lint"},
                  {"version", options.tool_version},
                  {"semanticVersion", options.tool_version},
                  {"rules", rules}}}}},
              {"results", results}};
  if (!artifact_list.empty()) run["artifacts"] = artifact_list;
  Json doc = {{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
              {"version", "2.1.0"},
              {"runs", Json::array({run})}};
  return doc.dump(2) + "\n";
}

}  // namespace aip::lint
