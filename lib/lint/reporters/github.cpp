// GitHub Actions workflow commands: ::error file=F,line=L,col=C,title=ID::message
#include <fmt/format.h>

#include "lint/reporters/reporters.hpp"

namespace aip::lint {
namespace {

std::string escape_data(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '%') out += "%25";
    else if (c == '\r') out += "%0D";
    else if (c == '\n') out += "%0A";
    else out += c;
  }
  return out;
}

std::string escape_property(std::string_view s) {
  std::string out;
  for (char c : escape_data(s)) {
    if (c == ':') out += "%3A";
    else if (c == ',') out += "%2C";
    else out += c;
  }
  return out;
}

const char* command(Severity s) {
  switch (s) {
    case Severity::error: return "error";
    case Severity::warning: return "warning";
    case Severity::info: return "notice";
    case Severity::note: return "notice";
  }
  return "warning";
}

}  // namespace

std::string report_github(const std::vector<Finding>& findings, const ReportOptions&) {
  std::string out;
  for (const Finding& f : findings) {
    if (f.suppressed) continue;
    std::string message = f.message;
    for (const Diagnostic& note : f.notes) message += "\n" + headline(note);
    out += fmt::format("::{} file={},line={},col={},title={}::{}\n", command(f.severity),
                       escape_property(f.location.file != nullptr ? f.location.file->path : ""), f.location.line,
                       f.location.column, escape_property(f.rule), escape_data(message));
  }
  return out;
}

}  // namespace aip::lint
