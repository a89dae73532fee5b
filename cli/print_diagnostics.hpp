// Diagnostics from the libraries, printed to stderr, in colour only to a terminal.
#pragma once

#include "base/diagnostics.hpp"
#include "driver/render_diagnostics.hpp"

namespace aip::cli {

using driver::Detail;

void print_diagnostics(const Diagnostics& diags, Detail detail = Detail::full);

}  // namespace aip::cli
