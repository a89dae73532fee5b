// `aip validate SPEC|TEMPLATE`: every spec check, or every template check; nothing written.
#include <fmt/format.h>

#include "cfn/schema/check_catalog.hpp"
#include "commands.hpp"
#include "driver/input.hpp"
#include "driver/synthesize.hpp"
#include "exit_codes.hpp"
#include "print_diagnostics.hpp"
#include "validate_template.hpp"

namespace aip::cli {
namespace {

// One line per check: id, severity, rule, summary (docs/validate-checks.md explains them).
void print_check_catalog() {
  for (const cfn::CheckInfo& c : cfn::check_catalog()) {
    fmt::print("{}  {:<7}  {:<26}  {}\n", c.id, cfn::severity_name(c.severity), c.rule, c.summary);
  }
}

}  // namespace

void add_validate_command(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand(
      "validate", "Check a spec (syntax, types, references, CIDR math) or any CloudFormation template; write nothing");
  auto path = std::make_shared<std::string>();
  auto list_checks = std::make_shared<bool>(false);
  cmd->add_option("file", *path, "Platform spec (YAML) or CloudFormation template (JSON or YAML)");
  cmd->add_flag("--list-checks", *list_checks, "List the template checks (id, severity, rule, summary) and exit");
  cmd->footer(
      "Examples:\n"
      "  aip validate platform.yaml\n"
      "  aip validate cdk.out/my-stack.template.json\n"
      "  aip validate template.yaml            # short-form tags (!Ref, !Sub ...) included\n\n"
      "A file with a top-level `aip:` key is a spec; one with `Resources` is a template, checked against\n"
      "the official CloudFormation resource schemas. Each template finding names its check\n"
      "([AIP-CFN-E020 unknown-property]); `aip validate --list-checks` lists them.\n"
      "Exit codes: 0 valid, 1 template findings, 2 spec errors or unreadable input\n"
      "(each printed as file:line:col: error: ...).");
  cmd->callback([path, list_checks, &exit_code] {
    if (*list_checks) {
      print_check_catalog();
      exit_code = kExitOk;
      return;
    }
    if (path->empty()) {
      fmt::print(stderr, "aip: error: validate needs a FILE (or --list-checks)\n");
      exit_code = kExitInput;
      return;
    }
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
