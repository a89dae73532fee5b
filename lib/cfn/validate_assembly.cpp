#include "cfn/validate_assembly.hpp"

#include <algorithm>

#include "cfn/schema/check_catalog.hpp"
#include "cfn/schema/validate.hpp"
#include "base/parallel.hpp"

namespace aip::cfn {

std::vector<std::string> validate_assembly(const Assembly& assembly, const std::map<std::string, Json>& templates) {
  std::vector<std::string> out;
  const SchemaDb& db = SchemaDb::builtin();
  // The stacks are checked on two cores, each into its own slot (SchemaDb and
  // the pattern cache are shared behind their locks); the sort below makes the
  // order of the findings independent of which thread found them.
  std::vector<std::vector<std::string>> findings(assembly.stacks.size());
  for_each_index(assembly.stacks.size(), [&](std::size_t i) {
    const Stack& stack = assembly.stacks[i];
    for (const SchemaFinding& f : validate_template(templates.at(stack.id), db)) {
      // Warnings are legal CloudFormation: synth refuses only what would fail to deploy.
      if (check_severity(f.rule) == CheckSeverity::warning) continue;
      findings[i].push_back(format_finding_path(stack.id, f) + ": " + f.message + " [" + check_label(f.rule) + "]");
    }
  });
  std::map<std::string, std::vector<std::pair<std::string, Json>>> by_environment;
  for (std::size_t i = 0; i < assembly.stacks.size(); ++i) {
    const Stack& stack = assembly.stacks[i];
    for (std::string& finding : findings[i]) out.push_back(std::move(finding));
    // Export names are unique per environment: that check reads only Outputs,
    // so it gets only them, not a copy of the whole template.
    const Json& document = templates.at(stack.id);
    Json outputs_only = Json::object();
    if (auto outputs = document.find("Outputs"); outputs != document.end()) outputs_only["Outputs"] = *outputs;
    by_environment[stack.environment()].emplace_back(stack.id, std::move(outputs_only));
  }
  for (const auto& [environment, stacks] : by_environment) {
    for (const SchemaFinding& f : check_unique_exports(stacks)) {
      out.push_back(format_finding_path("", f) + ": " + f.message + " [" + check_label(f.rule) + "]");
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace aip::cfn
