// One side of a diff from a path: a spec (YAML with a top-level `aip:` key,
// planned and rendered like `aip synth`), a cloud assembly directory
// (manifest.json and its stack templates, nested assemblies included) or a
// single CloudFormation template (JSON or YAML, short-form tags accepted).
// What the path is, is lib/driver's to say, as for every command.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "base/diagnostics.hpp"
#include "diff/diff.hpp"
#include "driver/synthesize.hpp"

namespace aip::diff {

struct LoadResult {
  std::optional<Side> side;
  // When !side: why. Spec errors (kind Spec) have the spec's source lines to
  // show; the others are one line each: "file:line:col: error: ..." or, with
  // no location, about the input as a whole.
  Diagnostics diagnostics;
  SideKind kind = SideKind::Template;
  std::unique_ptr<SourceManager> sources = std::make_unique<SourceManager>();  // what locations point into
};

// A spec is loaded with `options`, as synth and lint load it (by default a
// suppression of a rule aip does not have is an error here too).
LoadResult load_side(const std::string& path, const spec::LoadOptions& options = driver::spec_load_options());

}  // namespace aip::diff
