#include "driver/render_diagnostics.hpp"

#include <fmt/format.h>

namespace aip::driver {

std::string render_diagnostics(const Diagnostics& diags, Detail detail, bool color) {
  std::string out;
  Diagnostics located;
  for (const Diagnostic& d : diags.items()) {
    if (d.location.file == nullptr) out += fmt::format("aip: {}: {}\n", to_string(d.severity), d.message);
    else if (detail == Detail::brief) out += headline(d) + "\n";
    else located.add(d);
  }
  if (!located.items().empty()) out += render_all(located, color);
  return out;
}

}  // namespace aip::driver
