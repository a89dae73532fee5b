// `aip validate SPEC`: every spec check, nothing written.
#include <fmt/format.h>

#include "commands.hpp"
#include "driver/input.hpp"
#include "driver/synthesize.hpp"
#include "exit_codes.hpp"
#include "print_diagnostics.hpp"
#include "validate_template.hpp"

namespace aip::cli {

void add_validate_command(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand(
      "validate", "Check a spec (syntax, types, references, CIDR math) or any CloudFormation template; write nothing");
  auto path = std::make_shared<std::string>();
  cmd->add_option("file", *path, "Platform spec (YAML) or CloudFormation template (JSON or YAML)")->required();
  cmd->footer(
      "Examples:\n"
      "  aip validate platform.yaml\n"
      "  aip validate cdk.out/my-stack.template.json\n"
      "  aip validate template.yaml            # short-form tags (!Ref, !Sub ...) included\n\n"
      "A file with a top-level `aip:` key is a spec; one with `Resources` is a template, checked against\n"
      "the official CloudFormation resource schemas.\n"
      "Exit codes: 0 valid, 1 template findings, 2 spec errors or unreadable input\n"
      "(each printed as file:line:col: error: ...).");
  cmd->callback([path, &exit_code] {
    SourceManager sources;
    Diagnostics diags;
    auto input = driver::read_input(*path, sources, diags);
    if (!input) {
      print_diagnostics(diags);
      exit_code = kExitInput;
      return;
    }
    if (input->kind == driver::InputKind::cloudformation) {
      exit_code = validate_template_file(*input->file);
      return;
    }
    // Anything else is checked as a spec: the spec reader says what is wrong with it.
    driver::Synthesis synthesis = driver::synthesize(*input->file, {driver::Stage::plan});
    if (!synthesis.ok()) {
      print_diagnostics(synthesis.diagnostics);
      exit_code = kExitInput;
      return;
    }
    fmt::print("{}: valid\n", *path);
    exit_code = kExitOk;
  });
}

}  // namespace aip::cli
