// Source files and positions: every spec value remembers where it came from.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/input_limits.hpp"

namespace aip {

// Reads a whole file into *out. Refuses one over `limit` bytes without reading
// it all (a huge file, /dev/zero), so hostile input cannot exhaust memory
// before the parsers' own limits apply. On failure sets *error to
// "cannot read 'PATH': why" and returns false.
bool read_file(const std::string& path, std::string* out, std::string* error,
               std::size_t limit = InputLimits{}.max_bytes);

// One loaded file. Kept alive by a SourceManager so Locations can point at it.
struct SourceFile {
  std::string path;
  std::string text;
  std::vector<std::size_t> line_starts;  // offset of each line's first byte

  SourceFile(std::string p, std::string t);
  // The text of a 1-based line without its newline; empty when out of range.
  std::string_view line(int number) const;
};

// A 1-based line and column in a file; file == nullptr means "no location".
struct Location {
  const SourceFile* file = nullptr;
  int line = 0;
  int column = 0;

  bool valid() const { return file != nullptr && line > 0; }
  std::string str() const;  // "path:line:col", or "path" / "<unknown>"
};

// Owns every file read during a run; addresses stay stable for Locations.
class SourceManager {
 public:
  const SourceFile& add(std::string path, std::string text);
  // Reads a file from disk. Returns nullptr and sets *error if it cannot.
  const SourceFile* load(const std::string& path, std::string* error);

 private:
  std::vector<std::unique_ptr<SourceFile>> files_;
};

}  // namespace aip
