// `aip validate` on a CloudFormation template (JSON or YAML, anyone's): schema
// findings at the template's line and column.
#pragma once

#include <string>

#include "base/source.hpp"

namespace aip::cli {

// True when `file` looks like a CloudFormation template rather than an aip spec.
bool is_template(const SourceFile& file);

// Prints findings to stderr; returns the exit code (0 valid, 1 findings, 2 unreadable).
int validate_template_file(const SourceFile& file);

}  // namespace aip::cli
