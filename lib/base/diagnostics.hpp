// Diagnostics in the clang style: "file:line:col: error: message", the source
// line, and a caret under the column. A run collects all of them, not just the first.
// Spec diagnostics and lint findings (lint::Finding is a Diagnostic plus a rule
// id) are this one type, drawn by this one renderer.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/source.hpp"

namespace aip {

// Ordered from least to most severe, so "at or above a level" compares with >=.
//   note:  a remark attached to another diagnostic ("security group declared here")
//   info:  a diagnostic of its own that only informs (lint's lowest level)
//   warning, error: what they say
// Each has one word in every output: "note", "info", "warning", "error".
enum class Severity { note, info, warning, error };
const char* to_string(Severity s);

struct Diagnostic {
  Severity severity = Severity::error;
  Location location;  // file == nullptr: about no place in particular
  std::string message;
  std::vector<Diagnostic> notes;  // related places ("security group declared here")

  // Attaches a note; `where` may be Location{} when the note names no place.
  Diagnostic& note(Location where, std::string text);
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

struct RenderOptions {
  bool color = false;
  // Appended to the headline's message, e.g. " [AIP-IAM-001]" (lint's rule id).
  std::string_view suffix = {};
};

// The first line without colour or source: "file:line:col: error: message",
// or "error: message" for a diagnostic without a file.
std::string headline(const Diagnostic& d);

// Renders one diagnostic and its notes, each as
//   file:line:col: error: message<suffix>
//     the source line (a window around the column when it is long)
//     ^
// A diagnostic without a file has no location prefix and no source line
// ("note: in rendered resource ..."). The suffix goes on the headline only.
std::string render(const Diagnostic& d, const RenderOptions& options = {});
// Renders all, followed by "N errors generated." when there are errors.
std::string render_all(const Diagnostics& diags, bool color);

}  // namespace aip
