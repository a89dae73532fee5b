// A hand-written reader for the common block subset of YAML (block maps and
// sequences, one-line plain and quoted scalars, one-line flow collections of
// scalars, block scalars, `!Tag` short tags, comments). It builds exactly the
// tree parse_yaml's yaml-cpp path builds, locations included, at a fraction
// of the cost; on anything outside the subset, and on any error (syntax,
// duplicate key, limit), it declines and parse_yaml takes the yaml-cpp path,
// so every diagnostic still comes from there.
#pragma once

#include <optional>
#include <string>

#include "base/yaml_tree.hpp"

namespace aip {

// The tree of `file` (already checked for size, UTF-8 and printable
// characters), or nullopt when the reader declines; then, when `why` is given,
// it names the construct that made it decline (for tests and tuning).
std::optional<YamlNode> read_yaml_fast(const SourceFile& file, const YamlLimits& limits,
                                       const char** why = nullptr);

// parse_yaml without the fast reader in front of yaml-cpp's event parser:
// what the differential test and fuzzer compare the fast reader with. (Declared
// here, not in the widely included yaml_tree.hpp; defined in yaml_tree.cpp.)
std::optional<YamlNode> parse_yaml_with_yaml_cpp(const SourceFile& file, Diagnostics& diags,
                                                 const YamlLimits& limits = {});

// Where two trees first differ (kind, text, quoted, tag, location, entries,
// items), as "path: what"; empty when they are the same. For the differential
// test and fuzzer that hold this reader to yaml-cpp's.
std::string yaml_tree_difference(const YamlNode& a, const YamlNode& b);

}  // namespace aip
