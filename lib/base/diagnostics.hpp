// Diagnostics in the clang style: "file:line:col: error: message", the source
// line, and a caret under the column. A run collects all of them, not just the first.
#pragma once

#include <string>
#include <vector>

#include "base/source.hpp"

namespace aip {

enum class Severity { error, warning, note };

struct Diagnostic {
  Severity severity = Severity::error;
  Location location;
  std::string message;
  std::vector<Diagnostic> notes;  // related places ("security group declared here")
};

class Diagnostics {
 public:
  Diagnostic& error(Location where, std::string message);
  Diagnostic& warning(Location where, std::string message);
  void add(Diagnostic d) { items_.push_back(std::move(d)); }

  bool has_errors() const;
  std::size_t error_count() const;
  // In source order (file, line, column), so output is stable however checks ran.
  std::vector<Diagnostic> sorted() const;
  const std::vector<Diagnostic>& items() const { return items_; }

 private:
  std::vector<Diagnostic> items_;
};

// Renders one diagnostic (and its notes) with the source line and caret.
std::string render(const Diagnostic& d, bool color);
// Renders all, followed by "N errors generated." when there are errors.
std::string render_all(const Diagnostics& diags, bool color);

}  // namespace aip
