// `aip lint`: not implemented yet.
#include <fmt/format.h>

#include "commands.hpp"
#include "exit_codes.hpp"

namespace aip::cli {

void add_lint_command(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("lint", "Check a spec or template for least privilege, CIDR conflicts, exposure and encryption (not implemented yet)");
  cmd->allow_extras();
  cmd->callback([&exit_code] {
    fmt::print(stderr, "aip: error: 'lint' is not implemented in this version yet\n");
    exit_code = kExitInput;
  });
}

}  // namespace aip::cli
