#include "print_diagnostics.hpp"

#include <fmt/format.h>

#include "terminal.hpp"

namespace aip::cli {

void print_diagnostics(const Diagnostics& diags, Detail detail) {
  fmt::print(stderr, "{}", driver::render_diagnostics(diags, detail, use_color(stderr)));
}

}  // namespace aip::cli
