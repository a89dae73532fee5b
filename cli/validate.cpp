// `aip validate SPEC`: every spec check, nothing written.
#include <fmt/format.h>

#include "commands.hpp"
#include "exit_codes.hpp"
#include "load_spec_file.hpp"
#include "plan/plan.hpp"
#include "terminal.hpp"

namespace aip::cli {

void add_validate_command(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("validate", "Check a spec (syntax, types, references, CIDR math); write nothing");
  auto path = std::make_shared<std::string>();
  cmd->add_option("spec", *path, "Platform spec (YAML)")->required();
  cmd->footer(
      "Examples:\n"
      "  aip validate platform.yaml\n"
      "  aip validate blueprints/network.yaml && echo ok\n\n"
      "Exit codes: 0 valid, 2 spec errors (each printed as file:line:col: error: ...).");
  cmd->callback([path, &exit_code] {
    SourceManager sources;
    auto spec = load_spec_file(*path, sources);
    if (!spec) {
      exit_code = kExitInput;
      return;
    }
    // Planning finds the remaining spec errors (clashing resource ids).
    Diagnostics diags;
    if (!plan::plan_platform(*spec, diags)) {
      fmt::print(stderr, "{}", render_all(diags, use_color(stderr)));
      exit_code = kExitInput;
      return;
    }
    fmt::print("{}: valid\n", *path);
    exit_code = kExitOk;
  });
}

}  // namespace aip::cli
