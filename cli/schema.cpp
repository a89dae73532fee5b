// `aip schema`: the JSON Schema (draft-07) of the spec format, for editors.
#include <fmt/format.h>

#include "bundled/bundled.hpp"
#include "cfn/schema/schema_db.hpp"
#include "commands.hpp"
#include "exit_codes.hpp"
#include "lint/lint.hpp"

namespace aip::cli {

void add_schema_command(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("schema", "Print the JSON Schema of the spec format (completion and checks in editors)");
  cmd->footer(
      "Examples:\n"
      "  aip schema > aip.schema.json\n"
      "then, at the top of platform.yaml (YAML language server, e.g. the VS Code YAML extension):\n"
      "  # yaml-language-server: $schema=./aip.schema.json\n\n"
      "The schema checks keys, types and allowed values (the resource types of `resources:` are\n"
      "those of the CloudFormation schemas this build carries); `aip validate` also checks references,\n"
      "names and CIDR math.\n"
      "Exit codes: 0 printed.");
  cmd->callback([&exit_code] {
    std::vector<std::string> rule_ids;
    for (const lint::Rule* rule : lint::all_rules()) rule_ids.push_back(rule->info.id);
    fmt::print("{}", bundled::spec_schema(rule_ids, cfn::SchemaDb::builtin().type_names()));
    exit_code = kExitOk;
  });
}

}  // namespace aip::cli
