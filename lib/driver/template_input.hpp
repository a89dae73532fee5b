// A CloudFormation template file (anyone's, JSON or YAML): loaded with line
// and column for every value, and checked against the resource schemas.
#pragma once

#include <optional>
#include <string>
#include <vector>

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

// What one argument of `aip validate` stands for. A file is itself. A cloud
// assembly (a directory with manifest.json) is the templateFile of each of
// its aws:cloudformation:stack artifacts, nested assemblies included. Any
// other directory is every .json, .yaml, .yml and .template file under it,
// sorted; `from_directory` tells the caller to skip those that are not
// templates. nullopt, with an error in `diags`, when the manifest is unusable.
struct ValidateArgument {
  std::vector<std::string> files;
  bool from_directory = false;  // a plain directory: keep only the templates
};
std::optional<ValidateArgument> expand_validate_argument(const std::string& arg, Diagnostics& diags);

}  // namespace aip::driver
