// How a command shows diagnostics, as text: the CLI prints it (choosing
// colour), tests compare it without starting a process.
#pragma once

#include <string>

#include "base/diagnostics.hpp"

namespace aip::driver {

enum class Detail {
  full,  // source line and caret, then "N errors generated."
  brief  // "file:line:col: error: message" only
};

// Diagnostics with no location are about the input or the run as a whole:
// "aip: error: message", first. The others as `detail` says.
std::string render_diagnostics(const Diagnostics& diags, Detail detail, bool color);

}  // namespace aip::driver
