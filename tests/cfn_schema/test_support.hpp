#pragma once
// Helpers shared by the cfn_schema tests: load a corpus file and render its
// findings as "Stack/Path: message [ID rule] @line:col" lines.
#include "cfn/schema/check_catalog.hpp"
#include "cfn/schema/template_loader.hpp"
#include "cfn/schema/validate.hpp"

#include <string>
#include <vector>

namespace aip::cfn::test {

inline std::string corpus_path(const std::string& relative) {
  return std::string(AIP_SOURCE_DIR) + "/tests/cfn_schema/" + relative;
}

inline std::vector<std::string> render(const LoadedTemplate& t, const std::vector<SchemaFinding>& findings) {
  std::vector<std::string> out;
  for (const auto& f : findings) {
    std::string line = format_finding_path("T", f) + ": " + f.message + " [" + check_label(f.rule) + "]";
    if (auto loc = t.locate(f.path)) line += " @" + std::to_string(loc->line) + ":" + std::to_string(loc->column);
    out.push_back(std::move(line));
  }
  return out;
}

inline std::vector<std::string> validate_file(const std::string& relative) {
  const LoadedTemplate t = load_template_file(corpus_path(relative));
  return render(t, validate_template(t.json, SchemaDb::builtin()));
}

}  // namespace aip::cfn::test
