#include "iam/escalation.hpp"

#include <stdexcept>

#include <nlohmann/json.hpp>

namespace aip::iam {

namespace escalation_data {
extern const char* const kPaths;
}

namespace {

std::vector<std::string> string_list(const nlohmann::json& v) {
  std::vector<std::string> out;
  if (v.is_string()) out.push_back(v.get<std::string>());
  else for (const auto& s : v) out.push_back(s.get<std::string>());
  return out;
}

std::vector<EscalationPath> load_paths() {
  const auto doc = nlohmann::json::parse(escalation_data::kPaths);
  std::vector<EscalationPath> out;
  for (const auto& [id, p] : doc.at("paths").items()) {
    EscalationPath path;
    path.id = id;
    path.name = p.at("name").get<std::string>();
    path.source = p.at("source").get<std::string>();
    for (const auto& s : p.at("requires")) {
      EscalationStep step;
      step.actions = string_list(s.at("actions"));
      step.resource = s.value("resource", std::string("*"));
      const std::string scope = s.value("scope", std::string("any"));
      if (scope != "any" && scope != "wildcard") throw std::logic_error("escalation path " + id + ": scope " + scope);
      step.wildcard_only = scope == "wildcard";
      if (s.contains("defeated_by")) step.defeated_by = string_list(s.at("defeated_by"));
      if (s.contains("context")) {
        for (const auto& [k, v] : s.at("context").items()) step.context[k] = v.get<std::string>();
      }
      if (step.actions.empty()) throw std::logic_error("escalation path " + id + ": a step without actions");
      path.requires_.push_back(std::move(step));
    }
    if (path.requires_.empty()) throw std::logic_error("escalation path " + id + " requires nothing");
    out.push_back(std::move(path));
  }
  return out;  // json objects iterate in key order: sorted by id
}

}  // namespace

const std::vector<EscalationPath>& escalation_paths() {
  static const std::vector<EscalationPath> paths = load_paths();
  return paths;
}

}  // namespace aip::iam
