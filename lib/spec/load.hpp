// Entry point of lib/spec: a file becomes a checked Spec, or diagnostics.
#pragma once

#include <optional>

#include "spec/diagnostics.hpp"
#include "spec/spec.hpp"
#include "spec/yaml_tree.hpp"

namespace aip::spec {

// Parses YAML, reads the typed model and runs every semantic check. Returns
// nullopt if any error was reported; all errors of the run are in `diags`.
std::optional<Spec> load_spec(const SourceFile& file, Diagnostics& diags);

// The steps of load_spec, for tests and tools that need one of them.
Spec read_spec(const YamlNode& root, const SourceFile& file, Diagnostics& diags);
void read_network(const YamlNode& node, Spec& spec, Diagnostics& diags);
void check_spec(const Spec& spec, Diagnostics& diags);

}  // namespace aip::spec
