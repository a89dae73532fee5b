// `aip diff`: not implemented yet.
#include <fmt/format.h>

#include "commands.hpp"
#include "exit_codes.hpp"

namespace aip::cli {

void add_diff_command(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("diff", "Compare two versions of a platform (spec, assembly directory or template) (not implemented yet)");
  cmd->allow_extras();
  cmd->callback([&exit_code] {
    fmt::print(stderr, "aip: error: 'diff' is not implemented in this version yet\n");
    exit_code = kExitInput;
  });
}

}  // namespace aip::cli
