// One side of a diff from a path: a spec (YAML with a top-level `aip:` key,
// planned and rendered like `aip synth`), a cloud assembly directory
// (manifest.json and its stack templates, nested assemblies included) or a
// single CloudFormation template (JSON or YAML, short-form tags accepted).
#pragma once

#include <optional>
#include <string>

#include "diff/diff.hpp"
#include "spec/load.hpp"

namespace aip::diff {

struct LoadResult {
  std::optional<Side> side;
  std::string error;  // when !side: what to print (diagnostics, or "aip: error: ..." lines)
};

// `color` only affects how spec diagnostics are rendered. A spec is loaded with
// `options`, as synth and lint load it (the CLI passes the lint rule ids, so
// a suppression of a rule aip does not have is an error here too).
LoadResult load_side(const std::string& path, bool color, const spec::LoadOptions& options = {});

}  // namespace aip::diff
