#include "base/diagnostics.hpp"

#include <algorithm>
#include <tuple>

#include <fmt/format.h>

namespace aip {
namespace {

const char* severity_color(Severity s) {
  switch (s) {
    case Severity::error: return "\033[1;31m";
    case Severity::warning: return "\033[1;35m";
    case Severity::info: return "\033[1;36m";
    case Severity::note: return "\033[1;36m";
  }
  return "";
}

// The source line of `where` and a caret under its column. Long lines
// (minified JSON) are shown as a window around the column.
void render_source_line(std::string& out, const Location& where, bool color) {
  std::string_view line = where.file->line(where.line);
  std::size_t column = static_cast<std::size_t>(std::max(where.column, 1)) - 1;
  constexpr std::size_t kWidth = 100;
  std::string prefix;
  if (line.size() > kWidth && column > kWidth / 2) {
    std::size_t start = std::min(column - kWidth / 2, line.size() - std::min(line.size(), kWidth));
    line.remove_prefix(start);
    column -= start;
    prefix = "...";
  }
  std::string suffix = line.size() > kWidth ? "..." : "";
  line = line.substr(0, kWidth);
  if (line.empty()) return;
  out += fmt::format("  {}{}{}\n", prefix, line, suffix);
  // Tabs are kept so the caret lines up under tab-indented text too.
  std::string pad(prefix.size(), ' ');
  for (std::size_t i = 0; i < column && i < line.size(); ++i) pad += line[i] == '\t' ? '\t' : ' ';
  out += fmt::format("  {}{}^{}\n", pad, color ? "\033[1;32m" : "", color ? "\033[0m" : "");
}

void render_into(std::string& out, const Diagnostic& d, const RenderOptions& options) {
  const bool color = options.color;
  const char* bold = color ? "\033[1m" : "";
  const char* reset = color ? "\033[0m" : "";
  std::string where = d.location.file != nullptr ? fmt::format("{}{}: ", bold, d.location.str()) : std::string();
  out += fmt::format("{}{}{}:{} {}{}{}{}\n", where, color ? severity_color(d.severity) : "", to_string(d.severity),
                     reset, bold, d.message, options.suffix, reset);
  if (d.location.valid()) render_source_line(out, d.location, color);
  RenderOptions for_notes = options;
  for_notes.suffix = {};
  for (const Diagnostic& note : d.notes) render_into(out, note, for_notes);
}

}  // namespace

const char* to_string(Severity s) {
  switch (s) {
    case Severity::note: return "note";
    case Severity::info: return "info";
    case Severity::warning: return "warning";
    case Severity::error: return "error";
  }
  return "error";
}

Diagnostic& Diagnostic::note(Location where, std::string text) {
  notes.push_back(Diagnostic{Severity::note, where, std::move(text), {}});
  return *this;
}

Diagnostic& Diagnostics::error(Location where, std::string message) {
  items_.push_back(Diagnostic{Severity::error, where, std::move(message), {}});
  return items_.back();
}

Diagnostic& Diagnostics::warning(Location where, std::string message) {
  items_.push_back(Diagnostic{Severity::warning, where, std::move(message), {}});
  return items_.back();
}

bool Diagnostics::has_errors() const { return error_count() > 0; }

std::size_t Diagnostics::error_count() const {
  return static_cast<std::size_t>(std::count_if(
      items_.begin(), items_.end(), [](const Diagnostic& d) { return d.severity == Severity::error; }));
}

std::vector<Diagnostic> Diagnostics::sorted() const {
  std::vector<Diagnostic> out = items_;
  std::stable_sort(out.begin(), out.end(), [](const Diagnostic& a, const Diagnostic& b) {
    auto key = [](const Diagnostic& d) {
      return std::make_tuple(d.location.file ? d.location.file->path : std::string(), d.location.line,
                             d.location.column);
    };
    return key(a) < key(b);
  });
  return out;
}

std::string headline(const Diagnostic& d) {
  if (d.location.file == nullptr) return fmt::format("{}: {}", to_string(d.severity), d.message);
  return fmt::format("{}: {}: {}", d.location.str(), to_string(d.severity), d.message);
}

std::string render(const Diagnostic& d, const RenderOptions& options) {
  std::string out;
  render_into(out, d, options);
  return out;
}

std::string render_all(const Diagnostics& diags, bool color) {
  std::string out;
  for (const Diagnostic& d : diags.sorted()) render_into(out, d, RenderOptions{color, {}});
  std::size_t errors = diags.error_count();
  if (errors > 0) out += fmt::format("{} error{} generated.\n", errors, errors == 1 ? "" : "s");
  return out;
}

}  // namespace aip
