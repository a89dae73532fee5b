// A CloudFormation template file (anyone's, JSON or YAML): loaded with line
// and column for every value, and checked against the resource schemas.
#pragma once

#include <optional>
#include <string>

#include "base/diagnostics.hpp"
#include "base/source.hpp"
#include "cfn/schema/template_loader.hpp"

namespace aip::driver {

// nullopt when the text is not a template, with the error at its line and
// column (line 0: about the whole file, e.g. its size) in `diags`.
std::optional<cfn::LoadedTemplate> load_template(const SourceFile& file, Diagnostics& diags);

// The stack a standalone template stands for: its file name without
// .template.json / .json / .yaml ..., as CloudFormation users name them.
std::string stack_name_of_file(const std::string& path);

// Schema findings, one diagnostic each at the template's line and column,
// with the check's id and rule ("[AIP-CFN-E020 unknown-property]") and the
// catalog's severity.
// `loaded` must come from `file`.
Diagnostics validate_template(const SourceFile& file, const cfn::LoadedTemplate& loaded);

}  // namespace aip::driver
