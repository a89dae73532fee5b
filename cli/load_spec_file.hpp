// Shared by commands that take a spec: read the file, load and check it, and
// print diagnostics to stderr.
#pragma once

#include <optional>
#include <string>

#include "base/source.hpp"
#include "spec/load.hpp"

namespace aip::cli {

// How every command loads a spec: `lint: {suppress: ...}` may name only rules
// aip has (a typo is a spec error, with a did-you-mean).
spec::LoadOptions spec_load_options();

// nullopt after printing the errors (exit code 2 is the caller's to return).
std::optional<spec::Spec> load_spec_file(const std::string& path, SourceManager& sources);

}  // namespace aip::cli
