// What an input path is, decided in one place for every command: a spec (a
// top-level `aip:` key), a CloudFormation template (JSON or YAML) or a cloud
// assembly directory (manifest.json). Files are read once, within the
// hostile-input limits of base/input_limits.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "base/diagnostics.hpp"
#include "base/source.hpp"

namespace aip::driver {

enum class InputKind { spec, cloudformation, assembly, unknown };

// The kind of a file's text: a spec when a line starts with the key `aip`
// (even if the rest is malformed: the spec reader reports its errors best) or
// its root map has `aip` (JSON); a template when its root map has `Resources`
// or `AWSTemplateFormatVersion`, or, malformed, when it looks like one (a
// `Resources:` line, a "Resources" key, a .json name or a leading `{`).
InputKind sniff(std::string_view path, std::string_view text);

struct Input {
  InputKind kind = InputKind::unknown;
  std::string path;
  const SourceFile* file = nullptr;  // the text, read once; nullptr for a directory
};

enum class Directories { refused, assemblies };

// Reads `path` and sniffs it. A directory is an assembly (whatever it holds)
// for commands that take one, else unreadable like any file that cannot be read.
// nullopt when it cannot be read, with an error (no location) in `diags`.
std::optional<Input> read_input(const std::string& path, SourceManager& sources, Diagnostics& diags,
                                Directories directories = Directories::refused);

}  // namespace aip::driver
