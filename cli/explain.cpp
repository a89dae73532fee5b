// `aip explain`: not implemented yet.
#include <fmt/format.h>

#include "commands.hpp"
#include "exit_codes.hpp"

namespace aip::cli {

void add_explain_command(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("explain", "Print the documentation of a lint rule (not implemented yet)");
  cmd->allow_extras();
  cmd->callback([&exit_code] {
    fmt::print(stderr, "aip: error: 'explain' is not implemented in this version yet\n");
    exit_code = kExitInput;
  });
}

}  // namespace aip::cli
