// `aip validate` on a CloudFormation template (JSON or YAML, anyone's): schema
// findings at the template's line and column.
#pragma once

#include "base/source.hpp"

namespace aip::cli {

// Prints findings to stderr; returns the exit code (0 valid, 1 findings, 2 unreadable).
int validate_template_file(const SourceFile& file);

}  // namespace aip::cli
