#include "validate_template.hpp"

#include <fmt/format.h>

#include "driver/template_input.hpp"
#include "exit_codes.hpp"
#include "print_diagnostics.hpp"

namespace aip::cli {

int validate_template_file(const SourceFile& file) {
  Diagnostics diags;
  auto loaded = driver::load_template(file, diags);
  if (!loaded) {
    print_diagnostics(diags);
    return kExitInput;
  }
  Diagnostics findings = driver::validate_template(file, *loaded);
  if (!findings.items().empty()) print_diagnostics(findings);  // warnings alone leave it valid
  if (findings.has_errors()) return kExitFindings;
  fmt::print("{}: valid CloudFormation template\n", file.path);
  return kExitOk;
}

}  // namespace aip::cli
