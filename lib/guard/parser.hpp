// Parses a Guard 3 rule file into a RuleFile. Errors are diagnostics at the
// rule file's line and column, with a did-you-mean for keywords, operators,
// functions, variables and rule names.
#pragma once

#include <optional>

#include "base/diagnostics.hpp"
#include "base/source.hpp"
#include "guard/ast.hpp"

namespace aip::guard {

// nullopt when the file has errors (all reported to `diags`).
std::optional<RuleFile> parse_rule_file(const SourceFile& file, Diagnostics& diags);

// The built-in functions and how many arguments each takes.
struct FunctionSignature {
  const char* name;
  int min_arguments;
  int max_arguments;
};
const std::vector<FunctionSignature>& builtin_functions();

}  // namespace aip::guard
