#include "driver/render_diagnostics.hpp"

#include <fmt/format.h>

namespace aip::driver {
namespace {

const char* severity_name(Severity s) {
  switch (s) {
    case Severity::error: return "error";
    case Severity::warning: return "warning";
    case Severity::note: return "note";
  }
  return "error";
}

}  // namespace

std::string render_diagnostics(const Diagnostics& diags, Detail detail, bool color) {
  std::string out;
  Diagnostics located;
  for (const Diagnostic& d : diags.items()) {
    if (d.location.file == nullptr) out += fmt::format("aip: {}: {}\n", severity_name(d.severity), d.message);
    else if (detail == Detail::brief) out += fmt::format("{}: {}: {}\n", d.location.str(), severity_name(d.severity), d.message);
    else located.add(d);
  }
  if (!located.items().empty()) out += render_all(located, color);
  return out;
}

}  // namespace aip::driver
