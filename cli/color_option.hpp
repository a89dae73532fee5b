// `--color never|always|auto` on aip and on every command, so it may be given
// before or after the command name.
#pragma once

#include <CLI/CLI.hpp>

namespace aip::cli {

// Call after every command is added.
void add_color_option(CLI::App& app);

}  // namespace aip::cli
